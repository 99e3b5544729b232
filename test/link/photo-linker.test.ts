import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PhotoLinker, type PhotoLinkerOptions } from '../../src/link/photo-linker.js';
import { photoPairs, photosAcrossPhones, type PhotoPair } from '../../src/link/photos.js';
import { Random } from '../../src/scenario/random.js';

const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
const randomHash = (rng: Random) => hex(rng.uint32()) + hex(rng.uint32());
/** `hash` with the given bit positions (0–63) flipped. */
function flipBits(hash: string, bits: readonly number[]): string {
  let hi = parseInt(hash.slice(0, 8), 16);
  let lo = parseInt(hash.slice(8), 16);
  for (const b of bits)
    if (b < 32) hi ^= 1 << b;
    else lo ^= 1 << (b - 32);
  return hex(hi) + hex(lo);
}
/** `hash` with `bits` distinct random bits flipped. */
const flip = (hash: string, bits: number, rng: Random) =>
  flipBits(
    hash,
    rng.sample(
      Array.from({ length: 64 }, (_, i) => i),
      bits,
    ),
  );
const sha = (label: string) =>
  label
    .padEnd(64, '0')
    .replace(/[^0-9a-f]/g, 'e')
    .slice(0, 64);
const adId = (n: number) => n.toString(16).padStart(8, '0');
const short = (p: PhotoPair) => [p.a, p.b, p.distance, p.hub];
const show = (p: PhotoPair) => JSON.stringify([p.a, p.b, p.photoA, p.photoB, p.distance, p.hub]);

type Ad = { id: string; phones: string[]; photos: { sha256: string; phash: string }[] };

/**
 * A PhotoLinker checked against the batch after every upsert: its pairs equal photoPairs over the
 * current ads, and what the upsert reports equals the difference of the pairs before and after.
 */
class Checked {
  readonly linker: PhotoLinker;
  readonly ads = new Map<string, Ad>();
  private last: PhotoPair[] = [];
  /** Every upsert's reported changes, for the tests to look at. */
  readonly log: { added: PhotoPair[]; removed: PhotoPair[] }[] = [];

  constructor(private readonly opts: Required<PhotoLinkerOptions>) {
    this.linker = new PhotoLinker(opts);
  }

  upsert(ads: Ad[], label = ''): PhotoPair[] {
    const changes = this.linker.upsert(ads);
    for (const ad of ads)
      this.ads.set(ad.id, { ...ad, phones: [...ad.phones], photos: [...ad.photos] });
    const all = [...this.ads.values()];
    const expected = photoPairs(all, {
      maxDistance: this.opts.maxDistance,
      hubAds: this.opts.hubAds,
      knownHubs: photosAcrossPhones(all, this.opts.hubPhones),
    });
    const got = this.linker.pairs();
    assert.deepEqual(got, expected, `pairs after upsert ${label}`);
    const before = new Set(this.last.map(show));
    const after = new Set(expected.map(show));
    assert.deepEqual(
      changes,
      {
        added: expected.filter((p) => !before.has(show(p))),
        removed: this.last.filter((p) => !after.has(show(p))),
      },
      `changes reported by upsert ${label}`,
    );
    assert.equal(this.linker.pairCount, expected.length);
    assert.equal(this.linker.size, this.ads.size);
    this.last = expected;
    this.log.push(changes);
    return got;
  }
}

const defaults = { maxDistance: 8, hubAds: 30, hubPhones: 3 };

