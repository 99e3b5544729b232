import { WordScanner, hashWord } from '../intake/ads/language.js';

/**
 * Text-template linking: ads written from one template (a network fills the same text with another
 * name, age, city and price for each woman) are found as pairs of near-duplicate texts, and a
 * cluster's shared text can be shown with the parts that differ per ad as slots.
 *
 * templatePairs, in five steps:
 *  1. Normalise: fold case and accents; a number with its unit ("150 p/u", "+31 6 1234 5678",
 *     "nul zes een …", "29 jaar") becomes one NUM token; names and places become one NAME token
 *     (a capitalised word inside a sentence, a word the corpus writes as a proper noun, the ad's
 *     own display names); punctuation goes; emoji stay as tokens (see TemplateOptions.emoji).
 *  2. Word 3-shingles, hashed to 32 bits without building strings.
 *  3. Drop common shingles (in more than 3% of ads): site disclaimers, greetings, stock phrases
 *     say nothing about who wrote an ad. What is left is the ad's *informative* shingle set.
 *  4. MinHash (24 bands × 4 rows) and LSH banding: candidate pairs without comparing all pairs.
 *  5. The exact Jaccard similarity of the informative sets decides (≥ 0.65).
 *
 * Pure: data in, results out; hashing is seeded, so every run gives the same pairs. The result
 * depends on the ads' order only through which ads represent a hub bucket (see `maxBucket`).
 * TemplateIndex (template-index.ts) keeps the same result up to date as ads come in: every rule
 * here that depends on the whole corpus (proper nouns, the frequency cap, hub buckets) is defined
 * so that it can follow exactly.
 */

export interface TemplateOptions {
  /**
   * Minimum Jaccard similarity of two ads' informative shingle sets. Default 0.65: in the synthetic
   * world it keeps pair precision ≥ 0.98 from 27k to 1M ads (0.9995, 0.998, 0.983), where 0.6 falls
   * to 0.967 at 1M and chains unrelated look-alikes into one component of 8,718 ads. Its texts come
   * from small phrase banks, so unrelated ads collide more often than real ones will.
   */
  threshold?: number;
  /** Words per shingle. Default 3 (4 lost more same-template pairs to slot values and typos). */
  shingleSize?: number;
  /**
   * A shingle in more than this share of all ads is common text and ignored. Default 0.03. Lower
   * caps leave sets so small that a shared typo or stray word decides; higher caps let stock
   * phrases link unrelated ads. The cap is never below `minDocCap`.
   *
   * The share is taken of the number of ads rounded down to 8 steps per doubling (see
   * docCountStep: 1,000,000 ads count as 983,040), not of the exact number: a cap that moved with
   * every few ads would keep turning shingles common or informative again in thousands of ads,
   * which an incremental index would have to follow ad by ad. Stepped, it moves 8 times per
   * doubling of the corpus.
   */
  maxDocShare?: number;
  /** Floor of the document-frequency cap, in ads, so a small corpus keeps its templates. Default 50. */
  minDocCap?: number;
  /** An absolute cap in ads; overrides `maxDocShare` and `minDocCap`. */
  maxDocFreq?: number;
  /** Ads with fewer informative shingles than this cannot be told apart and are not linked. Default 5. */
  minShingles?: number;
  /**
   * LSH bands × rows = MinHash permutations. Defaults 24 × 4: a pair at similarity 0.65 becomes a
   * candidate with probability 0.99; at 0.6 it finds 99.4% of the pairs a near-exhaustive 64 × 2
   * finds, with 96 permutations instead of the 128 of 32 × 4.
   */
  bands?: number;
  rows?: number;
  /**
   * An LSH bucket with more ads than this is a hub (common text that escaped the cap, or one very
   * large template): only pairs with its first `representatives` ads (in input order) are
   * verified. Default 200.
   */
  maxBucket?: number;
  /** Default 3. */
  representatives?: number;
  /**
   * Keep emoji as tokens. Default true: a copied template keeps its emoji, and in the synthetic
   * world they separate chance look-alikes (1M ads: precision 0.92 without, 0.98 with).
   */
  emoji?: boolean;
  /** Seed of the MinHash permutations. */
  seed?: number;
}

/** What template linking reads of an ad; a LinkAd fits. */
export interface TemplateAd {
  id: string;
  /** Title and body. */
  text: string;
  /** The ad's display names: masked like numbers, so a name never decides similarity. */
  names?: readonly string[];
}

/** Two ads with near-duplicate texts (a < b). */
export interface TemplatePair {
  a: string;
  b: string;
  /** Exact Jaccard similarity of the two ads' informative shingle sets. */
  similarity: number;
  /**
   * Set when the two ads met only in hub buckets (see `maxBucket`): text shared by very many ads,
   * for Evidence.hub (such a pair should not merge on its own).
   */
  hub?: true;
}

/** What a run did: for logs, benchmarks and the hub decision upstream. */
export interface TemplateStats {
  ads: number;
  /** Ads with fewer than `minShingles` informative shingles: not linked. */
  skippedShort: number;
  /** The document-frequency cap used, in ads. */
  maxDocFreq: number;
  /** Shingle occurrences (one per ad and distinct shingle), and those dropped as common. */
  shingles: number;
  commonShingles: number;
  /** Pairs checked with the exact Jaccard (each pair at most once). */
  candidates: number;
  pairs: number;
  /** LSH buckets over `maxBucket` ads, and the ads in them (summed over bands). */
  hubBuckets: number;
  hubBucketAds: number;
}

/** A template as analysts read it: shared text, and slots with the values seen per ad. */
export interface TemplateView {
  parts: ({ text: string } | { slot: string; values: string[] })[];
}

const DEFAULTS = {
  threshold: 0.65,
  shingleSize: 3,
  maxDocShare: 0.03,
  minDocCap: 50,
  minShingles: 5,
  bands: 24,
  rows: 4,
  maxBucket: 200,
  representatives: 3,
  seed: 0x5c4a4b31,
};

/** TemplateOptions with the defaults filled in. Internal: shared with TemplateIndex. */
export interface ResolvedTemplateOptions {
  threshold: number;
  shingleSize: number;
  maxDocShare: number;
  minDocCap: number;
  maxDocFreq: number | undefined;
  minShingles: number;
  bands: number;
  rows: number;
  maxBucket: number;
  representatives: number;
  seed: number;
  emoji: boolean;
}

export function resolveTemplateOptions(opts: TemplateOptions): ResolvedTemplateOptions {
  const o = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const v = opts[key];
    if (typeof v === 'number') o[key] = v;
  }
  return { ...o, maxDocFreq: opts.maxDocFreq, emoji: opts.emoji ?? true };
}

// ---------------------------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------------------------

/** murmur3's finaliser: a cheap, well-mixed 32-bit bijection. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A seeded stream of 32-bit values (splitmix-style), for the permutation constants. */
function seededInts(seed: number, n: number): Int32Array {
  const out = new Int32Array(n);
  let s = seed | 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x9e3779b9) | 0;
    out[i] = fmix(s);
  }
  return out;
}

