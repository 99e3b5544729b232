import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  docCountStep,
  slotTemplate,
  templatePairs,
  templatePairsWithStats,
  type TemplateAd,
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

const GREETING = 'Hoi schatjes!';
const DISCLAIMER =
  'Let op: deze site controleert advertenties niet op juistheid. Adverteerders zijn zelf ' +
  'verantwoordelijk voor de inhoud van hun advertentie, verklaren dat zij 18 jaar of ouder zijn ' +
  'en dat zij vrijwillig werken. Meld misbruik, uitbuiting of mensenhandel altijd bij de politie ' +
  'of anoniem via Meld Misdaad Anoniem. Wij werken samen met hulpverleners in heel Nederland.';

/**
 * Ads that share nothing but the greeting they open with and the disclaimer they end with: a
 * short body of made-up words each (so no two bodies share a phrase).
 */
function confounders(count: number, seed: number): TemplateAd[] {
  const next = rng(seed);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'pa', 'ri', 'zu'];
  const word = () => {
    let w = '';
    for (let i = 0, n = 2 + Math.floor(next() * 3); i < n; i++)
      w += syllables[Math.floor(next() * syllables.length)];
    return w;
  };
  return Array.from({ length: count }, (_, i) => {
    const body = Array.from({ length: 12 }, word).join(' ');
    return { id: `c${String(i).padStart(3, '0')}`, text: `${GREETING} ${body}.\n\n${DISCLAIMER}` };
  });
}

const NAMES = [
  'Anna',
  'Bella',
  'Carmen',
  'Daniela',
  'Elena',
  'Fiona',
  'Gabi',
  'Hanna',
  'Iris',
  'Julia',
];
const CITIES = [
  'Amsterdam',
  'Utrecht',
  'Breda',
  'Zwolle',
  'Delft',
  'Arnhem',
  'Leiden',
  'Venlo',
  'Assen',
  'Gouda',
];

/** Ten ads from one network template: the same text, another name, age, city, price and phone. */
function templateAds(): TemplateAd[] {
  return NAMES.map((name, i) => ({
    id: `t${i}`,
    text:
      `${name} in ${CITIES[i]}\n` +
      `Hoi ik ben ${name}, ${19 + i} jaar en net nieuw in ${CITIES[i]}. Ik ontvang je in een ` +
      `schone discrete kamer en neem alle tijd voor je, ${120 + 10 * i} p/u. Bel of app ` +
      `06-${12345670 + i} voor een afspraak. Kusjes`,
  }));
}

const key = (p: TemplatePair) => `${p.a}|${p.b}`;

describe('templatePairs: common text links nothing', () => {
  it('300 unrelated ads with the same greeting and disclaimer: no pairs', () => {
    const ads = confounders(300, 1);
    const { pairs, stats } = templatePairsWithStats(ads);
    assert.deepEqual(pairs, []);
    assert.ok(stats.commonShingles > 0, 'the disclaimer is dropped as common text');
    assert.equal(stats.skippedShort, 0, 'each body alone is still long enough to compare');
  });

  it('the same corpus without the frequency cap does link (the test has teeth)', () => {
    const pairs = templatePairs(confounders(300, 1), { maxDocFreq: 1_000_000 });
    assert.ok(pairs.length > 1000, `${pairs.length} pairs`);
  });
});

