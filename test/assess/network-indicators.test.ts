import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCentroids } from '../../src/geo/centroids.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { NETWORK_INDICATORS, networkIndicators } from '../../src/assess/indicators/network.js';
import type { AdPlaceWeek } from '../../src/link/link-ads.js';
import type { Evidence, LinkAd } from '../../src/link/types.js';

const geo = loadGazetteer();
const ctx = {
  centroids: loadCentroids(),
  municipalityName: (code: string) => geo.byCode.get(code)?.name ?? code,
};
const GRONINGEN = 'GM0014';
const MAASTRICHT = 'GM0935';
const ZWOLLE = 'GM0193';
const UTRECHT = 'GM0344';

function ad(id: string, name: string, phones: string[]): LinkAd {
  return {
    id,
    phones,
    handles: [],
    text: '',
    names: [name],
    photos: [],
    firstSeen: '2023-03-01T00:00:00.000Z',
    lastSeen: '2023-03-01T00:00:00.000Z',
  };
}
const at = (week: string, municipality: string, policeUnit: string): AdPlaceWeek => ({
  week,
  municipality,
  policeUnit,
});
const edge = (
  type: Evidence['type'],
  a: string,
  b: string,
  extra: Partial<Evidence> = {},
): Evidence => ({
  type,
  a,
  b,
  value: type === 'photo' ? 'x/y' : 'text template',
  weight: 1,
  ...extra,
});
const codes = (hits: { code: string }[]) => hits.map((h) => h.code).sort();

