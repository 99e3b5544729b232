import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { unpackArchive } from '../../../src/intake/devices/archive.js';
import { folderExtraction, type Extraction } from '../../../src/intake/devices/extraction.js';
import { plistStrings, readIos } from '../../../src/intake/devices/ios.js';
import type { DeviceRecord } from '../../../src/intake/devices/types.js';
import { generateWorld } from '../../../src/scenario/generate.js';
import { IOS_PATHS, whatsappPaths, writeIos } from '../../../src/scenario/devices/ios.js';
import type { DeviceExtraction } from '../../../src/scenario/devices/model.js';
import { sampleDevice } from '../../../src/scenario/devices/sample.js';
import {
  collectingSink,
  hashTree,
  ofKind,
  recordCounts,
  type CollectingSink,
} from '../../helpers/device-sink.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ILEAPP = join(REPO, '..', 'shared', 'data', 'forensics', 'ilEAPP-ios');
const noPublicData = existsSync(ILEAPP) ? false : `public test data not found at ${ILEAPP}`;
const zip = (name: string) => join(ILEAPP, `testdata.${name}.zip`);

const COCOA_EPOCH_MS = 978_307_200_000;
const cocoaS = (iso: string) => String((Date.parse(iso) - COCOA_EPOCH_MS) / 1000);
const cocoaNs = (iso: string) => String(BigInt(Date.parse(iso) - COCOA_EPOCH_MS) * 1_000_000n);

const OWNER = '+31697000001';
const CONTROLLER = '+34600000101';
const DRIVER = '+31697000002';
const CLIENT = '+31697000003';

async function read(x: Extraction, country = 'NL'): Promise<CollectingSink> {
  const sink = collectingSink(country);
  await readIos(x, sink);
  return sink;
}

