import {
  DocSketch,
  IntSet,
  MinHasher,
  Shingler,
  TOKEN_CAPITAL,
  TOKEN_LOWER,
  TOKEN_MASKABLE,
  Tokeniser,
  WordCounts,
  cell1,
  docFreqCap,
  fmix,
  jaccardAtLeast,
  lshPairs,
  resolveTemplateOptions,
  sketchWidth,
  sortByKey,
  type ResolvedTemplateOptions,
  type TemplateAd,
  type TemplateOptions,
  type TemplatePair,
} from './templates.js';

/**
 * Template linking kept up to date as ads come in: after any sequence of upserts, `pairs()` is
 * exactly what templatePairs gives over the current text of every ad, in the order the ads were
 * first added. An upsert costs what the new and changed ads touch, not the size of the index.
 *
 * Every rule of templatePairs that depends on the whole corpus is followed exactly:
 *  - Proper nouns (a word capitalised inside sentences more than twice as often as in lower case
 *    is masked everywhere): exact counts per word. When an upsert flips a word, the ads holding
 *    it where it is maskable (found by a scan over the stored tokens, only when some ad outside
 *    the upsert holds it: counted per word) are normalised again.
 *  - Common shingles (document frequency over the cap): the same count-min sketch as the batch,
 *    updated per ad. A shingle changes status only where one of its cells crosses the cap; then
 *    one scan over the stored shingle sets finds the ads holding such shingles. The cap itself is
 *    a step function of the number of ads (docCountStep, 8 steps per doubling) and the sketch
 *    width one of the same steps: when either changes, every ad's shingles are re-checked (a scan
 *    of the sets, tens of ms per million ads; only ads whose informative set changes are redone).
 *  - Too few informative shingles (`minShingles`): an ad enters or leaves the buckets.
 *  - Hub buckets (over `maxBucket` ads; representatives are their first ads by first insertion):
 *    when a bucket crosses the size or its representatives change, the pairs of its members are
 *    re-evaluated by the definition: a pair exists when the two ads share a bucket that is
 *    ordinary or that one of them represents, and their Jaccard similarity reaches the threshold;
 *    it is a hub pair when they share no ordinary bucket.
 * An upsert that changes more than an eighth of the ads (the first large batch, or a cap step
 * that moves much text) is recomputed in bulk with the batch's own search (radix-sorted band
 * keys), and the result compared with the pairs held.
 *
 * Memory, per ad: its tokens (5 bytes each) and shingle set (4 bytes each), 24 band keys and the
 * buckets' sorted copy (12 bytes per band), a few counters; plus the pairs (~40 bytes each). At a
 * million ads of 40–80 words (2M pairs) about 1.2 GB, built in about 28 s (the batch: 18 s); an
 * upsert of 1,000 new ads then takes ~50 ms. Limit: 2^26 ads (a pair is keyed by both positions
 * in one double).
 */

const PAIR_KEY = 2 ** 26;

/** A pair's similarity and hub flag. */
interface PairState {
  sim: number;
  hub: boolean;
}

/**
 * Pairs of ads (lo < hi, ad indices) with similarity and hub flag: a hash table for lookups and a
 * doubly linked list per ad for its pairs, all in typed arrays (millions of pairs at 1M ads).
 */
class PairStore {
  lo = new Int32Array(16);
  hi = new Int32Array(16);
  sim = new Float64Array(16);
  hub = new Uint8Array(16);
  /** Links in the list of lo[e] (…Lo) and of hi[e] (…Hi). */
  private nextLo = new Int32Array(16);
  private prevLo = new Int32Array(16);
  private nextHi = new Int32Array(16);
  private prevHi = new Int32Array(16);
  head = new Int32Array(0);
  /** Slots hold entry + 1 (0: empty). */
  private table = new Int32Array(32);
  private mask = 31;
  count = 0;
  /** Entries [0, top) have been used; freed ones are chained through nextLo. */
  top = 0;
  private free = -1;

  constructor(ads: number, pairs = 16) {
    this.ensureAds(ads);
    this.ensureEntries(pairs);
  }

  ensureAds(n: number): void {
    if (n <= this.head.length) return;
    const head = new Int32Array(n).fill(-1);
    head.set(this.head);
    this.head = head;
  }

  private ensureEntries(n: number): void {
    if (n > this.lo.length) {
      const size = Math.max(n, Math.ceil(this.lo.length * 1.5));
      const grow = <T extends Int32Array | Float64Array | Uint8Array>(
        a: T,
        make: (n: number) => T,
      ) => {
        const b = make(size);
        b.set(a);
        return b;
      };
      const i32 = (k: number) => new Int32Array(k);
      this.lo = grow(this.lo, i32);
      this.hi = grow(this.hi, i32);
      this.sim = grow(this.sim, (k) => new Float64Array(k));
      this.hub = grow(this.hub, (k) => new Uint8Array(k));
      this.nextLo = grow(this.nextLo, i32);
      this.prevLo = grow(this.prevLo, i32);
      this.nextHi = grow(this.nextHi, i32);
      this.prevHi = grow(this.prevHi, i32);
    }
    if (n * 2 > this.table.length) {
      let cap = this.table.length;
      while (n * 2 > cap) cap *= 2;
      this.table = new Int32Array(cap);
      this.mask = cap - 1;
      for (let e = 0; e < this.top; e++) {
        if (this.lo[e]! < 0) continue;
        let i = this.home(this.lo[e]!, this.hi[e]!);
        while (this.table[i] !== 0) i = (i + 1) & this.mask;
        this.table[i] = e + 1;
      }
    }
  }

  private home(lo: number, hi: number): number {
    return fmix(Math.imul(lo, 0x9e3779b1) ^ hi) & this.mask;
  }

  find(lo: number, hi: number): number {
    const { table, mask } = this;
    for (let i = this.home(lo, hi); table[i] !== 0; i = (i + 1) & mask) {
      const e = table[i]! - 1;
      if (this.lo[e] === lo && this.hi[e] === hi) return e;
    }
    return -1;
  }

  /** The next pair of ad x after entry e. */
  next(e: number, x: number): number {
    return this.lo[e] === x ? this.nextLo[e]! : this.nextHi[e]!;
  }

  set(lo: number, hi: number, sim: number, hub: boolean): void {
    let e = this.find(lo, hi);
    if (e < 0) {
      this.ensureEntries(this.count + 1);
      if (this.free >= 0) {
        e = this.free;
        this.free = this.nextLo[e]!;
      } else e = this.top++;
      this.lo[e] = lo;
      this.hi[e] = hi;
      let i = this.home(lo, hi);
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = e + 1;
      this.link(e, lo, true);
      this.link(e, hi, false);
      this.count++;
    }
    this.sim[e] = sim;
    this.hub[e] = hub ? 1 : 0;
  }