describe('templatePairs: one template, different slot values', () => {
  it('pairs all ten ads of a template among the confounders, and nothing else', () => {
    const ads = [...confounders(300, 2), ...templateAds()];
    const pairs = templatePairs(ads);
    const expected: string[] = [];
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) expected.push(`t${i}|t${j}`);
    assert.deepEqual(pairs.map(key).sort(), expected.sort());
    for (const p of pairs) {
      assert.ok(p.a < p.b);
      assert.equal(p.similarity, 1, 'name, age, city, price and phone do not decide');
      assert.equal(p.hub, undefined);
    }
  });

  it('reads a number however it is written: phone, price and age are one token', () => {
    const body = (phone: string, price: string, age: string) =>
      `Ik ben een lieve meid van ${age} en ontvang je graag in mijn rustige woning aan de rand ` +
      `van de stad. Prijs ${price}. Bel me op ${phone} of stuur een berichtje`;
    const ads: TemplateAd[] = [
      { id: 'a', text: body('06-12345678', '150 p/u', '23 jaar') },
      {
        id: 'b',
        text: body('nul zes een twee drie vier vijf zes zeven acht', '€ 150,- per uur', '31 jaar'),
      },
      { id: 'c', text: body('+31 6 1234 5678', '€75 half uur', '19 jaar') },
      { id: 'd', text: body('0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣', '100 rozen', '27 jaar') },
      { id: 'e', text: body('+ 34 6 1 2 O 4 5 6 7 8', '200 euro', '45 jaar') },
    ];
    const pairs = templatePairs(ads);
    assert.equal(pairs.length, 10);
    for (const p of pairs) assert.equal(p.similarity, 1, key(p));
  });

  it("masks the ad's own names, also where a capital says nothing", () => {
    const text = (name: string) =>
      `${name} is een lief meisje dat graag verwent. ${name} ontvangt in een schone woning ` +
      `met parkeerplaats voor de deur en koffie klaar`;
    const ads: TemplateAd[] = [
      { id: 'a', text: text('Kim'), names: ['Kim'] },
      { id: 'b', text: text('Roxy'), names: ['Roxy'] },
    ];
    assert.equal(templatePairs(ads)[0]?.similarity, 1);
    const unnamed = templatePairs(
      ads.map(({ id, text }) => ({ id, text })),
      { threshold: 0 },
    );
    assert.ok((unnamed[0]?.similarity ?? 0) < 1, 'without names the name shingles differ');
  });
});

describe('templatePairs: corpus-wide rules an index can follow', () => {
  it('takes the frequency cap of n rounded down to 8 steps per doubling', () => {
    assert.deepEqual(
      [1, 15, 16, 17, 18, 1000, 1023, 1024, 1151, 1152, 2047, 2048, 2303, 2304].map(docCountStep),
      [1, 15, 16, 16, 18, 960, 960, 1024, 1024, 1152, 1920, 2048, 2048, 2304],
    );
    assert.equal(docCountStep(1_000_000), 983_040);
    // 2000 ads count as 1920: a cap of 57 (3%), not 60.
    assert.equal(templatePairsWithStats(confounders(2000, 4)).stats.maxDocFreq, 57);
    assert.equal(templatePairsWithStats(confounders(300, 4)).stats.maxDocFreq, 50);
  });

  it('masks a name at a sentence start where the corpus writes it as a proper noun', () => {
    const text = (name: string) =>
      `${name} is een lief meisje dat graag verwent en ontvangt in een schone woning ` +
      `met parkeerplaats voor de deur en koffie klaar`;
    const ads: TemplateAd[] = [
      { id: 'a', text: text('Kim') },
      { id: 'b', text: text('Roxy') },
    ];
    const alone = templatePairs(ads, { threshold: 0 });
    assert.ok((alone[0]?.similarity ?? 0) < 1, 'a capital at a sentence start says nothing');
    const others: TemplateAd[] = [
      { id: 'c', text: 'Vandaag nieuw bij ons: Kim en Roxy, bel snel' },
      { id: 'd', text: 'Wij hebben Kim, Roxy en nog veel meer dames' },
    ];
    const pairs = templatePairs([...ads, ...others], { threshold: 0 });
    assert.equal(pairs.find((p) => p.a === 'a' && p.b === 'b')?.similarity, 1);
    // Written in lower case more often than capitalised: not a proper noun after all.
    const lower = { id: 'e', text: 'kim kim kim kim kim roxy roxy roxy roxy roxy' };
    const unmasked = templatePairs([...ads, ...others, lower], { threshold: 0 });
    assert.ok((unmasked.find((p) => p.a === 'a' && p.b === 'b')?.similarity ?? 0) < 1);
  });
});

