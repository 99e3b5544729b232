import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkIndex } from '../../src/link/link-index.js';
import { linkAds, type LinkOptions } from '../../src/link/link.js';
import type { Resolution } from '../../src/link/resolve.js';
import type { LinkAd } from '../../src/link/types.js';
import { Random } from '../../src/scenario/random.js';

/**
 * Incremental linking = a full recompute. Ads arrive in batches and known ads come back with more
 * numbers, more photos or a new text (as new captures do); after every batch the networks — ids,
 * members, every evidence edge — equal `linkAds` over the current ads in order of first arrival.
 */

const WORDS = Array.from({ length: 400 }, (_, i) => `woord${i.toString(36)}`);
const hex = (rng: Random, n: number) =>
  Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');

/** A pHash near `phash`: a few bits flipped (a resized or re-encoded copy). */
function near(rng: Random, phash: string): string {
  let v = BigInt(`0x${phash}`);
  for (let k = rng.int(0, 3); k > 0; k--) v ^= 1n << BigInt(rng.int(0, 63));
  return v.toString(16).padStart(16, '0');
}

interface Advertiser {
  phones: string[];
  handle: string | null;
  template: string[];
  photos: { sha256: string; phash: string }[];
}

function world(seed: number): { ads: LinkAd[]; updates: LinkAd[] } {
  const rng = new Random(`link-index-${seed}`);
  const stock = Array.from({ length: 4 }, () => ({ sha256: hex(rng, 64), phash: hex(rng, 16) }));
  const switchboard = `+3185${rng.digits(7)}`;
  const advertisers: Advertiser[] = Array.from({ length: 40 }, () => ({
    phones: [`+316${rng.digits(8)}`],
    handle: rng.chance(0.3) ? `telegram:h${rng.int(0, 12)}` : null,
    template: Array.from({ length: rng.int(25, 45) }, () => rng.pick(WORDS)),
    photos: Array.from({ length: rng.int(1, 3) }, () => ({
      sha256: hex(rng, 64),
      phash: hex(rng, 16),
    })),
  }));
  const ads: LinkAd[] = [];
  const updates: LinkAd[] = [];
  for (let i = 0; i < 220; i++) {
    const adv = rng.pick(advertisers);
    const name = `Naam${rng.int(0, 30)}`;
    const text = rng.chance(0.8)
      ? [...adv.template.slice(0, 8), name, String(rng.int(19, 30)), ...adv.template.slice(8)]
      : Array.from({ length: rng.int(6, 30) }, () => rng.pick(WORDS));
    const photos = rng
      .sample(adv.photos, rng.int(0, adv.photos.length))
      .map((p) => (rng.chance(0.3) ? { sha256: hex(rng, 64), phash: near(rng, p.phash) } : p));
    if (rng.chance(0.15)) photos.push(rng.pick(stock));
    const ad: LinkAd = {
      id: hex(rng, 32),
      phones: rng.chance(0.85) ? [rng.pick(adv.phones)] : [],
      handles: adv.handle && rng.chance(0.5) ? [adv.handle] : [],
      text: text.join(' '),
      names: [name],
      photos,
      firstSeen: '2023-03-01T00:00:00.000Z',
      lastSeen: '2023-03-02T00:00:00.000Z',
    };
    if (rng.chance(0.05)) ad.phones.push(switchboard); // an agency switchboard, soon a hub
    ads.push(ad);
    // Some come back later: another number, another photo, an edited text.
    if (rng.chance(0.25)) {
      const other = rng.pick(advertisers);
      updates.push({
        ...ad,
        phones: rng.chance(0.4) ? [...ad.phones, rng.pick(other.phones)] : [...ad.phones],
        photos: rng.chance(0.4) ? [...ad.photos, rng.pick(other.photos)] : [...ad.photos],
        text: rng.chance(0.5) ? `${ad.text} ${rng.pick(WORDS)}` : other.template.join(' '),
        lastSeen: '2023-03-09T00:00:00.000Z',
      });
    }
  }
  return { ads, updates };
}

const strip = (r: Resolution) => r.networks.map(({ mergedFrom: _, ...n }) => n);

describe('LinkIndex', () => {
  const opts: LinkOptions = { phoneHubAds: 8, handleHubAds: 6 };
  for (let seed = 1; seed <= 12; seed++)
    it(`seed ${seed}: after every batch, equals linkAds over the ads so far`, () => {
      const { ads, updates } = world(seed);
      const rng = new Random(`batches-${seed}`);
      const stream: LinkAd[] = [...ads];
      // Updates arrive after their ad.
      for (const u of updates) {
        const at = stream.findIndex((a) => a.id === u.id);
        stream.splice(rng.int(at + 1, stream.length), 0, u);
      }
      const index = new LinkIndex(opts);
      const current = new Map<string, LinkAd>(); // insertion order = first arrival
      let checked = 0;
      while (stream.length > 0) {
        const batch = stream.splice(0, rng.int(1, 40));
        // Within a batch the last version of an ad counts.
        index.upsert(batch);
        for (const ad of batch) current.set(ad.id, ad);
        if (rng.chance(0.4) || stream.length === 0) {
          const expected = linkAds([...current.values()], opts).resolution;
          assert.deepEqual(strip(index.snapshot()), strip(expected));
          for (const n of expected.networks.slice(0, 5))
            assert.deepEqual(
              { ...index.networkAt(n.members[0]!)!, mergedFrom: [] },
              { ...n, mergedFrom: [] },
            );
          checked++;
        }
      }
      assert.ok(checked > 0);
      if (seed === 1) {
        const r = index.snapshot();
        // The world exercises every kind of evidence and a hub.
        const types = new Set(r.networks.flatMap((n) => n.evidence.map((e) => e.type)));
        assert.deepEqual([...types].sort(), ['handle', 'phone', 'photo', 'template']);
        assert.ok(r.networks.some((n) => n.evidence.some((e) => e.hub)));
      }
    });

  it('reports the ads whose network may have changed', () => {
    const { ads } = world(99);
    const index = new LinkIndex(opts);
    index.upsert(ads.slice(0, 150));
    const before = new Map(ads.slice(0, 150).map((a) => [a.id, index.networkOf(a.id)]));
    const change = index.upsert(ads.slice(150));
    for (const a of ads.slice(0, 150))
      if (index.networkOf(a.id) !== before.get(a.id))
        assert.ok(
          change.touched.has(a.id) ||
            index.networkAt(a.id)!.members.some((m) => change.touched.has(m)),
        );
  });
});
