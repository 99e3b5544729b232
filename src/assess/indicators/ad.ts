import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { foldWord, WordList } from '../../intake/ads/language.js';
import { SERVICES } from '../../intake/ads/services.js';
import type { Extraction, Span } from '../../intake/ads/types.js';
import { unitName } from '../../model/units.js';
import { AD_PHRASES, CALLING_CODE } from './ad-lexicon.js';
import { AD_INDICATORS } from './ad-catalogue.js';
import { hasWord, PhraseMatcher, wordSet, type PhraseHit } from './phrases.js';
import type { EvidenceFact, IndicatorEvidence, IndicatorHit } from './types.js';

/**
 * Ad-level indicators: what one capture of an ad shows by itself. Wording is read from title,
 * text and name in one pass per field (see phrases.ts); facts come from the capture's Extraction.
 * Every hit carries evidence an analyst can check: the words with their field and offsets, or a
 * sentence stating the fact.
 */

export interface AdInput {
  id: string;
  /**
   * The capture's fields as received (title, text, name, …): spans in the Extraction point into
   * these. Other fields (phone, price, contact.whatsapp) may be given too, so their evidence
   * can quote the words.
   */
  fields: {
    title?: string | null;
    text: string;
    name?: string | null;
    readonly [field: string]: string | null | undefined;
  };
  extraction: Extraction;
  /** Police unit code the ad is placed in, or null. */
  policeUnit: string | null;
  /** Median price per hour of the ads placed in that unit (null: not enough ads to say). */
  regionalMedianPrice: number | null;
}

/** A price at or below this share of the regional median is low. */
export const LOW_PRICE_SHARE = 0.6;

/**
 * Services that count as unprotected or high-risk. `cim` is included: a body-fluid risk that in
 * ads nearly always travels with "zonder"/"no limits". Anal, rimming and BDSM are not: common
 * among independents, and no risk to health in themselves when protected.
 */
export const HIGH_RISK_SERVICES: ReadonlySet<string> = new Set([
  'unprotected',
  'oral-unprotected',
  'no-limits',
  'cim',
]);

/** Most evidence items kept per indicator: enough to check, not a wall of highlights. */
const MAX_EVIDENCE = 8;

const WORDING_FIELDS = ['title', 'text', 'name'] as const;

const matcher = new PhraseMatcher(AD_PHRASES);
const words = new WordList();
const found: PhraseHit[] = [];
/** Wording evidence of the ad being read, by code (reused between calls). */
const wording = new Map<string, IndicatorEvidence[]>();

// ---------------------------------------------------------------------------------------------
// Negation
// ---------------------------------------------------------------------------------------------

/** Words that undo what follows them within the clause: "geen 24/7", "not new", "no soy nueva". */
const NEGATORS = wordSet(
  'geen niet nooit no not never nada nunca não nem ni kein keine nicht isn aren wasn don doesn didn ain',
);
/**
 * Words a negation reaches across: "ik ben niet meer nieuw", "I'm not really new", "no soy
 * nueva", "no estoy disponible 24 horas". Anything else ends its reach ("no drama 24/7").
 */
const BRIDGE = wordSet(
  `ben is am are m s t re ik i yo eu soy estoy sou estou es esta e meer more mas mais langer
  longer anymore really echt realmente zo so helemaal totally werk werken work working trabajo
  trabalho beschikbaar bereikbaar available disponible disponivel al nog wel a an een un una um
  uma`,
);

/** A "no" after the words, ending the clause: "24/7? Nee.", "nieuw in de stad: no", "24/7 ❌". */
const NEGATED_AFTER = new RegExp(
  String.raw`\s*[:=?\-–]?\s*(?:(?:is|zijn|kan|doe\s+ik|mag|ben\s+ik|am\s+i)\s+)?(?:nee|niet|nope|no|not|never|nooit|nunca|n[aã]o|nein|[❌🚫⛔✖✗✘❎]\uFE0F?)(?=\s*(?:$|[.,!?;\n)]))`,
  'iuy',
);
const CROSS = /[❌🚫⛔✖✗✘❎]/u;
const TICK_AFTER = /\s*[✅✔☑]/uy;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