describe('PhotoLinker: each global effect, step by step', () => {
  const rng = new Random('linker');

  it('a chain of near copies merges two clusters, and removing the link splits them again', () => {
    const h0 = randomHash(rng);
    const h1 = flipBits(h0, [1, 2, 3, 4, 5, 6]);
    const h2 = flipBits(h1, [40, 41, 42, 43, 44, 45]); // 12 bits from h0: only h1 joins them
    const a = { id: adId(1), phones: ['p1'], photos: [{ sha256: sha('a0'), phash: h0 }] };
    const b = { id: adId(2), phones: ['p2'], photos: [{ sha256: sha('a1'), phash: h1 }] };
    const c = { id: adId(3), phones: ['p3'], photos: [{ sha256: sha('a2'), phash: h2 }] };
    const direct = new Checked(defaults);
    assert.deepEqual(direct.upsert([a, c]), []);
    // Direct pairs only: a–b and b–c, not a–c through the chain.
    assert.deepEqual(direct.upsert([b]).map(short), [
      [adId(1), adId(2), 6, false],
      [adId(2), adId(3), 6, false],
    ]);
    assert.deepEqual(direct.upsert([{ ...b, photos: [] }]), []);

    // As a hub (more than 2 ads) the merged cluster pairs every ad with its first: a–c at 12 bits.
    const hub = new Checked({ ...defaults, hubAds: 2 });
    hub.upsert([a, c]);
    assert.deepEqual(hub.upsert([b]).map(short), [
      [adId(1), adId(2), 6, true],
      [adId(1), adId(3), 12, true],
    ]);
    assert.deepEqual(hub.upsert([{ ...b, photos: [] }]), []);
    assert.deepEqual(hub.log[2]!.removed.map(short), [
      [adId(1), adId(2), 6, true],
      [adId(1), adId(3), 12, true],
    ]);
  });

  it('a cluster crossing hubAds turns its pairs into a star to the first ad, and back', () => {
    const photo = { sha256: sha('5'), phash: randomHash(rng) };
    const checked = new Checked({ ...defaults, hubAds: 3 });
    for (let n = 1; n <= 3; n++)
      checked.upsert([{ id: adId(n), phones: [`p${n}`], photos: [photo] }]);
    assert.equal(checked.linker.pairCount, 3);
    const star = checked.upsert([{ id: adId(4), phones: ['p4'], photos: [photo] }]);
    assert.deepEqual(star.map(short), [
      [adId(1), adId(2), 0, true],
      [adId(1), adId(3), 0, true],
      [adId(1), adId(4), 0, true],
    ]);
    // Reported as changed: 1–2 and 1–3 (hub now), 2–3 gone, 1–4 new.
    assert.deepEqual(checked.log[3]!.removed.map(short), [
      [adId(1), adId(2), 0, false],
      [adId(1), adId(3), 0, false],
      [adId(2), adId(3), 0, false],
    ]);
    assert.equal(checked.log[3]!.added.length, 3);
    checked.upsert([{ id: adId(2), phones: ['p2'], photos: [] }]);
    assert.ok(checked.linker.pairs().every((p) => !p.hub));
  });

  it('a SHA-256 crossing hubPhones makes its whole cluster a hub, whichever case it is in', () => {
    const base = randomHash(rng);
    const stock = sha('5a');
    const copy = { sha256: sha('5b'), phash: flipBits(base, [7, 9]) };
    const checked = new Checked({ ...defaults, hubPhones: 2 });
    checked.upsert([
      { id: adId(1), phones: ['p1'], photos: [{ sha256: stock, phash: base }] },
      { id: adId(2), phones: ['p2'], photos: [{ sha256: stock, phash: base }] },
      { id: adId(3), phones: ['p3'], photos: [copy] },
    ]);
    assert.ok(checked.linker.pairs().every((p) => !p.hub));
    // Ad 2 only gains a phone: the stock SHA-256 now has 3 phones, its cluster (with the copy) is a hub.
    const hub = checked.upsert([
      { id: adId(2), phones: ['p2', 'p9'], photos: [{ sha256: stock, phash: base }] },
    ]);
    assert.deepEqual(hub.map(short), [
      [adId(1), adId(2), 0, true],
      [adId(1), adId(3), 2, true],
    ]);
    // Losing the phone again undoes it.
    checked.upsert([{ id: adId(2), phones: ['p2'], photos: [{ sha256: stock, phash: base }] }]);
    assert.ok(checked.linker.pairs().every((p) => !p.hub));
    // The same bytes spelt in capitals cross instead: the batch compares known hubs in lowercase.
    const upper = stock.toUpperCase();
    checked.upsert(
      [4, 5, 6].map((n) => ({
        id: adId(n),
        phones: [`q${n}`],
        photos: [{ sha256: upper, phash: randomHash(rng) }],
      })),
    );
    assert.ok(checked.linker.pairs().some((p) => p.hub && p.b === adId(3)));
  });

  it('a smaller id joining a hub becomes its first ad, directly or through a new near copy', () => {
    const base = randomHash(rng);
    const photo = { sha256: sha('c0'), phash: base };
    const checked = new Checked({ ...defaults, hubAds: 2 });
    checked.upsert([5, 6, 7].map((n) => ({ id: adId(n), phones: [], photos: [photo] })));
    assert.ok(checked.linker.pairs().every((p) => p.a === adId(5)));
    checked.upsert([{ id: adId(3), phones: [], photos: [photo] }]);
    assert.ok(checked.linker.pairs().every((p) => p.a === adId(3)));
    assert.equal(checked.log[1]!.removed.length, 2);
    assert.equal(checked.log[1]!.added.length, 3);
    // A near copy (a new node) merges into the hub and brings an even smaller id.
    const got = checked.upsert([
      { id: adId(1), phones: [], photos: [{ sha256: sha('c1'), phash: flipBits(base, [0, 63]) }] },
    ]);
    assert.deepEqual(got.map(short), [
      [adId(1), adId(3), 2, true],
      [adId(1), adId(5), 2, true],
      [adId(1), adId(6), 2, true],
      [adId(1), adId(7), 2, true],
    ]);
    // A larger id joining changes nothing but its own pair.
    checked.upsert([{ id: adId(9), phones: [], photos: [photo] }]);
    assert.deepEqual(checked.log[3], {
      added: [
        {
          a: adId(1),
          b: adId(9),
          photoA: sha('c1'),
          photoB: sha('c0'),
          distance: 2,
          hub: true,
        },
      ],
      removed: [],
    });
  });

  it('keeps the best pair when two ads share photos in several clusters', () => {
    const own = randomHash(rng);
    const stock = randomHash(rng);
    const checked = new Checked({ ...defaults, hubAds: 3 });
    const stockAds = [1, 2, 3, 4, 5].map((n) => ({
      id: adId(n),
      phones: [],
      photos: [{ sha256: sha('5'), phash: stock }],
    }));
    checked.upsert(stockAds);
    // Ads 1 and 2 also share a photo of their own, 4 bits apart: that pair wins over the hub one.
    checked.upsert([
      { ...stockAds[0]!, photos: [...stockAds[0]!.photos, { sha256: sha('e1'), phash: own }] },
      {
        ...stockAds[1]!,
        photos: [...stockAds[1]!.photos, { sha256: sha('e2'), phash: flipBits(own, [1, 2, 3, 4]) }],
      },
    ]);
    assert.deepEqual(short(checked.linker.pairs()[0]!), [adId(1), adId(2), 4, false]);
    // And when it goes, the hub pair is back.
    checked.upsert([stockAds[1]!]);
    assert.deepEqual(short(checked.linker.pairs()[0]!), [adId(1), adId(2), 0, true]);
  });

  it('matches photos without a pHash on their bytes, and leaves itself unchanged on a bad SHA-256', () => {
    const checked = new Checked(defaults);
    checked.upsert([
      { id: adId(1), phones: [], photos: [{ sha256: sha('d'), phash: '' }] },
      { id: adId(2), phones: [], photos: [{ sha256: sha('d'), phash: 'not a phash' }] },
    ]);
    assert.equal(checked.linker.pairCount, 1);
    assert.throws(
      () =>
        checked.linker.upsert([
          { id: adId(3), phones: [], photos: [{ sha256: sha('d'), phash: '' }] },
          { id: adId(4), phones: [], photos: [{ sha256: 'xyz', phash: '' }] },
        ]),
      /SHA-256/,
    );
    assert.equal(checked.linker.size, 2);
    checked.upsert([{ id: adId(3), phones: [], photos: [{ sha256: sha('d'), phash: '' }] }]);
  });
});

