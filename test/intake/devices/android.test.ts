import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { readAndroid } from '../../../src/intake/devices/android.js';
import { folderExtraction } from '../../../src/intake/devices/extraction.js';
import type {
  DeviceCounts,
  DeviceMessageRecord,
  DeviceRecord,
} from '../../../src/intake/devices/types.js';
import { generateWorld } from '../../../src/scenario/generate.js';
import { ANDROID_PATHS, writeAndroid } from '../../../src/scenario/devices/android.js';
import {
  countsOf,
  type DeviceChat,
  type DeviceExtraction,
} from '../../../src/scenario/devices/model.js';
import { richSampleDevice, sampleDevice } from '../../../src/scenario/devices/sample.js';
import {
  collectingSink,
  hashTree,
  ofKind,
  recordCounts,
  type CollectingSink,
} from '../../helpers/device-sink.js';

const OWNER = '+31697000001';
const CONTROLLER = '+34600000101';
const DRIVER = '+31697000002';
const CLIENT = '+31697000003';
const CONTROLLER_JID = '34600000101@s.whatsapp.net';
const OWNER_JID = '31697000001@s.whatsapp.net';
const DRIVER_JID = '31697000002@s.whatsapp.net';
const GROUP_JID = '34600000101-1679385600@g.us';

/**
 * The sample with `n` more WhatsApp messages over 40 direct chats and 5 groups, one in seven a
 * photo: big enough that a reader must drain, small enough to write in a moment.
 */
function bulkDevice(n: number, schema: 'current' | 'legacy'): DeviceExtraction {
  const d = sampleDevice('android');
  d.whatsappSchema = schema;
  if (schema === 'legacy') d.calls = d.calls.filter((c) => c.app !== 'whatsapp');
  const peers = Array.from({ length: 50 }, (_, i) => `+3169710${String(i).padStart(4, '0')}`);
  const chats: DeviceChat[] = peers.slice(0, 45).map((peer, i) => ({
    id: 100 + i,
    app: 'whatsapp',
    kind: i < 40 ? 'direct' : 'group',
    peer: i < 40 ? peer : null,
    subject: i < 40 ? null : `Groep ${i}`,
    creator: i < 40 ? null : peer,
    members: i < 40 ? [OWNER, peer] : [peer, OWNER, peers[i + 1]!, peers[i + 2]!],
    createdAt: '2023-01-01T00:00:00.000Z',
  }));
  d.chats.push(...chats);
  const start = Date.parse('2023-02-01T00:00:00.000Z');
  for (let i = 0; i < n; i++) {
    const chat = chats[i % chats.length]!;
    const outgoing = i % 3 === 0;
    const photo = i % 7 === 0;
    d.messages.push({
      id: 1000 + i,
      chatId: chat.id,
      app: 'whatsapp',
      direction: outgoing ? 'outgoing' : 'incoming',
      sender: outgoing ? OWNER : chat.kind === 'group' ? chat.members[2]! : chat.peer!,
      at: new Date(start + i * 60_000).toISOString(),
      text: photo && i % 2 === 0 ? null : `Bericht ${i}`,
      attachment: photo
        ? { fileName: `IMG-${i}.jpg`, mimeType: 'image/jpeg', bytes: 1000 + i }
        : null,
      read: true,
    });
  }
  return d;
}

let scratch: string;
let fixtures = 0;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'schakel-android-read-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a device into a fresh folder; `change` may then damage or extend the extraction. */
async function fixture(device: DeviceExtraction, change?: (dir: string) => void): Promise<string> {
  const dir = join(scratch, `x${fixtures++}`);
  await writeAndroid(dir, device);
  change?.(dir);
  return dir;
}

