import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { readUfdr, readUfedXml } from '../../../src/intake/devices/ufdr.js';
import type { DeviceRecord } from '../../../src/intake/devices/types.js';
import { generateWorld } from '../../../src/scenario/generate.js';
import type { DeviceCounts, DeviceExtraction } from '../../../src/scenario/devices/model.js';
import { sampleDevice } from '../../../src/scenario/devices/sample.js';
import {
  chatJid,
  ufdrParts,
  writeLargeReport,
  writeUfdr,
} from '../../../src/scenario/devices/ufdr.js';
import { collectingSink, ofKind, recordCounts } from '../../helpers/device-sink.js';

/** The public IPED fixtures, read in place (never copied into the repository). */
const FRAGMENTS = join(process.cwd(), '..', 'shared', 'data', 'forensics', 'ufed-xml');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The SIM country the world gives a phone (see scenario/devices/content.ts). */
const countryOf = (owner: string) => (owner.startsWith('+34') ? 'ES' : 'NL');

async function reportText(device: DeviceExtraction): Promise<string> {
  let xml = '';
  for await (const chunk of ufdrParts(device).report) xml += chunk;
  return xml;
}

/** A zip of the given entries (deflated), written with yazl. */
async function writeZip(path: string, entries: [name: string, content: string | Buffer][]) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries)
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, {
      mtime: new Date(2023, 3, 3),
      compress: true,
    });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/**
 * Sets general-purpose bit 0 ("encrypted") of one entry, in its central directory record and its
 * local header, the way a password-protected archive marks it. Walks the real structure (end of
 * central directory → central records → local header), so compressed bytes are never touched.
 */
function markEncrypted(zip: Buffer, name: string): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory');
  const count = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(out.readUInt32LE(p), 0x02014b50, 'central directory record');
    const n = out.readUInt16LE(p + 28);
    const m = out.readUInt16LE(p + 30);
    const k = out.readUInt16LE(p + 32);
    if (out.subarray(p + 46, p + 46 + n).toString() === name) {
      out.writeUInt16LE(out.readUInt16LE(p + 8) | 1, p + 8);
      const local = out.readUInt32LE(p + 42);
      assert.equal(out.readUInt32LE(local), 0x04034b50, 'local header');
      out.writeUInt16LE(out.readUInt16LE(local + 6) | 1, local + 6);
    }
    p += 46 + n + m + k;
  }
  return out;
}

function isEncryptedPerYauzl(path: string, name: string): Promise<boolean> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName === name) {
          zip.close();
          resolve(e.isEncrypted());
        } else zip.readEntry();
      });
      zip.on('end', () => resolve(false));
      zip.on('error', reject);
      zip.readEntry();
    }),
  );
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'schakel-ufdr-read-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('UFDR reader: the synthetic world', () => {
  interface TruthDevice {
    id: string;
    format: string;
    platform: string;
    files: string[];
    ownerNumbers: string[];
    counts: DeviceCounts;
  }
  let world: string;
  let devices: TruthDevice[];

  before(async () => {
    world = join(root, 'world');
    // Twelve examined phones: every third one is a UFDR, alternately iPhone and Android.
    await generateWorld({ seed: 1, size: 'small', out: world, images: false, devices: 12 });
    const truth = JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as {
      devices: TruthDevice[];
    };
    devices = truth.devices.filter((d) => d.format === 'ufdr');
  });

  it('reads each UFDR to the counts and owner numbers of truth.json, evidence unchanged', async () => {
    assert.ok(devices.length >= 2, 'the world has UFDR devices');
    assert.deepEqual(new Set(devices.map((d) => d.platform)), new Set(['ios', 'android']));
    for (const d of devices) {
      const file = join(world, d.files[0]!);
      const before = sha256(file);
      const sink = collectingSink(countryOf(d.ownerNumbers[0]!));
      await readUfdr(file, sink);
      assert.deepEqual(sink.warnings, [], d.id);
      assert.deepEqual(recordCounts(sink.records), d.counts, d.id);
      assert.deepEqual([...sink.ownerPhones].sort(), [...d.ownerNumbers].sort(), d.id);
      assert.ok(sink.maxBetweenDrains <= 2000);
      // Every message is in a chat of its app that was recorded before it.
      const seen = new Set<string>();
      for (const r of sink.records) {
        if (r.kind === 'chat') seen.add(`${r.app}|${r.key}`);
        if (r.kind === 'message') assert.ok(seen.has(`${r.app}|${r.chatKey}`), `${d.id} chat`);
      }
      assert.equal(sha256(file), before, `${d.id} is unchanged`);
    }
  });
});