/**
 * A set of 32-bit integers: open addressing, linear probing, deletion by backward shift. Small
 * and flat where a Set<number> of the same words would cost a boxed entry each.
 */
export class IntSet {
  private keys: Int32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(expected = 8) {
    let cap = 16;
    while (cap < expected * 2) cap <<= 1;
    this.keys = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  has(k: number): boolean {
    const { keys, used, mask } = this;
    for (let i = fmix(k) & mask; used[i] === 1; i = (i + 1) & mask) if (keys[i] === k) return true;
    return false;
  }

  add(k: number): void {
    if (this.has(k)) return;
    if ((this.size + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const { keys, used, mask } = this;
    let i = fmix(k) & mask;
    while (used[i] === 1) i = (i + 1) & mask;
    keys[i] = k;
    used[i] = 1;
    this.size++;
  }

  delete(k: number): void {
    const { keys, used, mask } = this;
    let i = fmix(k) & mask;
    while (used[i] === 1 && keys[i] !== k) i = (i + 1) & mask;
    if (used[i] !== 1) return;
    // Backward shift: move later entries of the probe run into the hole where they may go.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (used[j] !== 1) break;
      const home = fmix(keys[j]!) & mask;
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        keys[i] = keys[j]!;
        i = j;
      }
    }
    used[i] = 0;
    this.size--;
  }

  private rehash(cap: number): void {
    const { keys, used } = this;
    this.keys = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (used[i] === 1) this.add(keys[i]!);
  }
}

// ---------------------------------------------------------------------------------------------
// Normalised words
// ---------------------------------------------------------------------------------------------

/** Every number with its unit (age, price, phone, size, time) is this one token. */
const NUM = hashWord('\u0001#');
/** Every name-like word (name, place, nationality) is this one token. */
const NAME = hashWord('\u0001@');

/** Upper-case letters: Latin, Greek, Cyrillic and their extensions are enough for ads here. */
const UPPER = new Uint8Array(0x10000);
for (let c = 0; c < 0x2000; c++) if (/\p{Lu}/u.test(String.fromCharCode(c))) UPPER[c] = 1;
for (let c = 0xff21; c <= 0xff3a; c++) UPPER[c] = 1;

/** Whether the word at `start` opens a sentence (a capital there says nothing). */
function opensSentence(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0) continue;
    // . ! ?, line breaks and emoji ("Hoi schatjes 💕 Welkom"); a colon does not ("Nieuw: Kim").
    return (
      c === 0x2e ||
      c === 0x21 ||
      c === 0x3f ||
      c === 0x0a ||
      c === 0x0d ||
      (c >= 0xdc00 && c <= 0xdfff) ||
      (c >= 0x2600 && c <= 0x27bf) ||
      c === 0xfe0f
    );
  }
  return true;
}

const LOWER_CASE = 0;
const TITLE_CASE = 1;
const UPPER_CASE = 2;

/** Lower ("kim"), title ("Kim") or upper case ("KIM", a shouted title), by the first two letters. */
function caseOf(text: string, start: number, end: number): number {
  if (UPPER[text.charCodeAt(start)] !== 1) return LOWER_CASE;
  return end - start > 1 && UPPER[text.charCodeAt(start + 1)] === 1 ? UPPER_CASE : TITLE_CASE;
}

/** Digits written as words (nl, en, es, pt; folded), in digit order: a filter dodge for phones. */
const DIGIT_WORDS = [
  'nul een twee drie vier vijf zes zeven acht negen',
  'zero one two three four five six seven eight nine',
  'cero uno dos tres cuatro cinco seis siete ocho nueve',
  'zero um dois tres quatro cinco seis sete oito nove',
].map((list) => list.split(' '));
const SPOKEN_DIGITS = new Set(DIGIT_WORDS.flat().map((w) => hashWord(w)));
/** Spoken digits alone need a run this long before they read as a number ("een" is also "a"). */
const MIN_SPOKEN_RUN = 4;
/** Letters that stand in for 0 and 1 inside obscured numbers ("+34 6 1 O 4 …"). */
const DIGIT_LOOKALIKES = new Set(['o', 'l', 'i'].map((w) => hashWord(w)));
/**
 * Units that belong to the number before them ("150 p/u", "€75 half uur", "1,65 m", "29 jaar"):
 * prices are written differently in every capture, so the unit is part of the slot.
 */
const UNITS = new Set(
  `p u pu per uur uurtje half min mins minuten minutes hour hours hr h rozen euro euros eur e m cm
   kg jaar years anos`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => hashWord(w)),
);

const T_WORD = 0;
const T_NUMBER = 1;
const T_SPOKEN = 2;
const T_LOOKALIKE = 3;
const T_UNIT = 4;

/**
 * Token flags. A word token keeps its own hash and says how it is masked: always (TOKEN_NAME: the
 * ad's own display name, or a capital inside a sentence) or when the corpus writes it as a proper
 * noun (TOKEN_MASKABLE); numbers, units and emoji are neither. TOKEN_LOWER and TOKEN_CAPITAL mark
 * the uses that decide what the corpus writes as a proper noun (see WordCounts).
 */
export const TOKEN_MASKABLE = 1;
export const TOKEN_NAME = 2;
export const TOKEN_LOWER = 4;
export const TOKEN_CAPITAL = 8;

/**
 * Turns one ad text into tokens (hash and flags; see TOKEN_MASKABLE); reused for every ad (no
 * allocation per ad). What the corpus writes as a proper noun is left open: it is applied when
 * the tokens become shingles (Shingler), so the tokens of an ad never depend on other ads.
 */
export class Tokeniser {
  private readonly scanner = new WordScanner();
  vals = new Int32Array(512);
  flags = new Uint8Array(512);
  private kinds = new Uint8Array(512);
  /** The current ad's name words (hashes): a handful, so a linear scan beats a Set. */
  private names = new Int32Array(16);
  private nNames = 0;

  constructor(private readonly emoji: boolean) {}

  private grow(n: number): void {
    if (n < this.vals.length) return;
    const v = new Int32Array(n * 2);
    v.set(this.vals);
    this.vals = v;
    const f = new Uint8Array(n * 2);
    f.set(this.flags);
    this.flags = f;
    const k = new Uint8Array(n * 2);
    k.set(this.kinds);
    this.kinds = k;
  }

