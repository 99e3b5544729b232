import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { Actor, Context } from '../../src/access/context.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { exportAdsJsonl, type ExportedAd } from '../../src/intake/ads/export.js';
import { adId, importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { ImageStore } from '../../src/intake/images/store.js';
import { exportNetworksJsonl, type ExportedNetwork } from '../../src/link/export.js';
import { runLinking } from '../../src/link/job.js';
import { adLinks, getNetwork, listNetworks } from '../../src/link/service.js';
import { ForbiddenError } from '../../src/model/errors.js';
import { jsonlSink } from '../helpers/jsonl.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * Linking over the store on both databases: captures imported, `schakel link` run, networks
 * stored with members, evidence (which number, which template with its similarity, which photo
 * pair with its distance), movement per week, the ad export's network_id; a re-run gives the same
 * ids; a new capture that joins two networks leaves the old id leading to the merged one.
 */

const geo = loadGazetteer();
const places = new PlaceResolver(geo);
const analyst: Actor = { id: null, name: 'analist', roles: ['analyst'], channel: 'cli', ip: null };
const officer: Actor = {
  id: null,
  name: 'agent',
  roles: ['field_officer'],
  channel: 'cli',
  ip: null,
};

const TEMPLATE = (name: string, age: number, city: string, price: number) =>
  `Hola! Ik ben ${name}, ${age} jaar, net aangekomen in ${city}. Echte latina met een zachte huid en een lieve lach, ` +
  `ik ontvang je discreet in mijn eigen appartement dichtbij het station. Geen haast, ik neem alle tijd ` +
  `voor jou en jouw wensen. Bel of app mij voor een afspraak, ${price} per uur, ook 's nachts bereikbaar.`;

function capture(sourceId: string, over: Record<string, unknown>): string {
  return JSON.stringify({
    source: 'testbron.test',
    source_id: sourceId,
    captured_at: '2023-03-20T21:14:00+01:00',
    title: 'Nieuw',
    text: 'Een advertentie.',
    ...over,
  });
}

async function photo(path: string, shade: number): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120">
    <rect width="160" height="120" fill="rgb(${shade},90,140)"/>
    <circle cx="50" cy="60" r="35" fill="rgb(250,220,${shade})"/>
    <rect x="100" y="10" width="45" height="95" fill="rgb(20,40,${255 - shade})"/></svg>`;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, await sharp(Buffer.from(svg)).jpeg().toBuffer());
}

const A1 = adId('testbron.test', 'a1');
const A2 = adId('testbron.test', 'a2');
const A3 = adId('testbron.test', 'a3');
const B1 = adId('testbron.test', 'b1');
const B2 = adId('testbron.test', 'b2');
const C = adId('testbron.test', 'c');
const netOf = (...ids: string[]) => `net-${[...ids].sort()[0]}`;

const FIRST = [
  capture('a1', {
    name: 'Sofia',
    location: 'Zwolle',
    text: `${TEMPLATE('Sofia', 23, 'Zwolle', 150)} Bel 06-12 34 56 78.`,
  }),
  capture('a2', {
    captured_at: '2023-03-28T20:00:00+02:00',
    name: 'Sofia',
    location: 'Den Haag',
    text: 'Nieuw in Den Haag, bel 0612345678 voor een afspraak.',
  }),
  capture('a3', {
    name: 'Luna',
    location: 'Utrecht',
    text: `${TEMPLATE('Luna', 21, 'Utrecht', 120)} Bel 06-87 65 43 21.`,
  }),
  capture('b1', {
    name: 'Mia',
    location: 'Breda',
    text: 'Mia hier, bel 0611112222. Sexy en speels.',
    images: [{ file: 'img/p.jpg' }],
  }),
  capture('b2', {
    name: 'Eva',
    location: 'Tilburg',
    text: 'Eva, bel 0633334444, alleen vandaag.',
    images: [{ file: 'img/p.jpg' }],
  }),
  capture('c', {
    name: 'Noor',
    location: 'Groningen',
    text: 'Noor uit Groningen, bel 0699990000.',
  }),
];

for (const backend of BACKENDS) {
  describe(`linking over the store: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let ctx: Context;
    let dir: string;
    let images: ImageStore;
    const importLines = async (name: string, lines: string[]) => {
      writeFileSync(join(dir, 'in', name), lines.join('\n') + '\n');
      await importAds(ctx, analyst, { paths: [join(dir, 'in', name)], places, images });
    };

    before(async () => {
      t = await backend.open();
      ctx = { store: t.store, now: () => new Date('2026-11-29T10:00:00Z') };
      dir = mkdtempSync(join(tmpdir(), 'schakel-link-'));
      images = new ImageStore(join(dir, 'store'));
      await photo(join(dir, 'in', 'img', 'p.jpg'), 120);
      await importLines('first.jsonl', FIRST);
    });
    after(async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('links ads by shared number, text template and photo, and leaves the unrelated ad alone', async () => {
      const stats = await runLinking(ctx, analyst, { geo });
      assert.equal(stats.captures, 6);
      assert.equal(stats.ads, 6);
      assert.equal(stats.networks, 2);
      assert.equal(stats.adsInNetworks, 5);
      const { total, networks } = await listNetworks(ctx, analyst, {});
      assert.equal(total, 2);
      assert.deepEqual(
        networks.map((n) => [n.id, n.ads]),
        [
          [netOf(A1, A2, A3), 3],
          [netOf(B1, B2), 2],
        ],
      );
    });

    it('shows every link with its evidence: the number, the template similarity, the photo pair distance', async () => {
      const a = await getNetwork(ctx, analyst, geo, netOf(A1, A2, A3));
      assert.deepEqual(a.members.map((m) => m.id).sort(), [A1, A2, A3].sort());
      const phone = a.evidenceList.find((e) => e.type === 'phone')!;
      assert.equal(phone.value, '+31612345678');
      assert.deepEqual([phone.a, phone.b].sort(), [A1, A2].sort());
      assert.equal(phone.role, 'strong');
      const template = a.evidenceList.find((e) => e.type === 'template')!;
      assert.deepEqual([template.a, template.b].sort(), [A1, A3].sort());
      assert.ok(template.similarity! >= 0.65, `similarity ${template.similarity}`);
      // The template reads as shared text with the name and place as slots.
      const slots = a.templates[0]!.parts.filter((p) => 'slot' in p);
      assert.ok(
        slots.some((p) => 'values' in p && p.values.includes('Sofia') && p.values.includes('Luna')),
        JSON.stringify(a.templates[0]),
      );
      assert.deepEqual(a.phoneList[0], { value: '+31612345678', ads: 2 });

      const b = await getNetwork(ctx, analyst, geo, netOf(B1, B2));
      const photoEdge = b.evidenceList.find((e) => e.type === 'photo')!;
      assert.equal(photoEdge.distance, 0);
      assert.equal(b.photos.length, 1);
      assert.equal(b.photos[0]!.copies.length, 2);
      // The same photo under "Mia" and "Eva": a network-level indicator, with the two ads.
      const reused = b.indicators.find((i) => i.code === 'photos_reused_names')!;
      assert.deepEqual(reused.evidence[0]!.ads!.sort(), [B1, B2].sort());
    });

    it('shows where a network was week by week', async () => {
      const a = await getNetwork(ctx, analyst, geo, netOf(A1, A2, A3));
      assert.deepEqual(
        a.movement.map((w) => [w.week, w.start, w.policeUnits.map((u) => u.code).sort()]),
        [
          ['2023-W12', '2023-03-20', ['MN', 'ON']],
          ['2023-W13', '2023-03-27', ['DH']],
        ],
      );
      assert.deepEqual(a.policeUnits, ['DH', 'MN', 'ON']);
      assert.equal(a.movement[0]!.municipalities.find((m) => m.code === 'GM0193')?.name, 'Zwolle');
    });

    it('says on an ad why it is linked', async () => {
      const links = await adLinks(ctx, analyst, A3);
      assert.deepEqual(links.network, { id: netOf(A1, A2, A3), ads: 3 });
      assert.deepEqual(
        links.links.map((l) => [l.ad, l.evidence.map((e) => e.type)]),
        [[A1, ['template']]],
      );
      // Every ad showing the same number is named, not only the next one in the chain.
      const first = await adLinks(ctx, analyst, A1);
      assert.deepEqual(
        first.links.map((l) => [l.ad, l.evidence.map((e) => `${e.type} ${e.value}`)]),
        [
          [A2, ['phone +31612345678']],
          [A3, ['template text template']],
        ].sort(([x], [y]) => (x! < y! ? -1 : 1)),
      );
      assert.deepEqual(await adLinks(ctx, analyst, C), { network: null, links: [] });
    });

    it('puts network_id in the ad export and writes the networks as JSON lines', async () => {
      const exported = jsonlSink<ExportedAd>();
      await exportAdsJsonl(ctx, analyst, geo, exported.sink);
      const ads = exported.records();
      assert.equal(ads.find((x) => x.id === A2)!.network_id, netOf(A1, A2, A3));
      assert.equal(ads.find((x) => x.id === C)!.network_id, null);

      const networks = jsonlSink<ExportedNetwork>();
      await exportNetworksJsonl(ctx, analyst, networks.sink);
      const nets = networks.records();
      assert.deepEqual(nets.map((n) => n.id).sort(), [netOf(A1, A2, A3), netOf(B1, B2)].sort());
      const a = nets.find((n) => n.id === netOf(A1, A2, A3))!;
      assert.deepEqual(a.ads, [A1, A2, A3].sort());
      assert.ok(a.evidence.every((e) => e.role && e.value));
      assert.equal(a.movement.length, 2);
    });

    it('gives the same networks and ids when run again', async () => {
      const before = (await listNetworks(ctx, analyst, {})).networks;
      const stats = await runLinking(ctx, analyst, { geo });
      assert.equal(stats.vanished, 0);
      assert.deepEqual((await listNetworks(ctx, analyst, {})).networks, before);
    });

    it('merges networks when a new capture joins them, and the old id still leads there', async () => {
      const oldB = netOf(B1, B2);
      // Ad c now also shows b1's number: c joins the B network.
      await importLines('second.jsonl', [
        capture('c', {
          captured_at: '2023-03-29T10:00:00+02:00',
          name: 'Noor',
          location: 'Groningen',
          text: 'Noor, nu ook op 0611112222.',
        }),
      ]);
      await runLinking(ctx, analyst, { geo });
      const merged = await getNetwork(ctx, analyst, geo, oldB);
      assert.deepEqual(merged.members.map((m) => m.id).sort(), [B1, B2, C].sort());
      assert.equal(merged.id, netOf(B1, B2, C));
      if (merged.id !== oldB) assert.deepEqual(merged.mergedFrom, [oldB]);
      const filtered = await listNetworks(ctx, analyst, { q: '06-11 11 22 22' });
      assert.deepEqual(
        filtered.networks.map((n) => n.id),
        [merged.id],
      );
      assert.deepEqual(
        (await listNetworks(ctx, analyst, { unit: 'NN' })).networks.map((n) => n.id),
        [merged.id],
      );
    });

    it('attaches new captures incrementally with the same networks a full run writes', async () => {
      await importLines('third.jsonl', [
        // A new ad from A's template under a new number; a2 comes back with a Telegram handle
        // that another new ad shows too.
        capture('d', {
          captured_at: '2023-04-03T20:00:00+02:00',
          name: 'Lola',
          location: 'Amersfoort',
          text: `${TEMPLATE('Lola', 22, 'Amersfoort', 130)} Bel 06-55 55 44 44.`,
        }),
        capture('a2', {
          captured_at: '2023-04-04T20:00:00+02:00',
          name: 'Sofia',
          location: 'Den Haag',
          text: 'Nieuw in Den Haag, bel 0612345678 of telegram @sofia_dh.',
        }),
        capture('e', {
          captured_at: '2023-04-04T21:00:00+02:00',
          name: 'Kim',
          location: 'Leiden',
          text: 'Kim, telegram @sofia_dh, 0677776666.',
        }),
      ]);
      const stats = await runLinking(ctx, analyst, { geo, incremental: true });
      assert.equal(stats.mode, 'incremental');
      assert.equal(stats.attached, 3);
      const read = async () => {
        const { networks } = await listNetworks(ctx, analyst, {});
        return Promise.all(
          networks.map(async (n) => {
            const {
              linkedAt: _l,
              mergedFrom: _m,
              ...d
            } = await getNetwork(ctx, analyst, geo, n.id);
            return d;
          }),
        );
      };
      const incremental = await read();
      const a = incremental.find((n) => n.members.some((m) => m.id === A1))!;
      assert.deepEqual(
        a.members.map((m) => m.id).sort(),
        [A1, A2, A3, adId('testbron.test', 'd'), adId('testbron.test', 'e')].sort(),
      );
      assert.ok(a.evidenceList.some((e) => e.type === 'handle' && e.value === 'telegram:sofia_dh'));
      await runLinking(ctx, analyst, { geo });
      assert.deepEqual(await read(), incremental);
      // Nothing new: an incremental run changes nothing.
      const idle = await runLinking(ctx, analyst, { geo, incremental: true });
      assert.equal(idle.rewritten, 0);
      assert.deepEqual(await read(), incremental);
    });

    it('lets only those with networks.read see networks, and audits the reads', async () => {
      await assert.rejects(listNetworks(ctx, officer, {}), ForbiddenError);
      const actions = (await t.store.auditLog.list({ limit: 200 })).map((e) => e.action);
      assert.ok(actions.includes('link.run'));
      assert.ok(actions.includes('networks.view'));
    });
  });
}