  private link(e: number, x: number, asLo: boolean): void {
    const first = this.head[x]!;
    if (asLo) {
      this.nextLo[e] = first;
      this.prevLo[e] = -1;
    } else {
      this.nextHi[e] = first;
      this.prevHi[e] = -1;
    }
    if (first >= 0) {
      if (this.lo[first] === x) this.prevLo[first] = e;
      else this.prevHi[first] = e;
    }
    this.head[x] = e;
  }

  private unlink(e: number, x: number): void {
    const asLo = this.lo[e] === x;
    const prev = asLo ? this.prevLo[e]! : this.prevHi[e]!;
    const next = asLo ? this.nextLo[e]! : this.nextHi[e]!;
    if (prev < 0) this.head[x] = next;
    else if (this.lo[prev] === x) this.nextLo[prev] = next;
    else this.nextHi[prev] = next;
    if (next >= 0) {
      if (this.lo[next] === x) this.prevLo[next] = prev;
      else this.prevHi[next] = prev;
    }
  }

  delete(e: number): void {
    const lo = this.lo[e]!;
    const hi = this.hi[e]!;
    this.unlink(e, lo);
    this.unlink(e, hi);
    const { table, mask } = this;
    let i = this.home(lo, hi);
    while (table[i] !== e + 1) i = (i + 1) & mask;
    // Backward shift: move later entries of the probe run into the hole where they may go.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const f = table[j]!;
      if (f === 0) break;
      const h = this.home(this.lo[f - 1]!, this.hi[f - 1]!);
      if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
        table[i] = f;
        i = j;
      }
    }
    table[i] = 0;
    this.lo[e] = -1;
    this.nextLo[e] = this.free;
    this.free = e;
    this.count--;
  }
}

/**
 * LSH buckets that change: (band, key) → ads, for the ads not in the sorted copy of the buckets
 * (see TemplateIndex.inStatic). Chained hashing in typed arrays.
 */
class BucketDelta {
  private band = new Uint8Array(16);
  private key = new Int32Array(16);
  private ad = new Int32Array(16);
  private next = new Int32Array(16);
  private heads = new Int32Array(32).fill(-1);
  private mask = 31;
  private top = 0;
  private free = -1;
  count = 0;

  private home(b: number, k: number): number {
    return fmix(k ^ Math.imul(b + 1, 0x9e3779b1)) & this.mask;
  }

  add(b: number, k: number, ad: number): void {
    if ((this.count + 1) * 2 > this.heads.length) this.rehash(this.heads.length * 2);
    let e = this.free;
    if (e >= 0) this.free = this.next[e]!;
    else {
      if (this.top === this.ad.length) {
        const size = this.top * 2;
        const grow = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
        this.band = grow(this.band, new Uint8Array(size));
        this.key = grow(this.key, new Int32Array(size));
        this.ad = grow(this.ad, new Int32Array(size));
        this.next = grow(this.next, new Int32Array(size));
      }
      e = this.top++;
    }
    this.band[e] = b;
    this.key[e] = k;
    this.ad[e] = ad;
    const h = this.home(b, k);
    this.next[e] = this.heads[h]!;
    this.heads[h] = e;
    this.count++;
  }

  remove(b: number, k: number, ad: number): void {
    const h = this.home(b, k);
    let prev = -1;
    for (let e = this.heads[h]!; e >= 0; prev = e, e = this.next[e]!) {
      if (this.ad[e] !== ad || this.key[e] !== k || this.band[e] !== b) continue;
      if (prev < 0) this.heads[h] = this.next[e]!;
      else this.next[prev] = this.next[e]!;
      this.next[e] = this.free;
      this.free = e;
      this.count--;
      return;
    }
    throw new Error(`TemplateIndex: bucket entry of ad ${ad} missing`);
  }

  /** Appends the ads in bucket (b, k) to `out`. */
  collect(b: number, k: number, out: number[]): void {
    for (let e = this.heads[this.home(b, k)]!; e >= 0; e = this.next[e]!) {
      if (this.key[e] === k && this.band[e] === b) out.push(this.ad[e]!);
    }
  }

  countOf(b: number, k: number): number {
    let count = 0;
    for (let e = this.heads[this.home(b, k)]!; e >= 0; e = this.next[e]!) {
      if (this.key[e] === k && this.band[e] === b) count++;
    }
    return count;
  }

  clear(): void {
    this.heads.fill(-1);
    this.top = 0;
    this.free = -1;
    this.count = 0;
  }

  private rehash(cap: number): void {
    this.heads = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    const live = new Uint8Array(this.top).fill(1);
    for (let e = this.free; e >= 0; e = this.next[e]!) live[e] = 0;
    for (let e = 0; e < this.top; e++) {
      if (live[e] === 0) continue;
      const h = this.home(this.band[e]!, this.key[e]!);
      this.next[e] = this.heads[h]!;
      this.heads[h] = e;
    }
    // The free list went through `next`, now overwritten: rebuild it.
    this.free = -1;
    for (let e = 0; e < this.top; e++) {
      if (live[e] === 1) continue;
      this.next[e] = this.free;
      this.free = e;
    }
  }
}

/** A bucket during one upsert: its members (after the upsert) in first-insertion order. */
interface Bucket {
  members: number[];
}

/** A bucket the dirty ads of an upsert joined or left. */
interface Touch {
  b: number;
  k: number;
  joined: number[];
  left: number[];
}

/** The ads whose informative set (or linked flag) changed in an upsert. */
interface Dirty {
  ads: number[];
  wasLinked: number[];
}

/**
 * The sketch before an upsert: the old sketch (when the width or cap stepped), or the current one
 * with the cells whose "over the cap" bit flipped (row 0: cell; row 1: width + cell). Only that
 * bit matters for a shingle's status, and within a fixed cap it flips only when a count passes
 * the cap: an upsert notes those passes instead of every cell it touches.
 */
interface OldSketch {
  sketch: DocSketch;
  cap: number;
  flipped: Set<number> | null;
}

/** Growable per-ad typed arrays (the ad's position is its first-insertion order). */
function grown<T extends Int32Array | Uint8Array>(a: T, size: number, make: (n: number) => T): T {
  if (size <= a.length) return a;
  const b = make(size);
  b.set(a);
  return b;
}

