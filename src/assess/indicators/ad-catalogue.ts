import type { IndicatorDefinition, WeightSource } from './types.js';

/**
 * The ad-level indicators: what one ad shows by itself. Detectors are in ad.ts, their wording in
 * ad-lexicon.ts.
 *
 * Weights are additive log-odds priors, deliberately modest: no single indicator may decide. Their
 * direction follows the sources; their size is ours (the sources give directions, and for
 * movement one effect size, from US ads of 2013–2020, so they are shrunk rather than copied):
 * - study-backed positives (trust wording, obscured number, youth wording, stated ethnicity) 0.4–0.6;
 * - movement wording negative (the study found it LESS common in trafficking-linked ads);
 * - Dutch signal-list items 0.3–0.6; expert priors 0.2–0.3.
 */

const STUDY_CITATION =
  'Lugo-Graulich et al., "Indicators of Sex Trafficking in Online Escort Ads" (NIJ-funded; JRSA/JIRN final report 2022; Journal of Human Trafficking 2024; NIJ article "Unconventional Wisdom", May 2024)';

function study(finding: string): WeightSource {
  return { kind: 'study', citation: STUDY_CITATION, finding };
}

const SIGNAL_LIST_CITATION =
  'CoMensha / EMM (Expertisecentrum Mensenhandel en Mensensmokkel) signalenlijsten seksuele uitbuiting';

function signalList(finding: string): WeightSource {
  return { kind: 'signal-list', citation: SIGNAL_LIST_CITATION, finding };
}

function expert(finding: string): WeightSource {
  return { kind: 'expert-prior', citation: 'Expert prior (Schakel)', finding };
}

const WORDING_LANGUAGES = ['nl', 'en', 'es', 'pt'];