function isNegated(text: string, hit: PhraseHit): boolean {
  // A negator up to three words back, with only bridge words between and nothing but spaces.
  for (let k = hit.first - 1, reach = 0; k >= 0 && reach < 3; k--, reach++) {
    for (let i = words.ends[k]!; i < words.starts[k + 1]!; i++)
      if (!isSpace(text.charCodeAt(i))) return crossBefore(text, hit);
    if (hasWord(NEGATORS, text, words, k)) return true;
    if (!hasWord(BRIDGE, text, words, k)) break;
  }
  NEGATED_AFTER.lastIndex = hit.end;
  if (NEGATED_AFTER.test(text)) return true;
  return crossBefore(text, hit);
}

/**
 * A cross opening the clause right before the words: "❌ 24/7". Not "anaal ❌ 24/7 ✅", where the
 * cross belongs to the item before and a tick follows.
 */
function crossBefore(text: string, hit: PhraseHit): boolean {
  let i = hit.start;
  while (i > 0 && (isSpace(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 0xfe0f)) i--;
  if (i === 0) return false;
  // The character right before: one code unit, or two for 🚫.
  const low = text.charCodeAt(i - 1);
  const width = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? 2 : 1;
  if (!CROSS.test(text.slice(i - width, i))) return false;
  TICK_AFTER.lastIndex = hit.end;
  if (TICK_AFTER.test(text)) return false;
  // Only spaces and symbols between the clause start and the cross.
  let j = i - width;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (c === 0x0a || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x2c) break;
    if (/[\p{L}\p{N}]/u.test(text[j - 1]!)) return false;
    j--;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------------

const byStartThenLongest = (a: PhraseHit, b: PhraseHit) => a.start - b.start || b.end - a.end;

/** Whether a false friend of the same code covers part of `h` ("jong van geest"). */
function overlapsStop(h: PhraseHit): boolean {
  const rules = matcher.rules;
  for (const s of found)
    if (rules[s.rule]!.stop && s.code === h.code && s.start < h.end && h.start < s.end) return true;
  return false;
}

/** Wording hits of one field, after false friends, negations and overlaps are removed. */
function wordingHits(
  text: string,
  field: string,
  name: readonly string[],
  disabled: ReadonlySet<string> | undefined,
  out: Map<string, IndicatorEvidence[]>,
): void {
  words.read(text);
  found.length = 0;
  matcher.find(text, words, found, name);
  if (found.length === 0) return;
  const rules = matcher.rules;
  const kept: PhraseHit[] = [];
  for (const h of found) {
    const rule = rules[h.rule]!;
    if (rule.stop || (disabled !== undefined && disabled.has(h.code))) continue;
    if (rule.textOnly && field !== 'text') continue;
    if (overlapsStop(h)) continue;
    if (rule.negatable !== false && isNegated(text, h)) continue;
    kept.push(h);
  }
  if (kept.length === 0) return;
  // Per code, the longest of overlapping matches.
  if (kept.length > 1) kept.sort(byStartThenLongest);
  const lastEnd = new Map<string, number>();
  for (const h of kept) {
    if ((lastEnd.get(h.code) ?? -1) > h.start) continue;
    lastEnd.set(h.code, h.end);
    let list = out.get(h.code);
    if (!list) out.set(h.code, (list = []));
    if (list.length < MAX_EVIDENCE)
      list.push({ text: text.slice(h.start, h.end), field, start: h.start, end: h.end });
  }
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Adjectives for the countries whose numbers Dutch ads most often show. */
const COUNTRY_ADJECTIVE: Record<string, string> = {
  ES: 'Spanish',
  RO: 'Romanian',
  HU: 'Hungarian',
  BG: 'Bulgarian',
  PL: 'Polish',
  UA: 'Ukrainian',
  RU: 'Russian',
  MD: 'Moldovan',
  CZ: 'Czech',
  SK: 'Slovak',
  DE: 'German',
  BE: 'Belgian',
  FR: 'French',
  IT: 'Italian',
  PT: 'Portuguese',
  GB: 'British',
  CO: 'Colombian',
  VE: 'Venezuelan',
  BR: 'Brazilian',
  DO: 'Dominican',
  PY: 'Paraguayan',
  AR: 'Argentinian',
  PE: 'Peruvian',
  EC: 'Ecuadorian',
  MX: 'Mexican',
  CU: 'Cuban',
  TH: 'Thai',
  NG: 'Nigerian',
  US: 'American',
};

function countryPhrase(country: string | null): string {
  if (country === null) return 'a number of unknown country';
  const adjective = COUNTRY_ADJECTIVE[country];
  if (adjective) return `a ${adjective} number`;
  let name: string | undefined;
  try {
    name = regionNames.of(country);
  } catch {
    name = undefined;
  }
  return `a number from ${name ?? country}`;
}

/** Formatting a number costs several µs; networks reuse numbers, so keep the last few thousand. */
const formatted = new Map<string, string>();

function formatPhone(e164: string): string {
  let out = formatted.get(e164);
  if (out !== undefined) return out;
  out = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
  if (formatted.size >= 4096) formatted.delete(formatted.keys().next().value!);
  formatted.set(e164, out);
  return out;
}

function placeClause(policeUnit: string | null): string {
  if (policeUnit === null) return 'where in the Netherlands the ad is placed is not known';
  return `the ad is placed in police unit ${unitName(policeUnit) ?? policeUnit}`;
}

/** Evidence for a value found at `span`: the words when the field was given, always the place. */
function spanEvidence(
  ad: AdInput,
  span: Span,
  detail?: string,
  fact?: EvidenceFact,
): IndicatorEvidence {
  const value = ad.fields[span.field];
  const ev: IndicatorEvidence = { field: span.field, start: span.start, end: span.end };
  if (typeof value === 'string' && span.end <= value.length)
    ev.text = value.slice(span.start, span.end);
  if (detail !== undefined) ev.detail = detail;
  if (fact !== undefined) ev.fact = fact;
  return ev;
}

/** The span to show for a value: one in title or text when there is one. */
function bestSpan(spans: readonly Span[]): Span | undefined {
  return spans.find((s) => s.field === 'text' || s.field === 'title') ?? spans[0];
}

const FORM_WORDS: Record<string, string> = {
  letters: 'letters for digits',
  keycap: 'keycap emoji for digits',
  fullwidth: 'full-width digits',
  'unicode-digits': 'look-alike digits',
  spelled: 'digits spelled out in words',
  stars: 'digits split by symbols',
  spaced: 'digits spaced out one by one',
};

const OBSCURED_FORMS = new Set(Object.keys(FORM_WORDS));

function obscuredPhone(ad: AdInput): IndicatorEvidence[] {
  const out: IndicatorEvidence[] = [];
  for (const p of ad.extraction.phones) {
    if (!p.obscured) continue;
    const how = p.forms.filter((f) => OBSCURED_FORMS.has(f)).map((f) => FORM_WORDS[f]!);
    const detail = `${formatPhone(p.e164)} is written to dodge filters${how.length > 0 ? ` (${how.join(', ')})` : ''}`;
    const fact: EvidenceFact = {
      key: 'obscured_phone',
      phone: formatPhone(p.e164),
      forms: p.forms.filter((f) => OBSCURED_FORMS.has(f)),
    };
    const span = bestSpan(p.spans);
    out.push(span ? spanEvidence(ad, span, detail, fact) : { detail, fact });
  }
  return out;
}

function isDutch(p: Extraction['phones'][number]): boolean {
  return p.country === 'NL' || p.e164.startsWith('+31');
}

function foreignNumber(ad: AdInput): IndicatorEvidence[] {
  const out: IndicatorEvidence[] = [];
  for (const p of ad.extraction.phones) {
    if (isDutch(p)) continue;
    const detail = `${formatPhone(p.e164)} is ${countryPhrase(p.country)}; ${placeClause(ad.policeUnit)}`;
    const fact: EvidenceFact = {
      key: 'foreign_number',
      phone: formatPhone(p.e164),
      country: p.country,
      unit: ad.policeUnit,
    };
    const span = bestSpan(p.spans);
    out.push(span ? spanEvidence(ad, span, detail, fact) : { detail, fact });
  }
  return out;
}

/** A WhatsApp contact while no number is offered to call (every number is only a WhatsApp link). */
/** Words that offer a number for messages: "WhatsApp", "app me", "text me", "escríbeme". */
const MESSAGING =
  /whats\s*app|whatsap|watsapp|wapp|wa\.me|(?<![\p{L}])(?:wa|app|appen|appje|sms|sms'en|text|txt|escr[ií]beme|escribe|mensaje|mensagem|telegram|signal)(?![\p{L}])/iu;
/** Signs that invite a call besides words (those are the lexicon's CALLING_CODE). */
const CALL_SIGN = /📞|☎/u;

/** The line of `value` before `start`, at most 60 characters of it. */
function lineBefore(value: string, start: number): string {
  const from = Math.max(0, start - 60);
  const cut = value.lastIndexOf('\n', start - 1);
  return value.slice(Math.max(from, cut + 1), start);
}

/**
 * No number offered to call: every number stands only as a WhatsApp link or contact, or after a
 * messaging label ("Text me on WhatsApp 06…", "WhatsApp: 06…"), and the ad invites no call
 * ("bel", "call", "llama", "Tel:", 📞). A number in the site's phone field is callable.
 */
function whatsappWithoutCall(ad: AdInput): IndicatorEvidence | null {
  const { contacts, phones } = ad.extraction;
  const whatsapp = contacts.find((c) => c.kind === 'whatsapp');
  if (!whatsapp && phones.length === 0) return null;
  let labelled: { span: Span; e164: string } | null = null;
  for (const p of phones) {
    for (const s of p.spans) {
      if (s.field === 'contact.whatsapp' || s.field === 'contact.telegram') continue;
      if (s.field !== 'text' && s.field !== 'title') return null;
      const value = ad.fields[s.field];
      if (typeof value !== 'string') return null;
      if (!MESSAGING.test(lineBefore(value, s.start) + value.slice(s.start, s.end))) return null;
      labelled ??= { span: s, e164: p.e164 };
    }
  }
  if (!whatsapp && !labelled) return null;
  if (
    wording.has(CALLING_CODE) ||
    CALL_SIGN.test(ad.fields.text) ||
    CALL_SIGN.test(ad.fields.title ?? '')
  )
    return null;
  if (labelled) {
    const detail = `${formatPhone(labelled.e164)} is offered only for messages; the ad gives no number to call`;
    return spanEvidence(ad, labelled.span, detail, {
      key: 'messages_only',
      phone: formatPhone(labelled.e164),
    });
  }
  const value = whatsapp!.value;
  const contact = value.startsWith('+') ? formatPhone(value) : value;
  const detail = `WhatsApp (${contact}) is the only contact; no number to call is given`;
  const fact: EvidenceFact = { key: 'whatsapp_only', contact };
  const span = bestSpan(whatsapp!.spans);
  return span ? spanEvidence(ad, span, detail, fact) : { detail, fact };
}

const REGION_LABELS = new Map<string, string>([
  ['latina', 'Latina'],
  ['african', 'African'],
  ['asian', 'Asian'],
  ['eastern-european', 'Eastern European'],
]);

/** "Colombia", "Latina": Intl is slow enough per call to keep its answers. */
function regionLabel(code: string): string {
  let label = REGION_LABELS.get(code);
  if (label === undefined) {
    try {
      label = regionNames.of(code) ?? code;
    } catch {
      label = code;
    }
    REGION_LABELS.set(code, label);
  }
  return label;
}

function statedEthnicity(ad: AdInput): IndicatorEvidence[] {
  const out: IndicatorEvidence[] = [];
  for (const o of ad.extraction.origins) {
    const detail = `states an origin: ${regionLabel(o.code)}`;
    for (const span of o.spans) {
      if (out.length >= MAX_EVIDENCE) return out;
      out.push(spanEvidence(ad, span, detail));
    }
  }
  return out;
}

const SERVICE_NAMES = new Map(SERVICES.map((s) => [s.code, s.en]));

function unprotectedServices(ad: AdInput): IndicatorEvidence[] {
  const out: IndicatorEvidence[] = [];
  for (const s of ad.extraction.services) {
    if (!HIGH_RISK_SERVICES.has(s.code)) continue;
    const detail = `offers: ${SERVICE_NAMES.get(s.code) ?? s.code}`;
    for (const span of s.spans) {
      if (out.length >= MAX_EVIDENCE) return out;
      out.push(spanEvidence(ad, span, detail));
    }
  }
  return out;
}

function lowPrice(ad: AdInput): IndicatorEvidence | null {
  const price = ad.extraction.price;
  const median = ad.regionalMedianPrice;
  if (!price || price.eurPerHour === null || median === null || !(median > 0)) return null;
  const perHour = price.eurPerHour;
  if (perHour > LOW_PRICE_SHARE * median) return null;
  const where =
    ad.policeUnit === null
      ? 'of the ads in its region'
      : `of the ads in police unit ${unitName(ad.policeUnit) ?? ad.policeUnit}`;
  const detail = `€${round(perHour)} per hour is ${Math.round((perHour / median) * 100)}% of the median €${round(median)} per hour ${where} (low: ${LOW_PRICE_SHARE * 100}% or less)`;
  return spanEvidence(ad, price.span, detail);
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// All together
// ---------------------------------------------------------------------------------------------

/** Detectors of facts, by code; wording detectors are the lexicon's codes. */
const FACTS: Record<string, (ad: AdInput) => IndicatorEvidence[]> = {
  obscured_phone: obscuredPhone,
  foreign_number: foreignNumber,
  whatsapp_only: (ad) => {
    const ev = whatsappWithoutCall(ad);
    return ev ? [ev] : [];
  },
  stated_ethnicity: statedEthnicity,
  unprotected_services: unprotectedServices,
  low_price: (ad) => {
    const ev = lowPrice(ad);
    return ev ? [ev] : [];
  },
};

const WORDING_CODES = [...new Set(AD_PHRASES.map((r) => r.code))].filter((c) => c !== CALLING_CODE);

/** Every code a detector exists for (wording or fact); the catalogue must define each. */
export const AD_DETECTOR_CODES: readonly string[] = [
  ...new Set([...WORDING_CODES, ...Object.keys(FACTS)]),
].sort();

const ORDER = AD_INDICATORS.map((d) => d.code);

/**
 * The ad-level indicators one capture shows, in catalogue order, each with its evidence. Codes in
 * `disabled` are neither computed nor returned.
 */
export function adIndicators(ad: AdInput, disabled?: ReadonlySet<string>): IndicatorHit[] {
  wording.clear();
  if (disabled === undefined || WORDING_CODES.some((c) => !disabled.has(c))) {
    const name = nameWords(ad.fields.name);
    for (const field of WORDING_FIELDS) {
      const value = ad.fields[field];
      if (value) wordingHits(value, field, name, disabled, wording);
    }
  }
  const hits: IndicatorHit[] = [];
  for (const code of ORDER) {
    if (disabled !== undefined && disabled.has(code)) continue;
    const said = wording.get(code);
    const fact = FACTS[code];
    const shown = fact ? fact(ad) : [];
    const evidence = said ? (shown.length > 0 ? [...said, ...shown] : said) : shown;
    if (evidence.length > 0) hits.push({ code, evidence });
  }
  return hits;
}

let lastName = '';
let lastNameWords: readonly string[] = [];

/** The folded words of the ad's name ("Roxy", "Ana Paula"), for "Roxy is …" (`@Name`). */
function nameWords(name: string | null | undefined): readonly string[] {
  if (!name) return [];
  if (name !== lastName) {
    lastName = name;
    lastNameWords = foldWord(name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1);
  }
  return lastNameWords;
}
