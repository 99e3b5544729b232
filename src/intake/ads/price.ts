import { foldWord, hashRange, hashWord, isWordChar, wordEquals } from './language.js';
import type { FoundPrice } from './types.js';

/**
 * Prices in ad texts: an amount with a currency ("€150", "150 euro", "150,-", "200 rozen") or
 * with a duration ("150 p/u", "100 half uur", "80 per 30 min", "1 hora 150", "meia hora 80"),
 * in Dutch, English, Spanish and Portuguese (and the common German, French, Italian, Romanian
 * forms). A bare number is no price: "21 jaar", "1.65", "75C", "24/7", "21:00", "0612345678",
 * "04-01-2023" all have neither.
 *
 * - "rozen" is euro in Dutch sex-work slang; with no duration the price has no hourly rate.
 * - A duration before the amount counts when nothing but ":", "=", "-" or a currency stands
 *   between: "1 uur 160", "half uur: 70", "1h = 200 euro".
 * - A bare time unit after a bare number is a duration, not a price: "24 uur", "30 min".
 * - "hele nacht", "overnight", "toda la noche": a night has no fixed length, so minutes and the
 *   hourly rate stay null.
 * - Amounts run from 10 to 9999 euro; "1.500" and "1,500" are thousands, "92.5" and "92,50"
 *   decimals. The span covers the amount with its currency and duration, on either side.
 */

const MIN_AMOUNT = 10;
const MAX_AMOUNT = 9999;
/** Marks a night: no fixed number of minutes. */
const NIGHT = -1;

const S = String.raw`[ \t\u00a0]`;

const CURRENCY = String.raw`(?:€|eur(?:o|os|ó)?|rozen|roosjes)`;
/** After the amount: ",-" and a currency, each optional: "150,-", "150€", "150 euro". */
const CURRENCY_AFTER = new RegExp(
  String.raw`(?:,-{1,2}|,—|\.-)?(?:${S}*(${CURRENCY})(?![\p{L}]))?(?:,-{1,2})?`,
  'iuy',
);

/** Words that state a rate per hour outright: "p/u", "per uur", "/h", "la hora", "l'heure". */
const PER_HOUR = String.raw`(?:p${S}*\/${S}*u|p\.u\.?|p\/h|ph|per${S}+uur|per${S}+u|\/${S}*(?:uur|u|h|hr|hour|hora|stunde)|per${S}+hour|an${S}+hour|the${S}+hour|a${S}+hora|la${S}+hora|por${S}+hora|p\/hora|pro${S}+hora|de${S}+hora|all'ora|l'heure|die${S}+stunde|pro${S}+stunde|per${S}+ora|o${S}+or[aă]|pe${S}+or[aă]|za${S}+godzin[eęy])`;

/** A count of time units: a number or a number word. */
const COUNT = String.raw`(\d{1,3}(?:[.,]5)?|1\/2|½|een|één|one|una?|uma|anderhalf|twee|two|dos|duas|drie|three|tres|três)`;
const HOUR_UNIT = String.raw`uur|uren|u|h|hrs?|hours?|horas?|stunden?|ore|heures?|or[aă]`;
const MINUTE_UNIT = String.raw`min(?:uten|utes|utos|s)?|'`;
/** A duration in words: half an hour, a quarter, a night, an hour. */
const DURATION_WORD = String.raw`(half${S}*uur|halfuur|half${S}*(?:an${S}+)?hour|half-hour|media${S}+hora|meia${S}+hora|mezz'?ora|demi-heure|demi${S}+heure|halbe${S}+stunde|kwartier|quarter(?:${S}+(?:of${S}+an${S}+)?hour)?|cuarto${S}+de${S}+hora|(?:hele|halve|full|whole|toda${S}+la|ganze)${S}+(?:nacht|night|noche|noite|nuit)|overnight|nacht|night|noche|noite|nuit|pernoite|uurtje|uur|hour|hora|un'ora|stunde)`;
const DURATION = String.raw`(?:${COUNT}${S}*(?:(${HOUR_UNIT})|(${MINUTE_UNIT}))|${DURATION_WORD})(?![\p{L}])`;

/** A connector between an amount and its duration: "per", "/", "voor (een)", "la", "a". */
const CONNECTOR = String.raw`(?:per|voor|for|por|pour|para|pro|a|la|el|the|de|die|x|o|pe|za|\/|p\/|l'|all')`;
const ARTICLE = String.raw`(?:een|één|an?|una?|uma|one)`;

