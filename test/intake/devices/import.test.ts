import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { Actor, Context } from '../../../src/access/context.js';
import { createInvestigation } from '../../../src/access/investigations.js';
import { loadGazetteer } from '../../../src/geo/gazetteer.js';
import { importAds } from '../../../src/intake/ads/import.js';
import { PlaceResolver } from '../../../src/intake/ads/places.js';
import { importDevice, sha256File } from '../../../src/intake/devices/import.js';
import {
  deviceChats,
  deviceContacts,
  deviceMessages,
  deviceNumbers,
  deviceTimeline,
  exportDeviceJsonl,
  getDevice,
  listDevices,
  recordCustody,
  searchDeviceMessages,
} from '../../../src/intake/devices/service.js';
import { NotFoundError, ValidationError } from '../../../src/model/errors.js';
import { generateWorld } from '../../../src/scenario/generate.js';
import { seedActors } from '../../helpers/actors.js';
import { hashTree } from '../../helpers/device-sink.js';
import { BACKENDS, type TestStore } from '../../helpers/stores.js';

interface TruthDevice {
  id: string;
  evidenceNumber: string;
  format: string;
  ownerNumbers: string[];
  files: string[];
  counts: Record<string, number>;
}

/**
 * The whole import through the store, on both databases: the synthetic world's devices (every
 * format) with exactly the truth's counts, hashes and custody, re-import detection, an interrupted
 * import redone, need-to-know, search, numbers also in ads, and the JSON-lines export.
 */
let world: string;
let devices: TruthDevice[];
before(async () => {
  world = mkdtempSync(join(tmpdir(), 'schakel-devices-world-'));
  await generateWorld({ seed: 5, size: 'small', out: world, images: false, devices: 6 });
  devices = (
    JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as { devices: TruthDevice[] }
  ).devices;
});
after(() => rmSync(world, { recursive: true, force: true }));

const pathOf = (d: TruthDevice) =>
  d.format === 'ufdr' ? join(world, 'devices', `${d.id}.ufdr`) : join(world, 'devices', d.id);