for (const platform of ['android', 'ios'] as const) {
  describe(`UFDR reader: the sample ${platform} device, record by record`, () => {
    const device = sampleDevice(platform, 'ufdr');
    const owner = device.ownerNumbers[0]!;
    let records: DeviceRecord[];
    let sink: ReturnType<typeof collectingSink>;

    before(async () => {
      const dir = join(root, `sample-${platform}`);
      const [rel] = await writeUfdr(dir, device);
      sink = collectingSink('NL');
      await readUfdr(join(dir, rel!), sink);
      records = sink.records;
    });

    it('reads without warnings, with provenance to the model in report.xml', () => {
      assert.deepEqual(sink.warnings, []);
      const ids = records.map((r) => r.prov.rowId);
      for (const r of records) {
        assert.equal(r.prov.file, 'report.xml');
        assert.match(r.prov.rowId!, UUID);
      }
      assert.equal(new Set(ids).size, ids.length, 'one record per model');
      assert.deepEqual(
        new Set(records.map((r) => `${r.kind}:${r.prov.table}`)),
        new Set([
          'call:Call',
          'chat:Chat',
          'message:InstantMessage',
          'contact:Contact',
          'account:UserAccount',
        ]),
      );
    });

    it('reads contacts with E.164 numbers, labels and e-mails', () => {
      const contacts = ofKind(records, 'contact');
      assert.deepEqual(
        contacts.map((c) => ({
          app: c.app,
          name: c.name,
          phones: c.phones.map((p) => [p.e164, p.label]),
          emails: c.emails,
        })),
        device.contacts.map((c) => ({
          app: c.app,
          name: c.displayName,
          phones: c.phones.map((p) => [p.number, p.label]),
          emails: c.emails,
        })),
      );
      // As the owner typed it: national for a Dutch number, international otherwise.
      assert.deepEqual(
        contacts[1]!.phones.map((p) => p.raw),
        ['06 97000002', '020 123 4567'],
      );
    });

    it('reads calls: direction, other party, time, duration', () => {
      assert.deepEqual(
        ofKind(records, 'call').map((c) => ({
          app: c.app,
          direction: c.direction,
          party: c.party?.e164,
          at: c.at.utc,
          zone: c.at.zone,
          duration: c.durationSeconds,
          video: c.video,
        })),
        device.calls.map((c) => ({
          app: c.app,
          direction: c.direction,
          party: c.number,
          at: c.at,
          zone: '+00:00',
          duration: c.durationSeconds,
          video: c.video,
        })),
      );
      const wa = ofKind(records, 'call').find((c) => c.app === 'whatsapp')!;
      assert.equal(wa.party!.raw, '34600000101@s.whatsapp.net');
      assert.equal(wa.party!.name, 'Jefe');
    });

    it('reads chats: keys, direct peers, group subject and members', () => {
      const chats = ofKind(records, 'chat');
      assert.equal(chats.length, device.chats.length);
      const [native, direct, group] = chats;
      assert.deepEqual(
        { app: native!.app, key: native!.key, group: native!.group },
        { app: 'native', key: '+31697000003', group: false },
      );
      assert.deepEqual(
        native!.participants.map((p) => p.e164),
        ['+31697000003'],
      );
      assert.equal(direct!.key, '34600000101@s.whatsapp.net');
      assert.deepEqual(
        direct!.participants.map((p) => [p.e164, p.name]),
        [['+34600000101', 'Jefe']],
      );
      const g = device.chats[2]!;
      assert.equal(group!.key, chatJid(g));
      assert.equal(group!.group, true);
      assert.equal(group!.subject, 'Chicas Zwolle 💋');
      assert.deepEqual(
        group!.participants.map((p) => p.e164),
        g.members,
      );
      for (const [i, c] of chats.entries()) {
        assert.equal(c.createdAt!.utc, device.chats[i]!.createdAt);
        assert.equal(c.subject === null, !c.group);
      }
    });

    it('reads messages: chat, direction, sender, time, text, attachments', () => {
      const messages = ofKind(records, 'message');
      assert.equal(messages.length, device.messages.length);
      const keys = new Map(
        device.chats.map((c, i) => [c.id, ofKind(records, 'chat')[i]!.key] as const),
      );
      for (const m of device.messages) {
        const r = messages.find((x) => x.at.utc === m.at && x.text === m.text);
        assert.ok(r, `message ${m.id}`);
        assert.equal(r.app, m.app);
        assert.equal(r.chatKey, keys.get(m.chatId));
        assert.equal(r.direction, m.direction);
        assert.equal(r.sender?.e164, m.direction === 'outgoing' ? owner : m.sender);
        assert.deepEqual(r.attachments, m.attachment ? [m.attachment] : []);
      }
      // Native messages: E.164 parties, not JIDs; WhatsApp: JIDs.
      assert.equal(messages[0]!.sender!.raw, '+31697000003');
      assert.equal(messages[3]!.sender!.raw, '31697000001@s.whatsapp.net');
    });

    it('reads the accounts and the owner', () => {
      assert.deepEqual(
        ofKind(records, 'account').map((a) => [a.app, a.identifier, a.displayName]),
        device.accounts.map((a) => [a.app, a.identifier, a.displayName]),
      );
      assert.deepEqual([...sink.ownerPhones], [owner]);
      assert.ok(sink.ownerAccounts.has(device.accounts[1]!.identifier));
    });

    it('reads the same from a bare report.xml stream, however it is chunked', async () => {
      const xml = Buffer.from(await reportText(device), 'utf8');
      // 7-byte chunks split multi-byte characters (💋, ñ) and tags.
      const chunks: Buffer[] = [];
      for (let i = 0; i < xml.length; i += 7) chunks.push(xml.subarray(i, i + 7));
      const other = collectingSink('NL');
      await readUfedXml(Readable.from(chunks), other, 'report.xml');
      assert.deepEqual(other.warnings, []);
      assert.deepEqual(other.records, records);
    });
  });
}

