/**
 * Synthetic Android full-file-system extraction: lays a `DeviceExtraction` down as the real
 * databases of an Android 10–13 phone, the way ALEAPP, Cellebrite and Magnet find them under
 * `data/data/…` and `data/system_ce/0/…`. Everything is synthetic.
 *
 * Record → row (the counting rule: every record becomes exactly one row; an importer counts only
 * these tables, never the helper tables listed further down):
 *
 * | record                                      | file               | row                        |
 * | ------------------------------------------- | ------------------ | -------------------------- |
 * | contact, native                             | contacts2.db       | raw_contacts               |
 * | contact, whatsapp                           | wa.db              | wa_contacts                |
 * | call, native                                | calllog.db         | calls                      |
 * | call, whatsapp (current schema only)        | msgstore.db        | call_log                   |
 * | chat, native                                | mmssms.db          | threads                    |
 * | chat, whatsapp                              | msgstore.db        | chat / legacy: chat_list   |
 * | message, native, direct chat, no attachment | mmssms.db          | sms                        |
 * | message, native, attachment or group chat   | mmssms.db          | pdu (+ part, addr rows)    |
 * | message, whatsapp                           | msgstore.db        | message / legacy: messages |
 * | account, whatsapp                           | WhatsApp prefs xml | its `cc` + `ph` entries    |
 * | account, google / telegram / snapchat       | accounts_ce.db     | accounts                   |
 *
 * Files: mmssms.db under data/data/com.android.providers.telephony/databases/; contacts2.db and
 * calllog.db under data/data/com.android.providers.contacts/databases/; msgstore.db and wa.db
 * under data/data/com.whatsapp/databases/; the WhatsApp shared prefs
 * data/data/com.whatsapp/shared_prefs/com.whatsapp_preferences_light.xml; accounts_ce.db under
 * data/system_ce/0/. A phone without a WhatsApp account and records gets no WhatsApp files.
 *
 * Where a record table has an `_id`, it is the record's `id` (raw_contacts, wa_contacts, calls,
 * call_log, threads, chat, chat_list, sms, pdu, message, messages), so gaps in a table are normal.
 *
 * Helper rows that are NOT records: contacts2.db `contacts` (one per raw contact, as the
 * aggregator would make), `data` (name/phone/email rows), `mimetypes`, `accounts` (the local
 * phone account, not a DeviceAccount), `phone_lookup`, `properties`; mmssms.db
 * `canonical_addresses`, `part`, `addr`; msgstore.db `jid`, `message_media`,
 * `group_participant_user` / `group_participants`, `jid_map` (empty); every `android_metadata`.
 *
 * How to read the meaning back (what an importer needs to know):
 * - Times: sms.date, calls.date, WhatsApp timestamps are ms since epoch; pdu.date is SECONDS.
 * - sms.type and pdu.msg_box: 1 inbox (incoming), 2 sent (outgoing). pdu.m_type 132 incoming, 128
 *   outgoing. addr.type 137 FROM, 151 TO; the FROM of a sent MMS is the literal
 *   `insert-address-token`, as on real phones. MMS parts: an `application/smil` part (seq -1, skip
 *   it), a `text/plain` part with the text if any, a part for the attachment (ct = MIME type, name
 *   and cl = file name, _data = where the file would be; the file itself is not written).
 * - threads.recipient_ids: space-separated canonical_addresses ids of the other party/parties.
 *   threads.type 1 marks a group (more than one recipient).
 * - Native contact phones: data1 as the owner typed it (national format for numbers of the SIM
 *   country, international otherwise), data2 type (1 home, 2 mobile, 3 work, 7 other), data4 E.164.
 *   Emails: data1 address, data2 = 3 (other; the model has no email label).
 * - contacts2.db raw_contacts.sort_key / sort_key_alt are declared `COLLATE PHONEBOOK`, an
 *   Android-only collation, exactly as on a phone: `ORDER BY sort_key` fails outside Android.
 * - calls.type 1 incoming, 2 outgoing, 3 missed; calls.features bit 1 = video; calls.number is what
 *   the phone showed (incoming: E.164; outgoing: as dialled), calls.normalized_number is E.164.
 * - WhatsApp JIDs: `<digits>@s.whatsapp.net`; groups `<creator digits>-<created unix s>@g.us`.
 *   message.from_me gives the direction; in groups message.sender_jid_row_id is the sender of an
 *   incoming message (0 otherwise, as real data has it). message_type 0 text, 1 image, 2 audio,
 *   3 video, 9 document; for media the text is the caption (text_data; legacy: media_caption with
 *   data NULL). Attachment: message_media.mime_type / media_name / file_size (legacy:
 *   media_mime_type / media_name / media_size).
 * - Read state of incoming messages: per row in sms.read / pdu.read; in WhatsApp (as in the app)
 *   only as a watermark: an incoming message is read iff its _id <= chat.last_read_message_row_id
 *   (legacy chat_list.last_read_message_table_id). Outgoing WhatsApp read = status 13, else 5.
 * - WhatsApp calls: from_me 1 outgoing; from_me 0 with call_result 5 incoming (answered), any
 *   other call_result missed. duration is seconds, video_call 0/1.
 * - Group members: group_participant_user (current, the owner by their own JID, rank 2 creator)
 *   or group_participants (legacy: the owner as jid '' as real data has it, admin 2 creator).
 * - wa_contacts: one per WhatsApp contact. If the number is also a native contact, the row is
 *   linked as WhatsApp does it (raw_contact_id, display_name, number as typed); otherwise it is an
 *   unlinked WhatsApp user (display_name NULL, the name in wa_name). Name = COALESCE(display_name,
 *   wa_name); number = the jid.
 * - The WhatsApp account: `cc` (country calling code) + `ph` (national number) in the shared
 *   prefs; `registration_jid` and `push_name` are there too.
 *
 * What cannot be represented throws an Error instead of silently breaking the counting rule:
 * WhatsApp calls on the legacy schema (it had no call log), native group chats with a subject or
 * creator (MMS groups have neither), WhatsApp contacts with other than one phone or with e-mails,
 * WhatsApp records without exactly one WhatsApp account, two WhatsApp chats with the same JID
 * (WhatsApp has one chat per JID), a WhatsApp group listing a member twice, iCloud accounts,
 * messages with neither text nor attachment. Lost without error (no home in the real schema):
 * a native chat's createdAt (threads only know their last message), the display name of a
 * non-WhatsApp account, per-message read state of incoming WhatsApp messages that lie beyond an
 * unread one (WhatsApp keeps a watermark, see above).
 *
 * Schema sources: AOSP TelephonyProvider MmsSmsDatabaseHelper (mmssms.db v67), ContactsProvider
 * ContactsDatabaseHelper (contacts2.db, Q) and CallLogDatabaseHelper (calllog.db, with the
 * Android 12 call-composer columns), AccountsDb CeDatabaseHelper (accounts_ce.db v10), real
 * WhatsApp msgstore.db / wa.db schemas of 2023 and the legacy `messages` CREATE TABLE of the
 * WhatsApp app, ALEAPP's SMS/MMS and WhatsApp parsers for the queries tools run.
 *
 * Reproducible bytes: no clock is read (times come from the records or `extractedAt`), rows go in
 * in a fixed order inside one transaction, journal_mode DELETE, so the same input gives
 * byte-identical files with the same SQLite library.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

type Db = SqliteDatabase.Database;

export const ANDROID_PATHS = {
  mmssms: 'data/data/com.android.providers.telephony/databases/mmssms.db',
  contacts2: 'data/data/com.android.providers.contacts/databases/contacts2.db',
  calllog: 'data/data/com.android.providers.contacts/databases/calllog.db',
  msgstore: 'data/data/com.whatsapp/databases/msgstore.db',
  wa: 'data/data/com.whatsapp/databases/wa.db',
  whatsappPrefs: 'data/data/com.whatsapp/shared_prefs/com.whatsapp_preferences_light.xml',
  accountsCe: 'data/system_ce/0/accounts_ce.db',
} as const;

export const writeAndroid: DeviceWriter = async (dir, device) => {
  const ctx = prepare(device);
  const written: string[] = [];
  const at = (rel: string) => {
    written.push(rel);
    return join(dir, ...rel.split('/'));
  };
  writeMmsSms(at(ANDROID_PATHS.mmssms), ctx);
  writeContacts2(at(ANDROID_PATHS.contacts2), ctx);
  writeCallLog(at(ANDROID_PATHS.calllog), ctx);
  if (ctx.whatsapp) {
    if (device.whatsappSchema === 'legacy') writeMsgstoreLegacy(at(ANDROID_PATHS.msgstore), ctx);
    else writeMsgstoreCurrent(at(ANDROID_PATHS.msgstore), ctx);
    writeWaDb(at(ANDROID_PATHS.wa), ctx);
    writeWhatsappPrefs(at(ANDROID_PATHS.whatsappPrefs), ctx.whatsapp.account);
  }
  writeAccountsCe(at(ANDROID_PATHS.accountsCe), ctx);
  return written.sort();
};

// ---------------------------------------------------------------------------------------------
// Validation and shared context

interface Context {
  d: DeviceExtraction;
  owner: Set<E164>;
  /** The SIM's own number, for the TO address of received MMS. */
  ownNumber: E164 | null;
  locale: string;
  lang: string;
  smsApp: string;
  extractedMs: number;
  chats: Map<number, DeviceChat>;
  messagesByChat: Map<number, DeviceMessage[]>;
  /** Native address book by E.164: the first native contact holding the number. */
  nativeByNumber: Map<E164, { contact: DeviceContact; label: PhoneLabel }>;
  whatsapp: { account: DeviceAccount; ownerJidUser: string } | null;
}

type PhoneLabel = DeviceContact['phones'][number]['label'];

