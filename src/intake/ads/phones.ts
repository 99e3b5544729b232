import {
  Metadata,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import type { FoundPhone } from './types.js';

/**
 * Phone numbers in ad text, however they are written: plain, international, split by dots or
 * stars, with letters for digits, keycap emoji, full-width or other Unicode digits, spelled out in
 * Dutch/English/Spanish/Portuguese, or inside a WhatsApp link.
 *
 * How it works: one pass over the text cuts it into *groups* (a run of digit-like characters, or
 * one spelled digit word) joined by short separators into *runs*. Only a run that can start a
 * number (a `+`, `00`, or the national prefix of the default country) is looked at further: each
 * possible start takes the longest stretch of groups that libphonenumber (`/max` metadata, strict
 * `isValid`) accepts, and when such stretches overlap the one covering more digits wins, a mobile
 * number breaking ties. Groups are never cut, so a price or age next to a number is never glued
 * onto it. Before that, a run loses what is plainly something else: dates (`12-03-2023`), times
 * (`21.00`), a quantity before a unit (`… 150 rozen`, `45 min`), an amount (`8.648,-`), a number
 * after an identifier label (`KvK`, `IBAN`, a bank code), lone number words ("een").
 *
 * Letters for digits (`O`, `o`, `I`, `l`) count inside a word that has real digits (`O6-l2345678`)
 * or among single spaced digits (`+ 57 3 O O 3…`), never in ordinary words ("Olga", "of").
 * Spelled digits count in a stretch of at least six number words. With an explicit `+` or `00`,
 * a number libphonenumber only finds *possible* (its ranges lag reality) is accepted when it is
 * the whole rest of the run. Digits glued to a word (`Sofia0612345678`) need at least eight.
 *
 * One FoundPhone per occurrence: the same number written twice gives two results with their own
 * spans; the caller deduplicates by `e164`.
 *
 * Spans: from the `+` (or an opening bracket just before the number) to the end of the last digit
 * (keycap marks included); for WhatsApp links the span is the digits after `wa.me/` or `phone=`.
 */

export interface FindPhonesOptions {
  /** Country for numbers written nationally (`06…`); default `NL`. */
  defaultCountry?: CountryCode;
}

// ---------------------------------------------------------------------------------------------
// libphonenumber: validation with a cache and a cheap length check in front of it.

interface Checked {
  number: PhoneNumber;
  e164: string;
  country: string | null;
}

/** Possible national-number lengths per calling code, to skip libphonenumber on hopeless input. */
const LENGTHS_BY_CALLING_CODE = new Map<string, Set<number>>();
const NATIONAL_PREFIX = new Map<CountryCode, string>();
const LENGTHS_BY_COUNTRY = new Map<CountryCode, Set<number>>();
{
  const metadata = new Metadata();
  for (const country of getCountries()) {
    metadata.selectNumberingPlan(country);
    const plan = metadata.numberingPlan;
    if (!plan) continue;
    const lengths = new Set(plan.possibleLengths());
    LENGTHS_BY_COUNTRY.set(country, lengths);
    const code = getCountryCallingCode(country);
    const all = LENGTHS_BY_CALLING_CODE.get(code) ?? new Set<number>();
    for (const l of lengths) all.add(l);
    LENGTHS_BY_CALLING_CODE.set(code, all);
    // `nationalPrefix()` exists at runtime but is not in the typings; it is absent (0) for
    // countries without a trunk prefix, such as Spain and Italy.
    const prefix = (plan as unknown as { nationalPrefix?: () => unknown }).nationalPrefix?.();
    NATIONAL_PREFIX.set(country, typeof prefix === 'string' ? prefix : '');
  }
}

/** Could `digits` (after `+`) be a number of its calling code, going by length alone? */
function plausibleInternational(digits: string): boolean {
  for (let ccLength = 1; ccLength <= 3 && ccLength < digits.length; ccLength++) {
    const lengths = LENGTHS_BY_CALLING_CODE.get(digits.slice(0, ccLength));
    if (!lengths) continue;
    const rest = digits.length - ccLength;
    // `+31 0 6…`: a trunk zero after the calling code is dropped by libphonenumber.
    return lengths.has(rest) || (digits.charCodeAt(ccLength) === 48 && lengths.has(rest - 1));
  }
  // Calling codes are prefix-free; no match is an unknown or non-geographic code (+800, +882…),
  // which ads do not use.
  return false;
}

function plausibleNational(digits: string, country: CountryCode, prefix: string): boolean {
  const lengths = LENGTHS_BY_COUNTRY.get(country);
  return lengths !== undefined && lengths.has(digits.length - prefix.length);
}

/** Parsed numbers by input; the same numbers recur across captures of an ad and a network. */
const cache = new Map<string, Checked | null>();
const CACHE_LIMIT = 50_000;

function check(text: string, country: CountryCode, strict: boolean): Checked | null {
  // The default country only matters for national input.
  const key = `${strict ? 'v' : 'p'}${text.startsWith('+') ? '' : country}${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const number = parsePhoneNumberFromString(text, country);
  const ok = number !== undefined && (strict ? number.isValid() : number.isPossible());
  const result = ok ? { number, e164: number.number, country: number.country ?? null } : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function isMobile(checked: Checked): boolean {
  const type = checked.number.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

// ---------------------------------------------------------------------------------------------
// Characters.

const C_NONE = 0;
const C_DIGIT = 1;
const C_LETTER = 2;
/** `O`/`o`, read as 0 inside a digit-like word. */
const C_LETTER_O = 3;
/** `I`/`l`, read as 1 inside a digit-like word. */
const C_LETTER_I = 4;
const C_SEP = 5;
const C_PLUS = 6;

const ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII[c] = C_DIGIT;
for (let c = 65; c <= 90; c++) ASCII[c] = C_LETTER;
for (let c = 97; c <= 122; c++) ASCII[c] = C_LETTER;
ASCII[79] = ASCII[111] = C_LETTER_O; // O o
ASCII[73] = ASCII[108] = C_LETTER_I; // I l
for (const ch of ' \t.-/()*_~,') ASCII[ch.charCodeAt(0)] = C_SEP;
ASCII[43] = C_PLUS;

/** Separators outside ASCII: no-break and thin spaces, dashes, minus. */
const WIDE_SEP = new Set([
  0xa0, 0x2009, 0x202f, 0x3000, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212,
]);
const FULLWIDTH_PLUS = 0xff0b;

const ND = /^\p{Nd}$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

/** Value of a Unicode decimal digit: digits come in runs 0…9, so count the run below it. */
const unicodeDigitValue = new Map<number, number>();
function digitValue(cp: number): number {
  let value = unicodeDigitValue.get(cp);
  if (value === undefined) {
    let below = 0;
    while (ND.test(String.fromCodePoint(cp - below - 1))) below++;
    value = below % 10;
    unicodeDigitValue.set(cp, value);
  }
  return value;
}

// Spelled digits. Dutch "een" is also the article and English "one" a pronoun: a spelled word
// only counts inside a stretch of at least SPELLED_MIN of them (see markBadGroups).
const SPELLED = new Map<string, number>();
for (const [words, digit] of [
  ['nul zero cero oh', 0],
  ['een één eén one uno um uma', 1],
  ['twee two dos dois duas', 2],
  ['drie three tres três', 3],
  ['vier four cuatro quatro', 4],
  ['vijf five cinco', 5],
  ['zes six seis meia', 6],
  ['zeven seven siete sete', 7],
  ['acht eight ocho oito', 8],
  ['negen nine nueve nove', 9],
] as const) {
  for (const w of words.split(' ')) SPELLED.set(w, digit);
}
// Typos: two neighbouring letters swapped ("cautro") in the longer words.
for (const [w, digit] of [...SPELLED]) {
  if (w.length < 5) continue;
  for (let k = 0; k + 1 < w.length; k++) {
    const typo = w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
    if (!SPELLED.has(typo)) SPELLED.set(typo, digit);
  }
}
const SPELLED_MIN = 6;
/** First two letters (lower-cased) of the spelled words → bit mask of their lengths: a cheap
 * filter before the map, so the many "en", "een", "ik" cost next to nothing. */
const SPELLED_START = new Map<number, number>();
for (const w of SPELLED.keys()) {
  const key = (w.charCodeAt(0) << 16) | w.charCodeAt(1);
  SPELLED_START.set(key, (SPELLED_START.get(key) ?? 0) | (1 << w.length));
}
const SPELLED_MAX_LENGTH = 6;

/** The digit a spelled word `text[i, j)` stands for, or -1. */
function spelledDigit(text: string, i: number, j: number): number {
  const length = j - i;
  if (length < 2 || length > SPELLED_MAX_LENGTH) return -1;
  const key = ((text.charCodeAt(i) | 0x20) << 16) | (text.charCodeAt(i + 1) | 0x20);
  const lengths = SPELLED_START.get(key);
  if (lengths === undefined || (lengths & (1 << length)) === 0) return -1;
  return SPELLED.get(text.slice(i, j).toLowerCase()) ?? -1;
}

// ---------------------------------------------------------------------------------------------
// Groups and runs.

const F_DIGIT = 1;
const F_LETTERS = 2;
const F_KEYCAP = 4;
const F_FULLWIDTH = 8;
const F_UNICODE = 16;
const F_SPELLED = 32;

interface Group {
  /** ASCII digits this group stands for. */
  digits: string;
  start: number;
  end: number;
  flags: number;
  /** Index of a `+` written just before (at most a space or bracket between), or -1. */
  plusAt: number;
  /** Separator text between the previous group of the run and this one. */
  gap: string;
  /** Taken out of the run: part of a date, a lone spelled word, a stray `o`. */
  bad: boolean;
}

// Scratch results of readWord, to avoid an object per word.
let wordEnd = 0;
let wordDigits = '';
let wordFlags = 0;

const W_OTHER = 0;
const W_DIGITS = 1;
/** Only `O`, `o`, `I`, `l`: digits only next to real ones. */
const W_PURE_LETTERS = 2;
const W_SPELLED = 3;

/** Reads the word starting at `i` and says what it is; its end and digits go to the scratch. */
function readWord(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let flags = 0;
  let oil = 0;
  let other = 0;
  // First pass: only classify, most words are plain words and need no digits.
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      const cls = ASCII[c];
      if (cls === C_LETTER) other++;
      else if (cls === C_DIGIT) flags |= F_DIGIT;
      else if (cls === C_LETTER_O || cls === C_LETTER_I) oil++;
      else break;
      j++;
    } else if (c === 0xfe0f || c === 0xfe0e) {
      j++;
    } else if (c === 0x20e3) {
      flags |= F_KEYCAP;
      j++;
    } else if (c >= 0xff10 && c <= 0xff19) {
      flags |= F_DIGIT | F_FULLWIDTH;
      j++;
    } else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
      // Latin-1 and Latin Extended letters (accents), the common case outside ASCII.
      other++;
      j++;
    } else if (WIDE_SEP.has(c)) {
      break;
    } else {
      const cp = text.codePointAt(j) ?? c;
      const ch = String.fromCodePoint(cp);
      if (ND.test(ch)) flags |= F_DIGIT | F_UNICODE;
      else if (LETTER_OR_MARK.test(ch)) other++;
      else break;
      j += cp > 0xffff ? 2 : 1;
    }
  }
  wordEnd = j;
  if (other === 0 && (flags & F_DIGIT || oil > 0)) {
    wordDigits = digitsOf(text, i, j);
    if (flags & F_DIGIT) {
      wordFlags = oil > 0 ? flags | F_LETTERS : flags;
      return W_DIGITS;
    }
    wordFlags = F_LETTERS;
    return W_PURE_LETTERS;
  }
  if (flags & F_DIGIT) return splitGluedDigits(text, i, j);
  return spelledWord(text, i, j);
}

/** Digits glued to a word need this many to be read apart: "Sofia0612345678", "0612345678xx". */
const GLUED_DIGITS_MIN = 8;

/**
 * A word of letters and digits ("80D", "1012AB", "NL08ABNA0525579264") is no number, unless it
 * is a word of letters glued to a long run of ASCII digits. Then only the letters (before) or the
 * digits (before the letters) are this word, and the scan goes on with the rest.
 */
function splitGluedDigits(text: string, i: number, j: number): number {
  let digitsEnd = i;
  while (digitsEnd < j && ASCII[text.charCodeAt(digitsEnd)] === C_DIGIT) digitsEnd++;
  if (digitsEnd - i >= GLUED_DIGITS_MIN && !hasDigit(text, digitsEnd, j)) {
    wordEnd = digitsEnd;
    wordDigits = text.slice(i, digitsEnd);
    wordFlags = F_DIGIT;
    return W_DIGITS;
  }
  let digitsStart = j;
  while (digitsStart > i && ASCII[text.charCodeAt(digitsStart - 1)] === C_DIGIT) digitsStart--;
  if (j - digitsStart >= GLUED_DIGITS_MIN && !hasDigit(text, i, digitsStart)) {
    wordEnd = digitsStart;
  }
  return W_OTHER;
}

/** Any digit (of any script) in text[from, to)? */
function hasDigit(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) return true;
    if (c >= 128 && ND.test(text[k]!)) return true;
  }
  return false;
}

function spelledWord(text: string, i: number, j: number): number {
  const digit = spelledDigit(text, i, j);
  if (digit < 0) return W_OTHER;
  wordDigits = String.fromCharCode(48 + digit);
  wordFlags = F_SPELLED;
  return W_SPELLED;
}

/** The ASCII digits of a digit-like word (no other letters than O, o, I, l in it). */
function digitsOf(text: string, i: number, end: number): string {
  let digits = '';
  for (let j = i; j < end;) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      const cls = ASCII[c];
      digits += cls === C_LETTER_O ? '0' : cls === C_LETTER_I ? '1' : text[j]!;
      j++;
    } else if (c >= 0xff10 && c <= 0xff19) {
      digits += String.fromCharCode(c - 0xff10 + 48);
      j++;
    } else {
      const cp = text.codePointAt(j) ?? c;
      if (c !== 0xfe0f && c !== 0xfe0e && c !== 0x20e3) {
        digits += String.fromCharCode(48 + digitValue(cp));
      }
      j += cp > 0xffff ? 2 : 1;
    }
  }
  return digits;
}

/**
 * May two groups with `gap` between them belong to one number? Short separator runs only, no
 * sentence end (`. `), and commas only between spelled words (`een, twee`), so `100,- 06…` is
 * two things.
 */
function joinable(gap: string, spelled: boolean): boolean {
  if (gap.length > 3) return false;
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c === 44 && !spelled) return false; // ,
    if (c === 46 && k + 1 < gap.length && gap.charCodeAt(k + 1) === 32) return false; // '. '
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Resolving a run into numbers.

function isDayOrMonth(g: Group): boolean {
  return g.digits.length <= 2 && (g.flags & F_SPELLED) === 0;
}

function isYear(g: Group): boolean {
  return g.digits.length === 4 && (g.digits.startsWith('19') || g.digits.startsWith('20'));
}

function isDateTriple(a: Group, b: Group, c: Group): boolean {
  if (b.gap !== c.gap || b.gap.length !== 1 || !'-/.'.includes(b.gap)) return false;
  const month = +b.digits;
  if (month < 1 || month > 12) return false;
  if (isDayOrMonth(a) && isDayOrMonth(b) && isYear(c)) return +a.digits <= 31;
  if (isYear(a) && isDayOrMonth(b) && isDayOrMonth(c)) return +c.digits <= 31;
  return false;
}

function hasWhitespace(gap: string): boolean {
  return /\s/.test(gap);
}

/** `21.00`, `9.30`: an hour and minutes, not part of a dotted chain like `06.12.34.56.78`. */
function isTime(run: Group[], k: number): boolean {
  const hour = run[k]!;
  const minutes = run[k + 1]!;
  if (minutes.gap !== '.' || hour.digits.length > 2 || minutes.digits.length !== 2) return false;
  if ((hour.flags | minutes.flags) & F_SPELLED) return false;
  if (+hour.digits > 24 || +minutes.digits > 59) return false;
  const next = run[k + 2];
  return !hour.gap.includes('.') && (next === undefined || !next.gap.includes('.'));
}

/** Takes out of the run what must not be read as digits. */
function markBadGroups(run: Group[]): void {
  const n = run.length;
  for (let k = 0; k + 2 < n; k++) {
    if (isDateTriple(run[k]!, run[k + 1]!, run[k + 2]!)) {
      run[k]!.bad = run[k + 1]!.bad = run[k + 2]!.bad = true;
    }
  }
  for (let k = 0; k + 1 < n; k++) {
    if (isTime(run, k)) run[k]!.bad = run[k + 1]!.bad = true;
  }
  // Spelled words count only in a long stretch: "een twee keer" is prose.
  for (let k = 0; k < n;) {
    if ((run[k]!.flags & F_SPELLED) === 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < n && run[end]!.flags & F_SPELLED) end++;
    if (end - k < SPELLED_MIN) for (let m = k; m < end; m++) run[m]!.bad = true;
    k = end;
  }
  // A word of only O/o/I/l ("o", "I", "lol") stands for digits only right next to real ones:
  // a single letter must be attached without a space (`O-6…`) or sit among single digits
  // (`+ 57 3 O O 3 8…`); longer ones just be adjacent. So "06… o 06…" stays two numbers.
  for (let k = 0; k < n; k++) {
    const g = run[k]!;
    if (g.flags !== F_LETTERS || g.bad) continue;
    const before = isRealDigits(run[k - 1]);
    const after = isRealDigits(run[k + 1]);
    const ok =
      g.digits.length === 1
        ? (before && !hasWhitespace(g.gap)) ||
          (after && !hasWhitespace(run[k + 1]!.gap)) ||
          amongSingleDigits(run, k)
        : before || after;
    if (!ok) g.bad = true;
  }
}

function isRealDigits(g: Group | undefined): boolean {
  return g !== undefined && !g.bad && g.flags !== F_LETTERS;
}

function isSingle(g: Group | undefined): boolean {
  return g !== undefined && !g.bad && g.digits.length === 1;
}

/** Is group `k` inside a stretch of ≥ 6 one-character groups, a third of them real digits? */
function amongSingleDigits(run: Group[], k: number): boolean {
  let from = k;
  while (isSingle(run[from - 1])) from--;
  let to = k;
  while (isSingle(run[to + 1])) to++;
  if (to - from + 1 < 6) return false;
  let real = 0;
  for (let m = from; m <= to; m++) if (run[m]!.flags & F_DIGIT) real++;
  return real * 3 >= to - from + 1;
}

function formOf(run: Group[], from: number, to: number, international: boolean): string {
  let flags = 0;
  let stars = false;
  let single = 0;
  for (let k = from; k <= to; k++) {
    const g = run[k]!;
    flags |= g.flags;
    if (g.digits.length === 1) single++;
    if (k > from && /[*_~]/.test(g.gap)) stars = true;
  }
  if (flags & F_SPELLED) return 'spelled';
  if (flags & F_KEYCAP) return 'keycap';
  if (flags & F_FULLWIDTH) return 'fullwidth';
  if (flags & F_UNICODE) return 'unicode-digits';
  if (flags & F_LETTERS) return 'letters';
  if (stars) return 'stars';
  if (single >= 6) return 'spaced';
  return international ? 'international' : 'plain';
}

const OBSCURED_FORMS = new Set([
  'spelled',
  'keycap',
  'fullwidth',
  'unicode-digits',
  'letters',
  'stars',
  'spaced',
]);

interface Candidate {
  from: number;
  to: number;
  checked: Checked;
  international: boolean;
  digitCount: number;
}

/** The longest stretch of groups from `from` that is a valid number, if any. */
function candidateAt(
  run: Group[],
  from: number,
  country: CountryCode,
  prefix: string,
): Candidate | null {
  const first = run[from]!;
  const national = prefix === '' || first.digits.startsWith(prefix);
  const international = first.plusAt >= 0 || first.digits.startsWith('00');
  if (!international && !national) return null;
  // Stretches from `from` and their digits; tried longest first.
  const ends: number[] = [];
  const accs: string[] = [];
  let acc = '';
  for (let k = from; k < run.length; k++) {
    const g = run[k]!;
    if (g.bad) break;
    acc += g.digits;
    if (acc.length > 18) break;
    ends.push(k);
    accs.push(acc);
  }
  if (international) {
    for (let e = ends.length - 1; e >= 0; e--) {
      const body = withoutIdd(accs[e]!);
      if (!plausibleInternational(body)) continue;
      const checked = check(`+${body}`, country, true);
      if (checked)
        return { from, to: ends[e]!, checked, international, digitCount: accs[e]!.length };
    }
  }
  // National, also after a stray `+` (`+ 06…` used as a bullet).
  if (national && !first.digits.startsWith('00')) {
    for (let e = ends.length - 1; e >= 0; e--) {
      if (!plausibleNational(accs[e]!, country, prefix)) continue;
      const checked = check(accs[e]!, country, true);
      if (checked)
        return { from, to: ends[e]!, checked, international: false, digitCount: accs[e]!.length };
    }
  }
  // Metadata lags new number ranges. An explicit `+` or `00` is a strong sign, so there a number
  // of a possible length for its calling code is enough, but only as the whole rest of the run,
  // so nothing written after it can be cut off.
  const last = ends.length - 1;
  if (!international || last < 0 || ends[last] !== run.length - 1) return null;
  const body = withoutIdd(accs[last]!);
  if (body.length < 8 || !plausibleInternational(body)) return null;
  const checked = check(`+${body}`, country, false);
  return checked
    ? { from, to: ends[last]!, checked, international, digitCount: accs[last]!.length }
    : null;
}

/** `0031…` → `31…`: the international call prefix used in Europe. */
function withoutIdd(digits: string): string {
  return digits.startsWith('00') ? digits.slice(2) : digits;
}

/** The words right around a run: [start, end) of each, or [-1, -1]. */
interface RunContext {
  wordBefore: [number, number];
  wordAfter: [number, number];
}

/** Units after a quantity, lower-case. `p` is the start of `p/u`. */
const UNIT_WORDS = new Set(
  (
    'rozen roos euro eur p pu uur u min mins minuten minutes minutos hour hours hora horas ' +
    'jaar jr years yrs anos años cm kg m km'
  ).split(' '),
);
/** Labels of numbers that are not phones, and Dutch bank codes (an IBAN written in groups). */
const ID_WORDS = new Set(
  (
    'kvk btw iban id ref referentie order bestelnummer factuur postcode advertentie ad ' +
    'abna ingb rabo snsb asnb trio knab bunq rbrb revo ntsb'
  ).split(' '),
);

/** Is `word` (from the scan) one of `words`, and close to `at` (a short separator between)? */
function isWordIn(
  text: string,
  word: [number, number],
  at: number,
  words: ReadonlySet<string>,
): boolean {
  const [start, end] = word;
  if (start < 0 || end - start > 12) return false;
  const gap = start >= at ? start - at : at - end;
  return gap <= 3 && words.has(text.slice(start, end).toLowerCase());
}

/** Reused by findPhones for every run (the scan is not re-entrant). */
const context: RunContext = { wordBefore: [-1, -1], wordAfter: [-1, -1] };

/** Resolves the run and empties it for the next one. */
function flushRun(
  text: string,
  run: Group[],
  country: CountryCode,
  prefix: string,
  out: FoundPhone[],
  context: RunContext,
): void {
  resolveRun(text, run, country, prefix, out, context);
  run.length = 0;
}

function resolveRun(
  text: string,
  run: Group[],
  country: CountryCode,
  prefix: string,
  out: FoundPhone[],
  context: RunContext,
): void {
  // Cheap exits first: most runs are a price, an age or a height.
  let total = 0;
  let canStart = false;
  for (const g of run) {
    total += g.digits.length;
    if (g.plusAt >= 0 || prefix === '' || g.digits.startsWith(prefix)) canStart = true;
  }
  if (total < 7 || !canStart) return;
  markBadGroups(run);
  // "… 236 rozen", "… 45 min": the last group is a quantity. "KvK 0123…": an identifier.
  const last = run[run.length - 1]!;
  if (run.length > 1 && isWordIn(text, context.wordAfter, last.end, UNIT_WORDS)) last.bad = true;
  // "8.648,-" and "1.250,00": an amount, thousands groups included.
  if (
    run.length > 1 &&
    text.charCodeAt(last.end) === 44 &&
    /^,(?:-|\d\d)/.test(text.slice(last.end, last.end + 3))
  ) {
    for (let k = run.length - 1; k >= 0; k--) {
      run[k]!.bad = true;
      if (run[k]!.gap !== '.' || run[k]!.digits.length !== 3) break;
    }
  }
  if (isWordIn(text, context.wordBefore, run[0]!.start, ID_WORDS)) run[0]!.bad = true;

  const candidates: Candidate[] = [];
  // A start inside a number already found can only matter if it reaches past that number's end
  // (a date-like prefix read as a number); otherwise skip it and save a libphonenumber call.
  let coveredTo = -1;
  let stretchEnd = -1; // last group before a bad one, from k on
  for (let k = 0; k < run.length; k++) {
    if (run[k]!.bad) continue;
    if (k > stretchEnd) {
      stretchEnd = k;
      while (stretchEnd + 1 < run.length && !run[stretchEnd + 1]!.bad) stretchEnd++;
    }
    if (k <= coveredTo && stretchEnd <= coveredTo) continue;
    const c = candidateAt(run, k, country, prefix);
    if (c) {
      candidates.push(c);
      coveredTo = Math.max(coveredTo, c.to);
    }
  }
  if (candidates.length === 0) return;

  // Overlapping candidates: keep the set covering most digits, mobiles winning ties. Scored
  // right to left over the candidates in start order (they are few).
  const chosen = candidates.length === 1 ? candidates : choose(candidates);
  for (const c of chosen) {
    const firstGroup = run[c.from]!;
    let start = c.international && firstGroup.plusAt >= 0 ? firstGroup.plusAt : firstGroup.start;
    const end = run[c.to]!.end;
    // An opening bracket belongs to the number when it closes inside it: "(06) 1234…".
    if (start > 0 && text.charCodeAt(start - 1) === 40) {
      const close = text.indexOf(')', start);
      if (close >= 0 && close < end) start--;
    }
    const form = formOf(run, c.from, c.to, c.international);
    out.push({
      start,
      end,
      e164: c.checked.e164,
      country: c.checked.country,
      obscured: OBSCURED_FORMS.has(form),
      form,
    });
  }
}

function choose(candidates: Candidate[]): Candidate[] {
  const score = candidates.map((c) => {
    const contested = candidates.some((o) => o !== c && o.from <= c.to && c.from <= o.to);
    return c.digitCount * 10 + (contested && isMobile(c.checked) ? 5 : 0);
  });
  // best[k]: best total using candidates k… (sorted by start); next[k]: first one after k's end.
  const n = candidates.length;
  const best = new Array<number>(n + 1).fill(0);
  const take = new Array<boolean>(n).fill(false);
  const nextOf = new Array<number>(n).fill(n);
  for (let k = n - 1; k >= 0; k--) {
    let next = k + 1;
    while (next < n && candidates[next]!.from <= candidates[k]!.to) next++;
    nextOf[k] = next;
    const taking = score[k]! + best[next]!;
    take[k] = taking >= best[k + 1]!;
    best[k] = Math.max(taking, best[k + 1]!);
  }
  const out: Candidate[] = [];
  for (let k = 0; k < n;) {
    if (take[k]) {
      out.push(candidates[k]!);
      k = nextOf[k]!;
    } else k++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// WhatsApp links.

const WHATSAPP_HINT = /wa\.me|whatsapp\.com/i;
const WHATSAPP_LINK =
  /(?:\bwa\.me\/|\bwhatsapp\.com\/send\/?\?(?:[^\s#]*?&)?phone=)(\+|%2B)?(\d{6,15})(?!\d)/gi;

function findWhatsappLinks(text: string, country: CountryCode, out: FoundPhone[]): void {
  WHATSAPP_LINK.lastIndex = 0;
  for (let m = WHATSAPP_LINK.exec(text); m; m = WHATSAPP_LINK.exec(text)) {
    const digits = m[2]!;
    const end = m.index + m[0].length;
    const start = end - digits.length - (m[1]?.length ?? 0);
    const checked = whatsappNumber(digits, country);
    if (!checked) continue;
    out.push({
      start,
      end,
      e164: checked.e164,
      country: checked.country,
      obscured: false,
      form: 'whatsapp-link',
    });
  }
}

/**
 * The number of a WhatsApp link's digits: international without `+` as wa.me wants it, else a
 * national number. Only `isPossible`: the link says it is a phone, so a new range still counts.
 */
function whatsappNumber(digits: string, country: CountryCode): Checked | null {
  if (digits.startsWith('00')) return check(`+${digits.slice(2)}`, country, false);
  const prefix = NATIONAL_PREFIX.get(country) ?? '';
  if (prefix !== '' && digits.startsWith(prefix)) return check(digits, country, false);
  return check(`+${digits}`, country, false);
}

// ---------------------------------------------------------------------------------------------

export function findPhones(text: string, opts?: FindPhonesOptions): FoundPhone[] {
  const country = opts?.defaultCountry ?? 'NL';
  const prefix = NATIONAL_PREFIX.get(country) ?? '';
  const out: FoundPhone[] = [];

  const n = text.length;
  const run: Group[] = [];
  let gapStart = 0;
  let plusAt = -1;
  // The last word seen, and the word just before the current run (for "KvK 0123…").
  let lastWordStart = -1;
  let lastWordEnd = -1;
  const before = context.wordBefore;
  const after = context.wordAfter;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? ASCII[c]! : WIDE_SEP.has(c) ? C_SEP : c === FULLWIDTH_PLUS ? C_PLUS : 0;
    if (cls === C_SEP) {
      i++;
      continue;
    }
    if (cls === C_PLUS) {
      if (run.length > 0) {
        after[0] = after[1] = -1;
        flushRun(text, run, country, prefix, out, context);
      }
      plusAt = i;
      gapStart = ++i;
      continue;
    }
    let kind: number;
    const symbol = cls === C_NONE && c < 128;
    if (cls === C_LETTER) {
      // Fast path for the common plain word: ASCII letters, not starting with O/o/I/l, so it
      // can only be a spelled digit or nothing. Anything else in it: read it properly.
      let j = i + 1;
      let next = 32;
      for (; j < n; j++) {
        next = text.charCodeAt(j);
        const nextCls = next < 128 ? ASCII[next]! : C_NONE;
        if (nextCls < C_LETTER || nextCls > C_LETTER_I) break;
      }
      if (j < n && (next >= 128 || ASCII[next] === C_DIGIT)) kind = readWord(text, i);
      else {
        wordEnd = j;
        kind = spelledWord(text, i, j);
      }
    } else kind = symbol ? W_OTHER : readWord(text, i);
    const end = symbol ? i + 1 : wordEnd;
    if (kind === W_OTHER) {
      if (run.length > 0) {
        after[0] = symbol ? -1 : i;
        after[1] = end;
        flushRun(text, run, country, prefix, out, context);
      }
      if (!symbol && end > i) {
        lastWordStart = i;
        lastWordEnd = end;
      }
      plusAt = -1;
      // An emoji or other symbol: not a word, skip one code point.
      i = end > i ? end : i + 1;
      gapStart = i;
      continue;
    }
    const spelled = kind === W_SPELLED;
    const gap = run.length > 0 ? text.slice(gapStart, i) : '';
    if (run.length > 0) {
      const last = run[run.length - 1]!;
      if (!joinable(gap, spelled || (last.flags & F_SPELLED) !== 0)) {
        after[0] = after[1] = -1;
        flushRun(text, run, country, prefix, out, context);
      }
    }
    if (run.length === 0) {
      before[0] = lastWordStart;
      before[1] = lastWordEnd;
    }
    // A `+` counts for the group right after it: `+31`, `+ 31`, `+(31)`.
    const plus = plusAt >= 0 && i - plusAt <= 2 && /^[ (]?$/.test(text.slice(plusAt + 1, i));
    run.push({
      digits: wordDigits,
      start: i,
      end,
      flags: wordFlags,
      plusAt: plus ? plusAt : -1,
      gap: run.length > 0 ? gap : '',
      bad: false,
    });
    plusAt = -1;
    i = end;
    gapStart = i;
  }
  if (run.length > 0) {
    after[0] = after[1] = -1;
    flushRun(text, run, country, prefix, out, context);
  }

  if (WHATSAPP_HINT.test(text)) {
    const links: FoundPhone[] = [];
    findWhatsappLinks(text, country, links);
    if (links.length > 0) {
      // A link written as `wa.me/+31…` would be read twice; the link wins.
      const rest = out.filter((p) => !links.some((l) => p.start < l.end && l.start < p.end));
      return [...rest, ...links].sort((a, b) => a.start - b.start);
    }
  }
  return out;
}
