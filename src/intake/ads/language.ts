import { detect } from 'tinyld';
import type { Language } from './types.js';

/**
 * Language and script of an ad text, fast.
 *
 * tinyld is accurate but costs ~100–200 µs a text; extraction has ~50 µs for everything. So we
 * count hits of very frequent words (function words plus the handful of words every ad in that
 * language uses) per language, and only ask tinyld when the count does not give a clear winner.
 *
 * This module also holds the word scanner that services.ts and origin.ts share: one pass over the
 * text, folding case and accents into a 32-bit hash per word, so looking a word up in a dictionary
 * costs a Map.get on a number and no string is allocated until a word is actually in it.
 */

// ---------------------------------------------------------------------------------------------
// Character tables
// ---------------------------------------------------------------------------------------------

/** Scripts by a small id, and their ISO 15924 codes. */
const SCRIPT_CODES = [
  null,
  'Latn',
  'Grek',
  'Cyrl',
  'Armn',
  'Hebr',
  'Arab',
  'Deva',
  'Beng',
  'Thai',
  'Geor',
  'Hang',
  'Hira',
  'Kana',
  'Hani',
] as const;
const S_LATN = 1;
const S_GREK = 2;
const S_CYRL = 3;
const S_ARAB = 6;
const S_HIRA = 12;
const S_KANA = 13;
const S_HANI = 14;
/** Scripts written without spaces between words: "words" there are whole runs. */
const UNSPACED = new Set([9, 12, 13, 14]);

/** Word characters that are not letters: digits, and combining marks (kept inside a word). */
const DIGIT = 0xfffe;
const MARK = 0xffff;

/**
 * Per UTF-16 code unit: 0 = not part of a word; DIGIT; MARK; otherwise the folded letter
 * (lower case, accents removed: `É` → `e`, `ñ` → `n`, `ł` → `l`). Surrogates (emoji and the rare
 * astral letters) are 0, so emoji split words and never count as letters.
 */
const FOLD = new Uint16Array(0x10000);
/** Per code unit: the script id of a letter, 0 otherwise. */
const SCRIPT = new Uint8Array(0x10000);

function setRange(from: number, to: number, script: number): void {
  for (let c = from; c <= to; c++) {
    FOLD[c] = c;
    SCRIPT[c] = script;
  }
}

(function buildTables() {
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  // Latin, IPA, Greek and Cyrillic: fold through toLowerCase and NFD.
  for (let c = 0; c < 0x530; c++) {
    const ch = String.fromCharCode(c);
    if (c >= 0x30 && c <= 0x39) FOLD[c] = DIGIT;
    else if (mark.test(ch)) FOLD[c] = MARK;
    else if (letter.test(ch)) {
      const base = ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
      FOLD[c] = base.length === 1 ? base.charCodeAt(0) : ch.toLowerCase().charCodeAt(0);
      SCRIPT[c] = c < 0x370 ? S_LATN : c < 0x400 ? S_GREK : S_CYRL;
    }
  }
  // Letters NFD does not take apart.
  for (const [from, to] of [
    ['ł', 'l'],
    ['Ł', 'l'],
    ['ø', 'o'],
    ['Ø', 'o'],
    ['đ', 'd'],
    ['Đ', 'd'],
    ['ı', 'i'],
    ['ħ', 'h'],
  ] as const)
    FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
  setRange(0x530, 0x58f, 4);
  setRange(0x590, 0x5ff, 5);
  setRange(0x600, 0x6ff, S_ARAB);
  setRange(0x750, 0x77f, S_ARAB);
  setRange(0x900, 0x97f, 7);
  setRange(0x980, 0x9ff, 8);
  setRange(0xe00, 0xe7f, 9);
  setRange(0x10a0, 0x10ff, 10);
  setRange(0x1100, 0x11ff, 11);
  setRange(0x3040, 0x309f, S_HIRA);
  setRange(0x30a0, 0x30ff, S_KANA);
  setRange(0x3400, 0x4dbf, S_HANI);
  setRange(0x4e00, 0x9fff, S_HANI);
  setRange(0xac00, 0xd7af, 11);
  // Punctuation, digits and marks inside those blocks are no letters.
  for (let c = 0x530; c < 0xd800; c++) {
    if (SCRIPT[c] === 0) continue;
    const ch = String.fromCharCode(c);
    if (!letter.test(ch)) {
      SCRIPT[c] = 0;
      FOLD[c] = mark.test(ch) ? MARK : /\p{N}/u.test(ch) ? DIGIT : 0;
    }
  }
  // Latin Extended Additional (Vietnamese and others): fold like the rest of Latin.
  for (let c = 0x1e00; c <= 0x1eff; c++) {
    const base = String.fromCharCode(c).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    FOLD[c] = base.length === 1 ? base.charCodeAt(0) : c;
    SCRIPT[c] = S_LATN;
  }
  // Full-width Latin and digits, a filter dodge: fold to ASCII.
  for (let c = 0; c < 26; c++) {
    FOLD[0xff21 + c] = FOLD[0xff41 + c] = 0x61 + c;
    SCRIPT[0xff21 + c] = SCRIPT[0xff41 + c] = S_LATN;
  }
  for (let c = 0xff10; c <= 0xff19; c++) FOLD[c] = DIGIT;
  for (let c = 0x300; c <= 0x36f; c++) FOLD[c] = MARK;
})();