/** Reads an extraction folder and checks that not one byte of it changed. */
async function read(dir: string, country = 'NL'): Promise<CollectingSink> {
  const before = hashTree(dir);
  const sink = collectingSink(country);
  const x = folderExtraction(dir);
  try {
    await readAndroid(x, sink);
  } finally {
    x.close();
  }
  assert.deepEqual(hashTree(dir), before, 'the evidence is byte for byte unchanged');
  assert.ok(sink.maxBetweenDrains <= 2000, `${sink.maxBetweenDrains} records without a drain`);
  for (const r of sink.records) {
    assert.ok(statSync(join(dir, r.prov.file)).isFile(), `provenance file ${r.prov.file}`);
    assert.ok(r.prov.table && r.prov.rowId, `provenance table and row of ${JSON.stringify(r)}`);
  }
  return sink;
}

function at(iso: string, zone: 'unix-ms' | 'unix-s' = 'unix-ms') {
  const ms = Date.parse(iso);
  return { utc: iso, original: String(zone === 'unix-ms' ? ms : ms / 1000), zone };
}

function byProv(records: readonly DeviceRecord[], table: string, rowId: string): DeviceRecord {
  const found = records.filter((r) => r.prov.table === table && r.prov.rowId === rowId);
  assert.equal(found.length, 1, `one record from ${table} row ${rowId}`);
  return found[0]!;
}

/** A message without where it was read: the same whichever WhatsApp schema stored it. */
function content(m: DeviceMessageRecord) {
  const { prov: _prov, ...rest } = m;
  return rest;
}

function withFile(dir: string, rel: string, bytes: Buffer | string) {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), bytes);
}

/** Changes a fixture database (before it is read as evidence). */
function alter(dir: string, rel: string, sql: string) {
  const db = new Database(join(dir, rel));
  try {
    // As on the phone: Android opens its databases with foreign keys off.
    db.pragma('foreign_keys = OFF');
    db.exec(sql);
  } finally {
    db.close();
  }
}

const MMSSMS = ANDROID_PATHS.mmssms;
const CONTACTS2 = ANDROID_PATHS.contacts2;
const CALLLOG = ANDROID_PATHS.calllog;
const MSGSTORE = ANDROID_PATHS.msgstore;
const WA_DB = ANDROID_PATHS.wa;
const PREFS = ANDROID_PATHS.whatsappPrefs;
const ACCOUNTS = ANDROID_PATHS.accountsCe;

