/**
 * Reused photos: which ads show the same picture, exactly (same bytes) or nearly (same pHash give or
 * take a few bits, after resizing, re-encoding, a small crop or a brightness change).
 *
 * Near-duplicate search is multi-index hashing (Norouzi et al., "Fast search in Hamming space with
 * multi-index hashing", CVPR 2012): each 64-bit pHash is cut into 3 substrings of 21/21/22 bits. If
 * two hashes differ in at most r bits, one of the 3 substrings differs in at most ⌊r/3⌋ bits
 * (pigeonhole), so a search only visits the buckets within ⌊r/3⌋ bits of each substring. Three
 * substrings of ~21 bits suit ~2M photos: a bucket then holds about one hash.
 *
 * The radius comes from measuring the synthetic photos (src/scenario/images.ts: 200 photos, each
 * re-posted 3 times resized, re-encoded, cropped and brightened as a network does): copies land at
 * 0–18 bits from each other (84% ≤ 8, 91% ≤ 10; every uncropped copy ≤ 6), different photos at
 * ≥ 12 (99.9% ≥ 18). Default 8: ⌊8/3⌋ = 2 keeps the search cheap; 10 would need ⌊10/3⌋ = 3, about
 * 7× the work, for +7% recall, all of it on cropped copies. pHash here always has 32 bits set, so
 * distances are even (8 and 9 are the same radius).
 *
 * Pure: data in, results out.
 */

import type { Evidence } from './types.js';

/** Radius that `near` and `photoPairs` use unless told otherwise. */
export const DEFAULT_MAX_DISTANCE = 8;
/** A photo shown in more ads than this is a hub (stock photo): a network has ≤ ~20 women, ~10 ads per photo. */
export const DEFAULT_PHOTO_HUB_ADS = 30;
/**
 * A photo whose exact bytes appear under more distinct phone numbers than this is a stock photo: a
 * network runs a few phones, a stock photo is copied by unrelated advertisers, each with their own.
 */
export const DEFAULT_PHOTO_HUB_PHONES = 3;

const WIDTHS = [21, 21, 22] as const;
// Granularity of the run index in the self-join (buckets per rank entry).
const RUN_SHIFT = 6;

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

// Substring t of the hash (hi, lo): bits 63–43, 42–22, 21–0.
function sub0(hi: number): number {
  return hi >>> 11;
}
function sub1(hi: number, lo: number): number {
  return ((hi & 0x7ff) << 10) | (lo >>> 22);
}
function sub2(lo: number): number {
  return lo & 0x3fffff;
}
function substring(t: number, hi: number, lo: number): number {
  return t === 0 ? sub0(hi) : t === 1 ? sub1(hi, lo) : sub2(lo);
}

const HEX16 = /^[0-9a-f]{16}$/i;

/** `[hi, lo]` of a 16-hex-digit pHash, or null when it is not one. */
export function parsePhash(phash: string): [number, number] | null {
  if (!HEX16.test(phash)) return null;
  return [parseInt(phash.slice(0, 8), 16) >>> 0, parseInt(phash.slice(8), 16) >>> 0];
}

/** All masks of `width` bits with at most `radius` bits set, 0 first. */
const maskCache = new Map<string, Int32Array>();
function masksWithin(width: number, radius: number): Int32Array {
  const cacheKey = `${width}:${radius}`;
  const cached = maskCache.get(cacheKey);
  if (cached) return cached;
  const out: number[] = [0];
  const grow = (mask: number, from: number, left: number) => {
    for (let b = from; b < width; b++) {
      const m = mask | (1 << b);
      out.push(m);
      if (left > 1) grow(m, b + 1, left - 1);
    }
  };
  if (radius > 0) grow(0, 0, radius);
  const masks = Int32Array.from(out);
  maskCache.set(cacheKey, masks);
  return masks;
}

