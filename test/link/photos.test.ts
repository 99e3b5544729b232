import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hammingDistance } from '../../src/intake/images/phash.js';
import { examineImage } from '../../src/intake/images/store.js';
import {
  PhotoIndex,
  closestPhotoPair,
  parsePhash,
  photoEvidence,
  photoPairs,
  type PhotoAd,
  type PhotoPair,
} from '../../src/link/photos.js';
import { ORIGINAL, randomVariation, renderPhoto } from '../../src/scenario/images.js';
import { Random } from '../../src/scenario/random.js';

const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
const randomHash = (rng: Random) => hex(rng.uint32()) + hex(rng.uint32());
/** `hash` with `bits` distinct bits flipped. */
function flip(hash: string, bits: number, rng: Random): string {
  let hi = parseInt(hash.slice(0, 8), 16);
  let lo = parseInt(hash.slice(8), 16);
  for (const b of rng.sample(
    Array.from({ length: 64 }, (_, i) => i),
    bits,
  ))
    if (b < 32) hi ^= 1 << b;
    else lo ^= 1 << (b - 32);
  return hex(hi) + hex(lo);
}
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
/** Hamming distance of parsed hashes (the test's own, to check the index against). */
const distance = (p: [number, number], q: [number, number]) =>
  popcount(p[0] ^ q[0]) + popcount(p[1] ^ q[1]);
const sha = (label: string) =>
  label
    .padEnd(64, '0')
    .replace(/[^0-9a-f]/g, 'e')
    .slice(0, 64);
const adId = (n: number) => n.toString(16).padStart(32, '0');

/** Random hashes plus, for a third of them, copies 0–12 bits away (so every radius has work). */
function hashSet(n: number, seed: number): string[] {
  const rng = new Random(seed);
  const out: string[] = [];
  while (out.length < n) {
    const h = randomHash(rng);
    out.push(h);
    if (rng.chance(0.33)) out.push(flip(h, rng.int(0, 12), rng));
  }
  return out.slice(0, n);
}

describe('parsePhash', () => {
  it('reads 16 hex digits as two 32-bit halves, and nothing else', () => {
    assert.deepEqual(parsePhash('ffffffff00000001'), [0xffffffff, 1]);
    assert.equal(parsePhash('fffffffff'), null);
    assert.equal(parsePhash('zzzzzzzzzzzzzzzz'), null);
    assert.equal(parsePhash(''), null);
  });
});

describe('PhotoIndex', () => {
  it('stores an identical hash once and returns all its keys', () => {
    const index = new PhotoIndex();
    index.add('a', '0123456789abcdef');
    index.add('b', '0123456789abcdef');
    index.add('c', '0123456789abcdee');
    assert.equal(index.size, 3);
    assert.equal(index.distinct, 2);
    assert.deepEqual(index.near('0123456789abcdef', 0), [
      { key: 'a', distance: 0 },
      { key: 'b', distance: 0 },
    ]);
    assert.deepEqual(
      index.near('0123456789abcdef', 1).map((x) => x.key),
      ['a', 'b', 'c'],
    );
  });

  it('rejects what is not a pHash', () => {
    const index = new PhotoIndex();
    assert.throws(() => index.add('a', 'abc'), /16 hex digits/);
    assert.throws(() => index.near('xyz'), /16 hex digits/);
  });

  for (const n of [3000, 20000]) {
    it(`near() finds exactly what a scan finds, radius 0–12 (${n} hashes)`, () => {
      const hashes = hashSet(n, n);
      const parsed = hashes.map((h) => parsePhash(h)!);
      const index = new PhotoIndex();
      hashes.forEach((h, i) => index.add(`k${i}`, h));
      const rng = new Random(`q${n}`);
      for (let q = 0; q < 40; q++) {
        // Queries near stored hashes, so every radius has hits.
        const query = flip(hashes[rng.int(0, hashes.length - 1)]!, rng.int(0, 6), rng);
        const pq = parsePhash(query)!;
        const all = parsed.map((h, i) => ({ key: `k${i}`, distance: distance(h, pq) }));
        for (const r of [0, 2, 3, 5, 6, 8, 9, 12]) {
          const expected = all
            .filter((x) => x.distance <= r)
            .sort((x, y) => x.distance - y.distance || (x.key < y.key ? -1 : 1));
          assert.deepEqual(index.near(query, r), expected, `query ${query} radius ${r}`);
        }
      }
    });
  }

  it('the self-join finds every pair within the radius exactly once (12,000 hashes)', () => {
    // Large enough that the bucket join runs, not the all-pairs fallback.
    const hashes = [...new Set(hashSet(12000, 99))];
    const index = new PhotoIndex();
    for (const h of hashes) index.add(h, h);
    const parsed = hashes.map((h) => parsePhash(h)!);
    const close: [number, number, number][] = [];
    for (let i = 0; i < parsed.length; i++)
      for (let j = i + 1; j < parsed.length; j++) {
        const d = distance(parsed[i]!, parsed[j]!);
        if (d <= 8) close.push([i, j, d]);
      }
    for (const r of [8, 4]) {
      const found: string[] = [];
      index.forEachNearPair(r, (a, b, d) => {
        const [x, y] = [index.hashOf(a), index.hashOf(b)];
        const [p, q] = [hex(x[0]) + hex(x[1]), hex(y[0]) + hex(y[1])].sort();
        assert.equal(d, hammingDistance(p!, q!));
        found.push(`${p}-${q}`);
      });
      const expected = close
        .filter(([, , d]) => d <= r)
        .map(([i, j]) => [hashes[i]!, hashes[j]!].sort().join('-'));
      assert.ok(expected.length > 500, `planted pairs at radius ${r}: ${expected.length}`);
      assert.deepEqual(found.sort(), expected.sort());
    }
  });
});