  /** Appends a token per emoji (pictographs and dingbats) in `text[from, to)`. */
  private emojiTokens(text: string, from: number, to: number, n: number): number {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      let cp = 0;
      if (c >= 0xd83c && c <= 0xd83e && i + 1 < to) {
        cp = ((c - 0xd800) << 10) + text.charCodeAt(++i) - 0xdc00 + 0x10000;
      } else if ((c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff)) cp = c;
      if (cp === 0) continue;
      this.grow(n);
      this.vals[n] = fmix(cp ^ 0x3e3e3e3e);
      this.flags[n] = 0;
      this.kinds[n] = T_WORD;
      n++;
    }
    return n;
  }

  private setNames(names: readonly string[] | undefined): void {
    this.nNames = 0;
    if (!names) return;
    const s = this.scanner;
    for (const name of names) {
      s.reset(name);
      while (s.next()) {
        if (s.letters === 0) continue;
        if (this.nNames === this.names.length) {
          const grown = new Int32Array(this.nNames * 2);
          grown.set(this.names);
          this.names = grown;
        }
        this.names[this.nNames++] = s.hash;
      }
    }
  }

  private isName(h: number): boolean {
    for (let i = 0; i < this.nNames; i++) if (this.names[i] === h) return true;
    return false;
  }

  /** Tokenises `text` into `vals` and `flags`; returns the number of tokens. */
  read(text: string, names: readonly string[] | undefined): number {
    this.setNames(names);
    const s = this.scanner;
    const { emoji } = this;
    let n = 0;
    let prevEnd = 0;
    s.reset(text);
    while (s.next()) {
      if (emoji) n = this.emojiTokens(text, prevEnd, s.start, n);
      prevEnd = s.end;
      this.grow(n);
      const h = s.hash;
      const kind =
        s.digits > 0 && s.digits >= s.letters
          ? T_NUMBER
          : SPOKEN_DIGITS.has(h)
            ? T_SPOKEN
            : s.letters === 1 && DIGIT_LOOKALIKES.has(h)
              ? T_LOOKALIKE
              : UNITS.has(h)
                ? T_UNIT
                : T_WORD;
      let flag = 0;
      if (kind === T_WORD) {
        const c = caseOf(text, s.start, s.end);
        const inside = c === TITLE_CASE && !opensSentence(text, s.start);
        flag = inside || this.isName(h) ? TOKEN_NAME : TOKEN_MASKABLE;
        if (s.digits === 0 && s.letters >= 2) {
          if (c === LOWER_CASE) flag |= TOKEN_LOWER;
          else if (inside) flag |= TOKEN_CAPITAL;
        }
      }
      this.kinds[n] = kind;
      this.vals[n] = h;
      this.flags[n] = flag;
      n++;
    }
    if (emoji) n = this.emojiTokens(text, prevEnd, text.length, n);
    return this.collapseNumbers(n);
  }

  /** Collapses each run of number parts (digits, spoken digits, look-alikes, units) to NUM. */
  private collapseNumbers(n: number): number {
    const { vals, flags, kinds } = this;
    let out = 0;
    let i = 0;
    while (i < n) {
      const kind = kinds[i]!;
      if (kind === T_WORD || kind === T_UNIT) {
        vals[out] = vals[i]!;
        flags[out++] = flags[i++]!;
        continue;
      }
      let j = i;
      let digits = false;
      while (j < n) {
        const k = kinds[j]!;
        if (k === T_NUMBER) digits = true;
        else if (k === T_UNIT || k === T_LOOKALIKE) {
          // A unit only after a number; a look-alike only between numbers.
          if (!digits || (k === T_LOOKALIKE && !(j + 1 < n && kinds[j + 1] === T_NUMBER))) break;
        } else if (k !== T_SPOKEN) break;
        j++;
      }
      if (digits || j - i >= MIN_SPOKEN_RUN) {
        vals[out] = NUM;
        flags[out++] = 0;
      } else if (j === i) {
        vals[out] = vals[j]!;
        flags[out++] = flags[j++]!;
      } else {
        while (i < j) {
          vals[out] = vals[i]!;
          flags[out++] = flags[i++]!;
        }
      }
      i = j;
    }
    return out;
  }
}

/**
 * Exact counts per word hash: lower-case uses and capitals inside a sentence (both over the
 * whole corpus, see `isProper`), and for TemplateIndex the maskable occurrences and a per-upsert
 * mark. Open addressing in typed arrays: a corpus has millions of distinct words. Exact, not in a
 * hashed table shared by many words, so that a word's status changes only with its own uses and
 * an index can tell which words flipped. Only word tokens count: numbers, units and spoken digits
 * are never masked.
 */
export class WordCounts {
  keys = new Int32Array(1024);
  used = new Uint8Array(1024);
  capital = new Int32Array(1024);
  lower = new Int32Array(1024);
  /** Maskable occurrences (TOKEN_MASKABLE tokens) in the ads held; TemplateIndex only. */
  maskable = new Int32Array(1024);
  /** Upsert during which the entry was first touched, and whether it was a proper noun then. */
  stamp = new Int32Array(1024);
  wasProper = new Uint8Array(1024);
  size = 0;
  private mask = 1023;

  /** The entry of word `h`: its slot, or -1 when absent and not `create`d. */
  slot(h: number, create: boolean): number {
    const { keys, used } = this;
    let mask = this.mask;
    let i = fmix(h) & mask;
    while (used[i] === 1) {
      if (keys[i] === h) return i;
      i = (i + 1) & mask;
    }
    if (!create) return -1;
    if ((this.size + 1) * 2 > keys.length) {
      this.rehash(keys.length * 2);
      mask = this.mask;
      i = fmix(h) & mask;
      while (this.used[i] === 1) i = (i + 1) & mask;
    }
    this.keys[i] = h;
    this.used[i] = 1;
    this.size++;
    return i;
  }

  /**
   * What the corpus writes as a proper noun (names, places, nationalities): a word capitalised
   * inside sentences more than twice as often as in lower case. It is masked everywhere, also
   * where a capital says nothing (at the start of a sentence, in a shouted title).
   */
  isProper(slot: number): boolean {
    return this.capital[slot]! > 2 * this.lower[slot]!;
  }

  /** Adds (sign 1) or removes (sign -1) the uses in one ad's tokens. */
  count(vals: Int32Array, flags: Uint8Array, from: number, to: number, sign: number): void {
    for (let i = from; i < to; i++) {
      const f = flags[i]!;
      if ((f & (TOKEN_LOWER | TOKEN_CAPITAL)) === 0) continue;
      const s = this.slot(vals[i]!, true);
      if ((f & TOKEN_LOWER) !== 0) this.lower[s]! += sign;
      else this.capital[s]! += sign;
    }
  }

  /** Every proper noun (see isProper). */
  properNouns(): IntSet {
    const out = new IntSet();
    for (let i = 0; i < this.keys.length; i++)
      if (this.used[i] === 1 && this.isProper(i)) out.add(this.keys[i]!);
    return out;
  }

