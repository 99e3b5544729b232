import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ANDROID_PATHS, writeAndroid } from '../../src/scenario/devices/android.js';
import type { DeviceExtraction } from '../../src/scenario/devices/model.js';
import { richSampleDevice, sampleDevice } from '../../src/scenario/devices/sample.js';

const OWNER = '+31697000001';
const CONTROLLER = '+34600000101';
const DRIVER = '+31697000002';
const CLIENT = '+31697000003';

/** A legacy-schema phone: the old WhatsApp had no call log, so it has no WhatsApp calls. */
function legacyDevice(): DeviceExtraction {
  const d = richSampleDevice();
  d.whatsappSchema = 'legacy';
  d.calls = d.calls.filter((c) => c.app !== 'whatsapp');
  return d;
}

const ALL_FILES = Object.values(ANDROID_PATHS).sort();

/** Tables and the columns an importer (or ALEAPP) reads, per database. */
const SCHEMA: Record<string, Record<string, string[]>> = {
  [ANDROID_PATHS.mmssms]: {
    sms: [
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
    ],
    pdu: [
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
      'm_type',
    ],
    part: [
      '_id',
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
    ],
    addr: ['_id', 'msg_id', 'contact_id', 'address', 'type', 'charset'],
    threads: ['_id', 'date', 'message_count', 'recipient_ids', 'snippet', 'read', 'type'],
    canonical_addresses: ['_id', 'address'],
  },
  [ANDROID_PATHS.contacts2]: {
    raw_contacts: ['_id', 'account_id', 'contact_id', 'display_name', 'deleted', 'sort_key'],
    contacts: ['_id', 'name_raw_contact_id', 'has_phone_number', 'lookup'],
    data: [
      '_id',
      'mimetype_id',
      'raw_contact_id',
      'is_primary',
      'data1',
      'data2',
      'data3',
      'data4',
    ],
    mimetypes: ['_id', 'mimetype'],
  },
  [ANDROID_PATHS.calllog]: {
    calls: [
      '_id',
      'number',
      'date',
      'duration',
      'type',
      'new',
      'name',
      'countryiso',
      'geocoded_location',
      'normalized_number',
      'presentation',
      'features',
    ],
  },
  [ANDROID_PATHS.msgstore]: {
    jid: ['_id', 'user', 'server', 'agent', 'device', 'type', 'raw_string'],
    chat: ['_id', 'jid_row_id', 'subject', 'created_timestamp', 'last_read_message_row_id'],
    message: [
      '_id',
      'chat_row_id',
      'from_me',
      'key_id',
      'sender_jid_row_id',
      'timestamp',
      'received_timestamp',
      'message_type',
      'text_data',
      'status',
      'recipient_count',
    ],
    message_media: [
      'message_row_id',
      'chat_row_id',
      'file_path',
      'file_size',
      'mime_type',
      'media_name',
    ],
    call_log: [
      '_id',
      'jid_row_id',
      'from_me',
      'call_id',
      'timestamp',
      'video_call',
      'duration',
      'call_result',
    ],
    group_participant_user: ['group_jid_row_id', 'user_jid_row_id', 'rank'],
    jid_map: ['lid_row_id', 'jid_row_id'],
    message_location: ['message_row_id', 'latitude', 'longitude'],
  },
  [ANDROID_PATHS.wa]: {
    wa_contacts: [
      'jid',
      'is_whatsapp_user',
      'status',
      'number',
      'raw_contact_id',
      'display_name',
      'given_name',
      'family_name',
      'wa_name',
      'sort_name',
    ],
  },
  [ANDROID_PATHS.accountsCe]: {
    accounts: [
      '_id',
      'name',
      'type',
      'password',
      'previous_name',
      'last_password_entry_time_millis_epoch',
    ],
  },
};