/** What the last upsert did: for logs, benchmarks and tests. */
export interface TemplateIndexStats {
  /** Ads in the upsert (new or replaced; the last version of each id counts). */
  ads: number;
  /** Of those, new ads. */
  added: number;
  /** Other ads normalised again because a word became or stopped being a proper noun. */
  renormalised: number;
  /** Other ads whose shingles changed status (common or informative). */
  refrequenced: number;
  /** Whether the frequency cap or the sketch width stepped (every ad re-checked). */
  capStep: boolean;
  /** Ads whose informative set changed: their buckets and pairs were redone. */
  dirty: number;
  /** Buckets that became or stopped being hubs, or changed representatives. */
  hubChanges: number;
  /** Whether buckets and pairs were recomputed in bulk. */
  bulk: boolean;
}

export interface TemplateIndexTuning {
  /**
   * An upsert that changes more than this share of the ads is recomputed in bulk. Default 1/8;
   * tests set it to force one path or the other.
   */
  bulkShare?: number;
}

const NO_STATS: TemplateIndexStats = {
  ads: 0,
  added: 0,
  renormalised: 0,
  refrequenced: 0,
  capStep: false,
  dirty: 0,
  hubChanges: 0,
  bulk: false,
};

export class TemplateIndex {
  private readonly o: ResolvedTemplateOptions;
  private readonly bulkShare: number;
  private readonly B: number;
  private readonly tokeniser: Tokeniser;
  private readonly shingler: Shingler;
  private readonly hasher: MinHasher;

  // Ads, by position (first insertion).
  private ids: string[] = [];
  private byId = new Map<string, number>();
  private n = 0;
  private tokFrom = new Int32Array(0);
  /** -1 until the ad has tokens. */
  private tokLen = new Int32Array(0);
  /** Shingle set: `shInfo` informative shingles (sorted) first, then the common ones (sorted). */
  private shFrom = new Int32Array(0);
  private shLen = new Int32Array(0);
  private shInfo = new Int32Array(0);
  private linked = new Uint8Array(0);
  /** Band keys, `B` per ad; meaningful while the ad is linked. */
  private keys = new Int32Array(0);
  /** Upsert in which the ad's informative set is redone / its buckets and pairs are. */
  private redo = new Int32Array(0);
  private dirty = new Int32Array(0);
  /** Candidate dedup per enumerating ad. */
  private seen = new Int32Array(0);
  private seenStamp = 0;
  private epoch = 0;

  // Arenas: ads' tokens and shingle sets; a changed ad gets a new range, the old one is garbage.
  private tokVals = new Int32Array(1024);
  private tokFlags = new Uint8Array(1024);
  private tokUsed = 0;
  private tokLive = 0;
  private shVals = new Int32Array(1024);
  private shUsed = 0;
  private shLive = 0;
  private mergeBuf = new Int32Array(256);
  private commonBuf = new Int32Array(256);
  private oldBuf = new Int32Array(256);

  private readonly words = new WordCounts();
  private readonly proper = new IntSet();
  private sketch: DocSketch;
  private cap: number;

  // Buckets: a sorted copy per band (keys unsigned, ads ascending within a key, and where each
  // top-16-bit prefix starts), made in bulk, plus a delta for what moved since. A copied entry
  // counts while its ad is linked and still has that key in that band; the delta holds the
  // entries the copy lacks.
  private staticKeys: Uint32Array[] = [];
  private staticAds: Int32Array[] = [];
  private staticDir: Int32Array[] = [];
  /** Ads [0, staticN) were there when the copy was made. */
  private staticN = 0;
  private staticSize = 0;
  private readonly delta = new BucketDelta();
  private buckets = new Map<number, Bucket>();

  private store = new PairStore(0);
  /** Pairs as they were before this upsert changed them (null: absent). */
  private journal = new Map<number, PairState | null>();
  private last: TemplateIndexStats = { ...NO_STATS };

  constructor(opts: TemplateOptions = {}, tuning: TemplateIndexTuning = {}) {
    this.o = resolveTemplateOptions(opts);
    this.bulkShare = tuning.bulkShare ?? 1 / 8;
    this.B = this.o.bands;
    if (this.B > 255) throw new Error('TemplateIndex: at most 255 bands');
    this.tokeniser = new Tokeniser(this.o.emoji);
    this.shingler = new Shingler(this.o.shingleSize);
    this.hasher = new MinHasher(this.o.bands, this.o.rows, this.o.seed);
    this.sketch = new DocSketch(sketchWidth(0));
    this.cap = docFreqCap(this.o, 0);
  }

  /** What the last upsert did. */
  get lastStats(): TemplateIndexStats {
    return this.last;
  }

  /** Number of ads held. */
  get size(): number {
    return this.n;
  }

  /** Every current pair, sorted by (a, b). */
  pairs(): TemplatePair[] {
    const s = this.store;
    const out: TemplatePair[] = [];
    for (let e = 0; e < s.top; e++) {
      if (s.lo[e]! < 0) continue;
      out.push(this.toPair(s.lo[e]!, s.hi[e]!, s.sim[e]!, s.hub[e] === 1));
    }
    return out.sort((p, q) =>
      p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0,
    );
  }