/**
 * Per code unit, what the hash of a word takes from it: 0 = not in a word, 1 = a combining mark
 * (in the word, not hashed), else the folded letter or the (ASCII) digit. One lookup per
 * character for the hot loop of WordList.
 */
const HASH_INPUT = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const f = FOLD[c]!;
  HASH_INPUT[c] = f === MARK ? 1 : f === DIGIT ? (c >= 0xff10 ? c - 0xff10 + 0x30 : c) : f;
}

// ---------------------------------------------------------------------------------------------
// Word scanner
// ---------------------------------------------------------------------------------------------

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** Lower case, accents removed, the way the scanner sees a word. For dictionary keys. */
export function foldWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const f = FOLD[c]!;
    if (f === MARK) continue;
    out += f === 0 || f === DIGIT ? word[i] : String.fromCharCode(f);
  }
  return out;
}

/** The scanner's hash of one folded word (see foldWord). */
export function hashWord(folded: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < folded.length; i++) h = Math.imul(h ^ folded.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Walks the words of a text: maximal runs of letters (any script), digits and combining marks.
 * Anything else (space, punctuation, apostrophes, hyphens, emoji) separates words.
 * Reuse one instance per module: reset(text), then while (next()) read start/end/hash.
 */
export class WordScanner {
  private text = '';
  private pos = 0;
  /** Current word: `text.slice(start, end)`. */
  start = 0;
  end = 0;
  /** Hash of the folded word; equal for "Española", "española" and "espanola". */
  hash = 0;
  /** Letters in the word (marks not counted). */
  letters = 0;
  /** Digits in the word. */
  digits = 0;
  /** Script id of the word's first letter (see SCRIPT_CODES); 0 when it has none. */
  script = 0;

  reset(text: string): this {
    this.text = text;
    this.pos = 0;
    return this;
  }

  /** Continues scanning at `pos`, e.g. past a URL. */
  skipTo(pos: number): void {
    if (pos > this.pos) this.pos = pos;
  }

  next(): boolean {
    const text = this.text;
    const len = text.length;
    let i = this.pos;
    while (i < len && FOLD[text.charCodeAt(i)] === 0) i++;
    if (i >= len) {
      this.pos = len;
      return false;
    }
    this.start = i;
    let h = FNV_OFFSET;
    let letters = 0;
    let digits = 0;
    let script = 0;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      const f = FOLD[c]!;
      if (f === 0) break;
      if (f === MARK) continue;
      if (f === DIGIT) {
        digits++;
        // Full-width digits hash as ASCII ones.
        h = Math.imul(h ^ (c >= 0xff10 ? c - 0xff10 + 0x30 : c), FNV_PRIME);
        continue;
      }
      if (letters === 0) script = SCRIPT[c]!;
      letters++;
      h = Math.imul(h ^ f, FNV_PRIME);
    }
    this.end = i;
    this.pos = i;
    this.hash = h;
    this.letters = letters;
    this.digits = digits;
    this.script = script;
    return true;
  }

  /** Whether the current word folds to `folded` (guards against hash collisions). */
  equals(folded: string): boolean {
    return wordEquals(this.text, this.start, this.end, folded);
  }
}