export const AD_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'third_person',
    level: 'ad',
    name: { nl: 'Geschreven in de derde persoon', en: 'Written in the third person' },
    description: {
      nl: 'De advertentie spreekt over de vrouw ("zij is", "onze meiden", "nieuw meisje") in plaats van namens haarzelf: iemand anders schrijft of beheert de advertentie.',
      en: 'The ad speaks about the woman ("she is", "our girls", "new girl available") instead of in her own voice: someone else writes or manages the ad.',
    },
    detection:
      'Phrases with she/zij/ella/ela and a verb, "her name/photos", "our girls", "girls available", "Onze Luna", "Meet Luna", "nieuw meisje Paris", and the ad\'s own name with a verb in its text ("Lotte is een lief meisje"); a headline such as "Lotte verwent je" alone does not count.',
    languages: WORDING_LANGUAGES,
    defaultWeight: 0.5,
    source: signalList(
      'A third party who speaks, advertises or arranges contacts for the woman is a signal of exploitation.',
    ),
  },
  {
    code: 'obscured_phone',
    level: 'ad',
    name: { nl: 'Verhuld telefoonnummer', en: 'Obscured phone number' },
    description: {
      nl: 'Het nummer is zo geschreven dat filters en scrapers het missen: letters voor cijfers, emoji-cijfers, uitgeschreven of opgeknipt.',
      en: 'The number is written to slip past filters and scrapers: letters for digits, keycap emoji, spelled out or split up.',
    },
    detection:
      'Taken from phone extraction: a number read from letters, keycaps, full-width or look-alike digits, words, or digits split by symbols or spaced one by one.',
    languages: [],
    defaultWeight: 0.6,
    source: study(
      'An obscured phone number was a statistically significant predictor of a trafficking-linked ad (more likely than in ads of non-trafficked sex workers).',
    ),
  },
  {
    code: 'foreign_number',
    level: 'ad',
    name: { nl: 'Buitenlands nummer', en: 'Foreign number' },
    description: {
      nl: 'Een niet-Nederlands telefoonnummer op een advertentie die in Nederland geplaatst is.',
      en: 'A non-Dutch phone number on an ad placed in the Netherlands.',
    },
    detection:
      'A number found in the ad whose country (by its calling code) is not the Netherlands; the ad is assumed placed in the Netherlands and its police unit is named when known.',
    languages: [],
    defaultWeight: 0.3,
    source: expert(
      'A foreign number suggests recent arrival or a number managed from abroad; many independent migrant workers have one too, so the prior is small.',
    ),
  },
  {
    code: 'whatsapp_only',
    level: 'ad',
    name: { nl: 'Alleen WhatsApp / niet bellen', en: 'WhatsApp only / no calls' },
    description: {
      nl: 'Contact alleen via berichten ("alleen WhatsApp", "niet bellen"), of een WhatsApp-link zonder nummer om te bellen: wie antwoordt hoeft niet de vrouw zelf te zijn.',
      en: 'Contact by messages only ("only WhatsApp", "no calls"), or a WhatsApp link with no number to call: whoever answers need not be the woman herself.',
    },
    detection:
      'Phrases such as "alleen WhatsApp", "text only", "solo mensajes", "no calls", "niet bellen" (not "no calls from hidden numbers", not "niet via WhatsApp"), or a WhatsApp contact when no other number to call is given.',
    languages: WORDING_LANGUAGES,
    defaultWeight: 0.2,
    source: expert(
      'Message-only contact lets a third party answer for the woman; independents also prefer messages for safety, so the prior is small.',
    ),
  },
  {
    code: 'stated_ethnicity',
    level: 'ad',
    name: { nl: 'Vermelde afkomst', en: 'Stated ethnicity' },
    description: {
      nl: 'De advertentie noemt de nationaliteit of afkomst van de vrouw ("Colombiaanse", "Latina", "uit Roemenië").',
      en: 'The ad states the woman\'s nationality or ethnicity ("Colombian", "Latina", "from Romania").',
    },
    detection:
      'Taken from origin extraction: a nationality or region word describing the woman, or a country after "from"/"uit"/"de"; languages spoken do not count.',
    languages: [],
    defaultWeight: 0.4,
    source: study(
      "Mention of the provider's ethnicity was a statistically significant predictor of a trafficking-linked ad; traffickers may market victims with racialised descriptions more than independent workers do.",
    ),
  },
  {
    code: 'youth',
    level: 'ad',
    name: { nl: 'Jeugdige bewoording', en: 'Youth wording' },
    description: {
      nl: 'Woorden die jeugd benadrukken ("jong", "net 18", "petite", "tienerlook"); de opgegeven leeftijd zelf telt hier niet.',
      en: 'Words that stress youth ("young", "barely 18", "petite", "teen look"); the stated age itself does not count here.',
    },
    detection:
      'Youth words and phrases in title, text and name; not "jong van geest", "young at heart", "45 jaar jong", "jong en oud welkom", "only 18+", "fresh" of towels, nor a plain "new girl" (newness on the site, said at any age).',
    languages: WORDING_LANGUAGES,
    defaultWeight: 0.6,
    source: study(
      'Language suggesting the youth of the provider was a statistically significant predictor of a trafficking-linked ad (a stated age under 23 was not).',
    ),
  },
  {
    code: 'all_hours',
    level: 'ad',
    name: { nl: 'Altijd beschikbaar', en: 'Available at all hours' },
    description: {
      nl: 'De advertentie belooft beschikbaarheid op elk uur ("24/7", "dag en nacht", "altijd beschikbaar"): een teken van werken zonder grenzen aan werktijd.',
      en: 'The ad promises availability at any hour ("24/7", "day and night", "always available"): a sign of working without limits on hours.',
    },
    detection:
      '"24/7" and its spellings, "24 uur per dag", "available 24h", "dag en nacht", "altijd beschikbaar", "7 dagen per week"; not "24 jaar", a bare "24 uur" price line, or a negated "niet 24/7".',
    languages: WORDING_LANGUAGES,
    defaultWeight: 0.4,
    source: signalList(
      'Very long working hours, always being available and working every day are signals of exploitation.',
    ),
  },
  {
    code: 'unprotected_services',
    level: 'ad',
    name: { nl: 'Onveilige diensten', en: 'Unprotected or high-risk services' },
    description: {
      nl: 'Aangeboden diensten zonder condoom of zonder grenzen ("zonder", "alles kan", "CIM"): vrouwen die zelf beslissen bieden dit zelden aan.',
      en: 'Services offered without a condom or without limits ("bareback", "no limits", "CIM"): women who decide for themselves rarely offer these.',
    },
    detection:
      'Taken from service extraction (negations already removed): unprotected, oral without condom, no limits, and cum in mouth (a body-fluid risk that usually comes with them).',
    languages: [],
    defaultWeight: 0.5,
    source: signalList(
      'Unsafe sex, not being able to refuse clients or services, and having to offer what clients ask are signals of exploitation.',
    ),
  },
  {
    code: 'low_price',
    level: 'ad',
    name: { nl: 'Lage prijs', en: 'Low price' },
    description: {
      nl: 'De uurprijs ligt op of onder 60% van de mediaan van advertenties in dezelfde politie-eenheid.',
      en: 'The price per hour is at or below 60% of the median of ads in the same police unit.',
    },
    detection:
      "The price per hour from price extraction compared with the median price per hour of ads in the ad's police unit; no hit without a known duration or without enough ads for a median.",
    languages: [],
    defaultWeight: 0.4,
    source: signalList(
      'Prices far below the usual market rate are a signal that someone else profits or that the woman cannot set her own terms.',
    ),
  },
  {
    code: 'trust_wording',
    level: 'ad',
    name: { nl: 'Vertrouwensclaims', en: 'Trust wording' },
    description: {
      nl: 'De advertentie stelt nadrukkelijk gerust ("100% echt", "echte foto\'s", "geen nep", "betrouwbaar").',
      en: 'The ad insists it can be trusted ("100% real", "real photos", "not fake", "reliable").',
    },
    detection:
      'Phrases claiming real photos, a real person or reliability, in title, text and name; "discreet" alone does not count, "discreet en professioneel" does.',
    languages: WORDING_LANGUAGES,
    defaultWeight: 0.5,
    source: study(
      'Language signalling that the provider is trustworthy was a statistically significant predictor of a trafficking-linked ad.',
    ),
  },
  {
    code: 'movement_wording',
    level: 'ad',
    name: { nl: 'Reisbewoording', en: 'Movement wording' },
    description: {
      nl: 'Woorden over kort verblijf of reizen ("nieuw in de stad", "alleen deze week", "tour"). Onderzoek vond dit vaker bij zelfstandige sekswerkers: het verlaagt de score.',
      en: 'Wording about a short stay or travel ("new in town", "only this week", "tour"). Research found it more common among independent workers: it lowers the score.',
    },
    detection:
      'Phrases such as "nieuw in de stad", "new in <city>", "just arrived", "only this week", "last days", "tour", "leaving soon"; not "nieuwe foto\'s", "nieuw in het vak", or a negated "not new in town".',
    languages: WORDING_LANGUAGES,
    defaultWeight: -0.4,
    source: study(
      'Movement language ("limited time", "new in town", "leaving soon") was about 70% less likely in trafficking-linked ads than in ads of non-trafficked sex workers.',
    ),
  },
];
