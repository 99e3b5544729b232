/**
 * Synthetic iOS full-file-system extraction: lays a `DeviceExtraction` down as the real databases
 * of an iPhone (iOS 15/16), under `private/var/mobile/…`, the way iLEAPP, Cellebrite and IPED
 * find them. Everything is synthetic.
 *
 * Record → row (the counting rule: every record becomes exactly one row; an importer counts only
 * these tables, never the helper tables listed further down):
 *
 * | record                   | file                                   | row                         |
 * | ------------------------ | -------------------------------------- | --------------------------- |
 * | contact, native          | Library/AddressBook/AddressBook.sqlitedb | ABPerson                  |
 * | contact, whatsapp        | AppGroup/<G>/ContactsV2.sqlite         | ZWAADDRESSBOOKCONTACT       |
 * | call, native             | Library/CallHistoryDB/CallHistory.storedata | ZCALLRECORD            |
 * | call, whatsapp           | AppGroup/<G>/CallHistory.sqlite        | ZWACDCALLEVENT              |
 * | chat, native             | Library/SMS/sms.db                     | chat                        |
 * | chat, whatsapp           | AppGroup/<G>/ChatStorage.sqlite        | ZWACHATSESSION              |
 * | message, native          | Library/SMS/sms.db                     | message                     |
 * | message, whatsapp        | AppGroup/<G>/ChatStorage.sqlite        | ZWAMESSAGE                  |
 * | account, whatsapp        | AppGroup/<G>/Library/Preferences/group.net.whatsapp.WhatsApp.shared.plist | the plist (OwnJabberID) |
 * | account, other apps      | Library/Accounts/Accounts3.sqlite      | ZACCOUNT                    |
 *
 * Paths are relative to `dir` and start with `private/var/mobile/`; `<G>` is
 * `Containers/Shared/AppGroup/<GUID>`, the GUID derived from the device id ({@link whatsappAppGroup}).
 * A phone without any WhatsApp record gets no AppGroup folder.
 *
 * Record ids are row ids: ABPerson.ROWID, ZWAADDRESSBOOKCONTACT.Z_PK, ZCALLRECORD.Z_PK,
 * ZWACDCALLEVENT.Z_PK, chat.ROWID, ZWACHATSESSION.Z_PK, message.ROWID, ZWAMESSAGE.Z_PK are the
 * record's `id` (so gaps are normal); ZACCOUNT.Z_PK is the account's 1-based position.
 *
 * Helper rows that are NOT records: sms.db `handle`, `chat_handle_join`, `chat_message_join`,
 * `attachment`, `message_attachment_join`, `_SqliteDatabaseProperties`; AddressBook `ABMultiValue`
 * (phones property 3, e-mails property 4), `ABMultiValueLabel`, `ABPhoneLastFour`, `ABStore`;
 * ChatStorage `ZWAGROUPINFO`, `ZWAGROUPMEMBER`, `ZWAMEDIAITEM`; WhatsApp CallHistory
 * `ZWAAGGREGATECALLEVENT` (one per event here) and `ZWACDCALLEVENTPARTICIPANT`; Accounts3
 * `ZACCOUNTTYPE`; every Core Data `Z_PRIMARYKEY` / `Z_METADATA`; the media files.
 *
 * How to read the meaning back (what an importer needs to know):
 * - Times. sms.db `message.date` / `date_read` / `date_delivered` and `chat_message_join.
 *   message_date` are Cocoa NANOSECONDS since 2001-01-01 UTC (iOS ≥ 11; older sms.db had seconds,
 *   so readers test the magnitude as iLEAPP does); `attachment.created_date` is Cocoa SECONDS.
 *   Every Core Data store (ZCALLRECORD.ZDATE, ZWAMESSAGE.ZMESSAGEDATE, ZWACDCALLEVENT.ZDATE,
 *   ZACCOUNT.ZDATE, …) has Cocoa SECONDS in TIMESTAMP columns (REAL; SQLite stores a whole
 *   number as INTEGER, as in the samples); ABPerson.CreationDate Cocoa seconds INTEGER.
 *   Unix = Cocoa seconds + 978307200. The owner is `ownerNumbers[0]`.
 * - sms.db: message → chat via `chat_message_join`; `is_from_me` gives the direction; the other
 *   party of a 1:1 message is `handle.id` (E.164) via `message.handle_id`; in groups an incoming
 *   message's handle is its sender, an outgoing one has handle_id 0. `chat.style` 45 direct, 43
 *   group; `chat.display_name` is a group's name ('' for direct chats); `chat.chat_identifier` is
 *   the peer's number or `chat<digits>` for groups; members via `chat_handle_join`. Service per
 *   chat: even chat id 'SMS', odd 'iMessage'.
 * - Message text: every message has an `attributedBody` (typedstream NSAttributedString, see
 *   typedstream.ts); messages with an even id have `text` NULL and their text only there, as
 *   on recent iOS. Messages with id % 4 == 0 archive it as NSMutableAttributedString. An
 *   attachment is the object replacement character U+FFFC at the start of the text, followed by
 *   the caption if any (text of an attachment-only message: '\uFFFC'). `cache_has_attachments`
 *   1 and `message_attachment_join` → `attachment` (filename `~/Library/SMS/Attachments/…`,
 *   mime_type, transfer_name = file name, total_bytes = stated size).
 * - `is_read` mirrors the record's read flag (both directions); `date_read` is set for read
 *   incoming messages (a minute after `date`), 0 otherwise.
 * - AddressBook: ABPerson First/Last (a contact with neither gets its display name as First);
 *   ABMultiValue.record_id = ABPerson.ROWID, property 3 phone / 4 e-mail, label = rowid of
 *   ABMultiValueLabel (`_$!<Mobile>!$_`, `_$!<Home>!$_`, `_$!<Work>!$_`, `_$!<Other>!$_`),
 *   value as the owner typed it (national format in the SIM's country, else international).
 *   FirstSort/LastSort are plain lowercase text here (real devices hold ICU sort keys).
 * - CallHistory.storedata: ZADDRESS is a BLOB of UTF-8 text as iOS stores it (incoming: E.164;
 *   outgoing: as dialled, national digits for the SIM's country). ZORIGINATED 1 outgoing;
 *   ZANSWERED 1 when the call connected (missed: ZORIGINATED 0, ZANSWERED 0); ZCALLTYPE 1 phone,
 *   8 FaceTime video (video calls, ZSERVICE_PROVIDER com.apple.FaceTime); ZDURATION seconds.
 * - ChatStorage: ZWAMESSAGE.ZCHATSESSION → ZWACHATSESSION.Z_PK; ZISFROMME direction; ZFROMJID is
 *   the peer JID (direct) or the group JID (group) for incoming messages and NULL for outgoing
 *   ones, ZTOJID the peer/group JID for outgoing ones and NULL for incoming ones; the sender of
 *   an incoming group message is ZGROUPMEMBER → ZWAGROUPMEMBER.ZMEMBERJID. ZMESSAGETYPE 0 text,
 *   1 image, 2 video, 3 audio, 8 document; for media ZTEXT is NULL and the caption is
 *   ZWAMEDIAITEM.ZTITLE (ZWAMEDIAITEM.ZMESSAGE = message, ZMEDIALOCALPATH relative to
 *   `<G>/Message/`, ZVCARDSTRING = MIME type, ZFILESIZE = stated size; the original file name is
 *   not kept, as on iOS). Group: ZWACHATSESSION.ZSESSIONTYPE 1, ZPARTNERNAME = subject,
 *   ZGROUPINFO → ZWAGROUPINFO (ZCREATORJID, ZCREATIONDATE); members in ZWAGROUPMEMBER (owner
 *   included, creator ZISADMIN 1). Direct: ZSESSIONTYPE 0, ZPARTNERNAME = contact name or number.
 * - WhatsApp read state: outgoing ZMESSAGESTATUS 8 read / 6 delivered; incoming rows carry 8 as
 *   in real data, and unread is a count: ZWACHATSESSION.ZUNREADCOUNT = the incoming messages
 *   from the first unread one on (a watermark, read the same way as the Android writer's).
 * - WhatsApp calls: ZWACDCALLEVENT.ZGROUPCALLCREATORUSERJIDSTRING is the caller (the peer for
 *   incoming/missed, the owner for outgoing — iLEAPP derives direction by comparing it with
 *   ZWACDCALLEVENTPARTICIPANT.ZJIDSTRING); ZOUTCOME 0 ended, 1 missed; ZWAAGGREGATECALLEVENT
 *   (Z_PK = ZWACDCALLEVENT.Z1CALLEVENTS) has ZINCOMING, ZMISSED, ZVIDEO.
 * - ContactsV2: ZWHATSAPPID JID, ZFULLNAME display name, ZPHONENUMBER as typed.
 * - Accounts3: ZACCOUNT.ZACCOUNTTYPE → ZACCOUNTTYPE.Z_PK (ZIDENTIFIER com.apple.account.
 *   AppleAccount, com.apple.account.Google; for Telegram/Snapchat the app's bundle id);
 *   ZUSERNAME = identifier, ZACCOUNTDESCRIPTION = display name, else the type's description.
 * - The WhatsApp account: `OwnJabberID` (and `FullUserName`) in the shared plist (XML plist).
 *   Outgoing ZWAMESSAGE rows never name the owner.
 *
 * What cannot be represented throws an Error instead of silently breaking the counting rule:
 * WhatsApp contacts with other than one phone or with e-mails, WhatsApp records without exactly
 * one WhatsApp account, two WhatsApp chats with the same JID, a group listing a member twice,
 * messages with neither text nor attachment or in another app than their chat, duplicate ids.
 * Lost without error (no home in the real schema): a native chat's createdAt and a native group's
 * creator, a non-WhatsApp account's display name beyond ZACCOUNTDESCRIPTION, per-message read
 * state of incoming WhatsApp messages before the watermark, the file name of WhatsApp media.
 * Not written although real phones have them: the CallKit copy of WhatsApp calls in
 * CallHistory.storedata (it would count each call twice), system accounts in Accounts3.
 *
 * Schema sources: AddressBook.sqlitedb, ChatStorage.sqlite, ContactsV2.sqlite and WhatsApp
 * CallHistory.sqlite copy the column lists (and Core Data entity numbers) of the public iLEAPP
 * josh_ios15_ffs test images; sms.db the macOS 13 / iOS 16 `chat.db` schema published in public
 * repositories (the same tables as iOS); ZCALLRECORD the iOS 11.2 schema of iphonebackuptools
 * (the columns iLEAPP's callHistory query reads; later iOS versions add columns not written
 * here); Accounts3 has the columns iLEAPP's accountData query reads, the rest of ZACCOUNT /
 * ZACCOUNTTYPE as known from real stores but not checked against a sample. Triggers that call
 * Apple's private SQL functions and `DEFAULT (ab_generate_guid())` are left out (plain SQLite
 * cannot run them); guids are written explicitly.
 *
 * Reproducible bytes: no clock is read, rows go in in a fixed order inside one transaction,
 * journal_mode DELETE (real devices use WAL; here the data is all in the main file), so the same
 * input gives byte-identical files with the same SQLite library. Media files are placeholders of
 * the stated size capped at 64 KiB (see ufdr.ts `placeholderMedia`).
 */
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type {
  DeviceAccount,
  DeviceCall,
  DeviceChat,
  DeviceContact,
  DeviceExtraction,
  DeviceMessage,
  DeviceWriter,
  E164,
} from './model.js';
import { encodeAttributedBody } from './typedstream.js';
import { chatJid, placeholderMedia, stableHex, stableUuid, typedNumber, userJid } from './ufdr.js';

type Db = SqliteDatabase.Database;
type Value = string | number | bigint | Buffer | null;

