import type { Evidence } from './types.js';

/**
 * Resolution: evidence edges between ads → networks (groups of ads with one advertiser behind
 * them), each with the evidence that holds it together and an id that does not depend on run order.
 *
 * Rules:
 * - An edge is *strong* when it links two ads on its own: a shared phone or handle that is not a
 *   hub, a template pair with similarity ≥ `templateThreshold`, a photo pair that is not a hub.
 * - Every other edge is *weak*: any edge marked `hub`, a phone/handle shown by more ads than its
 *   hub threshold (counted here over all edges seen, see below), a template pair below the
 *   threshold, a photo pair farther than `photoMaxDistance`. A weak edge merges two ads only when
 *   the *same two ads* also have a weak edge of another, independent kind: contact (phone and
 *   handle count as one kind: an agency puts its number and its website in the same ad), text
 *   (template) or photo. E.g. the same stock photo AND the same hub switchboard.
 * - Union-find over ads (typed arrays, path compression, union by size) with those merges.
 *
 * Hub thresholds for contacts are counted here, over every edge seen, because only the resolver
 * sees all edges when they arrive in batches (a producer looking at one batch cannot know that a
 * number reached its 251st ad). Defaults equal `identifierEdges`' (phone 250, handle 50), so both
 * agree. Phones get a high bar on purpose: a licensed agency legitimately runs dozens to a few
 * hundred ads on one switchboard number, and those ads are one advertiser that should link; a number
 * in more ads than any agency runs is a relay, a call centre or a number pasted into spam. Photo and
 * template hubs are not counted here (a photo edge's value names a pair of photos, a template edge's
 * value need not name the template): their producers mark them (`photoPairs`: > 30 ads).
 *
 * Network ids: `net-` + the smallest member ad id. They follow from membership, not from run order,
 * so every run and every order of arrival gives the same ids. Consequence: when two networks merge,
 * the merged one keeps the smaller id and the other id disappears (and when a number turns out to be
 * a hub, a network can split: the part without the smallest ad gets a new id). A vanished `net-X`
 * can always be redirected: X is an ad, and `networkOf.get(X)` is where it went. `NetworkResolver`
 * also lists, per network, the ids it handed out earlier that now lead there (`mergedFrom`).
 *
 * Every ad is in exactly one network and in `networkOf`. Single ads are left out of `networks`
 * unless `singletons` is set: most ads link to nothing, and a million one-ad "networks" would bury
 * the real ones. Ads named only by edges count as ads too.
 *
 * Pure: data in, results out.
 */

export const DEFAULT_PHONE_HUB_ADS = 250;
export const DEFAULT_HANDLE_HUB_ADS = 50;
export const DEFAULT_TEMPLATE_THRESHOLD = 0.5;

export interface ResolveOptions {
  /** A phone shown by more ads than this is a hub (default 250). */
  phoneHubAds?: number;
  /** A handle (telegram, e-mail, website…) shown by more ads than this is a hub (default 50). */
  handleHubAds?: number;
  /** Template pairs with similarity (else weight) below this are weak (default 0.5). */
  templateThreshold?: number;
  /** Photo pairs farther apart than this are weak (default: none; `photoPairs` already cuts at 8). */
  photoMaxDistance?: number;
  /** List one-ad networks in `networks` too (default false; `networkOf` always has every ad). */
  singletons?: boolean;
}

export interface Network {
  /** `net-` + the smallest member id. */
  id: string;
  /** Ad ids, sorted. */
  members: string[];
  /**
   * Every edge between two members, sorted (a, b, type, value): strong ones, corroborated weak
   * ones, and weak ones that did not count (their ads are linked through others). A contact edge
   * that this resolver counted as a hub appears as a copy with `hub: true`.
   */
  evidence: Evidence[];
  /** The weak edges (hubs, low similarity) in `evidence` that counted because another kind corroborated them. */
  corroborated: Evidence[];
  /** Ids earlier snapshots of this resolver handed out that now lead here (sorted). */
  mergedFrom: string[];
}

export interface Resolution {
  /** Sorted by id. */
  networks: Network[];
  /** Every ad → its network id. */
  networkOf: Map<string, string>;
}