describe('readAndroid: the sample phone, record by record', () => {
  let device: DeviceExtraction;
  let sink: CollectingSink;
  before(async () => {
    device = richSampleDevice();
    const dir = await fixture(device, (d) =>
      // The picture of MMS 7, where the phone keeps it: its size is read from the file.
      withFile(
        d,
        `data/data/com.android.providers.telephony/app_parts/PART_${Date.parse('2023-03-28T19:05:00.000Z')}_IMG_0412.jpg`,
        Buffer.alloc(91234),
      ),
    );
    sink = await read(dir);
  });

  it('finds every record the phone holds, without warnings', () => {
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(recordCounts(sink.records), countsOf(device));
  });

  it('reads the owner and the accounts', () => {
    assert.deepEqual([...sink.ownerPhones], [OWNER]);
    assert.deepEqual([...sink.ownerAccounts], ['vale.sample@example.invalid']);
    assert.deepEqual(ofKind(sink.records, 'account'), [
      {
        kind: 'account',
        app: 'google',
        identifier: 'vale.sample@example.invalid',
        displayName: null,
        prov: { file: ACCOUNTS, table: 'accounts', rowId: '1' },
      },
      {
        kind: 'account',
        app: 'whatsapp',
        identifier: OWNER,
        displayName: 'Vale',
        prov: { file: PREFS, table: 'string', rowId: 'cc+ph' },
      },
    ]);
  });

  it('reads address-book and WhatsApp contacts with numbers as typed and in E.164', () => {
    assert.deepEqual(ofKind(sink.records, 'contact'), [
      {
        kind: 'contact',
        app: 'native',
        name: 'Jefe',
        phones: [{ raw: '+34 600 00 01 01', e164: CONTROLLER, label: 'mobile' }],
        emails: [],
        prov: { file: CONTACTS2, table: 'raw_contacts', rowId: '1' },
      },
      {
        kind: 'contact',
        app: 'native',
        name: 'Chofer Marco',
        phones: [
          { raw: '06 97000002', e164: DRIVER, label: 'mobile' },
          { raw: '020 123 4567', e164: '+31201234567', label: 'work' },
        ],
        emails: ['marco.rijdt@example.invalid'],
        prov: { file: CONTACTS2, table: 'raw_contacts', rowId: '2' },
      },
      {
        kind: 'contact',
        app: 'whatsapp',
        name: 'Jefe',
        phones: [{ raw: CONTROLLER_JID, e164: CONTROLLER, label: 'mobile' }],
        emails: [],
        prov: { file: WA_DB, table: 'wa_contacts', rowId: '3' },
      },
    ]);
  });

  it('reads phone and WhatsApp calls with direction, duration and both times', () => {
    assert.deepEqual(ofKind(sink.records, 'call'), [
      {
        kind: 'call',
        app: 'native',
        direction: 'incoming',
        party: { raw: CLIENT, e164: CLIENT, name: null },
        at: at('2023-03-28T19:02:11.000Z'),
        durationSeconds: 47,
        video: false,
        prov: { file: CALLLOG, table: 'calls', rowId: '1' },
      },
      {
        kind: 'call',
        app: 'native',
        direction: 'outgoing',
        // Stored as dialled, in national form: E.164 with the SIM country.
        party: { raw: '0697000002', e164: DRIVER, name: 'Chofer Marco' },
        at: at('2023-03-28T19:10:00.000Z'),
        durationSeconds: 12,
        video: false,
        prov: { file: CALLLOG, table: 'calls', rowId: '2' },
      },
      {
        kind: 'call',
        app: 'native',
        direction: 'missed',
        party: { raw: CLIENT, e164: CLIENT, name: null },
        at: at('2023-03-28T21:30:00.000Z'),
        durationSeconds: 0,
        video: false,
        prov: { file: CALLLOG, table: 'calls', rowId: '3' },
      },
      {
        kind: 'call',
        app: 'whatsapp',
        direction: 'incoming',
        party: { raw: CONTROLLER_JID, e164: CONTROLLER, name: 'Jefe' },
        at: at('2023-03-28T22:00:00.000Z'),
        durationSeconds: 185,
        video: false,
        prov: { file: MSGSTORE, table: 'call_log', rowId: '4' },
      },
    ]);
  });

  it('reads SMS threads and WhatsApp chats, with group subjects and members', () => {
    const client = { raw: CLIENT, e164: CLIENT };
    const driver = { raw: DRIVER, e164: DRIVER };
    assert.deepEqual(ofKind(sink.records, 'chat'), [
      {
        kind: 'chat',
        app: 'native',
        key: '1',
        group: false,
        subject: null,
        participants: [client],
        createdAt: null,
        prov: { file: MMSSMS, table: 'threads', rowId: '1' },
      },
      {
        kind: 'chat',
        app: 'native',
        key: '4',
        group: true,
        subject: null,
        participants: [client, driver],
        createdAt: null,
        prov: { file: MMSSMS, table: 'threads', rowId: '4' },
      },
      {
        kind: 'chat',
        app: 'whatsapp',
        key: CONTROLLER_JID,
        group: false,
        subject: null,
        participants: [{ raw: CONTROLLER_JID, e164: CONTROLLER, name: 'Jefe' }],
        createdAt: at('2023-03-20T10:00:00.000Z'),
        prov: { file: MSGSTORE, table: 'chat', rowId: '2' },
      },
      {
        kind: 'chat',
        app: 'whatsapp',
        key: GROUP_JID,
        group: true,
        subject: 'Chicas Zwolle 💋',
        participants: [
          { raw: CONTROLLER_JID, e164: CONTROLLER, name: 'Jefe' },
          { raw: OWNER_JID, e164: OWNER, name: 'Vale' },
          { raw: DRIVER_JID, e164: DRIVER },
        ],
        createdAt: at('2023-03-21T08:00:00.000Z'),
        prov: { file: MSGSTORE, table: 'chat', rowId: '3' },
      },
    ]);
  });

  it('reads SMS and MMS: direction, sender, text, attachment, seconds for MMS', () => {
    const r = sink.records;
    assert.deepEqual(byProv(r, 'sms', '1'), {
      kind: 'message',
      app: 'native',
      chatKey: '1',
      direction: 'incoming',
      sender: { raw: CLIENT, e164: CLIENT },
      at: at('2023-03-28T18:55:00.000Z'),
      text: 'Hoi, ben je vanavond beschikbaar?',
      attachments: [],
      prov: { file: MMSSMS, table: 'sms', rowId: '1' },
    });
    assert.deepEqual(byProv(r, 'sms', '2'), {
      kind: 'message',
      app: 'native',
      chatKey: '1',
      direction: 'outgoing',
      // A sent SMS does not store the phone's own number.
      sender: null,
      at: at('2023-03-28T18:57:30.000Z'),
      text: 'Ja schat, 150 p/u. Adres stuur ik later',
      attachments: [],
      prov: { file: MMSSMS, table: 'sms', rowId: '2' },
    });
    assert.deepEqual(byProv(r, 'pdu', '7'), {
      kind: 'message',
      app: 'native',
      chatKey: '1',
      direction: 'incoming',
      sender: { raw: CLIENT, e164: CLIENT },
      at: at('2023-03-28T19:05:00.000Z', 'unix-s'),
      text: 'Is dit goed?',
      attachments: [{ fileName: 'IMG_0412.jpg', mimeType: 'image/jpeg', bytes: 91234 }],
      prov: { file: MMSSMS, table: 'pdu', rowId: '7' },
    });
    assert.deepEqual(byProv(r, 'pdu', '8'), {
      kind: 'message',
      app: 'native',
      chatKey: '4',
      direction: 'incoming',
      sender: { raw: DRIVER, e164: DRIVER },
      at: at('2023-03-30T12:00:00.000Z', 'unix-s'),
      text: 'Ik sta voor de deur',
      attachments: [],
      prov: { file: MMSSMS, table: 'pdu', rowId: '8' },
    });
    const sent = byProv(r, 'pdu', '9') as DeviceMessageRecord;
    assert.equal(sent.direction, 'outgoing');
    assert.equal(sent.sender, null);
    assert.equal(sent.text, 'Kom eraan');
  });

  it('reads WhatsApp messages: the owner as sender of outgoing ones, group senders, media', () => {
    const messages = ofKind(sink.records, 'message').filter((m) => m.app === 'whatsapp');
    const jefe = { raw: CONTROLLER_JID, e164: CONTROLLER, name: 'Jefe' };
    const vale = { raw: OWNER_JID, e164: OWNER, name: 'Vale' };
    assert.deepEqual(messages, [
      {
        kind: 'message',
        app: 'whatsapp',
        chatKey: CONTROLLER_JID,
        direction: 'incoming',
        sender: jefe,
        at: at('2023-03-28T17:00:00.000Z'),
        text: 'Hoy trabajas en Zwolle. Mándame el dinero por la noche.',
        attachments: [],
        prov: { file: MSGSTORE, table: 'message', rowId: '3' },
      },
      {
        kind: 'message',
        app: 'whatsapp',
        chatKey: CONTROLLER_JID,
        direction: 'outgoing',
        sender: vale,
        at: at('2023-03-28T23:40:00.000Z'),
        text: 'Listo, 450 euros',
        attachments: [
          { fileName: 'IMG-20230328-WA0004.jpg', mimeType: 'image/jpeg', bytes: 48211 },
        ],
        prov: { file: MSGSTORE, table: 'message', rowId: '4' },
      },
      {
        kind: 'message',
        app: 'whatsapp',
        chatKey: GROUP_JID,
        direction: 'incoming',
        sender: { raw: DRIVER_JID, e164: DRIVER },
        at: at('2023-03-29T09:15:00.000Z'),
        text: 'Ik haal jullie om 11 uur op bij het station',
        attachments: [],
        prov: { file: MSGSTORE, table: 'message', rowId: '5' },
      },
      {
        kind: 'message',
        app: 'whatsapp',
        chatKey: GROUP_JID,
        direction: 'outgoing',
        sender: vale,
        at: at('2023-03-29T09:16:00.000Z'),
        text: 'Ok 👍',
        attachments: [],
        prov: { file: MSGSTORE, table: 'message', rowId: '6' },
      },
    ]);
  });

  it('reads the legacy msgstore.db schema to the same chats and messages', async () => {
    const legacy = richSampleDevice('legacy');
    const old = await read(await fixture(legacy));
    assert.deepEqual(old.warnings, []);
    assert.deepEqual(recordCounts(old.records), countsOf(legacy));
    const wa = (s: CollectingSink) =>
      ofKind(s.records, 'message').filter((m) => m.app !== 'native');
    assert.deepEqual(wa(old).map(content), wa(sink).map(content));
    assert.deepEqual(
      wa(old).map((m) => m.prov),
      ['3', '4', '5', '6'].map((rowId) => ({ file: MSGSTORE, table: 'messages', rowId })),
    );
    const chats = (s: CollectingSink) =>
      ofKind(s.records, 'chat')
        .filter((c) => c.app === 'whatsapp')
        .map(({ prov: _prov, ...c }) => c);
    // group_participants lists the owner as jid '': read as the owner's number from the prefs.
    assert.deepEqual(chats(old), chats(sink));
    assert.deepEqual(ofKind(old.records, 'chat').at(-1)!.prov, {
      file: MSGSTORE,
      table: 'chat_list',
      rowId: '3',
    });
  });

  it('reads local numbers in the country it is told', async () => {
    const device = sampleDevice('android');
    device.simCountry = 'ES';
    const es = await read(await fixture(device), 'ES');
    const contact = ofKind(es.records, 'contact').find((c) => c.name === 'Jefe')!;
    // Written as an ES phone types a Spanish number: nationally, without +34.
    assert.deepEqual(contact.phones, [{ raw: '600 00 01 01', e164: CONTROLLER, label: 'mobile' }]);
  });
});