/** Whether a UTF-16 code unit is part of a word (a letter, digit or combining mark). */
export function isWordChar(code: number): boolean {
  return FOLD[code] !== 0;
}

/** The scanner's hash of `text.slice(start, end)`, for a word found by other means. */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const f = FOLD[c]!;
    if (f === MARK || f === 0) continue;
    h = Math.imul(h ^ (f === DIGIT ? (c >= 0xff10 ? c - 0xff10 + 0x30 : c) : f), FNV_PRIME);
  }
  return h;
}

/**
 * The word ending at or before `pos`, skipping only spaces and tabs: its start (its end is the
 * returned `end`), or null when something else (punctuation, emoji, a line break) comes first.
 */
export function wordBefore(text: string, pos: number): { start: number; end: number } | null {
  let end = pos;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0xa0) break;
    end--;
  }
  let start = end;
  while (start > 0 && FOLD[text.charCodeAt(start - 1)] !== 0) start--;
  return start < end ? { start, end } : null;
}

/** Whether `text.slice(start, end)` folds to `folded`. */
export function wordEquals(text: string, start: number, end: number, folded: string): boolean {
  let j = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let f = FOLD[c]!;
    if (f === MARK) continue;
    if (f === DIGIT) f = c >= 0xff10 ? c - 0xff10 + 0x30 : c;
    if (j >= folded.length || folded.charCodeAt(j) !== f) return false;
    j++;
  }
  return j === folded.length;
}

/**
 * Every word of a text (start, end, hash), for modules that look at a word's neighbours. The
 * arrays are reused between calls (grown when a text has more words), so they are only valid
 * until the next read.
 */
export class WordList {
  count = 0;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  hashes = new Int32Array(256);

  read(text: string): this {
    const len = text.length;
    let n = 0;
    let i = 0;
    for (;;) {
      while (i < len && HASH_INPUT[text.charCodeAt(i)] === 0) i++;
      if (i >= len) break;
      const start = i;
      let h = FNV_OFFSET;
      for (; i < len; i++) {
        const f = HASH_INPUT[text.charCodeAt(i)]!;
        if (f === 0) break;
        if (f !== 1) h = Math.imul(h ^ f, FNV_PRIME);
      }
      if (n === this.starts.length) this.grow();
      this.starts[n] = start;
      this.ends[n] = i;
      this.hashes[n] = h;
      n++;
    }
    this.count = n;
    return this;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = (old: Int32Array) => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.hashes = grown(this.hashes);
  }
}

const sharedList = new WordList();
let sharedText: string | null = null;

/**
 * The words of `text`. services.ts and origin.ts both read the same capture text, so the last
 * text's words are kept and reused: one scan for both. Valid until the next call with another text.
 */
export function wordsOf(text: string): WordList {
  if (text !== sharedText) {
    sharedList.read(text);
    sharedText = text;
  }
  return sharedList;
}

// ---------------------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------------------

/**
 * Frequent words per language, folded (no accents). Besides function words, each list has the
 * words ads in that language nearly always use (greetings, "years", "new", "call"), because ads
 * are short and list-like. A word in several lists counts for each of them.
 */