describe('photoPairs', () => {
  const rng = new Random('pairs');
  const base = randomHash(rng);
  const other = randomHash(rng);

  it('pairs ads by the same bytes or a near pHash, one pair per two ads, the closest', () => {
    const ads: PhotoAd[] = [
      // Shown in c and a (listed out of order): a < c in the result.
      {
        id: adId(3),
        photos: [
          { sha256: sha('aa'), phash: base },
          { sha256: sha('a6'), phash: flip(other, 6, rng) },
        ],
      },
      {
        id: adId(1),
        photos: [
          { sha256: sha('aa'), phash: base },
          { sha256: sha('a0'), phash: other },
        ],
      },
      { id: adId(2), photos: [{ sha256: sha('b4'), phash: flip(base, 4, rng) }] },
      { id: adId(4), photos: [{ sha256: sha('cc'), phash: randomHash(rng) }] },
    ];
    const pairs = photoPairs(ads);
    assert.deepEqual(
      pairs.map((p) => [p.a, p.b, p.distance, p.hub]),
      [
        [adId(1), adId(2), 4, false],
        [adId(1), adId(3), 0, false],
        [adId(2), adId(3), 4, false],
      ],
    );
    assert.equal(pairs[1]!.photoA, sha('aa'));
    assert.equal(pairs[1]!.photoB, sha('aa'));
    assert.deepEqual([pairs[0]!.photoA, pairs[0]!.photoB], [sha('aa'), sha('b4')]);
  });

  it('does not pair beyond maxDistance, and pairs within it when told', () => {
    const ads: PhotoAd[] = [
      { id: adId(1), photos: [{ sha256: sha('a'), phash: base }] },
      { id: adId(2), photos: [{ sha256: sha('b'), phash: flip(base, 10, rng) }] },
    ];
    assert.deepEqual(photoPairs(ads), []);
    assert.equal(photoPairs(ads, { maxDistance: 10 })[0]?.distance, 10);
  });

  it('a stock photo in more than hubAds ads yields one hub pair per ad, to the first ad', () => {
    const stock = randomHash(rng);
    const ads: PhotoAd[] = Array.from({ length: 200 }, (_, i) => ({
      id: adId(1000 - i),
      // Most copies are the same file; every fifth is re-encoded.
      photos: [
        i % 5 === 0
          ? { sha256: sha(`c${i}`), phash: flip(stock, 2, rng) }
          : { sha256: sha('5'), phash: stock },
        { sha256: sha(`own${i}`), phash: randomHash(rng) },
      ],
    }));
    const pairs = photoPairs(ads);
    assert.equal(pairs.length, 199);
    assert.ok(pairs.every((p) => p.hub && p.a === adId(801)));
    assert.equal(new Set(pairs.map((p) => p.b)).size, 199);
    // Raise the bar above 200 ads and it is an ordinary shared photo: every pair.
    const all = photoPairs(ads, { hubAds: 200 });
    assert.equal(all.length, (200 * 199) / 2);
    assert.ok(all.every((p) => !p.hub));
  });

  it('prefers a non-hub photo pair to a hub one for the same two ads', () => {
    const stock = randomHash(rng);
    const own = randomHash(rng);
    const ads: PhotoAd[] = Array.from({ length: 40 }, (_, i) => ({
      id: adId(i + 1),
      photos: [{ sha256: sha('5'), phash: stock }],
    }));
    ads[0]!.photos = [...ads[0]!.photos, { sha256: sha('e1'), phash: own }];
    ads[1]!.photos = [...ads[1]!.photos, { sha256: sha('e2'), phash: flip(own, 6, rng) }];
    const pairs = photoPairs(ads);
    const first = pairs.find((p) => p.a === adId(1) && p.b === adId(2))!;
    assert.deepEqual([first.hub, first.distance, first.photoA], [false, 6, sha('e1')]);
    assert.equal(pairs.filter((p) => p.hub).length, 38);
  });

  it('knownHubs marks a photo as a hub however few ads show it (by pHash or SHA-256)', () => {
    const stock = randomHash(rng);
    const ads: PhotoAd[] = [1, 2, 3].map((n) => ({
      id: adId(n),
      photos: [{ sha256: sha('5'), phash: n === 3 ? flip(stock, 2, rng) : stock }],
    }));
    assert.ok(photoPairs(ads).every((p) => !p.hub));
    for (const known of [stock, flip(stock, 4, rng), sha('5')]) {
      const pairs = photoPairs(ads, { knownHubs: [known] });
      assert.deepEqual(
        pairs.map((p) => [p.a, p.b, p.hub]),
        [
          [adId(1), adId(2), true],
          [adId(1), adId(3), true],
        ],
        known,
      );
    }
    assert.throws(() => photoPairs(ads, { knownHubs: ['nope'] }), /neither/);
  });

  it('matches photos without a valid pHash on their bytes alone', () => {
    const ads: PhotoAd[] = [
      { id: adId(1), photos: [{ sha256: sha('d'), phash: '' }] },
      { id: adId(2), photos: [{ sha256: sha('d'), phash: '' }] },
      { id: adId(3), photos: [{ sha256: sha('e'), phash: '' }] },
    ];
    assert.deepEqual(
      photoPairs(ads).map((p) => [p.a, p.b, p.distance]),
      [[adId(1), adId(2), 0]],
    );
  });

  it('gives the same answer whatever the order of the ads', () => {
    const r = new Random('order');
    const bases = Array.from({ length: 30 }, () => randomHash(r));
    const ads: PhotoAd[] = Array.from({ length: 300 }, (_, i) => ({
      id: adId(r.uint32()),
      photos: Array.from({ length: r.int(1, 3) }, (_, k) => ({
        sha256: sha(`${i}x${k}`),
        phash: r.chance(0.5) ? flip(r.pick(bases), r.int(0, 6), r) : randomHash(r),
      })),
    }));
    const expected = photoPairs(ads, { hubAds: 8 });
    assert.ok(expected.some((p) => p.hub) && expected.some((p) => !p.hub));
    for (let s = 0; s < 3; s++)
      assert.deepEqual(photoPairs(new Random(s).shuffle([...ads]), { hubAds: 8 }), expected);
    for (const p of expected) assert.ok(p.a < p.b);
  });
});

