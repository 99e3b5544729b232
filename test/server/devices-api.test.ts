import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  DeviceChatsView,
  DeviceDetail,
  DeviceImportReport,
  DeviceMessagesView,
  DeviceSearchView,
  DeviceSummary,
} from '../../src/model/devices.js';
import { generateWorld } from '../../src/scenario/generate.js';
import type { App } from '../../src/server/app.js';
import { seedUsers, signIn, testServer, type Client } from '../helpers/server.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * The device API on both databases: a UFDR sent as a resumable upload in chunks (one resent
 * after a gap is refused with the offset to resume from), imported, then read as a device page,
 * threads, messages and search; a server-side path outside the device folder is refused; a user
 * outside the investigation gets 404 for everything.
 */

interface TruthDevice {
  id: string;
  evidenceNumber: string;
  format: string;
  counts: Record<string, number>;
}

let world: string;
let ufdr: TruthDevice;
before(async () => {
  world = mkdtempSync(join(tmpdir(), 'schakel-devices-api-world-'));
  await generateWorld({ seed: 5, size: 'small', out: world, images: false, devices: 6 });
  const devices = (
    JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as { devices: TruthDevice[] }
  ).devices;
  ufdr = devices.find((d) => d.format === 'ufdr')!;
});
after(() => rmSync(world, { recursive: true, force: true }));

for (const backend of BACKENDS) {
  describe(`device API: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let app: App;
    let data: string;
    let examiner: Client;
    let outsider: Client;
    let investigation: string;

    before(async () => {
      t = await backend.open();
      data = mkdtempSync(join(tmpdir(), 'schakel-devices-api-'));
      mkdirSync(join(data, 'devices'));
      await seedUsers(t.store, [
        { username: 'beheer', roles: ['admin'] },
        { username: 'examiner', roles: ['forensic_examiner'] },
        { username: 'outsider', roles: ['forensic_examiner'] },
      ]);
      app = await testServer(t.store, {
        uploadDir: join(data, 'uploads'),
        deviceDir: join(data, 'devices'),
        imageDir: join(data, 'images'),
      });
      examiner = await signIn(app, 'examiner');
      outsider = await signIn(app, 'outsider');
      const inv = await examiner.request('POST', '/api/investigations', {
        name: 'Actiedag',
        purpose: 'mensenhandel',
        legalBasis: 'art. 273f Sr',
      });
      assert.equal(inv.statusCode, 201, inv.body);
      investigation = (inv.json() as { id: string }).id;
    });
    after(async () => {
      await app?.close();
      await t?.cleanup();
      if (data) rmSync(data, { recursive: true, force: true });
    });

    it('takes a UFDR as a resumable upload in chunks and imports it with the truth counts', async () => {
      const bytes = readFileSync(join(world, 'devices', `${ufdr.id}.ufdr`));
      const started = await examiner.request('POST', '/api/devices/uploads', {
        fileName: `${ufdr.id}.ufdr`,
        bytes: bytes.length,
      });
      assert.equal(started.statusCode, 200, started.body);
      const { id } = started.json() as { id: string };
      const put = (from: number, to: number) =>
        app.inject({
          method: 'PUT',
          url: `/api/devices/uploads/${id}`,
          headers: {
            cookie: examiner.cookie,
            'x-csrf-token': examiner.csrf,
            'content-type': 'application/octet-stream',
            'content-range': `bytes ${from}-${to - 1}/${bytes.length}`,
          },
          payload: bytes.subarray(from, to),
        });
      const half = Math.floor(bytes.length / 2);
      assert.equal((await put(0, half)).statusCode, 200);
      // A chunk that skips ahead is refused, naming where to resume.
      const gap = await put(half + 10, bytes.length);
      assert.equal(gap.statusCode, 409);
      assert.match(gap.body, new RegExp(`send from byte ${half}`));
      const status = await examiner.request('GET', `/api/devices/uploads/${id}`);
      assert.equal((status.json() as { received: number }).received, half);
      // Importing before the upload is complete is refused.
      const early = await examiner.request('POST', '/api/devices/import', {
        upload: id,
        item: ufdr.evidenceNumber,
        investigation,
      });
      assert.equal(early.statusCode, 400);
      assert.equal((await put(half, bytes.length)).statusCode, 200);

      const imported = await examiner.request('POST', '/api/devices/import', {
        upload: id,
        item: ufdr.evidenceNumber,
        investigation,
      });
      assert.equal(imported.statusCode, 200, imported.body);
      const report = imported.json() as DeviceImportReport;
      assert.equal(report.format, 'ufdr');
      assert.deepEqual(report.counts, ufdr.counts);
      assert.equal(report.files.length, 1);
      assert.match(report.container!.sha256, /^[0-9a-f]{64}$/);
    });

    it('serves the device page, threads, messages and search to members only', async () => {
      const list = await examiner.request('GET', '/api/devices');
      const devices = (list.json() as { devices: DeviceSummary[] }).devices;
      assert.deepEqual(
        devices.map((d) => d.item),
        [ufdr.evidenceNumber],
      );
      const item = encodeURIComponent(ufdr.evidenceNumber);
      const detail = (await examiner.request('GET', `/api/devices/${item}`)).json() as DeviceDetail;
      assert.deepEqual(
        detail.custody.map((s) => s.event),
        ['imported'],
      );
      const custody = await examiner.request('POST', `/api/devices/${item}/custody`, {
        event: 'examined',
        note: 'chats gelezen',
      });
      assert.equal(custody.statusCode, 200, custody.body);
      const bad = await examiner.request('POST', `/api/devices/${item}/custody`, { event: 'lost' });
      assert.equal(bad.statusCode, 400);

      const { chats } = (
        await examiner.request('GET', `/api/devices/${item}/chats`)
      ).json() as DeviceChatsView;
      assert.equal(chats.length, ufdr.counts.chats);
      const chat = [...chats].sort((a, b) => b.messages - a.messages)[0]!;
      const messages = (
        await examiner.request(
          'GET',
          `/api/devices/${item}/messages?app=${encodeURIComponent(chat.app)}&chat=${encodeURIComponent(chat.key)}`,
        )
      ).json() as DeviceMessagesView;
      assert.equal(messages.messages.length, chat.messages);
      assert.equal(messages.messages[0]!.where.file, 'report.xml');
      const word = messages.messages
        .map((m) => m.text ?? '')
        .join(' ')
        .split(/[^\p{L}]+/u)
        .find((w) => w.length >= 6)!;
      const search = (
        await examiner.request('GET', `/api/devices/search?q=${encodeURIComponent(word)}`)
      ).json() as DeviceSearchView;
      assert.ok(search.hits.length > 0);

      for (const url of [
        `/api/devices/${item}`,
        `/api/devices/${item}/chats`,
        `/api/devices/${item}/messages`,
        `/api/devices/${item}/calls`,
        `/api/devices/${item}/contacts`,
        `/api/devices/${item}/timeline`,
        `/api/devices/${item}/numbers`,
      ])
        assert.equal((await outsider.request('GET', url)).statusCode, 404, url);
      assert.deepEqual((await outsider.request('GET', '/api/devices')).json(), { devices: [] });
      const theirs = await outsider.request(
        'GET',
        `/api/devices/search?q=${encodeURIComponent(word)}`,
      );
      assert.deepEqual((theirs.json() as DeviceSearchView).hits, []);
    });

    it("imports from a path only inside the server's device folder", async () => {
      const outside = await examiner.request('POST', '/api/devices/import', {
        path: '../../etc',
        item: 'X-1',
        investigation,
      });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.body, /inside the server's device folder/);
    });
  });
}
