import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { columnsOf, readRows, tablesOf, type Extraction } from './extraction.js';
import { appleTime, jidNumber, party, toE164 } from './normalise.js';
import { attributedBodyText } from './typedstream.js';
import type {
  DeviceAttachment,
  DeviceRecord,
  ExtractionReader,
  Party,
  ReadSink,
  Timestamp,
} from './types.js';

/**
 * Reads an iOS full-file-system extraction (iLEAPP / Cellebrite / Magnet / IPED layouts): Messages
 * (`sms.db`), the address book, the phone's call history, the accounts, and WhatsApp's AppGroup
 * (`ChatStorage.sqlite`, `ContactsV2.sqlite`, `CallHistory.sqlite`, the shared preferences plist).
 *
 * Files are found by the end of their path, since the prefix differs per tool
 * (`private/var/mobile/…`, `filesystem2/mobile/…`, `mobile/…`) and the WhatsApp AppGroup GUID per
 * device. Every database is opened through `x.openSqlite` (a private copy with its WAL). Counting
 * rule: one record per row of ABPerson, ZWAADDRESSBOOKCONTACT, ZCALLRECORD, ZWACDCALLEVENT, chat,
 * ZWACHATSESSION, message, ZWAMESSAGE, ZACCOUNT (top-level, with a user name), and one WhatsApp
 * account per shared plist naming its OwnJabberID. Helper tables (handle, joins, attachment,
 * ABMultiValue, ZWAGROUPMEMBER, ZWAMEDIAITEM, …) only fill those records in.
 *
 * Never throws for bad input: an unreadable file, an unknown schema or a damaged table is a warning
 * naming the file, and everything else is still read.
 */

type Db = Database.Database;
type Row = Record<string, unknown>;

const DRAIN_EVERY = 1_000;

const SMS = /(^|\/)Library\/SMS\/sms\.db$/;
const ADDRESS_BOOK = /(^|\/)Library\/AddressBook\/AddressBook\.sqlitedb$/;
const CALL_HISTORY = /(^|\/)Library\/CallHistoryDB\/CallHistory\.storedata$/;
const ACCOUNTS = /(^|\/)Library\/Accounts\/Accounts3\.sqlite$/;
const APP_GROUP_FILE =
  /^(.*(?:^|\/)Containers\/Shared\/AppGroup\/[^/]+)\/(ChatStorage\.sqlite|ContactsV2\.sqlite|CallHistory\.sqlite|Library\/Preferences\/group\.net\.whatsapp\.(?:WhatsApp|WhatsAppSMB)\.shared\.plist)$/;

/** Where records go: counts them and lets the sink drain often enough. */
class Out {
  private pending = 0;

  constructor(readonly sink: ReadSink) {}

  get country(): string {
    return this.sink.country || 'NL';
  }

  record(r: DeviceRecord): void {
    this.sink.record(r);
    this.pending++;
  }

  warn(file: string, message: string): void {
    this.sink.warn({ file, message });
  }

  /** Whether the sink should drain now. */
  get due(): boolean {
    return this.pending >= DRAIN_EVERY;
  }

