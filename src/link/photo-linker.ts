/**
 * Photo pairs kept up to date as ads arrive: after any sequence of upserts, `pairs()` is exactly
 * what `photoPairs(ads, { maxDistance, hubAds, knownHubs: photosAcrossPhones(ads, hubPhones) })`
 * returns for the current ads, and each upsert reports the difference.
 *
 * State, in the batch's terms: the distinct pHashes (nodes, in a PhotoIndex; a photo without a
 * valid pHash gets a node per SHA-256), the occurrences (ad, SHA-256) on each node, the clusters
 * (connected components of near pairs among live nodes, as member lists merged small into large),
 * the phones per SHA-256, and the pairs each cluster yields. Two ads may be paired through several
 * clusters: every cluster's candidate is kept and the best one is the pair. A cluster's pairs
 * depend only on its own nodes and occurrences, the ids of its ads, and which of its SHA-256s are
 * stock photos, so an upsert recomputes, by the batch definition, only the clusters where one of
 * those changed: nodes that gained or lost occurrences, merges through a new node's near
 * neighbours, splits where a node lost its last occurrence, SHA-256s whose phone count crossed
 * `hubPhones`.
 *
 * A hub cluster that only grows (new ads or photos, merges with other clusters) is not recomputed:
 * only the ads that gained photos in it get their pair to its first ad again, unless one of them
 * is, or comes before, that first ad. So an ad that joins a stock photo shown in 5,000 ads costs
 * its own pair only; anything else (a photo removed, a crossing) recomputes the cluster, linear in
 * its occurrences for a hub and in its occurrence pairs otherwise (≤ hubAds ads).
 */

import {
  DEFAULT_MAX_DISTANCE,
  DEFAULT_PHOTO_HUB_ADS,
  DEFAULT_PHOTO_HUB_PHONES,
  PhotoIndex,
  betterPhotoPair,
  parsePhash,
  type PhotoPair,
} from './photos.js';

export interface PhotoLinkerOptions {
  /** Largest pHash distance that counts as the same photo (default 8). */
  maxDistance?: number;
  /** A photo cluster shown in more ads than this is a hub (default 30). */
  hubAds?: number;
  /** A SHA-256 shown under more distinct phone numbers than this is a stock photo (default 3). */
  hubPhones?: number;
}

/** An ad as the photo linker sees it (a `LinkAd` fits). */
export interface PhotoLinkerAd {
  id: string;
  phones: readonly string[];
  /** `sha256` must be 64 hex digits: the batch takes a stock photo's SHA-256 as a known hub. */
  photos: readonly { sha256: string; phash: string }[];
}

export interface PhotoPairChanges {
  /** Pairs that are new or changed (their new version), sorted by (a, b). */
  added: PhotoPair[];
  /** Pairs that are gone or changed (their old version), sorted by (a, b). */
  removed: PhotoPair[];
}

const NONE = -1;
const SHA256 = /^[0-9a-f]{64}$/i;
const UPPER = /[A-F]/;
/** Ad pairs are keyed x·2^26 + y in per-upsert maps: exact in a double (so ≤ 2^26 ads). */
const KEY_BASE = 2 ** 26;
/** Up to this many nodes, comparing all pairs beats near queries (~700 bucket probes each). */
const SCAN_NODES = 64;
/**
 * New hashes per indexed hash above which one self-join of the index beats a near query per new
 * hash. Measured at 1.2M hashes: a query ~35 µs (its probes miss the cache), the join ~1.8 µs per
 * hash.
 */
const SELF_JOIN_RATIO = 0.05;

/** Distinct phones of a SHA-256: none, one, or a set (most photos have one phone). */
type Phones = undefined | string | Set<string>;
/** The candidates for one ad pair, one per cluster that pairs the two ads (most have one). */
type Candidates = PhotoPair | PhotoPair[];