describe(
  'UFDR reader: public Cellebrite fragments (IPED fixtures)',
  { skip: !existsSync(FRAGMENTS) && 'public fragments not present' },
  () => {
    const chatFile = join(FRAGMENTS, 'ufed-model-chat.xml');
    const accountFile = join(FRAGMENTS, 'ufed-model-useraccount.xml');

    it('reads the bare <model type="Chat"> root: one chat, its messages and attachments', async () => {
      const before = sha256(chatFile);
      const sink = collectingSink('NL');
      await readUfedXml(chatFile, sink, 'ufed-model-chat.xml');
      assert.deepEqual(sink.warnings, []);
      assert.equal(sha256(chatFile), before, 'the fixture is unchanged');
      assert.equal(before, 'fba1e816d92405e475db137d5eb4ba2874f2546dca4917665eea5c0a720e0097');

      const [chat, ...rest] = ofKind(sink.records, 'chat');
      assert.equal(rest.length, 0);
      assert.deepEqual(
        {
          app: chat!.app,
          key: chat!.key,
          group: chat!.group,
          createdAt: chat!.createdAt!.utc,
          prov: chat!.prov,
        },
        {
          app: 'whatsapp',
          key: '5511999996666@s.whatsapp.net',
          group: false,
          createdAt: '2024-09-28T14:59:35.230Z',
          prov: {
            file: 'ufed-model-chat.xml',
            table: 'Chat',
            rowId: '5c1b7590-ec7d-43ec-8ae0-f1ff3967d30d',
          },
        },
      );
      // A direct chat lists the other party; the owner (Clefable) is known from IsPhoneOwner.
      assert.deepEqual(chat!.participants, [
        { raw: '5511999996666@s.whatsapp.net', e164: '+5511999996666', name: 'Blastoise' },
      ]);
      assert.ok(sink.ownerPhones.has('+5511999998888'));

      // 14 InstantMessage models: 11 messages of the chat, plus 3 copies nested inside them (the
      // forwarded image twice as EmbeddedInstantMessage, a quoted original in ReplyMessageData),
      // which are part of their message, not messages of their own.
      const text = readFileSync(chatFile, 'utf8');
      assert.equal(text.match(/<model type="InstantMessage"/g)!.length, 14);
      const messages = ofKind(sink.records, 'message');
      assert.deepEqual(
        messages.map((m) => m.prov.rowId),
        [
          '2ee39d83-7b1e-48df-bfe7-ef8039de7ae2',
          '5fd44844-5874-47eb-ab1f-0a54a56bdf54',
          '1b9fdd2a-ac19-411c-8776-cee0023a4597',
          '241dd37e-b717-4b73-95bd-92936211113a',
          'c8fd9822-dd2c-41d1-af63-6675db3d8864',
          '8a6fe7fd-1433-4afb-8ad4-9190034d363b',
          'dbe45972-5f4a-4167-a8ce-702e05f0d8b3',
          '6ad32088-9abd-428b-af6c-1df4bcc8796e',
          '076caedd-17fd-4d81-b6ce-132de4bedfa2',
          'db1afcb5-e03e-4fca-bb9e-9ebe1c00bf48',
          '2833f15a-b6e2-4b0e-b7b2-4691528f1ed0',
        ],
      );
      for (const m of messages) {
        assert.equal(m.chatKey, chat!.key);
        assert.equal(m.app, 'whatsapp');
        assert.equal(m.prov.table, 'InstantMessage');
      }
      assert.deepEqual(
        messages.filter((m) => m.direction === 'outgoing').map((m) => m.sender!.raw),
        ['5511999998888@s.whatsapp.net', '5511999998888@s.whatsapp.net', '5600023546'],
      );
      const first = messages[0]!;
      assert.deepEqual(
        [first.direction, first.sender, first.at, first.text],
        [
          'incoming',
          { raw: '5511999997777@s.whatsapp.net', e164: '+5511999997777', name: 'Bulbasaur' },
          {
            utc: '2024-11-03T19:46:47.000Z',
            original: '2024-11-03T19:46:47.000+00:00',
            zone: '+00:00',
          },
          null,
        ],
      );
      assert.equal(messages[5]!.text, 'Certo amigo veja ae');

      // 7 Attachment models, 6 distinct (the forwarded image's embedded copy appears twice with
      // one id): each on its message once, with name, type and size.
      assert.equal(text.match(/<model type="Attachment"/g)!.length, 7);
      assert.deepEqual(
        messages.flatMap((m) => m.attachments.map((a) => [m.prov.rowId!.slice(0, 8), a])),
        [
          [
            '2ee39d83',
            {
              fileName: 'PTT-20241103-WA0101.opus',
              mimeType: 'audio/ogg; codecs=opus',
              bytes: 7054,
            },
          ],
          [
            '5fd44844',
            { fileName: 'IMG-20241103-WA0103.jpg', mimeType: 'image/jpeg', bytes: 74436 },
          ],
          [
            '1b9fdd2a',
            {
              fileName: '02b32769fe914644aaeb47f0485786e9.opus',
              mimeType: 'audio/ogg; codecs=opus',
              bytes: 17097,
            },
          ],
          [
            '241dd37e',
            {
              fileName: 'PTT-20241103-WA0104.opus',
              mimeType: 'audio/ogg; codecs=opus',
              bytes: 42288,
            },
          ],
          [
            'c8fd9822',
            {
              fileName: 'ef890c21f6024b509e2af50a4e2cf935.opus',
              mimeType: 'audio/ogg; codecs=opus',
              bytes: 28101,
            },
          ],
          [
            '6ad32088',
            {
              fileName: 'PTT-20241103-WA0100.opus',
              mimeType: 'audio/ogg; codecs=opus',
              bytes: 33844,
            },
          ],
        ],
      );
      // The shared contact (a vCard in a message) is not an address-book contact.
      assert.equal(ofKind(sink.records, 'contact').length, 0);
    });

    it('reads the bare <modelType type="UserAccount"> root: two accounts', async () => {
      const before = sha256(accountFile);
      const sink = collectingSink('NL');
      await readUfedXml(accountFile, sink, 'ufed-model-useraccount.xml');
      assert.deepEqual(sink.warnings, []);
      assert.equal(sha256(accountFile), before);
      assert.deepEqual(
        sink.records.map(
          (r) => r.kind === 'account' && [r.app, r.identifier, r.displayName, r.prov.rowId],
        ),
        [
          [
            'whatsapp business',
            '+5511999997777',
            'Rattata',
            'df377551-0743-4035-8dc8-fbc915839527',
          ],
          ['instagram', '1212121212121212', 'Pidgeotto', '9628c161-85c6-45e5-9f1f-775bc36996b3'],
        ],
      );
      assert.deepEqual([...sink.ownerAccounts], ['+5511999997777', '1212121212121212']);
    });
  },
);