/** A duration after the amount, with a connector: "per 30 min", "voor een half uur", "la hora". */
const DURATION_AFTER_CONNECTOR = new RegExp(
  String.raw`${S}*${CONNECTOR}${S}*(?:${ARTICLE}${S}+)?${DURATION}`,
  'iuy',
);
/** A duration right after the amount with no connector: only words ("100 half uur") … */
const DURATION_WORD_AFTER = new RegExp(
  String.raw`${S}*(?!(?:uur|hour|hora|stunde|nacht|night|noche|noite|nuit)(?![\p{L}]))${DURATION_WORD}(?![\p{L}])`,
  'iuy',
);
/** … or, once a currency made it a price, anything: "150€ 1h", "€80 30 min", "€150 uur". */
const DURATION_AFTER_CURRENCY = new RegExp(String.raw`${S}*${DURATION}`, 'iuy');
const PER_HOUR_AFTER = new RegExp(String.raw`${S}*${PER_HOUR}(?![\p{L}])`, 'iuy');
/** A duration before the amount: "1 uur 160", "half uur: 70", "1h = 200 euro", "1 hora 150". */
const DURATION_BEFORE = new RegExp(
  String.raw`(?<=(?<![\p{L}\p{N}])(${DURATION}${S}*[:=\-–]?${S}*(?:voor|for|por|x)?${S}*(?:€${S}*|eur${S}+|euro${S}+)?))`,
  'iuy',
);
/**
 * Last words of a duration (or of what may stand between it and the amount). The duration
 * before an amount is a costly look-behind; it only runs when the word before is one of these.
 */
const DURATION_TAIL_WORDS = new Map(
  `uur uren u h hr hrs hour hours hora horas min mins minuten minutes minutos kwartier quarter
   nacht night noche noite nuit pernoite overnight uurtje stunde stunden ore ora oră heure heures
   voor for por x eur euro`
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => [hashWord(foldWord(w)), foldWord(w)] as const),
);

/** Whether the word before `pos` (past spaces, ":", "=", "-", "€") can end a duration. */
function mayFollowDuration(text: string, pos: number): boolean {
  let end = pos;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    // space, tab, no-break space, : = - – €
    if (
      c === 0x20 ||
      c === 0x09 ||
      c === 0xa0 ||
      c === 0x3a ||
      c === 0x3d ||
      c === 0x2d ||
      c === 0x2013 ||
      c === 0x20ac
    )
      end--;
    else break;
  }
  if (end > 0 && text.charCodeAt(end - 1) === 0x27) return true; // 30'
  let start = end;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  // "30min", "1h": the unit after the digits.
  while (start < end && isDigitCode(text.charCodeAt(start))) start++;
  if (start === end) return false;
  const folded = DURATION_TAIL_WORDS.get(hashRange(text, start, end));
  return folded !== undefined && wordEquals(text, start, end, folded);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Code units that, right before a number, make it part of something else ("A150", "+31", "#2"). */
function joinsNumberBefore(c: number): boolean {
  // . , : / + #
  return (
    isWordChar(c) ||
    c === 0x2e ||
    c === 0x2c ||
    c === 0x3a ||
    c === 0x2f ||
    c === 0x2b ||
    c === 0x23
  );
}

const HALF_HOUR_WORDS = /^(?:half|media|meia|mezz|demi|halbe)/i;
const QUARTER_WORDS = /^(?:kwartier|quarter|cuarto)/i;
const NIGHT_WORDS = /(?:nacht|night|noche|noite|nuit|pernoite)$/i;
const NUMBER_WORDS: Record<string, number> = {
  een: 1,
  één: 1,
  one: 1,
  un: 1,
  una: 1,
  uma: 1,
  anderhalf: 1.5,
  '1/2': 0.5,
  '½': 0.5,
  twee: 2,
  two: 2,
  dos: 2,
  duas: 2,
  drie: 3,
  three: 3,
  tres: 3,
  três: 3,
};

/** Minutes of a DURATION match (groups: count, hour unit, minute unit, word), NIGHT for a night. */
function minutesOf(
  count: string | undefined,
  hourUnit: string | undefined,
  minuteUnit: string | undefined,
  word: string | undefined,
): number {
  if (word !== undefined) {
    if (HALF_HOUR_WORDS.test(word)) return 30;
    if (QUARTER_WORDS.test(word)) return 15;
    if (NIGHT_WORDS.test(word) || /overnight/i.test(word)) return NIGHT;
    return 60;
  }
  const n = NUMBER_WORDS[count!.toLowerCase()] ?? Number(count!.replace(',', '.'));
  return hourUnit !== undefined ? n * 60 : minuteUnit !== undefined ? n : NaN;
}

