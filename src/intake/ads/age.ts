import type { FoundAge } from './types.js';

/**
 * The age an ad states, from its age field or its text.
 *
 * Ages from 14 to 80 are read. Ads must only advertise adults (18+), but a stated age under 18 is
 * exactly what must not be missed, so "17 jaar" gives 17; below 14 a number with "jaar" is far
 * more often a duration ("al 5 jaar in NL") than an age.
 *
 * In the text, in order of trust:
 * 1. A number with an age unit ("21 jaar", "21 years old", "21yo", "21 y/o", "21j", "22 años",
 *    "22 anos", "22 de ani", "24 éves", "23 Jahre") or after "I am"-words ("ik ben 21",
 *    "I'm 21", "tengo 21", "Age: 21", "Leeftijd: 21").
 * 2. A number bound to the woman: "girl of 23", "meisje van 23", "Ioana, 42" (a name, a comma
 *    and a number ending the sentence), "Lotte (29)".
 * 3. "just turned 18", "net 18 geworden", "recién cumplidos 18", "acabei de fazer 18": a stated
 *    age, but templates paste it next to a real one.
 * 4. A capitalised word and a number ending the sentence, as titles write it: "Mileidy 30",
 *    "SANNE 23!!"; not after words like "Maat", "Kamer", "Top" or a month.
 * The earliest of the most trusted kind wins.
 *
 * Not ages: "18+", "18 jaar of ouder", "ouder dan 18", "vanaf 18 jaar", "24/7", "1.65", "21:00",
 * "21 cm", "2023", "30-35 jaar" (a range), years of experience ("10 jaar ervaring", "20 years of
 * experience") or of stay ("al 5 jaar in NL", "since 20 years", "hace 20 años").
 *
 * Spans cover the number and its unit ("21 jaar", "21yo"); without a unit just the number.
 */

const MIN_AGE = 14;
const MAX_AGE = 80;

/** Spaces within a line. */
const S = String.raw`[ \t\u00a0]`;

const UNIT = String.raw`(?:jaar|jaren|jr|j|years?|yrs?|yo|y\/o|y\.o\.?|a[nñ]os|a[nñ]itos|aninhos|anys|ans|jahre|anni|ani|[eé]ves|lat)`;