function grownI32(a: Int32Array, need: number, fill: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
function grownU8(a: Uint8Array, need: number): Uint8Array {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function samePair(p: PhotoPair | undefined, q: PhotoPair | undefined): boolean {
  if (p === q) return true;
  if (!p || !q) return false;
  return (
    p.a === q.a &&
    p.b === q.b &&
    p.photoA === q.photoA &&
    p.photoB === q.photoB &&
    p.distance === q.distance &&
    p.hub === q.hub
  );
}

function byAdPair(p: PhotoPair, q: PhotoPair): number {
  return p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0;
}

function bestOf(c: Candidates): PhotoPair {
  if (!Array.isArray(c)) return c;
  let best = c[0]!;
  for (let i = 1; i < c.length; i++) if (betterPhotoPair(c[i]!, best)) best = c[i]!;
  return best;
}

function isSubset(small: readonly string[], big: readonly string[]): boolean {
  if (small.length === 0) return true;
  if (big.length <= 16) return small.every((x) => big.includes(x));
  const set = new Set(big);
  return small.every((x) => set.has(x));
}

/**
 * Candidates per ad pair (x < y, ad numbers): open addressing with linear probing on typed arrays.
 * A Map keyed x·2^26 + y boxes every key (a heap number): ~2.5× slower at 2M pairs, measured.
 */
class PairTable {
  private mask = 1023;
  private xs: Int32Array = new Int32Array(1024).fill(NONE);
  private ys: Int32Array = new Int32Array(1024);
  private vals: (Candidates | undefined)[] = new Array<Candidates | undefined>(1024);
  size = 0;

  private home(x: number, y: number): number {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y ^ 0x5bd1e995, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 12)) & this.mask;
  }

  private find(x: number, y: number): number {
    for (let i = this.home(x, y); ; i = (i + 1) & this.mask) {
      const k = this.xs[i]!;
      if (k === NONE) return -1 - i;
      if (k === x && this.ys[i] === y) return i;
    }
  }

  get(x: number, y: number): Candidates | undefined {
    const i = this.find(x, y);
    return i >= 0 ? this.vals[i] : undefined;
  }

  set(x: number, y: number, v: Candidates): void {
    let i = this.find(x, y);
    if (i < 0) {
      if (2 * (this.size + 1) > this.mask + 1) {
        this.resize();
        i = this.find(x, y);
      }
      i = -1 - i;
      this.xs[i] = x;
      this.ys[i] = y;
      this.size++;
    }
    this.vals[i] = v;
  }

  delete(x: number, y: number): void {
    let i = this.find(x, y);
    if (i < 0) return;
    this.size--;
    // Backward-shift deletion: pull later entries of the run into the hole when they may sit there.
    for (let j = (i + 1) & this.mask; this.xs[j] !== NONE; j = (j + 1) & this.mask) {
      const h = this.home(this.xs[j]!, this.ys[j]!);
      if (((j - h) & this.mask) >= ((j - i) & this.mask)) {
        this.xs[i] = this.xs[j]!;
        this.ys[i] = this.ys[j]!;
        this.vals[i] = this.vals[j];
        i = j;
      }
    }
    this.xs[i] = NONE;
    this.vals[i] = undefined;
  }

  forEach(visit: (x: number, y: number, c: Candidates) => void): void {
    for (let i = 0; i <= this.mask; i++)
      if (this.xs[i] !== NONE) visit(this.xs[i]!, this.ys[i]!, this.vals[i]!);
  }

  private resize(): void {
    const { xs, ys, vals } = this;
    const cap = 2 * (this.mask + 1);
    this.mask = cap - 1;
    this.xs = new Int32Array(cap).fill(NONE);
    this.ys = new Int32Array(cap);
    this.vals = new Array<Candidates | undefined>(cap);
    this.size = 0;
    for (let i = 0; i < xs.length; i++) if (xs[i] !== NONE) this.set(xs[i]!, ys[i]!, vals[i]!);
  }
}

export class PhotoLinker {
  private readonly maxDistance: number;
  private readonly hubAds: number;
  private readonly hubPhones: number;
  private readonly index = new PhotoIndex();

  // Ads: id, phones (one as a string, most ads), and the chain of their occurrences.
  private readonly adIndex = new Map<string, number>();
  private readonly adIds: string[] = [];
  private readonly adPhones: (string | readonly string[])[] = [];
  private adOcc: Int32Array = new Int32Array(1024).fill(NONE);

  // Occurrences (one per ad and distinct (SHA-256, node)), chained per ad and per node (both ways).
  private occAd: Int32Array = new Int32Array(1024);
  private occSha: Int32Array = new Int32Array(1024);
  private occNode: Int32Array = new Int32Array(1024);
  private occNextInAd: Int32Array = new Int32Array(1024);
  private occNextInNode: Int32Array = new Int32Array(1024);
  private occPrevInNode: Int32Array = new Int32Array(1024);
  private occUsed = 0;
  private occFree = NONE;

  // Nodes: a distinct pHash, or a SHA-256 without one. Live while it has occurrences.
  private nodeCount = 0;
  private nodeIndex: Int32Array = new Int32Array(1024).fill(NONE);
  private indexNode: Int32Array = new Int32Array(1024);
  private readonly shaOnly = new Map<string, number>();
  private nodeOcc: Int32Array = new Int32Array(1024).fill(NONE);
  /** The cluster (its root node) of each live node; NONE when dead or not yet placed. */
  private nodeCluster: Int32Array = new Int32Array(1024).fill(NONE);

  // Per cluster root: its nodes (undefined for a single node, most clusters), and the pairs it
  // yields now: a hub's by ad, to its first ad (`hubFirst`), another's as a list.
  private readonly members: (number[] | undefined)[] = [];
  private hubFirst: Int32Array = new Int32Array(1024).fill(NONE);
  private readonly star: (Map<number, PhotoPair> | undefined)[] = [];
  private readonly direct: (PhotoPair[] | undefined)[] = [];

  // SHA-256s: phones, nodes, and whether they (or one equal but for case) are a stock photo.
  private readonly shaIds = new Map<string, number>();
  private readonly shas: string[] = [];
  private readonly shaPhones: Phones[] = [];
  private shaNode: Int32Array = new Int32Array(1024).fill(NONE);
  private readonly shaMoreNodes = new Map<number, number[]>();
  /** Over `hubPhones` phones, as last acted on. */
  private shaCross: Uint8Array = new Uint8Array(1024);
  /** Known hub: a SHA-256 equal to this one but for case crosses (the batch compares lowercase). */
  private shaKnown: Uint8Array = new Uint8Array(1024);
  private readonly crossingByLower = new Map<string, number>();
  private readonly upperVariants = new Map<string, number[]>();

