import { readFileSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { columnsOf, tablesOf, type Extraction } from './extraction.js';
import { jidNumber, party, toE164, unixMs, unixS } from './normalise.js';
import type {
  DeviceAttachment,
  DeviceRecord,
  ExtractionReader,
  Party,
  Provenance,
  ReadSink,
  Timestamp,
} from './types.js';

/**
 * Reads an Android full-file-system extraction (the `data/data/…` and `data/system_ce/…` tree
 * Cellebrite, Magnet, ALEAPP and the synthetic world produce) into normalised device records:
 *
 * | file                                   | records                                             |
 * | -------------------------------------- | --------------------------------------------------- |
 * | accounts_ce.db `accounts`              | accounts (not WhatsApp's AccountManager entry)      |
 * | contacts2.db `raw_contacts` + `data`   | native contacts (not deleted ones, not WhatsApp's   |
 * |                                        | sync-adapter copies)                                |
 * | calllog.db `calls` (older: contacts2)  | native calls                                        |
 * | mmssms.db `threads`, `sms`, `pdu`      | native chats and messages (MMS: `part`, `addr`)     |
 * | WhatsApp shared_prefs `cc` + `ph`      | the WhatsApp account, and the owner's number        |
 * | wa.db `wa_contacts`                    | WhatsApp contacts (WhatsApp users with a phone JID) |
 * | msgstore.db current or legacy schema   | WhatsApp chats, messages, calls (current only)      |
 *
 * A sent SMS or MMS has no sender (the phone does not store its own number with it); a sent
 * WhatsApp message has the owner from the shared prefs. Not records: WhatsApp system messages (`message_type` 7, legacy `status` 6) and the
 * `status@broadcast` chat with its status updates; MMS delivery and read reports (`m_type` 134, 136).
 * WhatsApp Business (`com.whatsapp.w4b`) is read the same way as app `whatsapp business`.
 *
 * Evidence is only opened through `Extraction.openSqlite` (a private copy) and read with
 * `readFileSync`; nothing is written next to it. Bad input never throws: an encrypted backup, a
 * database that is not SQLite, a damaged page or an unknown schema is a warning naming the file,
 * and everything else is still read; a damaged table is read up to the damage and, where SQLite
 * can still reach them, behind it. No query runs per row: lookups (JIDs, chats, group members,
 * MMS parts) are preloaded into maps, message tables are read a page of 1,000 rows at a time by
 * `_id` with the attachments of that page in one more query, and the sink is drained at least
 * every 2,000 records. About 500,000 WhatsApp messages a second on one core.
 */

const DRAIN_EVERY = 2_000;

/** Counts records since the last drain, so loops can await the sink only when it is due. */
class Out {
  pending = 0;
  constructor(readonly sink: ReadSink) {}
  record(r: DeviceRecord): void {
    this.sink.record(r);
    this.pending += 1;
  }
  async drain(): Promise<void> {
    this.pending = 0;
    await this.sink.drain();
  }
}

type Row = unknown[];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One query over a table, rows as arrays, in rowid order as SQLite gives them. A failure (a
 * malformed page, a missing column) becomes a warning; rows before it are kept. Drains the sink
 * when due.
 */
async function eachRow(
  db: Database.Database,
  file: string,
  table: string,
  sql: string,
  out: Out,
  each: (row: Row) => void,
): Promise<boolean> {
  try {
    const stmt = db.prepare(sql).raw(true);
    for (const row of stmt.iterate() as IterableIterator<Row>) {
      each(row);
      if (out.pending >= DRAIN_EVERY) await out.drain();
    }
    return true;
  } catch (error) {
    out.sink.warn({
      file,
      message: `${table}: ${message(error)}; rows after this point not read`,
    });
    return false;
  }
}

const PAGE = 1_000;

/**
 * Like eachRow for a big table with an integer key, a page (`LIMIT`) at a time: `sql` takes the
 * last key seen and the page size, and returns the key first. `page` sees each page whole (to
 * fetch what belongs to it) and returns what to do with each row. A damaged page is read row by
 * row up to the damage; then the read carries on behind the damage where the table's index pages
 * still lead there, and a warning names the keys that were lost.
 */
async function eachPage(
  db: Database.Database,
  file: string,
  table: string,
  sql: string,
  out: Out,
  page: (rows: Row[]) => (row: Row) => void,
): Promise<boolean> {
  let stmt: Database.Statement;
  try {
    stmt = db.prepare(sql).raw(true);
  } catch (error) {
    out.sink.warn({ file, message: `${table}: ${message(error)}; not read` });
    return false;
  }
  let last = Number.MIN_SAFE_INTEGER;
  let complete = true;
  for (;;) {
    let rows: Row[];
    let failure: unknown = null;
    try {
      rows = stmt.all(last, PAGE) as Row[];
    } catch (error) {
      // Salvage the rows before the damage.
      rows = [];
      try {
        for (const row of stmt.iterate(last, PAGE) as IterableIterator<Row>) rows.push(row);
      } catch (again) {
        failure = again;
      }
      failure ??= error;
    }
    if (rows.length > 0) {
      const each = page(rows);
      for (const row of rows) {
        each(row);
        if (out.pending >= DRAIN_EVERY) await out.drain();
      }
      last = Number(rows[rows.length - 1]![0]);
    }
    if (failure !== null) {
      complete = false;
      const from = last === Number.MIN_SAFE_INTEGER ? 0 : last;
      const resume = behindDamage(stmt, from);
      out.sink.warn({
        file,
        message:
          resume === null
            ? `${table}: ${message(failure)}; rows after _id ${from} not read`
            : `${table}: ${message(failure)}; rows with _id ${from + 1} to ${resume} not read`,
      });
      if (resume === null) return false;
      last = resume;
      continue;
    }
    if (rows.length < PAGE) return complete;
  }
}

/**
 * The smallest key after `from` from which the table reads again (rows before it lost), or null
 * when nothing behind the damage can be reached. Probes `from + 1, + 2, + 4, …`, then halves the
 * gap: some fifty one-row reads at most.
 */
function behindDamage(stmt: Database.Statement, from: number): number | null {
  const reads = (key: number): boolean | null => {
    try {
      return (stmt.all(key, 1) as Row[]).length > 0;
    } catch {
      return null;
    }
  };
  let bad = from;
  let step = 1;
  let good: number | null = null;
  while (from + step < Number.MAX_SAFE_INTEGER) {
    const ok = reads(from + step);
    if (ok === false) return null; // readable, and nothing after it
    if (ok) {
      good = from + step;
      break;
    }
    bad = from + step;
    step *= 2;
  }
  if (good === null) return null;
  while (good - bad > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (reads(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/** `t.c` when the table has column `c`, else NULL, so one query fits several schema versions. */
function colOr(columns: Set<string>, alias: string, name: string): string {
  return columns.has(name) ? `${alias}.${name}` : 'NULL';
}

const str = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;

/** A time that is always a Timestamp: one that is missing says so with an empty original. */
function msTime(v: unknown): Timestamp {
  const n = typeof v === 'number' || typeof v === 'bigint' ? v : null;
  return unixMs(n) ?? { utc: null, original: '', zone: 'unix-ms' };
}

function baseName(path: string | null): string | null {
  if (!path) return null;
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) || null : path;
}

/**
 * The files ending in `tail` (a path under an app folder). An extraction can hold the same app
 * folder twice, as `data/data/<pkg>` and as `data/user/0/<pkg>` (one is a link to the other on
 * the phone): that is read once, from `data/data`.
 */
function locate(x: Extraction, tail: RegExp): string[] {
  const hits = x.find(tail);
  const all = new Set(hits);
  return hits.filter((f) => {
    const m = /^(.*\/)?data\/user\/0\/(.*)$/.exec(f);
    return !(m && all.has(`${m[1] ?? ''}data/data/${m[2]}`));
  });
}

const fileSets = new WeakMap<Extraction, Set<string>>();

/** Whether the extraction holds a file (a set, built once: a full extraction has many files). */
function has(x: Extraction, rel: string): boolean {
  let set = fileSets.get(x);
  if (!set) {
    set = new Set(x.files);
    fileSets.set(x, set);
  }
  return set.has(rel);
}

/** Opens a database and runs `read` on it; anything unexpected becomes a warning. */
async function withDb(
  x: Extraction,
  file: string,
  out: Out,
  read: (db: Database.Database) => Promise<void>,
): Promise<void> {
  let db: Database.Database | null = null;
  try {
    db = x.openSqlite(file, out.sink);
    if (db) await read(db);
  } catch (error) {
    out.sink.warn({ file, message: `${message(error)}; not read further` });
  } finally {
    try {
      db?.close();
    } catch {
      // A copy that cannot even be closed is removed with the extraction's scratch folder.
    }
  }
}

/** Keys of chats must be unique per app in an extraction: a second copy (another user) is prefixed. */
function keyPrefix(files: string[], file: string): string {
  return files.indexOf(file) === 0 ? '' : `${file}#`;
}

// ---------------------------------------------------------------------------------------------
// Accounts (AccountManager)

const ACCOUNT_APP: Record<string, string> = {
  'com.google': 'google',
  'org.telegram.messenger': 'telegram',
  'org.telegram.messenger.web': 'telegram',
  'com.snapchat.android': 'snapchat',
  'com.facebook.auth.login': 'facebook',
  'com.facebook.messenger': 'messenger',
  'com.instagram.android': 'instagram',
  'com.viber.voip': 'viber',
  'org.thoughtcrime.securesms': 'signal',
  'com.skype.contacts.sync': 'skype',
  'com.osp.app.signin': 'samsung',
  'com.microsoft.office.outlook.USER_ACCOUNT': 'outlook',
  'com.tinder': 'tinder',
};
/** WhatsApp's AccountManager entry is named "WhatsApp"; its number comes from the shared prefs. */
const WHATSAPP_ACCOUNT_TYPES = new Set(['com.whatsapp', 'com.whatsapp.w4b']);

async function readAccounts(x: Extraction, out: Out): Promise<void> {
  const files = locate(x, /(^|\/)system(_ce\/\d+|\/users\/\d+)?\/accounts(_ce)?\.db$/);
  for (const file of files) {
    await withDb(x, file, out, async (db) => {
      const mine: string[] = [];
      await eachRow(db, file, 'accounts', 'SELECT _id, name, type FROM accounts', out, (row) => {
        const [id, name, type] = [row[0], str(row[1]), str(row[2]) ?? ''];
        if (!name || WHATSAPP_ACCOUNT_TYPES.has(type)) return;
        mine.push(name);
        out.record({
          kind: 'account',
          app: ACCOUNT_APP[type] ?? type.toLowerCase(),
          identifier: name,
          displayName: null,
          prov: { file, table: 'accounts', rowId: String(id) },
        });
      });
      if (mine.length > 0) out.sink.owner({ accounts: mine });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Address book (contacts2.db) and call log (calllog.db)

const PHONE_LABEL: Record<string, string> = {
  '1': 'home',
  '2': 'mobile',
  '3': 'work',
  '4': 'work fax',
  '5': 'home fax',
  '6': 'pager',
  '7': 'other',
  '8': 'callback',
  '9': 'car',
  '10': 'company main',
  '11': 'isdn',
  '12': 'main',
  '13': 'other fax',
  '14': 'radio',
  '15': 'telex',
  '16': 'tty tdd',
  '17': 'work mobile',
  '18': 'work pager',
  '19': 'assistant',
  '20': 'mms',
};

/** Phone.TYPE as a word; TYPE_CUSTOM (0) is the label the user typed. */
function phoneLabel(type: unknown, custom: unknown): string | null {
  const t = str(type);
  if (t === null) return null;
  if (t === '0') return str(custom) ?? 'custom';
  return PHONE_LABEL[t] ?? null;
}

/** The SQL condition that leaves out raw contacts of WhatsApp's sync accounts, or null. */
function mirrorFilter(db: Database.Database, tables: Set<string>, raw: Set<string>): string | null {
  const types = [...WHATSAPP_ACCOUNT_TYPES].map((t) => `'${t}'`).join(', ');
  if (
    raw.has('account_id') &&
    tables.has('accounts') &&
    columnsOf(db, 'accounts').has('account_type')
  )
    return `(r.account_id IS NULL OR r.account_id NOT IN (SELECT _id FROM accounts WHERE account_type IN (${types})))`;
  if (raw.has('account_type'))
    return `(r.account_type IS NULL OR r.account_type NOT IN (${types}))`;
  return null;
}

const MIME_NAME = 'vnd.android.cursor.item/name';
const MIME_PHONE = 'vnd.android.cursor.item/phone_v2';
const MIME_EMAIL = 'vnd.android.cursor.item/email_v2';

async function readContacts2(x: Extraction, out: Out): Promise<void> {
  const country = out.sink.country;
  const files = locate(x, /(^|\/)com\.android\.providers\.contacts\/databases\/contacts2\.db$/);
  for (const file of files) {
    await withDb(x, file, out, async (db) => {
      const tables = tablesOf(db);
      if (tables.has('raw_contacts')) {
        const raw = columnsOf(db, 'raw_contacts');
        const joined = tables.has('data') && tables.has('mimetypes');
        // Deleted raw contacts are gone from the address book; WhatsApp's own sync-adapter raw
        // contacts mirror it (wa.db is where WhatsApp contacts are read).
        const keep = [raw.has('deleted') ? 'r.deleted = 0' : null, mirrorFilter(db, tables, raw)]
          .filter((c) => c !== null)
          .join(' AND ');
        const where = keep ? `WHERE ${keep}` : '';
        // ORDER BY the integer ids only: sort_key is declared COLLATE PHONEBOOK, which exists only on Android.
        const sql = joined
          ? `SELECT r._id, ${colOr(raw, 'r', 'display_name')}, mt.mimetype, d.data1, d.data2,
               d.data3, d.data4
             FROM raw_contacts r
             LEFT JOIN data d ON d.raw_contact_id = r._id
             LEFT JOIN mimetypes mt ON mt._id = d.mimetype_id
             ${where}
             ORDER BY r._id, d._id`
          : `SELECT r._id, ${colOr(raw, 'r', 'display_name')}, NULL, NULL, NULL, NULL, NULL
             FROM raw_contacts r ${where}
             ORDER BY r._id`;
        let current: {
          id: unknown;
          name: string | null;
          structured: string | null;
          phones: (Party & { label: string | null })[];
          emails: string[];
        } | null = null;
        const flush = () => {
          if (!current) return;
          out.record({
            kind: 'contact',
            app: 'native',
            name: current.name ?? current.structured,
            phones: current.phones,
            emails: current.emails,
            prov: { file, table: 'raw_contacts', rowId: String(current.id) },
          });
          current = null;
        };
        await eachRow(db, file, 'raw_contacts', sql, out, (row) => {
          const [id, displayName, mimetype, data1, data2, data3, data4] = row;
          if (current?.id !== id) {
            flush();
            current = { id, name: str(displayName), structured: null, phones: [], emails: [] };
          }
          const c = current!;
          const value = str(data1);
          if (value === null) return;
          if (mimetype === MIME_PHONE) {
            const stated = str(data4);
            const e164 = (stated && toE164(stated, country)) || toE164(value, country);
            c.phones.push({ raw: value, e164, label: phoneLabel(data2, data3) });
          } else if (mimetype === MIME_EMAIL) c.emails.push(value);
          else if (mimetype === MIME_NAME) c.structured ??= value;
        });
        flush();
      } else {
        out.sink.warn({ file, message: 'table raw_contacts missing: contacts not read' });
      }
      // Before Android 7 the call log lived in contacts2.db.
      const callLogBeside = file.replace(/contacts2\.db$/, 'calllog.db');
      if (tables.has('calls') && !has(x, callLogBeside)) await readCalls(db, file, out);
    });
  }
  const callLogs = locate(x, /(^|\/)com\.android\.providers\.contacts\/databases\/calllog\.db$/);
  for (const file of callLogs) {
    await withDb(x, file, out, async (db) => {
      if (tablesOf(db).has('calls')) await readCalls(db, file, out);
      else out.sink.warn({ file, message: 'table calls missing: calls not read' });
    });
  }
}

/** CallLog.Calls.TYPE: 1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere. */
const CALL_DIRECTION: Record<number, 'incoming' | 'outgoing' | 'missed'> = {
  1: 'incoming',
  2: 'outgoing',
  3: 'missed',
  4: 'missed',
  5: 'missed',
  6: 'missed',
  7: 'incoming',
};
const FEATURES_VIDEO = 1;

async function readCalls(db: Database.Database, file: string, out: Out): Promise<void> {
  const country = out.sink.country;
  const cols = columnsOf(db, 'calls');
  const sql = `SELECT c._id, c.number, c.date, c.duration, c.type, ${colOr(cols, 'c', 'features')},
      ${colOr(cols, 'c', 'normalized_number')}, ${colOr(cols, 'c', 'name')}
    FROM calls c`;
  await eachRow(db, file, 'calls', sql, out, (row) => {
    const [id, number, date, duration, type, features, normalized, name] = row;
    const raw = str(number);
    let other: Party | null = null;
    if (raw !== null && raw.trim() !== '' && !/^-\d$/.test(raw.trim())) {
      const stated = str(normalized);
      const e164 = (stated && toE164(stated, country)) || toE164(raw, country);
      other = { raw, e164, name: str(name) };
    }
    out.record({
      kind: 'call',
      app: 'native',
      direction: CALL_DIRECTION[num(type) ?? 0] ?? 'unknown',
      party: other,
      at: msTime(date),
      durationSeconds: num(duration),
      video: ((num(features) ?? 0) & FEATURES_VIDEO) !== 0,
      prov: { file, table: 'calls', rowId: String(id) },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// SMS and MMS (mmssms.db)

const PDU_FROM = 137;
/** MMS delivery and read reports are pdu rows, but not messages. */
const PDU_REPORTS = new Set([134, 136]);

async function readMmsSms(x: Extraction, out: Out): Promise<void> {
  const country = out.sink.country;
  const files = locate(x, /(^|\/)com\.android\.providers\.telephony\/databases\/mmssms\.db$/);
  for (const file of files) {
    const prefix = keyPrefix(files, file);
    await withDb(x, file, out, async (db) => {
      const tables = tablesOf(db);
      const parties = new Map<string, Party>();
      const partyOf = (address: unknown): Party | null => {
        const raw = str(address);
        if (raw === null || raw.trim() === '' || raw === 'insert-address-token') return null;
        let p = parties.get(raw);
        if (!p) {
          p = Object.freeze(party(raw, country));
          parties.set(raw, p);
        }
        return p;
      };
      const chatKey = (thread: unknown) => (thread === null ? null : `${prefix}${str(thread)}`);

      if (tables.has('threads')) {
        const addresses = new Map<string, string>();
        if (tables.has('canonical_addresses'))
          await eachRow(
            db,
            file,
            'canonical_addresses',
            'SELECT _id, address FROM canonical_addresses',
            out,
            ([id, address]) => {
              if (address !== null) addresses.set(String(id), String(address));
            },
          );
        await eachRow(
          db,
          file,
          'threads',
          'SELECT _id, recipient_ids FROM threads',
          out,
          ([id, recipientIds]) => {
            const participants = (str(recipientIds) ?? '')
              .split(' ')
              .filter((r) => r !== '')
              .map((r) => partyOf(addresses.get(r) ?? null))
              .filter((p): p is Party => p !== null);
            out.record({
              kind: 'chat',
              app: 'native',
              key: chatKey(id)!,
              group: participants.length > 1,
              subject: null,
              participants,
              // A thread only knows its last message, not when it began.
              createdAt: null,
              prov: { file, table: 'threads', rowId: String(id) },
            });
          },
        );
      }

      if (tables.has('sms'))
        await eachRow(
          db,
          file,
          'sms',
          'SELECT _id, thread_id, address, date, type, body FROM sms',
          out,
          ([id, thread, address, date, type, body]) => {
            const t = num(type);
            const direction = t === 1 ? 'incoming' : t !== null && t >= 2 ? 'outgoing' : 'unknown';
            out.record({
              kind: 'message',
              app: 'native',
              chatKey: chatKey(thread),
              direction,
              // The phone does not store its own number with a sent SMS.
              sender: direction === 'incoming' ? partyOf(address) : null,
              at: msTime(date),
              text: str(body),
              attachments: [],
              prov: { file, table: 'sms', rowId: String(id) },
            });
          },
        );

      if (tables.has('pdu')) {
        // Parts and FROM addresses first (MMS are few), then one pass over the pdu rows.
        const texts = new Map<string, string[]>();
        const attachments = new Map<string, DeviceAttachment[]>();
        if (tables.has('part')) {
          const cols = columnsOf(db, 'part');
          await eachRow(
            db,
            file,
            'part',
            `SELECT p.mid, p.ct, ${colOr(cols, 'p', 'name')}, ${colOr(cols, 'p', 'cl')},
               ${colOr(cols, 'p', 'fn')}, ${colOr(cols, 'p', 'text')}, ${colOr(cols, 'p', '_data')}
             FROM part p ORDER BY p.mid, p.seq, p._id`,
            out,
            ([mid, ct, name, cl, fn, text, data]) => {
              const key = String(mid);
              const type = str(ct)?.toLowerCase() ?? null;
              if (type === 'application/smil') return;
              if (type === 'text/plain' && text !== null) {
                const list = texts.get(key) ?? [];
                list.push(String(text));
                texts.set(key, list);
                return;
              }
              const list = attachments.get(key) ?? [];
              list.push({
                fileName: str(name) ?? str(cl) ?? str(fn) ?? baseName(str(data)),
                mimeType: str(ct),
                bytes: partSize(x, str(data)),
              });
              attachments.set(key, list);
            },
          );
        }
        const senders = new Map<string, string>();
        if (tables.has('addr'))
          await eachRow(
            db,
            file,
            'addr',
            `SELECT msg_id, address FROM addr WHERE type = ${PDU_FROM} ORDER BY _id`,
            out,
            ([mid, address]) => {
              const key = String(mid);
              if (address !== null && !senders.has(key)) senders.set(key, String(address));
            },
          );
        const cols = columnsOf(db, 'pdu');
        await eachRow(
          db,
          file,
          'pdu',
          `SELECT p._id, p.thread_id, p.date, p.msg_box, ${colOr(cols, 'p', 'm_type')} FROM pdu p`,
          out,
          ([id, thread, date, box, mType]) => {
            if (PDU_REPORTS.has(num(mType) ?? 0)) return;
            const key = String(id);
            const b = num(box);
            const direction = b === 1 ? 'incoming' : b !== null && b >= 2 ? 'outgoing' : 'unknown';
            const text = texts.get(key);
            out.record({
              kind: 'message',
              app: 'native',
              chatKey: chatKey(thread),
              direction,
              sender: direction === 'incoming' ? partyOf(senders.get(key) ?? null) : null,
              at: unixS(num(date) ?? null) ?? { utc: null, original: '', zone: 'unix-s' },
              text: text ? text.join('\n') : null,
              attachments: attachments.get(key) ?? [],
              prov: { file, table: 'pdu', rowId: key },
            });
          },
        );
      }
    });
  }
}

/** The size of an MMS part's file when the extraction holds it (`_data` is a path on the phone). */
function partSize(x: Extraction, data: string | null): number | null {
  if (!data) return null;
  const onPhone = data.replace(/^\/+/, '');
  const candidates = [onPhone, onPhone.replace(/^data\/user\/0\//, 'data/data/')];
  for (const rel of candidates) {
    if (!has(x, rel)) continue;
    try {
      return statSync(x.path(rel)).size;
    } catch {
      return null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// WhatsApp

interface WhatsApp {
  app: string;
  /** The app folder inside the extraction, e.g. `data/data/com.whatsapp/`. */
  root: string;
  /** Display names by JID (wa.db), the owner's push name included. */
  names: Map<string, string>;
  owner: Party | null;
  /** Parties by JID, made once (a chat's sender is the same party on every message). */
  parties: Map<string, Party>;
}

const STATUS_JID = 'status@broadcast';
const WA_SYSTEM_TYPE = 7;
const WA_LEGACY_SYSTEM_STATUS = 6;
const WA_CALL_CONNECTED = 5;
/** message_type (legacy media_wa_type) of messages that carry a file. */
const WA_MEDIA_TYPES = new Set(['1', '2', '3', '9', '13', '20', '23', '25', '26', '28', '29']);

function waParty(wa: WhatsApp, jid: string): Party {
  let p = wa.parties.get(jid);
  if (!p) {
    const name = wa.names.get(jid);
    p = Object.freeze(
      name === undefined
        ? { raw: jid, e164: jidNumber(jid) }
        : { raw: jid, e164: jidNumber(jid), name },
    );
    wa.parties.set(jid, p);
  }
  return p;
}

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : Number(k.slice(1)));
  });
}

/** `<string name="…">…</string>` entries of an Android shared-prefs XML file. */
export function sharedPrefs(text: string): Map<string, string> {
  const prefs = new Map<string, string>();
  for (const m of text.matchAll(/<string\s+name="([^"]*)"\s*>([^<]*)<\/string>/g))
    prefs.set(xmlText(m[1]!), xmlText(m[2]!));
  return prefs;
}

/** The number WhatsApp was registered with: `cc` + `ph` in its shared prefs, else `registration_jid`. */
export function registeredNumber(
  prefs: ReadonlyMap<string, string>,
): { e164: string; from: 'cc+ph' | 'registration_jid' } | null {
  const cc = prefs.get('cc');
  const ph = prefs.get('ph');
  const fromParts = cc && ph ? toE164(`+${cc}${ph}`, 'NL') : null;
  if (fromParts) return { e164: fromParts, from: 'cc+ph' };
  const registration = prefs.get('registration_jid');
  const fromJid = registration
    ? jidNumber(`${registration.replace(/@.*$/, '')}@s.whatsapp.net`)
    : null;
  return fromJid ? { e164: fromJid, from: 'registration_jid' } : null;
}

/** The registered number and push name from WhatsApp's shared prefs. */
function readWhatsAppOwner(x: Extraction, wa: WhatsApp, pkg: string, out: Out): void {
  for (const name of [`${pkg}_preferences_light.xml`, `${pkg}_preferences.xml`]) {
    const file = `${wa.root}shared_prefs/${name}`;
    if (!has(x, file)) continue;
    let prefs: Map<string, string>;
    try {
      prefs = sharedPrefs(readFileSync(x.path(file), 'utf8'));
    } catch (error) {
      out.sink.warn({ file, message: `cannot read: ${message(error)}` });
      continue;
    }
    const registered = registeredNumber(prefs);
    if (!registered) continue;
    const { e164, from: rowId } = registered;
    const pushName = prefs.get('push_name') ?? null;
    const jid = `${e164.slice(1)}@s.whatsapp.net`;
    if (pushName && !wa.names.has(jid)) wa.names.set(jid, pushName);
    wa.owner = waParty(wa, jid);
    out.record({
      kind: 'account',
      app: wa.app,
      identifier: e164,
      displayName: pushName,
      prov: { file, table: 'string', rowId },
    });
    out.sink.owner({ phones: [e164] });
    return;
  }
}

async function readWaDb(x: Extraction, wa: WhatsApp, out: Out): Promise<void> {
  const file = `${wa.root}databases/wa.db`;
  if (!has(x, file)) return;
  await withDb(x, file, out, async (db) => {
    if (!tablesOf(db).has('wa_contacts')) {
      out.sink.warn({ file, message: 'table wa_contacts missing: WhatsApp contacts not read' });
      return;
    }
    const cols = columnsOf(db, 'wa_contacts');
    const sql = `SELECT w._id, w.jid, ${colOr(cols, 'w', 'is_whatsapp_user')},
        ${colOr(cols, 'w', 'display_name')}, ${colOr(cols, 'w', 'wa_name')},
        ${colOr(cols, 'w', 'phone_type')}, ${colOr(cols, 'w', 'phone_label')}
      FROM wa_contacts w`;
    await eachRow(db, file, 'wa_contacts', sql, out, (row) => {
      const [id, jidCell, isUser, displayName, waName, phoneType, customLabel] = row;
      const jid = str(jidCell);
      if (jid === null) return;
      const name = str(displayName) ?? str(waName);
      if (name !== null && !wa.names.has(jid)) wa.names.set(jid, name);
      // Rows for groups, broadcast lists and address-book numbers without WhatsApp are not contacts.
      if (!jid.endsWith('@s.whatsapp.net') || (isUser !== null && num(isUser) !== 1)) return;
      out.record({
        kind: 'contact',
        app: wa.app,
        name,
        phones: [{ raw: jid, e164: jidNumber(jid), label: phoneLabel(phoneType, customLabel) }],
        emails: [],
        prov: { file, table: 'wa_contacts', rowId: String(id) },
      });
    });
  });
}

async function readMsgstore(x: Extraction, wa: WhatsApp, file: string, out: Out): Promise<void> {
  await withDb(x, file, out, async (db) => {
    const tables = tablesOf(db);
    if (tables.has('message')) await readMsgstoreCurrent(db, file, tables, wa, out);
    else if (tables.has('messages')) await readMsgstoreLegacy(db, file, tables, wa, out);
    else
      out.sink.warn({
        file,
        message: `unknown WhatsApp schema: tables ${[...tables].sort().join(', ') || '(none)'}; neither message nor messages, not read`,
      });
  });
}

interface WaChat {
  key: string;
  group: boolean;
  peer: Party | null;
}

async function readMsgstoreCurrent(
  db: Database.Database,
  file: string,
  tables: Set<string>,
  wa: WhatsApp,
  out: Out,
): Promise<void> {
  for (const t of ['jid', 'chat'])
    if (!tables.has(t))
      out.sink.warn({
        file,
        message: `table ${t} missing: WhatsApp ${t === 'jid' ? 'senders' : 'chats'} not resolved`,
      });

  // JIDs by row as stored (chat keys), and as parties are read: a LID (privacy id) as the phone
  // JID it maps to where jid_map says so.
  const stored = new Map<number, string>();
  const jids = new Map<number, string>();
  if (tables.has('jid')) {
    const cols = columnsOf(db, 'jid');
    await eachRow(
      db,
      file,
      'jid',
      `SELECT j._id, ${colOr(cols, 'j', 'raw_string')}, j.user, j.server FROM jid j`,
      out,
      ([id, rawString, user, server]) => {
        const jid = str(rawString) ?? (user !== null ? `${str(user)}@${str(server)}` : null);
        if (jid !== null) {
          stored.set(Number(id), jid);
          jids.set(Number(id), jid);
        }
      },
    );
  }
  if (tables.has('jid_map')) {
    const lids: [number, number][] = [];
    await eachRow(db, file, 'jid_map', 'SELECT lid_row_id, jid_row_id FROM jid_map', out, (r) =>
      lids.push([Number(r[0]), Number(r[1])]),
    );
    for (const [lid, phone] of lids) {
      const phoneJid = jids.get(phone);
      if (phoneJid !== undefined && jids.has(lid)) jids.set(lid, phoneJid);
    }
  }
  const partyOfRow = (row: unknown): Party | null => {
    const jid = typeof row === 'number' || typeof row === 'bigint' ? jids.get(Number(row)) : null;
    return jid ? waParty(wa, jid) : null;
  };

  // Group members by the group's JID row (older builds: group_participants by JID text).
  const members = new Map<string, Party[]>();
  const addMember = (groupJid: string | null | undefined, p: Party | null) => {
    if (!groupJid || !p) return;
    const list = members.get(groupJid) ?? [];
    list.push(p);
    members.set(groupJid, list);
  };
  if (tables.has('group_participant_user'))
    await eachRow(
      db,
      file,
      'group_participant_user',
      'SELECT group_jid_row_id, user_jid_row_id FROM group_participant_user ORDER BY _id',
      out,
      ([group, user]) => addMember(jids.get(Number(group)), partyOfRow(user)),
    );
  else if (tables.has('group_participants')) await readLegacyMembers(db, file, wa, out, addMember);

  const chats = new Map<number, WaChat | null>();
  if (tables.has('chat')) {
    const cols = columnsOf(db, 'chat');
    await eachRow(
      db,
      file,
      'chat',
      `SELECT c._id, c.jid_row_id, ${colOr(cols, 'c', 'subject')},
         ${colOr(cols, 'c', 'created_timestamp')} FROM chat c`,
      out,
      ([id, jidRow, subject, created]) => {
        const jid = jids.get(Number(jidRow)) ?? null;
        if (jid === STATUS_JID) {
          chats.set(Number(id), null);
          return;
        }
        // The key is the JID as stored (unique per chat), the peer the phone JID where known.
        const key = stored.get(Number(jidRow)) ?? `chat:${str(id)}`;
        const chat = emitWaChat(wa, out, key, jid, subject, created, members, {
          file,
          table: 'chat',
          rowId: String(id),
        });
        chats.set(Number(id), chat);
      },
    );
  }

  // Messages a page at a time by _id, and the attachments of each page in a second query: as
  // fast as SQLite hands rows out (a LEFT JOIN per row costs twice that), memory stays flat.
  const media = tables.has('message_media') ? columnsOf(db, 'message_media') : new Set<string>();
  const mc = columnsOf(db, 'message');
  const mediaSql = media.has('message_row_id')
    ? `SELECT mm.message_row_id, ${colOr(media, 'mm', 'media_name')},
         ${colOr(media, 'mm', 'file_path')}, ${colOr(media, 'mm', 'mime_type')},
         ${colOr(media, 'mm', 'file_size')}, ${colOr(media, 'mm', 'file_length')},
         ${colOr(media, 'mm', 'media_caption')}
       FROM message_media mm WHERE mm.message_row_id BETWEEN ? AND ?`
    : null;
  // A damaged message_media page loses the attachments of those messages, not the messages.
  let mediaStmt: Database.Statement | null = null;
  try {
    if (mediaSql !== null) mediaStmt = db.prepare(mediaSql).raw(true);
  } catch (error) {
    out.sink.warn({ file, message: `message_media: ${message(error)}; attachments not read` });
  }
  let mediaLost: { from: unknown; to: unknown; why: string } | null = null;
  const flushMediaLost = () => {
    if (!mediaLost) return;
    out.sink.warn({
      file,
      message: `message_media: ${mediaLost.why}; attachments of messages ${str(mediaLost.from)} to ${str(mediaLost.to)} not read`,
    });
    mediaLost = null;
  };
  const mediaOf = (from: unknown, to: unknown): Map<unknown, Row> => {
    const found = new Map<unknown, Row>();
    if (mediaStmt === null) return found;
    try {
      for (const m of mediaStmt.all(from, to) as Row[]) found.set(m[0], m);
      flushMediaLost();
    } catch (error) {
      if (mediaLost) mediaLost.to = to;
      else mediaLost = { from, to, why: message(error) };
    }
    return found;
  };
  const owner = wa.owner;
  const app = wa.app;
  await eachPage(
    db,
    file,
    'message',
    `SELECT m._id, m.chat_row_id, m.from_me, ${colOr(mc, 'm', 'sender_jid_row_id')}, m.timestamp,
       ${colOr(mc, 'm', 'message_type')}, ${colOr(mc, 'm', 'text_data')}
     FROM message m WHERE m._id > ? ORDER BY m._id LIMIT ?`,
    out,
    (rows) => {
      const attached = mediaOf(rows[0]![0], rows[rows.length - 1]![0]);
      return (row) => {
        if (row[5] === WA_SYSTEM_TYPE) return;
        const chat = chats.get(row[1] as number);
        if (chat === null) return; // status updates
        const outgoing = row[2] === 1;
        let sender: Party | null;
        if (outgoing) sender = owner;
        else if (chat && !chat.group) sender = chat.peer;
        else sender = partyOfRow(row[3]);
        const m = attached.size > 0 ? attached.get(row[0]) : undefined;
        out.record({
          kind: 'message',
          app,
          chatKey: chat ? chat.key : null,
          direction: outgoing ? 'outgoing' : row[2] === 0 ? 'incoming' : 'unknown',
          sender,
          at: msTime(row[4]),
          text: (row[6] as string | null) ?? (m?.[6] as string | null | undefined) ?? null,
          attachments: m
            ? [
                {
                  fileName: (m[1] as string | null) ?? baseName(m[2] as string | null),
                  mimeType: m[3] as string | null,
                  bytes: num(m[4]) ?? num(m[5]),
                },
              ]
            : [],
          prov: { file, table: 'message', rowId: String(row[0]) },
        });
      };
    },
  );

  flushMediaLost();

  if (tables.has('call_log')) {
    const cols = columnsOf(db, 'call_log');
    if (!cols.has('jid_row_id')) {
      out.sink.warn({ file, message: 'call_log without jid_row_id: WhatsApp calls not read' });
      return;
    }
    await eachRow(
      db,
      file,
      'call_log',
      `SELECT c._id, c.jid_row_id, c.from_me, c.timestamp, ${colOr(cols, 'c', 'video_call')},
         ${colOr(cols, 'c', 'duration')}, ${colOr(cols, 'c', 'call_result')} FROM call_log c`,
      out,
      ([id, jidRow, fromMe, timestamp, video, duration, result]) => {
        out.record({
          kind: 'call',
          app,
          direction:
            num(fromMe) === 1
              ? 'outgoing'
              : num(result) === WA_CALL_CONNECTED
                ? 'incoming'
                : 'missed',
          party: partyOfRow(jidRow),
          at: msTime(timestamp),
          durationSeconds: num(duration),
          video: num(video) === 1,
          prov: { file, table: 'call_log', rowId: String(id) },
        });
      },
    );
  }
}

/** group_participants (legacy, and early current builds): `jid` '' is the owner. */
async function readLegacyMembers(
  db: Database.Database,
  file: string,
  wa: WhatsApp,
  out: Out,
  add: (groupJid: string | null, p: Party | null) => void,
): Promise<void> {
  await eachRow(
    db,
    file,
    'group_participants',
    'SELECT gjid, jid FROM group_participants ORDER BY _id',
    out,
    ([gjid, jid]) => {
      const member = str(jid);
      add(str(gjid), member === null ? null : member === '' ? wa.owner : waParty(wa, member));
    },
  );
}

function emitWaChat(
  wa: WhatsApp,
  out: Out,
  key: string,
  jid: string | null,
  subject: unknown,
  created: unknown,
  members: Map<string, Party[]>,
  prov: Provenance,
): WaChat {
  const group = jid !== null && (jid.endsWith('@g.us') || jid.endsWith('@broadcast'));
  const peer = jid !== null && !group ? waParty(wa, jid) : null;
  const createdMs = num(created);
  out.record({
    kind: 'chat',
    app: wa.app,
    key,
    group,
    subject: group ? str(subject) : null,
    participants: group ? (members.get(jid) ?? []) : peer ? [peer] : [],
    createdAt: createdMs ? msTime(created) : null,
    prov,
  });
  return { key, group, peer };
}

async function readMsgstoreLegacy(
  db: Database.Database,
  file: string,
  tables: Set<string>,
  wa: WhatsApp,
  out: Out,
): Promise<void> {
  const members = new Map<string, Party[]>();
  if (tables.has('group_participants'))
    await readLegacyMembers(db, file, wa, out, (g, p) => {
      if (!g || !p) return;
      const list = members.get(g) ?? [];
      list.push(p);
      members.set(g, list);
    });
  const chats = new Map<string, WaChat>();
  if (tables.has('chat_list')) {
    const cols = columnsOf(db, 'chat_list');
    await eachRow(
      db,
      file,
      'chat_list',
      `SELECT c._id, c.key_remote_jid, ${colOr(cols, 'c', 'subject')},
         ${colOr(cols, 'c', 'creation')} FROM chat_list c`,
      out,
      ([id, jidCell, subject, created]) => {
        const jid = str(jidCell);
        if (jid === null || jid === STATUS_JID) return;
        chats.set(
          jid,
          emitWaChat(wa, out, jid, jid, subject, created, members, {
            file,
            table: 'chat_list',
            rowId: String(id),
          }),
        );
      },
    );
  } else out.sink.warn({ file, message: 'table chat_list missing: WhatsApp chats not read' });

  const cols = columnsOf(db, 'messages');
  const c = (name: string) => colOr(cols, 'm', name);
  const sql = `SELECT m._id, m.key_remote_jid, m.key_from_me, ${c('data')}, m.timestamp,
      ${c('media_mime_type')}, ${c('media_name')}, ${c('media_size')}, ${c('media_caption')},
      ${c('remote_resource')}, ${c('media_wa_type')}, ${c('status')}
    FROM messages m WHERE m._id > ? ORDER BY m._id LIMIT ?`;
  const owner = wa.owner;
  const app = wa.app;
  await eachPage(db, file, 'messages', sql, out, () => (row) => {
    const jid = row[1] as string | null;
    // Row 1 of a legacy store is a sentinel with key_remote_jid '-1'.
    if (jid === null || jid === '-1' || jid === STATUS_JID) return;
    const fromMe = row[2];
    const waType = row[10] === null ? null : String(row[10]);
    if (row[11] === WA_LEGACY_SYSTEM_STATUS && (waType === null || waType === '0')) return;
    const outgoing = fromMe === 1;
    const chat = chats.get(jid);
    const group = chat ? chat.group : jid.endsWith('@g.us');
    let sender: Party | null;
    if (outgoing) sender = owner;
    else if (!group) sender = chat ? chat.peer : waParty(wa, jid);
    else sender = typeof row[9] === 'string' && row[9] !== '' ? waParty(wa, row[9]) : null;
    const mime = row[5] as string | null;
    const hasFile = mime !== null || (waType !== null && WA_MEDIA_TYPES.has(waType));
    out.record({
      kind: 'message',
      app,
      chatKey: jid,
      direction: outgoing ? 'outgoing' : fromMe === 0 ? 'incoming' : 'unknown',
      sender,
      at: msTime(row[4]),
      text: (row[3] as string | null) ?? (row[8] as string | null),
      attachments: hasFile
        ? [{ fileName: row[6] as string | null, mimeType: mime, bytes: num(row[7]) }]
        : [],
      prov: { file, table: 'messages', rowId: String(row[0]) },
    });
  });
}

/** WhatsApp and WhatsApp Business: their app folders in the extraction. */
const WHATSAPP_PACKAGES: { pkg: string; app: string }[] = [
  { pkg: 'com.whatsapp', app: 'whatsapp' },
  { pkg: 'com.whatsapp.w4b', app: 'whatsapp business' },
];

async function readWhatsApp(x: Extraction, out: Out): Promise<void> {
  for (const { pkg, app } of WHATSAPP_PACKAGES) {
    const escaped = pkg.replaceAll('.', '\\.');
    const hits = locate(
      x,
      new RegExp(
        `(^|/)${escaped}/(databases/(msgstore|wa)\\.db|shared_prefs/${escaped}_preferences(_light)?\\.xml)$`,
      ),
    );
    const roots = [...new Set(hits.map((f) => f.replace(/(databases|shared_prefs)\/[^/]+$/, '')))];
    for (const root of roots) {
      const wa: WhatsApp = { app, root, names: new Map(), owner: null, parties: new Map() };
      readWhatsAppOwner(x, wa, pkg, out);
      await readWaDb(x, wa, out);
      const msgstore = `${root}databases/msgstore.db`;
      if (has(x, msgstore)) await readMsgstore(x, wa, msgstore, out);
    }
  }
}

/** Encrypted backups (`msgstore.db.crypt14`, `msgstore-2023-03-28.1.db.crypt15`, …) cannot be read without the key. */
function warnEncrypted(x: Extraction, sink: ReadSink): void {
  const keys = x.find(/(^|\/)com\.whatsapp(\.w4b)?\/files\/(key|encrypted_backup\.key)$/);
  for (const file of x.find(/\.crypt(\d+)$/i)) {
    const kind = /\.(crypt\d+)$/i.exec(file)![1]!.toLowerCase();
    const whatsapp =
      /(^|\/)(msgstore|wa|chatsettings|stickers|commerce_backup)[^/]*\.db\.crypt\d+$/i.test(file);
    sink.warn({
      file,
      message: whatsapp
        ? `encrypted WhatsApp backup (${kind}): not read` +
          (keys.length > 0 ? `; a key file is in the extraction (${keys.join(', ')})` : '')
        : `encrypted backup (${kind}): not read`,
    });
  }
}

export const readAndroid: ExtractionReader = async (x, sink) => {
  const out = new Out(sink);
  const parts: ((x: Extraction, out: Out) => Promise<void>)[] = [
    readAccounts,
    readContacts2,
    readMmsSms,
    readWhatsApp,
  ];
  try {
    warnEncrypted(x, sink);
  } catch (error) {
    sink.warn({ file: '', message: `listing encrypted backups: ${message(error)}` });
  }
  for (const part of parts) {
    try {
      await part(x, out);
    } catch (error) {
      sink.warn({ file: '', message: `${part.name}: ${message(error)}` });
    }
  }
  await out.drain();
};
