import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NetworkResolver,
  resolveNetworks,
  type Resolution,
  type ResolveOptions,
} from '../../src/link/resolve.js';
import type { Evidence, EvidenceType } from '../../src/link/types.js';
import { Random } from '../../src/scenario/random.js';

const ad = (n: number) => n.toString(16).padStart(32, '0');
const net = (n: number) => `net-${ad(n)}`;

function edge(
  type: EvidenceType,
  x: number,
  y: number,
  value: string,
  extra: Partial<Evidence> = {},
): Evidence {
  const [a, b] = [ad(x), ad(y)].sort() as [string, string];
  return { type, a, b, value, weight: 1, ...extra };
}
const phone = (x: number, y: number, number = '+34600000001', extra: Partial<Evidence> = {}) =>
  edge('phone', x, y, number, extra);
const template = (x: number, y: number, similarity: number) =>
  edge('template', x, y, 'text template', { similarity, weight: similarity });
const photo = (x: number, y: number, hub = false) =>
  edge('photo', x, y, `${'a'.repeat(64)}/${'b'.repeat(64)}`, {
    distance: 2,
    ...(hub ? { hub: true } : {}),
  });

/** Members of each listed network, by id. */
const groups = (r: Resolution) => Object.fromEntries(r.networks.map((n) => [n.id, n.members]));

describe('resolveNetworks', () => {
  it('merges ads on a strong edge; ids come from the smallest member', () => {
    const r = resolveNetworks(
      [ad(5), ad(3), ad(9), ad(1)],
      [phone(5, 3), edge('handle', 3, 9, 'telegram:x')],
    );
    assert.deepEqual(groups(r), { [net(3)]: [ad(3), ad(5), ad(9)] });
    assert.equal(r.networks[0]!.evidence.length, 2);
    assert.deepEqual(r.networks[0]!.corroborated, []);
    // Every ad has a network; a single ad is its own, not listed.
    assert.deepEqual([...r.networkOf].sort(), [
      [ad(1), net(1)],
      [ad(3), net(3)],
      [ad(5), net(3)],
      [ad(9), net(3)],
    ]);
  });

  it('lists single ads when asked, and counts ads that only edges name', () => {
    const r = resolveNetworks([ad(1)], [phone(2, 3)], { singletons: true });
    assert.deepEqual(groups(r), { [net(1)]: [ad(1)], [net(2)]: [ad(2), ad(3)] });
    assert.equal(r.networkOf.size, 3);
  });

  it('ignores an edge from an ad to itself', () => {
    const r = resolveNetworks([ad(1)], [{ ...phone(1, 2), b: ad(1) }]);
    assert.deepEqual(r.networks, []);
  });

  it('a hub edge never merges on its own', () => {
    const r = resolveNetworks(
      [],
      [photo(1, 2, true), phone(3, 4, '+31850000000', { hub: true }), template(5, 6, 0.3)],
    );
    assert.deepEqual(r.networks, []);
    assert.equal(r.networkOf.size, 6);
  });

  it('merges on a hub edge corroborated by another kind between the same two ads', () => {
    const stock = photo(1, 2, true);
    const switchboard = phone(1, 2, '+31850000000', { hub: true });
    const weakText = template(3, 4, 0.3);
    const stock2 = photo(3, 4, true);
    const r = resolveNetworks([], [stock, switchboard, weakText, stock2, photo(5, 6, true)]);
    assert.deepEqual(groups(r), { [net(1)]: [ad(1), ad(2)], [net(3)]: [ad(3), ad(4)] });
    assert.deepEqual(r.networks[0]!.corroborated, [switchboard, stock]);
    assert.deepEqual(r.networks[1]!.corroborated, [stock2, weakText]);
  });

  it('does not let phone and handle corroborate each other (one kind: contact)', () => {
    const r = resolveNetworks(
      [],
      [
        phone(1, 2, '+31850000000', { hub: true }),
        edge('handle', 1, 2, 'website:agency.nl', { hub: true }),
      ],
    );
    assert.deepEqual(r.networks, []);
  });

  it('keeps hub edges that did not count in the evidence of a network linked otherwise', () => {
    const stock = photo(1, 2, true);
    const r = resolveNetworks([], [phone(1, 2), stock]);
    assert.deepEqual(r.networks[0]!.evidence, [phone(1, 2), stock]);
    assert.deepEqual(r.networks[0]!.corroborated, []);
  });

  it('templates link at or above the threshold only', () => {
    const edges = [template(1, 2, 0.5), template(3, 4, 0.49)];
    assert.deepEqual(Object.keys(groups(resolveNetworks([], edges))), [net(1)]);
    const lower: ResolveOptions = { templateThreshold: 0.4 };
    assert.deepEqual(Object.keys(groups(resolveNetworks([], edges, lower))), [net(1), net(3)]);
  });

  it('photo pairs beyond photoMaxDistance need corroboration', () => {
    const far = { ...photo(1, 2), distance: 8 };
    assert.equal(resolveNetworks([], [far]).networks.length, 1);
    assert.equal(resolveNetworks([], [far], { photoMaxDistance: 6 }).networks.length, 0);
  });

  it('counts the ads per phone: up to phoneHubAds it links (an agency), beyond it is a hub', () => {
    const chain = (n: number) =>
      Array.from({ length: n - 1 }, (_, i) => phone(i + 1, i + 2, '+31201234567'));
    const agency = resolveNetworks([], chain(4), { phoneHubAds: 4 });
    assert.deepEqual(groups(agency), { [net(1)]: [ad(1), ad(2), ad(3), ad(4)] });
    const relay = resolveNetworks([], chain(5), { phoneHubAds: 4 });
    assert.deepEqual(relay.networks, []);
    // A counted hub shows as one in the evidence of a network (here corroborated by a photo).
    const r = resolveNetworks([], [...chain(5), photo(1, 2, true)], { phoneHubAds: 4 });
    assert.deepEqual(r.networks[0]!.evidence, [
      { ...phone(1, 2, '+31201234567'), hub: true },
      photo(1, 2, true),
    ]);
    assert.equal(r.networks[0]!.corroborated.length, 2);
    // Handles have their own bar.
    const handles = Array.from({ length: 3 }, (_, i) =>
      edge('handle', i + 1, i + 2, 'email:x@y.nl'),
    );
    assert.equal(resolveNetworks([], handles, { handleHubAds: 3 }).networks.length, 0);
    assert.equal(resolveNetworks([], handles, { handleHubAds: 4 }).networks.length, 1);
  });
});