describe('readAndroid: the synthetic world', () => {
  let dir: string;
  let truth: {
    devices: {
      id: string;
      format: string;
      whatsappSchema: string;
      ownerNumbers: string[];
      counts: DeviceCounts;
    }[];
  };
  before(async () => {
    dir = join(scratch, 'world');
    // Seed 1 with 12 devices gives four Android file-system phones, one full of SMS, calls and photos.
    await generateWorld({ seed: 1, size: 'small', out: dir, images: false, devices: 12 });
    truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as typeof truth;
  });

  it('reads exactly the counts truth.json gives for every android-fs device', async () => {
    const android = truth.devices.filter((d) => d.format === 'android-fs');
    assert.equal(android.length, 4);
    assert.ok(android.some((d) => d.counts.media > 0 && d.counts.calls > 10));
    for (const d of android) {
      const sink = await read(join(dir, 'devices', d.id));
      assert.deepEqual(sink.warnings, [], d.id);
      assert.deepEqual(recordCounts(sink.records), d.counts, d.id);
      for (const phone of sink.ownerPhones) assert.ok(d.ownerNumbers.includes(phone), d.id);
      assert.equal(sink.ownerPhones.size, 1, d.id);
    }
  });
});

describe('readAndroid: many messages, both WhatsApp schemas', () => {
  for (const schema of ['current', 'legacy'] as const) {
    it(`reads every message of a big ${schema} msgstore.db and drains on the way`, async () => {
      const device = bulkDevice(4500, schema);
      const sink = await read(await fixture(device));
      assert.deepEqual(sink.warnings, []);
      assert.deepEqual(recordCounts(sink.records), countsOf(device));
      assert.ok(sink.drains >= 3, `${sink.drains} drains`);
      const photo = byProv(
        sink.records,
        schema === 'current' ? 'message' : 'messages',
        '1007',
      ) as DeviceMessageRecord;
      assert.deepEqual(photo.attachments, [
        { fileName: 'IMG-7.jpg', mimeType: 'image/jpeg', bytes: 1007 },
      ]);
      assert.equal(photo.text, 'Bericht 7');
      const group = byProv(
        sink.records,
        schema === 'current' ? 'message' : 'messages',
        '1040',
      ) as DeviceMessageRecord;
      assert.equal(group.direction, 'incoming');
      assert.equal(group.sender?.e164, '+31697100041');
    });
  }
});