  /**
   * Adds new ads, or replaces the text/names of ads already known (by id). Returns what changed:
   * pairs gone and pairs new, a pair whose similarity or hub flag changed in both (old and new);
   * each list in order of the ads' first insertion.
   */
  upsert(ads: readonly TemplateAd[]): { added: TemplatePair[]; removed: TemplatePair[] } {
    const latest = new Map<string, TemplateAd>();
    for (const ad of ads) latest.set(ad.id, ad);
    const stats: TemplateIndexStats = { ...NO_STATS, ads: latest.size };
    this.last = stats;
    if (latest.size === 0) return { added: [], removed: [] };
    const epoch = ++this.epoch;
    const n0 = this.n;

    // New ads go after the others, in order of first appearance.
    const changed: number[] = [];
    for (const id of latest.keys()) {
      let i = this.byId.get(id);
      if (i === undefined) {
        i = this.n++;
        this.byId.set(id, i);
        this.ids.push(id);
      }
      changed.push(i);
    }
    if (this.n > PAIR_KEY) throw new Error(`TemplateIndex: more than ${PAIR_KEY} ads`);
    this.ensureAds(this.n);
    stats.added = this.n - n0;

    // Tokens and word counts, then the ads to normalise again for proper nouns that flipped.
    const touched: number[] = [];
    this.retokenise([...latest.values()], changed, epoch, touched);
    const renormalised = this.flipProperNouns(changed, touched, epoch);
    stats.renormalised = renormalised.length;

    // New shingle sets; the old ones stay in the arena until the end of the upsert.
    const redone = changed.concat(renormalised);
    const r = redone.length;
    const oldFrom = new Int32Array(r);
    const oldLen = new Int32Array(r);
    const oldInfo = new Int32Array(r);
    for (let c = 0; c < r; c++) {
      const i = redone[c]!;
      oldFrom[c] = this.shFrom[i]!;
      oldLen[c] = this.shLen[i]!;
      oldInfo[c] = this.shInfo[i]!;
    }
    this.reshingle(redone);

    // Document frequency: other ads whose informative set may change.
    const affected = this.updateFrequencies(redone, oldFrom, oldLen, epoch);
    stats.refrequenced = affected.length;

    // Informative sets; the ads whose set changed are dirty.
    const dirty = this.partitionAll(redone, oldFrom, oldLen, oldInfo, affected, epoch);
    stats.dirty = dirty.ads.length;

    this.journal = new Map();
    let result: { added: TemplatePair[]; removed: TemplatePair[] };
    if (dirty.ads.length > 0 && dirty.ads.length > this.bulkShare * this.n) {
      stats.bulk = true;
      this.rekey(dirty.ads);
      result = this.rebuild();
    } else {
      const B = this.B;
      const oldKeys = new Int32Array(dirty.ads.length * B);
      dirty.ads.forEach((i, d) => oldKeys.set(this.keys.subarray(i * B, i * B + B), d * B));
      this.rekey(dirty.ads);
      this.updateBuckets(dirty, oldKeys, epoch);
      result = this.changes();
      if (this.delta.count > Math.max(1 << 10, this.staticSize / 8)) this.rebuildStatic();
    }
    this.journal = new Map();
    this.buckets = new Map();
    this.compact();
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Words
  // -------------------------------------------------------------------------------------------

  /** Takes the old texts' tokens out of the word counts, tokenises and counts the new texts. */
  private retokenise(
    ads: readonly TemplateAd[],
    changed: readonly number[],
    epoch: number,
    touched: number[],
  ): void {
    let chars = 0;
    for (let c = 0; c < changed.length; c++) {
      const i = changed[c]!;
      this.redo[i] = epoch;
      chars += ads[c]!.text.length;
      const len = this.tokLen[i]!;
      if (len < 0) continue;
      this.countWords(this.tokFrom[i]!, this.tokFrom[i]! + len, -1, touched);
      this.tokLive -= len;
    }
    // About a token per five characters (grown if the texts say otherwise).
    this.reserveTokens(Math.ceil(chars / 5));
    const tok = this.tokeniser;
    for (let c = 0; c < changed.length; c++) {
      const i = changed[c]!;
      const count = tok.read(ads[c]!.text, ads[c]!.names);
      this.reserveTokens(count);
      const at = this.tokUsed;
      this.tokVals.set(tok.vals.subarray(0, count), at);
      this.tokFlags.set(tok.flags.subarray(0, count), at);
      this.tokFrom[i] = at;
      this.tokLen[i] = count;
      this.tokUsed += count;
      this.tokLive += count;
      this.countWords(at, at + count, 1, touched);
    }
  }

  /** Adds or removes the uses and maskable occurrences in tokens [from, to). */
  private countWords(from: number, to: number, sign: number, touched: number[]): void {
    const w = this.words;
    const vals = this.tokVals;
    const flags = this.tokFlags;
    const epoch = this.epoch;
    for (let t = from; t < to; t++) {
      const f = flags[t]!;
      if ((f & (TOKEN_LOWER | TOKEN_CAPITAL | TOKEN_MASKABLE)) === 0) continue;
      const h = vals[t]!;
      const s = w.slot(h, true);
      if (w.stamp[s] !== epoch) {
        w.stamp[s] = epoch;
        w.wasProper[s] = w.isProper(s) ? 1 : 0;
        touched.push(h);
      }
      if ((f & TOKEN_LOWER) !== 0) w.lower[s]! += sign;
      else if ((f & TOKEN_CAPITAL) !== 0) w.capital[s]! += sign;
      if ((f & TOKEN_MASKABLE) !== 0) w.maskable[s]! += sign;
    }
  }

  /**
   * Updates the proper nouns; returns the ads outside this upsert that hold a word that flipped
   * where it is maskable (they are normalised again). A scan of all tokens, only when some ad
   * outside the upsert holds such a word (maskable counts say so).
   */
  private flipProperNouns(changed: readonly number[], touched: number[], epoch: number): number[] {
    const w = this.words;
    const flipped = new IntSet();
    for (const h of touched) {
      const s = w.slot(h, false);
      const now = w.isProper(s);
      if (now === (w.wasProper[s] === 1)) continue;
      if (now) this.proper.add(h);
      else this.proper.delete(h);
      flipped.add(h);
    }
    const out: number[] = [];
    if (flipped.size === 0 || changed.length === this.n) return out;
    // Maskable occurrences outside the upsert: all of them minus those in the new texts.
    const inNew = new Map<number, number>();
    for (const i of changed) {
      const from = this.tokFrom[i]!;
      for (let t = from; t < from + this.tokLen[i]!; t++) {
        const h = this.tokVals[t]!;
        if ((this.tokFlags[t]! & TOKEN_MASKABLE) !== 0 && flipped.has(h))
          inNew.set(h, (inNew.get(h) ?? 0) + 1);
      }
    }
    let held = false;
    for (const h of touched) {
      if (!flipped.has(h)) continue;
      if (w.maskable[w.slot(h, false)]! > (inNew.get(h) ?? 0)) held = true;
    }
    if (!held) return out;
    const { tokVals, tokFlags, tokFrom, tokLen, redo } = this;
    for (let i = 0; i < this.n; i++) {
      if (redo[i] === epoch) continue;
      const from = tokFrom[i]!;
      const to = from + tokLen[i]!;
      for (let t = from; t < to; t++) {
        if ((tokFlags[t]! & TOKEN_MASKABLE) !== 0 && flipped.has(tokVals[t]!)) {
          redo[i] = epoch;
          out.push(i);
          break;
        }
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Shingles and document frequency
  // -------------------------------------------------------------------------------------------

  /** New shingle sets (all in the informative part until `partition`) for the ads redone. */
  private reshingle(redone: readonly number[]): void {
    let reserve = 0;
    for (const i of redone) reserve += this.tokLen[i]!;
    this.reserveShingles(reserve);
    for (const i of redone) {
      const from = this.tokFrom[i]!;
      const at = this.shUsed;
      const len = this.shingler.read(
        this.tokVals,
        this.tokFlags,
        from,
        from + this.tokLen[i]!,
        this.proper,
        this.shVals,
        at,
      );
      this.shLive += len - Math.max(0, this.shLen[i]!);
      this.shFrom[i] = at;
      this.shLen[i] = len;
      this.shInfo[i] = len;
      this.shUsed += len;
    }
  }

  /**
   * Moves the redone ads' sets in the sketch (old out, new in) and steps cap and width with n;
   * returns the other ads whose informative set may have changed.
   */
  private updateFrequencies(
    redone: readonly number[],
    oldFrom: Int32Array,
    oldLen: Int32Array,
    epoch: number,
  ): number[] {
    const cap = docFreqCap(this.o, this.n);
    const width = sketchWidth(this.n);
    const step = cap !== this.cap || width !== this.sketch.width;
    this.last.capStep = step;
    const old: OldSketch = { sketch: this.sketch, cap: this.cap, flipped: null };
    if (width !== this.sketch.width) {
      // Every cell moves: count all ads again in a new sketch; the old one says what was.
      const sketch = new DocSketch(width);
      for (let i = 0; i < this.n; i++)
        sketch.add(this.shVals, this.shFrom[i]!, this.shFrom[i]! + this.shLen[i]!, 1);
      this.sketch = sketch;
    } else {
      if (step) {
        old.sketch = new DocSketch(width);
        old.sketch.row0.set(this.sketch.row0);
        old.sketch.row1.set(this.sketch.row1);
      }
      // Passes of the cap, counted per cell: an odd count flipped the cell's bit.
      const passes = new Map<number, number>();
      for (let c = 0; c < redone.length; c++) {
        if (oldLen[c]! > 0) this.move(oldFrom[c]!, oldFrom[c]! + oldLen[c]!, -1, cap, passes);
        const i = redone[c]!;
        this.move(this.shFrom[i]!, this.shFrom[i]! + this.shLen[i]!, 1, cap, passes);
      }
      if (!step) {
        old.flipped = new Set();
        for (const [cell, count] of passes) if (count % 2 === 1) old.flipped.add(cell);
      }
    }
    this.cap = cap;
    const out: number[] = [];
    if (step || old.flipped!.size > 0) this.scanShingles(old, epoch, out);
    return out;
  }

  /** Counts (sign 1) or uncounts (-1) a set in the sketch, noting the cells that pass `cap`. */
  private move(from: number, to: number, sign: number, cap: number, passes: Map<number, number>) {
    const { row0, row1, mask, width } = this.sketch;
    const v = this.shVals;
    // Adding passes the cap going from cap to cap + 1, removing going from cap + 1 to cap.
    const at = sign > 0 ? cap : cap + 1;
    for (let k = from; k < to; k++) {
      const h = v[k]!;
      const c0 = h & mask;
      const c1 = cell1(h, mask);
      if (row0[c0] === at) passes.set(c0, (passes.get(c0) ?? 0) + 1);
      if (row1[c1] === at) passes.set(width + c1, (passes.get(width + c1) ?? 0) + 1);
      row0[c0]! += sign;
      row1[c1]! += sign;
    }
  }

  /** The ads not redone in this upsert with a shingle whose common/informative status changed. */
  private scanShingles(old: OldSketch, epoch: number, out: number[]): void {
    const nw = this.sketch;
    const cap = this.cap;
    const os = old.sketch;
    const f = old.flipped;
    const ow = os.width;
    const over0 = (c: number) => os.row0[c]! > old.cap !== (f !== null && f.has(c));
    const over1 = (c: number) => os.row1[c]! > old.cap !== (f !== null && f.has(ow + c));
    // A shingle is common only where both its cells exceed the cap: a bit per row-0 cell that
    // exceeds it before or after lets through the few shingles worth a closer look.
    const bits = new Uint32Array((ow + 31) >>> 5);
    for (let c = 0; c < ow; c++) if (os.row0[c]! > old.cap) bits[c >>> 5]! |= 1 << (c & 31);
    if (f) for (const c of f) if (c < ow) bits[c >>> 5]! |= 1 << (c & 31);
    const nbits = ow === nw.width ? bits : new Uint32Array((nw.width + 31) >>> 5);
    for (let c = 0; c < nw.width; c++) if (nw.row0[c]! > cap) nbits[c >>> 5]! |= 1 << (c & 31);
    const { shVals, shFrom, shLen, redo } = this;
    const om = os.mask;
    const nm = nw.mask;
    for (let i = 0; i < this.n; i++) {
      if (redo[i] === epoch) continue;
      const from = shFrom[i]!;
      const to = from + shLen[i]!;
      for (let k = from; k < to; k++) {
        const h = shVals[k]!;
        const a = h & om;
        const b = h & nm;
        if ((bits[a >>> 5]! & (1 << (a & 31))) === 0 && (nbits[b >>> 5]! & (1 << (b & 31))) === 0)
          continue;
        const was = over0(a) && over1(cell1(h, om));
        const now = nw.row0[b]! > cap && nw.row1[cell1(h, nm)]! > cap;
        if (was !== now) {
          redo[i] = epoch;
          out.push(i);
          break;
        }
      }
    }
  }

  /**
   * Splits the sets of the redone and affected ads into informative and common parts; returns
   * the ads whose informative set or linked flag changed (marked dirty).
   */
  private partitionAll(
    redone: readonly number[],
    oldFrom: Int32Array,
    oldLen: Int32Array,
    oldInfo: Int32Array,
    affected: readonly number[],
    epoch: number,
  ): Dirty {
    const dirty: Dirty = { ads: [], wasLinked: [] };
    const r = redone.length;
    const min = this.o.minShingles;
    for (let c = 0; c < r + affected.length; c++) {
      const i = c < r ? redone[c]! : affected[c - r]!;
      const wasLinked = this.linked[i]!;
      // The old informative set: in the old range, or copied before the in-place split.
      let old: Int32Array | null = null;
      let at = 0;
      const len = c < r ? oldInfo[c]! : this.shInfo[i]!;
      if (c >= r) {
        if (this.oldBuf.length < len) this.oldBuf = new Int32Array(len * 2);
        this.oldBuf.set(this.shVals.subarray(this.shFrom[i]!, this.shFrom[i]! + len));
        old = this.oldBuf;
      } else if (oldLen[c]! >= 0) {
        old = this.shVals;
        at = oldFrom[c]!;
      }
      this.partition(i);
      const info = this.shInfo[i]!;
      if (old !== null && info === len && (info >= min ? 1 : 0) === wasLinked) {
        const v = this.shVals;
        const from = this.shFrom[i]!;
        let same = true;
        for (let k = 0; k < info && same; k++) same = old[at + k] === v[from + k];
        if (same) continue;
      }
      this.dirty[i] = epoch;
      dirty.ads.push(i);
      dirty.wasLinked.push(wasLinked);
    }
    return dirty;
  }

  /** Orders ad i's shingle set: informative shingles first, then common ones, each sorted. */
  private partition(i: number): void {
    const from = this.shFrom[i]!;
    const len = this.shLen[i]!;
    const info = this.shInfo[i]!;
    const v = this.shVals;
    if (this.mergeBuf.length < len) {
      this.mergeBuf = new Int32Array(len * 2);
      this.commonBuf = new Int32Array(len * 2);
    }
    // Merge the two sorted parts, then write the informative shingles back, the common after.
    const all = this.mergeBuf;
    let p = from;
    let q = from + info;
    const pe = q;
    const qe = from + len;
    let k = 0;
    while (p < pe && q < qe) all[k++] = v[p]! <= v[q]! ? v[p++]! : v[q++]!;
    while (p < pe) all[k++] = v[p++]!;
    while (q < qe) all[k++] = v[q++]!;
    const common = this.commonBuf;
    const { row0, row1, mask } = this.sketch;
    const cap = this.cap;
    let out = from;
    let nCommon = 0;
    for (let j = 0; j < len; j++) {
      const h = all[j]!;
      if (row0[h & mask]! > cap && row1[cell1(h, mask)]! > cap) common[nCommon++] = h;
      else v[out++] = h;
    }
    this.shInfo[i] = out - from;
    v.set(common.subarray(0, nCommon), out);
  }

  /** Linked flags and band keys of the dirty ads from their informative sets. */
  private rekey(ads: readonly number[]): void {
    const B = this.B;
    for (const i of ads) {
      const from = this.shFrom[i]!;
      const info = this.shInfo[i]!;
      const linked = info >= this.o.minShingles;
      this.linked[i] = linked ? 1 : 0;
      if (linked) this.hasher.keys(this.shVals, from, from + info, this.keys, i * B);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Buckets and pairs
  // -------------------------------------------------------------------------------------------

  private bucketId(b: number, k: number): number {
    return b * 4294967296 + (k >>> 0);
  }

  /** Where key u's run starts in band b's sorted copy (its length if absent). */
  private runStart(b: number, u: number): number {
    const keys = this.staticKeys[b]!;
    const dir = this.staticDir[b]!;
    let lo = dir[u >>> 16]!;
    let hi = dir[(u >>> 16) + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the sorted copy holds ad i under key k in band b. */
  private inStatic(b: number, k: number, i: number): boolean {
    if (i >= this.staticN || b >= this.staticKeys.length) return false;
    const keys = this.staticKeys[b]!;
    const ads = this.staticAds[b]!;
    const u = k >>> 0;
    let lo = this.runStart(b, u);
    let hi = lo;
    while (hi < keys.length && keys[hi] === u) hi++;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const a = ads[mid]!;
      if (a === i) return true;
      if (a < i) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** The current members of bucket (b, k), ascending. */
  private members(b: number, k: number): number[] {
    const out: number[] = [];
    const B = this.B;
    if (b < this.staticKeys.length) {
      const keys = this.staticKeys[b]!;
      const ads = this.staticAds[b]!;
      const u = k >>> 0;
      for (let p = this.runStart(b, u); p < keys.length && keys[p] === u; p++) {
        const a = ads[p]!;
        if (this.linked[a] === 1 && this.keys[a * B + b] === k) out.push(a);
      }
    }
    const copied = out.length;
    this.delta.collect(b, k, out);
    if (out.length > copied && copied > 0) out.sort((x, y) => x - y);
    else if (out.length > copied + 1) out.sort((x, y) => x - y);
    return out;
  }

  /** At least the size of bucket (b, k): entries under its key in the copy and the delta. */
  private sizeBound(b: number, k: number): number {
    let size = this.delta.countOf(b, k);
    if (b < this.staticKeys.length) {
      const keys = this.staticKeys[b]!;
      const u = k >>> 0;
      for (let p = this.runStart(b, u); p < keys.length && keys[p] === u; p++) size++;
    }
    return size;
  }

  /** Bucket (b, k) after this upsert's moves (cached for the upsert). */
  private bucket(b: number, k: number): Bucket {
    const id = this.bucketId(b, k);
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { members: this.members(b, k) };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  private isRep(members: readonly number[], x: number): boolean {
    const reps = Math.min(this.o.representatives, members.length);
    for (let r = 0; r < reps; r++) if (members[r] === x) return true;
    return false;
  }

  /**
   * Sets or removes pair (x, y) by the definition: the two share a bucket that is ordinary or
   * that one of them represents, and their similarity reaches the threshold; a hub pair when
   * they share no ordinary bucket.
   */
  private evaluate(x: number, y: number): void {
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    const B = this.B;
    const keys = this.keys;
    let exists = false;
    let ordinary = false;
    if (this.linked[lo] === 1 && this.linked[hi] === 1) {
      for (let b = 0; b < B; b++) {
        const k = keys[lo * B + b]!;
        if (k !== keys[hi * B + b]) continue;
        const members = this.bucket(b, k).members;
        if (members.length <= this.o.maxBucket) {
          exists = true;
          ordinary = true;
          break;
        }
        if (!exists && (this.isRep(members, lo) || this.isRep(members, hi))) exists = true;
      }
    }
    let sim = -1;
    if (exists) {
      const a = this.shFrom[lo]!;
      const c = this.shFrom[hi]!;
      const t = this.o.threshold;
      sim = jaccardAtLeast(this.shVals, a, a + this.shInfo[lo]!, c, c + this.shInfo[hi]!, t);
    }
    const store = this.store;
    const e = store.find(lo, hi);
    if (sim >= 0) {
      if (e >= 0 && store.sim[e] === sim && (store.hub[e] === 1) === !ordinary) return;
      this.record(lo, hi, e);
      store.set(lo, hi, sim, !ordinary);
    } else if (e >= 0) {
      this.record(lo, hi, e);
      store.delete(e);
    }
  }

  /** Notes a pair's state before this upsert first changes it. */
  private record(lo: number, hi: number, e: number): void {
    const key = lo * PAIR_KEY + hi;
    if (this.journal.has(key)) return;
    const s = this.store;
    this.journal.set(key, e < 0 ? null : { sim: s.sim[e]!, hub: s.hub[e] === 1 });
  }

  /** Moves the dirty ads in the buckets and decides every pair that may have changed. */
  private updateBuckets(dirty: Dirty, oldKeys: Int32Array, epoch: number): void {
    const B = this.B;
    const store = this.store;
    const { ads, wasLinked } = dirty;
    const maxBucket = this.o.maxBucket;
    const R = this.o.representatives;

    // The buckets the dirty ads leave and join.
    const touched = new Map<number, Touch>();
    const touch = (b: number, k: number): Touch => {
      const id = this.bucketId(b, k);
      let t = touched.get(id);
      if (!t) {
        t = { b, k, joined: [], left: [] };
        touched.set(id, t);
      }
      return t;
    };
    for (let d = 0; d < ads.length; d++) {
      const i = ads[d]!;
      const was = wasLinked[d] === 1;
      const now = this.linked[i] === 1;
      for (let b = 0; b < B; b++) {
        const ko = oldKeys[d * B + b]!;
        const kn = this.keys[i * B + b]!;
        if (was && now && ko === kn) continue;
        if (was) {
          touch(b, ko).left.push(i);
          if (!this.inStatic(b, ko, i)) this.delta.remove(b, ko, i);
        }
        if (now) {
          touch(b, kn).joined.push(i);
          if (!this.inStatic(b, kn, i)) this.delta.add(b, kn, i);
        }
      }
    }
    // Out with the dirty ads' pairs.
    for (const i of ads) {
      for (let e = store.head[i]!; e >= 0;) {
        const next = store.next(e, i);
        this.record(store.lo[e]!, store.hi[e]!, e);
        store.delete(e);
        e = next;
      }
    }
    this.buckets = new Map();
    const isDirty = (i: number) => this.dirty[i] === epoch;

    // The dirty ads' pairs, from their buckets (a pair of two dirty ads once).
    for (const x of ads) {
      if (this.linked[x] !== 1) continue;
      const stamp = ++this.seenStamp;
      this.seen[x] = stamp;
      for (let b = 0; b < B; b++) {
        const all = this.bucket(b, this.keys[x * B + b]!).members;
        const upto = all.length <= maxBucket || this.isRep(all, x) ? all.length : R;
        for (let p = 0; p < Math.min(upto, all.length); p++) {
          const y = all[p]!;
          if (this.seen[y] === stamp) continue;
          this.seen[y] = stamp;
          if (isDirty(y) && y < x) continue;
          this.evaluate(x, y);
        }
      }
    }

    // Buckets that became or stopped being hubs, or changed representatives: the pairs of
    // their other members are decided again.
    for (const t of touched.values()) {
      // A bucket only left (not joined) that was small cannot have been or become a hub.
      if (t.joined.length === 0 && this.sizeBound(t.b, t.k) + t.left.length <= maxBucket) continue;
      const now = this.bucket(t.b, t.k).members;
      const wasSize = now.length - t.joined.length + t.left.length;
      if (now.length <= maxBucket && wasSize <= maxBucket) continue;
      const joined = new Set(t.joined);
      const was = now
        .filter((i) => !joined.has(i))
        .concat(t.left)
        .sort((x, y) => x - y);
      const wasHub = wasSize > maxBucket;
      const isHub = now.length > maxBucket;
      const oldReps = was.slice(0, R);
      const newReps = now.slice(0, R);
      if (wasHub && isHub && oldReps.every((i, r) => newReps[r] === i)) continue;
      this.last.hubChanges++;
      const clean = now.filter((i) => !isDirty(i));
      if (!wasHub) {
        // Now a hub: pairs of non-representatives here may go, or lose their ordinary bucket.
        const here = new Set(clean);
        for (const y of clean) {
          for (let e = store.head[y]!; e >= 0;) {
            const next = store.next(e, y);
            const z = store.lo[e] === y ? store.hi[e]! : store.lo[e]!;
            if (z > y && here.has(z)) this.evaluate(y, z);
            e = next;
          }
        }
      } else if (!isHub) {
        // No longer a hub: every pair here is verified.
        for (let p = 0; p < clean.length; p++)
          for (let q = p + 1; q < clean.length; q++) this.evaluate(clean[p]!, clean[q]!);
      } else {
        // Other representatives: their pairs with every member are decided again.
        const moved = oldReps
          .filter((i) => !newReps.includes(i))
          .concat(newReps.filter((i) => !oldReps.includes(i)))
          .filter((i) => !isDirty(i) && now.includes(i));
        for (const r of moved) for (const z of clean) if (z !== r) this.evaluate(r, z);
      }
    }
  }

  /** What this upsert's journal says changed. */
  private changes(): { added: TemplatePair[]; removed: TemplatePair[] } {
    const store = this.store;
    const addedKeys: number[] = [];
    const removedKeys: number[] = [];
    for (const [key, was] of this.journal) {
      const lo = Math.floor(key / PAIR_KEY);
      const e = store.find(lo, key - lo * PAIR_KEY);
      if (was && e >= 0 && was.sim === store.sim[e] && was.hub === (store.hub[e] === 1)) continue;
      if (was) removedKeys.push(key);
      if (e >= 0) addedKeys.push(key);
    }
    const pair = (key: number, state: PairState) => {
      const lo = Math.floor(key / PAIR_KEY);
      return this.toPair(lo, key - lo * PAIR_KEY, state.sim, state.hub);
    };
    return {
      added: Float64Array.from(addedKeys)
        .sort()
        .reduce<TemplatePair[]>((out, key) => {
          const lo = Math.floor(key / PAIR_KEY);
          const e = store.find(lo, key - lo * PAIR_KEY);
          out.push(pair(key, { sim: store.sim[e]!, hub: store.hub[e] === 1 }));
          return out;
        }, []),
      removed: Float64Array.from(removedKeys)
        .sort()
        .reduce<TemplatePair[]>((out, key) => {
          out.push(pair(key, this.journal.get(key)!));
          return out;
        }, []),
    };
  }

  /** Recomputes buckets and pairs in bulk, with the batch's search, and compares. */
  private rebuild(): { added: TemplatePair[]; removed: TemplatePair[] } {
    const B = this.B;
    const linked = this.linkedAds();
    const m = linked.length;
    let keys: Int32Array;
    if (m === this.n) keys = this.keys.subarray(0, m * B);
    else {
      keys = new Int32Array(m * B);
      for (let x = 0; x < m; x++) {
        const i = linked[x]!;
        keys.set(this.keys.subarray(i * B, i * B + B), x * B);
      }
    }
    this.dropStatic();
    const v = this.shVals;
    const from = this.shFrom;
    const info = this.shInfo;
    const t = this.o.threshold;
    const found = lshPairs(
      keys,
      m,
      B,
      this.o.maxBucket,
      this.o.representatives,
      (x, y) => {
        const i = linked[x]!;
        const j = linked[y]!;
        return (
          jaccardAtLeast(v, from[i]!, from[i]! + info[i]!, from[j]!, from[j]! + info[j]!, t) >= 0
        );
      },
      (band, column, order) => this.copyBand(band, column, order, linked),
    );
    this.staticN = this.n;
    this.staticSize = m * B;

    const old = this.store;
    // Room for the pairs to come, so the next upserts do not copy the store.
    const store = new PairStore(this.tokFrom.length, Math.ceil(found.count * 1.25) + 16);
    for (let p = 0; p < found.count; p++) {
      const i = linked[found.lo[p]!]!;
      const j = linked[found.hi[p]!]!;
      const sim = jaccardAtLeast(
        v,
        from[i]!,
        from[i]! + info[i]!,
        from[j]!,
        from[j]! + info[j]!,
        0,
      );
      store.set(i, j, sim, found.hub[p] === 1);
    }
    this.store = store;
    // Entries of the new store are in (lo, hi) order already; the old one's may not be.
    const diff = (a: PairStore, b: PairStore, sort: boolean): TemplatePair[] => {
      const keysOut: number[] = [];
      for (let e = 0; e < a.top; e++) {
        const lo = a.lo[e]!;
        if (lo < 0) continue;
        const f = b.find(lo, a.hi[e]!);
        if (f >= 0 && b.sim[f] === a.sim[e] && b.hub[f] === a.hub[e]) continue;
        keysOut.push(lo * PAIR_KEY + a.hi[e]!);
      }
      const sorted = sort ? Float64Array.from(keysOut).sort() : keysOut;
      const out: TemplatePair[] = [];
      for (const key of sorted) {
        const lo = Math.floor(key / PAIR_KEY);
        const e = a.find(lo, key - lo * PAIR_KEY);
        out.push(this.toPair(lo, key - lo * PAIR_KEY, a.sim[e]!, a.hub[e] === 1));
      }
      return out;
    };
    return { added: diff(store, old, false), removed: diff(old, store, true) };
  }

  private linkedAds(): Int32Array {
    let m = 0;
    for (let i = 0; i < this.n; i++) m += this.linked[i]!;
    const out = new Int32Array(m);
    for (let i = 0, x = 0; i < this.n; i++) if (this.linked[i] === 1) out[x++] = i;
    return out;
  }

  private dropStatic(): void {
    this.staticKeys = [];
    this.staticAds = [];
    this.staticDir = [];
    this.delta.clear();
  }

  /** Keeps one band's sorted keys (see staticKeys). */
  private copyBand(band: number, column: Int32Array, order: Int32Array, linked: Int32Array): void {
    const m = order.length;
    const keys = new Uint32Array(m);
    const ads = new Int32Array(m);
    const dir = new Int32Array(0x10001);
    for (let p = 0; p < m; p++) {
      const x = order[p]!;
      const u = column[x]! >>> 0;
      keys[p] = u;
      ads[p] = linked[x]!;
      dir[(u >>> 16) + 1]!++;
    }
    for (let h = 0; h < 0x10000; h++) dir[h + 1]! += dir[h]!;
    this.staticKeys[band] = keys;
    this.staticAds[band] = ads;
    this.staticDir[band] = dir;
  }

  /** Sorts the buckets again (the delta grew): the same buckets, cheaper to read. */
  private rebuildStatic(): void {
    const B = this.B;
    const linked = this.linkedAds();
    const m = linked.length;
    this.dropStatic();
    const column = new Int32Array(m);
    const order = new Int32Array(m);
    const tmp = new Int32Array(m);
    const count = new Int32Array(0x10000);
    for (let b = 0; b < B; b++) {
      for (let x = 0; x < m; x++) column[x] = this.keys[linked[x]! * B + b]!;
      sortByKey(column, order, tmp, count);
      this.copyBand(b, column, order, linked);
    }
    this.staticN = this.n;
    this.staticSize = m * B;
  }

  // -------------------------------------------------------------------------------------------
  // Storage
  // -------------------------------------------------------------------------------------------

  private toPair(lo: number, hi: number, similarity: number, hub: boolean): TemplatePair {
    const x = this.ids[lo]!;
    const y = this.ids[hi]!;
    const pair: TemplatePair = x < y ? { a: x, b: y, similarity } : { a: y, b: x, similarity };
    if (hub) pair.hub = true;
    return pair;
  }

  private ensureAds(n: number): void {
    if (n <= this.tokFrom.length) return;
    // A quarter more than asked: the next upserts after a large first batch do not copy.
    const size = Math.max(Math.ceil(n * 1.25), Math.ceil(this.tokFrom.length * 1.5), 1024);
    const i32 = (k: number) => new Int32Array(k);
    const old = this.tokFrom.length;
    this.tokFrom = grown(this.tokFrom, size, i32);
    this.tokLen = grown(this.tokLen, size, i32);
    this.tokLen.fill(-1, old);
    this.shFrom = grown(this.shFrom, size, i32);
    this.shLen = grown(this.shLen, size, i32);
    this.shLen.fill(-1, old);
    this.shInfo = grown(this.shInfo, size, i32);
    this.linked = grown(this.linked, size, (k) => new Uint8Array(k));
    this.keys = grown(this.keys, size * this.B, i32);
    this.redo = grown(this.redo, size, i32);
    this.dirty = grown(this.dirty, size, i32);
    this.seen = grown(this.seen, size, i32);
    this.store.ensureAds(size);
  }

  private reserveTokens(count: number): void {
    const need = this.tokUsed + count;
    if (need <= this.tokVals.length) return;
    const size = Math.max(need, Math.ceil(this.tokVals.length * 1.25));
    this.tokVals = grown(this.tokVals, size, (k) => new Int32Array(k));
    this.tokFlags = grown(this.tokFlags, size, (k) => new Uint8Array(k));
  }

  private reserveShingles(count: number): void {
    const need = this.shUsed + count;
    if (need <= this.shVals.length) return;
    const size = Math.max(need, Math.ceil(this.shVals.length * 1.25));
    this.shVals = grown(this.shVals, size, (k) => new Int32Array(k));
  }

  /** Drops the garbage of replaced texts once it outweighs what is live. */
  private compact(): void {
    if (this.tokUsed > 2 * this.tokLive + (1 << 12)) {
      const vals = new Int32Array(Math.ceil(this.tokLive * 1.25) + 1024);
      const flags = new Uint8Array(vals.length);
      let at = 0;
      for (let i = 0; i < this.n; i++) {
        const from = this.tokFrom[i]!;
        const len = this.tokLen[i]!;
        vals.set(this.tokVals.subarray(from, from + len), at);
        flags.set(this.tokFlags.subarray(from, from + len), at);
        this.tokFrom[i] = at;
        at += len;
      }
      this.tokVals = vals;
      this.tokFlags = flags;
      this.tokUsed = at;
    }
    if (this.shUsed > 2 * this.shLive + (1 << 12)) {
      const vals = new Int32Array(Math.ceil(this.shLive * 1.25) + 1024);
      let at = 0;
      for (let i = 0; i < this.n; i++) {
        const from = this.shFrom[i]!;
        const len = this.shLen[i]!;
        vals.set(this.shVals.subarray(from, from + len), at);
        this.shFrom[i] = at;
        at += len;
      }
      this.shVals = vals;
      this.shUsed = at;
    }
  }
}