function find<K extends DeviceRecord['kind']>(
  records: readonly DeviceRecord[],
  kind: K,
  table: string,
  rowId: string,
): Extract<DeviceRecord, { kind: K }> {
  const found = ofKind(records, kind).find((r) => r.prov.table === table && r.prov.rowId === rowId);
  assert.ok(found, `no ${kind} from ${table} row ${rowId}`);
  return found;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The sample device, with a native group chat and messages that exercise what sms.db hides:
 * text only in attributedBody (even ids), NSMutableAttributedString (ids divisible by 4), an
 * attachment with a caption, an attachment-only message and a text longer than 127 bytes.
 */
function richSample(): DeviceExtraction {
  const d = sampleDevice('ios');
  d.chats.push({
    id: 4,
    app: 'native',
    kind: 'group',
    peer: null,
    subject: 'Rijden',
    creator: null,
    members: [OWNER, CONTROLLER, DRIVER],
    createdAt: '2023-03-27T12:00:00.000Z',
  });
  const long = 'Adres: Stationsweg 12, tweede verdieping, bel twee keer aan. '.repeat(3).trim();
  d.messages.push(
    {
      id: 7,
      chatId: 4,
      app: 'native',
      direction: 'incoming',
      sender: DRIVER,
      at: '2023-03-29T08:00:00.000Z',
      text: 'Wie rijdt er vanavond?',
      attachment: null,
      read: true,
    },
    {
      id: 8,
      chatId: 4,
      app: 'native',
      direction: 'outgoing',
      sender: OWNER,
      at: '2023-03-29T08:01:00.000Z',
      text: 'Ik, foto van de auto',
      attachment: { fileName: 'IMG_0042.HEIC', mimeType: 'image/heic', bytes: 1_234_567 },
      read: true,
    },
    {
      id: 10,
      chatId: 1,
      app: 'native',
      direction: 'incoming',
      sender: CLIENT,
      at: '2023-03-29T08:02:00.000Z',
      text: null,
      attachment: { fileName: 'locatie.pdf', mimeType: 'application/pdf', bytes: 2048 },
      read: false,
    },
    {
      id: 12,
      chatId: 1,
      app: 'native',
      direction: 'outgoing',
      sender: OWNER,
      at: '2023-03-29T08:03:00.000Z',
      text: long,
      attachment: null,
      read: true,
    },
  );
  return d;
}

describe('iOS reader: the sample device', () => {
  let dir: string;
  let device: DeviceExtraction;
  let sink: CollectingSink;
  let before_: Map<string, string>;
  let after_: Map<string, string>;
  const wa = whatsappPaths(sampleDevice('ios'));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-ios-sample-'));
    device = richSample();
    await writeIos(dir, device);
    before_ = hashTree(dir);
    const x = folderExtraction(dir);
    try {
      sink = await read(x);
    } finally {
      x.close();
    }
    after_ = hashTree(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('yields one record per record of the device, and no warnings', () => {
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(recordCounts(sink.records), {
      contacts: 3,
      calls: 4,
      chats: 4,
      messages: 10,
      accounts: 2,
      media: 3,
    });
    assert.equal(sink.records.length, 23);
    for (const r of sink.records) {
      assert.ok(r.prov.file && !r.prov.file.startsWith('/'), `relative file: ${r.prov.file}`);
      assert.ok(existsSync(join(dir, r.prov.file)), r.prov.file);
      assert.ok(r.prov.table, `table on ${JSON.stringify(r)}`);
    }
  });

  it('states the owner: the WhatsApp number and sms.db caller id, the Apple account', () => {
    assert.deepEqual([...sink.ownerPhones], [OWNER]);
    assert.deepEqual([...sink.ownerAccounts], ['vale.sample@example.invalid']);
    assert.deepEqual(ofKind(sink.records, 'account'), [
      {
        kind: 'account',
        app: 'icloud',
        identifier: 'vale.sample@example.invalid',
        displayName: null,
        prov: { file: IOS_PATHS.accounts, table: 'ZACCOUNT', rowId: '1' },
      },
      {
        kind: 'account',
        app: 'whatsapp',
        identifier: OWNER,
        displayName: 'Vale',
        prov: { file: wa.prefs, table: 'OwnJabberID' },
      },
    ]);
  });

  it('reads the address books: names, typed numbers in E.164, labels, e-mails', () => {
    assert.deepEqual(find(sink.records, 'contact', 'ABPerson', '2'), {
      kind: 'contact',
      app: 'native',
      name: 'Marco Chofer',
      phones: [
        { raw: '06 97000002', e164: DRIVER, label: 'mobile' },
        { raw: '020 123 4567', e164: '+31201234567', label: 'work' },
      ],
      emails: ['marco.rijdt@example.invalid'],
      prov: { file: IOS_PATHS.addressBook, table: 'ABPerson', rowId: '2' },
    });
    assert.deepEqual(find(sink.records, 'contact', 'ABPerson', '1').phones, [
      { raw: '+34 600 00 01 01', e164: CONTROLLER, label: 'mobile' },
    ]);
    assert.deepEqual(find(sink.records, 'contact', 'ZWAADDRESSBOOKCONTACT', '3'), {
      kind: 'contact',
      app: 'whatsapp',
      name: 'Jefe',
      phones: [{ raw: '+34 600 00 01 01', e164: CONTROLLER, label: 'mobile' }],
      emails: [],
      prov: { file: wa.contacts, table: 'ZWAADDRESSBOOKCONTACT', rowId: '3' },
    });
  });

  it('reads calls: directions, parties as dialled, Cocoa seconds, WhatsApp calls', () => {
    assert.deepEqual(
      ofKind(sink.records, 'call').map((c) => [
        c.app,
        c.direction,
        c.party?.raw,
        c.party?.e164,
        c.at,
        c.durationSeconds,
        c.video,
        c.prov.table,
        c.prov.rowId,
      ]),
      [
        [
          'whatsapp',
          'incoming',
          '34600000101@s.whatsapp.net',
          CONTROLLER,
          {
            utc: '2023-03-28T22:00:00.000Z',
            original: cocoaS('2023-03-28T22:00:00.000Z'),
            zone: 'apple-s',
          },
          185,
          false,
          'ZWACDCALLEVENT',
          '4',
        ],
        [
          'native',
          'incoming',
          CLIENT,
          CLIENT,
          { utc: '2023-03-28T19:02:11.000Z', original: '701722931', zone: 'apple-s' },
          47,
          false,
          'ZCALLRECORD',
          '1',
        ],
        [
          'native',
          'outgoing',
          '0697000002',
          DRIVER,
          { utc: '2023-03-28T19:10:00.000Z', original: '701723400', zone: 'apple-s' },
          12,
          false,
          'ZCALLRECORD',
          '2',
        ],
        [
          'native',
          'missed',
          CLIENT,
          CLIENT,
          { utc: '2023-03-28T21:30:00.000Z', original: '701731800', zone: 'apple-s' },
          0,
          false,
          'ZCALLRECORD',
          '3',
        ],
      ],
    );
  });

  it('reads chats: direct peers, group subjects and members, WhatsApp group creation time', () => {
    assert.deepEqual(find(sink.records, 'chat', 'chat', '1'), {
      kind: 'chat',
      app: 'native',
      key: `iMessage;-;${CLIENT}`,
      group: false,
      subject: null,
      participants: [{ raw: CLIENT, e164: CLIENT }],
      createdAt: null,
      prov: { file: IOS_PATHS.sms, table: 'chat', rowId: '1' },
    });
    const smsGroup = find(sink.records, 'chat', 'chat', '4');
    assert.equal(smsGroup.group, true);
    assert.equal(smsGroup.subject, 'Rijden');
    assert.match(smsGroup.key, /^SMS;\+;chat\d{18}$/);
    assert.deepEqual(smsGroup.participants, [
      { raw: CONTROLLER, e164: CONTROLLER },
      { raw: DRIVER, e164: DRIVER },
    ]);
    assert.deepEqual(find(sink.records, 'chat', 'ZWACHATSESSION', '3'), {
      kind: 'chat',
      app: 'whatsapp',
      key: '34600000101-1679385600@g.us',
      group: true,
      subject: 'Chicas Zwolle 💋',
      participants: [
        { raw: '34600000101@s.whatsapp.net', e164: CONTROLLER, name: 'Jefe' },
        { raw: '31697000001@s.whatsapp.net', e164: OWNER },
        { raw: '31697000002@s.whatsapp.net', e164: DRIVER, name: 'Chofer Marco' },
      ],
      createdAt: {
        utc: '2023-03-21T08:00:00.000Z',
        original: cocoaS('2023-03-21T08:00:00.000Z'),
        zone: 'apple-s',
      },
      prov: { file: wa.chatStorage, table: 'ZWACHATSESSION', rowId: '3' },
    });
    const direct = find(sink.records, 'chat', 'ZWACHATSESSION', '2');
    assert.equal(direct.group, false);
    assert.deepEqual(direct.participants, [
      { raw: '34600000101@s.whatsapp.net', e164: CONTROLLER, name: 'Jefe' },
    ]);
  });

  it('reads sms.db messages: text from attributedBody, nanosecond dates, senders, attachments', () => {
    const at = (iso: string) => ({ utc: iso, original: cocoaNs(iso), zone: 'apple-ns' });
    const direct = `iMessage;-;${CLIENT}`;
    const group = find(sink.records, 'chat', 'chat', '4').key;
    const long = device.messages.find((m) => m.id === 12)!.text!;
    assert.ok(Buffer.byteLength(long) > 127);
    assert.deepEqual(
      ofKind(sink.records, 'message')
        .filter((m) => m.app === 'native')
        .map((m) => [m.prov.rowId, m.chatKey, m.direction, m.sender, m.at, m.text, m.attachments]),
      [
        [
          '1',
          direct,
          'incoming',
          { raw: CLIENT, e164: CLIENT },
          at('2023-03-28T18:55:00.000Z'),
          'Hoi, ben je vanavond beschikbaar?',
          [],
        ],
        // Even id: text NULL, recovered from attributedBody.
        [
          '2',
          direct,
          'outgoing',
          { raw: OWNER, e164: OWNER },
          at('2023-03-28T18:57:30.000Z'),
          'Ja schat, 150 p/u. Adres stuur ik later',
          [],
        ],
        [
          '7',
          group,
          'incoming',
          { raw: DRIVER, e164: DRIVER },
          at('2023-03-29T08:00:00.000Z'),
          'Wie rijdt er vanavond?',
          [],
        ],
        // NSMutableAttributedString, text only in attributedBody, attachment + caption.
        [
          '8',
          group,
          'outgoing',
          { raw: OWNER, e164: OWNER },
          at('2023-03-29T08:01:00.000Z'),
          'Ik, foto van de auto',
          [{ fileName: 'IMG_0042.HEIC', mimeType: 'image/heic', bytes: 1_234_567 }],
        ],
        // Attachment only: the body is just U+FFFC.
        [
          '10',
          direct,
          'incoming',
          { raw: CLIENT, e164: CLIENT },
          at('2023-03-29T08:02:00.000Z'),
          null,
          [{ fileName: 'locatie.pdf', mimeType: 'application/pdf', bytes: 2048 }],
        ],
        // Longer than 127 UTF-8 bytes: a two-byte length in the typedstream.
        [
          '12',
          direct,
          'outgoing',
          { raw: OWNER, e164: OWNER },
          at('2023-03-29T08:03:00.000Z'),
          long,
          [],
        ],
      ],
    );
    assert.deepEqual(find(sink.records, 'message', 'message', '2').prov, {
      file: IOS_PATHS.sms,
      table: 'message',
      rowId: '2',
    });
  });

  it('reads WhatsApp messages: JIDs, group senders, media with caption, Cocoa seconds', () => {
    const messages = ofKind(sink.records, 'message').filter((m) => m.app === 'whatsapp');
    assert.equal(messages.length, 4);
    assert.deepEqual(find(sink.records, 'message', 'ZWAMESSAGE', '4'), {
      kind: 'message',
      app: 'whatsapp',
      chatKey: '34600000101@s.whatsapp.net',
      direction: 'outgoing',
      sender: { raw: '31697000001@s.whatsapp.net', e164: OWNER },
      at: {
        utc: '2023-03-28T23:40:00.000Z',
        original: cocoaS('2023-03-28T23:40:00.000Z'),
        zone: 'apple-s',
      },
      text: 'Listo, 450 euros',
      attachments: [
        {
          fileName: find(sink.records, 'message', 'ZWAMESSAGE', '4').attachments[0]!.fileName,
          mimeType: 'image/jpeg',
          bytes: 48211,
        },
      ],
      prov: { file: wa.chatStorage, table: 'ZWAMESSAGE', rowId: '4' },
    });
    assert.match(
      find(sink.records, 'message', 'ZWAMESSAGE', '4').attachments[0]!.fileName!,
      /^[0-9a-f-]{36}\.jpg$/,
    );
    const fromGroup = find(sink.records, 'message', 'ZWAMESSAGE', '5');
    assert.equal(fromGroup.chatKey, '34600000101-1679385600@g.us');
    assert.equal(fromGroup.direction, 'incoming');
    assert.deepEqual(fromGroup.sender, {
      raw: '31697000002@s.whatsapp.net',
      e164: DRIVER,
      name: 'Chofer Marco',
    });
    assert.equal(fromGroup.text, 'Ik haal jullie om 11 uur op bij het station');
    assert.equal(find(sink.records, 'message', 'ZWAMESSAGE', '6').text, 'Ok 👍');
    assert.deepEqual(find(sink.records, 'message', 'ZWAMESSAGE', '3').sender, {
      raw: '34600000101@s.whatsapp.net',
      e164: CONTROLLER,
      name: 'Jefe',
    });
  });

  it('leaves the evidence untouched (every file, byte for byte)', () => {
    assert.ok(before_.size > 5);
    assert.deepEqual(after_, before_);
  });
});

describe('iOS reader: synthetic world devices (ios-fs)', () => {
  let out: string;
  interface TruthDevice {
    id: string;
    format: string;
    ownerNumbers: string[];
    counts: Record<string, number>;
  }
  let devices: TruthDevice[];

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'schakel-ios-world-'));
    await generateWorld({ seed: 42, size: 'small', out, images: false, devices: 6 });
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as {
      devices: TruthDevice[];
    };
    devices = truth.devices.filter((d) => d.format === 'ios-fs');
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('reads exactly the counts truth.json gives, and the owner number', async () => {
    assert.ok(devices.length >= 2, `${devices.length} ios-fs devices`);
    for (const d of devices) {
      const country = parsePhoneNumberFromString(d.ownerNumbers[0]!)?.country ?? 'NL';
      const root = join(out, 'devices', d.id);
      const before_ = hashTree(root);
      const x = folderExtraction(root);
      let sink: CollectingSink;
      try {
        sink = await read(x, country);
      } finally {
        x.close();
      }
      assert.deepEqual(sink.warnings, [], d.id);
      assert.deepEqual(recordCounts(sink.records), d.counts, d.id);
      assert.deepEqual([...sink.ownerPhones], [d.ownerNumbers[0]], d.id);
      for (const p of sink.ownerPhones) assert.ok(d.ownerNumbers.includes(p));
      // Everything synthetic is a real number at a real time.
      for (const r of sink.records) {
        if (r.kind === 'contact') for (const p of r.phones) assert.ok(p.e164, `${d.id} ${p.raw}`);
        if (r.kind === 'call') assert.ok(r.party?.e164 && r.at.utc, `${d.id} call`);
        if (r.kind === 'message') {
          assert.ok(r.at.utc && r.chatKey && r.sender?.e164, `${d.id} message ${r.prov.rowId}`);
          assert.ok(r.text !== null || r.attachments.length > 0, `${d.id} ${r.prov.rowId}`);
        }
      }
      assert.deepEqual(hashTree(root), before_, `${d.id} evidence changed`);
    }
  });
});