/** Random ads and edits: near copies, chains, stock photos over many phones, shrinking replacements. */
function randomRun(seed: number, steps: number): Checked {
  const rng = new Random(`run${seed}`);
  const opts = {
    maxDistance: rng.pick([6, 8]),
    hubAds: rng.int(2, 8),
    hubPhones: rng.int(1, 4),
  };
  const checked = new Checked(opts);
  const bases = Array.from({ length: rng.int(2, 8) }, () => randomHash(rng));
  const pool: { sha256: string; phash: string }[] = [];
  let shas = 0;
  const newPhoto = () => {
    const kind = rng.next();
    // Some SHA-256s in capitals: the batch matches known hubs case-insensitively.
    const digest = (shas++).toString(16).padStart(64, rng.chance(0.1) ? 'A' : 'a');
    let phash: string;
    if (kind < 0.1) phash = rng.pick(['', 'nope']);
    else if (kind < 0.75) {
      // A near copy of a base; a third become bases themselves, so chains grow.
      phash = flip(rng.pick(bases), rng.int(0, opts.maxDistance), rng);
      if (rng.chance(0.3)) bases.push(phash);
    } else phash = randomHash(rng);
    const photo = { sha256: digest, phash };
    pool.push(photo);
    return photo;
  };
  const somePhoto = () => {
    if (pool.length === 0 || rng.chance(0.5)) return newPhoto();
    const photo = rng.pick(pool);
    // Now and then the same bytes with another pHash string: a node of their own in the batch.
    if (rng.chance(0.05)) return { sha256: photo.sha256, phash: rng.pick(['', randomHash(rng)]) };
    // Or in the other case: its own SHA-256 for phones, the same one for known hubs.
    if (rng.chance(0.05)) {
      const other = photo.sha256.toUpperCase();
      return { ...photo, sha256: other === photo.sha256 ? other.toLowerCase() : other };
    }
    return photo;
  };
  const phones = Array.from({ length: 8 }, (_, i) => `+3161234567${i}`);
  for (let step = 0; step < steps; step++) {
    const batch: Ad[] = [];
    for (let k = rng.int(1, 6); k > 0; k--) {
      const known = [...checked.ads.values(), ...batch];
      const op = rng.next();
      if (known.length === 0 || op < 0.4) {
        // Ids of 1–3 hex digits: later ads often sort before earlier ones.
        batch.push({
          id: hex(rng.uint32()).slice(0, rng.int(1, 3)),
          phones: rng.sample(phones, rng.int(0, 2)),
          photos: Array.from({ length: rng.int(0, 3) }, somePhoto),
        });
      } else {
        const ad = rng.pick(known);
        if (op < 0.75)
          batch.push({
            id: ad.id,
            phones: [...ad.phones, ...(rng.chance(0.4) ? [rng.pick(phones)] : [])],
            photos: [...ad.photos, ...(rng.chance(0.8) ? [somePhoto()] : [])],
          });
        else if (op < 0.95)
          batch.push({
            id: ad.id,
            phones: rng.sample(ad.phones, rng.int(0, ad.phones.length)),
            photos: rng.sample(ad.photos, rng.int(0, ad.photos.length)),
          });
        else batch.push(ad); // unchanged
      }
    }
    checked.upsert(batch, `${step} of run ${seed}`);
  }
  return checked;
}