describe('readAndroid: damaged, encrypted and unexpected input', () => {
  it('warns about encrypted WhatsApp backups and still reads the rest', async () => {
    const device = richSampleDevice();
    const dir = await fixture(device, (d) => {
      withFile(d, 'media/0/WhatsApp/Databases/msgstore.db.crypt14', randomBytes(4096));
      withFile(
        d,
        'media/0/Android/media/com.whatsapp/WhatsApp/Databases/msgstore-2023-03-28.1.db.crypt15',
        randomBytes(4096),
      );
    });
    const sink = await read(dir);
    assert.deepEqual(sink.warnings, [
      {
        file: 'media/0/Android/media/com.whatsapp/WhatsApp/Databases/msgstore-2023-03-28.1.db.crypt15',
        message: 'encrypted WhatsApp backup (crypt15): not read',
      },
      {
        file: 'media/0/WhatsApp/Databases/msgstore.db.crypt14',
        message: 'encrypted WhatsApp backup (crypt14): not read',
      },
    ]);
    assert.deepEqual(recordCounts(sink.records), countsOf(device));
  });

  it('names the key file when the extraction holds one', async () => {
    const dir = await fixture(richSampleDevice(), (d) => {
      withFile(d, 'media/0/WhatsApp/Databases/msgstore.db.crypt12', randomBytes(512));
      withFile(d, 'data/data/com.whatsapp/files/key', randomBytes(158));
    });
    const sink = await read(dir);
    assert.deepEqual(sink.warnings, [
      {
        file: 'media/0/WhatsApp/Databases/msgstore.db.crypt12',
        message:
          'encrypted WhatsApp backup (crypt12): not read; a key file is in the extraction (data/data/com.whatsapp/files/key)',
      },
    ]);
  });

  it('warns about a database that is not SQLite (SQLCipher) and reads everything else', async () => {
    const device = richSampleDevice();
    const dir = await fixture(device, (d) => writeFileSync(join(d, WA_DB), randomBytes(16384)));
    const sink = await read(dir);
    assert.equal(sink.warnings.length, 1);
    assert.equal(sink.warnings[0]!.file, WA_DB);
    assert.match(sink.warnings[0]!.message, /not a SQLite database/);
    assert.deepEqual(recordCounts(sink.records), { ...countsOf(device), contacts: 2 });
    // Without wa.db the names are gone, the numbers are not.
    const jefe = ofKind(sink.records, 'message').find((m) => m.prov.rowId === '3')!;
    assert.deepEqual(jefe.sender, { raw: CONTROLLER_JID, e164: CONTROLLER });
  });

  it('warns about an empty database file', async () => {
    const device = richSampleDevice();
    const sink = await read(await fixture(device, (d) => writeFileSync(join(d, CALLLOG), '')));
    assert.deepEqual(sink.warnings, [{ file: CALLLOG, message: 'empty file (0 bytes): not read' }]);
    assert.equal(ofKind(sink.records, 'call').length, 1);
  });

  /** The records read from every file but msgstore.db, for a bulkDevice. */
  const BULK_ELSEWHERE = { contacts: 3, calls: 3, chats: 1, messages: 2, accounts: 2, media: 0 };

  for (const schema of ['current', 'legacy'] as const) {
    it(`warns about a truncated ${schema} msgstore.db and reads every other file`, async () => {
      const device = bulkDevice(4500, schema);
      const dir = await fixture(device, (d) => {
        const path = join(d, MSGSTORE);
        truncateSync(path, Math.floor(statSync(path).size / 2));
      });
      const sink = await read(dir);
      assert.ok(sink.warnings.length >= 1);
      for (const w of sink.warnings) {
        assert.equal(w.file, MSGSTORE);
        assert.match(w.message, /malformed/);
      }
      // SQLite refuses a file shorter than its header says at open; where the copy is opened
      // anyway, the rows before the cut are read.
      const whatsapp = sink.records.filter((r) => r.prov.file === MSGSTORE);
      assert.ok(recordCounts(whatsapp).messages < countsOf(device).messages);
      const elsewhere = sink.records.filter((r) => r.prov.file !== MSGSTORE);
      assert.deepEqual(recordCounts(elsewhere), BULK_ELSEWHERE);
    });

    it(`reads a ${schema} msgstore.db with damaged pages before and behind the damage`, async () => {
      const device = bulkDevice(4500, schema);
      const dir = await fixture(device, (d) => {
        const path = join(d, MSGSTORE);
        const bytes = readFileSync(path);
        const page = bytes.readUInt16BE(16);
        const at = Math.floor(bytes.length / 2 / page) * page;
        bytes.fill(0xa5, at, at + 4 * page);
        writeFileSync(path, bytes);
      });
      const sink = await read(dir);
      const table = schema === 'current' ? 'message' : 'messages';
      const lost = sink.warnings.find((w) => w.message.startsWith(`${table}:`));
      assert.ok(lost, JSON.stringify(sink.warnings));
      assert.equal(lost.file, MSGSTORE);
      const m = /malformed; rows with _id (\d+) to (\d+) not read$/.exec(lost.message);
      assert.ok(m, lost.message);
      const [from, to] = [Number(m[1]), Number(m[2])];
      const ids = ofKind(sink.records, 'message')
        .filter((r) => r.prov.table === table)
        .map((r) => Number(r.prov.rowId));
      // Every row before the damage and every row behind it, none of the lost ones.
      assert.ok(ids.includes(from - 1) && ids.includes(to + 1), `${from}-${to}`);
      assert.ok(ids.every((id) => id < from || id > to));
      const total = countsOf(device).messages - 2; // the sample's two SMS are in mmssms.db
      assert.ok(ids.length < total && ids.length > total * 0.8, `${ids.length} of ${total}`);
      const elsewhere = sink.records.filter((r) => r.prov.file !== MSGSTORE);
      assert.deepEqual(recordCounts(elsewhere), BULK_ELSEWHERE);
    });
  }

  it('warns about a msgstore.db of an unknown schema and reads the rest', async () => {
    const device = richSampleDevice();
    const dir = await fixture(device, (d) => {
      rmSync(join(d, MSGSTORE));
      alter(d, MSGSTORE, 'CREATE TABLE props (k, v); CREATE TABLE chats_v9 (id INTEGER);');
    });
    const sink = await read(dir);
    assert.deepEqual(sink.warnings, [
      {
        file: MSGSTORE,
        message:
          'unknown WhatsApp schema: tables chats_v9, props; neither message nor messages, not read',
      },
    ]);
    const counts = recordCounts(sink.records);
    assert.deepEqual(counts, {
      contacts: 3,
      calls: 3,
      chats: 2,
      messages: 5,
      accounts: 2,
      media: 1,
    });
  });

  it('never throws, whatever the folder holds', async () => {
    const dir = join(scratch, 'junk');
    withFile(dir, MMSSMS, 'SQLite format 3\0 but then nothing that makes sense');
    withFile(dir, MSGSTORE, randomBytes(100));
    withFile(dir, PREFS, '<map><string name="cc">31</string>');
    const sink = await read(dir);
    assert.deepEqual(sink.records, []);
    assert.deepEqual(
      sink.warnings.map((w) => w.file),
      [MMSSMS, MSGSTORE],
    );
  });
});