describe('iOS reader: public iLEAPP test images', { skip: noPublicData }, () => {
  /** Unpacks a public zip (read in place, never written), reads it, checks the evidence is unchanged. */
  async function readZip(name: string, country = 'US') {
    const path = zip(name);
    const zipHash = sha256(path);
    const sink = collectingSink(country);
    const x = await unpackArchive(path, 'zip', sink);
    try {
      const before_ = hashTree(x.path(''));
      await readIos(x, sink);
      assert.deepEqual(hashTree(x.path('')), before_, `${name}: evidence changed`);
      assert.ok(
        [...before_.keys()].some((f) => f.endsWith('-wal')),
        'the -wal files are hashed too',
      );
    } finally {
      x.close();
    }
    assert.equal(sha256(path), zipHash);
    return sink;
  }

  function plausible(iso: string | null | undefined) {
    assert.ok(iso, 'a time');
    assert.ok(iso >= '2022-01-01' && iso < '2024-01-01', iso);
  }

  it('josh_ios15 WhatsApp messages: 32 messages in 5 chats (1 direct, 4 groups)', async () => {
    const sink = await readZip('whatsApp.whatsAppMessages.josh_ios15_ffs');
    assert.deepEqual(sink.warnings, []);
    const chats = ofKind(sink.records, 'chat');
    const messages = ofKind(sink.records, 'message');
    assert.equal(chats.length, 5);
    assert.equal(messages.length, 32);
    assert.ok(chats.every((c) => c.app === 'whatsapp' && /AppGroup\/694FBBC5-/.test(c.prov.file)));
    assert.deepEqual(
      chats.map((c) => [c.key, c.group, c.subject, c.participants.length]),
      [
        ['120363023356659014@g.us', true, 'Our Test Group', 2],
        ['120363044520422953@g.us', true, 'Med Report Review', 2],
        ['120363043672417929@g.us', true, 'Med Report 2', 2],
        ['120363024323946819@g.us', true, 'Working Group', 2],
        ['19198887386@s.whatsapp.net', false, null, 1],
      ],
    );
    // Group members: the owner's JID and a LID (no number in it), as ZWAGROUPMEMBER lists them.
    const members = chats.filter((c) => c.group).flatMap((c) => c.participants);
    assert.equal(members.length, 8);
    assert.deepEqual(
      new Set(members.map((p) => `${p.raw}|${p.e164}`)),
      new Set(['19195794674@s.whatsapp.net|+19195794674', '205690463334636@lid|null']),
    );
    assert.deepEqual(chats[4]!.participants, [
      { raw: '19198887386@s.whatsapp.net', e164: '+19198887386', name: 'This Is DFIR Two' },
    ]);
    for (const c of chats.filter((c) => c.group)) plausible(c.createdAt?.utc);
    // Every message in one of the chats, 11 from the owner, 21 to.
    const keys = new Set(chats.map((c) => c.key));
    assert.ok(messages.every((m) => m.chatKey !== null && keys.has(m.chatKey)));
    assert.equal(messages.filter((m) => m.direction === 'outgoing').length, 11);
    assert.equal(messages.filter((m) => m.direction === 'incoming').length, 21);
    assert.equal(messages.filter((m) => m.chatKey === '19198887386@s.whatsapp.net').length, 22);
    for (const m of messages) {
      plausible(m.at.utc);
      assert.equal(m.at.zone, 'apple-s');
    }
    // Exact: an incoming text with a fractional-free date, and the two photos.
    assert.deepEqual(find(sink.records, 'message', 'ZWAMESSAGE', '13'), {
      kind: 'message',
      app: 'whatsapp',
      chatKey: '19198887386@s.whatsapp.net',
      direction: 'incoming',
      sender: { raw: '19198887386@s.whatsapp.net', e164: '+19198887386', name: 'This Is DFIR Two' },
      at: { utc: '2023-05-02T15:57:30.000Z', original: '704735850', zone: 'apple-s' },
      text: 'Awesome. You had some chat history, eh?',
      attachments: [],
      prov: {
        file: 'filesystem2/mobile/Containers/Shared/AppGroup/694FBBC5-2E69-480A-A25B-FF8CC038BEF8/ChatStorage.sqlite',
        table: 'ZWAMESSAGE',
        rowId: '13',
      },
    });
    assert.equal(find(sink.records, 'message', 'ZWAMESSAGE', '29').text, 'Done. It’s gone. 😀');
    const media = messages.filter((m) => m.attachments.length > 0);
    assert.deepEqual(
      media.map((m) => [m.prov.rowId, m.direction, m.attachments]),
      [
        [
          '21',
          'outgoing',
          [
            {
              fileName: 'd041d159-fd7d-4abb-9192-0e97c10ddb00.jpg',
              mimeType: 'image/jpeg',
              bytes: 42073,
            },
          ],
        ],
        [
          '23',
          'incoming',
          [
            {
              fileName: '074dc9c5-d1e2-418b-8bcc-8c4ed1f67f7e.jpg',
              mimeType: 'image/jpeg',
              bytes: 55290,
            },
          ],
        ],
      ],
    );
    // No shared plist in the slice: the owner is not stated, outgoing messages have no sender.
    assert.deepEqual([...sink.ownerPhones], []);
    assert.ok(messages.filter((m) => m.direction === 'outgoing').every((m) => m.sender === null));
  });

  it('josh_ios15 ContactsV2: 9 WhatsApp contacts', async () => {
    const sink = await readZip('whatsApp.whatsAppContacts.josh_ios15_ffs');
    assert.deepEqual(sink.warnings, []);
    const contacts = ofKind(sink.records, 'contact');
    assert.equal(contacts.length, 9);
    assert.ok(contacts.every((c) => c.app === 'whatsapp'));
    assert.deepEqual(contacts[1], {
      kind: 'contact',
      app: 'whatsapp',
      name: "Thom De'Fer",
      phones: [{ raw: '(919) 802-7080', e164: '+19198027080', label: 'mobile' }],
      emails: [],
      prov: {
        file: 'filesystem2/mobile/Containers/Shared/AppGroup/694FBBC5-2E69-480A-A25B-FF8CC038BEF8/ContactsV2.sqlite',
        table: 'ZWAADDRESSBOOKCONTACT',
        rowId: '2',
      },
    });
    // Three have no number at all, Apple's vanity number has no E.164; the others all do.
    assert.equal(contacts.filter((c) => c.phones.length === 0).length, 3);
    assert.deepEqual(
      contacts.flatMap((c) => c.phones).filter((p) => !p.e164),
      [{ raw: '1-800-MY-APPLE', e164: null, label: 'main' }],
    );
    assert.equal(contacts.find((c) => c.prov.rowId === '7')?.phones[0]?.label, 'TextNow');
  });

  it('josh_ios15 WhatsApp CallHistory: 4 calls, directions and video from the aggregate', async () => {
    const sink = await readZip('whatsApp.whatsAppCallHistory.josh_ios15_ffs');
    assert.deepEqual(sink.warnings, []);
    const calls = ofKind(sink.records, 'call');
    assert.equal(calls.length, 4);
    assert.deepEqual(
      calls.map((c) => [c.app, c.direction, c.party?.e164, c.durationSeconds, c.video]),
      [
        ['whatsapp', 'outgoing', '+19198887386', 95, false],
        ['whatsapp', 'incoming', '+19198887386', 101, false],
        ['whatsapp', 'outgoing', '+19198887386', 105, true],
        ['whatsapp', 'incoming', '+19198887386', 104, true],
      ],
    );
    for (const c of calls) plausible(c.at.utc);
    assert.equal(calls[0]!.at.utc, '2023-05-02T16:12:10.067Z');
    // The ContactsV2 in the same slice is read as well.
    assert.equal(ofKind(sink.records, 'contact').length, 9);
  });

  it('josh_ios15 AddressBook: 9 ABPerson contacts; of 13 multi-values 7 phones and 4 e-mails', async () => {
    const sink = await readZip('addressBook.addressBook.josh_ios15_ffs');
    assert.deepEqual(sink.warnings, []);
    const contacts = ofKind(sink.records, 'contact');
    assert.equal(contacts.length, 9);
    assert.ok(contacts.every((c) => c.app === 'native' && c.prov.table === 'ABPerson'));
    // ABMultiValue mapping: property 3 → phones, 4 → e-mails; the street address (5) and the
    // home page (22) of "Apple Inc." are no phone or e-mail and are not carried.
    const phones = contacts.flatMap((c) => c.phones);
    const emails = contacts.flatMap((c) => c.emails);
    assert.equal(phones.length, 7);
    assert.equal(emails.length, 4);
    assert.equal(phones.length + emails.length + 2, 13);
    assert.deepEqual(
      contacts.map((c) => c.name),
      [
        'This Is DFIR Two',
        'Apple Inc.',
        'This Is DFIR',
        'This DFIR',
        'Liz',
        'ThisIs DFIRThree',
        'Josh Hickman',
        "Thom De'Fer",
        'This Is DFIR Two',
      ],
    );
    assert.deepEqual(contacts[6], {
      kind: 'contact',
      app: 'native',
      name: 'Josh Hickman',
      phones: [
        { raw: '(919) 579-0479', e164: '+19195790479', label: 'mobile' },
        { raw: '(919) 391-2507', e164: '+19193912507', label: 'TextNow' },
      ],
      emails: ['joshuahickman957@gmail.com'],
      prov: {
        file: 'filesystem2/mobile/Library/AddressBook/AddressBook.sqlitedb',
        table: 'ABPerson',
        rowId: '7',
      },
    });
    assert.deepEqual(contacts[1]!.phones, [{ raw: '1-800-MY-APPLE', e164: null, label: 'main' }]);
  });

  it('belkasoft AddressBook: the one contact that lives only in the -wal', async () => {
    const sink = await readZip('addressBook.addressBook.belkasoft_ctf6_ios_device1');
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(ofKind(sink.records, 'contact'), [
      {
        kind: 'contact',
        app: 'native',
        name: 'William Phorger',
        phones: [],
        emails: ['billthemegakill@icloud.com'],
        prov: {
          file: 'private/var/mobile/Library/AddressBook/AddressBook.sqlitedb',
          table: 'ABPerson',
          rowId: '1',
        },
      },
    ]);
  });

  it('mvs AddressBook and ContactsV2: empty schemas, no records and no crash', async () => {
    for (const name of [
      'addressBook.addressBook.mvs_ios_2023',
      'whatsApp.whatsAppContacts.mvs_ios_2023',
      'whatsApp.whatsAppCallHistory.mvs_ios_2023',
    ]) {
      const sink = await readZip(name);
      assert.deepEqual(sink.records, [], name);
      assert.deepEqual(sink.warnings, [], name);
    }
  });
});