describe('PhotoLinker equals the batch', () => {
  it('after every upsert of random runs (near copies, chains, hubs, stock photos, removals)', () => {
    let hubPairs = 0;
    let removed = 0;
    let changed = 0;
    for (let seed = 0; seed < 25; seed++) {
      const { log } = randomRun(seed, 20);
      for (const { added, removed: gone } of log) {
        hubPairs += added.filter((p) => p.hub).length;
        removed += gone.length;
        const addedKeys = new Set(added.map((p) => `${p.a}/${p.b}`));
        changed += gone.filter((p) => addedKeys.has(`${p.a}/${p.b}`)).length;
      }
    }
    // The runs do exercise what they are meant to.
    assert.ok(
      hubPairs > 500 && removed > 500 && changed > 200,
      `${hubPairs} ${removed} ${changed}`,
    );
  });

  it('whatever the batches: one upsert of everything or one ad at a time', () => {
    const rng = new Random('splits');
    const bases = Array.from({ length: 12 }, () => randomHash(rng));
    const ads: Ad[] = Array.from({ length: 150 }, (_, i) => ({
      id: hex(rng.uint32()),
      phones: [`p${rng.int(0, 20)}`],
      photos: Array.from({ length: rng.int(1, 3) }, (_, k) => ({
        sha256: sha(`${i}x${k}`),
        phash: rng.chance(0.7) ? flip(rng.pick(bases), rng.int(0, 6), rng) : randomHash(rng),
      })),
    }));
    const opts = { maxDistance: 8, hubAds: 6, hubPhones: 3 };
    const whole = new Checked(opts);
    whole.upsert(ads);
    for (const size of [1, 7, 40]) {
      const parts = new Checked(opts);
      for (let i = 0; i < ads.length; i += size) parts.upsert(ads.slice(i, i + size));
      assert.deepEqual(parts.linker.pairs(), whole.linker.pairs());
    }
  });

  it('with clusters of many distinct near copies (near queries instead of scans), grown and cut', () => {
    // 40 ads of one hub and 5 ads of a non-hub cluster, each with near copies: >64 nodes a cluster.
    const rng = new Random('wide');
    const stock = randomHash(rng);
    const own = randomHash(rng);
    const copies = (h: string, n: number, label: string) =>
      Array.from({ length: n }, (_, k) => ({
        sha256: sha(`${label}${k}`),
        phash: flip(h, rng.int(0, 2), rng),
      }));
    const opts = { maxDistance: 8, hubAds: 10, hubPhones: 3 };
    const checked = new Checked(opts);
    // Filler first, so the near queries (not one self-join) place the copies that follow.
    checked.upsert(
      Array.from({ length: 1100 }, (_, i) => ({
        id: `f${i}`,
        phones: [],
        photos: [{ sha256: sha(`f${i}`), phash: randomHash(rng) }],
      })),
    );
    const hubAds: Ad[] = [];
    for (let i = 0; i < 40; i++) {
      hubAds.push({ id: `h${hex(rng.uint32())}`, phones: [], photos: copies(stock, 3, `h${i}k`) });
      if (i % 8 === 7) checked.upsert(hubAds.slice(i - 7, i + 1), `hub ${i}`);
    }
    const ownAds: Ad[] = Array.from({ length: 5 }, (_, i) => ({
      id: `o${i}`,
      phones: [],
      photos: copies(own, 16, `o${i}k`),
    }));
    checked.upsert(ownAds);
    // Cut: the first hub ad and two own ads lose most of their copies (splits of wide clusters).
    checked.upsert([
      { ...hubAds[0]!, photos: hubAds[0]!.photos.slice(0, 1) },
      { ...ownAds[0]!, photos: ownAds[0]!.photos.slice(0, 2) },
      { ...ownAds[1]!, photos: [] },
    ]);
    assert.ok(checked.linker.pairs().some((p) => p.hub));
    assert.ok(checked.linker.pairs().some((p) => !p.hub && p.a.startsWith('o')));
  });
});