  private rehash(cap: number): void {
    const old = {
      keys: this.keys,
      used: this.used,
      capital: this.capital,
      lower: this.lower,
      maskable: this.maskable,
      stamp: this.stamp,
      wasProper: this.wasProper,
    };
    const keys = new Int32Array(cap);
    const used = new Uint8Array(cap);
    const capital = new Int32Array(cap);
    const lower = new Int32Array(cap);
    const maskable = new Int32Array(cap);
    const stamp = new Int32Array(cap);
    const wasProper = new Uint8Array(cap);
    const mask = cap - 1;
    for (let j = 0; j < old.keys.length; j++) {
      if (old.used[j] !== 1) continue;
      let i = fmix(old.keys[j]!) & mask;
      while (used[i] === 1) i = (i + 1) & mask;
      keys[i] = old.keys[j]!;
      used[i] = 1;
      capital[i] = old.capital[j]!;
      lower[i] = old.lower[j]!;
      maskable[i] = old.maskable[j]!;
      stamp[i] = old.stamp[j]!;
      wasProper[i] = old.wasProper[j]!;
    }
    Object.assign(this, { keys, used, capital, lower, maskable, stamp, wasProper, mask });
  }
}

// ---------------------------------------------------------------------------------------------
// Shingle sets and document frequency
// ---------------------------------------------------------------------------------------------

/** Turns an ad's tokens into its shingle set; reused for every ad. */
export class Shingler {
  private words = new Int32Array(512);

  constructor(private readonly k: number) {}

  /**
   * Writes the shingle set of tokens `[from, to)` (sorted, without duplicates) to `out` from `at`
   * and returns its size; `out` must have room for `to - from` values.
   */
  read(
    vals: Int32Array,
    flags: Uint8Array,
    from: number,
    to: number,
    proper: IntSet,
    out: Int32Array,
    at: number,
  ): number {
    const n = to - from;
    const k = this.k;
    const count = n - k + 1;
    if (count <= 0) return 0;
    if (this.words.length < n) this.words = new Int32Array(n * 2);
    const w = this.words;
    for (let i = 0; i < n; i++) {
      const v = vals[from + i]!;
      const f = flags[from + i]!;
      w[i] =
        (f & TOKEN_NAME) !== 0 || ((f & TOKEN_MASKABLE) !== 0 && proper.size > 0 && proper.has(v))
          ? NAME
          : v;
    }
    for (let s = 0; s < count; s++) {
      let h = 0x2545f491;
      for (let j = 0; j < k; j++) h = Math.imul(h ^ w[s + j]!, 0x9e3779b1) ^ (h >>> 15);
      out[at + s] = fmix(h);
    }
    // A set: sorted, duplicates removed. Insertion sort for the usual few dozen shingles is
    // faster than a subarray and a call into the builtin sort per ad.
    if (count > 64) out.subarray(at, at + count).sort();
    else {
      for (let s = at + 1; s < at + count; s++) {
        const v = out[s]!;
        let j = s - 1;
        while (j >= at && out[j]! > v) {
          out[j + 1] = out[j]!;
          j--;
        }
        out[j + 1] = v;
      }
    }
    let unique = at;
    for (let s = at; s < at + count; s++) {
      if (s === at || out[s] !== out[unique - 1]) out[unique++] = out[s]!;
    }
    return unique - at;
  }
}

/** Ranges of one flat array per ad: ad i owns `[starts[i], starts[i + 1])`. */
interface Ranges<T> {
  values: T;
  starts: Int32Array;
}

/** Every ad's tokens, one flat array each for hashes and flags. */
function tokenise(
  ads: readonly TemplateAd[],
  emoji: boolean,
): { vals: Int32Array; flags: Uint8Array; starts: Int32Array } {
  const tok = new Tokeniser(emoji);
  const n = ads.length;
  const starts = new Int32Array(n + 1);
  // About a token per five characters; grown if the texts say otherwise.
  let chars = 0;
  for (const ad of ads) chars += ad.text.length;
  let vals = new Int32Array(Math.max(1024, Math.ceil(chars / 5)));
  let flags = new Uint8Array(vals.length);
  let used = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = used;
    const ad = ads[i]!;
    const count = tok.read(ad.text, ad.names);
    if (used + count > vals.length) {
      const size = Math.max(Math.ceil(vals.length * 1.5), used + count);
      const v = new Int32Array(size);
      v.set(vals.subarray(0, used));
      vals = v;
      const f = new Uint8Array(size);
      f.set(flags.subarray(0, used));
      flags = f;
    }
    vals.set(tok.vals.subarray(0, count), used);
    flags.set(tok.flags.subarray(0, count), used);
    used += count;
  }
  starts[n] = used;
  return { vals, flags, starts };
}

function shingleSets(ads: readonly TemplateAd[], k: number, emoji: boolean): Ranges<Int32Array> {
  const { vals, flags, starts: tokenStarts } = tokenise(ads, emoji);
  const words = new WordCounts();
  const n = ads.length;
  words.count(vals, flags, 0, tokenStarts[n]!, 1);
  const proper = words.properNouns();
  const shingler = new Shingler(k);
  const starts = new Int32Array(n + 1);
  // At most one shingle per token.
  const values = new Int32Array(Math.max(1, tokenStarts[n]!));
  let used = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = used;
    used += shingler.read(vals, flags, tokenStarts[i]!, tokenStarts[i + 1]!, proper, values, used);
  }
  starts[n] = used;
  return { values: values.subarray(0, used), starts };
}

/**
 * The number of ads the document-frequency cap is a share of: n rounded down to 8 steps per
 * doubling (…, 1024, 1152, 1280, …, 1920, 2048, 2304, …; at most 12.5% below n). A cap that
 * followed n exactly would move every few ads and turn shingles near it common or informative
 * again in thousands of ads each time; stepped, it moves 8 times per doubling of the corpus, and
 * an incremental index (TemplateIndex) can afford to re-evaluate every ad when it does.
 */
export function docCountStep(n: number): number {
  if (n < 16) return n;
  const unit = 2 ** (31 - Math.clz32(n) - 3);
  return Math.floor(n / unit) * unit;
}

/** The document-frequency cap for n ads, in ads. */
export function docFreqCap(o: ResolvedTemplateOptions, n: number): number {
  return o.maxDocFreq ?? Math.max(o.minDocCap, Math.floor(o.maxDocShare * docCountStep(n)));
}

const MIN_SKETCH = 1 << 12;
const MAX_SKETCH = 1 << 23;

/**
 * Width of the frequency sketch for n ads: about one cell per shingle occurrence (~60 an ad), up
 * to 2^23. A function of the stepped count, so it changes only where the cap may change.
 */
export function sketchWidth(n: number): number {
  const want = 64 * docCountStep(n);
  let width = MIN_SKETCH;
  while (width < want && width < MAX_SKETCH) width <<= 1;
  return width;
}

/** A shingle's cell in the sketch's second row. */
export function cell1(h: number, mask: number): number {
  return fmix(h ^ 0x5bd1e995) & mask;
}

/**
 * Document frequency of shingles in a count-min sketch (2 rows): it never underestimates, and
 * with about a cell per occurrence it overestimates by a few ads, far below any useful cap. Plain
 * (not conservative) updates keep the counts independent of the input order and let an ad be
 * taken out again. An exact table would hit V8's 2^24-entry Map limit near a million ads, and
 * take gigabytes in typed arrays.
 */