describe('NetworkResolver', () => {
  it('withdraws merges when a number turns out to be a hub, and says where ids went', () => {
    const resolver = new NetworkResolver({ phoneHubAds: 3 });
    resolver.addEdges([phone(1, 2, '+31201234567'), phone(2, 3, '+31201234567'), phone(3, 9)]);
    let r = resolver.snapshot();
    assert.deepEqual(groups(r), { [net(1)]: [ad(1), ad(2), ad(3), ad(9)] });
    resolver.addEdges([phone(3, 4, '+31201234567')]);
    // Asking for one ad already sees the withdrawn merges.
    assert.equal(resolver.networkOf(ad(9)), net(3));
    assert.equal(resolver.networkOf(ad(1)), net(1));
    assert.equal(resolver.networkOf(ad(77)), undefined);
    r = resolver.snapshot();
    assert.deepEqual(groups(r), { [net(3)]: [ad(3), ad(9)] });
    assert.deepEqual(
      r,
      resolveNetworks(
        [],
        [
          phone(1, 2, '+31201234567'),
          phone(2, 3, '+31201234567'),
          phone(3, 9),
          phone(3, 4, '+31201234567'),
        ],
        { phoneHubAds: 3 },
      ),
    );
  });

  it('a merge keeps the smaller id; the other is in mergedFrom and networkOf redirects it', () => {
    const resolver = new NetworkResolver();
    resolver.addEdges([phone(1, 2), phone(3, 4, '+34600000002')]);
    assert.deepEqual(Object.keys(groups(resolver.snapshot())), [net(1), net(3)]);
    resolver.addEdges([template(2, 3, 0.9)]);
    const r = resolver.snapshot();
    assert.deepEqual(groups(r), { [net(1)]: [ad(1), ad(2), ad(3), ad(4)] });
    assert.deepEqual(r.networks[0]!.mergedFrom, [net(3)]);
    assert.equal(r.networkOf.get(net(3).slice(4)), net(1));
    // A fresh resolution has no history.
    assert.deepEqual(
      resolveNetworks([], [phone(1, 2), phone(3, 4, '+34600000002'), template(2, 3, 0.9)])
        .networks[0]!.mergedFrom,
      [],
    );
  });

  it('waits for a hub edge`s corroboration, whichever arrives first', () => {
    const resolver = new NetworkResolver();
    resolver.addEdges([photo(1, 2, true)]);
    assert.deepEqual(resolver.snapshot().networks, []);
    resolver.addEdges([template(1, 2, 0.2)]);
    assert.deepEqual(groups(resolver.snapshot()), { [net(1)]: [ad(1), ad(2)] });
  });

  // The property the brief asks for: incremental in any order = everything at once.
  describe('fed in shuffled batches, it ends exactly where resolveNetworks does', () => {
    for (let seed = 1; seed <= 30; seed++) {
      it(`seed ${seed}`, () => {
        const { ids, edges, opts } = world(seed);
        const expected = resolveNetworks(ids, edges, opts);
        if (seed === 1) {
          // The generated world exercises every rule.
          assert.ok(expected.networks.some((n) => n.corroborated.length > 0));
          assert.ok(
            expected.networks.some((n) => n.evidence.some((e) => e.hub && e.type === 'phone')),
          );
          assert.ok(expected.networks.length > 10);
        }
        const rng = new Random(`feed${seed}`);
        const resolver = new NetworkResolver(opts);
        const adQueue = rng.shuffle([...ids]);
        const edgeQueue = rng.shuffle([...edges]);
        while (adQueue.length > 0 || edgeQueue.length > 0) {
          if (adQueue.length > 0 && rng.chance(0.3))
            resolver.addAds(adQueue.splice(0, rng.int(1, 40)));
          else resolver.addEdges(edgeQueue.splice(0, rng.int(1, 60)));
          if (rng.chance(0.1)) resolver.snapshot(); // snapshots must not disturb the state
        }
        const got = resolver.snapshot();
        const strip = (r: Resolution) => r.networks.map(({ mergedFrom: _, ...n }) => n);
        assert.deepEqual(strip(got), strip(expected));
        assert.deepEqual(got.networkOf, expected.networkOf);
        for (const [id, network] of expected.networkOf)
          assert.equal(resolver.networkOf(id), network);
      });
    }
  });
});