describe('closestPhotoPair and photoEvidence', () => {
  it('checks one pair of ads directly, and turns a pair into evidence', () => {
    const rng = new Random('closest');
    const h = randomHash(rng);
    const a: PhotoAd = { id: adId(9), photos: [{ sha256: sha('a'), phash: h }] };
    const b: PhotoAd = {
      id: adId(2),
      photos: [
        { sha256: sha('b'), phash: flip(h, 8, rng) },
        { sha256: sha('c'), phash: flip(h, 2, rng) },
      ],
    };
    const pair = closestPhotoPair(a, b)!;
    assert.deepEqual(pair, {
      a: adId(2),
      b: adId(9),
      photoA: sha('c'),
      photoB: sha('a'),
      distance: 2,
      hub: false,
    } satisfies PhotoPair);
    assert.equal(closestPhotoPair(a, b, 1), null);
    const e = photoEvidence(pair);
    assert.deepEqual(
      [e.type, e.a, e.b, e.value, e.distance, e.hub],
      ['photo', adId(2), adId(9), `${sha('c')}/${sha('a')}`, 2, undefined],
    );
    assert.ok(e.weight > 0.8);
    assert.equal(photoEvidence({ ...pair, hub: true }).hub, true);
  });
});

describe('photoPairs on rendered photos', () => {
  it('pairs reused copies of one photo (as far as their pHashes are within 8) and never two different photos', async () => {
    const ads: PhotoAd[] = [];
    const photoOf = new Map<string, string>();
    for (let p = 0; p < 5; p++)
      for (let v = 0; v < 3; v++) {
        const variation = v === 0 ? ORIGINAL : randomVariation(new Random(`v${p}:${v}`));
        const facts = await examineImage(await renderPhoto(`test-${p}`, variation));
        const id = adId(p * 10 + v + 1);
        ads.push({ id, photos: [{ sha256: facts.sha256, phash: facts.phash }] });
        photoOf.set(id, `test-${p}`);
      }
    const pairs = photoPairs(ads);
    const expected: string[] = [];
    for (let i = 0; i < ads.length; i++)
      for (let j = i + 1; j < ads.length; j++)
        if (hammingDistance(ads[i]!.photos[0]!.phash, ads[j]!.photos[0]!.phash) <= 8)
          expected.push(`${ads[i]!.id}-${ads[j]!.id}`);
    assert.deepEqual(
      pairs.map((p) => `${p.a}-${p.b}`),
      expected,
    );
    for (const p of pairs) assert.equal(photoOf.get(p.a), photoOf.get(p.b));
    // Most copies are found (the misses are cropped ones: see the distance table in the report).
    assert.ok(pairs.length >= 10, `found ${pairs.length} of 15 same-photo pairs`);
  });
});