export const IOS_PATHS = {
  sms: 'private/var/mobile/Library/SMS/sms.db',
  smsAttachments: 'private/var/mobile/Library/SMS/Attachments',
  addressBook: 'private/var/mobile/Library/AddressBook/AddressBook.sqlitedb',
  callHistory: 'private/var/mobile/Library/CallHistoryDB/CallHistory.storedata',
  accounts: 'private/var/mobile/Library/Accounts/Accounts3.sqlite',
} as const;

/** The WhatsApp shared AppGroup folder of a device (its GUID derived from the device id). */
export function whatsappAppGroup(device: Pick<DeviceExtraction, 'id'>): string {
  const guid = stableUuid(`${device.id}|whatsapp-appgroup`).toUpperCase();
  return `private/var/mobile/Containers/Shared/AppGroup/${guid}`;
}

export function whatsappPaths(device: Pick<DeviceExtraction, 'id'>) {
  const g = whatsappAppGroup(device);
  return {
    chatStorage: `${g}/ChatStorage.sqlite`,
    contacts: `${g}/ContactsV2.sqlite`,
    calls: `${g}/CallHistory.sqlite`,
    prefs: `${g}/Library/Preferences/group.net.whatsapp.WhatsApp.shared.plist`,
    media: `${g}/Message`,
  } as const;
}

export const writeIos: DeviceWriter = async (dir, device) => {
  const ctx = prepare(device);
  const written: string[] = [];
  const at = (rel: string) => {
    written.push(rel);
    return join(dir, ...rel.split('/'));
  };
  const media: MediaFile[] = [];
  writeSmsDb(at(IOS_PATHS.sms), ctx, media);
  writeAddressBook(at(IOS_PATHS.addressBook), ctx);
  writeCallHistory(at(IOS_PATHS.callHistory), ctx);
  writeAccounts3(at(IOS_PATHS.accounts), ctx);
  if (ctx.wa) {
    const wp = whatsappPaths(device);
    writeChatStorage(at(wp.chatStorage), ctx, ctx.wa, media);
    writeContactsV2(at(wp.contacts), ctx, ctx.wa);
    writeWaCallHistory(at(wp.calls), ctx, ctx.wa);
    writeFile(at(wp.prefs), Buffer.from(whatsappPlist(ctx.wa.account), 'utf8'));
  }
  for (const f of media) writeFile(at(f.rel), placeholderMedia(f.seed, f.mime, f.size));
  const mtime = new Date(ms(device.extractedAt));
  for (const rel of written) utimesSync(join(dir, ...rel.split('/')), mtime, mtime);
  return written.sort();
};

// ---------------------------------------------------------------------------------------------
// Preparation and checks

interface MediaFile {
  rel: string;
  seed: string;
  mime: string;
  size: number;
}

interface WhatsApp {
  account: DeviceAccount;
  contacts: DeviceContact[];
  calls: DeviceCall[];
  chats: DeviceChat[];
  messages: DeviceMessage[];
}

interface Context {
  d: DeviceExtraction;
  owner: E164;
  chats: Map<number, DeviceChat>;
  /** Display names per app, by number. */
  names: Record<'native' | 'whatsapp', Map<E164, string>>;
  native: {
    contacts: DeviceContact[];
    calls: DeviceCall[];
    chats: DeviceChat[];
    messages: DeviceMessage[];
  };
  wa: WhatsApp | null;
  others: DeviceAccount[];
}

function fail(msg: string): never {
  throw new Error(`writeIos: ${msg}`);
}

function uniqueIds(kind: string, items: { id: number }[]): void {
  const seen = new Set<number>();
  for (const i of items) {
    if (!Number.isInteger(i.id) || i.id < 1) fail(`${kind} id ${i.id} is not a positive integer`);
    if (seen.has(i.id)) fail(`${kind} id ${i.id} twice`);
    seen.add(i.id);
  }
}

const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;

/** The highest id of a list (0 when empty); no spread, so any length works. */
function maxId(list: readonly { id: number }[]): number {
  let max = 0;
  for (const x of list) if (x.id > max) max = x.id;
  return max;
}

function prepare(d: DeviceExtraction): Context {
  const owner = d.ownerNumbers[0] ?? fail(`device ${d.id} has no owner number`);
  uniqueIds('contact', d.contacts);
  uniqueIds('call', d.calls);
  uniqueIds('chat', d.chats);
  uniqueIds('message', d.messages);
  const chats = new Map(d.chats.map((c) => [c.id, c]));
  for (const c of d.chats) {
    if (c.kind === 'direct' && !c.peer) fail(`direct chat ${c.id} has no peer`);
    if (new Set(c.members).size !== c.members.length) fail(`chat ${c.id} lists a member twice`);
  }
  for (const m of d.messages) {
    const chat = chats.get(m.chatId) ?? fail(`message ${m.id} in unknown chat ${m.chatId}`);
    if (chat.app !== m.app) fail(`message ${m.id} is ${m.app}, its chat ${chat.app}`);
    if (m.text === null && m.attachment === null) {
      fail(`message ${m.id} has neither text nor attachment`);
    }
  }
  const names: Context['names'] = { native: new Map(), whatsapp: new Map() };
  for (const c of d.contacts) {
    for (const p of c.phones)
      if (!names[c.app].has(p.number)) names[c.app].set(p.number, c.displayName);
  }
  const of = <T extends { app: string; id: number }>(list: T[], app: string) =>
    list.filter((x) => x.app === app).sort(byId);
  const waAccounts = d.accounts.filter((a) => a.app === 'whatsapp');
  const waRecords = {
    contacts: of(d.contacts, 'whatsapp'),
    calls: of(d.calls, 'whatsapp'),
    chats: of(d.chats, 'whatsapp'),
    messages: of(d.messages, 'whatsapp'),
  };
  const anyWa = waAccounts.length > 0 || Object.values(waRecords).some((list) => list.length > 0);
  let wa: WhatsApp | null = null;
  if (anyWa) {
    if (waAccounts.length !== 1) {
      fail(`WhatsApp needs exactly one WhatsApp account, got ${waAccounts.length}`);
    }
    for (const c of waRecords.contacts) {
      if (c.phones.length !== 1 || c.emails.length > 0) {
        fail(`WhatsApp contact ${c.id} must have exactly one phone and no e-mail`);
      }
    }
    const jids = new Set<string>();
    for (const c of waRecords.chats) {
      const jid = chatJid(c);
      if (jids.has(jid)) fail(`two WhatsApp chats with JID ${jid}`);
      jids.add(jid);
    }
    wa = { account: waAccounts[0]!, ...waRecords };
  }
  return {
    d,
    owner,
    chats,
    names,
    native: {
      contacts: of(d.contacts, 'native'),
      calls: of(d.calls, 'native'),
      chats: of(d.chats, 'native'),
      messages: of(d.messages, 'native'),
    },
    wa,
    others: d.accounts.filter((a) => a.app !== 'whatsapp'),
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const COCOA_EPOCH_MS = 978_307_200_000;

function ms(iso: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) fail(`not a time: ${iso}`);
  return t;
}

/** Cocoa (Core Data) seconds since 2001-01-01 UTC. */
function cocoaSeconds(iso: string): number {
  return (ms(iso) - COCOA_EPOCH_MS) / 1000;
}

/** Cocoa nanoseconds since 2001-01-01 UTC, as sms.db has them since iOS 11. */
function cocoaNanos(iso: string, plusMs = 0): bigint {
  return BigInt(ms(iso) + plusMs - COCOA_EPOCH_MS) * 1_000_000n;
}

function guid(ctx: Context, ...parts: (string | number)[]): string {
  return stableUuid([ctx.d.id, ...parts].join('|')).toUpperCase();
}

function nameFor(ctx: Context, app: 'native' | 'whatsapp', number: E164): string | null {
  return (
    ctx.names[app].get(number) ??
    ctx.names[app === 'native' ? 'whatsapp' : 'native'].get(number) ??
    null
  );
}

function international(number: E164): string {
  return parsePhoneNumberFromString(number)?.formatInternational() ?? number;
}

function countryOf(number: E164): string | null {
  return parsePhoneNumberFromString(number)?.country?.toLowerCase() ?? null;
}

/** As dialled from the keypad or a contact: the typed form without spaces. */
function dialled(ctx: Context, number: E164): string {
  return typedNumber(number, ctx.d.simCountry).replace(/[^\d+]/g, '');
}

function extensionOf(fileName: string, mime: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot > 0 && dot < fileName.length - 1) return fileName.slice(dot + 1).toLowerCase();
  const sub = mime.split('/')[1] ?? 'bin';
  return sub === 'jpeg' ? 'jpg' : sub.replace(/[^a-z0-9]/gi, '').slice(0, 5) || 'bin';
}

const UTI: Record<string, string> = {
  'image/jpeg': 'public.jpeg',
  'image/png': 'public.png',
  'image/gif': 'com.compuserve.gif',
  'image/heic': 'public.heic',
  'video/mp4': 'public.mpeg-4',
  'video/quicktime': 'com.apple.quicktime-movie',
  'audio/mp4': 'public.mpeg-4-audio',
  'audio/x-m4a': 'com.apple.m4a-audio',
  'audio/amr': 'org.3gpp.adaptive-multi-rate-audio',
  'application/pdf': 'com.adobe.pdf',
};