  private readonly candidates = new PairTable();
  /** Ads in id order and each ad's place in it, for the first `ranked` ads (see allPairs). */
  private adsById: Int32Array = new Int32Array(0);
  private adRank: Int32Array = new Int32Array(0);
  private ranked = 0;

  // Scratch for one upsert.
  private fresh = false;
  private readonly before = new Map<number, PhotoPair | undefined>();
  /** Clusters to recompute whole. */
  private readonly pending = new Set<number>();
  /** Clusters of nodes new in this upsert (no pairs yet), while they merge. */
  private readonly newRoots = new Set<number>();
  /** Hub clusters that only grew: the ads that gained photos in them. */
  private readonly grown = new Map<number, number[]>();
  private adStamp: Int32Array = new Int32Array(1024);
  private nodeStamp: Int32Array = new Int32Array(1024);
  private nodeSlot: Int32Array = new Int32Array(1024);
  private stampNow = 0;
  private readonly local = new Map<number, PhotoPair>();
  private readonly rAd: number[] = [];
  private readonly rSha: number[] = [];
  private readonly rNode: number[] = [];
  private readonly want: number[] = [];

  constructor(opts: PhotoLinkerOptions = {}) {
    this.maxDistance = opts.maxDistance ?? DEFAULT_MAX_DISTANCE;
    this.hubAds = opts.hubAds ?? DEFAULT_PHOTO_HUB_ADS;
    this.hubPhones = opts.hubPhones ?? DEFAULT_PHOTO_HUB_PHONES;
    // Below 0, a photo with no phones at all would be a stock photo: not worth tracking.
    if (!(this.hubPhones >= 0)) throw new RangeError(`hubPhones must be ≥ 0: ${this.hubPhones}`);
  }

  /** Number of ads. */
  get size(): number {
    return this.adIds.length;
  }

  /** Number of current pairs. */
  get pairCount(): number {
    return this.candidates.size;
  }

  /** Every current pair, sorted by (a, b). */
  pairs(): PhotoPair[] {
    return this.allPairs();
  }