export class DocSketch {
  readonly mask: number;
  readonly row0: Int32Array;
  readonly row1: Int32Array;

  constructor(readonly width: number) {
    this.mask = width - 1;
    this.row0 = new Int32Array(width);
    this.row1 = new Int32Array(width);
  }

  /** Counts (sign 1) or uncounts (sign -1) one ad's shingle set. */
  add(values: Int32Array, from: number, to: number, sign: number): void {
    const { row0, row1, mask } = this;
    for (let i = from; i < to; i++) {
      const h = values[i]!;
      row0[h & mask]! += sign;
      row1[cell1(h, mask)]! += sign;
    }
  }

  /** The (over)estimated number of ads with shingle `h`. */
  count(h: number): number {
    return Math.min(this.row0[h & this.mask]!, this.row1[cell1(h, this.mask)]!);
  }
}

/** Drops common shingles in place; returns the number of occurrences dropped. */
function dropCommon(sets: Ranges<Int32Array>, maxDocFreq: number, width: number): number {
  const { values, starts } = sets;
  const sketch = new DocSketch(width);
  sketch.add(values, 0, values.length, 1);
  const { row0, row1, mask } = sketch;
  let out = 0;
  let dropped = 0;
  const n = starts.length - 1;
  for (let a = 0; a < n; a++) {
    const from = starts[a]!;
    const to = starts[a + 1]!;
    starts[a] = out;
    for (let i = from; i < to; i++) {
      const h = values[i]!;
      if (row0[h & mask]! > maxDocFreq && row1[cell1(h, mask)]! > maxDocFreq) dropped++;
      else values[out++] = h;
    }
  }
  starts[n] = out;
  sets.values = values.subarray(0, out);
  return dropped;
}

/**
 * Exact Jaccard of two sorted sets if it is at least `t`, else -1 (stops as soon as too many
 * elements are missed for `t` to be reachable).
 */
export function jaccardAtLeast(
  v: Int32Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  t: number,
): number {
  const na = a1 - a0;
  const nb = b1 - b0;
  // J ≤ min/max; and J ≥ t needs an intersection of at least t (na + nb) / (1 + t).
  if (na < t * nb || nb < t * na) return -1;
  const need = Math.ceil((t * (na + nb)) / (1 + t) - 1e-9);
  const missA = na - need;
  const missB = nb - need;
  let i = a0;
  let j = b0;
  let common = 0;
  let skippedA = 0;
  let skippedB = 0;
  while (i < a1 && j < b1) {
    const x = v[i]!;
    const y = v[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (++skippedA > missA) return -1;
    } else {
      j++;
      if (++skippedB > missB) return -1;
    }
  }
  const s = common / (na + nb - common);
  return s >= t ? s : -1;
}

// ---------------------------------------------------------------------------------------------
// MinHash and LSH
// ---------------------------------------------------------------------------------------------

/**
 * Band keys of an ad: band b's key hashes the ad's MinHash values in that band. The signatures
 * themselves are not kept (96 values an ad would be 384 MB at a million ads).
 */
export class MinHasher {
  private readonly xs: Int32Array;
  private readonly ms: Int32Array;
  private readonly sig: Int32Array;

  constructor(
    readonly bands: number,
    readonly rows: number,
    seed: number,
  ) {
    const perms = bands * rows;
    this.xs = seededInts(seed, perms);
    this.ms = seededInts(seed ^ 0x68e31da4, perms);
    for (let p = 0; p < perms; p++) this.ms[p] = this.ms[p]! | 1;
    this.sig = new Int32Array(perms);
  }

  /** Writes the band keys of the set `values[from, to)` to `out[at, at + bands)`. */
  keys(values: Int32Array, from: number, to: number, out: Int32Array, at: number): void {
    const { xs, ms, sig, bands, rows } = this;
    const perms = bands * rows;
    // Permutation p: multiply-xorshift of the (already well-mixed) shingle hash. Any fixed total
    // order serves MinHash, so the signed comparison is fine. Four permutations per pass over the
    // ad's shingles, their minima in registers: the hot loop of the whole module.
    let p = 0;
    for (; p + 4 <= perms; p += 4) {
      const c0 = xs[p]!;
      const c1 = xs[p + 1]!;
      const c2 = xs[p + 2]!;
      const c3 = xs[p + 3]!;
      const m0 = ms[p]!;
      const m1 = ms[p + 1]!;
      const m2 = ms[p + 2]!;
      const m3 = ms[p + 3]!;
      let n0 = 0x7fffffff;
      let n1 = 0x7fffffff;
      let n2 = 0x7fffffff;
      let n3 = 0x7fffffff;
      for (let i = from; i < to; i++) {
        const x = values[i]!;
        let v0 = Math.imul(x ^ c0, m0);
        v0 ^= v0 >>> 15;
        if (v0 < n0) n0 = v0;
        let v1 = Math.imul(x ^ c1, m1);
        v1 ^= v1 >>> 15;
        if (v1 < n1) n1 = v1;
        let v2 = Math.imul(x ^ c2, m2);
        v2 ^= v2 >>> 15;
        if (v2 < n2) n2 = v2;
        let v3 = Math.imul(x ^ c3, m3);
        v3 ^= v3 >>> 15;
        if (v3 < n3) n3 = v3;
      }
      sig[p] = n0;
      sig[p + 1] = n1;
      sig[p + 2] = n2;
      sig[p + 3] = n3;
    }
    for (; p < perms; p++) {
      const c = xs[p]!;
      const mul = ms[p]!;
      let min = 0x7fffffff;
      for (let i = from; i < to; i++) {
        let v = Math.imul(values[i]! ^ c, mul);
        v ^= v >>> 15;
        if (v < min) min = v;
      }
      sig[p] = min;
    }
    for (let b = 0; b < bands; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1);
      for (let r = 0; r < rows; r++) h = fmix(h ^ sig[b * rows + r]!);
      out[at + b] = h;
    }
  }
}

/**
 * Sorts `order` (ad indices 0..m-1) by `column` (one band's keys, unsigned): LSD radix sort, two
 * passes of 16 bits, stable, so each bucket lists its ads in ascending index.
 */
export function sortByKey(
  column: Int32Array,
  order: Int32Array,
  tmp: Int32Array,
  count: Int32Array,
): void {
  const m = column.length;
  count.fill(0);
  for (let x = 0; x < m; x++) count[column[x]! & 0xffff]!++;
  for (let i = 0, sum = 0; i < 0x10000; i++) {
    const c = count[i]!;
    count[i] = sum;
    sum += c;
  }
  for (let x = 0; x < m; x++) tmp[count[column[x]! & 0xffff]!++] = x;
  count.fill(0);
  for (let x = 0; x < m; x++) count[column[x]! >>> 16]!++;
  for (let i = 0, sum = 0; i < 0x10000; i++) {
    const c = count[i]!;
    count[i] = sum;
    sum += c;
  }
  for (let i = 0; i < m; i++) {
    const x = tmp[i]!;
    order[count[column[x]! >>> 16]!++] = x;
  }
}