/**
 * Whether an edge as listed in `Network.evidence` is weak (needs corroboration): a hub, or a
 * template pair below the threshold, or a photo pair beyond `photoMaxDistance`. Contact edges the
 * resolver counted as hubs are listed with `hub: true`, so this reads the listed edge alone.
 */
export function edgeIsWeak(e: Evidence, opts: ResolveOptions = {}): boolean {
  if (e.hub === true) return true;
  if (e.type === 'template')
    return (e.similarity ?? e.weight) < (opts.templateThreshold ?? DEFAULT_TEMPLATE_THRESHOLD);
  if (e.type === 'photo') return (e.distance ?? 0) > (opts.photoMaxDistance ?? Infinity);
  return false;
}

/** Independent kinds of evidence: two weak edges corroborate each other only across kinds. */
const KIND_BIT: Record<Evidence['type'], number> = { phone: 1, handle: 1, template: 2, photo: 4 };
const MAX_ADS = 1 << 26; // pair keys are lo · 2²⁶ + hi, exact in a double

function grown(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function compareEvidence(x: Evidence, y: Evidence): number {
  if (x.a !== y.a) return x.a < y.a ? -1 : 1;
  if (x.b !== y.b) return x.b < y.b ? -1 : 1;
  if (x.type !== y.type) return x.type < y.type ? -1 : 1;
  if (x.value !== y.value) return x.value < y.value ? -1 : 1;
  // Duplicates of one edge: any fixed order, so equal inputs give equal lists.
  if (x.weight !== y.weight) return x.weight - y.weight;
  const sx = x.similarity ?? -1;
  const sy = y.similarity ?? -1;
  if (sx !== sy) return sx - sy;
  const dx = x.distance ?? -1;
  const dy = y.distance ?? -1;
  if (dx !== dy) return dx - dy;
  return Number(x.hub ?? false) - Number(y.hub ?? false);
}

/**
 * Incremental resolution: ads and edges arrive over time, in any order and batching, and
 * `snapshot()` always equals `resolveNetworks` over everything seen so far (ids included).
 *
 * It keeps the union-find, every edge (for the evidence lists), per contact value the ads that
 * show it (until it becomes a hub), and per ad pair the kinds of weak edges seen, so a hub edge
 * waits for its corroboration. When a contact value crosses its hub threshold after it already
 * merged ads, those merges must be withdrawn: the union-find is rebuilt from the stored edges at
 * the next snapshot (once per value at most, so rare).
 */
export class NetworkResolver {
  private readonly phoneHubAds: number;
  private readonly handleHubAds: number;
  private readonly templateThreshold: number;
  private readonly photoMaxDistance: number;
  private readonly singletons: boolean;

  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private parent: Int32Array = new Int32Array(1024);
  private size: Int32Array = new Int32Array(1024);
  /** Per root: the member with the smallest id (the network's id). */
  private smallest: Int32Array = new Int32Array(1024);

  private readonly edges: Evidence[] = [];
  private edgeA: Int32Array = new Int32Array(1024);
  private edgeB: Int32Array = new Int32Array(1024);
  /** Contact value of each edge (-1 for templates and photos). */
  private edgeValue: Int32Array = new Int32Array(1024);
  /** 0 once an edge is withdrawn (its slot stays; it no longer counts or shows). */
  private alive: Uint8Array = new Uint8Array(1024);
  /** Edges withdrawn so far. */
  private withdrawn = 0;
  /**
   * Edge numbers per ad, to withdraw an edge and to list one network's evidence without a
   * snapshot. Built on first need: a one-shot resolution (resolveNetworks) never needs it, and at
   * a million ads it costs a few hundred MB.
   */
  private adjacent: number[][] | null = null;
  /** Members of each network as a cycle (next[i] is the next member), merged in O(1) on union. */
  private next: Int32Array = new Int32Array(1024);

  private readonly valueIds = new Map<string, number>();
  /** Distinct ads per contact value; null once it is a hub (no need to count further). */
  private readonly valueAds: (number[] | null)[] = [];
  /** The value already merged ads as a strong edge (so turning into a hub needs a rebuild). */
  private valueMerged: Uint8Array = new Uint8Array(1024);

  /** Kinds of weak edges seen per ad pair. */
  private readonly weakKinds = new Map<number, number>();
  private dirty = false;
  /** Network ids earlier snapshots listed (for `mergedFrom`). */
  private readonly issued = new Set<string>();

  constructor(opts: ResolveOptions = {}) {
    this.phoneHubAds = opts.phoneHubAds ?? DEFAULT_PHONE_HUB_ADS;
    this.handleHubAds = opts.handleHubAds ?? DEFAULT_HANDLE_HUB_ADS;
    this.templateThreshold = opts.templateThreshold ?? DEFAULT_TEMPLATE_THRESHOLD;
    this.photoMaxDistance = opts.photoMaxDistance ?? Infinity;
    this.singletons = opts.singletons ?? false;
  }

  /** Number of ads known. */
  get ads(): number {
    return this.ids.length;
  }

  addAds(ids: Iterable<string>): void {
    for (const id of ids) this.ad(id);
  }

  /** Edges in any order; an edge's ads are added if new. Edges from an ad to itself are ignored. */
  addEdges(edges: Iterable<Evidence>): void {
    const first = this.edges.length;
    // Count contact values over the whole batch first, so a value that becomes a hub within this
    // batch never merges (and needs no rebuild).
    for (const e of edges) {
      const a = this.ad(e.a);
      const b = this.ad(e.b);
      if (a === b) continue;
      const i = this.edges.length;
      this.edges.push(e);
      this.edgeA = grown(this.edgeA, i + 1);
      this.edgeB = grown(this.edgeB, i + 1);
      this.edgeValue = grown(this.edgeValue, i + 1);
      if (i >= this.alive.length) {
        const grownAlive = new Uint8Array(Math.max(i + 1, this.alive.length * 2));
        grownAlive.set(this.alive);
        this.alive = grownAlive;
      }
      this.alive[i] = 1;
      if (this.adjacent) {
        this.adjacent[a]!.push(i);
        this.adjacent[b]!.push(i);
      }
      this.edgeA[i] = a;
      this.edgeB[i] = b;
      this.edgeValue[i] = e.type === 'phone' || e.type === 'handle' ? this.count(e, a, b) : -1;
    }
    if (this.dirty) return; // the next snapshot rebuilds from every edge anyway
    for (let i = first; i < this.edges.length; i++) this.apply(i);
  }

  /** The network id of one ad now (undefined for an unknown ad), without a whole snapshot. */
  networkOf(adId: string): string | undefined {
    const i = this.indexOf.get(adId);
    if (i === undefined) return undefined;
    if (this.dirty) this.rebuild();
    return `net-${this.ids[this.smallest[this.find(i)]!]!}`;
  }

  /**
   * Withdraws edges (matched by type, a, b and value; unknown ones are ignored). The next query
   * rebuilds the union-find from the live edges: a withdrawn edge can split a network.
   */
  removeEdges(edges: Iterable<Evidence>): void {
    const adjacent = this.adjacency();
    for (const e of edges) {
      const a = this.indexOf.get(e.a);
      const b = this.indexOf.get(e.b);
      if (a === undefined || b === undefined) continue;
      // Scan the shorter list of the two ads' edges for the live one with this type and value.
      const list = adjacent[a]!.length <= adjacent[b]!.length ? adjacent[a]! : adjacent[b]!;
      for (const i of list) {
        if (this.alive[i] !== 1) continue;
        const f = this.edges[i]!;
        if (f.type !== e.type || f.value !== e.value) continue;
        if (!((f.a === e.a && f.b === e.b) || (f.a === e.b && f.b === e.a))) continue;
        this.alive[i] = 0;
        this.withdrawn++;
        this.dirty = true;
        break;
      }
    }
  }

  private adjacency(): number[][] {
    if (this.adjacent) return this.adjacent;
    const adjacent: number[][] = Array.from({ length: this.ids.length }, () => []);
    for (let i = 0; i < this.edges.length; i++) {
      adjacent[this.edgeA[i]!]!.push(i);
      adjacent[this.edgeB[i]!]!.push(i);
    }
    return (this.adjacent = adjacent);
  }

  /**
   * One ad's network now, without a whole snapshot: its members and the evidence between them
   * (as `snapshot` lists it; `mergedFrom` is left empty). Undefined for an unknown ad. Cost is in
   * the network's size, not the resolver's.
   */
  networkAt(adId: string): Network | undefined {
    const start = this.indexOf.get(adId);
    if (start === undefined) return undefined;
    if (this.dirty) this.rebuild();
    const root = this.find(start);
    const members: number[] = [];
    let m = start;
    do {
      members.push(m);
      m = this.next[m]!;
    } while (m !== start);
    const net: Network = {
      id: `net-${this.ids[this.smallest[root]!]!}`,
      members: members.map((i) => this.ids[i]!).sort(),
      evidence: [],
      corroborated: [],
      mergedFrom: [],
    };
    const seen = new Set<number>();
    const adjacent = this.adjacency();
    for (const x of members)
      for (const i of adjacent[x]!) {
        if (this.alive[i] !== 1 || seen.has(i)) continue;
        seen.add(i);
        if (this.find(this.edgeA[i]!) !== root || this.find(this.edgeB[i]!) !== root) continue;
        const shown = this.shown(i);
        net.evidence.push(shown);
        if (this.isWeak(i) && this.corroborated(this.edgeA[i]!, this.edgeB[i]!))
          net.corroborated.push(shown);
      }
    net.evidence.sort(compareEvidence);
    net.corroborated.sort(compareEvidence);
    return net;
  }

  /** An edge as networks list it: a contact edge this resolver counted as a hub is marked so. */
  private shown(i: number): Evidence {
    const e = this.edges[i]!;
    const v = this.edgeValue[i]!;
    return v >= 0 && this.valueAds[v] === null && e.hub !== true ? { ...e, hub: true } : e;
  }

  snapshot(): Resolution {
    if (this.dirty) this.rebuild();
    const n = this.ids.length;
    const ids = this.ids;
    const root = new Int32Array(n);
    const members = new Int32Array(n);
    const netIds: string[] = new Array<string>(n);
    const networkOf = new Map<string, string>();
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      root[i] = r;
      members[r]!++;
      networkOf.set(ids[i]!, (netIds[r] ??= `net-${ids[this.smallest[r]!]!}`));
    }

    const listed = (r: number) => members[r]! >= 2 || this.singletons;
    const byRoot = new Map<number, Network>();
    for (let i = 0; i < n; i++) {
      const r = root[i]!;
      if (!listed(r)) continue;
      let net = byRoot.get(r);
      if (!net) {
        net = { id: netIds[r]!, members: [], evidence: [], corroborated: [], mergedFrom: [] };
        byRoot.set(r, net);
      }
      net.members.push(ids[i]!);
    }
    for (let i = 0; i < this.edges.length; i++) {
      if (this.alive[i] !== 1) continue;
      const r = root[this.edgeA[i]!]!;
      if (r !== root[this.edgeB[i]!]!) continue;
      const net = byRoot.get(r)!;
      const shown = this.shown(i);
      net.evidence.push(shown);
      if (this.isWeak(i) && this.corroborated(this.edgeA[i]!, this.edgeB[i]!))
        net.corroborated.push(shown);
    }
    for (const id of this.issued) {
      const now = networkOf.get(id.slice(4));
      if (now === undefined || now === id) continue;
      const net = byRoot.get(root[this.indexOf.get(now.slice(4))!]!);
      net?.mergedFrom.push(id);
    }
    const networks = [...byRoot.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
    for (const net of networks) {
      net.members.sort();
      net.evidence.sort(compareEvidence);
      net.corroborated.sort(compareEvidence);
      net.mergedFrom.sort();
      this.issued.add(net.id);
    }
    return { networks, networkOf };
  }

  private ad(id: string): number {
    let i = this.indexOf.get(id);
    if (i !== undefined) return i;
    i = this.ids.length;
    if (i >= MAX_ADS) throw new Error(`NetworkResolver holds at most ${MAX_ADS} ads`);
    this.ids.push(id);
    this.indexOf.set(id, i);
    this.parent = grown(this.parent, i + 1);
    this.size = grown(this.size, i + 1);
    this.smallest = grown(this.smallest, i + 1);
    this.next = grown(this.next, i + 1);
    this.parent[i] = i;
    this.size[i] = 1;
    this.smallest[i] = i;
    this.next[i] = i;
    this.adjacent?.push([]);
    return i;
  }

  /** Records that ads a and b show contact value e.value; returns the value's number. */
  private count(e: Evidence, a: number, b: number): number {
    const key = `${e.type}\u0000${e.value}`;
    let v = this.valueIds.get(key);
    if (v === undefined) {
      v = this.valueAds.length;
      this.valueIds.set(key, v);
      this.valueAds.push([]);
      if (v >= this.valueMerged.length) {
        const m = new Uint8Array(this.valueMerged.length * 2);
        m.set(this.valueMerged);
        this.valueMerged = m;
      }
    }
    const ads = this.valueAds[v];
    if (!ads) return v;
    if (!ads.includes(a)) ads.push(a);
    if (!ads.includes(b)) ads.push(b);
    const limit = e.type === 'phone' ? this.phoneHubAds : this.handleHubAds;
    if (ads.length > limit) {
      this.valueAds[v] = null;
      if (this.valueMerged[v] === 1) this.dirty = true;
    }
    return v;
  }

  private isWeak(i: number): boolean {
    const e = this.edges[i]!;
    if (e.hub === true) return true;
    const v = this.edgeValue[i]!;
    if (v >= 0) return this.valueAds[v] === null;
    if (e.type === 'template') return (e.similarity ?? e.weight) < this.templateThreshold;
    if (e.type === 'photo') return (e.distance ?? 0) > this.photoMaxDistance;
    return false;
  }

  private pairKey(a: number, b: number): number {
    return a < b ? a * MAX_ADS + b : b * MAX_ADS + a;
  }

  private corroborated(a: number, b: number): boolean {
    const kinds = this.weakKinds.get(this.pairKey(a, b)) ?? 0;
    return (kinds & (kinds - 1)) !== 0; // two or more kinds
  }

  private apply(i: number): void {
    const a = this.edgeA[i]!;
    const b = this.edgeB[i]!;
    if (!this.isWeak(i)) {
      const v = this.edgeValue[i]!;
      if (v >= 0) this.valueMerged[v] = 1;
      this.union(a, b);
      return;
    }
    const key = this.pairKey(a, b);
    const kinds = (this.weakKinds.get(key) ?? 0) | KIND_BIT[this.edges[i]!.type];
    this.weakKinds.set(key, kinds);
    if ((kinds & (kinds - 1)) !== 0) this.union(a, b);
  }

  /** Forget every merge and replay all edges with what is known now. */
  private rebuild(): void {
    for (let i = 0; i < this.ids.length; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
      this.smallest[i] = i;
      this.next[i] = i;
    }
    this.weakKinds.clear();
    this.valueMerged.fill(0);
    this.dirty = false;
    // Withdrawn edges may have been the ones that made a value a hub: count the live ones again.
    if (this.withdrawn > 0) {
      for (let v = 0; v < this.valueAds.length; v++) this.valueAds[v] = [];
      for (let i = 0; i < this.edges.length; i++)
        if (this.alive[i] === 1 && this.edgeValue[i]! >= 0) this.recount(i);
    }
    for (let i = 0; i < this.edges.length; i++) if (this.alive[i] === 1) this.apply(i);
  }

  /** Counts edge i's two ads for its contact value (rebuild after withdrawals). */
  private recount(i: number): void {
    const v = this.edgeValue[i]!;
    const ads = this.valueAds[v];
    if (!ads) return;
    const a = this.edgeA[i]!;
    const b = this.edgeB[i]!;
    if (!ads.includes(a)) ads.push(a);
    if (!ads.includes(b)) ads.push(b);
    const limit = this.edges[i]!.type === 'phone' ? this.phoneHubAds : this.handleHubAds;
    if (ads.length > limit) this.valueAds[v] = null;
  }

  private find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r]!;
    while (p[x] !== r) {
      const up = p[x]!;
      p[x] = r;
      x = up;
    }
    return r;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    if (this.ids[this.smallest[rb]!]! < this.ids[this.smallest[ra]!]!)
      this.smallest[ra] = this.smallest[rb]!;
    const after = this.next[ra]!;
    this.next[ra] = this.next[rb]!;
    this.next[rb] = after;
  }
}

/** Resolves everything at once: the same as one `NetworkResolver` fed all ads and edges. */
export function resolveNetworks(
  adIds: readonly string[],
  edges: readonly Evidence[],
  opts: ResolveOptions = {},
): Resolution {
  const resolver = new NetworkResolver(opts);
  resolver.addAds(adIds);
  resolver.addEdges(edges);
  return resolver.snapshot();
}