const FREQUENT_WORDS: Record<string, string> = {
  nl: `ik ben je jij jou jouw u uw een het de en van in op met voor is niet mijn mij ook bij of naar
    dat die wat zijn kan heb hou hebt wil wilt graag lekker geen alleen heerlijk heerlijke schat
    lieve lief meisje meid jaar uur nieuw nieuwe echte echt deze week nacht dag mogelijk zonder tot
    snel kusjes welkom hoi heren bel bellen appen beschikbaar ontvang ontvangst genieten
    verwennen samen mooie mooi geil ondeugend om te zo al nog wel maar dan als er heet naam kom
    komt bent aan uit ze zij wij we ons onze jullie liefs groetjes vandaag avond straks lichaam
    lieverd fotos stad even`,
  en: `i am im my me you your the a an and to of in is it for with on at be are this that have has
    not no new call text only love hot sweet girl years old here now just real time from will can
    do like want enjoy night day available please welcome hello hi guys gentlemen darling kisses see
    soon also very all what who when so if but or our us we he she her him his they them there
    been was were pictures photos body beautiful smile relaxing together possible
    apartment town week`,
  es: `yo soy tengo anos de la el los las un una y o que en con por para mi me te tu su al del es
    esta este muy mas pero como lo le se no si sin hola amor besos besitos chica nueva llama
    escribe solo hora horas dia noche caliente carino caballeros bienvenidos disfruta ven ti
    contigo espero estoy hago quiero mucho todo todos nada aqui ahora hoy tambien piso llamame
    cuerpo sonrisa bonita hermosa dulce juguetona traviesa semana ciudad llamadas escribeme
    fotos reales confianza`,
  pt: `eu sou tenho anos de da do das dos o a os as um uma e em no na com por para meu minha te
    voce seu sua que nao sim muito mais mas como ou se ao oi ola amor beijos beijinhos menina
    nova liga manda mensagem so hora horas dia noite quente querido bem vindos adoro dar prazer
    esta estou aqui agora hoje tambem tudo isso esse essa ela ele corpo lindo sorriso bonito
    safadinha apartamento limpo discreta semana acabei chegar chamadas fotos reais confiavel`,
  ro: `eu sunt am ani si in cu de la pe pentru nu sa ce care mai foarte este esti sau o un bine te
    tu vreau noua fata draga ma meu mea acum aici doar pot vino suna salut buna pupici pupic
    frumoasa iubire oras astept sex apartament discret poze reale zi noapte ora orele mine`,
  hu: `vagyok vagy es a az egy nem is hogy van eves szia sziasztok csak meg mar nagyon szep lany
    uj hivj varlak puszi veled ma en te ez azt itt most minden kedves lakas diszkret orara ora
    ejjel nappal szex var valodi kepek`,
  de: `ich bin du und der die das ein eine nicht mit fur ist auf zu im es sie mich dich mein meine
    jahre alt neu hallo bei von aus nur auch sehr gerne schatz heute jetzt hier zeit komm ruf
    dein deine einen einem dem den wir ihr mir dir kuss kusse bis bald stunde nacht tag
    wohnung diskret echte bilder besuch`,
  fr: `je suis tu et le la les un une des de du en pour avec pas ne mon ma mes ans nouvelle ici
    bisous salut bonjour chez moi toi vous est tres sur au aux ce qui que appelle appelez
    heure nuit jour belle douce coquine discrete photos reelles disponible messieurs ville`,
  it: `io sono ho anni e il lo la gli le un una di da in con per non mi ti che sei ciao amore baci
    nuova qui ora molto solo tutto della del chiamami tesoro bella dolce notte giorno signori
    benvenuti citta foto vere appartamento discreto disponibile`,
  pl: `jestem mam lat i w z na do nie sie to jak dla od ze czesc tylko bardzo nowa jest moj moja
    zapraszam cie ciebie mnie tak ale juz czy bez po przez dzwon pisz buziaki kochanie godzina
    noc dzien mieszkanie dyskretnie zdjecia prawdziwe miescie`,
};
const LANGUAGES = Object.keys(FREQUENT_WORDS);