/** Hub flags per (linked ad, band): an ordinary bucket, a hub member, a hub's representative. */
const ORDINARY = 0;
const HUB_MEMBER = 1;
const REPRESENTATIVE = 2;

/** Pairs found by LSH (indices into the linked ads, lo < hi, sorted), with their hub flags. */
export interface LshPairs {
  lo: Int32Array;
  hi: Int32Array;
  /** 1 where the pair met only in hub buckets. */
  hub: Uint8Array;
  count: number;
  candidates: number;
  hubBuckets: number;
  hubBucketAds: number;
}

/**
 * The pairs of m ads with band keys `keys[x * bands + b]` that share a bucket in some band where
 * the bucket is ordinary (≤ maxBucket ads) or one of them represents it (among its first
 * `representatives` ads by index), and that pass `verify` (checked once per pair). A pair is a
 * hub pair when the two share no ordinary bucket. `onBand` sees each band's keys and their sorted
 * order (TemplateIndex keeps them).
 */
export function lshPairs(
  keys: Int32Array,
  m: number,
  bands: number,
  maxBucket: number,
  representatives: number,
  verify: (x: number, y: number) => boolean,
  onBand?: (band: number, column: Int32Array, order: Int32Array) => void,
): LshPairs {
  // Found pairs as lo * m + hi: exact in a double up to m ≈ 9e7.
  let found = new Float64Array(1024);
  let nFound = 0;
  let candidates = 0;
  let hubBuckets = 0;
  let hubBucketAds = 0;
  const flags = new Uint8Array(m * bands);

  /** Whether an earlier band already put x and y in one bucket and checked them. */
  const seenBefore = (x: number, y: number, band: number): boolean => {
    const bx = x * bands;
    const by = y * bands;
    for (let b = 0; b < band; b++) {
      if (keys[bx + b] !== keys[by + b]) continue;
      const fx = flags[bx + b]!;
      if (fx === ORDINARY || fx === REPRESENTATIVE || flags[by + b] === REPRESENTATIVE) return true;
    }
    return false;
  };
  /** Checks x < y unless an earlier band did. */
  const consider = (x: number, y: number, band: number): void => {
    if (seenBefore(x, y, band)) return;
    candidates++;
    if (!verify(x, y)) return;
    if (nFound === found.length) {
      const grown = new Float64Array(nFound * 2);
      grown.set(found);
      found = grown;
    }
    found[nFound++] = x * m + y;
  };

  const column = new Int32Array(m);
  const order = new Int32Array(m);
  const tmp = new Int32Array(m);
  const count = new Int32Array(0x10000);
  for (let band = 0; band < bands; band++) {
    for (let x = 0; x < m; x++) column[x] = keys[x * bands + band]!;
    sortByKey(column, order, tmp, count);
    onBand?.(band, column, order);
    for (let start = 0; start < m;) {
      const key = column[order[start]!]!;
      let end = start + 1;
      while (end < m && column[order[end]!] === key) end++;
      const size = end - start;
      if (size >= 2 && size <= maxBucket) {
        for (let i = start; i < end; i++) {
          for (let j = i + 1; j < end; j++) consider(order[i]!, order[j]!, band);
        }
      } else if (size > maxBucket) {
        // A hub: pairs with a few representatives keep a real large template connected
        // without size² checks; the stats let the caller see and flag it.
        hubBuckets++;
        hubBucketAds += size;
        const reps = Math.min(representatives, size);
        for (let i = start; i < end; i++) {
          flags[order[i]! * bands + band] = i - start < reps ? REPRESENTATIVE : HUB_MEMBER;
        }
        for (let i = start; i < start + reps; i++) {
          for (let j = i + 1; j < end; j++) consider(order[i]!, order[j]!, band);
        }
      }
      start = end;
    }
  }

  const sorted = found.subarray(0, nFound).sort();
  const lo = new Int32Array(nFound);
  const hi = new Int32Array(nFound);
  const hub = new Uint8Array(nFound);
  for (let i = 0; i < nFound; i++) {
    const x = Math.floor(sorted[i]! / m);
    const y = sorted[i]! % m;
    lo[i] = x;
    hi[i] = y;
    // A hub pair: x and y never share an ordinary (non-hub) bucket.
    let onlyHubs = 1;
    for (let b = 0; b < bands; b++) {
      if (keys[x * bands + b] === keys[y * bands + b] && flags[x * bands + b] === ORDINARY) {
        onlyHubs = 0;
        break;
      }
    }
    hub[i] = onlyHubs;
  }
  return { lo, hi, hub, count: nFound, candidates, hubBuckets, hubBucketAds };
}

/** Links ads written from one template: pairs with their exact similarity, in input order. */
export function templatePairs(
  ads: readonly TemplateAd[],
  opts: TemplateOptions = {},
): TemplatePair[] {
  return templatePairsWithStats(ads, opts).pairs;
}

/** templatePairs, with what the run did (common text dropped, hub buckets met). */
export function templatePairsWithStats(
  ads: readonly TemplateAd[],
  opts: TemplateOptions = {},
): { pairs: TemplatePair[]; stats: TemplateStats } {
  const o = resolveTemplateOptions(opts);
  const { threshold, bands, rows } = o;
  const n = ads.length;
  const sets = shingleSets(ads, o.shingleSize, o.emoji);
  const shingles = sets.values.length;
  const maxDocFreq = docFreqCap(o, n);
  const commonShingles = dropCommon(sets, maxDocFreq, sketchWidth(n));
  const { values, starts } = sets;

  const linkedList: number[] = [];
  for (let i = 0; i < n; i++) {
    if (starts[i + 1]! - starts[i]! >= o.minShingles) linkedList.push(i);
  }
  const linked = Int32Array.from(linkedList);
  const m = linked.length;
  const stats: TemplateStats = {
    ads: n,
    skippedShort: n - m,
    maxDocFreq,
    shingles,
    commonShingles,
    candidates: 0,
    pairs: 0,
    hubBuckets: 0,
    hubBucketAds: 0,
  };
  if (m < 2) return { pairs: [], stats };
  const hasher = new MinHasher(bands, rows, o.seed);
  const keys = new Int32Array(m * bands);
  for (let x = 0; x < m; x++) {
    const ad = linked[x]!;
    hasher.keys(values, starts[ad]!, starts[ad + 1]!, keys, x * bands);
  }
  const found = lshPairs(keys, m, bands, o.maxBucket, o.representatives, (x, y) => {
    const ax = linked[x]!;
    const ay = linked[y]!;
    return (
      jaccardAtLeast(
        values,
        starts[ax]!,
        starts[ax + 1]!,
        starts[ay]!,
        starts[ay + 1]!,
        threshold,
      ) >= 0
    );
  });
  stats.candidates = found.candidates;
  stats.hubBuckets = found.hubBuckets;
  stats.hubBucketAds = found.hubBucketAds;

  // Sorted by the first ad's position in the input, then the second's; the similarity is
  // computed again rather than carried through the search (cheap, and exactly the same value).
  const pairs: TemplatePair[] = [];
  for (let i = 0; i < found.count; i++) {
    const x = linked[found.lo[i]!]!;
    const y = linked[found.hi[i]!]!;
    const similarity = jaccardAtLeast(
      values,
      starts[x]!,
      starts[x + 1]!,
      starts[y]!,
      starts[y + 1]!,
      0,
    );
    const idX = ads[x]!.id;
    const idY = ads[y]!.id;
    if (idX === idY) continue; // the same ad twice in the input
    const pair: TemplatePair =
      idX < idY ? { a: idX, b: idY, similarity } : { a: idY, b: idX, similarity };
    if (found.hub[i] === 1) pair.hub = true;
    pairs.push(pair);
  }
  stats.pairs = pairs.length;
  return { pairs, stats };
}

