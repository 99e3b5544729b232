import { foldWord, hashWord, WordList, wordEquals } from '../../intake/ads/language.js';

/**
 * A small phrase matcher for ad wording: phrases are sequences of words, compared folded (case and
 * accents removed), so "NUEVA en la Ciudad", "nueva 🔥 en la ciudad" and "Nueva-en-la-ciudad" are
 * one phrase. The text is read into words once (language.ts's scanner); every phrase of every
 * indicator is then found in one walk over a word trie. Regexes are never run over the whole text.
 *
 * Phrase syntax: words separated by spaces; `a|b|c` is a choice of one word; a trailing `?` makes
 * a slot optional; `@Cap` is any capitalised word that is not a function word (a place name in
 * "nieuw in Zwolle"); `@Name` is a word of the ad's own name ("Roxy is …"); `@Any` is any word.
 * Every word is one scanner word: "foto's" is written `foto` (a trailing "'s" is absorbed), "24/7"
 * is `24 7` with a check on what stands between.
 *
 * Typos: a lexicon word of five letters or more also matches with two neighbouring letters
 * swapped ("Alelen app", "meijse"), the commonest slip in typed text, unless the swapped form is
 * itself a lexicon word.
 */

export interface PhraseRule {
  code: string;
  phrase: string;
  /** A false friend: drops hits of `code` it overlaps ("jong van geest" is no youth wording). */
  stop?: boolean;
  /** Words that may not follow the phrase ("no calls from hidden numbers" is not "no calls"). */
  notNext?: string;
  /** Words that may not come right before it ("25 jaar jong"). */
  notPrev?: string;
  /** Extra check on the matched stretch, e.g. what stands between "24" and "7". */
  verify?: (text: string, start: number, end: number) => boolean;
  /** False when a negation before or after does not undo it (third-person voice). */
  negatable?: boolean;
  /** Only in the ad's text, not its title or name: headlines speak of her by convention. */
  textOnly?: boolean;
}

export interface PhraseHit {
  code: string;
  start: number;
  end: number;
  /** Index of the first and last word of the match in the WordList. */
  first: number;
  last: number;
  rule: number;
}

interface Terminal {
  code: string;
  rule: number;
  stop: boolean;
  negatable: boolean;
  notNext: Map<number, string> | null;
  notPrev: Map<number, string> | null;
  verify: ((text: string, start: number, end: number) => boolean) | null;
}

interface Node {
  next: Map<number, Node>;
  /** Folded word per child hash, to rule out hash collisions. */
  word: Map<number, string>;
  cap: Node | null;
  name: Node | null;
  any: Node | null;
  ends: Terminal[];
}

const newNode = (): Node => ({
  next: new Map(),
  word: new Map(),
  cap: null,
  name: null,
  any: null,
  ends: [],
});

const SPECIAL = new Set(['@Cap', '@Name', '@Any']);
/** Shortest word whose swapped-letter typos are matched too. */
const MIN_TYPO_LENGTH = 5;

/** Capitalised function words that never name a place ("Nieuw In Het Vak"). */
const CAP_STOP = wordSet(
  `de het een dit deze die dat mijn jouw je jou u uw ons onze en of ik mij me hier daar in op
  the a an this that my your our and or i me you here there it in to at
  la el los las un una mi tu su esta este ese esa y o aqui en yo
  a o os as um uma minha meu sua seu essa esse e aqui em na no eu`,
);

/** Folded word → hash set, checked by hash and confirmed by text. */
export function wordSet(list: string): Map<number, string> {
  const set = new Map<number, string>();
  for (const w of list.split(/\s+/)) {
    if (w === '') continue;
    const folded = foldWord(w);
    set.set(hashWord(folded), folded);
  }
  return set;
}

export function hasWord(
  set: Map<number, string>,
  text: string,
  list: WordList,
  i: number,
): boolean {
  const folded = set.get(list.hashes[i]!);
  return folded !== undefined && wordEquals(text, list.starts[i]!, list.ends[i]!, folded);
}

/** Characters that end a phrase: sentence and list punctuation, line breaks. */
function isBreak(c: number): boolean {
  return (
    c === 0x2e || // .
    c === 0x21 || // !
    c === 0x3f || // ?
    c === 0x3b || // ;
    c === 0x2c || // ,
    c === 0x0a ||
    c === 0x0d ||
    c === 0x7c || // |
    c === 0x2022 // •
  );
}