function writeFile(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

function xmlText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An XML property list of a flat dictionary. */
function plist(dict: [string, string | number | boolean][]): string {
  const body = dict
    .map(([k, v]) => {
      const value =
        typeof v === 'boolean'
          ? `<${v}/>`
          : typeof v === 'number'
            ? `<integer>${v}</integer>`
            : `<string>${xmlText(v)}</string>`;
      return `\t<key>${xmlText(k)}</key>\n\t${value}\n`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
    `<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`
  );
}

function whatsappPlist(account: DeviceAccount): string {
  const entries: [string, string | number | boolean][] = [
    ['OwnJabberID', userJid(account.identifier)],
  ];
  if (account.displayName) entries.push(['FullUserName', account.displayName]);
  return plist(entries);
}

// ---------------------------------------------------------------------------------------------
// SQLite plumbing

function openFresh(path: string, coreData: boolean): Db {
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = DELETE');
  db.pragma('foreign_keys = OFF');
  // Core Data stores are created with incremental auto-vacuum (_NSAutoVacuumLevel 2).
  if (coreData) db.pragma('auto_vacuum = 2');
  return db;
}

function build(
  path: string,
  coreData: boolean,
  ddl: readonly string[],
  fill: (db: Db) => void,
): void {
  const db = openFresh(path, coreData);
  try {
    for (const stmt of ddl) db.exec(stmt);
    db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
}

/** A prepared INSERT of the listed columns; unlisted columns keep their defaults. */
function inserter(db: Db, table: string, columns: readonly string[]) {
  const stmt = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  return (row: Record<string, Value | undefined>) => {
    const values: Record<string, Value> = {};
    for (const c of columns) values[c] = row[c] ?? null;
    stmt.run(values);
  };
}

/** Core Data bookkeeping: entity numbers with their highest Z_PK, and the store metadata. */
function coreDataMeta(db: Db, ctx: Context, store: string, entities: [string, number][]): void {
  const pk = inserter(db, 'Z_PRIMARYKEY', ['Z_ENT', 'Z_NAME', 'Z_SUPER', 'Z_MAX']);
  entities.forEach(([name, max], i) => pk({ Z_ENT: i + 1, Z_NAME: name, Z_SUPER: 0, Z_MAX: max }));
  const uuid = guid(ctx, 'store', store);
  inserter(db, 'Z_METADATA', ['Z_VERSION', 'Z_UUID', 'Z_PLIST'])({
    Z_VERSION: 1,
    Z_UUID: uuid,
    Z_PLIST: Buffer.from(
      plist([
        ['NSPersistenceFrameworkVersion', 1244],
        ['NSStoreType', 'SQLite'],
        ['NSStoreUUID', uuid],
        ['_NSAutoVacuumLevel', '2'],
      ]),
      'utf8',
    ),
  });
}

const CORE_DATA_TABLES = [
  'CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER)',
  'CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB)',
  'CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB)',
] as const;

// ---------------------------------------------------------------------------------------------
// sms.db — iOS 16 Messages (same tables as macOS 13 chat.db)

const SMS_DDL = [
  'CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key))',
  'CREATE TABLE deleted_messages (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL)',
  'CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id))',
  'CREATE TABLE sync_deleted_messages (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL, recordID TEXT )',
  'CREATE TABLE message_processing_task (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL, task_flags INTEGER NOT NULL )',
  'CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service) )',
  'CREATE TABLE sync_deleted_chats (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL, recordID TEXT,timestamp INTEGER)',
  'CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id))',
  'CREATE TABLE sync_deleted_attachments (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL, recordID TEXT )',
  'CREATE TABLE kvtable (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, key TEXT UNIQUE NOT NULL, value BLOB NOT NULL)',
  'CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id))',
  'CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0, is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0, is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0, is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0, is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT, was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0, is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0, share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0, message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT, associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB, expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0, associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER, message_summary_info BLOB, ck_sync_state INTEGER DEFAULT 0, ck_record_id TEXT, ck_record_change_tag TEXT, destination_caller_id TEXT, is_corrupt INTEGER DEFAULT 0, reply_to_guid TEXT, sort_id INTEGER, is_spam INTEGER DEFAULT 0, has_unseen_mention INTEGER DEFAULT 0, thread_originator_guid TEXT, thread_originator_part TEXT, syndication_ranges TEXT, synced_syndication_ranges TEXT, was_delivered_quietly INTEGER DEFAULT 0, did_notify_recipient INTEGER DEFAULT 0, date_retracted INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0, was_detonated INTEGER DEFAULT 0, part_count INTEGER, is_stewie INTEGER DEFAULT 0)',
  'CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER DEFAULT 0, successful_query INTEGER, engram_id TEXT, server_change_token TEXT, ck_sync_state INTEGER DEFAULT 0, original_group_id TEXT, last_read_message_timestamp INTEGER DEFAULT 0, cloudkit_record_id TEXT, last_addressed_sim_id TEXT, is_blackholed INTEGER DEFAULT 0, syndication_date INTEGER DEFAULT 0, syndication_type INTEGER DEFAULT 0, is_recovered INTEGER DEFAULT 0)',
  'CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT, total_bytes INTEGER DEFAULT 0, is_sticker INTEGER DEFAULT 0, sticker_user_info BLOB, attribution_info BLOB, hide_attachment INTEGER DEFAULT 0, ck_sync_state INTEGER DEFAULT 0, ck_server_change_token_blob BLOB, ck_record_id TEXT, original_guid TEXT UNIQUE NOT NULL, is_commsafety_sensitive INTEGER DEFAULT 0)',
  'CREATE TABLE chat_recoverable_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, delete_date INTEGER, ck_sync_state INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id), CHECK (delete_date != 0))',
  'CREATE TABLE unsynced_removed_recoverable_messages (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, chat_guid TEXT NOT NULL, message_guid TEXT NOT NULL, part_index INTEGER)',
  'CREATE TABLE recoverable_message_part (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, part_index INTEGER, delete_date INTEGER, part_text BLOB NOT NULL, ck_sync_state INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id, part_index), CHECK (delete_date != 0))',
  'CREATE INDEX message_attachment_join_idx_message_id ON message_attachment_join(message_id)',
  'CREATE INDEX chat_idx_chat_identifier_service_name ON chat(chat_identifier, service_name)',
  'CREATE INDEX chat_handle_join_idx_handle_id ON chat_handle_join(handle_id)',
  'CREATE INDEX message_attachment_join_idx_attachment_id ON message_attachment_join(attachment_id)',
  'CREATE INDEX message_idx_date ON message(date)',
  'CREATE INDEX message_idx_thread_originator_guid ON message(thread_originator_guid)',
  'CREATE INDEX message_idx_handle ON message(handle_id, date)',
  'CREATE INDEX message_idx_handle_id ON message(handle_id)',
  'CREATE INDEX message_idx_is_sent_is_from_me_error ON message(is_sent, is_from_me, error)',
  'CREATE INDEX chat_message_join_idx_message_id_only ON chat_message_join(message_id)',
  'CREATE INDEX message_idx_associated_message ON message(associated_message_guid)',
  'CREATE INDEX chat_idx_chat_identifier ON chat(chat_identifier)',
  'CREATE INDEX chat_message_join_idx_chat_id ON chat_message_join(chat_id)',
  'CREATE INDEX message_idx_cache_has_attachments ON message(cache_has_attachments)',
  'CREATE INDEX chat_idx_chat_room_name_service_name ON chat(room_name, service_name)',
  'CREATE INDEX message_idx_other_handle ON message(other_handle)',
  'CREATE INDEX message_idx_was_downgraded ON message(was_downgraded)',
  'CREATE INDEX chat_idx_is_archived ON chat(is_archived)',
  'CREATE INDEX chat_idx_group_id ON chat(group_id)',
  'CREATE INDEX message_idx_expire_state ON message(expire_state)',
  'CREATE INDEX chat_message_join_idx_message_date_id_chat_id ON chat_message_join(chat_id, message_date, message_id)',
  'CREATE INDEX message_idx_is_read ON message(is_read, is_from_me, is_finished)',
  'CREATE INDEX message_idx_isRead_isFromMe_itemType ON message(is_read, is_from_me, item_type)',
  'CREATE INDEX message_idx_failed ON message(is_finished, is_from_me, error)',
] as const;

function smsService(chat: DeviceChat): 'SMS' | 'iMessage' {
  return chat.id % 2 === 0 ? 'SMS' : 'iMessage';
}

/** The other parties of a chat (never the owner). */
function othersOf(ctx: Context, chat: DeviceChat): E164[] {
  const list = chat.kind === 'direct' ? [chat.peer!] : chat.members;
  return [...new Set(list.filter((n) => n !== ctx.owner))];
}

function groupIdentifier(ctx: Context, chat: DeviceChat): string {
  const digits = BigInt(`0x${stableHex(`${ctx.d.id}|sms-group|${chat.id}`, 15)}`) % 10n ** 18n;
  return `chat${digits.toString().padStart(18, '0')}`;
}

function smsAttachmentDir(ctx: Context, m: DeviceMessage): string {
  const a = stableHex(`${ctx.d.id}|sms-att|${m.id}`, 2).toLowerCase();
  const b = String(m.id % 100).padStart(2, '0');
  return `${a}/${b}/${guid(ctx, 'sms-attachment', m.id)}`;
}

function writeSmsDb(path: string, ctx: Context, media: MediaFile[]): void {
  build(path, false, SMS_DDL, (db) => {
    const owner = ctx.owner;
    const account = `P:${owner}`;
    const handles = new Map<string, number>();
    const insertHandle = inserter(db, 'handle', ['ROWID', 'id', 'country', 'service']);
    const handle = (number: E164, service: string): number => {
      const key = `${number}|${service}`;
      let rowid = handles.get(key);
      if (rowid === undefined) {
        rowid = handles.size + 1;
        handles.set(key, rowid);
        insertHandle({ ROWID: rowid, id: number, country: countryOf(number), service });
      }
      return rowid;
    };

    const byChat = new Map<number, DeviceMessage[]>();
    for (const m of ctx.native.messages) {
      const list = byChat.get(m.chatId) ?? [];
      list.push(m);
      byChat.set(m.chatId, list);
    }

    const insertChat = inserter(db, 'chat', [
      'ROWID',
      'guid',
      'style',
      'state',
      'account_id',
      'chat_identifier',
      'service_name',
      'room_name',
      'account_login',
      'is_archived',
      'last_addressed_handle',
      'display_name',
      'group_id',
      'is_filtered',
      'successful_query',
      'original_group_id',
      'last_read_message_timestamp',
    ]);
    const joinHandle = inserter(db, 'chat_handle_join', ['chat_id', 'handle_id']);
    for (const chat of ctx.native.chats) {
      const service = smsService(chat);
      const group = chat.kind === 'group';
      const identifier = group ? groupIdentifier(ctx, chat) : chat.peer!;
      const lastRead = (byChat.get(chat.id) ?? [])
        .filter((m) => m.direction === 'incoming' && m.read)
        .reduce<bigint>((max, m) => {
          const t = cocoaNanos(m.at);
          return t > max ? t : max;
        }, 0n);
      const groupId = guid(ctx, 'sms-chat-group', chat.id);
      insertChat({
        ROWID: chat.id,
        guid: `${service};${group ? '+' : '-'};${identifier}`,
        style: group ? 43 : 45,
        state: 3,
        account_id: guid(ctx, 'sms-account', service),
        chat_identifier: identifier,
        service_name: service,
        room_name: group ? identifier : null,
        account_login: account,
        is_archived: 0,
        last_addressed_handle: owner,
        display_name: group ? (chat.subject ?? '') : '',
        group_id: groupId,
        is_filtered: 0,
        successful_query: 1,
        original_group_id: groupId,
        last_read_message_timestamp: lastRead,
      });
      for (const n of othersOf(ctx, chat))
        joinHandle({ chat_id: chat.id, handle_id: handle(n, service) });
    }

    const insertMessage = inserter(db, 'message', [
      'ROWID',
      'guid',
      'text',
      'handle_id',
      'attributedBody',
      'service',
      'account',
      'account_guid',
      'date',
      'date_read',
      'date_delivered',
      'is_delivered',
      'is_finished',
      'is_from_me',
      'is_read',
      'is_sent',
      'cache_has_attachments',
      'cache_roomnames',
      'destination_caller_id',
      'part_count',
    ]);
    const joinMessage = inserter(db, 'chat_message_join', [
      'chat_id',
      'message_id',
      'message_date',
    ]);
    const insertAttachment = inserter(db, 'attachment', [
      'ROWID',
      'guid',
      'created_date',
      'start_date',
      'filename',
      'uti',
      'mime_type',
      'transfer_state',
      'is_outgoing',
      'transfer_name',
      'total_bytes',
      'original_guid',
    ]);
    const joinAttachment = inserter(db, 'message_attachment_join', ['message_id', 'attachment_id']);
    let attachments = 0;
    let incoming = 0;
    let outgoing = 0;
    for (const m of ctx.native.messages) {
      const chat = ctx.chats.get(m.chatId)!;
      const service = smsService(chat);
      const out = m.direction === 'outgoing';
      if (out) outgoing++;
      else incoming++;
      const body = (m.attachment ? '\uFFFC' : '') + (m.text ?? '');
      const date = cocoaNanos(m.at);
      const handleId = out
        ? chat.kind === 'direct'
          ? handle(chat.peer!, service)
          : 0
        : handle(m.sender, service);
      insertMessage({
        ROWID: m.id,
        guid: guid(ctx, 'sms-message', m.id),
        // Recent iOS often leaves `text` NULL: the body is only in attributedBody.
        text: m.id % 2 === 0 ? null : body,
        handle_id: handleId,
        attributedBody: encodeAttributedBody(body, { mutable: m.id % 4 === 0 }),
        service,
        account,
        account_guid: guid(ctx, 'sms-account', service),
        date,
        date_read: !out && m.read ? cocoaNanos(m.at, 60_000) : 0,
        date_delivered: out && service === 'iMessage' ? cocoaNanos(m.at, 2_000) : 0,
        is_delivered: 1,
        is_finished: 1,
        is_from_me: out ? 1 : 0,
        is_read: m.read ? 1 : 0,
        is_sent: out ? 1 : 0,
        cache_has_attachments: m.attachment ? 1 : 0,
        cache_roomnames: chat.kind === 'group' ? groupIdentifier(ctx, chat) : null,
        destination_caller_id: owner,
        part_count: m.attachment && m.text ? 2 : 1,
      });
      joinMessage({ chat_id: chat.id, message_id: m.id, message_date: date });
      if (m.attachment) {
        const a = m.attachment;
        const rowid = ++attachments;
        const dirRel = smsAttachmentDir(ctx, m);
        const name = a.fileName.replaceAll('/', '_');
        const attGuid = guid(ctx, 'sms-attachment-guid', m.id);
        insertAttachment({
          ROWID: rowid,
          guid: attGuid,
          created_date: Math.floor(cocoaSeconds(m.at)),
          start_date: 0,
          filename: `~/Library/SMS/Attachments/${dirRel}/${name}`,
          uti: UTI[a.mimeType.toLowerCase()] ?? 'public.data',
          mime_type: a.mimeType,
          transfer_state: 5,
          is_outgoing: out ? 1 : 0,
          transfer_name: a.fileName,
          total_bytes: a.bytes,
          original_guid: attGuid,
        });
        joinAttachment({ message_id: m.id, attachment_id: rowid });
        media.push({
          rel: `${IOS_PATHS.smsAttachments}/${dirRel}/${name}`,
          seed: `${ctx.d.id}|attachment|${m.id}`,
          mime: a.mimeType,
          size: a.bytes,
        });
      }
    }
    const props = inserter(db, '_SqliteDatabaseProperties', ['key', 'value']);
    for (const [key, value] of [
      ['_UniqueIdentifier', guid(ctx, 'sms-db')],
      ['counter_in_all', String(incoming)],
      ['counter_out_all', String(outgoing)],
      ['counter_in_lifetime', String(incoming)],
      ['counter_out_lifetime', String(outgoing)],
      ['counter_last_reset', '0'],
    ] as const) {
      props({ key, value });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// AddressBook.sqlitedb — column lists of the iOS 15 sample

const ADDRESS_BOOK_DDL = [
  'CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT, FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, Department TEXT, Note TEXT, Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT, Suffix TEXT, FirstSort TEXT, LastSort TEXT, CreationDate INTEGER, ModificationDate INTEGER, CompositeNameFallback TEXT, ExternalIdentifier TEXT, ExternalModificationTag TEXT, ExternalUUID TEXT, StoreID INTEGER, DisplayName TEXT, ExternalRepresentation BLOB, FirstSortSection TEXT, LastSortSection TEXT, FirstSortLanguageIndex INTEGER DEFAULT 2147483647, LastSortLanguageIndex INTEGER DEFAULT 2147483647, PersonLink INTEGER DEFAULT -1, ImageURI TEXT, IsPreferredName INTEGER DEFAULT 1, guid TEXT NOT NULL, PhonemeData TEXT, AlternateBirthday TEXT, MapsData TEXT, FirstPronunciation TEXT, MiddlePronunciation TEXT, LastPronunciation TEXT, OrganizationPhonetic TEXT, OrganizationPronunciation TEXT, PreviousFamilyName TEXT, PreferredLikenessSource TEXT, PreferredPersonaIdentifier TEXT, PreferredChannel TEXT, DowntimeWhitelist TEXT, ImageType TEXT, ImageHash BLOB, MemojiMetadata BLOB, UNIQUE(guid))',
  'CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER, label INTEGER, value TEXT, guid TEXT NOT NULL, UNIQUE(guid))',
  'CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value))',
  'CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT, UNIQUE(parent_id, key))',
  'CREATE TABLE ABMultiValueEntryKey (value TEXT, UNIQUE(value))',
  'CREATE TABLE ABStore (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT, ExternalIdentifier TEXT, Type INTEGER, ConstraintsPath TEXT, ExternalModificationTag TEXT, ExternalSyncTag TEXT, StoreInternalIdentifier TEXT, AccountID INTEGER DEFAULT -1, Enabled INTEGER DEFAULT 1, SyncData BLOB, MeIdentifier INTEGER DEFAULT -1, Capabilities INTEGER DEFAULT 0, guid TEXT NOT NULL, LastSyncDate TEXT, UNIQUE(StoreInternalIdentifier), UNIQUE(guid))',
  'CREATE TABLE ABAccount (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, AccountIdentifier TEXT, Flags INTEGER, DefaultSourceID INTEGER, guid TEXT NOT NULL, UNIQUE(guid))',
  'CREATE TABLE ABGroup (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT, ExternalIdentifier TEXT, StoreID INTEGER, ExternalModificationTag TEXT, ExternalRepresentation BLOB, ExternalUUID TEXT, guid TEXT NOT NULL, UNIQUE(guid))',
  'CREATE TABLE ABGroupMembers (UID INTEGER PRIMARY KEY, group_id INTEGER, member_type INTEGER, member_id INTEGER, UNIQUE(group_id, member_type, member_id))',
  'CREATE TABLE ABPhoneLastFour (multivalue_id INTEGER PRIMARY KEY, value TEXT)',
  'CREATE TABLE ABPersonLink (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, PreferredImagePersonID INTEGER DEFAULT -1, PreferredNamePersonID INTEGER DEFAULT -1, guid TEXT NOT NULL, UNIQUE(guid))',
  'CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key))',
  'CREATE INDEX ABFirstSortIndex on ABPerson(FirstSortLanguageIndex, FirstSortSection, FirstSort)',
  'CREATE INDEX ABLastSortIndex on ABPerson(LastSortLanguageIndex, LastSortSection, LastSort)',
  'CREATE INDEX ABFirstSortStoreIndex on ABPerson(StoreID, FirstSortLanguageIndex, FirstSortSection, FirstSort)',
  'CREATE INDEX ABLastSortStoreIndex on ABPerson(StoreID, LastSortLanguageIndex, LastSortSection, LastSort)',
  'CREATE INDEX ABPersonPersonLinkIndex on ABPerson(PersonLink)',
  'CREATE INDEX ABPreferredFirstSortIndex on ABPerson(IsPreferredName, FirstSortLanguageIndex, FirstSortSection, FirstSort)',
  'CREATE INDEX ABPreferredLastSortIndex on ABPerson(IsPreferredName, LastSortLanguageIndex, LastSortSection, LastSort)',
  'CREATE INDEX ABPersonExternalUUIDIndex on ABPerson(ExternalUUID)',
  'CREATE INDEX ABPersonExternalIdentifierIndex on ABPerson(ExternalIdentifier)',
  'CREATE INDEX ABMultiValueRecordIDIndex on ABMultiValue(record_id)',
  'CREATE INDEX ABMultiValueLabelIndex ON ABMultiValue(label)',
  'CREATE INDEX ABMultiValueGUIDIndex ON ABMultiValue(guid)',
  'CREATE INDEX ABMultiValuePropertyValueIndex ON ABMultiValue(property, value COLLATE NOCASE)',
  'CREATE INDEX ABMultiValueEntryKeyIndex ON ABMultiValueEntry(key)',
  'CREATE INDEX ABPhoneLastFourIndex ON ABPhoneLastFour(value)',
] as const;

const AB_LABEL: Record<DeviceContact['phones'][number]['label'], string> = {
  mobile: '_$!<Mobile>!$_',
  home: '_$!<Home>!$_',
  work: '_$!<Work>!$_',
  other: '_$!<Other>!$_',
};
const AB_PHONE = 3;
const AB_EMAIL = 4;

function sortSection(s: string | null): string | null {
  const c = s?.trim()[0];
  return c ? c.toLocaleUpperCase('nl') : null;
}

function writeAddressBook(path: string, ctx: Context): void {
  build(path, false, ADDRESS_BOOK_DDL, (db) => {
    inserter(db, 'ABStore', [
      'ROWID',
      'Name',
      'Type',
      'StoreInternalIdentifier',
      'Enabled',
      'guid',
    ])({
      ROWID: 0,
      Name: null,
      Type: 0,
      StoreInternalIdentifier: 'local',
      Enabled: 1,
      guid: guid(ctx, 'ab-store'),
    });
    const labels = new Map<string, number>();
    const insertLabel = inserter(db, 'ABMultiValueLabel', ['value']);
    const label = (value: string): number => {
      let rowid = labels.get(value);
      if (rowid === undefined) {
        rowid = labels.size + 1;
        labels.set(value, rowid);
        insertLabel({ value });
      }
      return rowid;
    };
    const person = inserter(db, 'ABPerson', [
      'ROWID',
      'First',
      'Last',
      'Kind',
      'FirstSort',
      'LastSort',
      'CreationDate',
      'ModificationDate',
      'StoreID',
      'FirstSortSection',
      'LastSortSection',
      'FirstSortLanguageIndex',
      'LastSortLanguageIndex',
      'PersonLink',
      'IsPreferredName',
      'guid',
    ]);
    const value = inserter(db, 'ABMultiValue', [
      'UID',
      'record_id',
      'property',
      'identifier',
      'label',
      'value',
      'guid',
    ]);
    const lastFour = inserter(db, 'ABPhoneLastFour', ['multivalue_id', 'value']);
    // Contacts were made before the extraction: a deterministic day per contact in the 60 days before.
    const created = (c: DeviceContact) =>
      Math.floor(cocoaSeconds(ctx.d.extractedAt)) - 86_400 * (60 - (c.id % 60)) - 3_600;
    let uid = 0;
    for (const c of ctx.native.contacts) {
      const first = c.givenName ?? (c.familyName === null ? c.displayName : null);
      const last = c.familyName;
      const firstSort = [first, last].filter(Boolean).join(' ').toLowerCase();
      const lastSort = [last, first].filter(Boolean).join(' ').toLowerCase();
      person({
        ROWID: c.id,
        First: first,
        Last: last,
        Kind: 0,
        FirstSort: firstSort,
        LastSort: lastSort,
        CreationDate: created(c),
        ModificationDate: created(c),
        StoreID: 0,
        FirstSortSection: sortSection(first ?? last),
        LastSortSection: sortSection(last ?? first),
        FirstSortLanguageIndex: 0,
        LastSortLanguageIndex: 0,
        PersonLink: -1,
        IsPreferredName: 1,
        guid: guid(ctx, 'ab-person', c.id),
      });
      c.phones.forEach((p, i) => {
        uid++;
        const typed = typedNumber(p.number, ctx.d.simCountry);
        value({
          UID: uid,
          record_id: c.id,
          property: AB_PHONE,
          identifier: i,
          label: label(AB_LABEL[p.label]),
          value: typed,
          guid: guid(ctx, 'ab-value', uid),
        });
        lastFour({ multivalue_id: uid, value: p.number.replace(/\D/g, '').slice(-4) });
      });
      c.emails.forEach((e, i) => {
        uid++;
        value({
          UID: uid,
          record_id: c.id,
          property: AB_EMAIL,
          identifier: i,
          label: label('_$!<Home>!$_'),
          value: e,
          guid: guid(ctx, 'ab-value', uid),
        });
      });
    }
    const props = inserter(db, '_SqliteDatabaseProperties', ['key', 'value']);
    for (const [key, v] of [
      ['_ClientVersion', '83'],
      ['_UniqueIdentifier', guid(ctx, 'ab-db')],
      ['DefaultStore', '0'],
      ['PeakContactCount', String(ctx.native.contacts.length)],
    ] as const) {
      props({ key, value: v });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// CallHistory.storedata — Core Data, iOS 11+ ZCALLRECORD

const CALL_HISTORY_DDL = [
  'CREATE TABLE ZCALLDBPROPERTIES ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTIMER_ALL FLOAT, ZTIMER_INCOMING FLOAT, ZTIMER_LAST FLOAT, ZTIMER_LIFETIME FLOAT, ZTIMER_OUTGOING FLOAT )',
  'CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER, ZCALL_CATEGORY INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER, ZHANDLE_TYPE INTEGER, ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER, ZREAD INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZDEVICE_ID VARCHAR, ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR UNIQUE, ZADDRESS BLOB )',
  'CREATE INDEX Z_CallRecord_date ON ZCALLRECORD (ZDATE COLLATE BINARY ASC)',
  ...CORE_DATA_TABLES,
] as const;

function writeCallHistory(path: string, ctx: Context): void {
  build(path, true, CALL_HISTORY_DDL, (db) => {
    const insert = inserter(db, 'ZCALLRECORD', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZANSWERED',
      'ZCALL_CATEGORY',
      'ZCALLTYPE',
      'ZDISCONNECTED_CAUSE',
      'ZHANDLE_TYPE',
      'ZNUMBER_AVAILABILITY',
      'ZORIGINATED',
      'ZREAD',
      'ZDATE',
      'ZDURATION',
      'ZISO_COUNTRY_CODE',
      'ZSERVICE_PROVIDER',
      'ZUNIQUE_ID',
      'ZADDRESS',
    ]);
    let totalIn = 0;
    let totalOut = 0;
    for (const c of ctx.native.calls) {
      const out = c.direction === 'outgoing';
      if (out) totalOut += c.durationSeconds;
      else totalIn += c.durationSeconds;
      insert({
        Z_PK: c.id,
        Z_ENT: 2,
        Z_OPT: 1,
        ZANSWERED: c.direction !== 'missed' && c.durationSeconds > 0 ? 1 : 0,
        ZCALL_CATEGORY: c.video ? 2 : 1,
        ZCALLTYPE: c.video ? 8 : 1,
        ZDISCONNECTED_CAUSE: 0,
        ZHANDLE_TYPE: 2,
        ZNUMBER_AVAILABILITY: 0,
        ZORIGINATED: out ? 1 : 0,
        ZREAD: 1,
        ZDATE: cocoaSeconds(c.at),
        ZDURATION: c.durationSeconds,
        ZISO_COUNTRY_CODE: ctx.d.simCountry.toLowerCase(),
        ZSERVICE_PROVIDER: c.video ? 'com.apple.FaceTime' : 'com.apple.Telephony',
        ZUNIQUE_ID: guid(ctx, 'call', c.id),
        ZADDRESS: Buffer.from(out ? dialled(ctx, c.number) : c.number, 'utf8'),
      });
    }
    inserter(db, 'ZCALLDBPROPERTIES', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZTIMER_ALL',
      'ZTIMER_INCOMING',
      'ZTIMER_LAST',
      'ZTIMER_LIFETIME',
      'ZTIMER_OUTGOING',
    ])({
      Z_PK: 1,
      Z_ENT: 1,
      Z_OPT: 1,
      ZTIMER_ALL: totalIn + totalOut,
      ZTIMER_INCOMING: totalIn,
      ZTIMER_LAST: ctx.native.calls.at(-1)?.durationSeconds ?? 0,
      ZTIMER_LIFETIME: totalIn + totalOut,
      ZTIMER_OUTGOING: totalOut,
    });
    coreDataMeta(db, ctx, 'call-history', [
      ['CallDBProperties', 1],
      ['CallRecord', maxId(ctx.native.calls)],
    ]);
  });
}

// ---------------------------------------------------------------------------------------------
// Accounts3.sqlite — Core Data

const ACCOUNTS_DDL = [
  'CREATE TABLE ZACCOUNT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZACTIVE INTEGER, ZAUTHENTICATED INTEGER, ZSUPPORTSAUTHENTICATION INTEGER, ZVISIBLE INTEGER, ZWARMINGUP INTEGER, ZACCOUNTTYPE INTEGER, ZPARENTACCOUNT INTEGER, ZDATE TIMESTAMP, ZLASTCREDENTIALRENEWALREJECTIONDATE TIMESTAMP, ZACCOUNTDESCRIPTION VARCHAR, ZAUTHENTICATIONTYPE VARCHAR, ZCREDENTIALTYPE VARCHAR, ZIDENTIFIER VARCHAR, ZMODIFICATIONID VARCHAR, ZOWNINGBUNDLEID VARCHAR, ZUSERNAME VARCHAR, ZDATACLASSPROPERTIES BLOB )',
  'CREATE TABLE ZACCOUNTPROPERTY ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZOWNER INTEGER, ZKEY VARCHAR, ZVALUE BLOB )',
  'CREATE TABLE ZACCOUNTTYPE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZENCRYPTACCOUNTPROPERTIES INTEGER, ZOBSOLETE INTEGER, ZSUPPORTSAUTHENTICATION INTEGER, ZSUPPORTSMULTIPLEACCOUNTS INTEGER, ZVISIBILITY INTEGER, ZACCOUNTTYPEDESCRIPTION VARCHAR, ZCREDENTIALPROTECTIONPOLICY VARCHAR, ZCREDENTIALTYPE VARCHAR, ZIDENTIFIER VARCHAR, ZOWNINGBUNDLEID VARCHAR )',
  'CREATE TABLE ZDATACLASS ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZIDENTIFIER VARCHAR )',
  'CREATE INDEX ZACCOUNT_ZACCOUNTTYPE_INDEX ON ZACCOUNT (ZACCOUNTTYPE)',
  'CREATE INDEX ZACCOUNT_ZPARENTACCOUNT_INDEX ON ZACCOUNT (ZPARENTACCOUNT)',
  'CREATE INDEX ZACCOUNTPROPERTY_ZOWNER_INDEX ON ZACCOUNTPROPERTY (ZOWNER)',
  ...CORE_DATA_TABLES,
] as const;

const ACCOUNT_TYPE: Record<
  Exclude<DeviceAccount['app'], 'whatsapp'>,
  { identifier: string; description: string; bundle: string }
> = {
  icloud: {
    identifier: 'com.apple.account.AppleAccount',
    description: 'iCloud',
    bundle: 'com.apple.Preferences',
  },
  google: {
    identifier: 'com.apple.account.Google',
    description: 'Gmail',
    bundle: 'com.apple.Preferences',
  },
  telegram: {
    identifier: 'ph.telegra.Telegraph',
    description: 'Telegram',
    bundle: 'ph.telegra.Telegraph',
  },
  snapchat: {
    identifier: 'com.toyopagroup.picaboo',
    description: 'Snapchat',
    bundle: 'com.toyopagroup.picaboo',
  },
};

function writeAccounts3(path: string, ctx: Context): void {
  build(path, true, ACCOUNTS_DDL, (db) => {
    const types = new Map<string, number>();
    const insertType = inserter(db, 'ZACCOUNTTYPE', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZSUPPORTSAUTHENTICATION',
      'ZSUPPORTSMULTIPLEACCOUNTS',
      'ZVISIBILITY',
      'ZACCOUNTTYPEDESCRIPTION',
      'ZIDENTIFIER',
      'ZOWNINGBUNDLEID',
    ]);
    const insertAccount = inserter(db, 'ZACCOUNT', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZACTIVE',
      'ZAUTHENTICATED',
      'ZSUPPORTSAUTHENTICATION',
      'ZVISIBLE',
      'ZACCOUNTTYPE',
      'ZDATE',
      'ZACCOUNTDESCRIPTION',
      'ZIDENTIFIER',
      'ZOWNINGBUNDLEID',
      'ZUSERNAME',
    ]);
    ctx.others.forEach((a, i) => {
      const t = ACCOUNT_TYPE[a.app as keyof typeof ACCOUNT_TYPE];
      let typePk = types.get(t.identifier);
      if (typePk === undefined) {
        typePk = types.size + 1;
        types.set(t.identifier, typePk);
        insertType({
          Z_PK: typePk,
          Z_ENT: 3,
          Z_OPT: 1,
          ZSUPPORTSAUTHENTICATION: 1,
          ZSUPPORTSMULTIPLEACCOUNTS: 1,
          ZVISIBILITY: 0,
          ZACCOUNTTYPEDESCRIPTION: t.description,
          ZIDENTIFIER: t.identifier,
          ZOWNINGBUNDLEID: t.bundle,
        });
      }
      insertAccount({
        Z_PK: i + 1,
        Z_ENT: 1,
        Z_OPT: 1,
        ZACTIVE: 1,
        ZAUTHENTICATED: 1,
        ZSUPPORTSAUTHENTICATION: 1,
        ZVISIBLE: 1,
        ZACCOUNTTYPE: typePk,
        // Added a deterministic number of days (30–119) before the extraction.
        ZDATE: Math.floor(cocoaSeconds(ctx.d.extractedAt)) - 86_400 * (30 + ((i * 37) % 90)),
        ZACCOUNTDESCRIPTION: a.displayName ?? t.description,
        ZIDENTIFIER: guid(ctx, 'account', i + 1),
        ZOWNINGBUNDLEID: t.bundle,
        ZUSERNAME: a.identifier,
      });
    });
    coreDataMeta(db, ctx, 'accounts', [
      ['Account', ctx.others.length],
      ['AccountProperty', 0],
      ['AccountType', types.size],
      ['Dataclass', 0],
    ]);
  });
}

// ---------------------------------------------------------------------------------------------
// WhatsApp ChatStorage.sqlite — schema of the iOS 15 sample (WhatsApp 2023)

const CHAT_STORAGE_DDL = [
  'CREATE TABLE ZWABLACKLISTITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZJID VARCHAR )',
  'CREATE TABLE ZWACHATPROPERTIES ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZALERTS INTEGER, ZENABLED INTEGER, ZCHATSESSION INTEGER, ZMUTEDATE TIMESTAMP, ZSOUNDNAME VARCHAR )',
  'CREATE TABLE ZWACHATPUSHCONFIG ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZALERTS INTEGER, ZMUTEDUNTIL TIMESTAMP, ZJID VARCHAR, ZRINGTONE VARCHAR, ZSOUND VARCHAR )',
  'CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZARCHIVED INTEGER, ZCONTACTABID INTEGER, ZFLAGS INTEGER, ZHIDDEN INTEGER, ZIDENTITYVERIFICATIONEPOCH INTEGER, ZIDENTITYVERIFICATIONSTATE INTEGER, ZMESSAGECOUNTER INTEGER, ZREMOVED INTEGER, ZSESSIONTYPE INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZUNREADCOUNT INTEGER, ZGROUPINFO INTEGER, ZLASTMESSAGE INTEGER, ZPROPERTIES INTEGER, ZLASTMESSAGEDATE TIMESTAMP, ZLOCATIONSHARINGENDDATE TIMESTAMP, ZCONTACTIDENTIFIER VARCHAR, ZCONTACTJID VARCHAR, ZETAG VARCHAR, ZLASTMESSAGETEXT VARCHAR, ZPARTNERNAME VARCHAR, ZSAVEDINPUT VARCHAR )',
  'CREATE TABLE ZWAGROUPINFO ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZSTATE INTEGER, ZCHATSESSION INTEGER, ZLASTMESSAGEOWNER INTEGER, ZCREATIONDATE TIMESTAMP, ZSUBJECTTIMESTAMP TIMESTAMP, ZCREATORJID VARCHAR, ZOWNERJID VARCHAR, ZPICTUREID VARCHAR, ZPICTUREPATH VARCHAR, ZSOURCEJID VARCHAR, ZSUBJECTOWNERJID VARCHAR )',
  'CREATE TABLE ZWAGROUPMEMBER ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCONTACTABID INTEGER, ZISACTIVE INTEGER, ZISADMIN INTEGER, ZSENDERKEYSENT INTEGER, ZCHATSESSION INTEGER, ZRECENTGROUPCHAT INTEGER, ZCONTACTIDENTIFIER VARCHAR, ZCONTACTNAME VARCHAR, ZFIRSTNAME VARCHAR, ZMEMBERJID VARCHAR )',
  'CREATE TABLE ZWAGROUPMEMBERSCHANGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCHANGETYPE INTEGER, ZCHANGEDATE TIMESTAMP, ZGROUPJID VARCHAR, ZMEMBERJIDS VARCHAR, ZPHASHBEFORECHANGE VARCHAR )',
  'CREATE TABLE ZWAMEDIAITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCLOUDSTATUS INTEGER, ZFILESIZE INTEGER, ZMEDIAORIGIN INTEGER, ZMOVIEDURATION INTEGER, ZMESSAGE INTEGER, ZASPECTRATIO FLOAT, ZHACCURACY FLOAT, ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZMEDIAURLDATE TIMESTAMP, ZAUTHORNAME VARCHAR, ZCOLLECTIONNAME VARCHAR, ZMEDIALOCALPATH VARCHAR, ZMEDIAURL VARCHAR, ZTHUMBNAILLOCALPATH VARCHAR, ZTITLE VARCHAR, ZVCARDNAME VARCHAR, ZVCARDSTRING VARCHAR, ZXMPPTHUMBPATH VARCHAR, ZMEDIAKEY BLOB, ZMETADATA BLOB )',
  'CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCHILDMESSAGESDELIVEREDCOUNT INTEGER, ZCHILDMESSAGESPLAYEDCOUNT INTEGER, ZCHILDMESSAGESREADCOUNT INTEGER, ZDATAITEMVERSION INTEGER, ZDOCID INTEGER, ZENCRETRYCOUNT INTEGER, ZFILTEREDRECIPIENTCOUNT INTEGER, ZFLAGS INTEGER, ZGROUPEVENTTYPE INTEGER, ZISFROMME INTEGER, ZMESSAGEERRORSTATUS INTEGER, ZMESSAGESTATUS INTEGER, ZMESSAGETYPE INTEGER, ZSORT INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZSTARRED INTEGER, ZCHATSESSION INTEGER, ZGROUPMEMBER INTEGER, ZLASTSESSION INTEGER, ZMEDIAITEM INTEGER, ZMESSAGEINFO INTEGER, ZPARENTMESSAGE INTEGER, ZMESSAGEDATE TIMESTAMP, ZSENTDATE TIMESTAMP, ZFROMJID VARCHAR, ZMEDIASECTIONID VARCHAR, ZPHASH VARCHAR, ZPUSHNAME VARCHAR, ZSTANZAID VARCHAR, ZTEXT VARCHAR, ZTOJID VARCHAR )',
  'CREATE TABLE ZWAMESSAGEDATAITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZINDEX INTEGER, ZOWNSTHUMBNAIL INTEGER, ZTYPE INTEGER, ZMESSAGE INTEGER, ZDATE TIMESTAMP, ZCHATJID VARCHAR, ZCONTENT1 VARCHAR, ZCONTENT2 VARCHAR, ZMATCHEDTEXT VARCHAR, ZSECTIONID VARCHAR, ZSENDERJID VARCHAR, ZSUMMARY VARCHAR, ZTHUMBNAILPATH VARCHAR, ZTITLE VARCHAR )',
  'CREATE TABLE ZWAMESSAGEINFO ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZMESSAGE INTEGER, ZRECEIPTINFO BLOB )',
  'CREATE TABLE ZWAPROFILEPICTUREITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZREQUESTDATE TIMESTAMP, ZJID VARCHAR, ZPATH VARCHAR, ZPICTUREID VARCHAR )',
  'CREATE TABLE ZWAPROFILEPUSHNAME ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZJID VARCHAR, ZPUSHNAME VARCHAR )',
  'CREATE TABLE ZWAVCARDMENTION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZISFROMME INTEGER, ZTRUSTEDWHENINDEXED INTEGER, ZMEDIAITEM INTEGER, ZDATE TIMESTAMP, ZSENDERJID VARCHAR, ZWHATSAPPID VARCHAR )',
  'CREATE TABLE ZWAZ1PAYMENTTRANSACTION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZAMOUNT_1000 INTEGER, ZSTATUS INTEGER, ZTYPE INTEGER, ZTIMESTAMP TIMESTAMP, ZBANKTRANSACTIONID VARCHAR, ZCREDENTIALID VARCHAR, ZCURRENCY VARCHAR, ZERRORCODE VARCHAR, ZGROUPJID VARCHAR, ZMESSAGESTANZAID VARCHAR, ZRECEIVERJID VARCHAR, ZSENDERJID VARCHAR, ZTRANSACTIONID VARCHAR, ZMETADATA BLOB )',
  'CREATE INDEX ZWACHATPROPERTIES_ZCHATSESSION_INDEX ON ZWACHATPROPERTIES (ZCHATSESSION)',
  'CREATE INDEX ZWACHATSESSION_ZGROUPINFO_INDEX ON ZWACHATSESSION (ZGROUPINFO)',
  'CREATE INDEX ZWACHATSESSION_ZLASTMESSAGE_INDEX ON ZWACHATSESSION (ZLASTMESSAGE)',
  'CREATE INDEX ZWACHATSESSION_ZPROPERTIES_INDEX ON ZWACHATSESSION (ZPROPERTIES)',
  'CREATE INDEX Z_WAChatSession_byContactJIDIndex ON ZWACHATSESSION (ZCONTACTJID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAChatSession_byIdentityVerificationEpochIndex ON ZWACHATSESSION (ZIDENTITYVERIFICATIONEPOCH COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAChatSession_byIdentityVerificationStateIndex ON ZWACHATSESSION (ZIDENTITYVERIFICATIONSTATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAChatSession_byLastMessageDateIndex ON ZWACHATSESSION (ZLASTMESSAGEDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAChatSession_byRemovedIndex ON ZWACHATSESSION (ZREMOVED COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAChatSession_bySessionTypeIndex ON ZWACHATSESSION (ZSESSIONTYPE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAChatSession_bySpotlightStatusIndex ON ZWACHATSESSION (ZSPOTLIGHTSTATUS COLLATE BINARY ASC)',
  'CREATE INDEX ZWAGROUPINFO_ZCHATSESSION_INDEX ON ZWAGROUPINFO (ZCHATSESSION)',
  'CREATE INDEX ZWAGROUPINFO_ZLASTMESSAGEOWNER_INDEX ON ZWAGROUPINFO (ZLASTMESSAGEOWNER)',
  'CREATE INDEX ZWAGROUPMEMBER_ZCHATSESSION_INDEX ON ZWAGROUPMEMBER (ZCHATSESSION)',
  'CREATE INDEX ZWAGROUPMEMBER_ZRECENTGROUPCHAT_INDEX ON ZWAGROUPMEMBER (ZRECENTGROUPCHAT)',
  'CREATE INDEX Z_WAGroupMember_byMemberJIDIndex ON ZWAGROUPMEMBER (ZMEMBERJID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAGroupMembersChange_byChangeDateIndex ON ZWAGROUPMEMBERSCHANGE (ZCHANGEDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAGroupMembersChange_byChangeTypeIndex ON ZWAGROUPMEMBERSCHANGE (ZCHANGETYPE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAGroupMembersChange_byGroupJIDIndex ON ZWAGROUPMEMBERSCHANGE (ZGROUPJID COLLATE BINARY ASC)',
  'CREATE INDEX ZWAMEDIAITEM_ZMESSAGE_INDEX ON ZWAMEDIAITEM (ZMESSAGE)',
  'CREATE INDEX Z_WAMediaItem_byCloudStatusIndex ON ZWAMEDIAITEM (ZCLOUDSTATUS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMediaItem_byVCardNameIndex ON ZWAMEDIAITEM (ZVCARDNAME COLLATE BINARY ASC)',
  'CREATE INDEX ZWAMESSAGE_ZCHATSESSION_INDEX ON ZWAMESSAGE (ZCHATSESSION)',
  'CREATE INDEX ZWAMESSAGE_ZGROUPMEMBER_INDEX ON ZWAMESSAGE (ZGROUPMEMBER)',
  'CREATE INDEX ZWAMESSAGE_ZLASTSESSION_INDEX ON ZWAMESSAGE (ZLASTSESSION)',
  'CREATE INDEX ZWAMESSAGE_ZMEDIAITEM_INDEX ON ZWAMESSAGE (ZMEDIAITEM)',
  'CREATE INDEX ZWAMESSAGE_ZMESSAGEINFO_INDEX ON ZWAMESSAGE (ZMESSAGEINFO)',
  'CREATE INDEX ZWAMESSAGE_ZPARENTMESSAGE_INDEX ON ZWAMESSAGE (ZPARENTMESSAGE)',
  'CREATE INDEX Z_WAMessage_byDocIDIndex ON ZWAMESSAGE (ZDOCID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_byMessageDateIndex ON ZWAMESSAGE (ZMESSAGEDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_byMessageErrorStatusIndex ON ZWAMESSAGE (ZMESSAGEERRORSTATUS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_byMessageStatusIndex ON ZWAMESSAGE (ZMESSAGESTATUS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_byMessageTypeIndex ON ZWAMESSAGE (ZMESSAGETYPE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_bySortIndex ON ZWAMESSAGE (ZSORT COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_byStanzaIDIndex ON ZWAMESSAGE (ZSTANZAID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_byStarredIndex ON ZWAMESSAGE (ZSTARRED COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_compoundIndex ON ZWAMESSAGE (ZCHATSESSION COLLATE BINARY ASC, ZSORT COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_compoundIndex1 ON ZWAMESSAGE (ZCHATSESSION COLLATE BINARY ASC, ZMEDIASECTIONID COLLATE BINARY ASC, ZSORT COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_compoundIndex2 ON ZWAMESSAGE (ZCHATSESSION COLLATE BINARY ASC, ZSTARRED COLLATE BINARY ASC, ZMESSAGEDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_compoundIndex3 ON ZWAMESSAGE (ZDATAITEMVERSION COLLATE BINARY ASC, ZMESSAGEDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessage_compoundIndex4 ON ZWAMESSAGE (ZSPOTLIGHTSTATUS COLLATE BINARY ASC, ZMESSAGEDATE COLLATE BINARY ASC)',
  'CREATE INDEX ZWAMESSAGEDATAITEM_ZMESSAGE_INDEX ON ZWAMESSAGEDATAITEM (ZMESSAGE)',
  'CREATE INDEX Z_WAMessageDataItem_compoundIndex ON ZWAMESSAGEDATAITEM (ZCHATJID COLLATE BINARY ASC, ZTYPE COLLATE BINARY ASC, ZSECTIONID COLLATE BINARY ASC, ZDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAMessageDataItem_compoundIndex1 ON ZWAMESSAGEDATAITEM (ZSENDERJID COLLATE BINARY ASC, ZTYPE COLLATE BINARY ASC, ZSECTIONID COLLATE BINARY ASC, ZDATE COLLATE BINARY ASC)',
  'CREATE INDEX ZWAMESSAGEINFO_ZMESSAGE_INDEX ON ZWAMESSAGEINFO (ZMESSAGE)',
  'CREATE INDEX Z_WAProfilePictureItem_byJidIndex ON ZWAPROFILEPICTUREITEM (ZJID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAProfilePushName_byJidIndex ON ZWAPROFILEPUSHNAME (ZJID COLLATE BINARY ASC)',
  'CREATE INDEX ZWAVCARDMENTION_ZMEDIAITEM_INDEX ON ZWAVCARDMENTION (ZMEDIAITEM)',
  'CREATE INDEX Z_WAVCardMention_byDateIndex ON ZWAVCARDMENTION (ZDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAVCardMention_byWhatsAppIDIndex ON ZWAVCARDMENTION (ZWHATSAPPID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAZ1PaymentTransaction_byCredentialIdIndex ON ZWAZ1PAYMENTTRANSACTION (ZCREDENTIALID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAZ1PaymentTransaction_byMessageStanzaIdIndex ON ZWAZ1PAYMENTTRANSACTION (ZMESSAGESTANZAID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAZ1PaymentTransaction_byTransactionIdIndex ON ZWAZ1PAYMENTTRANSACTION (ZTRANSACTIONID COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAZ1PaymentTransaction_byTypeAndStatusIndex ON ZWAZ1PAYMENTTRANSACTION (ZTYPE COLLATE BINARY ASC, ZSTATUS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAZ1PaymentTransaction_byTypeIndex ON ZWAZ1PAYMENTTRANSACTION (ZTYPE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAZ1PaymentTransaction_byStatusIndex ON ZWAZ1PAYMENTTRANSACTION (ZSTATUS COLLATE BINARY ASC)',
  ...CORE_DATA_TABLES,
] as const;

/** Core Data entity numbers of ChatStorage.sqlite, in the sample's order. */
const CHAT_STORAGE_ENTITIES = [
  'WABlackListItem',
  'WAChatProperties',
  'WAChatPushConfig',
  'WAChatSession',
  'WAGroupInfo',
  'WAGroupMember',
  'WAGroupMembersChange',
  'WAMediaItem',
  'WAMessage',
  'WAMessageDataItem',
  'WAMessageInfo',
  'WAProfilePictureItem',
  'WAProfilePushName',
  'WAVCardMention',
  'WAZ1PaymentTransaction',
] as const;
const ent = (name: (typeof CHAT_STORAGE_ENTITIES)[number]) =>
  CHAT_STORAGE_ENTITIES.indexOf(name) + 1;

function waMessageType(mime: string): number {
  const m = mime.toLowerCase();
  if (m.startsWith('image/')) return 1;
  if (m.startsWith('video/')) return 2;
  if (m.startsWith('audio/')) return 3;
  return 8;
}

/**
 * Read state as WhatsApp keeps it, a watermark: the incoming messages from the first unread one
 * on count as unread (the same reading as the Android writer's).
 */
function unreadAfterWatermark(msgs: DeviceMessage[]): number {
  let unread = 0;
  let blocked = false;
  for (const m of msgs) {
    if (m.direction === 'incoming' && !m.read) blocked = true;
    if (blocked && m.direction === 'incoming') unread++;
  }
  return unread;
}

function writeChatStorage(path: string, ctx: Context, wa: WhatsApp, media: MediaFile[]): void {
  build(path, true, CHAT_STORAGE_DDL, (db) => {
    const byChat = new Map<number, DeviceMessage[]>();
    for (const m of wa.messages) {
      const list = byChat.get(m.chatId) ?? [];
      list.push(m);
      byChat.set(m.chatId, list);
    }
    const session = inserter(db, 'ZWACHATSESSION', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZARCHIVED',
      'ZCONTACTABID',
      'ZFLAGS',
      'ZHIDDEN',
      'ZIDENTITYVERIFICATIONEPOCH',
      'ZIDENTITYVERIFICATIONSTATE',
      'ZMESSAGECOUNTER',
      'ZREMOVED',
      'ZSESSIONTYPE',
      'ZSPOTLIGHTSTATUS',
      'ZUNREADCOUNT',
      'ZGROUPINFO',
      'ZLASTMESSAGE',
      'ZLASTMESSAGEDATE',
      'ZCONTACTJID',
      'ZLASTMESSAGETEXT',
      'ZPARTNERNAME',
    ]);
    const groupInfo = inserter(db, 'ZWAGROUPINFO', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZSTATE',
      'ZCHATSESSION',
      'ZCREATIONDATE',
      'ZSUBJECTTIMESTAMP',
      'ZCREATORJID',
      'ZSUBJECTOWNERJID',
    ]);
    const member = inserter(db, 'ZWAGROUPMEMBER', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZCONTACTABID',
      'ZISACTIVE',
      'ZISADMIN',
      'ZCHATSESSION',
      'ZCONTACTNAME',
      'ZFIRSTNAME',
      'ZMEMBERJID',
    ]);
    /** Per chat: member number → ZWAGROUPMEMBER.Z_PK. */
    const members = new Map<number, Map<E164, number>>();
    let groups = 0;
    let memberPk = 0;
    for (const chat of wa.chats) {
      const msgs = byChat.get(chat.id) ?? [];
      const last = msgs.at(-1);
      const group = chat.kind === 'group';
      let infoPk: number | null = null;
      if (group) {
        infoPk = ++groups;
        const creator = chat.creator ? userJid(chat.creator) : null;
        groupInfo({
          Z_PK: infoPk,
          Z_ENT: ent('WAGroupInfo'),
          Z_OPT: 1,
          ZSTATE: 0,
          ZCHATSESSION: chat.id,
          ZCREATIONDATE: cocoaSeconds(chat.createdAt),
          ZSUBJECTTIMESTAMP: cocoaSeconds(chat.createdAt),
          ZCREATORJID: creator,
          ZSUBJECTOWNERJID: creator,
        });
        const map = new Map<E164, number>();
        for (const n of chat.members) {
          const name = n === ctx.owner ? null : nameFor(ctx, 'whatsapp', n);
          map.set(n, ++memberPk);
          member({
            Z_PK: memberPk,
            Z_ENT: ent('WAGroupMember'),
            Z_OPT: 1,
            ZCONTACTABID: 0,
            ZISACTIVE: 1,
            ZISADMIN: n === chat.creator ? 1 : 0,
            ZCHATSESSION: chat.id,
            ZCONTACTNAME: name,
            ZFIRSTNAME: name?.split(' ')[0] ?? null,
            ZMEMBERJID: userJid(n),
          });
        }
        members.set(chat.id, map);
      }
      session({
        Z_PK: chat.id,
        Z_ENT: ent('WAChatSession'),
        Z_OPT: 1,
        ZARCHIVED: 0,
        ZCONTACTABID: 0,
        ZFLAGS: 256,
        ZHIDDEN: 0,
        ZIDENTITYVERIFICATIONEPOCH: 0,
        ZIDENTITYVERIFICATIONSTATE: 0,
        ZMESSAGECOUNTER: msgs.length,
        ZREMOVED: 0,
        ZSESSIONTYPE: group ? 1 : 0,
        ZSPOTLIGHTSTATUS: 1,
        ZUNREADCOUNT: unreadAfterWatermark(msgs),
        ZGROUPINFO: infoPk,
        ZLASTMESSAGE: last?.id ?? null,
        ZLASTMESSAGEDATE: last ? cocoaSeconds(last.at) : null,
        ZCONTACTJID: chatJid(chat),
        ZLASTMESSAGETEXT: last?.text ?? null,
        ZPARTNERNAME: group
          ? (chat.subject ?? '')
          : (nameFor(ctx, 'whatsapp', chat.peer!) ?? international(chat.peer!)),
      });
    }

    const message = inserter(db, 'ZWAMESSAGE', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZCHILDMESSAGESDELIVEREDCOUNT',
      'ZCHILDMESSAGESPLAYEDCOUNT',
      'ZCHILDMESSAGESREADCOUNT',
      'ZDATAITEMVERSION',
      'ZDOCID',
      'ZENCRETRYCOUNT',
      'ZFILTEREDRECIPIENTCOUNT',
      'ZFLAGS',
      'ZGROUPEVENTTYPE',
      'ZISFROMME',
      'ZMESSAGEERRORSTATUS',
      'ZMESSAGESTATUS',
      'ZMESSAGETYPE',
      'ZSORT',
      'ZSPOTLIGHTSTATUS',
      'ZCHATSESSION',
      'ZGROUPMEMBER',
      'ZMEDIAITEM',
      'ZMESSAGEDATE',
      'ZSENTDATE',
      'ZFROMJID',
      'ZSTANZAID',
      'ZTEXT',
      'ZTOJID',
    ]);
    const mediaItem = inserter(db, 'ZWAMEDIAITEM', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZCLOUDSTATUS',
      'ZFILESIZE',
      'ZMEDIAORIGIN',
      'ZMOVIEDURATION',
      'ZMESSAGE',
      'ZMEDIALOCALPATH',
      'ZTITLE',
      'ZVCARDNAME',
      'ZVCARDSTRING',
    ]);
    const sortInChat = new Map<number, number>();
    let mediaPk = 0;
    for (const m of wa.messages) {
      const chat = ctx.chats.get(m.chatId)!;
      const jid = chatJid(chat);
      const out = m.direction === 'outgoing';
      const group = chat.kind === 'group';
      const sort = (sortInChat.get(chat.id) ?? 0) + 1;
      sortInChat.set(chat.id, sort);
      let groupMember: number | null = null;
      if (group && !out) {
        groupMember =
          members.get(chat.id)?.get(m.sender) ??
          fail(`message ${m.id}: sender ${m.sender} is not a member of group ${chat.id}`);
      }
      let mediaPkOf: number | null = null;
      if (m.attachment) {
        const a = m.attachment;
        mediaPkOf = ++mediaPk;
        const h = stableHex(`${ctx.d.id}|wa-media|${m.id}`, 2).toLowerCase();
        const local = `Media/${jid}/${h[0]}/${h[1]}/${stableUuid(`${ctx.d.id}|wa-media-file|${m.id}`)}.${extensionOf(a.fileName, a.mimeType)}`;
        mediaItem({
          Z_PK: mediaPkOf,
          Z_ENT: ent('WAMediaItem'),
          Z_OPT: 1,
          ZCLOUDSTATUS: 4,
          ZFILESIZE: a.bytes,
          ZMEDIAORIGIN: 0,
          ZMOVIEDURATION: 0,
          ZMESSAGE: m.id,
          ZMEDIALOCALPATH: local,
          ZTITLE: m.text,
          ZVCARDNAME: Buffer.from(
            stableHex(`${ctx.d.id}|wa-media-hash|${m.id}`, 64),
            'hex',
          ).toString('base64'),
          ZVCARDSTRING: a.mimeType,
        });
        media.push({
          rel: `${whatsappPaths(ctx.d).media}/${local}`,
          seed: `${ctx.d.id}|attachment|${m.id}`,
          mime: a.mimeType,
          size: a.bytes,
        });
      }
      const date = cocoaSeconds(m.at);
      message({
        Z_PK: m.id,
        Z_ENT: ent('WAMessage'),
        Z_OPT: 1,
        ZCHILDMESSAGESDELIVEREDCOUNT: 0,
        ZCHILDMESSAGESPLAYEDCOUNT: 0,
        ZCHILDMESSAGESREADCOUNT: 0,
        ZDATAITEMVERSION: 3,
        ZDOCID: m.id,
        ZENCRETRYCOUNT: 0,
        ZFILTEREDRECIPIENTCOUNT: 0,
        ZFLAGS: out ? 16777280 : 16777216,
        ZGROUPEVENTTYPE: out ? 0 : 2,
        ZISFROMME: out ? 1 : 0,
        ZMESSAGEERRORSTATUS: 0,
        ZMESSAGESTATUS: out ? (m.read ? 8 : 6) : 8,
        ZMESSAGETYPE: m.attachment ? waMessageType(m.attachment.mimeType) : 0,
        ZSORT: sort,
        ZSPOTLIGHTSTATUS: -32768,
        ZCHATSESSION: chat.id,
        ZGROUPMEMBER: groupMember,
        ZMEDIAITEM: mediaPkOf,
        ZMESSAGEDATE: date,
        ZSENTDATE: date,
        ZFROMJID: out ? null : jid,
        ZSTANZAID: `3A${stableHex(`${ctx.d.id}|stanza|${m.id}`, 18)}`,
        ZTEXT: m.attachment ? null : m.text,
        ZTOJID: out ? jid : null,
      });
    }
    const max: Partial<Record<(typeof CHAT_STORAGE_ENTITIES)[number], number>> = {
      WAChatSession: maxId(wa.chats),
      WAGroupInfo: groups,
      WAGroupMember: memberPk,
      WAMediaItem: mediaPk,
      WAMessage: maxId(wa.messages),
    };
    coreDataMeta(
      db,
      ctx,
      'chat-storage',
      CHAT_STORAGE_ENTITIES.map((e) => [e, max[e] ?? 0]),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// WhatsApp ContactsV2.sqlite and CallHistory.sqlite — schemas of the iOS 15 sample

const CONTACTS_V2_DDL = [
  'CREATE TABLE ZWAADDRESSBOOKCONTACT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZDISAPPEARINGMODEDURATION INTEGER, ZPHONESTATUS INTEGER, ZSECTIONSORT INTEGER, ZSORT INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZABOUTTIMESTAMP TIMESTAMP, ZDISAPPEARINGMODETIMESTAMP TIMESTAMP, ZABOUTTEXT VARCHAR, ZFULLNAME VARCHAR, ZGIVENNAME VARCHAR, ZHIGHLIGHTEDNAME VARCHAR, ZIDENTIFIER VARCHAR, ZLOCALIZEDPHONENUMBER VARCHAR, ZPHONENUMBER VARCHAR, ZPHONENUMBERLABEL VARCHAR, ZSEARCHTOKENLIST VARCHAR, ZSECTIONTITLE VARCHAR, ZWHATSAPPID VARCHAR, ZDEVICELIST BLOB )',
  'CREATE INDEX Z_WAAddressBookContact_byIdentifierIndex ON ZWAADDRESSBOOKCONTACT (ZIDENTIFIER COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAddressBookContact_byPhoneNumberIndex ON ZWAADDRESSBOOKCONTACT (ZPHONENUMBER COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAddressBookContact_byPhoneStatusIndex ON ZWAADDRESSBOOKCONTACT (ZPHONESTATUS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAddressBookContact_bySectionTitleIndex ON ZWAADDRESSBOOKCONTACT (ZSECTIONTITLE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAddressBookContact_bySortIndex ON ZWAADDRESSBOOKCONTACT (ZSORT COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAddressBookContact_bySpotlightStatusIndex ON ZWAADDRESSBOOKCONTACT (ZSPOTLIGHTSTATUS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAddressBookContact_byWhatsAppIDIndex ON ZWAADDRESSBOOKCONTACT (ZWHATSAPPID COLLATE BINARY ASC)',
  ...CORE_DATA_TABLES,
] as const;

function writeContactsV2(path: string, ctx: Context, wa: WhatsApp): void {
  build(path, true, CONTACTS_V2_DDL, (db) => {
    const insert = inserter(db, 'ZWAADDRESSBOOKCONTACT', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZDISAPPEARINGMODEDURATION',
      'ZPHONESTATUS',
      'ZSECTIONSORT',
      'ZSORT',
      'ZSPOTLIGHTSTATUS',
      'ZFULLNAME',
      'ZGIVENNAME',
      'ZHIGHLIGHTEDNAME',
      'ZIDENTIFIER',
      'ZPHONENUMBER',
      'ZPHONENUMBERLABEL',
      'ZSEARCHTOKENLIST',
      'ZSECTIONTITLE',
      'ZWHATSAPPID',
    ]);
    for (const c of wa.contacts) {
      const phone = c.phones[0]!;
      const words = c.displayName.split(/\s+/).filter(Boolean);
      insert({
        Z_PK: c.id,
        Z_ENT: 1,
        Z_OPT: 1,
        ZDISAPPEARINGMODEDURATION: 0,
        ZPHONESTATUS: 2,
        ZSECTIONSORT: 0,
        ZSORT: c.id * 1000,
        ZSPOTLIGHTSTATUS: -5,
        ZFULLNAME: c.displayName,
        ZGIVENNAME: c.givenName ?? (words.length > 1 ? words.slice(0, -1).join(' ') : null),
        ZHIGHLIGHTEDNAME: c.familyName ?? words.at(-1) ?? c.displayName,
        ZIDENTIFIER: guid(ctx, 'wa-contact', c.id),
        ZPHONENUMBER: typedNumber(phone.number, ctx.d.simCountry),
        ZPHONENUMBERLABEL: AB_LABEL[phone.label],
        ZSEARCHTOKENLIST: words
          .map((w) => w.toLowerCase())
          .sort()
          .join(' '),
        ZSECTIONTITLE: sortSection(c.displayName),
        ZWHATSAPPID: userJid(phone.number),
      });
    }
    coreDataMeta(db, ctx, 'contacts-v2', [['WAAddressBookContact', maxId(wa.contacts)]]);
  });
}

const WA_CALL_HISTORY_DDL = [
  'CREATE TABLE ZWAAGGREGATECALLEVENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZINCOMING INTEGER, ZMISSED INTEGER, ZMISSEDREASON INTEGER, ZVIDEO INTEGER, ZFIRSTDATE TIMESTAMP, ZLINKTOKEN VARCHAR )',
  'CREATE TABLE ZWACDCALLEVENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZBYTESRECEIVED INTEGER, ZBYTESSENT INTEGER, ZOUTCOME INTEGER, Z1CALLEVENTS INTEGER, Z_FOK_1CALLEVENTS INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZGROUPCALLCREATORUSERJIDSTRING VARCHAR, ZGROUPJIDSTRING VARCHAR, ZSCHEDULEDID VARCHAR )',
  'CREATE TABLE ZWACDCALLEVENTPARTICIPANT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZOUTCOME INTEGER, Z1PARTICIPANTS INTEGER, Z_FOK_1PARTICIPANTS INTEGER, ZJIDSTRING VARCHAR )',
  'CREATE TABLE ZWAJOINABLECALLEVENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZBADGEREMOVED INTEGER, ZBYTESRECEIVED INTEGER, ZBYTESSENT INTEGER, ZCURRENTOUTCOME INTEGER, ZISRERING INTEGER, ZPREVIOUSOUTCOME INTEGER, ZVIDEO INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZCALLCREATORJIDSTRING VARCHAR, ZCALLIDSTRING VARCHAR, ZCALLRANDOMIDSTRING VARCHAR, ZFROMJIDSTRING VARCHAR, ZGROUPJIDSTRING VARCHAR, ZLINKTOKEN VARCHAR, ZSCHEDULEDID VARCHAR )',
  'CREATE TABLE ZWAJOINABLECALLEVENTPARTICIPANT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZJOINED INTEGER, Z4PARTICIPANTS INTEGER, Z_FOK_4PARTICIPANTS INTEGER, ZJIDSTRING VARCHAR )',
  'CREATE TABLE ZWAUPCOMINGCALLEVENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCALLTYPE INTEGER, ZISSYSTEMMESSAGEINSERTED INTEGER, ZSTATUS INTEGER, ZUNIXTIMEMS INTEGER, ZCHATJIDSTRING VARCHAR, ZCREATORJIDSTRING VARCHAR, ZMESSAGESTANZAID VARCHAR, ZTITLE VARCHAR )',
  'CREATE INDEX Z_WAAggregateCallEvent_byDate ON ZWAAGGREGATECALLEVENT (ZFIRSTDATE COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAAggregateCallEvent_byMissedDate ON ZWAAGGREGATECALLEVENT (ZMISSED COLLATE BINARY ASC, ZFIRSTDATE COLLATE BINARY ASC)',
  'CREATE INDEX ZWACDCALLEVENT_Z1CALLEVENTS_INDEX ON ZWACDCALLEVENT (Z1CALLEVENTS)',
  'CREATE INDEX ZWACDCALLEVENTPARTICIPANT_Z1PARTICIPANTS_INDEX ON ZWACDCALLEVENTPARTICIPANT (Z1PARTICIPANTS)',
  'CREATE INDEX Z_WAJoinableCallEvent_byDate ON ZWAJOINABLECALLEVENT (ZDATE COLLATE BINARY ASC)',
  'CREATE INDEX ZWAJOINABLECALLEVENTPARTICIPANT_Z4PARTICIPANTS_INDEX ON ZWAJOINABLECALLEVENTPARTICIPANT (Z4PARTICIPANTS)',
  'CREATE INDEX Z_WAUpcomingCallEvent_byChatJID ON ZWAUPCOMINGCALLEVENT (ZCHATJIDSTRING COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAUpcomingCallEvent_byTime ON ZWAUPCOMINGCALLEVENT (ZUNIXTIMEMS COLLATE BINARY ASC)',
  'CREATE INDEX Z_WAUpcomingCallEvent_byStatus ON ZWAUPCOMINGCALLEVENT (ZSTATUS COLLATE BINARY ASC)',
  ...CORE_DATA_TABLES,
] as const;

function writeWaCallHistory(path: string, ctx: Context, wa: WhatsApp): void {
  build(path, true, WA_CALL_HISTORY_DDL, (db) => {
    const aggregate = inserter(db, 'ZWAAGGREGATECALLEVENT', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZINCOMING',
      'ZMISSED',
      'ZMISSEDREASON',
      'ZVIDEO',
      'ZFIRSTDATE',
    ]);
    const event = inserter(db, 'ZWACDCALLEVENT', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZBYTESRECEIVED',
      'ZBYTESSENT',
      'ZOUTCOME',
      'Z1CALLEVENTS',
      'Z_FOK_1CALLEVENTS',
      'ZDATE',
      'ZDURATION',
      'ZGROUPCALLCREATORUSERJIDSTRING',
    ]);
    const participant = inserter(db, 'ZWACDCALLEVENTPARTICIPANT', [
      'Z_PK',
      'Z_ENT',
      'Z_OPT',
      'ZOUTCOME',
      'Z1PARTICIPANTS',
      'Z_FOK_1PARTICIPANTS',
      'ZJIDSTRING',
    ]);
    for (const c of wa.calls) {
      const missed = c.direction === 'missed';
      const out = c.direction === 'outgoing';
      const date = cocoaSeconds(c.at);
      const outcome = missed ? 1 : 0;
      const perSecond = c.video ? 160_000 : 1_200;
      aggregate({
        Z_PK: c.id,
        Z_ENT: 1,
        Z_OPT: 1,
        ZINCOMING: out ? 0 : 1,
        ZMISSED: missed ? 1 : 0,
        ZMISSEDREASON: 1,
        ZVIDEO: c.video ? 1 : 0,
        ZFIRSTDATE: date,
      });
      event({
        Z_PK: c.id,
        Z_ENT: 2,
        Z_OPT: 1,
        ZBYTESRECEIVED: missed ? 0 : Math.round(c.durationSeconds * perSecond * 1.1),
        ZBYTESSENT: missed ? 0 : Math.round(c.durationSeconds * perSecond),
        ZOUTCOME: outcome,
        Z1CALLEVENTS: c.id,
        Z_FOK_1CALLEVENTS: 2048,
        ZDATE: date,
        ZDURATION: missed ? 0 : c.durationSeconds,
        ZGROUPCALLCREATORUSERJIDSTRING: userJid(out ? ctx.owner : c.number),
      });
      participant({
        Z_PK: c.id,
        Z_ENT: 3,
        Z_OPT: 1,
        ZOUTCOME: outcome,
        Z1PARTICIPANTS: c.id,
        Z_FOK_1PARTICIPANTS: 2048,
        ZJIDSTRING: userJid(c.number),
      });
    }
    const max = maxId(wa.calls);
    coreDataMeta(db, ctx, 'wa-call-history', [
      ['WAAggregateCallEvent', max],
      ['WACDCallEvent', max],
      ['WACDCallEventParticipant', max],
      ['WAJoinableCallEvent', 0],
      ['WAJoinableCallEventParticipant', 0],
      ['WAUpcomingCallEvent', 0],
    ]);
  });
}