// ---------------------------------------------------------------------------------------------
// Slots: the template as analysts read it
// ---------------------------------------------------------------------------------------------

/** Work caps: the view is for reading, a sample of a cluster's texts shows its template. */
const VIEW_MAX_TEXTS = 50;
const VIEW_MAX_TOKENS = 300;
/** A token of the reference text in at least this share of the texts is shared text. */
const CONSTANT_SHARE = 0.8;
/** A gap filled in fewer texts than this share is noise (a typo, a stray number), not a slot. */
const SLOT_SHARE = 0.2;

/** Words (with inner apostrophes) and single other characters (punctuation, emoji). */
const VIEW_TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

interface ViewTokens {
  surface: string[];
  /** The whitespace before each token, to show the text as it was written. */
  pre: string[];
  keys: Int32Array;
}

function viewTokens(text: string, intern: Map<string, number>): ViewTokens {
  const surface: string[] = [];
  const pre: string[] = [];
  const keys: number[] = [];
  let last = 0;
  for (const m of text.matchAll(VIEW_TOKEN)) {
    if (surface.length === VIEW_MAX_TOKENS) break;
    const s = m[0];
    surface.push(s);
    pre.push(text.slice(last, m.index));
    last = m.index + s.length;
    const key = s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    let id = intern.get(key);
    if (id === undefined) {
      id = intern.size;
      intern.set(key, id);
    }
    keys.push(id);
  }
  return { surface, pre, keys: Int32Array.from(keys) };
}

/** For each token of `a`, the position of its partner in `b` under a longest common subsequence. */
function align(a: Int32Array, b: Int32Array): Int32Array {
  const la = a.length;
  const lb = b.length;
  const w = lb + 1;
  // lcs[i * w + j] = LCS length of a[i..] and b[j..].
  const lcs = new Uint16Array((la + 1) * w);
  for (let i = la - 1; i >= 0; i--) {
    for (let j = lb - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * w + j + 1]! + 1
          : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const match = new Int32Array(la).fill(-1);
  let i = 0;
  let j = 0;
  while (i < la && j < lb) {
    if (a[i] === b[j]) match[i++] = j++;
    else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return match;
}

const AGE_WORDS = new Set(['jaar', 'jarige', 'years', 'year', 'yo', 'anos', 'ans', 'jahre', 'ani']);
const PRICE_WORDS = new Set(['p', 'pu', 'per', 'rozen', 'euro', 'eur', '€', 'half', 'uur']);
const PLACE_CUES = new Set(['in', 'te', 'uit', 'naar', 'bij', 'rond', 'regio', 'en', 'em', 'at']);
const NAME_CUES = new Set(
  `ben heet is naam noemen soy llamo sou chamo am im meet dit ze onze meisje girl chica menina
   nieuw nieuwe new nueva nova`.split(/\s+/),
);
const CAPITALISED = /^\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2}$/u;
const PRICE_TEXT = /€|\beuro?\b|p\/u|per uur|rozen|half uur|\d\s*,-/i;

interface Slot {
  /** Per text: its value, or null when the text does not show this gap clearly. */
  values: (string | null)[];
  /** Keys of the nearest shared words before and after (punctuation skipped). */
  before: string;
  after: string;
  atStart: boolean;
  name?: string;
}

const SPOKEN_DIGIT_VALUE = new Map(
  DIGIT_WORDS.flatMap((list) => list.map((w, d) => [w, String(d)] as const)),
);

/** Whether a value holds a phone number, however obscured (spoken, keycaps, O for 0, stars). */
function looksLikePhone(value: string): boolean {
  const plain = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f\ufe0f\u20e3]/g, '')
    .replace(
      /\p{L}+/gu,
      (w) => SPOKEN_DIGIT_VALUE.get(w.toLowerCase()) ?? (/^[OolI]$/.test(w) ? '0' : w),
    )
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  return /\d(?:[\s.\-~*_()/+]*\d){6,}/.test(plain);
}

