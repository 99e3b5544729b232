import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateIndex, type TemplateIndexTuning } from '../../src/link/template-index.js';
import {
  templatePairs,
  type TemplateAd,
  type TemplateOptions,
  type TemplatePair,
} from '../../src/link/templates.js';

/** mulberry32: a small seeded generator, so the corpora are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const show = (p: TemplatePair) => `${p.a}|${p.b}|${p.similarity}|${p.hub ? 'hub' : ''}`;
const shown = (pairs: readonly TemplatePair[]) => pairs.map(show).sort();

/**
 * An index fed `steps` and, after each, checked against the batch over the current version of
 * every ad in order of first insertion; and its added/removed against the before/after
 * difference. Returns what the upserts did, for the tests to check that a path was taken.
 */
function replay(
  steps: readonly (readonly TemplateAd[])[],
  opts: TemplateOptions,
  tuning: TemplateIndexTuning = {},
  label = '',
) {
  const index = new TemplateIndex(opts, tuning);
  const current = new Map<string, TemplateAd>();
  let before: string[] = [];
  const stats = [];
  let hubPairs = 0;
  for (const [s, step] of steps.entries()) {
    const { added, removed } = index.upsert(step);
    for (const ad of step) current.set(ad.id, ad);
    stats.push(index.lastStats);
    const where = `${label} step ${s} (${JSON.stringify(index.lastStats)})`;
    const now = shown(index.pairs());
    assert.deepEqual(now, shown(templatePairs([...current.values()], opts)), where);
    assert.equal(index.size, current.size);
    const was = new Set(before);
    const is = new Set(now);
    assert.deepEqual(
      shown(added),
      now.filter((p) => !was.has(p)),
      `added, ${where}`,
    );
    assert.deepEqual(
      shown(removed),
      before.filter((p) => !is.has(p)),
      `removed, ${where}`,
    );
    before = now;
    hubPairs += now.filter((p) => p.endsWith('|hub')).length;
  }
  return { stats, hubPairs };
}

/** replay, incremental (never in bulk: the stats say which path did what) and as by default. */
function replayBoth(steps: readonly (readonly TemplateAd[])[], opts: TemplateOptions) {
  replay(steps, opts, {}, 'default');
  return replay(steps, opts, { bulkShare: 2 }, 'incremental').stats;
}

/**
 * Ads from a few templates over a small vocabulary, with what moves templatePairs: common
 * phrases in a share of the ads that changes over time, words written as names (capitalised
 * inside a sentence, at a sentence start, in lower case, shouted), numbers, display names,
 * ads too short to link, and exact copies (hub buckets).
 */