describe('network indicators', () => {
  it('one number under three or more names, with the number and names as evidence', () => {
    const ads = [
      ad('a', 'Sofia', ['+34600000001']),
      ad('b', 'Luna', ['+34600000001']),
      ad('c', 'Mia', ['+34600000001']),
    ];
    const hits = networkIndicators({ ads, places: new Map(), evidence: [] }, ctx);
    assert.deepEqual(codes(hits), ['one_number_many_names']);
    assert.match(
      hits[0]!.evidence[0]!.detail!,
      /\+34600000001 is used under 3 names: Luna, Mia, Sofia/,
    );
    assert.deepEqual(hits[0]!.evidence[0]!.ads, ['a', 'b', 'c']);
    // Two names on one number: an independent with a work name and a real one; no signal.
    assert.deepEqual(
      networkIndicators({ ads: ads.slice(0, 2), places: new Map(), evidence: [] }, ctx),
      [],
    );
  });

  it('a photo under different names; a stock-photo hub does not count', () => {
    const ads = [ad('a', 'Sofia', []), ad('b', 'Luna', [])];
    const hits = networkIndicators(
      { ads, places: new Map(), evidence: [edge('photo', 'a', 'b', { distance: 2 })] },
      ctx,
    );
    assert.deepEqual(codes(hits), ['photos_reused_names']);
    assert.match(hits[0]!.evidence[0]!.detail!, /distance 2\) under "Sofia" and "Luna"/);
    assert.deepEqual(
      networkIndicators(
        { ads, places: new Map(), evidence: [edge('photo', 'a', 'b', { hub: true })] },
        ctx,
      ),
      [],
    );
  });

  it('rotation: one name in a new place each week for three weeks running, across units; not scattered weeks', () => {
    // One woman's ads, re-posted as she is moved on.
    const ads = [
      ad('a', 'Lisa', ['+31600000001']),
      ad('b', 'Lisa', ['+31600000002']),
      ad('c', 'lisa', ['+31600000003']),
    ];
    const rotating = new Map([
      ['a', [at('2023-W10', ZWOLLE, 'ON')]],
      ['b', [at('2023-W11', UTRECHT, 'MN')]],
      ['c', [at('2023-W12', GRONINGEN, 'NN')]],
    ]);
    const hits = networkIndicators({ ads, places: rotating, evidence: [] }, ctx);
    assert.deepEqual(codes(hits), ['rotation']);
    assert.match(
      hits[0]!.evidence[0]!.detail!,
      /Lisa, 2023-W10–2023-W12: a new place each week: Zwolle → Utrecht → Groningen \(3 municipalities, 3 police units\)/,
    );
    assert.deepEqual(hits[0]!.evidence[0]!.ads, ['a', 'b', 'c']);
    // Three names in three places in consecutive weeks: fake profiles on one number, or a booking
    // line for three women, but nobody was moved on.
    const threeNames = [
      ad('a', 'Lisa', ['+31600000001']),
      ad('b', 'Mia', ['+31600000001']),
      ad('c', 'Eva', ['+31600000001']),
    ];
    assert.ok(
      !codes(networkIndicators({ ads: threeNames, places: rotating, evidence: [] }, ctx)).includes(
        'rotation',
      ),
    );
    const slow = new Map([
      ['a', [at('2023-W01', ZWOLLE, 'ON')]],
      ['b', [at('2023-W08', UTRECHT, 'MN')]],
      ['c', [at('2023-W20', GRONINGEN, 'NN')]],
    ]);
    assert.deepEqual(networkIndicators({ ads, places: slow, evidence: [] }, ctx), []);
    // Every other week, as a one-off fraud posting scattered over the country would be.
    const scattered = new Map([
      ['a', [at('2023-W10', ZWOLLE, 'ON')]],
      ['b', [at('2023-W12', UTRECHT, 'MN')]],
      ['c', [at('2023-W14', GRONINGEN, 'NN')]],
    ]);
    assert.deepEqual(networkIndicators({ ads, places: scattered, evidence: [] }, ctx), []);
  });

  it('one number in distant places in the same week (over 100 km), not in neighbouring ones', () => {
    const ads = [ad('a', 'A', ['+31600000009']), ad('b', 'A', ['+31600000009'])];
    const far = new Map([
      ['a', [at('2023-W12', GRONINGEN, 'NN')]],
      ['b', [at('2023-W12', MAASTRICHT, 'LB')]],
    ]);
    const hits = networkIndicators({ ads, places: far, evidence: [] }, ctx);
    assert.ok(codes(hits).includes('simultaneous_distant'));
    assert.match(
      hits.find((h) => h.code === 'simultaneous_distant')!.evidence[0]!.detail!,
      /Groningen and Maastricht, 2\d\d km apart/,
    );
    const near = new Map([
      ['a', [at('2023-W12', ZWOLLE, 'ON')]],
      ['b', [at('2023-W12', UTRECHT, 'MN')]],
    ]);
    assert.ok(
      !codes(networkIndicators({ ads, places: near, evidence: [] }, ctx)).includes(
        'simultaneous_distant',
      ),
    );
  });

  it('five or more ads from one template under three or more names', () => {
    const names = ['Sofia', 'Luna', 'Mia', 'Sofia', 'Luna'];
    const ads = names.map((n, i) => ad(`a${i}`, n, []));
    const chain = ads.slice(1).map((x, i) => edge('template', ads[i]!.id, x.id));
    assert.deepEqual(codes(networkIndicators({ ads, places: new Map(), evidence: chain }, ctx)), [
      'template_many_names',
    ]);
    assert.deepEqual(
      networkIndicators(
        { ads: ads.slice(0, 4), places: new Map(), evidence: chain.slice(0, 3) },
        ctx,
      ),
      [],
    );
  });

  it('an indicator switched off does not fire; every indicator has a definition with a source', () => {
    const ads = [ad('a', 'Sofia', ['+1']), ad('b', 'Luna', ['+1']), ad('c', 'Mia', ['+1'])];
    assert.deepEqual(
      networkIndicators(
        { ads, places: new Map(), evidence: [] },
        ctx,
        new Set(['one_number_many_names']),
      ),
      [],
    );
    for (const d of NETWORK_INDICATORS) {
      assert.equal(d.level, 'network');
      assert.ok(d.source.citation && d.source.finding, d.code);
      assert.ok(d.name.nl && d.name.en && d.description.nl && d.description.en, d.code);
    }
  });
});