/** Hash of a folded word → bit mask of the languages whose list has it. */
const LANGUAGE_MASKS = new Map<number, number>();
/** The folded word behind each hash, to rule out collisions. */
const LANGUAGE_WORD = new Map<number, string>();
LANGUAGES.forEach((lang, bit) => {
  for (const word of FREQUENT_WORDS[lang]!.split(/\s+/)) {
    if (word === '') continue;
    const folded = foldWord(word);
    const h = hashWord(folded);
    LANGUAGE_MASKS.set(h, (LANGUAGE_MASKS.get(h) ?? 0) | (1 << bit));
    LANGUAGE_WORD.set(h, folded);
  }
});

/** Shorter texts get no language: too little to tell. */
const MIN_WORDS = 3;
/** Texts in scripts without spaces need this many letters instead. */
const MIN_UNSPACED_LETTERS = 6;
/**
 * Scores: a word only one language has counts 2, a shared one ("de", "en", "a") 1 for each.
 * A clear winner has at least MIN_SCORE and MIN_RATIO times the runner-up's score; a long text
 * may win by less (LONG_*), so a Dutch ad with an English paragraph stays Dutch without tinyld.
 */
const MIN_SCORE = 5;
const MIN_RATIO = 2;
const LONG_MIN_SCORE = 20;
const LONG_MIN_RATIO = 1.4;

const scanner = new WordScanner();
const hits = new Int32Array(LANGUAGES.length);
const scriptLetters = new Int32Array(SCRIPT_CODES.length);

/** Cyrillic letters that tell Ukrainian, Russian and Bulgarian apart. */
const UKRAINIAN_LETTERS = /[іїєґ]/iu;
const RUSSIAN_LETTERS = /[ыэё]/iu;
const BULGARIAN_LETTERS = /ъ/iu;

/** Languages of scripts that (for ads seen here) have one language. */
const SCRIPT_LANGUAGE: Record<string, string> = {
  Grek: 'el',
  Armn: 'hy',
  Hebr: 'he',
  Deva: 'hi',
  Beng: 'bn',
  Thai: 'th',
  Geor: 'ka',
  Hang: 'ko',
  Hira: 'ja',
  Kana: 'ja',
};

/** How much of an unclear text tinyld reads: the ad's own words come first, site boilerplate last. */
const TINYLD_CHARS = 240;
/** The opening that decides a long text its words leave unclear. */
const HEAD_CHARS = 200;
const TINYLD_CACHE = 5000;
const tinyldCache = new Map<string, string | null>();

/**
 * The fallback, bounded: tinyld costs time in proportion to the text (about 2 µs a character),
 * so it reads the opening of the text, and remembers answers because the captures of one ad
 * repeat their text.
 */
function tinyld(text: string, only?: string[]): string | null {
  const head = text.length > TINYLD_CHARS ? text.slice(0, TINYLD_CHARS) : text;
  const key = only ? `${only.join(',')}\u0000${head}` : head;
  const cached = tinyldCache.get(key);
  if (cached !== undefined) return cached;
  const found = only ? detect(head, { only }) : detect(head);
  const language = found === '' ? null : found;
  if (tinyldCache.size >= TINYLD_CACHE) tinyldCache.delete(tinyldCache.keys().next().value!);
  tinyldCache.set(key, language);
  return language;
}

/**
 * How detectLanguage decided: `words` (frequent-word counts), `letters` (letters only one
 * language of the script has), `script` (a script with one language here), `tinyld` (the
 * fallback), `short` (too short to tell), `none` (no letters).
 */
export type LanguageSource = 'words' | 'letters' | 'script' | 'tinyld' | 'short' | 'none';

/**
 * The language (ISO 639-1) and dominant script (ISO 15924) of a text. Numbers, emoji, URLs and
 * e-mail addresses are skipped. A mix (Dutch with an English sentence) gets the language most of
 * its frequent words belong to. Language is null for texts under three words, or when tinyld
 * cannot tell either.
 */
export function detectLanguage(text: string): Language {
  const { language, script } = explainLanguage(text);
  return { language, script };
}