function open(root: string, rel: string): Database.Database {
  return new Database(join(root, rel), { readonly: true, fileMustExist: true });
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function tablesOf(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('Android file-system extraction writer', () => {
  let root: string;
  let rich: string;
  let legacy: string;
  const device = richSampleDevice();
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'schakel-android-'));
    rich = join(root, 'rich');
    legacy = join(root, 'legacy');
    await writeAndroid(rich, device);
    await writeAndroid(legacy, legacyDevice());
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the sample as the real databases, with their tables and columns', async () => {
    const dir = join(root, 'sample');
    const files = await writeAndroid(dir, sampleDevice('android'));
    assert.deepEqual(files, ALL_FILES);
    for (const rel of files.filter((f) => f.endsWith('.db'))) {
      const db = open(dir, rel);
      try {
        const tables = tablesOf(db);
        assert.ok(tables.includes('android_metadata'), `${rel} has android_metadata`);
        for (const [table, columns] of Object.entries(SCHEMA[rel] ?? {})) {
          assert.ok(tables.includes(table), `${rel} has table ${table}`);
          const actual = columnsOf(db, table);
          for (const c of columns) assert.ok(actual.includes(c), `${rel} ${table}.${c}`);
        }
        assert.equal(db.pragma('journal_mode', { simple: true }), 'delete');
      } finally {
        db.close();
      }
      for (const leftover of ['-wal', '-shm', '-journal']) {
        assert.ok(!existsSync(join(dir, rel) + leftover), `no ${rel}${leftover}`);
      }
    }
  });

  it('lays every record down as exactly one row', () => {
    const native = <T extends { app: string }>(xs: T[]) => xs.filter((x) => x.app === 'native');
    const whatsapp = <T extends { app: string }>(xs: T[]) => xs.filter((x) => x.app === 'whatsapp');
    const mmssms = open(rich, ANDROID_PATHS.mmssms);
    const contacts2 = open(rich, ANDROID_PATHS.contacts2);
    const calllog = open(rich, ANDROID_PATHS.calllog);
    const msgstore = open(rich, ANDROID_PATHS.msgstore);
    const wa = open(rich, ANDROID_PATHS.wa);
    const accounts = open(rich, ANDROID_PATHS.accountsCe);
    try {
      assert.equal(count(mmssms, 'sms'), 2);
      assert.equal(count(mmssms, 'pdu'), 3);
      assert.equal(count(mmssms, 'sms') + count(mmssms, 'pdu'), native(device.messages).length);
      assert.equal(count(msgstore, 'message'), whatsapp(device.messages).length);
      assert.equal(count(contacts2, 'raw_contacts'), native(device.contacts).length);
      assert.equal(count(wa, 'wa_contacts'), whatsapp(device.contacts).length);
      assert.equal(count(calllog, 'calls') + count(msgstore, 'call_log'), device.calls.length);
      assert.equal(count(mmssms, 'threads') + count(msgstore, 'chat'), device.chats.length);
      // Every non-WhatsApp account is a row in accounts_ce.db; the WhatsApp one is the prefs file.
      assert.equal(count(accounts, 'accounts') + 1, device.accounts.length);
      assert.equal(count(msgstore, 'message_media'), 1);
    } finally {
      for (const db of [mmssms, contacts2, calllog, msgstore, wa, accounts]) db.close();
    }
  });

  it('reads back a WhatsApp message through chat and jid, with direction and time', () => {
    const db = open(rich, ANDROID_PATHS.msgstore);
    try {
      const row = db
        .prepare(
          `SELECT m.text_data, m.from_me, m.timestamp, j.raw_string, c.subject
           FROM message m JOIN chat c ON c._id = m.chat_row_id JOIN jid j ON j._id = c.jid_row_id
           WHERE m._id = 3`,
        )
        .get();
      assert.deepEqual(row, {
        text_data: 'Hoy trabajas en Zwolle. Mándame el dinero por la noche.',
        from_me: 0,
        timestamp: Date.parse('2023-03-28T17:00:00.000Z'),
        raw_string: `${CONTROLLER.slice(1)}@s.whatsapp.net`,
        subject: null,
      });
      const sent = db
        .prepare(
          `SELECT m.from_me, m.message_type, m.text_data, mm.mime_type, mm.media_name, mm.file_size
           FROM message m JOIN message_media mm ON mm.message_row_id = m._id WHERE m._id = 4`,
        )
        .get();
      assert.deepEqual(sent, {
        from_me: 1,
        message_type: 1,
        text_data: 'Listo, 450 euros',
        mime_type: 'image/jpeg',
        media_name: 'IMG-20230328-WA0004.jpg',
        file_size: 48211,
      });
      // Read state is WhatsApp's watermark: the unread incoming group message lies beyond it.
      const unread = db
        .prepare(
          `SELECT m._id FROM message m JOIN chat c ON c._id = m.chat_row_id
           WHERE m.from_me = 0 AND m._id > IFNULL(c.last_read_message_row_id, 0)`,
        )
        .all();
      assert.deepEqual(unread, [{ _id: 5 }]);
    } finally {
      db.close();
    }
  });

  it('keeps the WhatsApp group: subject, JID from creator and time, three members, senders', () => {
    const db = open(rich, ANDROID_PATHS.msgstore);
    try {
      const group = db
        .prepare(
          `SELECT c._id, c.subject, j.raw_string FROM chat c JOIN jid j ON j._id = c.jid_row_id
           WHERE j.server = 'g.us'`,
        )
        .get() as { _id: number; subject: string; raw_string: string };
      assert.equal(group.subject, 'Chicas Zwolle 💋');
      const created = Date.parse('2023-03-21T08:00:00.000Z') / 1000;
      assert.equal(group.raw_string, `34600000101-${created}@g.us`);
      const members = db
        .prepare(
          `SELECT u.user, p.rank FROM group_participant_user p
           JOIN jid g ON g._id = p.group_jid_row_id JOIN jid u ON u._id = p.user_jid_row_id
           WHERE g.raw_string = ? ORDER BY u.user`,
        )
        .all(group.raw_string);
      assert.deepEqual(members, [
        { user: '31697000001', rank: 0 },
        { user: '31697000002', rank: 0 },
        { user: '34600000101', rank: 2 },
      ]);
      const sender = db
        .prepare(
          `SELECT j.user, m.from_me FROM message m JOIN jid j ON j._id = m.sender_jid_row_id
           WHERE m._id = 5`,
        )
        .get();
      assert.deepEqual(sender, { user: '31697000002', from_me: 0 });
    } finally {
      db.close();
    }
  });

  it('puts text-only SMS chats in sms, pictures and groups in MMS with parts and addresses', () => {
    const db = open(rich, ANDROID_PATHS.mmssms);
    try {
      const sms = db
        .prepare(
          `SELECT s.body, s.type, s.date, s.read, c.address FROM sms s
           JOIN threads t ON t._id = s.thread_id
           JOIN canonical_addresses c ON c._id = CAST(t.recipient_ids AS INTEGER)
           WHERE s._id = 1`,
        )
        .get();
      assert.deepEqual(sms, {
        body: 'Hoi, ben je vanavond beschikbaar?',
        type: 1,
        date: Date.parse('2023-03-28T18:55:00.000Z'),
        read: 1,
        address: CLIENT,
      });

      const picture = db.prepare('SELECT * FROM pdu WHERE _id = 7').get() as Record<
        string,
        unknown
      >;
      assert.equal(picture.thread_id, 1);
      assert.equal(picture.msg_box, 1);
      assert.equal(picture.m_type, 132);
      assert.equal(picture.date, Date.parse('2023-03-28T19:05:00.000Z') / 1000);
      const parts = db
        .prepare('SELECT seq, ct, name, text FROM part WHERE mid = 7 ORDER BY _id')
        .all() as { seq: number; ct: string; name: string; text: string | null }[];
      assert.deepEqual(
        parts.map((p) => p.ct),
        ['application/smil', 'text/plain', 'image/jpeg'],
      );
      assert.equal(parts[1]!.text, 'Is dit goed?');
      assert.equal(parts[2]!.name, 'IMG_0412.jpg');
      const addresses = db
        .prepare('SELECT address, type FROM addr WHERE msg_id = 7 ORDER BY type')
        .all();
      assert.deepEqual(addresses, [
        { address: CLIENT, type: 137 },
        { address: OWNER, type: 151 },
      ]);

      const group = db.prepare('SELECT type, recipient_ids FROM threads WHERE _id = 4').get() as {
        type: number;
        recipient_ids: string;
      };
      assert.equal(group.type, 1);
      const recipients = group.recipient_ids.split(' ').map(
        (id) =>
          (
            db.prepare('SELECT address FROM canonical_addresses WHERE _id = ?').get(Number(id)) as {
              address: string;
            }
          ).address,
      );
      assert.deepEqual(recipients.sort(), [DRIVER, CLIENT].sort());
      const sent = db
        .prepare(
          `SELECT p.msg_box, p.m_type, t.text FROM pdu p
           JOIN part t ON t.mid = p._id AND t.ct = 'text/plain' WHERE p._id = 9`,
        )
        .get();
      assert.deepEqual(sent, { msg_box: 2, m_type: 128, text: 'Kom eraan' });
      const sentTo = db
        .prepare('SELECT address, type FROM addr WHERE msg_id = 9 ORDER BY type, address')
        .all();
      assert.deepEqual(sentTo, [
        { address: 'insert-address-token', type: 137 },
        { address: DRIVER, type: 151 },
        { address: CLIENT, type: 151 },
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps native contacts as typed, with type codes and E.164, and calls with codes', () => {
    const contacts = open(rich, ANDROID_PATHS.contacts2);
    const calls = open(rich, ANDROID_PATHS.calllog);
    try {
      const phones = contacts
        .prepare(
          `SELECT d.data1, d.data2, d.data4 FROM data d JOIN mimetypes m ON m._id = d.mimetype_id
           WHERE d.raw_contact_id = 2 AND m.mimetype = 'vnd.android.cursor.item/phone_v2'
           ORDER BY d._id`,
        )
        .all();
      assert.deepEqual(phones, [
        { data1: '06 97000002', data2: '2', data4: '+31697000002' },
        { data1: '020 123 4567', data2: '3', data4: '+31201234567' },
      ]);
      const foreign = contacts
        .prepare(
          `SELECT d.data1 FROM data d JOIN mimetypes m ON m._id = d.mimetype_id
           WHERE d.raw_contact_id = 1 AND m.mimetype = 'vnd.android.cursor.item/phone_v2'`,
        )
        .get();
      assert.deepEqual(foreign, { data1: '+34 600 00 01 01' });
      const name = contacts
        .prepare(
          `SELECT d.data1, d.data2, d.data3 FROM data d JOIN mimetypes m ON m._id = d.mimetype_id
           WHERE d.raw_contact_id = 2 AND m.mimetype = 'vnd.android.cursor.item/name'`,
        )
        .get();
      assert.deepEqual(name, { data1: 'Chofer Marco', data2: 'Marco', data3: 'Chofer' });
      const email = contacts
        .prepare(
          `SELECT d.data1 FROM data d JOIN mimetypes m ON m._id = d.mimetype_id
           WHERE m.mimetype = 'vnd.android.cursor.item/email_v2'`,
        )
        .all();
      assert.deepEqual(email, [{ data1: 'marco.rijdt@example.invalid' }]);
      // As on a phone, sort keys use Android's own collation, which exists nowhere else.
      assert.throws(
        () => contacts.prepare('SELECT _id FROM raw_contacts ORDER BY sort_key').all(),
        /PHONEBOOK/,
      );

      const rows = calls
        .prepare('SELECT _id, type, duration, date, normalized_number FROM calls ORDER BY _id')
        .all();
      assert.deepEqual(rows, [
        {
          _id: 1,
          type: 1,
          duration: 47,
          date: Date.parse('2023-03-28T19:02:11.000Z'),
          normalized_number: CLIENT,
        },
        {
          _id: 2,
          type: 2,
          duration: 12,
          date: Date.parse('2023-03-28T19:10:00.000Z'),
          normalized_number: DRIVER,
        },
        {
          _id: 3,
          type: 3,
          duration: 0,
          date: Date.parse('2023-03-28T21:30:00.000Z'),
          normalized_number: CLIENT,
        },
      ]);
    } finally {
      contacts.close();
      calls.close();
    }
  });

  it('keeps WhatsApp contacts, calls and the owner number, and other accounts', () => {
    const wa = open(rich, ANDROID_PATHS.wa);
    const msgstore = open(rich, ANDROID_PATHS.msgstore);
    const accounts = open(rich, ANDROID_PATHS.accountsCe);
    try {
      assert.deepEqual(
        wa.prepare('SELECT jid, COALESCE(display_name, wa_name) AS name FROM wa_contacts').all(),
        [{ jid: '34600000101@s.whatsapp.net', name: 'Jefe' }],
      );
      assert.deepEqual(
        msgstore
          .prepare(
            `SELECT j.raw_string, c.from_me, c.duration, c.call_result, c.timestamp, c.video_call
             FROM call_log c JOIN jid j ON j._id = c.jid_row_id`,
          )
          .all(),
        [
          {
            raw_string: '34600000101@s.whatsapp.net',
            from_me: 0,
            duration: 185,
            call_result: 5,
            timestamp: Date.parse('2023-03-28T22:00:00.000Z'),
            video_call: 0,
          },
        ],
      );
      const prefs = readFileSync(join(rich, ANDROID_PATHS.whatsappPrefs), 'utf8');
      const entry = (key: string) =>
        new RegExp(`<string name="${key}">([^<]*)</string>`).exec(prefs)?.[1];
      assert.equal(`+${entry('cc')}${entry('ph')}`, OWNER);
      assert.deepEqual(accounts.prepare('SELECT name, type FROM accounts').all(), [
        { name: 'vale.sample@example.invalid', type: 'com.google' },
      ]);
    } finally {
      wa.close();
      msgstore.close();
      accounts.close();
    }
  });

  it('writes the legacy WhatsApp schema: one messages table, chat_list, no message table', () => {
    const d = legacyDevice();
    const db = open(legacy, ANDROID_PATHS.msgstore);
    const calllog = open(legacy, ANDROID_PATHS.calllog);
    try {
      const tables = tablesOf(db);
      assert.ok(tables.includes('messages'));
      assert.ok(tables.includes('chat_list'));
      assert.ok(!tables.includes('message'));
      assert.ok(!tables.includes('call_log'));
      const whatsapp = d.messages.filter((m) => m.app === 'whatsapp');
      assert.equal(count(db, 'messages'), whatsapp.length);
      assert.equal(count(db, 'chat_list'), d.chats.filter((c) => c.app === 'whatsapp').length);
      assert.equal(count(calllog, 'calls'), d.calls.length);
      assert.deepEqual(
        db
          .prepare(
            `SELECT key_remote_jid, key_from_me, data, timestamp FROM messages WHERE _id = 3`,
          )
          .get(),
        {
          key_remote_jid: '34600000101@s.whatsapp.net',
          key_from_me: 0,
          data: 'Hoy trabajas en Zwolle. Mándame el dinero por la noche.',
          timestamp: Date.parse('2023-03-28T17:00:00.000Z'),
        },
      );
      // A picture's text is its caption; data stays empty, as in the old app.
      assert.deepEqual(
        db
          .prepare(
            `SELECT data, media_caption, media_mime_type, media_wa_type, media_name, media_size
             FROM messages WHERE _id = 4`,
          )
          .get(),
        {
          data: null,
          media_caption: 'Listo, 450 euros',
          media_mime_type: 'image/jpeg',
          media_wa_type: '1',
          media_name: 'IMG-20230328-WA0004.jpg',
          media_size: 48211,
        },
      );
      const group = db
        .prepare("SELECT key_remote_jid, subject FROM chat_list WHERE key_remote_jid LIKE '%@g.us'")
        .get() as { key_remote_jid: string; subject: string };
      assert.equal(group.subject, 'Chicas Zwolle 💋');
      assert.equal(
        (
          db.prepare('SELECT remote_resource FROM messages WHERE _id = 5').get() as {
            remote_resource: string;
          }
        ).remote_resource,
        '31697000002@s.whatsapp.net',
      );
      assert.deepEqual(
        db
          .prepare('SELECT jid, admin FROM group_participants WHERE gjid = ? ORDER BY jid')
          .all(group.key_remote_jid),
        [
          { jid: '', admin: 0 },
          { jid: '31697000002@s.whatsapp.net', admin: 0 },
          { jid: '34600000101@s.whatsapp.net', admin: 2 },
        ],
      );
    } finally {
      db.close();
      calllog.close();
    }
  });

  it('refuses what it cannot represent, with a reason', async () => {
    const dir = join(root, 'refused');
    const withCalls = richSampleDevice();
    withCalls.whatsappSchema = 'legacy';
    await assert.rejects(writeAndroid(dir, withCalls), /legacy msgstore\.db schema.*no call log/);
    const icloud = richSampleDevice();
    icloud.accounts.push({ app: 'icloud', identifier: 'x@example.invalid', displayName: null });
    await assert.rejects(writeAndroid(dir, icloud), /iCloud/);
    const twice = richSampleDevice();
    twice.chats.push({ ...twice.chats[1]!, id: 5 });
    await assert.rejects(writeAndroid(dir, twice), /one chat per JID/);
    const namedGroup = richSampleDevice();
    namedGroup.chats[3]!.subject = 'Taxi';
    await assert.rejects(writeAndroid(dir, namedGroup), /native group chat 4/);
    await assert.rejects(writeAndroid(dir, sampleDevice('ios')), /not android/);
  });

  it('gives byte-identical files for the same input, also over an earlier run', async () => {
    const again = join(root, 'again');
    await writeAndroid(again, legacyDevice());
    const files = await writeAndroid(again, richSampleDevice());
    assert.deepEqual(files, ALL_FILES);
    for (const rel of files) {
      assert.equal(sha256(join(again, rel)), sha256(join(rich, rel)), rel);
    }
  });

  it('opens in the sqlite3 command-line tool', { skip: !existsSync('/usr/bin/sqlite3') }, () => {
    for (const rel of ALL_FILES.filter((f) => f.endsWith('.db'))) {
      const out = spawnSync('/usr/bin/sqlite3', [join(rich, rel), '.tables'], { encoding: 'utf8' });
      assert.equal(out.status, 0, `${rel}: ${out.stderr}`);
      assert.match(out.stdout, /android_metadata/);
    }
  });
});