/** Longest gap (in UTF-16 units) allowed between two words of a phrase: a few emoji. */
const MAX_GAP = 16;

/** Whether two words may belong to one phrase: nothing but spaces, symbols and emoji between. */
function joinable(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let i = from; i < to; i++) if (isBreak(text.charCodeAt(i))) return false;
  return true;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x60;
}

const S_HASH = hashWord('s');
const IS_HASH = hashWord('is');

/** Whether word `i` is the "s" of "foto's" / "she's": an apostrophe glued to the word before. */
function isApostropheS(text: string, list: WordList, i: number): boolean {
  if (i === 0 || list.hashes[i] !== S_HASH) return false;
  const start = list.starts[i]!;
  return (
    start - list.ends[i - 1]! === 1 &&
    isApostrophe(text.charCodeAt(start - 1)) &&
    wordEquals(text, start, list.ends[i]!, 's')
  );
}

function isCapitalised(text: string, list: WordList, i: number): boolean {
  const c = text.charCodeAt(list.starts[i]!);
  if (c >= 0x41 && c <= 0x5a) return !hasWord(CAP_STOP, text, list, i);
  if (c < 0xc0) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() && !hasWord(CAP_STOP, text, list, i);
}

export class PhraseMatcher {
  private readonly root = newNode();
  /** Low 16 bits of every first-word hash: most words are ruled out here, before the Map. */
  private readonly maybeFirst = new Uint8Array(0x10000);
  /** Hash of a typo → the hash of the lexicon word it stands for, and the typo itself. */
  private readonly typos = new Map<number, { hash: number; folded: string }>();
  private readonly lexicon = new Set<string>();
  private readonly firstWords = new Set<string>();
  readonly rules: readonly PhraseRule[];

  constructor(rules: readonly PhraseRule[]) {
    this.rules = rules;
    rules.forEach((rule, index) => this.add(rule, index));
    for (const word of this.lexicon) {
      if (word.length < MIN_TYPO_LENGTH || !/^\p{L}+$/u.test(word)) continue;
      for (let i = 0; i + 1 < word.length; i++) {
        if (word[i] === word[i + 1]) continue;
        const typo = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
        if (this.lexicon.has(typo)) continue;
        const h = hashWord(typo);
        this.typos.set(h, { hash: hashWord(word), folded: typo });
        if (this.firstWords.has(word)) this.maybeFirst[h & 0xffff] = 1;
      }
    }
  }

  /** The child of `node` for word `i`: by its hash, or as a typo of a lexicon word. */
  private child(node: Node, text: string, list: WordList, i: number): Node | undefined {
    const h = list.hashes[i]!;
    const start = list.starts[i]!;
    const end = list.ends[i]!;
    const exact = node.next.get(h);
    if (exact) return wordEquals(text, start, end, node.word.get(h)!) ? exact : undefined;
    const typo = this.typos.get(h);
    if (typo === undefined) return undefined;
    const child = node.next.get(typo.hash);
    return child && wordEquals(text, start, end, typo.folded) ? child : undefined;
  }

  private add(rule: PhraseRule, index: number): void {
    const slots = rule.phrase
      .trim()
      .split(/\s+/)
      .map((token) => {
        const optional = token.endsWith('?');
        const words = (optional ? token.slice(0, -1) : token)
          .replace(/^\(|\)$/g, '')
          .split('|')
          .filter((w) => w !== '');
        for (const w of words)
          if (!SPECIAL.has(w) && new WordList().read(w).count !== 1)
            throw new Error(`phrase "${rule.phrase}": "${w}" is not one word`);
        return { optional, words };
      });
    const terminal: Terminal = {
      code: rule.code,
      rule: index,
      stop: rule.stop === true,
      negatable: rule.negatable !== false,
      notNext: rule.notNext ? wordSet(rule.notNext) : null,
      notPrev: rule.notPrev ? wordSet(rule.notPrev) : null,
      verify: rule.verify ?? null,
    };
    // Every concrete sequence of words becomes a path in the trie.
    const expand = (k: number, node: Node, depth: number): void => {
      if (k === slots.length) {
        if (depth === 0) throw new Error(`phrase "${rule.phrase}" can match nothing`);
        node.ends.push(terminal);
        return;
      }
      const slot = slots[k]!;
      if (slot.optional) expand(k + 1, node, depth);
      for (const w of slot.words) {
        if (w === '@Cap' || w === '@Any') {
          if (depth === 0) throw new Error(`phrase "${rule.phrase}" starts with ${w}`);
          const key = w === '@Cap' ? 'cap' : 'any';
          node[key] ??= newNode();
          expand(k + 1, node[key], depth + 1);
          continue;
        }
        if (w === '@Name') {
          node.name ??= newNode();
          expand(k + 1, node.name, depth + 1);
          continue;
        }
        const folded = foldWord(w);
        this.lexicon.add(folded);
        if (depth === 0) this.firstWords.add(folded);
        const h = hashWord(folded);
        let child = node.next.get(h);
        if (!child) {
          child = newNode();
          node.next.set(h, child);
          node.word.set(h, folded);
        }
        if (depth === 0) this.maybeFirst[h & 0xffff] = 1;
        expand(k + 1, child, depth + 1);
      }
    };
    expand(0, this.root, 0);
  }