/** A value without the emoji and punctuation around it ("Papendrecht 😘" → "Papendrecht"). */
function core(value: string): string {
  return value.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Names a slot by its values and the words around it, when that is clear. */
function nameBySight(slot: Slot): string | undefined {
  const values = slot.values.filter((v): v is string => v !== null && v !== '').map(core);
  if (values.length === 0) return undefined;
  const most = (test: (v: string) => boolean) => values.filter(test).length * 2 > values.length;
  if (most(looksLikePhone)) return 'phone';
  if (values.every((v) => /^\d{2}$/.test(v))) {
    const ages = values.every((v) => Number(v) >= 16 && Number(v) <= 79);
    if (AGE_WORDS.has(slot.after) || (ages && !PRICE_WORDS.has(slot.after))) return 'age';
  }
  if (
    most((v) => PRICE_TEXT.test(v)) ||
    (most((v) => /^\d+$/.test(v)) && PRICE_WORDS.has(slot.after))
  )
    return 'price';
  if (values.every((v) => CAPITALISED.test(v))) {
    if (PLACE_CUES.has(slot.before)) return 'place';
    if (NAME_CUES.has(slot.before)) return 'name';
  }
  return undefined;
}

/** Values as shown: without sentence punctuation around them, distinct, in the order first seen. */
function distinctValues(values: readonly (string | null)[]): string[] {
  const shown = values.map((v) => (v ?? '').replace(/^[\s.,;:!?]+|[\s.,;:!?]+$/gu, ''));
  return [...new Set(shown.filter((v) => v !== ''))];
}

/**
 * Splits a gap into one slot per token when every text fills it with the same number of tokens
 * ("Roxy 46" → name, age); null when they differ ("Anna Maria" against "Kim").
 */
function splitColumns(
  toks: readonly ViewTokens[],
  spans: readonly ([number, number] | null)[],
  lead: number,
): { values: string[]; pre: string }[] | null {
  const first = spans[0];
  if (!first) return null;
  const width = first[1] - first[0];
  if (width < 2 || spans.some((s) => s === null || s[1] - s[0] !== width)) return null;
  const columns: { values: string[]; pre: string }[] = [];
  for (let c = 0; c < width; c++) {
    columns.push({
      values: spans.map((s, t) => toks[t]!.surface[s![0] + c]!),
      pre: toks[lead]!.pre[spans[lead]![0] + c]!,
    });
  }
  return columns;
}

/** Names every slot: by sight, else like a named slot with the same values, else slot1, slot2… */
function nameSlots(slots: readonly Slot[]): void {
  for (const slot of slots) slot.name = nameBySight(slot);
  const capitalised = (slot: Slot) =>
    slot.values.every((v) => v === null || core(v) === '' || CAPITALISED.test(core(v)));
  for (const slot of slots) {
    if (slot.name !== undefined || !capitalised(slot)) continue;
    // The name in the title is the name in the text: the same value in (nearly) every ad.
    for (const other of slots) {
      if (other.name !== 'name' && other.name !== 'place') continue;
      let both = 0;
      let same = 0;
      slot.values.forEach((v, t) => {
        const w = other.values[t];
        if (!v || !w) return;
        both++;
        if (core(v).toLowerCase() === core(w).toLowerCase()) same++;
      });
      if (both > 0 && same >= 0.8 * both) {
        slot.name = other.name;
        break;
      }
    }
    if (slot.name === undefined && slot.atStart) slot.name = 'name';
  }
  let n = 0;
  for (const slot of slots) if (slot.name === undefined) slot.name = `slot${++n}`;
}

type Part = { text: string } | { slot: Slot };

/**
 * The template of a cluster of ads, for analysts: the text the ads share, with the parts that
 * differ per ad as slots (name, age, place, price, phone when recognisable) and the values seen.
 *
 * Each text (at most 50, each up to 300 tokens) is aligned to the medoid (the text most like the
 * others) with a word-level longest common subsequence. A medoid token found in ≥ 80% of the
 * texts is shared text; what the texts hold between two shared tokens is a slot when ≥ 20% of
 * them fill it (less is a typo or a stray number in one ad).
 */
export function slotTemplate(texts: readonly string[]): TemplateView {
  const sample = texts.slice(0, VIEW_MAX_TEXTS);
  if (sample.length === 0) return { parts: [] };
  const intern = new Map<string, number>();
  const toks = sample.map((t) => viewTokens(t, intern));
  const m = toks.length;

  // The medoid by token-set Jaccard: the most typical text shows the template best.
  const sets = toks.map((t) => new Set(t.keys));
  let ref = 0;
  let best = -1;
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      let common = 0;
      for (const k of sets[i]!) if (sets[j]!.has(k)) common++;
      sum += common / (sets[i]!.size + sets[j]!.size - common || 1);
    }
    if (sum > best) {
      best = sum;
      ref = i;
    }
  }
  const r = toks[ref]!;
  const matches = toks.map((t, i) =>
    i === ref ? Int32Array.from(r.keys.keys()) : align(r.keys, t.keys),
  );
  const need = m < 2 ? 1 : Math.max(2, Math.ceil(CONSTANT_SHARE * m));
  const constants: number[] = [];
  for (let i = 0; i < r.keys.length; i++) {
    let support = 0;
    for (const match of matches) if (match[i]! >= 0) support++;
    if (support >= need) constants.push(i);
  }

  const keyText = new Array<string>(intern.size);
  for (const [k, id] of intern) keyText[id] = k;
  const isWord = (s: string) => /[\p{L}\p{N}]/u.test(s);
  /** The nearest shared word at or before constant c (backwards) or from c on (forwards). */
  const wordNear = (c: number, step: -1 | 1) => {
    for (let i = c; i >= 0 && i < constants.length; i += step) {
      const k = constants[i]!;
      if (isWord(r.surface[k]!)) return keyText[r.keys[k]!]!;
    }
    return '';
  };

  const parts: Part[] = [];
  const slots: Slot[] = [];
  const pushText = (s: string) => {
    if (s === '') return;
    const last = parts[parts.length - 1];
    if (last && 'text' in last) last.text += s;
    else parts.push({ text: s });
  };
  const pushSlot = (slot: Slot) => {
    slots.push(slot);
    parts.push({ slot });
  };

  for (let g = 0; g <= constants.length; g++) {
    // The gap before shared token g (g = constants.length: after the last one), in every text.
    const spans: ([number, number] | null)[] = toks.map((tk, t) => {
      const left = g === 0 ? -1 : matches[t]![constants[g - 1]!]!;
      const right = g === constants.length ? tk.surface.length : matches[t]![constants[g]!]!;
      return (g > 0 && left < 0) || right < 0 ? null : [left + 1, right];
    });
    const values = spans.map((s, t) => {
      if (s === null) return null;
      let v = '';
      for (let i = s[0]; i < s[1]; i++)
        v += (i === s[0] ? '' : toks[t]!.pre[i]!) + toks[t]!.surface[i]!;
      return v;
    });
    const filled = values.filter((v) => v !== null && v !== '').length;
    // Only punctuation differs (". " against a line break): layout, shown as the medoid has it.
    const layout = values.every((v) => v === null || !/[\p{L}\p{N}\p{So}]/u.test(v));
    const refSpan = spans[ref];
    if (layout && refSpan && refSpan[0] < refSpan[1]) {
      pushText(r.pre[refSpan[0]]! + values[ref]!);
    } else if (
      m > 1 &&
      !layout &&
      filled >= Math.ceil(SLOT_SHARE * m) &&
      new Set(values).size > 1
    ) {
      const nonEmpty = (t: number) => spans[t] !== null && spans[t]![0] < spans[t]![1];
      const lead = nonEmpty(ref) ? ref : spans.findIndex((_, t) => nonEmpty(t));
      if (parts.length > 0) pushText(toks[lead]!.pre[spans[lead]![0]]!);
      const before = wordNear(g - 1, -1);
      const after = wordNear(g, 1);
      const columns = splitColumns(toks, spans, lead);
      if (columns === null) pushSlot({ values, before, after, atStart: g === 0 });
      else {
        columns.forEach((col, c) => {
          if (c > 0) pushText(col.pre);
          if (new Set(col.values).size === 1) pushText(col.values[0]!);
          else
            pushSlot({
              values: col.values,
              before: c === 0 ? before : '',
              after: c === columns.length - 1 ? after : '',
              atStart: g === 0 && c === 0,
            });
        });
      }
    }
    if (g < constants.length) {
      const k = constants[g]!;
      pushText((parts.length === 0 ? '' : r.pre[k]!) + r.surface[k]!);
    }
  }
  nameSlots(slots);
  return {
    parts: parts.map((p) =>
      'text' in p ? p : { slot: p.slot.name!, values: distinctValues(p.slot.values) },
    ),
  };
}