describe('NetworkResolver with withdrawn edges', () => {
  // Incremental linking withdraws edges (a chain re-threaded through a new ad, a photo pair that
  // found a closer copy): what remains must resolve exactly as if the edges had never been there.
  for (let seed = 1; seed <= 15; seed++) {
    it(`seed ${seed}: withdrawing edges ends where resolveNetworks over the rest does`, () => {
      const { ids, edges, opts } = world(seed);
      const rng = new Random(`withdraw${seed}`);
      const noise: Evidence[] = [];
      for (let k = 0; k < 60; k++) {
        const [x, y] = [rng.pick(ids), rng.pick(ids)];
        if (x === y) continue;
        const [a, b] = [x, y].sort() as [string, string];
        noise.push(
          rng.chance(0.5)
            ? { type: 'phone', a, b, value: `+3161111${String(k).padStart(4, '0')}`, weight: 1 }
            : { type: 'template', a, b, value: `noise ${k}`, weight: 0.9, similarity: 0.9 },
        );
      }
      const resolver = new NetworkResolver(opts);
      resolver.addAds(ids);
      const queue = rng.shuffle([...edges, ...noise]);
      const isNoise = new Set(noise);
      const pending: Evidence[] = []; // noise added, not yet withdrawn
      while (queue.length > 0) {
        const batch = queue.splice(0, rng.int(1, 80));
        resolver.addEdges(batch);
        pending.push(...batch.filter((e) => isNoise.has(e)));
        if (rng.chance(0.3)) resolver.removeEdges(pending.splice(0, rng.int(1, 20)));
        if (rng.chance(0.2)) resolver.snapshot();
      }
      resolver.removeEdges(pending);
      // Withdrawing what was never added (or twice) changes nothing.
      resolver.removeEdges(noise.slice(0, 5));
      const expected = resolveNetworks(ids, edges, opts);
      const got = resolver.snapshot();
      const strip = (r: Resolution) => r.networks.map(({ mergedFrom: _, ...n }) => n);
      assert.deepEqual(strip(got), strip(expected));
      // One network at a time answers the same as the snapshot.
      for (const n of expected.networks) {
        const at = resolver.networkAt(rng.pick(n.members))!;
        assert.deepEqual({ ...at, mergedFrom: [] }, { ...n, mergedFrom: [] });
      }
      assert.equal(resolver.networkAt(ad(999_999)), undefined);
    });
  }
});