function prepare(d: DeviceExtraction): Context {
  if (d.platform !== 'android') {
    throw new Error(`writeAndroid: device ${d.id} is platform ${d.platform}, not android`);
  }
  const fail = (msg: string): never => {
    throw new Error(`writeAndroid: device ${d.id}: ${msg}`);
  };
  const chats = new Map<number, DeviceChat>();
  for (const c of d.chats) {
    if (chats.has(c.id)) fail(`duplicate chat id ${c.id}`);
    chats.set(c.id, c);
    if (c.kind === 'direct' && !c.peer) fail(`direct chat ${c.id} has no peer`);
    if (c.kind === 'group' && c.app === 'native' && (c.subject !== null || c.creator !== null)) {
      fail(
        `native group chat ${c.id} has a subject or creator; an MMS group thread has neither, ` +
          `so it cannot be represented`,
      );
    }
    if (c.kind === 'group' && c.app === 'whatsapp' && !c.creator) {
      fail(`WhatsApp group chat ${c.id} has no creator; its group JID is made from the creator`);
    }
  }
  // WhatsApp keeps one chat per JID (chat.jid_row_id and chat_list.key_remote_jid are UNIQUE).
  const waChatOf = new Map<string, number>();
  for (const c of d.chats) {
    if (c.app !== 'whatsapp') continue;
    if (c.kind === 'group' && new Set(c.members).size !== c.members.length) {
      fail(`WhatsApp group chat ${c.id} lists a member twice; a group has each member once`);
    }
    const key = c.kind === 'group' ? `group ${chatJid(c)}` : `peer ${c.peer}`;
    const other = waChatOf.get(key);
    if (other !== undefined) {
      fail(
        `WhatsApp chats ${other} and ${c.id} are both with ${key}; WhatsApp has one chat per ` +
          `JID, so the second cannot be represented`,
      );
    }
    waChatOf.set(key, c.id);
  }
  const messagesByChat = new Map<number, DeviceMessage[]>();
  for (const m of d.messages) {
    const chat = chats.get(m.chatId) ?? fail(`message ${m.id} refers to unknown chat ${m.chatId}`);
    if (chat.app !== m.app) fail(`message ${m.id} is ${m.app} but chat ${chat.id} is ${chat.app}`);
    if (m.text === null && m.attachment === null) {
      fail(`message ${m.id} has neither text nor attachment`);
    }
    ms(m.at);
    const list = messagesByChat.get(m.chatId) ?? [];
    list.push(m);
    messagesByChat.set(m.chatId, list);
  }

  const waAccounts = d.accounts.filter((a) => a.app === 'whatsapp');
  const hasWhatsappRecords =
    d.contacts.some((c) => c.app === 'whatsapp') ||
    d.calls.some((c) => c.app === 'whatsapp') ||
    d.chats.some((c) => c.app === 'whatsapp');
  if (waAccounts.length > 1) fail('more than one WhatsApp account; a phone has one');
  if (hasWhatsappRecords && waAccounts.length === 0) {
    fail('WhatsApp records but no WhatsApp account; the owner would not be recoverable');
  }
  if (d.whatsappSchema === 'legacy' && d.calls.some((c) => c.app === 'whatsapp')) {
    fail(
      'WhatsApp calls on the legacy msgstore.db schema, which had no call log; ' +
        'give legacy devices no WhatsApp calls',
    );
  }
  for (const a of d.accounts) {
    if (a.app === 'icloud') fail('an iCloud account cannot exist on an Android phone');
  }
  for (const c of d.contacts) {
    if (c.app === 'whatsapp' && (c.phones.length !== 1 || c.emails.length > 0)) {
      fail(`WhatsApp contact ${c.id} must have exactly one phone and no e-mails (one JID)`);
    }
  }
  for (const c of d.calls) ms(c.at);

  const nativeByNumber = new Map<E164, { contact: DeviceContact; label: PhoneLabel }>();
  for (const c of d.contacts) {
    if (c.app !== 'native') continue;
    for (const p of c.phones) {
      if (!nativeByNumber.has(p.number))
        nativeByNumber.set(p.number, { contact: c, label: p.label });
    }
  }

  const sim = d.simCountry.toUpperCase();
  const lang = LANGUAGE_OF[sim] ?? 'en';
  const waAccount = waAccounts[0];
  return {
    d,
    owner: new Set(d.ownerNumbers),
    ownNumber: d.ownerNumbers[0] ?? null,
    locale: `${lang}_${sim}`,
    lang,
    smsApp: /samsung|^sm-/i.test(d.model)
      ? 'com.samsung.android.messaging'
      : 'com.google.android.apps.messaging',
    extractedMs: ms(d.extractedAt),
    chats,
    messagesByChat,
    nativeByNumber,
    whatsapp: waAccount ? { account: waAccount, ownerJidUser: digits(waAccount.identifier) } : null,
  };
}

const LANGUAGE_OF: Record<string, string> = {
  NL: 'nl',
  BE: 'nl',
  ES: 'es',
  DE: 'de',
  FR: 'fr',
  IT: 'it',
  PT: 'pt',
  RO: 'ro',
};

function ms(iso: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new Error(`writeAndroid: not a time: ${iso}`);
  return t;
}

function digits(e164: string): string {
  if (!/^\+\d{6,15}$/.test(e164)) throw new Error(`writeAndroid: not an E.164 number: ${e164}`);
  return e164.slice(1);
}

function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length).toUpperCase();
}

function int31(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) & 0x7fffffff;
}

/** How the owner would have typed a number: national in the SIM's country, else international. */
function typedNumber(ctx: Context, e164: E164): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  return p.country === ctx.d.simCountry.toUpperCase()
    ? p.formatNational()
    : p.formatInternational();
}