/** detectLanguage, and how it decided: for benchmarks, tests and explanations. */
export function explainLanguage(text: string): Language & { source: LanguageSource } {
  hits.fill(0);
  scriptLetters.fill(0);
  let words = 0;
  scanner.reset(text);
  while (scanner.next()) {
    const { start, end } = scanner;
    // URLs and e-mail addresses: skip to the next space.
    const after = text.charCodeAt(end);
    if (
      (after === 0x3a /* : */ && text.charCodeAt(end + 1) === 0x2f) /* / */ ||
      after === 0x40 /* @ */ ||
      (end - start === 3 && after === 0x2e /* . */ && scanner.equals('www'))
    ) {
      let stop = end;
      while (stop < text.length && text.charCodeAt(stop) > 0x20) stop++;
      scanner.skipTo(stop);
      continue;
    }
    if (scanner.letters === 0) continue;
    scriptLetters[scanner.script]! += scanner.letters;
    // Words mixing letters and digits ("21j", "06xx") are codes, not language.
    if (scanner.digits > 0) continue;
    words++;
    if (scanner.script !== S_LATN) continue;
    const mask = LANGUAGE_MASKS.get(scanner.hash);
    if (mask === undefined || !scanner.equals(LANGUAGE_WORD.get(scanner.hash)!)) continue;
    const weight = (mask & (mask - 1)) === 0 ? 2 : 1;
    for (let bit = 0; bit < LANGUAGES.length; bit++) if (mask & (1 << bit)) hits[bit]! += weight;
  }

  let scriptId = 0;
  for (let s = 1; s < scriptLetters.length; s++)
    if (scriptLetters[s]! > scriptLetters[scriptId]!) scriptId = s;
  if (scriptId === 0) return { language: null, script: null, source: 'none' };
  const script = SCRIPT_CODES[scriptId]!;
  // Japanese mixes Han with kana; Han alone is Chinese.
  const kana = scriptLetters[S_HIRA]! + scriptLetters[S_KANA]!;
  const enough = UNSPACED.has(scriptId)
    ? scriptLetters[scriptId]! + kana >= MIN_UNSPACED_LETTERS
    : words >= MIN_WORDS;
  if (!enough) return { language: null, script, source: 'short' };

  if (scriptId === S_LATN) {
    let best = 0;
    let second = -1;
    for (let bit = 1; bit < LANGUAGES.length; bit++) {
      if (hits[bit]! > hits[best]!) {
        second = best;
        best = bit;
      } else if (second < 0 || hits[bit]! > hits[second]!) second = bit;
    }
    const top = hits[best]!;
    const runnerUp = second < 0 ? 0 : hits[second]!;
    if (
      (top >= MIN_SCORE && top >= MIN_RATIO * runnerUp) ||
      (top >= LONG_MIN_SCORE && top >= LONG_MIN_RATIO * runnerUp)
    )
      return { language: LANGUAGES[best]!, script, source: 'words' };
    // A site's disclaimer in another language often ties a long ad: its opening decides.
    if (text.length > HEAD_CHARS) {
      const head = explainLanguage(text.slice(0, HEAD_CHARS));
      if (head.source === 'words') return head;
    }
    return { language: tinyld(text), script, source: 'tinyld' };
  }
  if (scriptId === S_CYRL) {
    if (UKRAINIAN_LETTERS.test(text)) return { language: 'uk', script, source: 'letters' };
    if (RUSSIAN_LETTERS.test(text)) return { language: 'ru', script, source: 'letters' };
    if (BULGARIAN_LETTERS.test(text)) return { language: 'bg', script, source: 'letters' };
    return {
      language: tinyld(text, ['ru', 'uk', 'bg', 'sr', 'mk', 'be']),
      script,
      source: 'tinyld',
    };
  }
  if (scriptId === S_HANI) return { language: kana > 0 ? 'ja' : 'zh', script, source: 'script' };
  if (scriptId === S_ARAB)
    return { language: tinyld(text, ['ar', 'fa', 'ur']), script, source: 'tinyld' };
  const single = SCRIPT_LANGUAGE[script];
  return single !== undefined
    ? { language: single, script, source: 'script' }
    : { language: tinyld(text), script, source: 'tinyld' };
}