describe('UFDR reader: protected, damaged and odd input', () => {
  const device = sampleDevice('android', 'ufdr');
  let xml: string;
  let dir: string;
  before(async () => {
    xml = await reportText(device);
    dir = mkdtempSync(join(root, 'odd-'));
  });

  it('warns about a password-protected UFDR and reads nothing, without throwing', async () => {
    const plain = join(dir, 'plain.ufdr');
    await writeZip(plain, [
      ['report.xml', xml],
      ['files/Image/IMG-20230328-WA0004.jpg', Buffer.alloc(64, 1)],
    ]);
    const locked = join(dir, 'locked.ufdr');
    writeFileSync(locked, markEncrypted(readFileSync(plain), 'report.xml'));
    assert.equal(await isEncryptedPerYauzl(locked, 'report.xml'), true, 'yauzl sees it encrypted');
    const before = sha256(locked);
    const sink = collectingSink('NL');
    await readUfdr(locked, sink);
    assert.deepEqual(sink.records, []);
    assert.equal(sink.warnings.length, 1);
    assert.equal(sink.warnings[0]!.file, 'locked.ufdr');
    assert.match(sink.warnings[0]!.message, /^password-protected UFDR: report\.xml .*not read$/);
    assert.equal(sha256(locked), before);
  });

  it('warns about a file that is not a zip, and a zip without report.xml', async () => {
    const notZip = join(dir, 'not-a-zip.ufdr');
    writeFileSync(notZip, xml);
    const a = collectingSink('NL');
    await readUfdr(notZip, a);
    assert.deepEqual(a.records, []);
    assert.equal(a.warnings.length, 1);
    assert.match(a.warnings[0]!.message, /not a readable UFDR/);

    const empty = join(dir, 'no-report.ufdr');
    await writeZip(empty, [['files/Image/a.jpg', Buffer.alloc(10)]]);
    const b = collectingSink('NL');
    await readUfdr(empty, b);
    assert.deepEqual(b.warnings, [
      { file: 'no-report.ufdr', message: 'no report.xml in the UFDR: not read' },
    ]);

    const missing = collectingSink('NL');
    await readUfedXml(join(dir, 'nothing-here.xml'), missing, 'nothing-here.xml');
    assert.match(missing.warnings[0]!.message, /cannot open/);
  });

  it('finds the report whatever its folder and case', async () => {
    const odd = join(dir, 'odd-name.ufdr');
    await writeZip(odd, [
      ['files/Image/IMG-20230328-WA0004.jpg', Buffer.alloc(64, 1)],
      ['Report/REPORT.XML', xml],
    ]);
    const sink = collectingSink('NL');
    await readUfdr(odd, sink);
    assert.deepEqual(sink.warnings, []);
    assert.equal(sink.records.length, 18);
    assert.equal(sink.records[0]!.prov.file, 'Report/REPORT.XML');
  });

  it('keeps what came before malformed XML and names the line, in a bare file and a UFDR', async () => {
    const at = xml.indexOf('</modelType>') + '</modelType>'.length;
    const broken = `${xml.slice(0, at)}\n        </wrong>${xml.slice(at)}`;
    const line = lineOf(broken, at) + 1;
    const file = join(dir, 'broken.xml');
    writeFileSync(file, broken);
    const a = collectingSink('NL');
    await readUfedXml(file, a, 'broken.xml');
    assert.deepEqual(recordCounts(a.records), { ...recordCounts([]), calls: 4 });
    assert.equal(a.warnings.length, 1);
    assert.equal(a.warnings[0]!.file, 'broken.xml');
    assert.match(
      a.warnings[0]!.message,
      new RegExp(`^malformed XML at line ${line}, column \\d+ `),
    );
    assert.match(a.warnings[0]!.message, /records before it were kept/);

    const zipped = join(dir, 'broken.ufdr');
    await writeZip(zipped, [['report.xml', broken]]);
    const b = collectingSink('NL');
    await readUfdr(zipped, b);
    assert.deepEqual(
      b.records,
      a.records.map((r) => ({ ...r, prov: { ...r.prov, file: 'report.xml' } })),
    );
    assert.equal(b.warnings[0]!.file, 'report.xml');
    assert.match(b.warnings[0]!.message, new RegExp(`line ${line},`));
  });

  it('keeps what came before the end of a truncated report', async () => {
    // Cut inside the group chat, after its first message (messages close at depth 5).
    const group = xml.indexOf('Chicas Zwolle');
    const close = `\n${' '.repeat(20)}</model>`;
    const cut = xml.indexOf(close, xml.indexOf('type="InstantMessage"', group)) + close.length;
    const file = join(dir, 'truncated.xml');
    writeFileSync(file, xml.slice(0, cut + 40));
    const sink = collectingSink('NL');
    await readUfedXml(file, sink, 'truncated.xml');
    const counts = recordCounts(sink.records);
    assert.deepEqual(counts, {
      contacts: 0,
      calls: 4,
      chats: 3,
      messages: 5,
      accounts: 0,
      media: 1,
    });
    assert.equal(sink.warnings.length, 1);
    assert.match(
      sink.warnings[0]!.message,
      /^malformed XML at line \d+, column \d+ \(unclosed tag.*truncated/,
    );
    assert.deepEqual([...sink.ownerPhones], ['+31697000001'], 'owner from Device Info still given');
  });

  it('reads what it can of a UFDR cut short (no central directory)', async () => {
    const full = await writeLargeReport(join(dir, 'full.ufdr'), {
      bytes: 4_000_000,
      seed: 2,
      format: 'ufdr',
    });
    const bytes = readFileSync(full.path);
    const cut = join(dir, 'cut.ufdr');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const sink = collectingSink('NL');
    await readUfdr(cut, sink);
    const got = recordCounts(sink.records);
    assert.equal(got.calls, full.counts.calls, 'the calls come first and are all there');
    assert.ok(got.messages > 0 && got.messages < full.counts.messages, JSON.stringify(got));
    assert.deepEqual(
      sink.warnings.map((w) => w.file),
      ['cut.ufdr', 'report.xml'],
    );
    assert.match(sink.warnings[0]!.message, /central directory is missing or damaged/);
    assert.match(
      sink.warnings[1]!.message,
      /^read error after \d+ bytes \(unexpected end of file\): records before it were kept/,
    );
    assert.deepEqual([...sink.ownerPhones], full.ownerNumbers);
  });

  it('reads on past characters XML forbids, with one warning', async () => {
    const bad = xml.replace('Listo, 450 euros', 'Listo,\u0001 450 euros\u0002');
    const file = join(dir, 'control-chars.xml');
    writeFileSync(file, bad);
    const sink = collectingSink('NL');
    await readUfedXml(file, sink, 'control-chars.xml');
    assert.equal(sink.records.length, 18);
    assert.equal(sink.warnings.length, 1);
    assert.match(
      sink.warnings[0]!.message,
      /^2 character\(s\) XML does not allow \(first at line \d+/,
    );
  });
});

describe('UFDR reader: large reports', () => {
  it('the generator writes the same bytes for the same seed, and the reader counts what it wrote', async () => {
    const a = await writeLargeReport(join(root, 'large-a.xml'), { bytes: 4_000_000, seed: 3 });
    const b = await writeLargeReport(join(root, 'large-b.xml'), { bytes: 4_000_000, seed: 3 });
    assert.equal(sha256(a.path), sha256(b.path));
    assert.ok(Math.abs(a.reportBytes - 4_000_000) < 1_000_000, `${a.reportBytes} bytes`);
    const z = await writeLargeReport(join(root, 'large.ufdr'), {
      bytes: 4_000_000,
      seed: 3,
      format: 'ufdr',
    });
    assert.deepEqual(z.counts, a.counts);
    const sink = collectingSink('NL');
    await readUfdr(z.path, sink);
    assert.deepEqual(sink.warnings, []);
    assert.deepEqual(recordCounts(sink.records), a.counts);
    assert.deepEqual([...sink.ownerPhones], a.ownerNumbers);
  });

  it('streams a large report in flat memory, draining at least every 2,000 records', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const big = await writeLargeReport(join(root, 'large.xml'), { bytes: 30_000_000, seed: 5 });
    const used = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    // A sink that keeps nothing, and looks at live memory each time it is drained.
    const counted = collectingSink('NL');
    const start = used();
    let peak = 0;
    let total = 0;
    const sink = {
      ...counted,
      record(r: DeviceRecord) {
        total++;
        counted.record(r);
        counted.records.length = 0;
      },
      drain() {
        peak = Math.max(peak, used() - start);
        return counted.drain();
      },
    };
    await readUfedXml(big.path, sink, 'report.xml');
    const n = big.counts;
    assert.equal(total, n.contacts + n.calls + n.chats + n.messages + n.accounts);
    assert.ok(
      counted.maxBetweenDrains <= 2000,
      `${counted.maxBetweenDrains} records between drains`,
    );
    assert.ok(counted.drains >= total / 2000);
    assert.ok(peak < 24 * 1024 * 1024, `memory grew by ${Math.round(peak / 1e6)} MB`);
    rmSync(big.path);
  });
});