describe('templatePairs: guards', () => {
  it('does not link ads too short to tell apart', () => {
    const ads: TemplateAd[] = [
      { id: 'a', text: 'Hoi schat, bel me' },
      { id: 'b', text: 'Hoi schat, bel me' },
    ];
    const { pairs, stats } = templatePairsWithStats(ads);
    assert.deepEqual(pairs, []);
    assert.equal(stats.skippedShort, 2);
  });

  it('a hub bucket only pairs its representatives, and says so', () => {
    const text =
      'Welkom in onze nette club met mooie dames uit alle landen, open van maandag tot zaterdag ' +
      'en altijd discreet, parkeren voor de deur';
    const ads = Array.from({ length: 120 }, (_, i) => ({
      id: `h${String(i).padStart(3, '0')}`,
      text,
    }));
    const { pairs, stats } = templatePairsWithStats(ads, {
      maxDocFreq: 1_000_000,
      maxBucket: 50,
      representatives: 3,
    });
    // Every pair with one of the first three ads: C(120, 2) − C(117, 2).
    assert.equal(pairs.length, 354);
    assert.ok(pairs.every((p) => ['h000', 'h001', 'h002'].includes(p.a)));
    assert.ok(
      pairs.every((p) => p.hub === true),
      'marked as hub pairs',
    );
    assert.equal(stats.hubBuckets, 24);
    assert.equal(stats.hubBucketAds, 24 * 120);
  });

  it('is deterministic, and independent of the input order', () => {
    const ads = [...confounders(200, 3), ...templateAds()];
    const first = templatePairs(ads);
    assert.deepEqual(templatePairs(ads), first);
    const shuffled = [...ads].reverse();
    assert.deepEqual(templatePairs(shuffled).map(key).sort(), first.map(key).sort());
  });

  it('handles no ads, one ad and the same ad twice', () => {
    assert.deepEqual(templatePairs([]), []);
    const [one] = templateAds();
    assert.deepEqual(templatePairs([one!]), []);
    assert.deepEqual(templatePairs([one!, one!]), []);
  });
});

describe('slotTemplate', () => {
  it('shows the shared text with name, age, place, price and phone as slots', () => {
    const view = slotTemplate(templateAds().map((a) => a.text));
    const slots = view.parts.filter((p) => 'slot' in p);
    assert.deepEqual(
      slots.map((s) => s.slot),
      ['name', 'place', 'name', 'age', 'place', 'price', 'phone'],
    );
    const byName = new Map(slots.map((s) => [s.slot, s.values]));
    assert.deepEqual(byName.get('name'), NAMES);
    assert.deepEqual(byName.get('place'), CITIES);
    assert.deepEqual(
      byName.get('age'),
      NAMES.map((_, i) => String(19 + i)),
    );
    assert.deepEqual(
      byName.get('price'),
      NAMES.map((_, i) => String(120 + 10 * i)),
    );
    assert.equal(byName.get('phone')?.length, 10);
    const shared = view.parts.map((p) => ('text' in p ? p.text : `{${p.slot}}`)).join('');
    assert.equal(
      shared,
      '{name} in {place}\nHoi ik ben {name}, {age} jaar en net nieuw in {place}. Ik ontvang je ' +
        'in een schone discrete kamer en neem alle tijd voor je, {price} p/u. Bel of app 06-{phone} ' +
        'voor een afspraak. Kusjes',
    );
  });

  it('ignores a typo or a stray number in one ad out of ten', () => {
    const texts = templateAds().map((a) => a.text);
    texts[3] = texts[3]!.replace('discrete', 'dsicrete').replace('Kusjes', '1.65 m. Kusjes');
    const view = slotTemplate(texts);
    const shared = view.parts.map((p) => ('text' in p ? p.text : `{${p.slot}}`)).join('');
    assert.match(shared, /in een schone discrete kamer/);
    assert.match(shared, /voor een afspraak\. Kusjes$/);
  });

  it('handles no texts and a single text', () => {
    assert.deepEqual(slotTemplate([]), { parts: [] });
    assert.deepEqual(slotTemplate(['Hoi, ik ben Kim']), { parts: [{ text: 'Hoi, ik ben Kim' }] });
  });
});