function corpus(seed: number, capitals = (_phase: number) => 0.06) {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i.toString(36)}${i % 3 ? 'a' : 'o'}`);
  const namey = ['kim', 'roxy', 'lola', 'paris', 'welkom'];
  const title = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const templates = Array.from({ length: 5 }, () =>
    Array.from({ length: 8 + Math.floor(r() * 12) }, () => pick(vocabulary)),
  );
  const common = ['hoi schatjes welkom bij ons', 'let op deze site controleert niets'];
  return (phase: number): Omit<TemplateAd, 'id'> => {
    const t = pick(templates).slice();
    if (r() < 0.4) for (let k = 0; k < 2; k++) t[Math.floor(r() * t.length)] = pick(vocabulary);
    const words: string[] = [];
    for (const c of common) if (r() < 0.3 + 0.25 * Math.sin(phase + c.length)) words.push(c);
    const c = capitals(phase);
    for (const w of t) {
      const x = r();
      if (x < c) words.push(title(pick(namey)));
      else if (x < c + 0.04) words.push('.', title(pick(namey)));
      else if (x < c + 0.1) words.push(pick(namey));
      else if (x < c + 0.12) words.push(pick(namey).toUpperCase());
      else if (x < c + 0.14) words.push(`${Math.floor(r() * 100)} jaar`);
      else words.push(w);
    }
    const text = words.join(' ').replace(/ \./g, '.');
    return {
      text: r() < 0.05 ? words.slice(0, 5).join(' ') : text,
      ...(r() < 0.15 ? { names: [title(pick(namey))] } : {}),
    };
  };
}

/** Upserts of random sizes: new ads, and replaced texts of ads already there. */
function randomSteps(seed: number, count: number, firstSize: number): TemplateAd[][] {
  const r = rng(seed * 7 + 1);
  const make = corpus(seed);
  const ids: string[] = [];
  const steps: TemplateAd[][] = [];
  for (let s = 0; s < count; s++) {
    const step: TemplateAd[] = [];
    const size = 1 + Math.floor(r() * (s === 0 ? firstSize : 12));
    for (let k = 0; k < size; k++) {
      let id: string;
      if (ids.length > 0 && r() < 0.4) id = ids[Math.floor(r() * ids.length)]!;
      else ids.push((id = `a${String(ids.length).padStart(4, '0')}`));
      step.push({ id, ...make(s) });
    }
    steps.push(step);
  }
  return steps;
}

/** Random options that make every corpus-wide rule bite at this size. */
function randomOptions(seed: number): TemplateOptions {
  const r = rng(seed * 13 + 5);
  return {
    ...(r() < 0.5
      ? { maxDocFreq: 3 + Math.floor(r() * 20) }
      : { minDocCap: 2 + Math.floor(r() * 10), maxDocShare: 0.1 + r() * 0.3 }),
    maxBucket: 2 + Math.floor(r() * 10),
    representatives: 1 + Math.floor(r() * 3),
    threshold: 0.3 + r() * 0.5,
    minShingles: 1 + Math.floor(r() * 6),
  };
}

describe('TemplateIndex: equal to the batch after any sequence of upserts', () => {
  it('random corpora, options and splits, replaced texts; incremental and bulk', () => {
    const seen = { renormalised: 0, refrequenced: 0, capStep: 0, hubChanges: 0, bulk: 0, hubs: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      // Mostly incremental; every third run recomputes whenever an eighth of the ads change.
      const tuning = { bulkShare: seed % 3 === 0 ? 1 / 8 : 2 };
      const { stats, hubPairs } = replay(
        randomSteps(seed, 14, 40),
        randomOptions(seed),
        tuning,
        `seed ${seed}`,
      );
      for (const s of stats) {
        if (s.renormalised > 0) seen.renormalised++;
        if (s.refrequenced > 0) seen.refrequenced++;
        if (s.capStep) seen.capStep++;
        if (s.hubChanges > 0) seen.hubChanges++;
        if (s.bulk) seen.bulk++;
      }
      seen.hubs += hubPairs;
    }
    // Every corpus-wide rule was exercised, not just plain additions.
    for (const [what, count] of Object.entries(seen)) assert.ok(count > 5, `${what}: ${count}`);
  });

  it('the same corpus in one batch, in single ads, and in halves', () => {
    const steps = randomSteps(101, 10, 30);
    const opts = randomOptions(101);
    const all = steps.flat();
    replay([all], opts, {}, 'one batch');
    replay(
      all.map((ad) => [ad]),
      opts,
      {},
      'one by one',
    );
    const half = Math.floor(all.length / 2);
    replay([all.slice(0, half), all.slice(half)], opts, { bulkShare: 0 }, 'halves, bulk');
  });
});

describe('TemplateIndex: corpus-wide rules', () => {
  /** Two made-up words, different per ad: ads that share nothing but `phrase`. */
  const body = (i: number) => `zz${i.toString(36)}q yy${(i * 7).toString(36)}x`;
  const phrase = 'bel me gerust voor een leuke afspraak vandaag nog';

  it('a shared phrase turns common and informative again as its frequency crosses the cap', () => {
    const opts: TemplateOptions = { maxDocFreq: 4, minShingles: 2, threshold: 0.5 };
    const ads = Array.from({ length: 6 }, (_, i) => ({
      id: `p${i}`,
      text: `${body(i)} ${phrase}`,
    }));
    const stats = replayBoth(
      [
        ads.slice(0, 3),
        [ads[3]!],
        // The fifth ad with the phrase: over the cap, common, the others' pairs go.
        [ads[4]!],
        [ads[5]!],
        // Two ads drop the phrase: back to four, informative, the pairs come back.
        [
          { id: 'p0', text: body(0) },
          { id: 'p1', text: `${body(1)} iets heel anders` },
        ],
      ],
      opts,
    );
    assert.ok(stats[2]!.refrequenced > 0, JSON.stringify(stats[2]));
    assert.ok(stats[4]!.refrequenced > 0, JSON.stringify(stats[4]));
  });

  it('the cap steps with the number of ads (minDocCap, maxDocShare)', () => {
    const opts: TemplateOptions = { minDocCap: 2, maxDocShare: 0.25, minShingles: 2 };
    const steps = Array.from({ length: 40 }, (_, i) => [
      { id: `s${i}`, text: `${body(i)} ${i % 3 === 0 ? phrase : 'iets anders hier'}` },
    ]);
    const stats = replayBoth(steps, opts);
    assert.ok(stats.filter((s) => s.capStep).length >= 3);
    assert.ok(stats.some((s) => s.refrequenced > 0));
  });

  it('hub buckets form, change representatives and dissolve', () => {
    const opts: TemplateOptions = { maxDocFreq: 1000, maxBucket: 4, representatives: 2 };
    const text =
      'Welkom in onze nette club met mooie dames uit alle landen, open van maandag tot zaterdag';
    const copy = (i: number) => ({ id: `h${i}`, text });
    const other = (i: number) => ({ id: `h${i}`, text: `${body(i)} ${phrase} ${body(i + 50)}` });
    const stats = replayBoth(
      [
        [0, 1, 2, 3].map(copy),
        // A fifth copy: a hub; only pairs with h0 and h1 are verified, and flagged.
        [copy(4)],
        [copy(5), copy(6)],
        // h0 is written anew: h1 and h2 represent the hub now.
        [other(0)],
        // Down to four copies: an ordinary bucket again, every pair back.
        [other(1), other(2), other(3)],
        // And h0 back again, before all others in first-insertion order.
        [copy(0)],
        // A hub again, h0 and h4 represent it; h0 leaves, and comes back as a representative:
        // its pairs with every member are verified.
        [copy(7), copy(8)],
        [other(0)],
        [copy(0)],
      ],
      opts,
    );
    assert.ok(stats[1]!.hubChanges > 0 && stats[3]!.hubChanges > 0 && stats[4]!.hubChanges > 0);
    const index = new TemplateIndex(opts);
    index.upsert([0, 1, 2, 3, 4].map(copy));
    const pairs = index.pairs();
    assert.equal(pairs.length, 7, 'h0 and h1 with everyone');
    assert.ok(pairs.every((p) => p.hub === true && (p.a === 'h0' || p.a === 'h1')));
  });

  it('a word becomes a proper noun and stops being one: ads holding it are normalised again', () => {
    const opts: TemplateOptions = { maxDocFreq: 1000, threshold: 0.6 };
    const tail = 'is een lief meisje dat graag verwent en ontvangt in een schone woning';
    const atStart = (i: number, name: string) => ({ id: `k${i}`, text: `${name} ${tail}` });
    const stats = replayBoth(
      [
        // "Sienna" and "Kim" only at sentence starts: not known as proper nouns, not masked.
        [atStart(0, 'Sienna'), atStart(1, 'Kim'), atStart(2, 'Kim')],
        // "Kim" inside a sentence: a proper noun, masked in k1 and k2 too.
        [{ id: 'm0', text: `Vandaag bij ons Kim en Sienna, ${body(1)}` }],
        // Written in lower case often enough: no longer.
        [{ id: 'm1', text: `kim kim kim ${body(2)}` }],
        // Replaced: the lower-case uses go, it is a proper noun again.
        [{ id: 'm1', text: body(3) }],
      ],
      opts,
    );
    assert.ok(stats[1]!.renormalised > 0 && stats[2]!.renormalised > 0, JSON.stringify(stats));
    assert.ok(stats[3]!.renormalised > 0, JSON.stringify(stats[3]));
  });

  it('display names, short ads and texts that grow or shrink past minShingles', () => {
    const opts: TemplateOptions = { maxDocFreq: 1000, minShingles: 6 };
    const text = (name: string) =>
      `${name} is een lief meisje dat graag verwent. ${name} ontvangt in een schone woning ` +
      `met parkeerplaats voor de deur`;
    replayBoth(
      [
        [
          { id: 'a', text: text('Kim'), names: ['Kim'] },
          { id: 'b', text: text('Roxy') },
          { id: 'c', text: 'Hoi schat, bel me' },
        ],
        [{ id: 'b', text: text('Roxy'), names: ['Roxy'] }],
        [{ id: 'c', text: text('Lola'), names: ['Lola'] }],
        [{ id: 'a', text: 'Kim, bel me' }],
        [{ id: 'b', text: text('Roxy'), names: ['Anna'] }],
      ],
      opts,
    );
  });
});

describe('TemplateIndex: long runs', () => {
  it('hundreds of replacements (garbage compacted, buckets sorted again) stay equal', () => {
    const r = rng(77);
    // Names written capitalised in some stretches, in lower case in others: they flip.
    const make = corpus(77, (phase) => (phase % 10 < 5 ? 0.2 : 0.01));
    const ids = Array.from({ length: 30 }, (_, i) => `r${i}`);
    const steps = [ids.map((id) => ({ id, ...make(0) }))];
    for (let s = 1; s < 120; s++) {
      steps.push(
        Array.from({ length: 20 }, () => ({ id: ids[Math.floor(r() * 30)]!, ...make(s) })),
      );
    }
    const { stats } = replay(
      steps,
      { maxDocFreq: 8, maxBucket: 5, representatives: 2 },
      { bulkShare: 2 },
    );
    assert.ok(stats.filter((s) => s.renormalised > 0).length > 10);
  });
});

describe('TemplateIndex: upsert results', () => {
  it('a changed similarity is both removed (old) and added (new)', () => {
    const index = new TemplateIndex({ maxDocFreq: 1000, threshold: 0.3 });
    const text =
      'ik ontvang je graag in mijn rustige woning aan de rand van de stad en neem de tijd';
    index.upsert([
      { id: 'a', text },
      { id: 'b', text },
    ]);
    const { added, removed } = index.upsert([{ id: 'b', text: `${text} voor jou alleen` }]);
    assert.equal(removed.length, 1);
    assert.equal(removed[0]!.similarity, 1);
    assert.equal(added.length, 1);
    assert.ok(added[0]!.similarity < 1);
    assert.deepEqual([added[0]!.a, added[0]!.b], [removed[0]!.a, removed[0]!.b]);
  });

  it('the same text again changes nothing; the last version of an id in one upsert counts', () => {
    const index = new TemplateIndex({ maxDocFreq: 1000 });
    const text =
      'ik ontvang je graag in mijn rustige woning aan de rand van de stad en neem de tijd';
    index.upsert([
      { id: 'a', text },
      { id: 'b', text },
    ]);
    assert.deepEqual(index.upsert([{ id: 'a', text }]), { added: [], removed: [] });
    assert.deepEqual(index.upsert([]), { added: [], removed: [] });
    const { removed } = index.upsert([
      { id: 'c', text },
      { id: 'b', text: 'iets heel anders dan de rest van de teksten hier' },
      { id: 'c', text: 'en dit ook, helemaal niets gemeen met de andere' },
    ]);
    assert.deepEqual(shown(removed), ['a|b|1|']);
    assert.equal(index.size, 3);
    assert.deepEqual(index.pairs(), []);
  });
});