  async flush(force = false): Promise<void> {
    if (force || this.pending >= DRAIN_EVERY) {
      this.pending = 0;
      await this.sink.drain();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v);
}

/** A non-empty trimmed text, else null. */
function text(v: unknown): string | null {
  const s = str(v)?.trim();
  return s ? s : null;
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A stored time, exactly: integers selected as text come back as BigInt (nanoseconds exceed 2^53). */
function timeValue(v: unknown): number | bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  const s = String(v).trim();
  if (/^-?\d+$/.test(s)) return BigInt(s);
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function apple(v: unknown): Timestamp {
  const t = appleTime(timeValue(v));
  return t ?? { utc: null, original: str(v) ?? '', zone: 'apple-s' };
}

function basename(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Parsed parties by country and raw text: a message store names the same few handles again and again. */
const parties = new Map<string, Party>();

/** A party from a number, JID or e-mail, with a name only where the source gives one. */
function who(raw: string, country: string, name?: string | null): Party {
  const key = `${country}|${raw}`;
  let known = parties.get(key);
  if (!known) {
    known = party(raw, country);
    if (parties.size >= 100_000) parties.clear();
    parties.set(key, known);
  }
  return name ? { raw: known.raw, e164: known.e164, name } : { raw: known.raw, e164: known.e164 };
}

/** `"alias"."column" AS "as"` when the column exists, else `NULL AS "as"`. */
function col(cols: Set<string>, alias: string, name: string, as = name): string {
  return cols.has(name) ? `${alias}."${name}" AS "${as}"` : `NULL AS "${as}"`;
}

/** Apple's built-in labels (`_$!<Mobile>!$_`) as plain lower-case words; a custom label as typed. */
function abLabel(v: unknown): string | null {
  const s = text(v);
  if (!s) return null;
  const m = /^_\$!<(.+)>!\$_$/.exec(s);
  return m ? m[1]!.toLowerCase() : s;
}

/** Message text without the object replacement characters that stand for attachments. */
function cleanBody(s: string | null): string | null {
  if (s === null) return null;
  const out = s.replaceAll('\uFFFC', '');
  return out.trim() === '' ? null : out;
}

/**
 * Iterates a query, handing each row over and letting the sink drain between rows; a failure
 * (malformed page, missing column) becomes a warning and ends this table only.
 */
async function eachRow(
  out: Out,
  db: Db,
  file: string,
  table: string,
  sql: string,
  each: (row: Row) => void,
): Promise<boolean> {
  try {
    for (const row of db.prepare(sql).iterate() as IterableIterator<Row>) {
      each(row);
      if (out.due) await out.flush();
    }
    return true;
  } catch (error) {
    out.warn(file, `${table}: ${errorText(error)}; rows after this point not read`);
    return false;
  }
}

/** Rows of a small helper table, all at once (a failure is a warning and gives what was read). */
function allRows(out: Out, db: Db, file: string, table: string, sql: string): Row[] {
  const rows: Row[] = [];
  readRows<Row>(db, file, table, sql, out.sink, (r) => rows.push(r));
  return rows;
}

/** Checks the tables a reader needs; warns with the tables found when one is missing. */
function requireTables(out: Out, db: Db, file: string, needed: string[]): Set<string> | null {
  const tables = tablesOf(db);
  const missing = needed.filter((t) => !tables.has(t));
  if (missing.length === 0) return tables;
  const found = [...tables].sort();
  out.warn(
    file,
    `table ${missing.join(', ')} missing: unknown schema (tables found: ${found.length > 0 ? found.join(', ') : 'none'}); not read`,
  );
  return null;
}

/** Opens a database and runs a reader over it; anything unexpected becomes a warning. */
async function withDb(
  x: Extraction,
  out: Out,
  file: string,
  read: (db: Db) => Promise<void>,
): Promise<void> {
  let db: Db | null = null;
  try {
    db = x.openSqlite(file, out.sink);
    if (!db) return;
    await read(db);
  } catch (error) {
    out.warn(file, `cannot read: ${errorText(error)}`);
  } finally {
    try {
      db?.close();
    } catch {
      // closing a private copy cannot hurt the evidence
    }
  }
  await out.flush();
}

// ---------------------------------------------------------------------------------------------
// sms.db — Messages (SMS, MMS, iMessage)

async function readSms(x: Extraction, out: Out, file: string): Promise<void> {
  await withDb(x, out, file, async (db) => {
    const tables = requireTables(out, db, file, ['message']);
    if (!tables) return;
    const has = (t: string) => tables.has(t);
    const ownerPhones = new Set<string>();
    const ownerAccounts = new Set<string>();
    const handleParty = (id: unknown, country: unknown): Party | null => {
      const raw = text(id);
      if (!raw) return null;
      return who(raw, text(country)?.toUpperCase() ?? out.country);
    };

    // Chats first, so messages can name theirs.
    const chatKeys = new Map<number, string>();
    if (has('chat')) {
      const c = columnsOf(db, 'chat');
      const members = new Map<number, Party[]>();
      if (has('chat_handle_join') && has('handle')) {
        for (const r of allRows(
          out,
          db,
          file,
          'chat_handle_join',
          'SELECT j.chat_id AS chat, h.id AS id, h.country AS country FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id ORDER BY j.chat_id, h.ROWID',
        )) {
          const p = handleParty(r.id, r.country);
          const chat = num(r.chat);
          if (!p || chat === null) continue;
          const list = members.get(chat) ?? [];
          if (!list.some((q) => q.raw === p.raw)) list.push(p);
          members.set(chat, list);
        }
      }
      const used = new Set<string>();
      await eachRow(
        out,
        db,
        file,
        'chat',
        `SELECT c.ROWID AS rowid, ${col(c, 'c', 'guid')}, ${col(c, 'c', 'style')}, ${col(c, 'c', 'chat_identifier')}, ${col(c, 'c', 'display_name')} FROM chat c ORDER BY c.ROWID`,
        (r) => {
          const rowid = num(r.rowid)!;
          let key = text(r.guid) ?? String(rowid);
          if (used.has(key)) key = `${key}#${rowid}`;
          used.add(key);
          chatKeys.set(rowid, key);
          const identifier = text(r.chat_identifier);
          const style = num(r.style);
          const listed = members.get(rowid) ?? [];
          const group =
            style === 43 ||
            (style === null && (listed.length > 1 || /^chat\d+$/.test(identifier ?? '')));
          const participants =
            listed.length > 0 || group || !identifier ? listed : [who(identifier, out.country)];
          out.record({
            kind: 'chat',
            app: 'native',
            key,
            group,
            subject: group ? text(r.display_name) : null,
            participants,
            createdAt: null,
            prov: { file, table: 'chat', rowId: String(rowid) },
          });
        },
      );
    }

    // Attachments per message (a helper table: far fewer rows than messages).
    const attachments = new Map<number, DeviceAttachment[]>();
    if (has('attachment') && has('message_attachment_join')) {
      const a = columnsOf(db, 'attachment');
      for (const r of allRows(
        out,
        db,
        file,
        'attachment',
        `SELECT j.message_id AS message, ${col(a, 'a', 'filename')}, ${col(a, 'a', 'transfer_name')}, ${col(a, 'a', 'mime_type')}, ${col(a, 'a', 'total_bytes')} FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id ORDER BY j.message_id, a.ROWID`,
      )) {
        const message = num(r.message);
        if (message === null) continue;
        const path = text(r.filename);
        const list = attachments.get(message) ?? [];
        list.push({
          fileName: text(r.transfer_name) ?? (path ? basename(path) : null),
          mimeType: text(r.mime_type),
          bytes: num(r.total_bytes),
        });
        attachments.set(message, list);
      }
    }

    const m = columnsOf(db, 'message');
    const handleSql = has('handle')
      ? 'h.id AS handle, h.country AS handle_country'
      : 'NULL AS handle, NULL AS handle_country';
    const handleJoin = has('handle') ? 'LEFT JOIN handle h ON h.ROWID = m.handle_id' : '';
    const chatSql = has('chat_message_join')
      ? '(SELECT min(j.chat_id) FROM chat_message_join j WHERE j.message_id = m.ROWID) AS chat'
      : 'NULL AS chat';
    const dateSql = m.has('date') ? 'CAST(m.date AS TEXT) AS date' : 'NULL AS date';
    let undecodable = 0;
    await eachRow(
      out,
      db,
      file,
      'message',
      `SELECT m.ROWID AS rowid, ${col(m, 'm', 'text')}, ${col(m, 'm', 'attributedBody')}, ${col(m, 'm', 'is_from_me')}, ${col(m, 'm', 'destination_caller_id')}, ${dateSql}, ${handleSql}, ${chatSql} FROM message m ${handleJoin} ORDER BY m.ROWID`,
      (r) => {
        const rowid = num(r.rowid)!;
        let body = str(r.text);
        if (body === null && r.attributedBody !== null && r.attributedBody !== undefined) {
          body = Buffer.isBuffer(r.attributedBody)
            ? attributedBodyText(r.attributedBody)
            : str(r.attributedBody);
          if (body === null) undecodable++;
        }
        const outgoing = num(r.is_from_me) === 1;
        // The owner's own handle (number or Apple ID) the message was sent from or to.
        const mine = text(r.destination_caller_id);
        const me = mine ? who(mine, out.country) : null;
        if (me?.e164) ownerPhones.add(me.e164);
        else if (mine?.includes('@')) ownerAccounts.add(mine);
        const sender = outgoing ? me : handleParty(r.handle, r.handle_country);
        const chat = num(r.chat);
        out.record({
          kind: 'message',
          app: 'native',
          chatKey: chat === null ? null : (chatKeys.get(chat) ?? null),
          direction: outgoing ? 'outgoing' : 'incoming',
          sender,
          at: apple(r.date),
          text: cleanBody(body),
          attachments: attachments.get(rowid) ?? [],
          prov: { file, table: 'message', rowId: String(rowid) },
        });
      },
    );
    if (undecodable > 0) {
      out.warn(
        file,
        `message: ${undecodable} message bod${undecodable === 1 ? 'y' : 'ies'} only in attributedBody could not be decoded; kept without text`,
      );
    }
    if (ownerPhones.size > 0 || ownerAccounts.size > 0) {
      out.sink.owner({ phones: [...ownerPhones], accounts: [...ownerAccounts] });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// AddressBook.sqlitedb

const AB_PHONE = 3;
const AB_EMAIL = 4;

async function readAddressBook(x: Extraction, out: Out, file: string): Promise<void> {
  await withDb(x, out, file, async (db) => {
    const tables = requireTables(out, db, file, ['ABPerson']);
    if (!tables) return;
    const labels = new Map<number, string>();
    if (tables.has('ABMultiValueLabel')) {
      for (const r of allRows(
        out,
        db,
        file,
        'ABMultiValueLabel',
        'SELECT rowid AS id, value FROM ABMultiValueLabel',
      )) {
        const label = abLabel(r.value);
        if (label) labels.set(num(r.id)!, label);
      }
    }
    const values = new Map<number, Row[]>();
    if (tables.has('ABMultiValue')) {
      for (const r of allRows(
        out,
        db,
        file,
        'ABMultiValue',
        `SELECT record_id, property, label, value FROM ABMultiValue WHERE property IN (${AB_PHONE}, ${AB_EMAIL}) ORDER BY record_id, property, identifier, UID`,
      )) {
        const id = num(r.record_id);
        if (id === null) continue;
        const list = values.get(id) ?? [];
        list.push(r);
        values.set(id, list);
      }
    }
    const p = columnsOf(db, 'ABPerson');
    await eachRow(
      out,
      db,
      file,
      'ABPerson',
      `SELECT p.ROWID AS rowid, ${['First', 'Middle', 'Last', 'Organization', 'Nickname', 'DisplayName'].map((c) => col(p, 'p', c)).join(', ')} FROM ABPerson p ORDER BY p.ROWID`,
      (r) => {
        const rowid = num(r.rowid)!;
        const full = [text(r.First), text(r.Middle), text(r.Last)].filter(Boolean).join(' ');
        const name = full || text(r.DisplayName) || text(r.Organization) || text(r.Nickname);
        const phones: (Party & { label: string | null })[] = [];
        const emails: string[] = [];
        for (const v of values.get(rowid) ?? []) {
          const value = text(v.value);
          if (!value) continue;
          if (num(v.property) === AB_EMAIL) {
            emails.push(value);
          } else {
            const label = num(v.label);
            phones.push({
              ...party(value, out.country),
              label: label === null ? null : (labels.get(label) ?? null),
            });
          }
        }
        out.record({
          kind: 'contact',
          app: 'native',
          name: name || null,
          phones,
          emails,
          prov: { file, table: 'ABPerson', rowId: String(rowid) },
        });
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// CallHistory.storedata — the phone app (and CallKit apps)

/** The app a CallKit service provider stands for. */
function providerApp(provider: string | null): string {
  if (!provider || provider === 'com.apple.Telephony' || provider === 'com.apple.FaceTime') {
    return 'native';
  }
  if (provider === 'net.whatsapp.WhatsApp') return 'whatsapp';
  if (provider === 'net.whatsapp.WhatsAppSMB') return 'whatsapp-business';
  return provider.toLowerCase();
}

async function readCallHistory(x: Extraction, out: Out, file: string): Promise<void> {
  await withDb(x, out, file, async (db) => {
    if (!requireTables(out, db, file, ['ZCALLRECORD'])) return;
    const c = columnsOf(db, 'ZCALLRECORD');
    const fields = [
      'ZADDRESS',
      'ZDATE',
      'ZDURATION',
      'ZORIGINATED',
      'ZANSWERED',
      'ZCALLTYPE',
      'ZCALL_CATEGORY',
      'ZNAME',
      'ZISO_COUNTRY_CODE',
      'ZSERVICE_PROVIDER',
    ];
    await eachRow(
      out,
      db,
      file,
      'ZCALLRECORD',
      `SELECT c.Z_PK AS pk, ${fields.map((f) => col(c, 'c', f)).join(', ')} FROM ZCALLRECORD c ORDER BY c.Z_PK`,
      (r) => {
        const address = text(r.ZADDRESS);
        const country = text(r.ZISO_COUNTRY_CODE)?.toUpperCase() ?? out.country;
        const direction =
          num(r.ZORIGINATED) === 1
            ? 'outgoing'
            : num(r.ZANSWERED) === 1
              ? 'incoming'
              : r.ZORIGINATED === null && r.ZANSWERED === null
                ? 'unknown'
                : 'missed';
        const duration = num(r.ZDURATION);
        out.record({
          kind: 'call',
          app: providerApp(text(r.ZSERVICE_PROVIDER)),
          direction,
          party: address ? who(address, country, text(r.ZNAME)) : null,
          at: apple(r.ZDATE),
          durationSeconds: duration === null ? null : Math.round(duration),
          video: num(r.ZCALLTYPE) === 8 || num(r.ZCALL_CATEGORY) === 2,
          prov: { file, table: 'ZCALLRECORD', rowId: String(num(r.pk)) },
        });
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Accounts3.sqlite

const ACCOUNT_APPS: Record<string, string> = {
  'com.apple.account.AppleAccount': 'icloud',
  'com.apple.account.iCloud': 'icloud',
  'com.apple.account.Google': 'google',
  'com.apple.account.Yahoo': 'yahoo',
  'com.apple.account.Exchange': 'exchange',
  'com.apple.account.Facebook': 'facebook',
  'com.apple.account.Twitter': 'twitter',
  'ph.telegra.Telegraph': 'telegram',
  'com.toyopagroup.picaboo': 'snapchat',
  'net.whatsapp.WhatsApp': 'whatsapp',
};

function accountApp(type: string | null): string {
  if (!type) return 'unknown';
  const known = ACCOUNT_APPS[type];
  if (known) return known;
  const apple = /^com\.apple\.account\.(.+)$/.exec(type);
  return (apple ? apple[1]! : type).toLowerCase();
}

async function readAccounts(x: Extraction, out: Out, file: string): Promise<void> {
  await withDb(x, out, file, async (db) => {
    const tables = requireTables(out, db, file, ['ZACCOUNT']);
    if (!tables) return;
    const a = columnsOf(db, 'ZACCOUNT');
    const typed = tables.has('ZACCOUNTTYPE') && a.has('ZACCOUNTTYPE');
    const t = typed ? columnsOf(db, 'ZACCOUNTTYPE') : new Set<string>();
    const sql =
      `SELECT a.Z_PK AS pk, ${col(a, 'a', 'ZUSERNAME')}, ${col(a, 'a', 'ZACCOUNTDESCRIPTION')}, ${col(a, 'a', 'ZPARENTACCOUNT')}, ` +
      `${col(t, 't', 'ZIDENTIFIER', 'type')}, ${col(t, 't', 'ZACCOUNTTYPEDESCRIPTION', 'typeDescription')} FROM ZACCOUNT a ` +
      (typed ? 'LEFT JOIN ZACCOUNTTYPE t ON t.Z_PK = a.ZACCOUNTTYPE ' : '') +
      'ORDER BY a.Z_PK';
    const identifiers: string[] = [];
    await eachRow(out, db, file, 'ZACCOUNT', sql, (r) => {
      const identifier = text(r.ZUSERNAME);
      // System accounts without a user, and the children of an account (iCloud's CloudKit, …), are not accounts of their own.
      if (!identifier || r.ZPARENTACCOUNT !== null) return;
      const description = text(r.ZACCOUNTDESCRIPTION);
      identifiers.push(identifier);
      out.record({
        kind: 'account',
        app: accountApp(text(r.type)),
        identifier,
        displayName: description && description !== text(r.typeDescription) ? description : null,
        prov: { file, table: 'ZACCOUNT', rowId: String(num(r.pk)) },
      });
    });
    if (identifiers.length > 0) out.sink.owner({ accounts: identifiers });
  });
}

// ---------------------------------------------------------------------------------------------
// Property lists (only what is needed: the string values of the top-level dictionary)

function xmlUnescape(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

function uintBE(b: Buffer, at: number, size: number): number {
  if (at < 0 || at + size > b.length) throw new Error('plist: offset past the end');
  let n = 0;
  for (let i = 0; i < size; i++) n = n * 256 + b[at + i]!;
  return n;
}

function binaryPlistStrings(b: Buffer): Map<string, string> {
  if (b.length < 40) throw new Error('plist: too short');
  const t = b.length - 32;
  const offsetSize = b[t + 6]!;
  const refSize = b[t + 7]!;
  const count = uintBE(b, t + 8, 8);
  const top = uintBE(b, t + 16, 8);
  const table = uintBE(b, t + 24, 8);
  if (offsetSize < 1 || refSize < 1 || top >= count) throw new Error('plist: bad trailer');
  const offset = (ref: number) => uintBE(b, table + ref * offsetSize, offsetSize);
  /** Count of an object: the low nibble, or an int object after it when 0xF. */
  const sized = (at: number): [number, number] => {
    const low = b[at]! & 0x0f;
    if (low !== 0x0f) return [low, at + 1];
    const marker = b[at + 1]!;
    if (marker >> 4 !== 0x1) throw new Error('plist: bad length');
    const bytes = 1 << (marker & 0x0f);
    return [uintBE(b, at + 2, bytes), at + 2 + bytes];
  };
  const stringAt = (ref: number): string | null => {
    const at = offset(ref);
    const kind = b[at]! >> 4;
    if (kind !== 0x5 && kind !== 0x6) return null;
    const [n, start] = sized(at);
    if (kind === 0x5) return b.subarray(start, start + n).toString('latin1');
    const chars = Buffer.from(b.subarray(start, start + n * 2));
    chars.swap16();
    return chars.toString('utf16le');
  };
  const at = offset(top);
  if (b[at]! >> 4 !== 0xd) throw new Error('plist: top object is not a dictionary');
  const [n, start] = sized(at);
  const out = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const key = stringAt(uintBE(b, start + i * refSize, refSize));
    const value = stringAt(uintBE(b, start + (n + i) * refSize, refSize));
    if (key !== null && value !== null) out.set(key, value);
  }
  return out;
}

/** The string values of a plist's top-level dictionary (XML or binary). */
export function plistStrings(bytes: Buffer): Map<string, string> {
  if (bytes.subarray(0, 8).toString('latin1') === 'bplist00') return binaryPlistStrings(bytes);
  const xml = bytes.toString('utf8');
  if (!/<plist[\s>]/.test(xml)) throw new Error('not a property list');
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<key>([^<]*)<\/key>\s*<string>([^<]*)<\/string>/g)) {
    const key = xmlUnescape(m[1]!);
    if (!out.has(key)) out.set(key, xmlUnescape(m[2]!));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// WhatsApp (AppGroup)

interface WhatsAppGroup {
  dir: string;
  app: string;
  chatStorage?: string;
  contacts?: string;
  calls?: string;
  prefs?: string;
}

function whatsAppGroups(x: Extraction): WhatsAppGroup[] {
  const groups = new Map<string, WhatsAppGroup>();
  for (const f of x.files) {
    const m = APP_GROUP_FILE.exec(f);
    if (!m) continue;
    const dir = m[1]!;
    const g = groups.get(dir) ?? { dir, app: 'whatsapp' };
    const name = m[2]!;
    if (name === 'ChatStorage.sqlite') g.chatStorage = f;
    else if (name === 'ContactsV2.sqlite') g.contacts = f;
    else if (name === 'CallHistory.sqlite') g.calls = f;
    else {
      g.prefs = f;
      if (name.includes('WhatsAppSMB')) g.app = 'whatsapp-business';
    }
    groups.set(dir, g);
  }
  return [...groups.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

/** The owner's JID from the shared preferences, with the account record. */
function readWhatsAppPrefs(x: Extraction, out: Out, g: WhatsAppGroup, file: string): string | null {
  let values: Map<string, string>;
  try {
    values = plistStrings(readFileSync(x.path(file)));
  } catch (error) {
    out.warn(file, `cannot read the WhatsApp preferences: ${errorText(error)}`);
    return null;
  }
  const jid = text(values.get('OwnJabberID'));
  if (!jid) {
    out.warn(file, 'no OwnJabberID in the WhatsApp preferences: the WhatsApp account is not known');
    return null;
  }
  const e164 = jidNumber(jid);
  out.record({
    kind: 'account',
    app: g.app,
    identifier: e164 ?? jid,
    displayName: text(values.get('FullUserName')),
    prov: { file, table: 'OwnJabberID' },
  });
  out.sink.owner(e164 ? { phones: [e164] } : { accounts: [jid] });
  return jid;
}

async function readWhatsAppContacts(
  x: Extraction,
  out: Out,
  g: WhatsAppGroup,
  file: string,
): Promise<void> {
  await withDb(x, out, file, async (db) => {
    if (!requireTables(out, db, file, ['ZWAADDRESSBOOKCONTACT'])) return;
    const c = columnsOf(db, 'ZWAADDRESSBOOKCONTACT');
    const fields = ['ZFULLNAME', 'ZGIVENNAME', 'ZPHONENUMBER', 'ZPHONENUMBERLABEL', 'ZWHATSAPPID'];
    await eachRow(
      out,
      db,
      file,
      'ZWAADDRESSBOOKCONTACT',
      `SELECT c.Z_PK AS pk, ${fields.map((f) => col(c, 'c', f)).join(', ')} FROM ZWAADDRESSBOOKCONTACT c ORDER BY c.Z_PK`,
      (r) => {
        const typed = text(r.ZPHONENUMBER);
        const jid = text(r.ZWHATSAPPID);
        const phones: (Party & { label: string | null })[] = [];
        if (typed || jid) {
          const raw = (typed ?? jid)!;
          const e164 = (jid ? jidNumber(jid) : null) ?? (typed ? toE164(typed, out.country) : null);
          phones.push({ raw, e164, label: abLabel(r.ZPHONENUMBERLABEL) });
        }
        out.record({
          kind: 'contact',
          app: g.app,
          name: text(r.ZFULLNAME) ?? text(r.ZGIVENNAME),
          phones,
          emails: [],
          prov: { file, table: 'ZWAADDRESSBOOKCONTACT', rowId: String(num(r.pk)) },
        });
      },
    );
  });
}

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4a: 'audio/mp4',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  mp3: 'audio/mpeg',
  pdf: 'application/pdf',
};

async function readChatStorage(
  x: Extraction,
  out: Out,
  g: WhatsAppGroup,
  file: string,
  ownerJid: string | null,
): Promise<void> {
  await withDb(x, out, file, async (db) => {
    const tables = requireTables(out, db, file, ['ZWAMESSAGE']);
    if (!tables) return;
    const has = (t: string) => tables.has(t);

    // Group members per chat session.
    const members = new Map<number, Party[]>();
    if (has('ZWAGROUPMEMBER')) {
      const gm = columnsOf(db, 'ZWAGROUPMEMBER');
      for (const r of allRows(
        out,
        db,
        file,
        'ZWAGROUPMEMBER',
        `SELECT ${col(gm, 'g', 'ZCHATSESSION')}, ${col(gm, 'g', 'ZMEMBERJID')}, ${col(gm, 'g', 'ZCONTACTNAME')} FROM ZWAGROUPMEMBER g ORDER BY g.Z_PK`,
      )) {
        const chat = num(r.ZCHATSESSION);
        const jid = text(r.ZMEMBERJID);
        if (chat === null || !jid) continue;
        const list = members.get(chat) ?? [];
        if (!list.some((p) => p.raw === jid))
          list.push(who(jid, out.country, text(r.ZCONTACTNAME)));
        members.set(chat, list);
      }
    }

    const chats = new Map<number, { key: string; name: string | null }>();
    if (has('ZWACHATSESSION')) {
      const s = columnsOf(db, 'ZWACHATSESSION');
      const info = has('ZWAGROUPINFO') && s.has('ZGROUPINFO');
      const gi = info ? columnsOf(db, 'ZWAGROUPINFO') : new Set<string>();
      const used = new Set<string>();
      await eachRow(
        out,
        db,
        file,
        'ZWACHATSESSION',
        `SELECT s.Z_PK AS pk, ${['ZCONTACTJID', 'ZPARTNERNAME', 'ZSESSIONTYPE'].map((f) => col(s, 's', f)).join(', ')}, ${col(gi, 'i', 'ZCREATIONDATE')} FROM ZWACHATSESSION s ${info ? 'LEFT JOIN ZWAGROUPINFO i ON i.Z_PK = s.ZGROUPINFO' : ''} ORDER BY s.Z_PK`,
        (r) => {
          const pk = num(r.pk)!;
          const jid = text(r.ZCONTACTJID);
          let key = jid ?? String(pk);
          if (used.has(key)) key = `${key}#${pk}`;
          used.add(key);
          const group = num(r.ZSESSIONTYPE) === 1 || (jid?.endsWith('@g.us') ?? false);
          const name = text(r.ZPARTNERNAME);
          chats.set(pk, { key, name: group ? null : name });
          out.record({
            kind: 'chat',
            app: g.app,
            key,
            group,
            subject: group ? name : null,
            participants: group
              ? (members.get(pk) ?? [])
              : jid
                ? [who(jid, out.country, name)]
                : [],
            createdAt: group && r.ZCREATIONDATE !== null ? apple(r.ZCREATIONDATE) : null,
            prov: { file, table: 'ZWACHATSESSION', rowId: String(pk) },
          });
        },
      );
    }

    const m = columnsOf(db, 'ZWAMESSAGE');
    const member = has('ZWAGROUPMEMBER') && m.has('ZGROUPMEMBER');
    const gm = member ? columnsOf(db, 'ZWAGROUPMEMBER') : new Set<string>();
    const media = has('ZWAMEDIAITEM') && m.has('ZMEDIAITEM');
    const mi = media ? columnsOf(db, 'ZWAMEDIAITEM') : new Set<string>();
    const sql =
      `SELECT m.Z_PK AS pk, ${['ZCHATSESSION', 'ZISFROMME', 'ZFROMJID', 'ZTEXT', 'ZMESSAGEDATE'].map((f) => col(m, 'm', f)).join(', ')}, ` +
      `${col(gm, 'g', 'ZMEMBERJID')}, ${col(gm, 'g', 'ZCONTACTNAME')}, ` +
      `${['ZMEDIALOCALPATH', 'ZFILESIZE', 'ZTITLE', 'ZMEDIAURL', 'ZVCARDSTRING'].map((f) => col(mi, 'i', f)).join(', ')}, ` +
      `${media ? 'i.Z_PK' : 'NULL'} AS media FROM ZWAMESSAGE m ` +
      (member ? 'LEFT JOIN ZWAGROUPMEMBER g ON g.Z_PK = m.ZGROUPMEMBER ' : '') +
      (media ? 'LEFT JOIN ZWAMEDIAITEM i ON i.Z_PK = m.ZMEDIAITEM ' : '') +
      'ORDER BY m.Z_PK';
    const owner = ownerJid ? who(ownerJid, out.country) : null;
    await eachRow(out, db, file, 'ZWAMESSAGE', sql, (r) => {
      const pk = num(r.pk)!;
      const chatPk = num(r.ZCHATSESSION);
      const chat = chatPk === null ? undefined : chats.get(chatPk);
      const outgoing = num(r.ZISFROMME) === 1;
      let sender: Party | null = null;
      if (outgoing) sender = owner;
      else {
        const memberJid = text(r.ZMEMBERJID);
        const from = text(r.ZFROMJID);
        if (memberJid) sender = who(memberJid, out.country, text(r.ZCONTACTNAME));
        else if (from && !from.endsWith('@g.us') && !from.endsWith('@broadcast'))
          sender = who(from, out.country, chat?.name);
      }
      const attachments: DeviceAttachment[] = [];
      const path = text(r.ZMEDIALOCALPATH);
      const size = num(r.ZFILESIZE);
      if (r.media !== null && (path || (size !== null && size > 0) || text(r.ZMEDIAURL))) {
        const stated = text(r.ZVCARDSTRING);
        const fileName = path ? basename(path) : null;
        const ext = fileName?.includes('.') ? fileName.split('.').pop()!.toLowerCase() : null;
        attachments.push({
          fileName,
          mimeType:
            stated && /^[a-z]+\/[\w.+-]+$/i.test(stated)
              ? stated
              : ext
                ? (MIME_BY_EXTENSION[ext] ?? null)
                : null,
          bytes: size !== null && size > 0 ? size : null,
        });
      }
      out.record({
        kind: 'message',
        app: g.app,
        chatKey: chat?.key ?? null,
        direction: outgoing ? 'outgoing' : 'incoming',
        sender,
        at: apple(r.ZMESSAGEDATE),
        text: text(r.ZTEXT) === null ? text(r.ZTITLE) : str(r.ZTEXT),
        attachments,
        prov: { file, table: 'ZWAMESSAGE', rowId: String(pk) },
      });
    });
  });
}

async function readWhatsAppCalls(
  x: Extraction,
  out: Out,
  g: WhatsAppGroup,
  file: string,
  ownerJid: string | null,
  known: boolean,
): Promise<void> {
  await withDb(x, out, file, async (db) => {
    const tables = tablesOf(db);
    // Another app's CallHistory.sqlite in its own AppGroup: not WhatsApp's, not ours to read.
    if (!tables.has('ZWACDCALLEVENT') && !known) return;
    if (!requireTables(out, db, file, ['ZWACDCALLEVENT'])) return;
    const e = columnsOf(db, 'ZWACDCALLEVENT');
    const aggregate = tables.has('ZWAAGGREGATECALLEVENT') && e.has('Z1CALLEVENTS');
    const a = aggregate ? columnsOf(db, 'ZWAAGGREGATECALLEVENT') : new Set<string>();
    const participants = tables.has('ZWACDCALLEVENTPARTICIPANT');
    const sql =
      `SELECT e.Z_PK AS pk, ${['ZDATE', 'ZDURATION', 'ZOUTCOME', 'ZGROUPCALLCREATORUSERJIDSTRING', 'ZGROUPJIDSTRING'].map((f) => col(e, 'e', f)).join(', ')}, ` +
      `${['ZINCOMING', 'ZMISSED', 'ZVIDEO'].map((f) => col(a, 'a', f)).join(', ')}, ` +
      (participants
        ? '(SELECT p.ZJIDSTRING FROM ZWACDCALLEVENTPARTICIPANT p WHERE p.Z1PARTICIPANTS = e.Z_PK ORDER BY p.Z_PK LIMIT 1) AS peer '
        : 'NULL AS peer ') +
      'FROM ZWACDCALLEVENT e ' +
      (aggregate ? 'LEFT JOIN ZWAAGGREGATECALLEVENT a ON a.Z_PK = e.Z1CALLEVENTS ' : '') +
      'ORDER BY e.Z_PK';
    await eachRow(out, db, file, 'ZWACDCALLEVENT', sql, (r) => {
      const creator = text(r.ZGROUPCALLCREATORUSERJIDSTRING);
      const peer =
        text(r.peer) ??
        (creator && creator !== ownerJid ? creator : null) ??
        text(r.ZGROUPJIDSTRING);
      const missed = num(r.ZMISSED) === 1 || num(r.ZOUTCOME) === 1;
      const incoming = num(r.ZINCOMING);
      let direction: 'incoming' | 'outgoing' | 'missed' | 'unknown';
      if (incoming === 1) direction = missed ? 'missed' : 'incoming';
      else if (incoming === 0) direction = 'outgoing';
      else if (creator && ownerJid && creator === ownerJid) direction = 'outgoing';
      else if (creator && creator === text(r.peer)) direction = missed ? 'missed' : 'incoming';
      else direction = 'unknown';
      const duration = num(r.ZDURATION);
      out.record({
        kind: 'call',
        app: g.app,
        direction,
        party: peer ? who(peer, out.country) : null,
        at: apple(r.ZDATE),
        durationSeconds: duration === null ? null : Math.round(duration),
        video: num(r.ZVIDEO) === 1,
        prov: { file, table: 'ZWACDCALLEVENT', rowId: String(num(r.pk)) },
      });
    });
  });
}

async function readWhatsApp(x: Extraction, out: Out, g: WhatsAppGroup): Promise<void> {
  const ownerJid = g.prefs ? readWhatsAppPrefs(x, out, g, g.prefs) : null;
  const known = Boolean(g.prefs || g.chatStorage || g.contacts);
  if (g.contacts) await readWhatsAppContacts(x, out, g, g.contacts);
  if (g.chatStorage) await readChatStorage(x, out, g, g.chatStorage, ownerJid);
  if (g.calls) await readWhatsAppCalls(x, out, g, g.calls, ownerJid, known);
}

// ---------------------------------------------------------------------------------------------

export const readIos: ExtractionReader = async (x, sink) => {
  const out = new Out(sink);
  const run = async (what: string, read: () => Promise<void>) => {
    try {
      await read();
    } catch (error) {
      out.warn(what, `cannot read: ${errorText(error)}`);
    }
    await out.flush();
  };
  for (const f of x.find(ACCOUNTS)) await run(f, () => readAccounts(x, out, f));
  for (const g of whatsAppGroups(x)) await run(g.dir, () => readWhatsApp(x, out, g));
  for (const f of x.find(ADDRESS_BOOK)) await run(f, () => readAddressBook(x, out, f));
  for (const f of x.find(CALL_HISTORY)) await run(f, () => readCallHistory(x, out, f));
  for (const f of x.find(SMS)) await run(f, () => readSms(x, out, f));
  await out.flush(true);
};
