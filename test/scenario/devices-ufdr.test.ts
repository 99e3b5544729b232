import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { countsOf, type DeviceExtraction } from '../../src/scenario/devices/model.js';
import { sampleDevice } from '../../src/scenario/devices/sample.js';
import { writeUfdr, writeUfdrStream } from '../../src/scenario/devices/ufdr.js';

const FIXTURES = '/work/shared/data/forensics/ufed-xml';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** A small element tree, built by the streaming parser (which throws on malformed XML). */
class TreeBuilder {
  readonly parser = new SaxesParser();
  private readonly stack: El[] = [];
  root: El | null = null;

  constructor() {
    this.parser.on('opentag', (tag) => {
      const el: El = {
        name: tag.name,
        attrs: tag.attributes as Record<string, string>,
        children: [],
        text: '',
      };
      const parent = this.stack.at(-1);
      if (parent) parent.children.push(el);
      else this.root = el;
      this.stack.push(el);
    });
    this.parser.on('closetag', () => void this.stack.pop());
    const addText = (t: string) => {
      const top = this.stack.at(-1);
      if (top) top.text += t;
    };
    this.parser.on('text', addText);
    this.parser.on('cdata', addText);
  }

  done(): El {
    this.parser.close();
    assert.ok(this.root, 'empty document');
    return this.root;
  }
}

function parseString(xml: string): El {
  const b = new TreeBuilder();
  b.parser.write(xml);
  return b.done();
}

async function parseStream(stream: Readable): Promise<El> {
  const b = new TreeBuilder();
  stream.setEncoding('utf8');
  for await (const chunk of stream) b.parser.write(chunk as string);
  return b.done();
}

function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

const models = (root: El, type?: string) =>
  [...walk(root)].filter((e) => e.name === 'model' && (!type || e.attrs.type === type));

/** A model's field value (`null` for `<empty />`). */
function field(model: El, name: string): string | null {
  const f = model.children.find((c) => c.name === 'field' && c.attrs.name === name);
  assert.ok(f, `${model.attrs.type} has no field ${name}`);
  const v = f.children.find((c) => c.name === 'value');
  return v ? v.text : null;
}

/** The models inside a model's (multi)modelField. */
function sub(model: El, name: string): El[] {
  const f = model.children.find(
    (c) => (c.name === 'multiModelField' || c.name === 'modelField') && c.attrs.name === name,
  );
  assert.ok(f, `${model.attrs.type} has no ${name}`);
  return f.children.filter((c) => c.name === 'model');
}

/** Field names (and their declared types) of every model of a type. */
function fieldNames(root: El, type: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of models(root, type)) {
    for (const c of m.children) {
      if (['field', 'modelField', 'multiModelField', 'dataField', 'multiField'].includes(c.name)) {
        out.set(c.attrs.name!, c.attrs.type ?? '');
      }
    }
  }
  return out;
}

interface Zip {
  entries: yauzl.Entry[];
  read(name: string): Promise<Readable>;
  close(): void;
}