describe('iOS reader: bad input', () => {
  let dir: string;
  const device = sampleDevice('ios');
  const wa = whatsappPaths(device);

  /** A fresh copy of the sample device, changed by `damage`, read. */
  async function damaged(name: string, damage: (root: string) => void) {
    const root = join(dir, name);
    await writeIos(root, device);
    damage(root);
    const x = folderExtraction(root);
    try {
      return await read(x);
    } finally {
      x.close();
    }
  }

  function pseudoRandom(n: number, seed: string): Buffer {
    const out: Buffer[] = [];
    for (let i = 0; out.length * 32 < n; i++)
      out.push(createHash('sha256').update(`${seed}|${i}`).digest());
    return Buffer.concat(out).subarray(0, n);
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-ios-bad-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an encrypted (SQLCipher-like) database: a warning, the rest still read', async () => {
    const sink = await damaged('cipher', (root) =>
      writeFileSync(join(root, wa.chatStorage), pseudoRandom(16_384, 'cipher')),
    );
    assert.equal(sink.warnings.length, 1);
    assert.equal(sink.warnings[0]!.file, wa.chatStorage);
    assert.match(sink.warnings[0]!.message, /not a SQLite database/);
    assert.deepEqual(recordCounts(sink.records), {
      contacts: 3,
      calls: 4,
      chats: 1,
      messages: 2,
      accounts: 2,
      media: 0,
    });
  });

  it('a damaged database: what can be read is read, the damage is a warning', async () => {
    // Cannot even be opened: the schema pages are cut off.
    const cut = await damaged('truncated', (root) => {
      const path = join(root, IOS_PATHS.sms);
      writeFileSync(path, readFileSync(path).subarray(0, 6_000));
    });
    assert.equal(cut.warnings.length, 1);
    assert.equal(cut.warnings[0]!.file, IOS_PATHS.sms);
    assert.match(cut.warnings[0]!.message, /malformed|not a database|cannot/i);
    assert.equal(ofKind(cut.records, 'contact').length, 3);
    assert.equal(ofKind(cut.records, 'message').length, 4);

    // A big sms.db with one page of the message table overwritten: the rows before it are read.
    const big = sampleDevice('ios');
    const start = Date.parse('2023-03-29T10:00:00.000Z');
    for (let i = 0; i < 4_500; i++) {
      big.messages.push({
        id: 100 + i,
        chatId: 1,
        app: 'native',
        direction: i % 2 ? 'outgoing' : 'incoming',
        sender: i % 2 ? OWNER : CLIENT,
        at: new Date(start + i * 60_000).toISOString(),
        text: `Bericht ${i} ${'x'.repeat(i % 300)}`,
        attachment: null,
        read: true,
      });
    }
    const root = join(dir, 'big');
    await writeIos(root, big);
    const fresh = folderExtraction(root);
    const whole = await read(fresh);
    fresh.close();
    assert.deepEqual(whole.warnings, []);
    assert.equal(ofKind(whole.records, 'message').length, 4_506);
    // Readers drain at least every 2,000 records.
    assert.ok(whole.maxBetweenDrains <= 2_000, `${whole.maxBetweenDrains} records between drains`);
    assert.ok(whole.drains >= 3);
    const path = join(root, IOS_PATHS.sms);
    const bytes = readFileSync(path);
    const page = bytes.readUInt16BE(16);
    const n = Math.floor(bytes.length / page / 2);
    bytes.fill(0xa5, n * page, (n + 1) * page);
    writeFileSync(path, bytes);
    const x = folderExtraction(root);
    const hurt = await read(x);
    x.close();
    const read_ = ofKind(hurt.records, 'message').filter((m) => m.app === 'native').length;
    assert.ok(read_ > 100 && read_ < 4_502, `${read_} native messages read`);
    assert.deepEqual(
      hurt.warnings.map((w) => w.file),
      [IOS_PATHS.sms],
    );
    assert.match(
      hurt.warnings[0]!.message,
      /^message: .*malformed.*rows after this point not read/,
    );
    assert.equal(ofKind(hurt.records, 'contact').length, 3);
  });

  it('an unknown schema: a warning naming the tables found', async () => {
    const sink = await damaged('schema', (root) => {
      const path = join(root, IOS_PATHS.sms);
      unlinkSync(path);
      const db = new Database(path);
      db.exec(
        'CREATE TABLE chat (ROWID INTEGER PRIMARY KEY, guid TEXT); CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT)',
      );
      db.close();
    });
    assert.deepEqual(sink.warnings, [
      {
        file: IOS_PATHS.sms,
        message: 'table message missing: unknown schema (tables found: chat, handle); not read',
      },
    ]);
    assert.equal(ofKind(sink.records, 'message').length, 4); // the WhatsApp ones
    assert.equal(ofKind(sink.records, 'call').length, 4);
  });

  it('attributedBody that cannot be decoded: one warning per file with the count, messages kept', async () => {
    const sink = await damaged('body', (root) => {
      const db = new Database(join(root, IOS_PATHS.sms));
      db.prepare('UPDATE message SET text = NULL, attributedBody = ?').run(
        pseudoRandom(64, 'body'),
      );
      db.close();
    });
    assert.deepEqual(sink.warnings, [
      {
        file: IOS_PATHS.sms,
        message:
          'message: 2 message bodies only in attributedBody could not be decoded; kept without text',
      },
    ]);
    const native = ofKind(sink.records, 'message').filter((m) => m.app === 'native');
    assert.equal(native.length, 2);
    assert.ok(native.every((m) => m.text === null && m.at.utc !== null));
  });

  it('an old sms.db with dates in Cocoa seconds', async () => {
    const sink = await damaged('seconds', (root) => {
      const db = new Database(join(root, IOS_PATHS.sms));
      db.exec('UPDATE message SET date = date / 1000000000');
      db.close();
    });
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(find(sink.records, 'message', 'message', '1').at, {
      utc: '2023-03-28T18:55:00.000Z',
      original: cocoaS('2023-03-28T18:55:00.000Z'),
      zone: 'apple-s',
    });
  });

  it('WhatsApp preferences: a binary plist is read too; a broken one is a warning', async () => {
    const binary = await damaged('bplist', (root) =>
      writeFileSync(
        join(root, wa.prefs),
        binaryPlist([
          ['OwnJabberID', '31697000001@s.whatsapp.net'],
          ['FullUserName', 'Valé 💋'],
        ]),
      ),
    );
    assert.deepEqual(binary.warnings, []);
    assert.deepEqual(
      ofKind(binary.records, 'account').find((a) => a.app === 'whatsapp'),
      {
        kind: 'account',
        app: 'whatsapp',
        identifier: OWNER,
        displayName: 'Valé 💋',
        prov: { file: wa.prefs, table: 'OwnJabberID' },
      },
    );
    const broken = await damaged('badplist', (root) =>
      writeFileSync(join(root, wa.prefs), pseudoRandom(100, 'plist')),
    );
    assert.equal(broken.warnings.length, 1);
    assert.equal(broken.warnings[0]!.file, wa.prefs);
    assert.equal(ofKind(broken.records, 'account').length, 1);
    // Outgoing WhatsApp messages then have no known sender; everything else is read.
    assert.equal(find(broken.records, 'message', 'ZWAMESSAGE', '4').sender, null);
    assert.equal(ofKind(broken.records, 'message').length, 6);
  });

  it('a folder without any iOS database: nothing, no warnings', async () => {
    const root = join(dir, 'empty');
    mkdirSync(join(root, 'private/var/mobile/Library/SMS'), { recursive: true });
    writeFileSync(join(root, 'private/var/mobile/Library/SMS/sms.db-wal'), '');
    const x = folderExtraction(root);
    const sink = await read(x);
    x.close();
    assert.deepEqual(sink.records, []);
    assert.deepEqual(sink.warnings, []);
  });

  it('an empty (0-byte) database file: a warning', async () => {
    const sink = await damaged('zero', (root) => {
      const path = join(root, IOS_PATHS.callHistory);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
    });
    assert.deepEqual(
      sink.warnings.map((w) => w.file),
      [IOS_PATHS.callHistory],
    );
    assert.equal(ofKind(sink.records, 'call').length, 1); // the WhatsApp call
  });
});