function sink(): Writable & { lines: string[] } {
  const lines: string[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return Object.assign(w, { lines });
}

for (const backend of BACKENDS) {
  describe(`device import: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let ctx: Context;
    let examiner: Actor;
    let outsider: Actor;
    let investigation: string;
    before(async () => {
      t = await backend.open();
      ctx = { store: t.store, now: () => new Date() };
      const users = await seedActors(ctx, [
        { username: 'beheer', roles: ['admin'] },
        { username: 'examiner', roles: ['forensic_examiner', 'analyst'] },
        { username: 'outsider', roles: ['forensic_examiner'] },
      ]);
      examiner = users.examiner!;
      outsider = users.outsider!;
      investigation = (
        await createInvestigation(ctx, examiner, {
          name: 'Actiedag 28 maart',
          purpose: 'mensenhandel',
          legalBasis: 'art. 273f Sr',
        })
      ).id;
    });
    after(async () => t?.cleanup());

    it('imports every device of the world with exactly its truth counts and owner, evidence untouched', async () => {
      assert.deepEqual(
        new Set(devices.map((d) => d.format)),
        new Set(['android-fs', 'ios-fs', 'ufdr']),
        'the world has every format',
      );
      for (const d of devices) {
        const before = d.format === 'ufdr' ? null : hashTree(pathOf(d));
        const containerBefore = d.format === 'ufdr' ? (await sha256File(pathOf(d))).sha256 : null;
        const progress: number[] = [];
        const r = await importDevice(ctx, examiner, {
          path: pathOf(d),
          item: d.evidenceNumber,
          investigation,
          onProgress: (p) => progress.push(p.records),
        });
        assert.equal(r.format, d.format, d.id);
        assert.deepEqual(r.counts, d.counts, `${d.id} counts`);
        assert.deepEqual(r.warnings, [], `${d.id} warnings`);
        for (const n of d.ownerNumbers) assert.ok(r.owner.phones.includes(n), `${d.id} owner ${n}`);
        assert.equal(r.reimport, false);
        assert.ok(progress.length > 0, 'progress reported');
        if (before) {
          assert.deepEqual(hashTree(pathOf(d)), before, `${d.id}: no evidence file changed`);
          // Every source file is hashed, under its path inside the extraction.
          assert.equal(r.files.length, before.size);
          for (const f of r.files) assert.equal(f.sha256, before.get(f.path), f.path);
        } else {
          assert.equal(r.container?.sha256, containerBefore);
          assert.equal((await sha256File(pathOf(d))).sha256, containerBefore);
        }
      }
    });

    it('recognises the same extraction imported again and stores nothing twice', async () => {
      const d = devices[0]!;
      const again = await importDevice(ctx, examiner, { path: pathOf(d), item: d.evidenceNumber });
      assert.equal(again.reimport, true);
      assert.deepEqual(again.counts, d.counts);
      const detail = await getDevice(ctx, examiner, d.evidenceNumber);
      assert.equal(detail.imports.length, 1);
      const out = sink();
      const n = await exportDeviceJsonl(ctx, examiner, d.evidenceNumber, out);
      const c = d.counts;
      assert.equal(n, c.contacts! + c.calls! + c.chats! + c.messages! + c.accounts!);
    });

    it('redoes an import that was interrupted, without duplicating its records', async () => {
      const d = devices[1]!;
      const first = await getDevice(ctx, examiner, d.evidenceNumber);
      const done = first.imports[0]!;
      // As if the process died half-way: mark the import running again.
      await t.raw(`update device_imports set status = 'running' where seq = ${done.import}`);
      const redo = await importDevice(ctx, examiner, { path: pathOf(d), item: d.evidenceNumber });
      assert.equal(redo.reimport, false);
      assert.deepEqual(redo.counts, d.counts);
      const detail = await getDevice(ctx, examiner, d.evidenceNumber);
      assert.deepEqual(
        detail.imports.map((i) => i.status),
        ['complete'],
      );
      const out = sink();
      const n = await exportDeviceJsonl(ctx, examiner, d.evidenceNumber, out);
      const c = d.counts;
      assert.equal(n, c.contacts! + c.calls! + c.chats! + c.messages! + c.accounts!);
    });

    it('keeps the chain of custody: recorded steps and the import, with who, hashes and version', async () => {
      const d = devices[2]!;
      await recordCustody(ctx, examiner, d.evidenceNumber, {
        event: 'examined',
        detail: { note: 'berichten doorgenomen' },
      });
      await assert.rejects(
        recordCustody(ctx, examiner, d.evidenceNumber, { event: 'lost' }),
        (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'event',
      );
      await assert.rejects(
        recordCustody(ctx, examiner, d.evidenceNumber, {
          event: 'sealed',
          at: '2999-01-01T00:00:00Z',
        }),
        (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'at',
      );
      const detail = await getDevice(ctx, examiner, d.evidenceNumber);
      assert.deepEqual(
        detail.custody.map((s) => s.event),
        ['imported', 'examined'],
      );
      const imported = detail.custody[0]!;
      assert.equal(imported.by, 'examiner');
      assert.match(String(imported.detail.software), /^schakel \d/);
      assert.equal(typeof imported.detail.fingerprint, 'string');
      assert.equal(detail.investigation.name, 'Actiedag 28 maart');
    });

    it('shows nothing of a device to someone outside its investigation', async () => {
      const d = devices[0]!;
      await assert.rejects(getDevice(ctx, outsider, d.evidenceNumber), NotFoundError);
      await assert.rejects(deviceMessages(ctx, outsider, d.evidenceNumber, {}), NotFoundError);
      await assert.rejects(
        importDevice(ctx, outsider, { path: pathOf(d), item: d.evidenceNumber }),
        NotFoundError,
      );
      assert.deepEqual(await listDevices(ctx, outsider), []);
      assert.deepEqual((await searchDeviceMessages(ctx, outsider, { q: 'a' })).hits, []);
      assert.equal((await listDevices(ctx, examiner)).length, devices.length);
      // A new item needs its investigation named.
      await assert.rejects(
        importDevice(ctx, examiner, { path: pathOf(d), item: 'NEW-ITEM-1' }),
        (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'investigation',
      );
    });

    it('reads chats as threads, a time line, and finds messages by their words', async () => {
      const d = devices.find((x) => x.counts.messages! > 3)!;
      const { chats } = await deviceChats(ctx, examiner, d.evidenceNumber);
      assert.equal(chats.length, d.counts.chats);
      const busiest = [...chats].sort((a, b) => b.messages - a.messages)[0]!;
      const { messages } = await deviceMessages(ctx, examiner, d.evidenceNumber, {
        app: busiest.app,
        chat: busiest.key,
      });
      assert.equal(messages.length, busiest.messages);
      const times = messages.map((m) => m.at ?? '');
      assert.deepEqual(times, [...times].sort());
      for (const m of messages) assert.ok(m.where.file.length > 0, 'provenance kept');
      const { events } = await deviceTimeline(ctx, examiner, d.evidenceNumber, {});
      assert.equal(events.length, d.counts.messages! + d.counts.calls!);
      // A word from a message finds it again, across the investigation's devices.
      const word = messages
        .map((m) => m.text ?? '')
        .join(' ')
        .split(/[^\p{L}]+/u)
        .find((w) => w.length >= 6)!;
      const { hits } = await searchDeviceMessages(ctx, examiner, { q: word });
      assert.ok(hits.length > 0, `"${word}" found`);
      for (const h of hits) assert.match(h.text ?? '', new RegExp(word, 'i'));
      assert.ok(hits.some((h) => h.item === d.evidenceNumber));
    });

    it('marks numbers on a device that ads also show, with those ads', async () => {
      const d = devices[0]!;
      const { contacts } = await deviceContacts(ctx, examiner, d.evidenceNumber);
      const number = contacts.flatMap((c) => c.phones).find((p) => p.e164)!.e164!;
      const dir = mkdtempSync(join(tmpdir(), 'schakel-devices-ads-'));
      try {
        writeFileSync(
          join(dir, 'ads.jsonl'),
          `${JSON.stringify({
            source: 'testbron.test',
            source_id: '9001',
            captured_at: '2023-03-20T21:14:00+01:00',
            title: 'Nieuw in Zwolle',
            text: `Bel ${number} voor een afspraak.`,
            phone: number,
            location: 'Zwolle',
            images: [],
          })}\n`,
        );
        const geo = loadGazetteer();
        await importAds(ctx, examiner, {
          paths: [join(dir, 'ads.jsonl')],
          places: new PlaceResolver(geo),
          images: null,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const marked = await deviceContacts(ctx, examiner, d.evidenceNumber);
      assert.equal(marked.adsByNumber[number]?.length, 1);
      const { numbers } = await deviceNumbers(ctx, examiner, d.evidenceNumber);
      const row = numbers.find((n) => n.e164 === number)!;
      assert.equal(row.adCount, 1);
      assert.ok(row.roles.contact! >= 1);
      for (const owner of d.ownerNumbers)
        assert.ok(numbers.find((n) => n.e164 === owner)?.roles.owner);
    });

    it('exports the normalised records with their provenance', async () => {
      const d = devices.find((x) => x.format === 'android-fs')!;
      const out = sink();
      await exportDeviceJsonl(ctx, examiner, d.evidenceNumber, out);
      const records = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const kinds = new Map<string, number>();
      for (const r of records) kinds.set(String(r.kind), (kinds.get(String(r.kind)) ?? 0) + 1);
      assert.equal(kinds.get('message') ?? 0, d.counts.messages);
      assert.equal(kinds.get('contact') ?? 0, d.counts.contacts);
      for (const r of records) {
        const p = r.provenance as { file: string; table: string | null };
        assert.ok(
          d.files.some((f) => f.endsWith(p.file)),
          `${p.file} is a source file`,
        );
        assert.equal(r.item, d.evidenceNumber);
      }
      const message = records.find((r) => r.kind === 'message')!;
      assert.ok('at_original' in message && 'at_zone' in message, 'original time and zone kept');
    });
  });
}