/**
 * A few hundred ads: networks joined by phones (some numbers shared by more ads than the hub bar,
 * so they turn into hubs halfway through a feed), templates above and below the threshold, plain
 * and hub photos, hub pairs corroborated by another kind, and duplicate edges.
 */
function world(seed: number): { ids: string[]; edges: Evidence[]; opts: ResolveOptions } {
  const rng = new Random(`world${seed}`);
  const n = rng.int(200, 400);
  const ids = Array.from({ length: n }, () => rng.uint32() * 4096 + rng.int(0, 4095));
  const at = (i: number) => ids[i]!;
  const edges: Evidence[] = [];
  const pick = () => rng.int(0, n - 1);
  // Networks: disjoint groups of 2–8 ads over half the ads, a phone chain each.
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  for (let k = 0, i = 0; i < n / 2; k++) {
    const members = order.slice(i, (i += rng.int(2, 8)));
    for (let j = 1; j < members.length; j++)
      edges.push(phone(at(members[j - 1]!), at(members[j]!), `+3460000${k}`));
  }
  // Numbers that may cross the hub bar (10 ads): chains over 6–16 ads.
  for (let k = 0; k < 4; k++) {
    const members = [...new Set(Array.from({ length: rng.int(6, 16) }, pick))];
    for (let i = 1; i < members.length; i++)
      edges.push(phone(at(members[i - 1]!), at(members[i]!), `+3185000000${k}`));
  }
  for (let k = 0; k < n / 6; k++) {
    const [x, y] = [pick(), pick()];
    if (x === y) continue;
    const kind = rng.int(0, 5);
    if (kind === 0) edges.push(template(at(x), at(y), rng.int(20, 90) / 100));
    else if (kind === 1) edges.push(photo(at(x), at(y), rng.chance(0.7)));
    else if (kind === 2)
      edges.push(
        edge('handle', at(x), at(y), `telegram:h${rng.int(0, 20)}`, { hub: rng.chance(0.5) }),
      );
    else if (kind === 3) {
      // A corroborated hub pair.
      edges.push(photo(at(x), at(y), true));
      edges.push(
        rng.chance(0.5)
          ? template(at(x), at(y), 0.3)
          : phone(at(x), at(y), '+31850000099', { hub: true }),
      );
    } else if (kind === 4) {
      // Two weak edges of one kind: no merge.
      edges.push(photo(at(x), at(y), true), { ...photo(at(x), at(y), true), value: 'c/d' });
    } else if (edges.length > 0) edges.push({ ...rng.pick(edges) }); // a duplicate
  }
  return { ids: ids.map(ad), edges, opts: { phoneHubAds: 10, handleHubAds: 6 } };
}