  /**
   * Every current pair (copies), sorted by (a, b) through the ads' ranks in id order: sorting 2M
   * pairs by their id strings took ~8 s (each comparison chases two objects and their strings),
   * sorting numbers ~0.2 s plus ~0.5 s to rank 1M new ids (once; later ids are merged in).
   */
  private allPairs(): PhotoPair[] {
    this.rankAds();
    const n = this.adIds.length;
    const rank = this.adRank;
    const keys = new Float64Array(this.candidates.size);
    let k = 0;
    this.candidates.forEach((x, y) => {
      const rx = rank[x]!;
      const ry = rank[y]!;
      keys[k++] = rx < ry ? rx * n + ry : ry * n + rx;
    });
    keys.sort();
    const out: PhotoPair[] = new Array<PhotoPair>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const ra = Math.floor(keys[i]! / n);
      const x = this.adsById[ra]!;
      const y = this.adsById[keys[i]! - ra * n]!;
      out[i] = { ...bestOf((x < y ? this.candidates.get(x, y) : this.candidates.get(y, x))!) };
    }
    return out;
  }

  /** Brings `adsById` (ads in id order) and `adRank` up to date with the ads added since. */
  private rankAds(): void {
    const n = this.adIds.length;
    const m = this.ranked;
    if (m === n) return;
    // The new ids sorted natively (no comparator: as fast as sorting gets), then merged in.
    const ids = this.adIds.slice(m).sort();
    const sorted = new Int32Array(n);
    for (let i = 0, j = 0, o = 0; o < n; o++) {
      if (j === ids.length || (i < m && this.adIds[this.adsById[i]!]! < ids[j]!))
        sorted[o] = this.adsById[i++]!;
      else sorted[o] = this.adIndex.get(ids[j++]!)!;
    }
    const rank = new Int32Array(n);
    for (let o = 0; o < n; o++) rank[sorted[o]!] = o;
    this.adsById = sorted;
    this.adRank = rank;
    this.ranked = n;
  }

  /**
   * Adds new ads, or replaces the phones/photos of ads already known (by id). Growth (phones and
   * photos only added to) is the cheap path; a replacement that removes photos or phones recounts
   * the phones of its photos and splits the clusters that lost a node.
   */
  upsert(ads: readonly PhotoLinkerAd[]): PhotoPairChanges {
    // Check first, so a bad photo leaves the linker as it was.
    let newAds = 0;
    for (const ad of ads) {
      if (!this.adIndex.has(ad.id)) newAds++;
      for (const photo of ad.photos)
        if (!this.shaIds.has(photo.sha256) && !SHA256.test(photo.sha256))
          throw new Error(`not a SHA-256 (64 hex digits): ${photo.sha256}`);
    }
    if (this.adIds.length + newAds > KEY_BASE)
      throw new Error(`a photo linker holds at most ${KEY_BASE} ads`);

    this.fresh = this.candidates.size === 0;
    const born: number[] = [];
    const dying: number[] = [];
    const recount = new Set<number>();
    const phonesChanged = new Set<number>();
    for (const ad of ads) this.apply(ad, born, dying, recount, phonesChanged);
    for (const s of recount) {
      this.recountPhones(s);
      phonesChanged.add(s);
    }
    for (const s of phonesChanged) this.checkCrossing(s);
    this.restructure(born, dying);
    for (const r of this.pending) if (this.nodeCluster[r] === r) this.recompute(r);
    for (const [r, grownAds] of this.grown)
      if (this.nodeCluster[r] === r && !this.pending.has(r)) this.growHub(r, grownAds);
    this.pending.clear();
    this.grown.clear();

    // Nothing before: every pair is new.
    if (this.fresh) return { added: this.allPairs(), removed: [] };
    const added: PhotoPair[] = [];
    const removed: PhotoPair[] = [];
    for (const [key, old] of this.before) {
      const x = Math.floor(key / KEY_BASE);
      const c = this.candidates.get(x, key - x * KEY_BASE);
      const now = c === undefined ? undefined : bestOf(c);
      if (samePair(old, now)) continue;
      if (old) removed.push({ ...old });
      if (now) added.push({ ...now });
    }
    this.before.clear();
    return { added: added.sort(byAdPair), removed: removed.sort(byAdPair) };
  }

  // ---- ads, occurrences, phones ----

  private phonesOf(x: number): readonly string[] {
    const p = this.adPhones[x]!;
    return typeof p === 'string' ? [p] : p;
  }

  private apply(
    ad: PhotoLinkerAd,
    born: number[],
    dying: number[],
    recount: Set<number>,
    phonesChanged: Set<number>,
  ): void {
    let x = this.adIndex.get(ad.id);
    let lostPhones = false;
    if (x === undefined) {
      x = this.adIds.length;
      this.adIndex.set(ad.id, x);
      this.adIds.push(ad.id);
      this.adPhones.push([]);
      this.adOcc = grownI32(this.adOcc, x + 1, NONE);
      this.adStamp = grownI32(this.adStamp, x + 1, 0);
    } else lostPhones = !isSubset(this.phonesOf(x), ad.phones);
    // A copy: the caller may change its array, and we must know what was there.
    this.adPhones[x] = ad.phones.length === 1 ? ad.phones[0]! : [...ad.phones];

    // Wanted occurrences: distinct (sha, node), flattened.
    const want = this.want;
    want.length = 0;
    // Most ads have a few photos: a scan finds (sha, node) in `want`; many photos need a map.
    const where = ad.photos.length > 8 ? new Map<string, number>() : null;
    const find = (s: number, n: number): number => {
      if (where) return where.get(`${s}:${n}`) ?? -1;
      for (let i = 0; i < want.length; i += 3) if (want[i] === s && want[i + 1] === n) return i;
      return -1;
    };
    for (const photo of ad.photos) {
      const s = this.shaId(photo.sha256);
      const n = this.nodeOf(photo.sha256, photo.phash);
      if (find(s, n) >= 0) continue;
      where?.set(`${s}:${n}`, want.length);
      want.push(s, n, 0);
    }

    // Old occurrences: keep the wanted ones (marked in want), drop the rest.
    let prev = NONE;
    for (let o = this.adOcc[x]!; o !== NONE;) {
      const next = this.occNextInAd[o]!;
      const s = this.occSha[o]!;
      const n = this.occNode[o]!;
      if (lostPhones) recount.add(s);
      const found = find(s, n);
      if (found >= 0) {
        want[found + 2] = 1;
        prev = o;
      } else {
        if (prev === NONE) this.adOcc[x] = next;
        else this.occNextInAd[prev] = next;
        this.unlinkFromNode(o, dying);
        this.occNextInAd[o] = this.occFree;
        this.occFree = o;
        recount.add(s);
      }
      o = next;
    }
    // New occurrences.
    for (let i = 0; i < want.length; i += 3) {
      if (want[i + 2] === 1) continue;
      const s = want[i]!;
      const n = want[i + 1]!;
      const o = this.newOcc();
      this.occAd[o] = x;
      this.occSha[o] = s;
      this.occNode[o] = n;
      this.occNextInAd[o] = this.adOcc[x]!;
      this.adOcc[x] = o;
      const head = this.nodeOcc[n]!;
      if (head === NONE) born.push(n);
      else if (this.nodeCluster[n] !== NONE) this.touchGrowth(this.nodeCluster[n]!, x);
      this.occPrevInNode[o] = NONE;
      this.occNextInNode[o] = head;
      if (head !== NONE) this.occPrevInNode[head] = o;
      this.nodeOcc[n] = o;
      this.noteShaNode(s, n);
    }
    // Phones only added to: add them to each photo's set (recounts redo removals later).
    for (let i = 0; i < want.length; i += 3)
      if (this.addPhones(want[i]!, ad.phones)) phonesChanged.add(want[i]!);
  }

  private newOcc(): number {
    if (this.occFree !== NONE) {
      const o = this.occFree;
      this.occFree = this.occNextInAd[o]!;
      return o;
    }
    const o = this.occUsed++;
    if (o >= this.occAd.length) {
      this.occAd = grownI32(this.occAd, o + 1, 0);
      this.occSha = grownI32(this.occSha, o + 1, 0);
      this.occNode = grownI32(this.occNode, o + 1, 0);
      this.occNextInAd = grownI32(this.occNextInAd, o + 1, 0);
      this.occNextInNode = grownI32(this.occNextInNode, o + 1, 0);
      this.occPrevInNode = grownI32(this.occPrevInNode, o + 1, 0);
    }
    return o;
  }

  private unlinkFromNode(o: number, dying: number[]): void {
    const n = this.occNode[o]!;
    const p = this.occPrevInNode[o]!;
    const q = this.occNextInNode[o]!;
    if (p === NONE) this.nodeOcc[n] = q;
    else this.occNextInNode[p] = q;
    if (q !== NONE) this.occPrevInNode[q] = p;
    // Retract now, while the node still knows its cluster; a node left empty may split it.
    if (this.nodeCluster[n] !== NONE) this.retract(this.nodeCluster[n]!);
    if (this.nodeOcc[n] === NONE) dying.push(n);
  }

  private shaId(sha: string): number {
    let s = this.shaIds.get(sha);
    if (s !== undefined) return s;
    s = this.shas.length;
    this.shaIds.set(sha, s);
    this.shas.push(sha);
    this.shaPhones.push(undefined);
    this.shaNode = grownI32(this.shaNode, s + 1, NONE);
    this.shaCross = grownU8(this.shaCross, s + 1);
    this.shaKnown = grownU8(this.shaKnown, s + 1);
    let lower = sha;
    if (UPPER.test(sha)) {
      lower = sha.toLowerCase();
      const variants = this.upperVariants.get(lower);
      if (variants) variants.push(s);
      else this.upperVariants.set(lower, [s]);
    }
    this.shaKnown[s] = (this.crossingByLower.get(lower) ?? 0) > 0 ? 1 : 0;
    return s;
  }

  private nodeOf(sha: string, phash: string): number {
    const parsed = parsePhash(phash);
    if (!parsed) {
      let n = this.shaOnly.get(sha);
      if (n === undefined) this.shaOnly.set(sha, (n = this.newNode(NONE)));
      return n;
    }
    const known = this.index.distinct;
    const i = this.index.addHash(parsed[0], parsed[1]);
    if (i < known) return this.indexNode[i]!;
    this.indexNode = grownI32(this.indexNode, i + 1, 0);
    return (this.indexNode[i] = this.newNode(i));
  }

  private newNode(indexNode: number): number {
    const n = this.nodeCount++;
    this.nodeIndex = grownI32(this.nodeIndex, n + 1, NONE);
    this.nodeOcc = grownI32(this.nodeOcc, n + 1, NONE);
    this.nodeCluster = grownI32(this.nodeCluster, n + 1, NONE);
    this.hubFirst = grownI32(this.hubFirst, n + 1, NONE);
    this.nodeStamp = grownI32(this.nodeStamp, n + 1, 0);
    this.nodeSlot = grownI32(this.nodeSlot, n + 1, 0);
    this.nodeIndex[n] = indexNode;
    // Kept dense: writing far past the end would turn these into slow dictionaries.
    this.members.push(undefined);
    this.star.push(undefined);
    this.direct.push(undefined);
    return n;
  }

  private noteShaNode(s: number, n: number): void {
    const first = this.shaNode[s]!;
    if (first === NONE) this.shaNode[s] = n;
    else if (first !== n) {
      // The same bytes under another pHash string: rare, kept aside.
      const more = this.shaMoreNodes.get(s);
      if (!more) this.shaMoreNodes.set(s, [n]);
      else if (!more.includes(n)) more.push(n);
    }
  }

  private nodesOfSha(s: number): number[] {
    const first = this.shaNode[s]!;
    if (first === NONE) return [];
    return [first, ...(this.shaMoreNodes.get(s) ?? [])];
  }

  private addPhones(s: number, phones: readonly string[]): boolean {
    let cur = this.shaPhones[s];
    let changed = false;
    for (const p of phones) {
      if (cur === undefined) {
        cur = p;
        changed = true;
      } else if (typeof cur === 'string') {
        if (cur !== p) {
          cur = new Set([cur, p]);
          changed = true;
        }
      } else if (!cur.has(p)) {
        cur.add(p);
        changed = true;
      }
    }
    this.shaPhones[s] = cur;
    return changed;
  }

  /** Phones of SHA-256 `s` from scratch: the union over the ads that show it now. */
  private recountPhones(s: number): void {
    this.shaPhones[s] = undefined;
    for (const n of this.nodesOfSha(s))
      for (let o = this.nodeOcc[n]!; o !== NONE; o = this.occNextInNode[o]!)
        if (this.occSha[o] === s) this.addPhones(s, this.phonesOf(this.occAd[o]!));
  }

  /** Acts on SHA-256 `s` crossing `hubPhones` (either way): the clusters showing it change. */
  private checkCrossing(s: number): void {
    const cur = this.shaPhones[s];
    const count = cur === undefined ? 0 : typeof cur === 'string' ? 1 : cur.size;
    const now = count > this.hubPhones ? 1 : 0;
    if (now === this.shaCross[s]) return;
    this.shaCross[s] = now;
    const sha = this.shas[s]!;
    const lower = UPPER.test(sha) ? sha.toLowerCase() : sha;
    const was = this.crossingByLower.get(lower) ?? 0;
    const is = was + (now === 1 ? 1 : -1);
    if (is > 0) this.crossingByLower.set(lower, is);
    else this.crossingByLower.delete(lower);
    if (was > 0 === is > 0) return;
    const variants = [...(this.upperVariants.get(lower) ?? [])];
    const plain = this.shaIds.get(lower);
    if (plain !== undefined) variants.push(plain);
    for (const v of variants) {
      this.shaKnown[v] = is > 0 ? 1 : 0;
      for (const n of this.nodesOfSha(v))
        if (this.nodeCluster[n] !== NONE) this.retract(this.nodeCluster[n]!);
    }
  }

  // ---- clusters ----

  /** Deaths split their clusters, then new (or revived) nodes merge with their near neighbours. */
  private restructure(born: number[], dying: number[]): void {
    const split = new Set<number>();
    for (const n of dying)
      if (this.nodeOcc[n] === NONE && this.nodeCluster[n] !== NONE) split.add(this.nodeCluster[n]!);
    for (const r of split) this.split(r);

    const placed: number[] = [];
    for (const n of born)
      if (this.nodeOcc[n] !== NONE && this.nodeCluster[n] === NONE) {
        this.nodeCluster[n] = n;
        this.members[n] = undefined;
        this.newRoots.add(n);
        if (this.nodeIndex[n] !== NONE) placed.push(n);
      }
    this.join(placed);
    // What only new nodes make up has nothing to build on.
    for (const r of this.newRoots) if (this.nodeCluster[r] === r) this.pending.add(r);
    this.newRoots.clear();
  }

  /** Merges the clusters of new nodes `placed` with those of their near neighbours. */
  private join(placed: readonly number[]): void {
    if (placed.length === 0) return;
    if (placed.length > SELF_JOIN_RATIO * this.index.distinct) {
      // Many new hashes (a first load): one self-join, keeping the pairs that touch a new one.
      const mark = ++this.stampNow;
      for (const n of placed) this.nodeStamp[n] = mark;
      this.index.forEachNearPair(this.maxDistance, (u, v) => {
        const mu = this.indexNode[u]!;
        const mv = this.indexNode[v]!;
        if (this.nodeStamp[mu] !== mark && this.nodeStamp[mv] !== mark) return;
        const ru = this.nodeCluster[mu]!;
        const rv = this.nodeCluster[mv]!;
        if (ru !== NONE && rv !== NONE) this.merge(ru, rv);
      });
    } else {
      for (const n of placed) {
        const [hi, lo] = this.index.hashOf(this.nodeIndex[n]!);
        this.index.forEachNear(hi, lo, this.maxDistance, (i) => {
          const m = this.indexNode[i]!;
          if (m === n) return;
          const rm = this.nodeCluster[m]!;
          if (rm !== NONE) this.merge(this.nodeCluster[n]!, rm);
        });
      }
    }
  }

  private clusterNodes(r: number): number[] {
    return this.members[r] ?? [r];
  }

  /**
   * Joins two clusters. When one holds a hub's pairs (and is not being recomputed anyway), it
   * keeps them: the result is a hub too (more ads, the same stock photos), so only the other
   * side's ads need their pair to the first ad (`growHub`), and the other side's own pairs go.
   * Clusters of new nodes only stay new; anything else is recomputed whole.
   */
  private merge(r1: number, r2: number): void {
    if (r1 === r2) return;
    const p1 = this.pending.has(r1);
    const p2 = this.pending.has(r2);
    const h1 = !p1 && this.hubFirst[r1] !== NONE;
    const h2 = !p2 && this.hubFirst[r2] !== NONE;
    const new1 = this.newRoots.has(r1);
    const new2 = this.newRoots.has(r2);
    let keep = NONE;
    if (!p1 && !p2) {
      if (h1 && (!h2 || this.star[r1]!.size >= this.star[r2]!.size)) keep = r1;
      else if (h2) keep = r2;
    }
    let dirty: number[] = [];
    if (keep !== NONE) {
      const other = keep === r1 ? r2 : r1;
      this.withdrawAll(other);
      for (const n of this.clusterNodes(other))
        for (let o = this.nodeOcc[n]!; o !== NONE; o = this.occNextInNode[o]!)
          dirty.push(this.occAd[o]!);
      this.grown.delete(other);
      dirty = dirty.concat(this.grown.get(keep) ?? []);
      this.grown.delete(keep);
    } else if (!(new1 && new2)) {
      this.retract(r1);
      this.retract(r2);
    }
    this.newRoots.delete(r1);
    this.newRoots.delete(r2);

    const n1 = this.members[r1]?.length ?? 1;
    const n2 = this.members[r2]?.length ?? 1;
    const [big, small] = n1 >= n2 ? [r1, r2] : [r2, r1];
    const into = this.members[big] ?? [big];
    for (const n of this.clusterNodes(small)) {
      this.nodeCluster[n] = big;
      into.push(n);
    }
    this.members[big] = into;
    this.members[small] = undefined;

    if (keep !== NONE) {
      if (keep !== big) {
        // The hub's pairs move to the surviving root.
        this.hubFirst[big] = this.hubFirst[keep]!;
        this.star[big] = this.star[keep];
        this.hubFirst[keep] = NONE;
        this.star[keep] = undefined;
      }
      this.grown.set(big, dirty);
    } else if (new1 && new2) this.newRoots.add(big);
    else this.pending.add(big);
  }

  /** Cluster `r` (already retracted) lost nodes: its live nodes fall into components again. */
  private split(r: number): void {
    const all = this.clusterNodes(r);
    this.members[r] = undefined;
    const live: number[] = [];
    for (const n of all) {
      this.nodeCluster[n] = NONE;
      if (this.nodeOcc[n] !== NONE) live.push(n);
    }
    const mark = ++this.stampNow;
    for (const n of live) this.nodeStamp[n] = mark;
    for (const start of live) {
      if (this.nodeCluster[start] !== NONE) continue;
      const component = [start];
      this.nodeCluster[start] = start;
      for (let k = 0; k < component.length; k++)
        this.forEachNearIn(component[k]!, live, mark, (m) => {
          if (this.nodeCluster[m] !== NONE) return;
          this.nodeCluster[m] = start;
          component.push(m);
        });
      this.members[start] = component.length > 1 ? component : undefined;
      this.pending.add(start);
    }
  }

  /** Nodes of `nodes` (stamped `mark`) within maxDistance of node `n`, other than `n`. */
  private forEachNearIn(
    n: number,
    nodes: readonly number[],
    mark: number,
    visit: (m: number, distance: number) => void,
  ): void {
    const i = this.nodeIndex[n]!;
    if (i === NONE) return;
    if (nodes.length <= SCAN_NODES) {
      for (const m of nodes) {
        const j = this.nodeIndex[m]!;
        if (m === n || j === NONE) continue;
        const d = this.index.distanceOf(i, j);
        if (d <= this.maxDistance) visit(m, d);
      }
      return;
    }
    const [hi, lo] = this.index.hashOf(i);
    this.index.forEachNear(hi, lo, this.maxDistance, (j, d) => {
      const m = this.indexNode[j]!;
      if (m !== n && this.nodeStamp[m] === mark) visit(m, d);
    });
  }

  // ---- pairs ----

  /** Ad `x` gained a photo in cluster `r`: a hub grows in place, anything else is recomputed. */
  private touchGrowth(r: number, x: number): void {
    if (this.hubFirst[r] === NONE) {
      this.retract(r);
      return;
    }
    const ads = this.grown.get(r);
    if (ads) ads.push(x);
    else this.grown.set(r, [x]);
  }

  /** Withdraws cluster `r`'s pairs and recomputes it at the end of the upsert. */
  private retract(r: number): void {
    this.withdrawAll(r);
    this.pending.add(r);
  }

  private withdrawAll(r: number): void {
    const first = this.hubFirst[r]!;
    const star = this.star[r];
    if (first !== NONE && star) for (const [y, pair] of star) this.withdraw(first, y, pair);
    this.hubFirst[r] = NONE;
    this.star[r] = undefined;
    const pairs = this.direct[r];
    if (pairs)
      for (const pair of pairs)
        this.withdraw(this.adIndex.get(pair.a)!, this.adIndex.get(pair.b)!, pair);
    this.direct[r] = undefined;
  }

  /** Hub cluster `r` only grew: the pairs of ads that gained photos in it, to its first ad. */
  private growHub(r: number, ads: readonly number[]): void {
    const first = this.hubFirst[r]!;
    const firstId = this.adIds[first]!;
    for (const y of ads)
      if (y === first || this.adIds[y]! < firstId) {
        // A new first ad, or the first ad's photos changed: every pair may change.
        this.retract(r);
        this.recompute(r);
        return;
      }
    const firstOcc = this.occurrencesIn(first, r);
    const star = this.star[r]!;
    const mark = ++this.stampNow;
    for (const y of ads) {
      if (this.adStamp[y] === mark) continue;
      this.adStamp[y] = mark;
      let best: PhotoPair | undefined;
      for (const o of this.occurrencesIn(y, r))
        for (const f of firstOcc) {
          const candidate: PhotoPair = {
            a: firstId,
            b: this.adIds[y]!,
            photoA: this.shas[this.occSha[f]!]!,
            photoB: this.shas[this.occSha[o]!]!,
            distance: this.nodeDistance(this.occNode[f]!, this.occNode[o]!),
            hub: true,
          };
          if (!best || betterPhotoPair(candidate, best)) best = candidate;
        }
      const old = star.get(y);
      if (!best || samePair(old, best)) continue;
      if (old) this.withdraw(first, y, old);
      this.contribute(first, y, best);
      star.set(y, best);
    }
  }

  /** Occurrences of ad `x` on the nodes of cluster `r`. */
  private occurrencesIn(x: number, r: number): number[] {
    const out: number[] = [];
    for (let o = this.adOcc[x]!; o !== NONE; o = this.occNextInAd[o]!)
      if (this.nodeCluster[this.occNode[o]!] === r) out.push(o);
    return out;
  }

  /** Cluster `r`'s pairs by the batch definition. */
  private recompute(r: number): void {
    const nodes = this.clusterNodes(r);
    const oAd = this.rAd;
    const oSha = this.rSha;
    const oNode = this.rNode;
    oAd.length = oSha.length = oNode.length = 0;
    // Occurrences grouped by node: node k's are [starts[k], starts[k + 1]).
    const starts: number[] = [];
    let known = false;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      this.nodeSlot[n] = k;
      starts.push(oAd.length);
      for (let o = this.nodeOcc[n]!; o !== NONE; o = this.occNextInNode[o]!) {
        oAd.push(this.occAd[o]!);
        oSha.push(this.occSha[o]!);
        oNode.push(n);
        if (this.shaKnown[this.occSha[o]!] === 1) known = true;
      }
    }
    starts.push(oAd.length);
    if (oAd.length === 0) return;

    let hub = known;
    if (!hub) {
      const mark = ++this.stampNow;
      let distinct = 0;
      for (const x of oAd)
        if (this.adStamp[x] !== mark) {
          this.adStamp[x] = mark;
          distinct++;
        }
      hub = distinct > this.hubAds;
      if (distinct < 2 && !hub) return;
    }

    const local = this.local;
    local.clear();
    if (hub) {
      // Each ad to the cluster's first ad (smallest id), by their closest photos in the cluster.
      let first = oAd[0]!;
      for (const x of oAd) if (this.adIds[x]! < this.adIds[first]!) first = x;
      const firstOcc: number[] = [];
      for (let i = 0; i < oAd.length; i++) if (oAd[i] === first) firstOcc.push(i);
      for (let i = 0; i < oAd.length; i++) {
        if (oAd[i] === first) continue;
        for (const f of firstOcc)
          this.consider(f, i, this.nodeDistance(oNode[f]!, oNode[i]!), true);
      }
      const star = new Map<number, PhotoPair>();
      for (const [key, pair] of local) {
        const x = Math.floor(key / KEY_BASE);
        const y = key - x * KEY_BASE;
        star.set(x === first ? y : x, pair);
        this.contribute(x, y, pair);
      }
      local.clear();
      this.hubFirst[r] = first;
      this.star[r] = star;
      return;
    }

    // Every occurrence pair within a node, and across each near pair of nodes.
    for (let k = 0; k < nodes.length; k++)
      for (let i = starts[k]!; i < starts[k + 1]!; i++)
        for (let j = i + 1; j < starts[k + 1]!; j++) this.consider(i, j, 0, false);
    if (nodes.length > 1) {
      const mark = ++this.stampNow;
      for (const n of nodes) this.nodeStamp[n] = mark;
      for (let k = 0; k < nodes.length; k++)
        this.forEachNearIn(nodes[k]!, nodes, mark, (m, d) => {
          const l = this.nodeSlot[m]!;
          if (l <= k) return;
          for (let i = starts[k]!; i < starts[k + 1]!; i++)
            for (let j = starts[l]!; j < starts[l + 1]!; j++) this.consider(i, j, d, false);
        });
    }
    if (local.size === 0) return;
    const pairs: PhotoPair[] = [];
    for (const [key, pair] of local) {
      const x = Math.floor(key / KEY_BASE);
      pairs.push(pair);
      this.contribute(x, key - x * KEY_BASE, pair);
    }
    local.clear();
    this.direct[r] = pairs;
  }

  private nodeDistance(m: number, n: number): number {
    if (m === n) return 0;
    const i = this.nodeIndex[m]!;
    const j = this.nodeIndex[n]!;
    return i !== NONE && j !== NONE ? this.index.distanceOf(i, j) : Infinity;
  }

  /** Occurrences i and j (of the cluster being recomputed) as a candidate pair. */
  private consider(i: number, j: number, distance: number, hub: boolean): void {
    let x = this.rAd[i]!;
    let y = this.rAd[j]!;
    if (x === y) return;
    let sx = this.rSha[i]!;
    let sy = this.rSha[j]!;
    if (this.adIds[x]! > this.adIds[y]!) {
      [x, y] = [y, x];
      [sx, sy] = [sy, sx];
    }
    const candidate: PhotoPair = {
      a: this.adIds[x]!,
      b: this.adIds[y]!,
      photoA: this.shas[sx]!,
      photoB: this.shas[sy]!,
      distance,
      hub,
    };
    const key = x < y ? x * KEY_BASE + y : y * KEY_BASE + x;
    const current = this.local.get(key);
    if (!current || betterPhotoPair(candidate, current)) this.local.set(key, candidate);
  }

  /** Records the pair of ads x and y as it stands before this upsert, once. */
  private snapshot(x: number, y: number): void {
    if (this.fresh) return;
    const key = x < y ? x * KEY_BASE + y : y * KEY_BASE + x;
    if (this.before.has(key)) return;
    const c = x < y ? this.candidates.get(x, y) : this.candidates.get(y, x);
    this.before.set(key, c === undefined ? undefined : bestOf(c));
  }

  private contribute(x: number, y: number, pair: PhotoPair): void {
    if (x > y) [x, y] = [y, x];
    this.snapshot(x, y);
    const c = this.candidates.get(x, y);
    if (c === undefined) this.candidates.set(x, y, pair);
    else if (Array.isArray(c)) c.push(pair);
    else this.candidates.set(x, y, [c, pair]);
  }

  private withdraw(x: number, y: number, pair: PhotoPair): void {
    if (x > y) [x, y] = [y, x];
    this.snapshot(x, y);
    const c = this.candidates.get(x, y);
    if (c === pair) this.candidates.delete(x, y);
    else if (Array.isArray(c)) {
      c.splice(c.indexOf(pair), 1);
      if (c.length === 1) this.candidates.set(x, y, c[0]!);
    }
  }
}