function grown(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
function grownU(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const b = new Uint32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * A growing set of 64-bit pHashes with Hamming-radius search. Identical hashes are stored once (a
 * stock photo copied 5,000 times is one entry with 5,000 keys), so search cost follows the number
 * of distinct pictures, not of copies.
 *
 * Each substring table is direct-addressed (`head[substring]` → first hash, chained through `next`)
 * rather than a Map<number, number[]>: a random probe into 2M entries costs ~9 ns in an Int32Array
 * and ~130 ns in a Map (measured), and a self-join makes ~10⁹ of them. The heads take 32 MB of
 * address space, but zeroed pages cost no memory until touched, so a small index stays small.
 */
export class PhotoIndex {
  /** Distinct hashes ("nodes"), hi and lo 32 bits. */
  private hi: Uint32Array = new Uint32Array(1024);
  private lo: Uint32Array = new Uint32Array(1024);
  private nodes = 0;
  /** Per table: first node + 1 in each bucket (0 = empty), and the chain to the next node + 1. */
  private readonly heads: Int32Array[] = WIDTHS.map((w) => new Int32Array(1 << w));
  private nexts: Int32Array[] = WIDTHS.map(() => new Int32Array(1024));
  /** Keys added through `add`, and per node the chain of its keys. */
  private readonly keys: string[] = [];
  private keyNext: Int32Array = new Int32Array(1024);
  private nodeKeyHead: Int32Array = new Int32Array(1024);

  /** Number of keys added. */
  get size(): number {
    return this.keys.length;
  }

  /** Number of distinct hashes. */
  get distinct(): number {
    return this.nodes;
  }

  add(key: string, phash: string): void {
    const parsed = parsePhash(phash);
    if (!parsed) throw new Error(`not a 64-bit pHash (16 hex digits): ${phash}`);
    const node = this.addHash(parsed[0], parsed[1]);
    const k = this.keys.length;
    this.keys.push(key);
    this.keyNext = grown(this.keyNext, k + 1);
    this.keyNext[k] = this.nodeKeyHead[node]!;
    this.nodeKeyHead[node] = k + 1;
  }

  /** Keys whose hash is within `maxDistance` bits of `phash`, closest first (then by key). */
  near(phash: string, maxDistance = DEFAULT_MAX_DISTANCE): { key: string; distance: number }[] {
    const parsed = parsePhash(phash);
    if (!parsed) throw new Error(`not a 64-bit pHash (16 hex digits): ${phash}`);
    const out: { key: string; distance: number }[] = [];
    this.forEachNear(parsed[0], parsed[1], maxDistance, (node, distance) => {
      for (let k = this.nodeKeyHead[node]!; k !== 0; k = this.keyNext[k - 1]!)
        out.push({ key: this.keys[k - 1]!, distance });
    });
    return out.sort((x, y) =>
      x.distance !== y.distance
        ? x.distance - y.distance
        : x.key < y.key
          ? -1
          : x.key > y.key
            ? 1
            : 0,
    );
  }

  /** @internal The node of hash (hi, lo), added if new. */
  addHash(hi: number, lo: number): number {
    const s0 = sub0(hi);
    for (let n = this.heads[0]![s0]!; n !== 0; n = this.nexts[0]![n - 1]!)
      if (this.hi[n - 1] === hi && this.lo[n - 1] === lo) return n - 1;
    const node = this.nodes++;
    if (node >= this.hi.length) {
      this.hi = grownU(this.hi, node + 1);
      this.lo = grownU(this.lo, node + 1);
      this.nexts = this.nexts.map((a) => grown(a, node + 1));
    }
    this.nodeKeyHead = grown(this.nodeKeyHead, node + 1);
    this.hi[node] = hi;
    this.lo[node] = lo;
    for (let t = 0; t < 3; t++) {
      const s = substring(t, hi, lo);
      const head = this.heads[t]!;
      this.nexts[t]![node] = head[s]!;
      head[s] = node + 1;
    }
    return node;
  }

  /** @internal */
  hashOf(node: number): [number, number] {
    return [this.hi[node]!, this.lo[node]!];
  }

  /** @internal Bits in which nodes `a` and `b` differ. */
  distanceOf(a: number, b: number): number {
    return popcount32(this.hi[a]! ^ this.hi[b]!) + popcount32(this.lo[a]! ^ this.lo[b]!);
  }

  /** @internal Every node within `maxDistance` of (hi, lo), each once. */
  forEachNear(
    hi: number,
    lo: number,
    maxDistance: number,
    visit: (node: number, distance: number) => void,
  ): void {
    const r = Math.floor(maxDistance);
    if (r < 0) return;
    const rr = Math.floor(r / 3);
    const probes = WIDTHS.reduce((sum, w) => sum + masksWithin(w, Math.min(rr, w)).length, 0);
    const H = this.hi;
    const L = this.lo;
    if (probes >= this.nodes) {
      // A wide radius on a small index: scanning is cheaper than enumerating buckets.
      for (let n = 0; n < this.nodes; n++) {
        const d = popcount32(H[n]! ^ hi) + popcount32(L[n]! ^ lo);
        if (d <= r) visit(n, d);
      }
      return;
    }
    const q = [sub0(hi), sub1(hi, lo), sub2(lo)];
    for (let t = 0; t < 3; t++) {
      const masks = masksWithin(WIDTHS[t]!, rr);
      const head = this.heads[t]!;
      const next = this.nexts[t]!;
      const u = q[t]!;
      for (let mi = 0; mi < masks.length; mi++) {
        for (let n = head[u ^ masks[mi]!]!; n !== 0; n = next[n - 1]!) {
          const h = H[n - 1]!;
          const l = L[n - 1]!;
          const d = popcount32(h ^ hi) + popcount32(l ^ lo);
          if (d > r) continue;
          // Found through an earlier table already?
          if (t > 0 && popcount32(sub0(h) ^ q[0]!) <= rr) continue;
          if (t > 1 && popcount32(sub1(h, l) ^ q[1]!) <= rr) continue;
          visit(n - 1, d);
        }
      }
    }
  }

  /**
   * @internal Every unordered pair of distinct nodes within `maxDistance`, each once: a self-join.
   * Per table, the hashes are laid out by substring (counting sort) and, mask by mask, each occupied
   * bucket u is compared with bucket u ^ mask when that is not smaller. Going mask by mask, u and
   * u ^ mask both move forward through memory, so the ~10⁹ probes stream through the cache instead
   * of missing it. With the bitmap and run skipping below: 2M random hashes in ~11 s instead of 35 s
   * (all masks of one bucket in turn), measured.
   */
  forEachNearPair(
    maxDistance: number,
    visit: (a: number, b: number, distance: number) => void,
  ): void {
    const r = Math.floor(maxDistance);
    if (r < 0) return;
    const rr = Math.floor(r / 3);
    const H = this.hi;
    const L = this.lo;
    const n = this.nodes;
    const probes = WIDTHS.reduce((sum, w) => sum + masksWithin(w, Math.min(rr, w)).length, 0);
    // Few hashes (or a wide radius): comparing all pairs beats laying out 8M buckets.
    if ((n * (n - 1)) / 2 <= n * probes + (1 << 23)) {
      for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++) {
          const d = popcount32(H[a]! ^ H[b]!) + popcount32(L[a]! ^ L[b]!);
          if (d <= r) visit(a, b, d);
        }
      return;
    }
    // hi, lo of the hashes in bucket order, side by side: one cache line per comparison.
    const pk = new Uint32Array(2 * n);
    const pn = new Int32Array(n);
    for (let t = 0; t < 3; t++) {
      const buckets = 1 << WIDTHS[t]!;
      const start = new Int32Array(buckets + 1);
      for (let k = 0; k < n; k++) start[substring(t, H[k]!, L[k]!) + 1]!++;
      let occupied = 0;
      for (let s = 0; s < buckets; s++) {
        if (start[s + 1] !== 0) occupied++;
        start[s + 1]! += start[s]!;
      }
      const occ = new Int32Array(occupied);
      for (let s = 0, o = 0; s < buckets; s++) if (start[s + 1] !== start[s]) occ[o++] = s;
      const fill = start.slice(0, buckets);
      for (let k = 0; k < n; k++) {
        const p = fill[substring(t, H[k]!, L[k]!)]!++;
        pk[2 * p] = H[k]!;
        pk[2 * p + 1] = L[k]!;
        pn[p] = k;
      }
      // Occupancy bitmap (≤ 512 KB, stays in L2): most probes end here without touching `start`.
      const bits = new Int32Array(buckets >>> 5);
      for (let o = 0; o < occupied; o++) bits[occ[o]! >>> 5]! |= 1 << (occ[o]! & 31);
      // rank[k]: occupied buckets below k·64, to jump to the runs of u that lack a mask's top bit.
      const rank = new Int32Array((buckets >>> RUN_SHIFT) + 1);
      for (let k = 0, o = 0; k < rank.length; k++) {
        while (o < occupied && occ[o]! < k << RUN_SHIFT) o++;
        rank[k] = o;
      }
      const masks = masksWithin(WIDTHS[t]!, rr);
      for (let mi = 0; mi < masks.length; mi++) {
        const m = masks[mi]!;
        // v = u ^ m > u exactly when u lacks m's highest bit: runs of `top` buckets, every 2·top.
        const top = m === 0 ? buckets : 1 << (31 - Math.clz32(m));
        const runs: [number, number][] =
          m !== 0 && top >= 1 << RUN_SHIFT
            ? Array.from({ length: buckets / (2 * top) }, (_, k) => [
                rank[(2 * k * top) >>> RUN_SHIFT]!,
                rank[(2 * k * top + top) >>> RUN_SHIFT]!,
              ])
            : [[0, occupied]];
        for (const [from, to] of runs) {
          for (let o = from; o < to; o++) {
            const u = occ[o]!;
            if ((u & top) !== 0 && m !== 0) continue;
            const v = u ^ m;
            if ((bits[v >>> 5]! & (1 << (v & 31))) === 0) continue;
            const eu = start[u + 1]!;
            const sv = start[v]!;
            const ev = start[v + 1]!;
            for (let i = start[u]!; i < eu; i++) {
              const hi = pk[2 * i]!;
              const lo = pk[2 * i + 1]!;
              for (let j = m === 0 ? i + 1 : sv; j < ev; j++) {
                const h = pk[2 * j]!;
                let d = popcount32(h ^ hi);
                if (d > r) continue;
                const l = pk[2 * j + 1]!;
                d += popcount32(l ^ lo);
                if (d > r) continue;
                // Found through an earlier table already?
                if (t > 0 && popcount32(sub0(h) ^ sub0(hi)) <= rr) continue;
                if (t > 1 && popcount32(sub1(h, l) ^ sub1(hi, lo)) <= rr) continue;
                visit(pn[i]!, pn[j]!, d);
              }
            }
          }
        }
      }
    }
  }
}

/** An ad as photo matching sees it (a `LinkAd` fits). */
export interface PhotoAd {
  id: string;
  photos: readonly { sha256: string; phash: string }[];
}

/** Two ads that show the same (or a nearly identical) photo. */
export interface PhotoPair {
  /** The two ads, a < b. */
  a: string;
  b: string;
  /** SHA-256 of the photo on a's side and on b's side (equal when the bytes are the same). */
  photoA: string;
  photoB: string;
  /**
   * Hamming distance of the two pHashes (0 for identical bytes). For a hub pair it can exceed
   * `maxDistance`: the two photos are in one cluster through a chain of near copies.
   */
  distance: number;
  /** The photo is a hub (stock photo): this pair does not link the ads on its own. */
  hub: boolean;
}

export interface PhotoPairOptions {
  /** Largest pHash distance that counts as the same photo (default 8). */
  maxDistance?: number;
  /** A photo cluster shown in more ads than this is a hub (default 30). */
  hubAds?: number;
  /**
   * Photos that are hubs however few ads show them: SHA-256s (64 hex) or pHashes (16 hex; photos
   * within `maxDistance` of one are hubs too). Counting finds stock photos only at scale: in a
   * small collection a stock photo may appear in 5 ads, as often as a network's own.
   */
  knownHubs?: Iterable<string>;
}

class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
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
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

const SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Pairs of ads that share a photo: the same bytes, or pHashes within `maxDistance`. One pair per
 * two ads: a non-hub photo pair before a hub one, then the closest, then the smaller SHA-256s (so
 * the answer does not depend on the order of `ads`). Sorted by (a, b).
 *
 * Photos are grouped into clusters (connected by near pairs). A cluster shown in more than
 * `hubAds` ads is a hub, a stock photo used by unrelated advertisers: instead of every pair of its
 * ads (12.5M for 5,000 ads) it yields one pair per ad, to the cluster's first ad (smallest id),
 * marked `hub: true`. Two other ads that share only the hub are then not paired here; to see
 * whether they do (to corroborate another weak link), ask `closestPhotoPair` for those two.
 * Non-hub clusters yield only direct near pairs (not pairs implied through a chain of them).
 *
 * Photos without a valid pHash are matched on SHA-256 alone. Cost: linear in photos plus the near
 * pairs among distinct pHashes; a hub with many *distinct* near-identical hashes costs quadratic
 * time in those (not in its ads) before its output is bounded.
 */
export function photoPairs(ads: readonly PhotoAd[], opts: PhotoPairOptions = {}): PhotoPair[] {
  const maxDistance = opts.maxDistance ?? DEFAULT_MAX_DISTANCE;
  const hubAds = opts.hubAds ?? DEFAULT_PHOTO_HUB_ADS;
  const index = new PhotoIndex();

  // Known hubs first, so their nodes are flagged whatever the ads hold.
  const knownNodes: number[] = [];
  const knownSha = new Set<string>();
  for (const h of opts.knownHubs ?? []) {
    const parsed = parsePhash(h);
    if (parsed) knownNodes.push(index.addHash(parsed[0], parsed[1]));
    else if (SHA256.test(h)) knownSha.add(h.toLowerCase());
    else throw new Error(`knownHubs: neither a pHash nor a SHA-256: ${h}`);
  }

  // One occurrence per (ad, photo). Photos without a pHash get nodes after the indexed ones.
  let occCount = 0;
  for (const ad of ads) occCount += ad.photos.length;
  const occAd = new Int32Array(occCount);
  const occNode = new Int32Array(occCount);
  const occSha: string[] = new Array<string>(occCount);
  const shaOnly = new Map<string, number>();
  let o = 0;
  for (let ai = 0; ai < ads.length; ai++) {
    for (const photo of ads[ai]!.photos) {
      const parsed = parsePhash(photo.phash);
      let node: number;
      if (parsed) node = index.addHash(parsed[0], parsed[1]);
      else {
        let k = shaOnly.get(photo.sha256);
        if (k === undefined) shaOnly.set(photo.sha256, (k = shaOnly.size));
        node = -(k + 1);
      }
      occAd[o] = ai;
      occNode[o] = node;
      occSha[o] = photo.sha256;
      o++;
    }
  }
  const indexed = index.distinct;
  const nodeCount = indexed + shaOnly.size;
  for (let i = 0; i < occCount; i++) if (occNode[i]! < 0) occNode[i] = indexed - occNode[i]! - 1;

  // Near pairs among distinct hashes, and the clusters they make.
  let pu: Int32Array = new Int32Array(1024);
  let pv: Int32Array = new Int32Array(1024);
  let pd: Int32Array = new Int32Array(1024);
  let pairs = 0;
  const uf = new UnionFind(nodeCount);
  index.forEachNearPair(maxDistance, (u, v, d) => {
    if (pairs === pu.length) {
      pu = grown(pu, pairs + 1);
      pv = grown(pv, pairs + 1);
      pd = grown(pd, pairs + 1);
    }
    pu[pairs] = u;
    pv[pairs] = v;
    pd[pairs] = d;
    pairs++;
    uf.union(u, v);
  });
  const root = new Int32Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) root[n] = uf.find(n);

  // Occurrences grouped by node and by cluster (counting sort).
  const byNode = groupBy(occCount, nodeCount, (i) => occNode[i]!);
  const byRoot = groupBy(occCount, nodeCount, (i) => root[occNode[i]!]!);

  // Hub clusters: more than hubAds distinct ads, or holding a known hub.
  const hub = new Uint8Array(nodeCount);
  for (const n of knownNodes) hub[root[n]!] = 1;
  for (let i = 0; i < occCount; i++)
    if (knownSha.has(occSha[i]!.toLowerCase())) hub[root[occNode[i]!]!] = 1;
  const seen = new Int32Array(ads.length);
  for (let r = 0; r < nodeCount; r++) {
    if (root[r] !== r || hub[r] === 1) continue;
    let distinct = 0;
    for (let k = byRoot.start[r]!; k < byRoot.start[r + 1]!; k++) {
      const ad = occAd[byRoot.order[k]!]!;
      if (seen[ad] !== r + 1) {
        seen[ad] = r + 1;
        distinct++;
      }
    }
    if (distinct > hubAds) hub[r] = 1;
  }

  // The best photo pair per ad pair, keyed by the two ad indices.
  const best = new Map<number, PhotoPair>();
  const nAds = ads.length;
  const consider = (x: number, y: number, distance: number, isHub: boolean) => {
    let ax = occAd[x]!;
    let ay = occAd[y]!;
    let idA = ads[ax]!.id;
    let idB = ads[ay]!.id;
    if (idA === idB) return;
    if (idA > idB) {
      [ax, ay] = [ay, ax];
      [x, y] = [y, x];
      [idA, idB] = [idB, idA];
    }
    const key = ax * nAds + ay;
    const candidate: PhotoPair = {
      a: idA,
      b: idB,
      photoA: occSha[x]!,
      photoB: occSha[y]!,
      distance,
      hub: isHub,
    };
    const current = best.get(key);
    if (!current || betterPhotoPair(candidate, current)) best.set(key, candidate);
  };
  const distance = (m: number, n: number) =>
    m === n ? 0 : m < indexed && n < indexed ? index.distanceOf(m, n) : Infinity;

  // Non-hub clusters: every occurrence pair within a node (same hash) and across each near pair.
  for (let n = 0; n < nodeCount; n++) {
    if (hub[root[n]!] === 1) continue;
    const s = byNode.start[n]!;
    const e = byNode.start[n + 1]!;
    for (let i = s; i < e; i++)
      for (let j = i + 1; j < e; j++) consider(byNode.order[i]!, byNode.order[j]!, 0, false);
  }
  for (let p = 0; p < pairs; p++) {
    const u = pu[p]!;
    const v = pv[p]!;
    if (hub[root[u]!] === 1) continue;
    for (let i = byNode.start[u]!; i < byNode.start[u + 1]!; i++)
      for (let j = byNode.start[v]!; j < byNode.start[v + 1]!; j++)
        consider(byNode.order[i]!, byNode.order[j]!, pd[p]!, false);
  }

  // Hub clusters: each ad to the cluster's first ad only, by their closest photos in the cluster.
  for (let r = 0; r < nodeCount; r++) {
    if (root[r] !== r || hub[r] !== 1) continue;
    const s = byRoot.start[r]!;
    const e = byRoot.start[r + 1]!;
    if (e - s < 2) continue;
    let first = occAd[byRoot.order[s]!]!;
    for (let k = s + 1; k < e; k++) {
      const ad = occAd[byRoot.order[k]!]!;
      if (ads[ad]!.id < ads[first]!.id) first = ad;
    }
    const firstOcc: number[] = [];
    for (let k = s; k < e; k++)
      if (occAd[byRoot.order[k]!] === first) firstOcc.push(byRoot.order[k]!);
    for (let k = s; k < e; k++) {
      const x = byRoot.order[k]!;
      if (occAd[x] === first) continue;
      for (const f of firstOcc) consider(f, x, distance(occNode[f]!, occNode[x]!), true);
    }
  }

  return [...best.values()].sort((p, q) =>
    p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0,
  );
}