describe('plist strings', () => {
  it('reads the top-level string values of XML and binary plists', () => {
    const xml = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n' +
        '\t<key>OwnJabberID</key>\n\t<string>31612345678@s.whatsapp.net</string>\n' +
        '\t<key>FullUserName</key>\n\t<string>Zo&amp;ë &lt;3</string>\n' +
        '\t<key>Count</key>\n\t<integer>3</integer>\n</dict>\n</plist>\n',
    );
    assert.deepEqual(
      plistStrings(xml),
      new Map([
        ['OwnJabberID', '31612345678@s.whatsapp.net'],
        ['FullUserName', 'Zo&ë <3'],
      ]),
    );
    const long = 'a-very-long-value-of-more-than-fifteen-characters';
    assert.deepEqual(
      plistStrings(
        binaryPlist([
          ['A', 'b'],
          ['Long', long],
          ['Name', 'Zoë'],
        ]),
      ),
      new Map([
        ['A', 'b'],
        ['Long', long],
        ['Name', 'Zoë'],
      ]),
    );
    assert.throws(() => plistStrings(Buffer.from('not a plist')));
  });
});

/** A binary plist (bplist00) of one dictionary of strings: ASCII, or UTF-16 for anything else. */
function binaryPlist(entries: [string, string][]): Buffer {
  const objects: Buffer[] = [];
  const str = (s: string): Buffer => {
    const ascii = [...s].every((c) => c.charCodeAt(0) < 0x80);
    const body = ascii ? Buffer.from(s, 'latin1') : Buffer.from(s, 'utf16le').swap16();
    const count = ascii ? body.length : body.length / 2;
    const marker = (ascii ? 0x50 : 0x60) | Math.min(count, 0x0f);
    const head = count < 0x0f ? Buffer.from([marker]) : Buffer.from([marker, 0x10, count]);
    return Buffer.concat([head, body]);
  };
  const dict = Buffer.from([
    0xd0 | entries.length,
    ...entries.map((_, i) => 1 + i),
    ...entries.map((_, i) => 1 + entries.length + i),
  ]);
  objects.push(dict, ...entries.map(([k]) => str(k)), ...entries.map(([, v]) => str(v)));
  const offsets: number[] = [];
  let at = 8;
  for (const o of objects) {
    offsets.push(at);
    at += o.length;
  }
  const table = Buffer.alloc(objects.length * 2);
  offsets.forEach((o, i) => table.writeUInt16BE(o, i * 2));
  const trailer = Buffer.alloc(32);
  trailer[6] = 2; // offset size
  trailer[7] = 1; // object reference size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([Buffer.from('bplist00', 'latin1'), ...objects, table, trailer]);
}