function price(start: number, end: number, amount: number, minutes: number | null): FoundPrice {
  const known = minutes !== null && minutes > 0;
  return {
    start,
    end,
    amount,
    minutes: known ? minutes : null,
    eurPerHour: known ? Math.round((amount * 6000) / minutes) / 100 : null,
  };
}

/** A duration matched by `re` at `index`: its minutes (NIGHT for a night) and where it ends. */
function durationAfter(
  re: RegExp,
  text: string,
  index: number,
): { minutes: number; end: number } | null {
  re.lastIndex = index;
  const d = re.exec(text);
  if (d === null) return null;
  const minutes =
    re === PER_HOUR_AFTER
      ? 60
      : re === DURATION_WORD_AFTER
        ? minutesOf(undefined, undefined, undefined, d[1])
        : minutesOf(d[1], d[2], d[3], d[4]);
  return Number.isNaN(minutes) ? null : { minutes, end: re.lastIndex };
}

const NEXT_DIGIT = /\d/g;

/** Currency words before an amount: "eur 150", "EURO 150". */
const CURRENCY_WORDS = new Map(
  ['eur', 'euro', 'euros', 'euró', 'rozen', 'roosjes'].map(
    (w) => [hashWord(foldWord(w)), foldWord(w)] as const,
  ),
);

/** Where a currency right before `pos` starts ("€ 150", "eur 150"), or -1. */
function currencyBefore(text: string, pos: number): number {
  let end = pos;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end === 0) return -1;
  if (text.charCodeAt(end - 1) === 0x20ac /* € */) return end - 1;
  let start = end;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  if (start === end) return -1;
  const folded = CURRENCY_WORDS.get(hashRange(text, start, end));
  return folded !== undefined && wordEquals(text, start, end, folded) ? start : -1;
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

/** Whether anything after `pos` can make a number a price: a letter, "€", "/", ",-", "'". */
function mayHaveSuffix(text: string, pos: number): boolean {
  const first = text.charCodeAt(pos);
  // ",-" and ".-" right after the digits
  if (first === 0x2c || first === 0x2e) return text.charCodeAt(pos + 1) === 0x2d;
  while (pos < text.length && isSpaceCode(text.charCodeAt(pos))) pos++;
  if (pos >= text.length) return false;
  const c = text.charCodeAt(pos);
  return isWordChar(c) && !isDigitCode(c)
    ? true
    : c === 0x20ac || c === 0x2f || c === 0x27 || c === 0xbd;
}

/** The amount a number token stands for: "1.500" is thousands, "92.5" and "92,50" decimals. */
function parseAmount(token: string): number {
  if (/^\d{1,3}[.,]\d{3}$/.test(token)) return Number(token.replace(/[.,]/, ''));
  return Number(token.replace(',', '.'));
}