async function openZip(path: string): Promise<Zip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, z) =>
      err ? reject(err) : resolve(z),
    ),
  );
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return {
    entries,
    read: (name) =>
      new Promise((resolve, reject) => {
        const e = entries.find((x) => x.fileName === name);
        if (!e) return reject(new Error(`no ${name} in zip`));
        zip.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s)));
      }),
    close: () => zip.close(),
  };
}

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('UFDR writer', () => {
  const device = sampleDevice('android', 'ufdr');
  let root: string;
  let files: string[];
  let zip: Zip;
  let report: El;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'schakel-ufdr-'));
    files = await writeUfdr(join(root, 'a'), device);
    zip = await openZip(join(root, 'a', files[0]!));
    report = await parseStream(await zip.read('report.xml'));
  });
  after(() => {
    zip?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes one .ufdr zip: report.xml first, then the attachment files', () => {
    assert.deepEqual(files, [`${device.id}.ufdr`]);
    assert.deepEqual(readdirSync(join(root, 'a')), files);
    assert.deepEqual(
      zip.entries.map((e) => e.fileName),
      ['report.xml', 'files/Image/IMG-20230328-WA0004.jpg'],
    );
    const times = new Set(
      zip.entries.map((e) => e.getLastModDate({ timezone: 'UTC' }).toISOString()),
    );
    assert.deepEqual([...times], [device.extractedAt], 'every entry carries extractedAt');
  });

  it('is a Cellebrite report: namespaced project, extraction and device metadata', () => {
    assert.equal(report.name, 'project');
    assert.equal(report.attrs.xmlns, 'http://pa.cellebrite.com/report/2.0');
    assert.equal(report.attrs.containsGarbage, 'False');
    assert.equal(report.attrs.extractionType, 'FileSystem');
    for (const section of ['sourceExtractions', 'taggedFiles', 'decodedData']) {
      assert.ok(
        report.children.some((c) => c.name === section),
        section,
      );
    }
    const item = (section: string, name: string) =>
      report.children
        .find((c) => c.name === 'metadata' && c.attrs.section === section)
        ?.children.find((c) => c.attrs.name === name)?.text;
    assert.equal(
      item('Extraction Data', 'DeviceInfoExtractionStartDateTime'),
      '03/04/2023 09:00:00(UTC+0)',
    );
    assert.equal(item('Device Info', 'DeviceInfoDetectedModel'), 'SM-A515F');
    assert.equal(item('Device Info', 'DeviceInfoOSVersion'), device.osVersion);
    assert.equal(item('Device Info', 'MSISDN'), device.ownerNumbers[0]);
    assert.equal(item('Additional Fields', 'EvidenceNumber'), device.evidenceNumber);
    const caseInfo = report.children.find((c) => c.name === 'caseInformation')!;
    assert.equal(caseInfo.children[0]!.text, device.evidenceNumber);
  });

  it('has one model per record, each type in its modelType section', () => {
    const n = countsOf(device);
    const decoded = report.children.find((c) => c.name === 'decodedData')!;
    const sections = new Map(decoded.children.map((s) => [s.attrs.type!, s]));
    for (const [type, expected] of [
      ['Contact', n.contacts],
      ['Call', n.calls],
      ['Chat', n.chats],
      ['UserAccount', n.accounts],
    ] as const) {
      const top = sections.get(type)!.children;
      assert.equal(top.length, expected, type);
      assert.ok(top.every((m) => m.name === 'model' && m.attrs.type === type));
      assert.equal(models(report, type).length, expected, `${type} anywhere`);
    }
    assert.equal(models(report, 'InstantMessage').length, n.messages);
    assert.equal(models(report, 'Attachment').length, n.media);
    assert.equal(models(report, 'SMS').length, 0, 'native messages are InstantMessages of a Chat');
    const ids = models(report)
      .filter((m) => m.attrs.type !== 'Party')
      .map((m) => m.attrs.id);
    assert.equal(new Set(ids).size, ids.length, 'model ids are unique');
    for (const m of models(report)) {
      assert.match(m.attrs.id!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(m.attrs.decoding_confidence, 'High');
      assert.equal(m.attrs.deleted_state, m.attrs.type === 'Party' ? 'Unknown' : 'Intact');
    }
  });

  it("reads a group chat's participants and a message's sender, body and timestamp back", () => {
    const group = device.chats.find((c) => c.kind === 'group')!;
    const chat = models(report, 'Chat').find((c) => field(c, 'Name') === group.subject)!;
    assert.equal(field(chat, 'Source'), 'WhatsApp');
    assert.match(field(chat, 'Id')!, /^34600000101-\d+@g\.us$/);
    const parties = sub(chat, 'Participants');
    assert.deepEqual(
      parties.map((p) => field(p, 'Identifier')),
      group.members.map((n) => `${n.slice(1)}@s.whatsapp.net`),
    );
    assert.deepEqual(
      parties.filter((p) => field(p, 'IsPhoneOwner') === 'True').map((p) => field(p, 'Identifier')),
      ['31697000001@s.whatsapp.net'],
    );
    const messages = sub(chat, 'Messages');
    const want = device.messages.filter((m) => m.chatId === group.id);
    assert.equal(messages.length, want.length);
    const incoming = want.find((m) => m.direction === 'incoming')!;
    const im = messages.find((m) => field(m, 'Body') === incoming.text)!;
    const from = sub(im, 'From')[0]!;
    assert.equal(field(from, 'Identifier'), `${incoming.sender.slice(1)}@s.whatsapp.net`);
    assert.equal(field(from, 'Name'), 'Chofer Marco');
    assert.equal(field(from, 'IsPhoneOwner'), 'False');
    const ts = im.children.find((c) => c.attrs.name === 'TimeStamp')!.children[0]!;
    assert.equal(ts.attrs.format, 'TimeStampKnown');
    assert.equal(ts.attrs.formattedTimestamp, '2023-03-29T09:15:00+00:00');
    assert.equal(new Date(ts.text).toISOString(), incoming.at);
    assert.equal(field(im, 'Status'), 'Unread');
    // An outgoing message: from the owner, to the other members.
    const out = messages.find((m) => field(m, 'Body') === 'Ok 👍')!;
    assert.equal(field(sub(out, 'From')[0]!, 'IsPhoneOwner'), 'True');
    assert.deepEqual(
      sub(out, 'To').map((p) => field(p, 'Identifier')),
      ['34600000101@s.whatsapp.net', '31697000002@s.whatsapp.net'],
    );
    // Native messages are a Chat too, with E.164 parties.
    const native = models(report, 'Chat').find((c) => field(c, 'Source') === 'Native Messages')!;
    assert.equal(field(native, 'Id'), '+31697000003');
    assert.equal(sub(native, 'Messages').length, 2);
  });

  it('links an attachment to its file in the zip by file_id and extracted path', async () => {
    const m = device.messages.find((x) => x.attachment)!;
    const att = models(report, 'Attachment')[0]!;
    assert.equal(field(att, 'Filename'), m.attachment!.fileName);
    assert.equal(field(att, 'ContentType'), m.attachment!.mimeType);
    const data = att.children.find((c) => c.name === 'dataField' && c.attrs.name === 'Data')!;
    assert.equal(data.children[0]!.attrs.length, String(m.attachment!.bytes));
    const tagged = [...walk(report)].find(
      (e) => e.name === 'file' && e.attrs.id === att.attrs.file_id,
    )!;
    assert.ok(tagged, 'file_id names a tagged file');
    const meta = (name: string) =>
      tagged.children
        .find((c) => c.name === 'metadata')!
        .children.find((c) => c.attrs.name === name)!.text;
    const localPath = meta('Local Path');
    assert.equal(field(att, 'attachment_extracted_path'), localPath);
    const bytes = await readAll(await zip.read(localPath.replaceAll('\\', '/')));
    assert.equal(bytes.length, Number(tagged.attrs.size));
    assert.equal(bytes.length, m.attachment!.bytes);
    assert.equal(sha256(bytes), meta('SHA256'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  });

  it(
    'uses the field names and types of the public Cellebrite samples',
    { skip: !existsSync(FIXTURES) && 'public samples not present' },
    () => {
      // Copies only; the originals are never opened in place.
      const chatCopy = join(root, 'ufed-model-chat.xml');
      const accountCopy = join(root, 'ufed-model-useraccount.xml');
      copyFileSync(join(FIXTURES, 'ufed-model-chat.xml'), chatCopy);
      copyFileSync(join(FIXTURES, 'ufed-model-useraccount.xml'), accountCopy);
      const theirChat = parseString(readFileSync(chatCopy, 'utf8'));
      const theirAccount = parseString(readFileSync(accountCopy, 'utf8'));
      const key: [El, string, string[]][] = [
        [
          theirChat,
          'Chat',
          ['Source', 'Id', 'Name', 'StartTime', 'LastActivity', 'Participants', 'Messages'],
        ],
        [
          theirChat,
          'InstantMessage',
          [
            'Source',
            'From',
            'To',
            'Body',
            'Identifier',
            'TimeStamp',
            'Attachment',
            'Attachments',
            'Status',
            'Type',
            'SourceApplication',
          ],
        ],
        [theirChat, 'Party', ['Identifier', 'Name', 'Role', 'IsPhoneOwner', 'IsGroupAdmin']],
        [theirChat, 'Attachment', ['Filename', 'ContentType', 'Data', 'attachment_extracted_path']],
        [theirChat, 'Contact', ['Source', 'Name', 'Entries', 'Type', 'Account']],
        [theirChat, 'PhoneNumber', ['Category', 'Value', 'Domain']],
        [theirAccount, 'UserAccount', ['Source', 'Name', 'Entries']],
        [theirAccount, 'UserID', ['Category', 'Value', 'Domain']],
      ];
      for (const [theirs, type, names] of key) {
        const t = fieldNames(theirs, type);
        const o = fieldNames(report, type);
        for (const name of names) {
          assert.ok(t.has(name), `sample ${type} has ${name}`);
          assert.ok(o.has(name), `our ${type} has ${name}`);
        }
        // Where both have a field, it is declared with the same type.
        for (const [name, declared] of o) {
          if (t.has(name)) assert.equal(declared, t.get(name), `${type}.${name} type`);
        }
      }
    },
  );

  it('escapes text so any body survives: ]]>, markup, emoji; characters XML cannot carry become U+FFFD', async () => {
    const nasty: DeviceExtraction = structuredClone(device);
    const text = 'a ]]> b <i>&amp;</i> "q" 💋 \u0001 end';
    nasty.messages[0]!.text = text;
    nasty.chats.find((c) => c.kind === 'group')!.subject = 'Chicas <&> ]]> "x"';
    const [rel] = await writeUfdr(join(root, 'nasty'), nasty);
    const z = await openZip(join(root, 'nasty', rel!));
    try {
      const r = await parseStream(await z.read('report.xml'));
      const bodies = models(r, 'InstantMessage').map((m) => field(m, 'Body'));
      assert.ok(bodies.includes(text.replace('\u0001', '\uFFFD')));
      assert.ok(models(r, 'Chat').some((c) => field(c, 'Name') === 'Chicas <&> ]]> "x"'));
    } finally {
      z.close();
    }
  });

  it('writes the same bytes for the same input, in any time zone', async () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'America/Caracas';
      const [b] = await writeUfdr(join(root, 'b'), sampleDevice('android', 'ufdr'));
      process.env.TZ = 'Asia/Tokyo';
      const [c] = await writeUfdr(join(root, 'c'), sampleDevice('android', 'ufdr'));
      const hash = (dir: string, f: string) => sha256(readFileSync(join(root, dir, f)));
      assert.equal(hash('b', b!), hash('a', files[0]!));
      assert.equal(hash('c', c!), hash('a', files[0]!));
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('rejects and leaves no partial file when the report fails midway', async () => {
    async function* failing() {
      yield '<?xml version="1.0" encoding="utf-8"?>\n<project>\n';
      throw new Error('world generator broke');
    }
    const path = join(root, 'broken', 'broken.ufdr');
    await assert.rejects(
      writeUfdrStream(path, failing(), { mtime: device.extractedAt }),
      /world generator broke/,
    );
    assert.equal(existsSync(path), false);
  });

  it('streams a large report in flat memory', async () => {
    // 40 000 distinct ~1 KB chunks (40 MB of XML): buffering them would show in heap or buffers.
    // Live memory is measured after a forced GC, so garbage waiting for collection does not count.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const chunks = 40_000;
    const used = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const start = used();
    let peak = 0;
    let size = 0;
    async function* big() {
      yield '<?xml version="1.0" encoding="utf-8"?>\n<project>\n';
      for (let i = 0; i < chunks; i++) {
        if (i % 2000 === 0) peak = Math.max(peak, used() - start);
        const c = `<model id="${i}">${randomBytes(495).toString('hex')}</model>\n`;
        size += c.length;
        yield c;
      }
      yield '</project>\n';
    }
    const path = join(root, 'big', 'big.ufdr');
    await writeUfdrStream(path, big(), { mtime: device.extractedAt });
    const z = await openZip(path);
    try {
      const e = z.entries.find((x) => x.fileName === 'report.xml')!;
      assert.ok(e.uncompressedSize > size);
    } finally {
      z.close();
    }
    assert.ok(peak < 16 * 1024 * 1024, `memory grew by ${Math.round(peak / 1e6)} MB`);
  });
});