describe('readAndroid: what real phones add', () => {
  it("skips deleted raw contacts and WhatsApp's sync-adapter copies", async () => {
    const sink = await read(
      await fixture(richSampleDevice(), (d) =>
        alter(
          d,
          CONTACTS2,
          `UPDATE raw_contacts SET deleted = 1 WHERE _id = 2;
           INSERT INTO accounts (_id, account_name, account_type) VALUES (7, 'WhatsApp', 'com.whatsapp');
           INSERT INTO raw_contacts (_id, account_id, contact_id, display_name) VALUES (8, 7, 1, 'Jefe');
           INSERT INTO raw_contacts (_id, account_id, contact_id, display_name) VALUES (9, 1, 9, 'Nieuw');`,
        ),
      ),
    );
    assert.deepEqual(
      ofKind(sink.records, 'contact').map((c) => [c.app, c.name, c.prov.rowId]),
      [
        ['native', 'Jefe', '1'],
        ['native', 'Nieuw', '9'],
        ['whatsapp', 'Jefe', '3'],
      ],
    );
  });

  it('reads a LID sender as the phone number jid_map gives it', async () => {
    const sink = await read(
      await fixture(richSampleDevice(), (d) =>
        alter(
          d,
          MSGSTORE,
          `INSERT INTO jid (_id, user, server, agent, device, type, raw_string)
             VALUES (900, '81234567890123', 'lid', 0, 0, 0, '81234567890123@lid');
           INSERT INTO jid_map (lid_row_id, jid_row_id)
             SELECT 900, _id FROM jid WHERE raw_string = '${DRIVER_JID}';
           UPDATE message SET sender_jid_row_id = 900 WHERE _id = 5;`,
        ),
      ),
    );
    const m = byProv(sink.records, 'message', '5') as DeviceMessageRecord;
    assert.deepEqual(m.sender, { raw: DRIVER_JID, e164: DRIVER });
  });

  it('leaves out WhatsApp system messages and status updates', async () => {
    const device = richSampleDevice();
    const sink = await read(
      await fixture(device, (d) =>
        alter(
          d,
          MSGSTORE,
          `INSERT INTO message (_id, chat_row_id, from_me, key_id, timestamp, message_type)
             VALUES (50, 3, 0, 'sys', 1680000000000, 7);
           INSERT INTO jid (_id, user, server, raw_string)
             VALUES (901, 'status', 'broadcast', 'status@broadcast');
           INSERT INTO chat (_id, jid_row_id, created_timestamp) VALUES (60, 901, 1680000000000);
           INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp,
             message_type, text_data)
             VALUES (51, 60, 0, 'st', 1, 1680000000000, 0, 'my status');`,
        ),
      ),
    );
    assert.deepEqual(recordCounts(sink.records), countsOf(device));
  });

  it('reads an app folder once when it is there as data/data and data/user/0', async () => {
    const device = richSampleDevice();
    const sink = await read(
      await fixture(device, (d) =>
        cpSync(join(d, 'data/data/com.whatsapp'), join(d, 'data/user/0/com.whatsapp'), {
          recursive: true,
        }),
      ),
    );
    assert.deepEqual(recordCounts(sink.records), countsOf(device));
  });

  it('reads WhatsApp Business as its own app', async () => {
    const device = richSampleDevice();
    const sink = await read(
      await fixture(device, (d) => {
        const wa = join(d, 'data/data/com.whatsapp');
        const w4b = join(d, 'data/data/com.whatsapp.w4b');
        cpSync(wa, w4b, { recursive: true });
        rmSync(join(w4b, 'shared_prefs'), { recursive: true });
        withFile(
          w4b,
          'shared_prefs/com.whatsapp.w4b_preferences_light.xml',
          readFileSync(join(wa, 'shared_prefs/com.whatsapp_preferences_light.xml')),
        );
      }),
    );
    const apps = (kind: DeviceRecord['kind']) =>
      sink.records.filter((r) => r.kind === kind).map((r) => (r as { app: string }).app);
    assert.equal(apps('message').filter((a) => a === 'whatsapp business').length, 4);
    assert.equal(apps('chat').filter((a) => a === 'whatsapp business').length, 2);
    assert.equal(apps('account').filter((a) => a === 'whatsapp business').length, 1);
    assert.equal(apps('message').filter((a) => a === 'whatsapp').length, 4);
  });
});