/** Every price in a text, in order. */
export function findPrices(text: string): FoundPrice[] {
  const found: FoundPrice[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    // The regex engine finds the next digit faster than a loop over every character.
    NEXT_DIGIT.lastIndex = i;
    if (!NEXT_DIGIT.test(text)) break;
    i = NEXT_DIGIT.lastIndex - 1;
    // A number as written: digits with single ".", ",", ":" or "/" between them ("24/7",
    // "21:00"). An amount has up to four digits and maybe one decimal or thousands group.
    const tokenStart = i;
    let groups = 0;
    let intDigits = 0;
    let fracDigits = 0;
    let intValue = 0;
    let fracValue = 0;
    let simple = true;
    while (i < len) {
      const groupStart = i;
      let value = 0;
      for (let c = text.charCodeAt(i); isDigitCode(c); c = text.charCodeAt(++i))
        value = value * 10 + (c - 0x30);
      if (groups === 0) {
        intDigits = i - groupStart;
        intValue = value;
      } else {
        fracDigits = i - groupStart;
        fracValue = value;
      }
      groups++;
      const sep = text.charCodeAt(i);
      if (
        (sep === 0x2e || sep === 0x2c || sep === 0x3a || sep === 0x2f) &&
        isDigitCode(text.charCodeAt(i + 1))
      ) {
        if (sep === 0x3a || sep === 0x2f) simple = false;
        i++;
      } else break;
    }
    if (!simple || groups > 2 || intDigits > 4 || fracDigits > 3) continue;
    if (tokenStart > 0 && joinsNumberBefore(text.charCodeAt(tokenStart - 1))) continue;
    // "1.500" and "1,500" are thousands; "92.5" and "92,50" decimals.
    const amount =
      groups === 1
        ? intValue
        : fracDigits === 3 && intDigits <= 3
          ? intValue * 1000 + fracValue
          : intValue + fracValue / 10 ** fracDigits;
    if (!(amount >= MIN_AMOUNT && amount <= MAX_AMOUNT)) continue;
    let start = tokenStart;
    let end = i;

    const currencyStart = currencyBefore(text, start);
    let hasCurrency = currencyStart >= 0;
    let duration: { minutes: number; end: number } | null = null;
    const suffix = mayHaveSuffix(text, end);
    if (suffix) {
      CURRENCY_AFTER.lastIndex = end;
      const after = CURRENCY_AFTER.exec(text)!;
      if (after[1] !== undefined) hasCurrency = true;
      end += after[0].length;
      // The duration: stated outright after the amount ("p/u", "per 30 min") …
      duration =
        durationAfter(PER_HOUR_AFTER, text, end) ??
        durationAfter(DURATION_AFTER_CONNECTOR, text, end);
    }
    // … else before it ("1 uur 160") …
    if (duration === null && mayFollowDuration(text, start)) {
      DURATION_BEFORE.lastIndex = start;
      const d = DURATION_BEFORE.exec(text);
      const minutes = d === null ? NaN : minutesOf(d[2], d[3], d[4], d[5]);
      if (!Number.isNaN(minutes)) {
        duration = { minutes, end };
        start -= d![1]!.length;
      }
    }
    // … else loosely after it ("100 half uur", "150€ 1h").
    if (duration === null && suffix)
      duration = durationAfter(
        hasCurrency ? DURATION_AFTER_CURRENCY : DURATION_WORD_AFTER,
        text,
        end,
      );
    if (duration === null && !hasCurrency) continue;
    if (duration !== null) end = duration.end;
    if (currencyStart >= 0 && start === tokenStart) start = currencyStart;
    const minutes = duration === null || duration.minutes === NIGHT ? null : duration.minutes;
    found.push(price(start, end, amount, minutes));
    // Numbers inside the duration ("30" in "per 30 min") are not amounts.
    i = Math.max(i, end);
  }
  return found;
}

/** A price field that is a bare amount: "150", "€ 150,-". */
const BARE_AMOUNT_FIELD = new RegExp(
  String.raw`^${S}*(?:€${S}*)?(\d{2,4}(?:[.,]\d{1,2})?)(?:,-{1,2})?${S}*$`,
  'ud',
);

/** Of several prices: one with a known duration, the hour price first; else the first. */
function best(prices: FoundPrice[]): FoundPrice | null {
  let known: FoundPrice | null = null;
  for (const p of prices) {
    if (p.minutes === 60) return p;
    if (known === null && p.minutes !== null) known = p;
  }
  return known ?? prices[0] ?? null;
}

/**
 * The price an ad asks, for an hour where it can: from the price field first (a bare amount
 * there counts too, with no duration), else from the text.
 */
const NIGHT_IN_FIELD = /nacht|night|noche|noite|nuit|overnight/i;

export function pricePerHour(
  field: string | undefined,
  text: string,
): { field: 'price' | 'text'; found: FoundPrice } | null {
  if (field !== undefined && field !== '') {
    let inField = best(findPrices(field));
    const bare = inField === null ? BARE_AMOUNT_FIELD.exec(field) : null;
    if (bare !== null) {
      const amount = parseAmount(bare[1]!);
      const [start, end] = bare.indices![1]!;
      if (amount >= MIN_AMOUNT && amount <= MAX_AMOUNT) inField = price(start, end, amount, null);
    }
    if (inField !== null) {
      // A site's price field is its hourly tariff: "200 rozen" there means 200 an hour, unless it
      // names a night. Marked as assumed, so the ad page can say so.
      if (inField.minutes === null && !NIGHT_IN_FIELD.test(field))
        inField = { ...inField, eurPerHour: inField.amount, assumedHourly: true };
      return { field: 'price', found: inField };
    }
  }
  const inText = best(findPrices(text));
  return inText === null ? null : { field: 'text', found: inText };
}