  /**
   * Every phrase found in `text` (words already read into `list`), in text order. `names` are
   * the folded words of the ad's own name, for `@Name`.
   */
  find(
    text: string,
    list: WordList,
    out: PhraseHit[] = [],
    names: readonly string[] = [],
  ): PhraseHit[] {
    const { count, hashes } = list;
    if (names !== this.names) {
      this.names = names;
      this.nameHashes = names.map(hashWord);
    }
    const byName = this.root.name !== null && names.length > 0;
    for (let i = 0; i < count; i++) {
      if (byName && this.isName(text, list, i)) this.walk(text, list, this.root.name!, i, i, out);
      if (this.maybeFirst[hashes[i]! & 0xffff] === 0) continue;
      const first = this.child(this.root, text, list, i);
      if (first) this.walk(text, list, first, i, i, out);
    }
    return out;
  }

  private names: readonly string[] = [];
  private nameHashes: number[] = [];

  private isName(text: string, list: WordList, i: number): boolean {
    const h = list.hashes[i]!;
    for (let k = 0; k < this.nameHashes.length; k++)
      if (
        this.nameHashes[k] === h &&
        wordEquals(text, list.starts[i]!, list.ends[i]!, this.names[k]!)
      )
        return true;
    return false;
  }

  private walk(
    text: string,
    list: WordList,
    node: Node,
    first: number,
    last: number,
    out: PhraseHit[],
  ): void {
    const count = list.count;
    // A "'s" right after the word: part of it ("foto's"), or the next word ("she's" = she is).
    const next = last + 1;
    const apostropheS = next < count && isApostropheS(text, list, next);
    for (const t of node.ends) {
      const end = list.ends[apostropheS ? next : last]!;
      const start = list.starts[first]!;
      if (t.notPrev && first > 0 && this.adjacent(text, list, first - 1)) {
        if (hasWord(t.notPrev, text, list, first - 1)) continue;
      }
      const after = apostropheS ? next + 1 : next;
      if (t.notNext && after < count && this.adjacent(text, list, after - 1)) {
        if (hasWord(t.notNext, text, list, after)) continue;
      }
      if (t.verify && !t.verify(text, start, end)) continue;
      out.push({ code: t.code, start, end, first, last: apostropheS ? next : last, rule: t.rule });
    }
    if (node.next.size === 0 && node.cap === null && node.any === null && node.name === null)
      return;
    this.step(text, list, node, first, next, out);
    if (apostropheS) {
      // "she's": the 's as "is", or skipped as part of the word.
      const is = node.next.get(IS_HASH);
      if (is) this.walk(text, list, is, first, next, out);
      this.step(text, list, node, first, next + 1, out);
    }
  }

  /** Continues a match from `node` with word `j`. */
  private step(
    text: string,
    list: WordList,
    node: Node,
    first: number,
    j: number,
    out: PhraseHit[],
  ): void {
    if (j >= list.count || !joinable(text, list.ends[j - 1]!, list.starts[j]!)) return;
    const child = this.child(node, text, list, j);
    if (child) this.walk(text, list, child, first, j, out);
    if (node.cap && isCapitalised(text, list, j)) this.walk(text, list, node.cap, first, j, out);
    if (node.name && this.isName(text, list, j)) this.walk(text, list, node.name, first, j, out);
    if (node.any && list.hashes[j] !== S_HASH) this.walk(text, list, node.any, first, j, out);
  }

  /** Whether word `i` and word `i + 1` are joined (no punctuation between). */
  private adjacent(text: string, list: WordList, i: number): boolean {
    return joinable(text, list.ends[i]!, list.starts[i + 1]!);
  }
}