/**
 * @internal Whether `p` is the better of two photo pairs for the same two ads: a non-hub pair first,
 * then the closest, then the smaller SHA-256s. A total order (equal only when all four are equal),
 * so the pair kept per two ads does not depend on the order candidates come in.
 */
export function betterPhotoPair(p: PhotoPair, q: PhotoPair): boolean {
  if (p.hub !== q.hub) return !p.hub;
  if (p.distance !== q.distance) return p.distance < q.distance;
  if (p.photoA !== q.photoA) return p.photoA < q.photoA;
  return p.photoB < q.photoB;
}

/** Items 0..n-1 grouped by `keyOf` (0..keys-1): members of key k are order[start[k]..start[k+1]). */
function groupBy(
  n: number,
  keys: number,
  keyOf: (i: number) => number,
): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) start[keyOf(i) + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keys);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[keyOf(i)]!++] = i;
  return { start, order };
}

/**
 * The closest photo pair between two ads (same bytes, or pHashes within `maxDistance`), or null.
 * For checking one pair directly, e.g. whether two ads that `photoPairs` left unpaired because
 * their photo is a hub do share it. `hub` is false here: the caller knows whether the photo is one.
 */
export function closestPhotoPair(
  a: PhotoAd,
  b: PhotoAd,
  maxDistance = DEFAULT_MAX_DISTANCE,
): PhotoPair | null {
  if (a.id === b.id) return null;
  const [x, y] = a.id < b.id ? [a, b] : [b, a];
  let found: PhotoPair | null = null;
  for (const p of x.photos)
    for (const q of y.photos) {
      let distance = Infinity;
      if (p.sha256 === q.sha256) distance = 0;
      else {
        const hp = parsePhash(p.phash);
        const hq = parsePhash(q.phash);
        if (hp && hq) distance = popcount32(hp[0] ^ hq[0]) + popcount32(hp[1] ^ hq[1]);
      }
      if (distance > maxDistance) continue;
      const candidate: PhotoPair = {
        a: x.id,
        b: y.id,
        photoA: p.sha256,
        photoB: q.sha256,
        distance,
        hub: false,
      };
      if (!found || betterPhotoPair(candidate, found)) found = candidate;
    }
  return found;
}

/**
 * A photo pair as linking evidence. The weight is a placeholder until assess/ calibrates it: near
 * 1 for identical pictures, lower as the distance grows, low for a hub.
 */
export function photoEvidence(pair: PhotoPair): Evidence {
  return {
    type: 'photo',
    a: pair.a,
    b: pair.b,
    value: `${pair.photoA}/${pair.photoB}`,
    weight: pair.hub ? 0.2 : Math.max(0.3, 1 - pair.distance / 20),
    distance: pair.distance,
    ...(pair.hub ? { hub: true } : {}),
  };
}

/** Photos shown under more than `limit` distinct phone numbers. */
export function photosAcrossPhones(
  ads: readonly (PhotoAd & { phones: readonly string[] })[],
  limit = DEFAULT_PHOTO_HUB_PHONES,
): Set<string> {
  const phones = new Map<string, Set<string>>();
  for (const ad of ads)
    for (const photo of ad.photos) {
      let set = phones.get(photo.sha256);
      if (!set) phones.set(photo.sha256, (set = new Set()));
      for (const p of ad.phones) set.add(p);
    }
  return new Set([...phones].filter(([, set]) => set.size > limit).map(([sha]) => sha));
}