/** A standalone number of one or two digits, not part of a decimal, time, date, phone or price. */
const NUMBER = /(?<![\p{N}.,:/\-+€$#])\d{1,2}(?!\p{N}|[.,:]\d)/gu;

/** An age unit right after the number ("21 jaar", "21yo", "22 de ani"). */
const UNIT_AFTER = new RegExp(String.raw`${S}*(?:de${S}+)?${UNIT}(?![\p{L}\p{N}])`, 'iuy');

/** After the unit: not an age but a minimum, experience or a stay ("18 jaar of ouder"). */
const NOT_AGE_AFTER = new RegExp(
  String.raw`${S}*(?:(?:oud|old|alt)${S}*)?(?:of${S}+ouder|en${S}+ouder|or${S}+older|and${S}+older|and${S}+over|and${S}+up|or${S}+over|o${S}+m[aá]s|ou${S}+mais|oder${S}+[aä]lter|und${S}+[aä]lter|\+|(?:werk)?ervaring|ervaren|experience|experiencia|experiência|of${S}+experience|de${S}+experi[eê]ncia|in${S}+(?:nl|nederland|holland|the${S}+netherlands|europa|europe|dit${S}+vak|het${S}+vak|de${S}+branche|the${S}+business|this${S}+business)|geleden|ago|getrouwd|married|samen|together|werkzaam|actief|active|garantie|warranty)(?![\p{L}])`,
  'iuy',
);

/** Before the number: a minimum, a duration or a range ("vanaf 18 jaar", "al 5 jaar", "30-35 jaar"). */
const NOT_AGE_BEFORE = new RegExp(
  String.raw`(?<=(?:(?<![\p{L}])(?:al|sinds|ruim|meer${S}+dan|minder${S}+dan|langer${S}+dan|ouder${S}+dan|jonger${S}+dan|voor|vanaf|minimaal|minimum|min|minstens|tenminste|ten${S}+minste|boven|onder|over|since|for|from|at${S}+least|more${S}+than|less${S}+than|older${S}+than|younger${S}+than|under|above|hace|desde|durante|m[aá]s${S}+de|menos${S}+de|há|mais${S}+de|dan|tot|until|till|seit|f[uü]r|ab|[uü]ber|unter|vor|bis|per|elke|every|each|na|after)\.?|\d${S}*[-–]|[<>≥≤+])${S}*)`,
  'iuy',
);

/** Words that put a bare number as her age: "ik ben 21", "I'm 21", "tengo 21", "Age: 21". */
const LEAD_BEFORE = new RegExp(
  String.raw`(?<=(?<![\p{L}])(?:ik${S}+ben|ben${S}+ik|i${S}+am|i['’´\u0060]?m|she${S}+is|she['’]s|ze${S}+is|zij${S}+is|tengo|tenho|age|aged|leeftijd|edad|idade|alter|[aâ]ge|et[aà]|v[aâ]rst[aă]|kor|wiek)${S}*[:=]?${S}*)`,
  'iuy',
);

/** After a bare number: what makes it something else than an age ("I am 24/7", "ik ben 50 euro"). */
const NOT_BARE_AGE_AFTER = new RegExp(
  String.raw`(?:st|nd|rd|th|ste|de|e|º|ª|°)(?![\p{L}])|${S}*(?:[-–]${S}*\d|[%+/:'’"″′]|x(?![\p{L}])|(?:cm|kg|m|min|minutes?|minuten|minutos|uur|u|h|hours?|horas?|uren|euro|eur|rozen|keer|times|veces|vezes|dagen|days?|d[ií]as|weken|weeks?|maanden|months?|meses|inch|ft|feet|lbs?|pounds?|p\/u|per)(?![\p{L}])|€)`,
  'iuy',
);

/** "girl of 23", "meisje van 23", "chica de 23". */
const PERSON_OF_BEFORE = new RegExp(
  String.raw`(?<=(?<![\p{L}])(?:girl|meisje|meid|chica|ni[nñ]a|menina|garota|lady|dame|vrouw|woman|babe|mujer|mulher|ragazza)${S}+(?:of|van|de|di)${S}+)`,
  'iuy',
);
/** "Ioana, 42" ending a sentence: before and after. */
const NAME_COMMA_BEFORE = new RegExp(String.raw`(?<=\p{Lu}[\p{Ll}\p{M}]+,${S}*)`, 'uy');
const SENTENCE_END_AFTER = new RegExp(
  String.raw`${S}*(?:$|[.!?;\n]|\p{Extended_Pictographic})`,
  'uy',
);
/** "Lotte (29)": before and after. */
const NAME_PAREN_BEFORE = new RegExp(String.raw`(?<=\p{Lu}[\p{Ll}\p{M}]+${S}*\()`, 'uy');
const PAREN_AFTER = /\)/y;
/** "just turned 18", "net 18 geworden", "recién cumplidos 18", "acabei de fazer 18". */
const TURNED_BEFORE = new RegExp(
  String.raw`(?<=(?<![\p{L}])(?:just${S}+turned|net|pas|reci[eé]n${S}+cumplidos|acabo${S}+de${S}+cumplir|acab(?:ei|ou)${S}+de${S}+fazer|barely)${S}+)`,
  'iuy',
);

/** "Mileidy 30": a capitalised word (captured) before the number. */
const NAME_NUMBER_BEFORE = new RegExp(
  String.raw`(?<=(?<![\p{L}\p{N}\p{M}])(\p{Lu}[\p{L}\p{M}]*)${S}+)`,
  'uy',
);
/** Capitalised words before a number that are not names. */
const NOT_NAMES = new Set(
  `maat size cup bh bra kamer room nr no tel straat studio top week dag day pagina page foto photo
   vanaf from tot until prijs price precio preço euro eur max min
   januari februari maart april mei juni juli augustus september oktober november december
   january february march may june july august october
   enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
   janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
   maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
   monday tuesday wednesday thursday friday saturday sunday`.split(/\s+/),
);

/** An age field that is just an age: "23", "23 jaar", "23 years old", "Age: 23", "23 años". */
const AGE_FIELD = new RegExp(
  String.raw`^${S}*(?:(?:age|leeftijd|edad|idade|alter|[aâ]ge|et[aà]|v[aâ]rst[aă]|kor|wiek)${S}*[:=.]?${S}*)?(\d{1,2})(?:(${S}*(?:de${S}+)?${UNIT})(?:${S}+(?:oud|old|young|jong))?)?${S}*[.!]?${S}*$`,
  'iud',
);

function at(re: RegExp, text: string, index: number): boolean {
  re.lastIndex = index;
  return re.test(text);
}

/** The length of a sticky match at `index`, or -1. */
function matchLength(re: RegExp, text: string, index: number): number {
  re.lastIndex = index;
  return re.test(text) ? re.lastIndex - index : -1;
}

function plausible(years: number): boolean {
  return years >= MIN_AGE && years <= MAX_AGE;
}

/** The stated age in free text, or null. */
function findAgeInText(text: string): FoundAge | null {
  let bound: FoundAge | null = null;
  let turned: FoundAge | null = null;
  let named: FoundAge | null = null;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    const years = Number(m[0]);
    if (!plausible(years)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const unit = matchLength(UNIT_AFTER, text, end);
    if (unit >= 0) {
      if (at(NOT_AGE_BEFORE, text, start) || at(NOT_AGE_AFTER, text, end + unit)) continue;
      return { start, end: end + unit, years };
    }
    if (at(NOT_BARE_AGE_AFTER, text, end)) continue;
    if (at(LEAD_BEFORE, text, start)) return { start, end, years };
    if (bound === null) {
      const isBound =
        at(PERSON_OF_BEFORE, text, start) ||
        (at(NAME_COMMA_BEFORE, text, start) && at(SENTENCE_END_AFTER, text, end)) ||
        (at(NAME_PAREN_BEFORE, text, start) && at(PAREN_AFTER, text, end));
      if (isBound) bound = { start, end, years };
    }
    if (turned === null && at(TURNED_BEFORE, text, start)) turned = { start, end, years };
    if (named === null && at(SENTENCE_END_AFTER, text, end)) {
      NAME_NUMBER_BEFORE.lastIndex = start;
      const name = NAME_NUMBER_BEFORE.exec(text);
      if (name !== null && !NOT_NAMES.has(name[1]!.toLowerCase())) named = { start, end, years };
    }
  }
  return bound ?? turned ?? named;
}

/**
 * The stated age: from the age field when it holds one ("23", "23 jaar", "Age: 23"), else from
 * the text. A field like "18+", "early twenties" or "30-35" holds no single age, so the text
 * decides.
 */
export function findAge(
  field: string | undefined,
  text: string,
): { field: 'age' | 'text'; found: FoundAge } | null {
  if (field !== undefined && field !== '') {
    const m = AGE_FIELD.exec(field);
    if (m !== null) {
      const years = Number(m[1]);
      const [start, numberEnd] = m.indices![1]!;
      const end = m.indices![2]?.[1] ?? numberEnd;
      if (plausible(years)) return { field: 'age', found: { start, end, years } };
    } else {
      const inField = findAgeInText(field);
      if (inField !== null) return { field: 'age', found: inField };
    }
  }
  const inText = findAgeInText(text);
  return inText === null ? null : { field: 'text', found: inText };
}