/** What a dialler stores for a number dialled from the keypad or a contact: digits, no spaces. */
function dialledNumber(ctx: Context, e164: E164): string {
  return typedNumber(ctx, e164).replace(/[^\d+]/g, '');
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** What the dialler's geocoder shows for a mobile number: the country, in the phone's language. */
function countryName(ctx: Context, e164: E164): string | null {
  const country = parsePhoneNumberFromString(e164)?.country;
  if (!country) return null;
  let names = regionNames.get(ctx.lang);
  if (!names) {
    names = new Intl.DisplayNames([ctx.lang], { type: 'region' });
    regionNames.set(ctx.lang, names);
  }
  return names.of(country) ?? null;
}

/** PhoneNumberUtils.toCallerIDMinMatch: the last 7 digits, reversed. */
function minMatch(e164: E164): string {
  return digits(e164).slice(-7).split('').reverse().join('');
}

const PHONE_TYPE: Record<PhoneLabel, number> = { home: 1, mobile: 2, work: 3, other: 7 };

/** Order a chat's messages the way their rows are numbered. */
function byId(a: DeviceMessage, b: DeviceMessage): number {
  return a.id - b.id;
}

/**
 * WhatsApp keeps read state as a watermark: everything up to the last message before the first
 * unread incoming one counts as read.
 */
function readWatermark(msgs: DeviceMessage[]): { lastRead: number | null; unseen: number } {
  let lastRead: number | null = null;
  let unseen = 0;
  let blocked = false;
  for (const m of [...msgs].sort(byId)) {
    if (!blocked && (m.direction === 'outgoing' || m.read)) lastRead = m.id;
    else {
      blocked = true;
      if (m.direction === 'incoming') unseen += 1;
    }
  }
  return { lastRead, unseen };
}

// ---------------------------------------------------------------------------------------------
// SQLite plumbing

function openFresh(path: string, userVersion: number, locale: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = DELETE');
  // Android opens databases with foreign keys off (better-sqlite3 turns them on); the AOSP
  // schemas even reference tables that do not exist (data.package_id REFERENCES package).
  db.pragma('foreign_keys = OFF');
  db.pragma(`user_version = ${userVersion}`);
  db.exec('CREATE TABLE android_metadata (locale TEXT)');
  db.prepare('INSERT INTO android_metadata (locale) VALUES (?)').run(locale);
  return db;
}

/** Create, fill inside one transaction, close. */
function build(path: string, userVersion: number, locale: string, fill: (db: Db) => void): void {
  const db = openFresh(path, userVersion, locale);
  try {
    db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
}

/** A prepared INSERT taking named values for the listed columns; unlisted columns keep defaults. */
function inserter(db: Db, table: string, columns: readonly string[]) {
  const stmt = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  return (row: Record<string, string | number | bigint | Buffer | null>) => {
    const values: Record<string, string | number | bigint | Buffer | null> = {};
    for (const c of columns) values[c] = row[c] ?? null;
    return Number(stmt.run(values).lastInsertRowid);
  };
}

// ---------------------------------------------------------------------------------------------
// mmssms.db — AOSP TelephonyProvider, MmsSmsDatabaseHelper version 67

const MMSSMS_DDL = `
CREATE TABLE pdu (_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER, date INTEGER,
  date_sent INTEGER DEFAULT 0, msg_box INTEGER, read INTEGER DEFAULT 0, m_id TEXT, sub TEXT,
  sub_cs INTEGER, ct_t TEXT, ct_l TEXT, exp INTEGER, m_cls TEXT, m_type INTEGER, v INTEGER,
  m_size INTEGER, pri INTEGER, rr INTEGER, rpt_a INTEGER, resp_st INTEGER, st INTEGER, tr_id TEXT,
  retr_st INTEGER, retr_txt TEXT, retr_txt_cs INTEGER, read_status INTEGER, ct_cls INTEGER,
  resp_txt TEXT, d_tm INTEGER, d_rpt INTEGER, locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1,
  seen INTEGER DEFAULT 0, creator TEXT, text_only INTEGER DEFAULT 0);
CREATE TABLE addr (_id INTEGER PRIMARY KEY, msg_id INTEGER, contact_id INTEGER, address TEXT,
  type INTEGER, charset INTEGER);
CREATE TABLE part (_id INTEGER PRIMARY KEY AUTOINCREMENT, mid INTEGER, seq INTEGER DEFAULT 0,
  ct TEXT, name TEXT, chset INTEGER, cd TEXT, fn TEXT, cid TEXT, cl TEXT, ctt_s INTEGER, ctt_t TEXT,
  _data TEXT, text TEXT);
CREATE TABLE rate (sent_time INTEGER);
CREATE TABLE drm (_id INTEGER PRIMARY KEY, _data TEXT);
CREATE VIEW pdu_restricted AS SELECT * FROM pdu WHERE (msg_box=1 OR msg_box=2) AND (m_type!=130);
CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER,
  date INTEGER, date_sent INTEGER DEFAULT 0, protocol INTEGER, read INTEGER DEFAULT 0,
  status INTEGER DEFAULT -1, type INTEGER, reply_path_present INTEGER, subject TEXT, body TEXT,
  service_center TEXT, locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1,
  error_code INTEGER DEFAULT 0, creator TEXT, seen INTEGER DEFAULT 0);
CREATE TABLE raw (_id INTEGER PRIMARY KEY, date INTEGER, reference_number INTEGER, count INTEGER,
  sequence INTEGER, destination_port INTEGER, address TEXT, sub_id INTEGER DEFAULT -1, pdu TEXT,
  deleted INTEGER DEFAULT 0, message_body TEXT, display_originating_addr TEXT);
CREATE TABLE attachments (sms_id INTEGER, content_url TEXT, offset INTEGER);
CREATE TABLE sr_pending (reference_number INTEGER, action TEXT, data TEXT);
CREATE VIEW sms_restricted AS SELECT * FROM sms WHERE type=1 OR type=2;
CREATE TABLE canonical_addresses (_id INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT);
CREATE TABLE threads (_id INTEGER PRIMARY KEY AUTOINCREMENT, date INTEGER DEFAULT 0,
  message_count INTEGER DEFAULT 0, recipient_ids TEXT, snippet TEXT, snippet_cs INTEGER DEFAULT 0,
  read INTEGER DEFAULT 1, archived INTEGER DEFAULT 0, type INTEGER DEFAULT 0,
  error INTEGER DEFAULT 0, has_attachment INTEGER DEFAULT 0);
CREATE TABLE pending_msgs (_id INTEGER PRIMARY KEY, proto_type INTEGER, msg_id INTEGER,
  msg_type INTEGER, err_type INTEGER, err_code INTEGER, retry_index INTEGER NOT NULL DEFAULT 0,
  due_time INTEGER, pending_sub_id INTEGER DEFAULT -1, last_try INTEGER);
CREATE INDEX typeThreadIdIndex ON sms (type, thread_id);
CREATE INDEX threadIdDateIndex ON sms (thread_id, date);
CREATE INDEX partMidIndex ON part (mid);
CREATE INDEX addrMsgIdIndex ON addr (msg_id);
`;

const PDU_HEADERS = {
  retrieveConf: 132,
  sendReq: 128,
  addrFrom: 137,
  addrTo: 151,
  priorityNormal: 129,
  no: 129,
  responseOk: 128,
  version12: 18,
  charsetUtf8: 106,
} as const;

function writeMmsSms(path: string, ctx: Context): void {
  const { d } = ctx;
  build(path, 67, ctx.locale, (db) => {
    db.exec(MMSSMS_DDL);
    const addCanonical = inserter(db, 'canonical_addresses', ['address']);
    const addThread = inserter(db, 'threads', [
      '_id',
      'date',
      'message_count',
      'recipient_ids',
      'snippet',
      'snippet_cs',
      'read',
      'archived',
      'type',
      'error',
      'has_attachment',
    ]);
    const addSms = inserter(db, 'sms', [
      '_id',
      'thread_id',
      'address',
      'person',
      'date',
      'date_sent',
      'protocol',
      'read',
      'status',
      'type',
      'reply_path_present',
      'subject',
      'body',
      'service_center',
      'locked',
      'sub_id',
      'error_code',
      'creator',
      'seen',
    ]);
    const addPdu = inserter(db, 'pdu', [
      '_id',
      'thread_id',
      'date',
      'date_sent',
      'msg_box',
      'read',
      'm_id',
      'sub',
      'sub_cs',
      'ct_t',
      'ct_l',
      'exp',
      'm_cls',
      'm_type',
      'v',
      'm_size',
      'pri',
      'rr',
      'rpt_a',
      'resp_st',
      'st',
      'tr_id',
      'retr_st',
      'retr_txt',
      'retr_txt_cs',
      'read_status',
      'ct_cls',
      'resp_txt',
      'd_tm',
      'd_rpt',
      'locked',
      'sub_id',
      'seen',
      'creator',
      'text_only',
    ]);
    const addPart = inserter(db, 'part', [
      'mid',
      'seq',
      'ct',
      'name',
      'chset',
      'cd',
      'fn',
      'cid',
      'cl',
      'ctt_s',
      'ctt_t',
      '_data',
      'text',
    ]);
    const addAddr = inserter(db, 'addr', ['msg_id', 'contact_id', 'address', 'type', 'charset']);

    const canonical = new Map<string, number>();
    const canonicalId = (address: string) => {
      let id = canonical.get(address);
      if (id === undefined) {
        id = addCanonical({ address });
        canonical.set(address, id);
      }
      return id;
    };

    const nativeChats = d.chats.filter((c) => c.app === 'native');
    const isMms = (chat: DeviceChat, m: DeviceMessage) =>
      chat.kind === 'group' || m.attachment !== null;
    const othersOf = (chat: DeviceChat): E164[] =>
      chat.kind === 'direct' ? [chat.peer!] : chat.members.filter((n) => !ctx.owner.has(n));

    for (const chat of nativeChats) {
      const others = othersOf(chat);
      if (others.length === 0) {
        throw new Error(`writeAndroid: device ${d.id}: native chat ${chat.id} has no other party`);
      }
      const recipientIds = others.map(canonicalId).join(' ');
      const msgs = [...(ctx.messagesByChat.get(chat.id) ?? [])];
      const last = msgs.reduce<DeviceMessage | null>(
        (a, m) => (a === null || ms(m.at) > ms(a.at) || (m.at === a.at && m.id > a.id) ? m : a),
        null,
      );
      const lastIsMms = last !== null && isMms(chat, last);
      addThread({
        _id: chat.id,
        date: last ? ms(last.at) : ms(chat.createdAt),
        message_count: msgs.length,
        recipient_ids: recipientIds,
        snippet: last && !lastIsMms ? last.text : null,
        snippet_cs: lastIsMms ? PDU_HEADERS.charsetUtf8 : 0,
        read: msgs.every((m) => m.read) ? 1 : 0,
        archived: 0,
        type: others.length > 1 ? 1 : 0,
        error: 0,
        has_attachment: msgs.some((m) => m.attachment !== null) ? 1 : 0,
      });
    }

    for (const m of d.messages) {
      if (m.app !== 'native') continue;
      const chat = ctx.chats.get(m.chatId)!;
      const incoming = m.direction === 'incoming';
      const t = ms(m.at);
      if (!isMms(chat, m)) {
        addSms({
          _id: m.id,
          thread_id: chat.id,
          address: chat.peer,
          person: null,
          date: t,
          // The SMSC time stamp has whole seconds; a sent SMS has none.
          date_sent: incoming ? Math.floor(t / 1000) * 1000 : 0,
          protocol: incoming ? 0 : null,
          read: m.read ? 1 : 0,
          status: -1,
          type: incoming ? 1 : 2,
          reply_path_present: incoming ? 0 : null,
          subject: null,
          body: m.text,
          service_center: null,
          locked: 0,
          sub_id: 1,
          error_code: 0,
          creator: ctx.smsApp,
          seen: 1,
        });
        continue;
      }
      // MMS: a pdu row, its parts (SMIL, text, attachment) and its addresses.
      const seconds = Math.floor(t / 1000);
      const textBytes = m.text === null ? 0 : Buffer.byteLength(m.text, 'utf8');
      const smil = smilFor(m);
      addPdu({
        _id: m.id,
        thread_id: chat.id,
        date: seconds,
        date_sent: incoming ? seconds : 0,
        msg_box: incoming ? 1 : 2,
        read: m.read ? 1 : 0,
        m_id: hex(`${d.id}/mms/${m.id}/m_id`, 24),
        sub: null,
        sub_cs: null,
        ct_t: 'application/vnd.wap.multipart.related',
        ct_l: null,
        exp: null,
        m_cls: 'personal',
        m_type: incoming ? PDU_HEADERS.retrieveConf : PDU_HEADERS.sendReq,
        v: PDU_HEADERS.version12,
        m_size: (m.attachment?.bytes ?? 0) + textBytes + Buffer.byteLength(smil, 'utf8'),
        pri: PDU_HEADERS.priorityNormal,
        rr: PDU_HEADERS.no,
        rpt_a: null,
        resp_st: incoming ? null : PDU_HEADERS.responseOk,
        st: null,
        tr_id: `T${hex(`${d.id}/mms/${m.id}/tr_id`, 11).toLowerCase()}`,
        retr_st: null,
        retr_txt: null,
        retr_txt_cs: null,
        read_status: null,
        ct_cls: null,
        resp_txt: null,
        d_tm: null,
        d_rpt: PDU_HEADERS.no,
        locked: 0,
        sub_id: 1,
        seen: 1,
        creator: ctx.smsApp,
        text_only: m.attachment === null ? 1 : 0,
      });
      addPart({
        mid: m.id,
        seq: -1,
        ct: 'application/smil',
        name: 'smil.xml',
        chset: null,
        cid: '<smil>',
        cl: 'smil.xml',
        text: smil,
      });
      if (m.text !== null) {
        addPart({
          mid: m.id,
          seq: 0,
          ct: 'text/plain',
          name: 'text_0.txt',
          chset: PDU_HEADERS.charsetUtf8,
          cid: '<text_0>',
          cl: 'text_0.txt',
          text: m.text,
        });
      }
      if (m.attachment !== null) {
        const a = m.attachment;
        addPart({
          mid: m.id,
          seq: 0,
          ct: a.mimeType,
          name: a.fileName,
          chset: null,
          cid: `<${a.fileName}>`,
          cl: a.fileName,
          _data: `/data/user/0/com.android.providers.telephony/app_parts/PART_${t}_${a.fileName}`,
          text: null,
        });
      }
      const members = chat.kind === 'direct' ? [chat.peer!, ...ctx.owner] : chat.members;
      const from = incoming ? m.sender : 'insert-address-token';
      addAddr({
        msg_id: m.id,
        address: from,
        type: PDU_HEADERS.addrFrom,
        charset: PDU_HEADERS.charsetUtf8,
      });
      const to = incoming
        ? members.filter((n) => n !== m.sender && (!ctx.owner.has(n) || n === ctx.ownNumber))
        : members.filter((n) => !ctx.owner.has(n));
      if (incoming && !to.some((n) => ctx.owner.has(n)) && ctx.ownNumber) to.push(ctx.ownNumber);
      for (const n of to) {
        addAddr({
          msg_id: m.id,
          address: n,
          type: PDU_HEADERS.addrTo,
          charset: PDU_HEADERS.charsetUtf8,
        });
      }
    }
  });
}

function smilFor(m: DeviceMessage): string {
  const media = m.attachment;
  let element = '';
  if (media) {
    const tag = media.mimeType.startsWith('image/')
      ? 'img'
      : media.mimeType.startsWith('video/')
        ? 'video'
        : media.mimeType.startsWith('audio/')
          ? 'audio'
          : 'ref';
    const region = tag === 'img' || tag === 'video' ? ' region="Image"' : '';
    element += `<${tag} src="${xmlEscape(media.fileName)}"${region}/>`;
  }
  if (m.text !== null) element += '<text src="text_0.txt" region="Text"/>';
  return (
    '<smil><head><layout><root-layout width="320px" height="480px"/>' +
    '<region id="Image" left="0" top="0" width="320px" height="320px" fit="meet"/>' +
    '<region id="Text" left="0" top="320" width="320px" height="160px" fit="meet"/>' +
    `</layout></head><body><par dur="5000ms">${element}</par></body></smil>`
  );
}

function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------
// contacts2.db — AOSP ContactsProvider, ContactsDatabaseHelper (Q, version 1400)

const CONTACTS2_DDL = `
CREATE TABLE properties (property_key TEXT PRIMARY KEY, property_value TEXT);
CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, account_name TEXT,
  account_type TEXT, data_set TEXT);
CREATE TABLE contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name_raw_contact_id INTEGER REFERENCES raw_contacts(_id),
  photo_id INTEGER REFERENCES data(_id), photo_file_id INTEGER REFERENCES photo_files(_id),
  custom_ringtone TEXT, send_to_voicemail INTEGER NOT NULL DEFAULT 0,
  x_times_contacted INTEGER NOT NULL DEFAULT 0, x_last_time_contacted INTEGER,
  times_contacted INTEGER NOT NULL DEFAULT 0, last_time_contacted INTEGER,
  starred INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0,
  has_phone_number INTEGER NOT NULL DEFAULT 0, lookup TEXT,
  status_update_id INTEGER REFERENCES data(_id), contact_last_updated_timestamp INTEGER);
CREATE INDEX contacts_has_phone_index ON contacts (has_phone_number);
CREATE INDEX contacts_name_raw_contact_id_index ON contacts (name_raw_contact_id);
CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER REFERENCES accounts(_id), sourceid TEXT, backup_id TEXT,
  raw_contact_is_read_only INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1,
  dirty INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
  metadata_dirty INTEGER NOT NULL DEFAULT 0, contact_id INTEGER REFERENCES contacts(_id),
  aggregation_mode INTEGER NOT NULL DEFAULT 0, aggregation_needed INTEGER NOT NULL DEFAULT 1,
  custom_ringtone TEXT, send_to_voicemail INTEGER NOT NULL DEFAULT 0,
  x_times_contacted INTEGER NOT NULL DEFAULT 0, x_last_time_contacted INTEGER,
  times_contacted INTEGER NOT NULL DEFAULT 0, last_time_contacted INTEGER,
  starred INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0, display_name TEXT,
  display_name_alt TEXT, display_name_source INTEGER NOT NULL DEFAULT 0, phonetic_name TEXT,
  phonetic_name_style TEXT, sort_key TEXT, phonebook_label TEXT, phonebook_bucket INTEGER,
  sort_key_alt TEXT, phonebook_label_alt TEXT, phonebook_bucket_alt INTEGER,
  name_verified INTEGER NOT NULL DEFAULT 0, sync1 TEXT, sync2 TEXT, sync3 TEXT, sync4 TEXT);
CREATE INDEX raw_contacts_contact_id_index ON raw_contacts (contact_id);
CREATE INDEX raw_contacts_source_id_account_id_index ON raw_contacts (sourceid, account_id);
CREATE TABLE photo_files (_id INTEGER PRIMARY KEY AUTOINCREMENT, height INTEGER NOT NULL,
  width INTEGER NOT NULL, filesize INTEGER NOT NULL);
CREATE TABLE packages (_id INTEGER PRIMARY KEY AUTOINCREMENT, package TEXT NOT NULL);
CREATE TABLE mimetypes (_id INTEGER PRIMARY KEY AUTOINCREMENT, mimetype TEXT NOT NULL);
CREATE UNIQUE INDEX mime_type ON mimetypes (mimetype);
CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT,
  package_id INTEGER REFERENCES package(_id),
  mimetype_id INTEGER REFERENCES mimetype(_id) NOT NULL,
  raw_contact_id INTEGER REFERENCES raw_contacts(_id) NOT NULL, hash_id TEXT,
  is_read_only INTEGER NOT NULL DEFAULT 0, is_primary INTEGER NOT NULL DEFAULT 0,
  is_super_primary INTEGER NOT NULL DEFAULT 0, data_version INTEGER NOT NULL DEFAULT 0,
  data1 TEXT, data2 TEXT, data3 TEXT, data4 TEXT, data5 TEXT, data6 TEXT, data7 TEXT, data8 TEXT,
  data9 TEXT, data10 TEXT, data11 TEXT, data12 TEXT, data13 TEXT, data14 TEXT, data15 TEXT,
  data_sync1 TEXT, data_sync2 TEXT, data_sync3 TEXT, data_sync4 TEXT,
  carrier_presence INTEGER NOT NULL DEFAULT 0, preferred_phone_account_component_name TEXT,
  preferred_phone_account_id TEXT);
CREATE INDEX data_raw_contact_id ON data (raw_contact_id);
CREATE INDEX data_mimetype_data1_index ON data (mimetype_id, data1);
CREATE TABLE phone_lookup (data_id INTEGER REFERENCES data(_id) NOT NULL,
  raw_contact_id INTEGER REFERENCES raw_contacts(_id) NOT NULL, normalized_number TEXT NOT NULL,
  min_match TEXT NOT NULL);
CREATE INDEX phone_lookup_index ON phone_lookup (normalized_number, raw_contact_id, data_id);
CREATE INDEX phone_lookup_min_match_index ON phone_lookup (min_match, raw_contact_id, data_id);
`;

const MIMETYPES = [
  'vnd.android.cursor.item/email_v2',
  'vnd.android.cursor.item/im',
  'vnd.android.cursor.item/nickname',
  'vnd.android.cursor.item/organization',
  'vnd.android.cursor.item/phone_v2',
  'vnd.android.cursor.item/sip_address',
  'vnd.android.cursor.item/name',
  'vnd.android.cursor.item/postal-address_v2',
  'vnd.android.cursor.item/identity',
  'vnd.android.cursor.item/photo',
  'vnd.android.cursor.item/group_membership',
] as const;

/** A local contact's lookup key: `0r<raw contact id>-<name key>`. */
function lookupKey(d: DeviceExtraction, c: DeviceContact): string {
  return `0r${c.id}-${hex(`${d.id}/lookup/${c.displayName}`, 16)}`;
}

/** DisplayNameSources.STRUCTURED_NAME */
const DISPLAY_NAME_SOURCE_STRUCTURED_NAME = 40;
/** Email.TYPE_OTHER: the model has no e-mail label. */
const EMAIL_TYPE_OTHER = 3;

function phonebookLabel(name: string): { label: string; bucket: number } {
  const first = name.normalize('NFD').charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first)
    ? { label: first, bucket: first.charCodeAt(0) - 64 }
    : { label: '#', bucket: 27 };
}

function writeContacts2(path: string, ctx: Context): void {
  const { d } = ctx;
  const db = openFresh(path, 1400, ctx.locale);
  try {
    db.transaction(() => {
      db.exec(CONTACTS2_DDL);
      db.prepare('INSERT INTO properties (property_key, property_value) VALUES (?, ?)').run(
        'database_time_created',
        String(ctx.extractedMs),
      );
      // The phone-local account: name, type and data set all NULL.
      const localAccount = Number(
        db
          .prepare(
            'INSERT INTO accounts (account_name, account_type, data_set) VALUES (NULL, NULL, NULL)',
          )
          .run().lastInsertRowid,
      );
      const mimeId = new Map<string, number>();
      const addMime = db.prepare('INSERT INTO mimetypes (mimetype) VALUES (?)');
      for (const mt of MIMETYPES) mimeId.set(mt, Number(addMime.run(mt).lastInsertRowid));
      const mime = (mt: (typeof MIMETYPES)[number]) => mimeId.get(mt)!;

      const addRaw = inserter(db, 'raw_contacts', [
        '_id',
        'account_id',
        'sourceid',
        'backup_id',
        'raw_contact_is_read_only',
        'version',
        'dirty',
        'deleted',
        'metadata_dirty',
        'contact_id',
        'aggregation_mode',
        'aggregation_needed',
        'custom_ringtone',
        'send_to_voicemail',
        'x_times_contacted',
        'x_last_time_contacted',
        'times_contacted',
        'last_time_contacted',
        'starred',
        'pinned',
        'display_name',
        'display_name_alt',
        'display_name_source',
        'phonetic_name',
        'phonetic_name_style',
        'sort_key',
        'phonebook_label',
        'phonebook_bucket',
        'sort_key_alt',
        'phonebook_label_alt',
        'phonebook_bucket_alt',
        'name_verified',
      ]);
      const addContact = inserter(db, 'contacts', [
        '_id',
        'name_raw_contact_id',
        'photo_id',
        'photo_file_id',
        'custom_ringtone',
        'send_to_voicemail',
        'x_times_contacted',
        'x_last_time_contacted',
        'times_contacted',
        'last_time_contacted',
        'starred',
        'pinned',
        'has_phone_number',
        'lookup',
        'status_update_id',
        'contact_last_updated_timestamp',
      ]);
      const addData = inserter(db, 'data', [
        'package_id',
        'mimetype_id',
        'raw_contact_id',
        'hash_id',
        'is_read_only',
        'is_primary',
        'is_super_primary',
        'data_version',
        'data1',
        'data2',
        'data3',
        'data4',
        'data5',
        'data10',
        'data11',
        'carrier_presence',
      ]);
      const addLookup = inserter(db, 'phone_lookup', [
        'data_id',
        'raw_contact_id',
        'normalized_number',
        'min_match',
      ]);

      for (const c of d.contacts) {
        if (c.app !== 'native') continue;
        const alt = c.givenName && c.familyName ? `${c.familyName}, ${c.givenName}` : c.displayName;
        const primary = phonebookLabel(c.displayName);
        const alternative = phonebookLabel(alt);
        addRaw({
          _id: c.id,
          account_id: localAccount,
          raw_contact_is_read_only: 0,
          version: 1,
          dirty: 0,
          deleted: 0,
          metadata_dirty: 0,
          contact_id: c.id,
          aggregation_mode: 0,
          aggregation_needed: 0,
          send_to_voicemail: 0,
          x_times_contacted: 0,
          times_contacted: 0,
          starred: 0,
          pinned: 0,
          display_name: c.displayName,
          display_name_alt: alt,
          display_name_source: DISPLAY_NAME_SOURCE_STRUCTURED_NAME,
          phonetic_name_style: '0',
          sort_key: c.displayName,
          phonebook_label: primary.label,
          phonebook_bucket: primary.bucket,
          sort_key_alt: alt,
          phonebook_label_alt: alternative.label,
          phonebook_bucket_alt: alternative.bucket,
          name_verified: 0,
        });
        addContact({
          _id: c.id,
          name_raw_contact_id: c.id,
          send_to_voicemail: 0,
          x_times_contacted: 0,
          times_contacted: 0,
          starred: 0,
          pinned: 0,
          has_phone_number: c.phones.length > 0 ? 1 : 0,
          lookup: lookupKey(d, c),
          contact_last_updated_timestamp: ctx.extractedMs,
        });
        const common = {
          raw_contact_id: c.id,
          is_read_only: 0,
          is_super_primary: 0,
          data_version: 0,
          carrier_presence: 0,
        };
        addData({
          ...common,
          mimetype_id: mime('vnd.android.cursor.item/name'),
          is_primary: 0,
          data1: c.displayName,
          data2: c.givenName,
          data3: c.familyName,
          data10: '0',
          data11: '0',
        });
        c.phones.forEach((p, i) => {
          const dataId = addData({
            ...common,
            mimetype_id: mime('vnd.android.cursor.item/phone_v2'),
            is_primary: c.phones.length > 1 && i === 0 ? 1 : 0,
            data1: typedNumber(ctx, p.number),
            data2: String(PHONE_TYPE[p.label]),
            data3: null,
            data4: p.number,
          });
          addLookup({
            data_id: dataId,
            raw_contact_id: c.id,
            normalized_number: p.number,
            min_match: minMatch(p.number),
          });
        });
        for (const email of c.emails) {
          addData({
            ...common,
            mimetype_id: mime('vnd.android.cursor.item/email_v2'),
            is_primary: 0,
            data1: email,
            data2: String(EMAIL_TYPE_OTHER),
          });
        }
      }
    })();
    // As on a phone, the sort keys use the Android-only PHONEBOOK collation. better-sqlite3
    // cannot register it, so the declaration is written into the schema afterwards; the stored
    // rows do not depend on it and no index uses it.
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const sql = (
      db
        .prepare("SELECT sql FROM sqlite_master WHERE type='table' AND name='raw_contacts'")
        .get() as {
        sql: string;
      }
    ).sql;
    db.prepare("UPDATE sqlite_master SET sql = ? WHERE type='table' AND name='raw_contacts'").run(
      sql
        .replace('sort_key TEXT,', 'sort_key TEXT COLLATE PHONEBOOK,')
        .replace('sort_key_alt TEXT,', 'sort_key_alt TEXT COLLATE PHONEBOOK,'),
    );
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// calllog.db — AOSP ContactsProvider, CallLogDatabaseHelper (Android 12 columns)

const CALLLOG_DDL = `
CREATE TABLE properties (property_key TEXT PRIMARY KEY, property_value TEXT);
CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT,
  presentation INTEGER NOT NULL DEFAULT 1, post_dial_digits TEXT NOT NULL DEFAULT '',
  via_number TEXT NOT NULL DEFAULT '', date INTEGER, duration INTEGER, data_usage INTEGER,
  type INTEGER, features INTEGER NOT NULL DEFAULT 0, subscription_component_name TEXT,
  subscription_id TEXT, phone_account_address TEXT,
  phone_account_hidden INTEGER NOT NULL DEFAULT 0, sub_id INTEGER DEFAULT -1, new INTEGER,
  name TEXT, numbertype INTEGER, numberlabel TEXT, countryiso TEXT, voicemail_uri TEXT,
  is_read INTEGER, geocoded_location TEXT, lookup_uri TEXT, matched_number TEXT,
  normalized_number TEXT, photo_id INTEGER NOT NULL DEFAULT 0, photo_uri TEXT,
  formatted_number TEXT, add_for_all_users INTEGER NOT NULL DEFAULT 1,
  last_modified INTEGER DEFAULT 0, call_screening_component_name TEXT,
  call_screening_app_name TEXT, block_reason INTEGER NOT NULL DEFAULT 0,
  missed_reason INTEGER NOT NULL DEFAULT 0, priority INTEGER NOT NULL DEFAULT 0, subject TEXT,
  location TEXT, composer_photo_uri TEXT, _data TEXT, has_content INTEGER, mime_type TEXT,
  source_data TEXT, source_package TEXT, transcription TEXT,
  transcription_state INTEGER NOT NULL DEFAULT 0, state INTEGER,
  dirty INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
  backed_up INTEGER NOT NULL DEFAULT 0, restored INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0, is_omtp_voicemail INTEGER NOT NULL DEFAULT 0);
CREATE TABLE voicemail_status (_id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_package TEXT NOT NULL, phone_account_component_name TEXT, phone_account_id TEXT,
  settings_uri TEXT, voicemail_access_uri TEXT, configuration_state INTEGER,
  data_channel_state INTEGER, notification_channel_state INTEGER,
  quota_occupied INTEGER DEFAULT -1, quota_total INTEGER DEFAULT -1, source_type TEXT);
`;

const CALL_TYPE: Record<DeviceCall['direction'], number> = { incoming: 1, outgoing: 2, missed: 3 };

function writeCallLog(path: string, ctx: Context): void {
  const { d } = ctx;
  build(path, 10, ctx.locale, (db) => {
    db.exec(CALLLOG_DDL);
    const add = inserter(db, 'calls', [
      '_id',
      'number',
      'presentation',
      'post_dial_digits',
      'via_number',
      'date',
      'duration',
      'data_usage',
      'type',
      'features',
      'subscription_component_name',
      'subscription_id',
      'phone_account_address',
      'phone_account_hidden',
      'sub_id',
      'new',
      'name',
      'numbertype',
      'numberlabel',
      'countryiso',
      'voicemail_uri',
      'is_read',
      'geocoded_location',
      'lookup_uri',
      'matched_number',
      'normalized_number',
      'photo_id',
      'photo_uri',
      'formatted_number',
      'add_for_all_users',
      'last_modified',
      'block_reason',
      'missed_reason',
      'priority',
    ]);
    for (const c of d.calls) {
      if (c.app !== 'native') continue;
      const t = ms(c.at);
      const known = ctx.nativeByNumber.get(c.number);
      const missed = c.direction === 'missed';
      add({
        _id: c.id,
        // Incoming caller ID arrives in international form; an outgoing call is stored as dialled.
        number: c.direction === 'outgoing' ? dialledNumber(ctx, c.number) : c.number,
        presentation: 1,
        post_dial_digits: '',
        via_number: '',
        date: t,
        duration: c.durationSeconds,
        data_usage: null,
        type: CALL_TYPE[c.direction],
        features: c.video ? 1 : 0,
        subscription_component_name:
          'com.android.phone/com.android.services.telephony.TelephonyConnectionService',
        subscription_id: null,
        phone_account_address: '',
        phone_account_hidden: 0,
        sub_id: 1,
        new: missed ? 1 : 0,
        name: known ? known.contact.displayName : null,
        numbertype: known ? PHONE_TYPE[known.label] : null,
        numberlabel: null,
        countryiso: d.simCountry.toUpperCase(),
        is_read: missed ? 0 : 1,
        geocoded_location: countryName(ctx, c.number),
        lookup_uri: known
          ? `content://com.android.contacts/contacts/lookup/${lookupKey(d, known.contact)}/${known.contact.id}`
          : null,
        matched_number: known ? typedNumber(ctx, c.number) : null,
        normalized_number: c.number,
        photo_id: 0,
        formatted_number: typedNumber(ctx, c.number),
        add_for_all_users: 1,
        last_modified: t + c.durationSeconds * 1000,
        block_reason: 0,
        missed_reason: 0,
        priority: 0,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// msgstore.db (current) — WhatsApp 2.22/2.23 schema

const MSGSTORE_CURRENT_DDL = `
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
CREATE TABLE jid (_id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL,
  agent INTEGER, device INTEGER, type INTEGER, raw_string TEXT);
CREATE TABLE jid_map (lid_row_id INTEGER PRIMARY KEY NOT NULL, jid_row_id INTEGER NOT NULL,
  sort_id INTEGER);
CREATE TABLE chat (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER UNIQUE,
  hidden INTEGER, subject TEXT, created_timestamp INTEGER, display_message_row_id INTEGER,
  last_message_row_id INTEGER, last_read_message_row_id INTEGER,
  last_read_receipt_sent_message_row_id INTEGER, last_important_message_row_id INTEGER,
  archived INTEGER, sort_timestamp INTEGER, mod_tag INTEGER, gen REAL, spam_detection INTEGER,
  unseen_earliest_message_received_time INTEGER, unseen_message_count INTEGER,
  unseen_missed_calls_count INTEGER, unseen_row_count INTEGER, plaintext_disabled INTEGER,
  vcard_ui_dismissed INTEGER, change_number_notified_message_row_id INTEGER,
  show_group_description INTEGER, ephemeral_expiration INTEGER,
  last_read_ephemeral_message_row_id INTEGER, ephemeral_setting_timestamp INTEGER,
  unseen_important_message_count INTEGER NOT NULL DEFAULT 0,
  ephemeral_disappearing_messages_initiator INTEGER, group_type INTEGER NOT NULL DEFAULT 0,
  last_message_reaction_row_id INTEGER, last_seen_message_reaction_row_id INTEGER,
  unseen_message_reaction_count INTEGER, growth_lock_level INTEGER,
  growth_lock_expiration_ts INTEGER, last_read_message_sort_id INTEGER,
  display_message_sort_id INTEGER, last_message_sort_id INTEGER,
  last_read_receipt_sent_message_sort_id INTEGER,
  has_new_community_admin_dialog_been_acknowledged INTEGER NOT NULL DEFAULT 0,
  history_sync_progress INTEGER, ephemeral_displayed_exemptions INTEGER, chat_lock INTEGER);
CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL,
  from_me INTEGER NOT NULL, key_id TEXT NOT NULL, sender_jid_row_id INTEGER, status INTEGER,
  broadcast INTEGER, recipient_count INTEGER, participant_hash TEXT, origination_flags INTEGER,
  origin INTEGER, timestamp INTEGER, received_timestamp INTEGER,
  receipt_server_timestamp INTEGER, message_type INTEGER, text_data TEXT, starred INTEGER,
  lookup_tables INTEGER, sort_id INTEGER NOT NULL DEFAULT 0, message_add_on_flags INTEGER,
  view_mode INTEGER);
CREATE TABLE message_media (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER,
  autotransfer_retry_enabled INTEGER, multicast_id TEXT, media_job_uuid TEXT,
  transferred INTEGER, transcoded INTEGER, file_path TEXT, file_size INTEGER,
  suspicious_content INTEGER, trim_from INTEGER, trim_to INTEGER, face_x INTEGER, face_y INTEGER,
  media_key BLOB, media_key_timestamp INTEGER, width INTEGER, height INTEGER,
  has_streaming_sidecar INTEGER, gif_attribution INTEGER, thumbnail_height_width_ratio REAL,
  direct_path TEXT, first_scan_sidecar BLOB, first_scan_length INTEGER, message_url TEXT,
  mime_type TEXT, file_length INTEGER, media_name TEXT, file_hash TEXT, media_duration INTEGER,
  page_count INTEGER, enc_file_hash TEXT, partial_media_hash TEXT, partial_media_enc_hash TEXT,
  is_animated_sticker INTEGER, original_file_hash TEXT, mute_video INTEGER DEFAULT 0,
  media_caption TEXT, media_upload_handle TEXT);
CREATE TABLE message_location (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER,
  latitude REAL, longitude REAL, place_name TEXT, place_address TEXT, url TEXT,
  live_location_share_duration INTEGER, live_location_sequence_number INTEGER,
  live_location_final_latitude REAL, live_location_final_longitude REAL,
  live_location_final_timestamp INTEGER, map_download_status INTEGER);
CREATE TABLE message_quoted (message_row_id INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_row_id INTEGER NOT NULL, parent_message_chat_row_id INTEGER NOT NULL,
  from_me INTEGER NOT NULL, sender_jid_row_id INTEGER, key_id TEXT NOT NULL, timestamp INTEGER,
  message_type INTEGER, origin INTEGER, text_data TEXT, payment_transaction_id TEXT,
  lookup_tables INTEGER);
CREATE TABLE message_system (message_row_id INTEGER PRIMARY KEY, action_type INTEGER NOT NULL);
CREATE TABLE message_revoked (message_row_id INTEGER PRIMARY KEY, revoked_key_id TEXT NOT NULL,
  admin_jid_row_id INTEGER, revoke_timestamp INTEGER);
CREATE TABLE message_forwarded (message_row_id INTEGER PRIMARY KEY, forward_score INTEGER);
CREATE TABLE message_vcard (_id INTEGER PRIMARY KEY AUTOINCREMENT, message_row_id INTEGER,
  vcard TEXT);
CREATE TABLE group_participant_user (_id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_jid_row_id INTEGER NOT NULL, user_jid_row_id INTEGER NOT NULL, rank INTEGER,
  pending INTEGER);
CREATE UNIQUE INDEX group_participant_user_index ON group_participant_user (group_jid_row_id,
  user_jid_row_id);
CREATE TABLE call_log (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER,
  from_me INTEGER, call_id TEXT, transaction_id INTEGER, timestamp INTEGER, video_call INTEGER,
  duration INTEGER, call_result INTEGER, bytes_transferred INTEGER,
  group_jid_row_id INTEGER NOT NULL DEFAULT 0, is_joinable_group_call INTEGER,
  call_creator_device_jid_row_id INTEGER NOT NULL DEFAULT 0, call_random_id TEXT,
  call_link_row_id INTEGER NOT NULL DEFAULT 0, is_dnd_mode_on INTEGER, call_type INTEGER,
  offer_silence_reason INTEGER, scheduled_id TEXT);
`;

const WA = {
  user: 's.whatsapp.net',
  group: 'g.us',
  statusReceived: 0,
  statusDelivered: 5,
  statusRead: 13,
  callConnected: 5,
  callMissed: 2,
  rankMember: 0,
  rankCreator: 2,
} as const;

function waMessageType(mime: string): number {
  if (mime.startsWith('image/')) return 1;
  if (mime.startsWith('audio/')) return 2;
  if (mime.startsWith('video/')) return 3;
  return 9;
}

/** Where WhatsApp keeps a media file, relative to its WhatsApp folder (as in file_path). */
function waMediaPath(fileName: string, mime: string, outgoing: boolean): string {
  const folder = mime.startsWith('image/')
    ? 'WhatsApp Images'
    : mime.startsWith('video/')
      ? 'WhatsApp Video'
      : mime.startsWith('audio/')
        ? 'WhatsApp Audio'
        : 'WhatsApp Documents';
  return `Media/${folder}/${outgoing ? 'Sent/' : ''}${fileName}`;
}

function groupJidUser(chat: DeviceChat): string {
  return `${digits(chat.creator!)}-${Math.floor(ms(chat.createdAt) / 1000)}`;
}

function chatJid(chat: DeviceChat): string {
  return chat.kind === 'group'
    ? `${groupJidUser(chat)}@${WA.group}`
    : `${digits(chat.peer!)}@${WA.user}`;
}

function lastOf(msgs: DeviceMessage[]): DeviceMessage | null {
  return msgs.length === 0 ? null : [...msgs].sort(byId)[msgs.length - 1]!;
}

function writeMsgstoreCurrent(path: string, ctx: Context): void {
  const { d } = ctx;
  const ownerUser = ctx.whatsapp!.ownerJidUser;
  build(path, 1, ctx.locale, (db) => {
    db.exec(MSGSTORE_CURRENT_DDL);
    const addJid = inserter(db, 'jid', ['user', 'server', 'agent', 'device', 'type', 'raw_string']);
    const jids = new Map<string, number>();
    const jid = (user: string, server: string) => {
      const raw = `${user}@${server}`;
      let id = jids.get(raw);
      if (id === undefined) {
        id = addJid({
          user,
          server,
          agent: 0,
          device: 0,
          type: server === WA.group ? 1 : 0,
          raw_string: raw,
        });
        jids.set(raw, id);
      }
      return id;
    };
    const userJid = (e164: E164) =>
      ctx.owner.has(e164) ? jid(ownerUser, WA.user) : jid(digits(e164), WA.user);

    // The owner first, then everyone in the order they appear.
    jid(ownerUser, WA.user);
    for (const c of d.contacts) if (c.app === 'whatsapp') userJid(c.phones[0]!.number);

    const addChat = inserter(db, 'chat', [
      '_id',
      'jid_row_id',
      'hidden',
      'subject',
      'created_timestamp',
      'display_message_row_id',
      'last_message_row_id',
      'last_read_message_row_id',
      'last_read_receipt_sent_message_row_id',
      'archived',
      'sort_timestamp',
      'mod_tag',
      'gen',
      'spam_detection',
      'unseen_earliest_message_received_time',
      'unseen_message_count',
      'unseen_missed_calls_count',
      'unseen_row_count',
      'plaintext_disabled',
      'vcard_ui_dismissed',
      'show_group_description',
      'ephemeral_expiration',
      'unseen_important_message_count',
      'group_type',
      'last_read_message_sort_id',
      'display_message_sort_id',
      'last_message_sort_id',
      'last_read_receipt_sent_message_sort_id',
      'has_new_community_admin_dialog_been_acknowledged',
    ]);
    const addParticipant = inserter(db, 'group_participant_user', [
      'group_jid_row_id',
      'user_jid_row_id',
      'rank',
      'pending',
    ]);
    const chatJidRow = new Map<number, number>();
    for (const chat of d.chats) {
      if (chat.app !== 'whatsapp') continue;
      const jidRow =
        chat.kind === 'group' ? jid(groupJidUser(chat), WA.group) : userJid(chat.peer!);
      chatJidRow.set(chat.id, jidRow);
      const msgs = ctx.messagesByChat.get(chat.id) ?? [];
      const last = lastOf(msgs);
      const { lastRead, unseen } = readWatermark(msgs);
      const firstUnseen = [...msgs]
        .sort(byId)
        .find((m) => m.direction === 'incoming' && (lastRead === null || m.id > lastRead));
      addChat({
        _id: chat.id,
        jid_row_id: jidRow,
        hidden: 0,
        subject: chat.kind === 'group' ? chat.subject : null,
        created_timestamp: ms(chat.createdAt),
        display_message_row_id: last?.id ?? null,
        last_message_row_id: last?.id ?? null,
        last_read_message_row_id: lastRead,
        last_read_receipt_sent_message_row_id: lastRead,
        archived: 0,
        sort_timestamp: last ? ms(last.at) : ms(chat.createdAt),
        mod_tag: 0,
        gen: 0,
        spam_detection: 1,
        unseen_earliest_message_received_time: firstUnseen ? ms(firstUnseen.at) : 0,
        unseen_message_count: unseen,
        unseen_missed_calls_count: 0,
        unseen_row_count: unseen,
        plaintext_disabled: 1,
        vcard_ui_dismissed: 0,
        show_group_description: 0,
        ephemeral_expiration: 0,
        unseen_important_message_count: 0,
        group_type: 0,
        last_read_message_sort_id: lastRead,
        display_message_sort_id: last?.id ?? null,
        last_message_sort_id: last?.id ?? null,
        last_read_receipt_sent_message_sort_id: lastRead,
        has_new_community_admin_dialog_been_acknowledged: 0,
      });
      if (chat.kind === 'group') {
        // Every number of the owner is the one owner JID: list it once.
        const seen = new Set<number>();
        for (const member of chat.members) {
          const userRow = userJid(member);
          if (seen.has(userRow)) continue;
          seen.add(userRow);
          addParticipant({
            group_jid_row_id: jidRow,
            user_jid_row_id: userRow,
            rank: member === chat.creator ? WA.rankCreator : WA.rankMember,
            pending: 0,
          });
        }
      }
    }

    const addMessage = inserter(db, 'message', [
      '_id',
      'chat_row_id',
      'from_me',
      'key_id',
      'sender_jid_row_id',
      'status',
      'broadcast',
      'recipient_count',
      'participant_hash',
      'origination_flags',
      'origin',
      'timestamp',
      'received_timestamp',
      'receipt_server_timestamp',
      'message_type',
      'text_data',
      'starred',
      'lookup_tables',
      'sort_id',
      'message_add_on_flags',
    ]);
    const addMedia = inserter(db, 'message_media', [
      'message_row_id',
      'chat_row_id',
      'autotransfer_retry_enabled',
      'transferred',
      'transcoded',
      'file_path',
      'file_size',
      'suspicious_content',
      'trim_from',
      'trim_to',
      'face_x',
      'face_y',
      'media_key_timestamp',
      'width',
      'height',
      'has_streaming_sidecar',
      'gif_attribution',
      'thumbnail_height_width_ratio',
      'first_scan_length',
      'mime_type',
      'file_length',
      'media_name',
      'media_duration',
      'page_count',
      'is_animated_sticker',
      'mute_video',
    ]);
    for (const m of d.messages) {
      if (m.app !== 'whatsapp') continue;
      const chat = ctx.chats.get(m.chatId)!;
      const outgoing = m.direction === 'outgoing';
      const t = ms(m.at);
      const a = m.attachment;
      addMessage({
        _id: m.id,
        chat_row_id: chat.id,
        from_me: outgoing ? 1 : 0,
        key_id: hex(`${d.id}/wa/${m.id}`, 32),
        sender_jid_row_id: chat.kind === 'group' && !outgoing ? userJid(m.sender) : 0,
        status: outgoing ? (m.read ? WA.statusRead : WA.statusDelivered) : WA.statusReceived,
        broadcast: 0,
        recipient_count: chat.kind === 'group' ? Math.max(chat.members.length - 1, 0) : 0,
        participant_hash: null,
        origination_flags: 0,
        origin: 0,
        timestamp: t,
        received_timestamp: t,
        receipt_server_timestamp: -1,
        message_type: a ? waMessageType(a.mimeType) : 0,
        text_data: m.text,
        starred: 0,
        lookup_tables: 0,
        sort_id: m.id,
        message_add_on_flags: 0,
      });
      if (a) {
        addMedia({
          message_row_id: m.id,
          chat_row_id: chat.id,
          autotransfer_retry_enabled: 0,
          transferred: 1,
          transcoded: 0,
          file_path: waMediaPath(a.fileName, a.mimeType, outgoing),
          file_size: a.bytes,
          suspicious_content: 0,
          trim_from: 0,
          trim_to: 0,
          face_x: 0,
          face_y: 0,
          media_key_timestamp: Math.floor(t / 1000) * 1000,
          width: 0,
          height: 0,
          has_streaming_sidecar: 0,
          gif_attribution: 0,
          thumbnail_height_width_ratio: 0,
          first_scan_length: 0,
          mime_type: a.mimeType,
          file_length: a.bytes,
          media_name: a.fileName,
          media_duration: 0,
          page_count: 0,
          is_animated_sticker: 0,
          mute_video: 0,
        });
      }
    }

    const addCall = inserter(db, 'call_log', [
      '_id',
      'jid_row_id',
      'from_me',
      'call_id',
      'transaction_id',
      'timestamp',
      'video_call',
      'duration',
      'call_result',
      'bytes_transferred',
      'group_jid_row_id',
      'is_joinable_group_call',
      'call_creator_device_jid_row_id',
      'call_link_row_id',
      'is_dnd_mode_on',
      'call_type',
    ]);
    for (const c of d.calls) {
      if (c.app !== 'whatsapp') continue;
      const connected =
        c.direction === 'incoming' || (c.direction === 'outgoing' && c.durationSeconds > 0);
      addCall({
        _id: c.id,
        jid_row_id: userJid(c.number),
        from_me: c.direction === 'outgoing' ? 1 : 0,
        call_id: hex(`${d.id}/wa-call/${c.id}`, 32),
        transaction_id: int31(`${d.id}/wa-call/${c.id}/tx`),
        timestamp: ms(c.at),
        video_call: c.video ? 1 : 0,
        duration: c.durationSeconds,
        call_result: connected ? WA.callConnected : WA.callMissed,
        bytes_transferred: c.durationSeconds * (c.video ? 60_000 : 6_000),
        group_jid_row_id: 0,
        is_joinable_group_call: 0,
        call_creator_device_jid_row_id: 0,
        call_link_row_id: 0,
        is_dnd_mode_on: 0,
        call_type: 0,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// msgstore.db (legacy) — the single `messages` table of WhatsApp before 2.21

const MSGSTORE_LEGACY_DDL = `
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL,
  key_from_me INTEGER, key_id TEXT NOT NULL, status INTEGER, needs_push INTEGER, data TEXT,
  timestamp INTEGER, media_url TEXT, media_mime_type TEXT, media_wa_type TEXT, media_size INTEGER,
  media_name TEXT, media_caption TEXT, media_hash TEXT, media_duration INTEGER, origin INTEGER,
  latitude REAL, longitude REAL, thumb_image TEXT, remote_resource TEXT,
  received_timestamp INTEGER, send_timestamp INTEGER, receipt_server_timestamp INTEGER,
  receipt_device_timestamp INTEGER, read_device_timestamp INTEGER,
  played_device_timestamp INTEGER, raw_data BLOB, recipient_count INTEGER,
  participant_hash TEXT, starred INTEGER, quoted_row_id INTEGER, mentioned_jids TEXT,
  multicast_id TEXT, edit_version INTEGER, media_enc_hash TEXT, payment_transaction_id TEXT,
  forwarded INTEGER, preview_type INTEGER, send_count INTEGER);
CREATE UNIQUE INDEX messages_key_index ON messages (key_remote_jid, key_from_me, key_id);
CREATE INDEX messages_jid_id_index ON messages (key_remote_jid, _id);
CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE,
  message_table_id INTEGER, subject TEXT, creation INTEGER, last_read_message_table_id INTEGER,
  last_read_receipt_sent_message_table_id INTEGER, archived INTEGER, sort_timestamp INTEGER,
  mod_tag INTEGER, gen REAL, my_messages INTEGER);
CREATE TABLE group_participants (_id INTEGER PRIMARY KEY AUTOINCREMENT, gjid TEXT NOT NULL,
  jid TEXT NOT NULL, admin INTEGER, pending INTEGER, sent_sender_key INTEGER);
`;

function writeMsgstoreLegacy(path: string, ctx: Context): void {
  const { d } = ctx;
  build(path, 1, ctx.locale, (db) => {
    db.exec(MSGSTORE_LEGACY_DDL);
    const addChat = inserter(db, 'chat_list', [
      '_id',
      'key_remote_jid',
      'message_table_id',
      'subject',
      'creation',
      'last_read_message_table_id',
      'last_read_receipt_sent_message_table_id',
      'archived',
      'sort_timestamp',
      'mod_tag',
      'gen',
      'my_messages',
    ]);
    const addParticipant = inserter(db, 'group_participants', [
      'gjid',
      'jid',
      'admin',
      'pending',
      'sent_sender_key',
    ]);
    const memberJid = (e164: E164) => (ctx.owner.has(e164) ? '' : `${digits(e164)}@${WA.user}`);
    for (const chat of d.chats) {
      if (chat.app !== 'whatsapp') continue;
      const msgs = ctx.messagesByChat.get(chat.id) ?? [];
      const last = lastOf(msgs);
      const { lastRead } = readWatermark(msgs);
      const remote = chatJid(chat);
      addChat({
        _id: chat.id,
        key_remote_jid: remote,
        message_table_id: last?.id ?? null,
        subject: chat.kind === 'group' ? chat.subject : null,
        creation: ms(chat.createdAt),
        last_read_message_table_id: lastRead,
        last_read_receipt_sent_message_table_id: lastRead,
        archived: 0,
        sort_timestamp: last ? ms(last.at) : ms(chat.createdAt),
        mod_tag: 0,
        gen: 0,
        my_messages: msgs.some((m) => m.direction === 'outgoing') ? 1 : 0,
      });
      if (chat.kind === 'group') {
        const seen = new Set<string>();
        for (const member of chat.members) {
          const jid = memberJid(member);
          if (seen.has(jid)) continue;
          seen.add(jid);
          addParticipant({
            gjid: remote,
            jid,
            admin: member === chat.creator ? WA.rankCreator : WA.rankMember,
            pending: 0,
            sent_sender_key: 0,
          });
        }
      }
    }
    const addMessage = inserter(db, 'messages', [
      '_id',
      'key_remote_jid',
      'key_from_me',
      'key_id',
      'status',
      'needs_push',
      'data',
      'timestamp',
      'media_url',
      'media_mime_type',
      'media_wa_type',
      'media_size',
      'media_name',
      'media_caption',
      'media_duration',
      'origin',
      'latitude',
      'longitude',
      'remote_resource',
      'received_timestamp',
      'send_timestamp',
      'receipt_server_timestamp',
      'receipt_device_timestamp',
      'recipient_count',
      'quoted_row_id',
      'edit_version',
      'forwarded',
      'preview_type',
      'send_count',
    ]);
    for (const m of d.messages) {
      if (m.app !== 'whatsapp') continue;
      const chat = ctx.chats.get(m.chatId)!;
      const outgoing = m.direction === 'outgoing';
      const t = ms(m.at);
      const a = m.attachment;
      addMessage({
        _id: m.id,
        key_remote_jid: chatJid(chat),
        key_from_me: outgoing ? 1 : 0,
        key_id: hex(`${d.id}/wa/${m.id}`, 32),
        status: outgoing ? (m.read ? WA.statusRead : WA.statusDelivered) : WA.statusReceived,
        needs_push: 0,
        data: a ? null : m.text,
        timestamp: t,
        media_url: null,
        media_mime_type: a?.mimeType ?? null,
        media_wa_type: String(a ? waMessageType(a.mimeType) : 0),
        media_size: a?.bytes ?? 0,
        media_name: a?.fileName ?? null,
        media_caption: a ? m.text : null,
        media_duration: 0,
        origin: 0,
        latitude: 0,
        longitude: 0,
        remote_resource:
          chat.kind === 'group' && !outgoing ? `${digits(m.sender)}@${WA.user}` : null,
        received_timestamp: t,
        send_timestamp: -1,
        receipt_server_timestamp: -1,
        receipt_device_timestamp: -1,
        recipient_count: chat.kind === 'group' ? Math.max(chat.members.length - 1, 0) : 0,
        quoted_row_id: 0,
        edit_version: 0,
        forwarded: 0,
        preview_type: 0,
        send_count: 0,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// wa.db — WhatsApp contacts

const WA_DB_DDL = `
CREATE TABLE wa_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid TEXT NOT NULL,
  is_whatsapp_user BOOLEAN NOT NULL, status TEXT, status_timestamp INTEGER, number TEXT,
  raw_contact_id INTEGER, display_name TEXT, phone_type INTEGER, phone_label TEXT,
  unseen_msg_count INTEGER, photo_ts INTEGER, thumb_ts INTEGER, photo_id_timestamp INTEGER,
  given_name TEXT, family_name TEXT, wa_name TEXT, sort_name TEXT, nickname TEXT, company TEXT,
  title TEXT, status_autodownload_disabled INTEGER, keep_timestamp INTEGER,
  is_spam_reported INTEGER, is_sidelist_synced BOOLEAN DEFAULT 0,
  is_business_synced BOOLEAN DEFAULT 0, disappearing_mode_duration INTEGER,
  disappearing_mode_timestamp LONG, history_sync_initial_phash TEXT, is_starred BOOLEAN);
`;

function writeWaDb(path: string, ctx: Context): void {
  const { d } = ctx;
  build(path, 1, ctx.locale, (db) => {
    db.exec(WA_DB_DDL);
    const add = inserter(db, 'wa_contacts', [
      '_id',
      'jid',
      'is_whatsapp_user',
      'status',
      'status_timestamp',
      'number',
      'raw_contact_id',
      'display_name',
      'phone_type',
      'phone_label',
      'unseen_msg_count',
      'photo_ts',
      'thumb_ts',
      'photo_id_timestamp',
      'given_name',
      'family_name',
      'wa_name',
      'sort_name',
      'is_sidelist_synced',
      'is_business_synced',
      'is_starred',
    ]);
    for (const c of d.contacts) {
      if (c.app !== 'whatsapp') continue;
      const phone = c.phones[0]!;
      const book = ctx.nativeByNumber.get(phone.number);
      add({
        _id: c.id,
        jid: `${digits(phone.number)}@${WA.user}`,
        is_whatsapp_user: 1,
        number: book ? typedNumber(ctx, phone.number) : null,
        raw_contact_id: book ? book.contact.id : null,
        display_name: book ? c.displayName : null,
        phone_type: book ? PHONE_TYPE[book.label] : null,
        unseen_msg_count: 0,
        photo_ts: 0,
        thumb_ts: 0,
        photo_id_timestamp: 0,
        given_name: book ? c.givenName : null,
        family_name: book ? c.familyName : null,
        wa_name: book ? null : c.displayName,
        sort_name: c.displayName,
        is_sidelist_synced: 0,
        is_business_synced: 0,
        is_starred: 0,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// shared_prefs/com.whatsapp_preferences_light.xml — the registered number

function writeWhatsappPrefs(path: string, account: DeviceAccount): void {
  const p = parsePhoneNumberFromString(account.identifier);
  if (!p) {
    throw new Error(`writeAndroid: WhatsApp account ${account.identifier} is not a phone number`);
  }
  const entries: [string, string][] = [
    ['cc', p.countryCallingCode],
    ['ph', p.nationalNumber],
    ['registration_jid', `${p.countryCallingCode}${p.nationalNumber}`],
  ];
  if (account.displayName) entries.push(['push_name', account.displayName]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = entries
    .map(([k, v]) => `    <string name="${xmlEscape(k)}">${xmlEscape(v)}</string>\n`)
    .join('');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${body}</map>\n`,
    'utf8',
  );
}

// ---------------------------------------------------------------------------------------------
// accounts_ce.db — AccountManager, CE database version 10

const ACCOUNTS_CE_DDL = `
CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
  type TEXT NOT NULL, password TEXT, previous_name TEXT,
  last_password_entry_time_millis_epoch INTEGER DEFAULT 0, UNIQUE(name,type));
CREATE TABLE authtokens (_id INTEGER PRIMARY KEY AUTOINCREMENT, accounts_id INTEGER NOT NULL,
  type TEXT NOT NULL, authtoken TEXT, UNIQUE (accounts_id,type));
CREATE TABLE extras (_id INTEGER PRIMARY KEY AUTOINCREMENT, accounts_id INTEGER,
  key TEXT NOT NULL, value TEXT, UNIQUE(accounts_id,key));
CREATE TRIGGER accountsDelete DELETE ON accounts BEGIN DELETE FROM authtokens WHERE
  accounts_id=OLD._id; DELETE FROM extras WHERE accounts_id=OLD._id; END;
`;

const ACCOUNT_TYPE: Record<Exclude<DeviceAccount['app'], 'whatsapp' | 'icloud'>, string> = {
  google: 'com.google',
  telegram: 'org.telegram.messenger',
  snapchat: 'com.snapchat.android',
};

function writeAccountsCe(path: string, ctx: Context): void {
  build(path, 10, ctx.locale, (db) => {
    db.exec(ACCOUNTS_CE_DDL);
    const add = inserter(db, 'accounts', [
      'name',
      'type',
      'password',
      'previous_name',
      'last_password_entry_time_millis_epoch',
    ]);
    for (const a of ctx.d.accounts) {
      if (a.app === 'whatsapp' || a.app === 'icloud') continue;
      add({
        name: a.identifier,
        type: ACCOUNT_TYPE[a.app],
        password: null,
        previous_name: null,
        last_password_entry_time_millis_epoch: 0,
      });
    }
  });
}
