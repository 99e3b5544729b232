/**
 * The parameters of the synthetic world: how many advertisers of each kind, and how often each
 * indicator shows in their ads. The rates are chosen, not measured — they are priors shaped so that
 * no indicator is decisive on its own. Their *direction* follows published research on real ads with
 * known outcomes (an NIJ-funded study, 2024: obscured numbers, trust wording, youth wording and stated
 * ethnicity more common in trafficking-linked ads; movement wording such as "new in town" *less*
 * common) and Dutch signal lists for exploitation in sex work (CoMensha / EMM signalenlijst).
 * README.md ("The synthetic world") lists them with these sources.
 */

export type AdvertiserKind = 'network' | 'independent' | 'agency' | 'scam';

export const SIZES = {
  /** A few thousand ads and six devices: what `npm start` seeds. */
  demo: { networks: 16, independents: 1700, agencies: 5, scams: 14, devices: 6, assignments: 40 },
  /** For tests: quick, but every kind of everything. */
  small: { networks: 5, independents: 120, agencies: 2, scams: 3, devices: 4, assignments: 12 },
  /** For benchmarks and load: about 100,000 captures. */
  large: {
    networks: 240,
    independents: 14_000,
    agencies: 60,
    scams: 150,
    devices: 12,
    assignments: 120,
  },
} as const;
export type SizeName = keyof typeof SIZES;

/** Share of each kind when the world is sized by a number of captures (`--ads N`). */
export const KIND_MIX: readonly (readonly [AdvertiserKind, number])[] = [
  ['independent', 0.93],
  ['network', 0.016],
  ['agency', 0.004],
  ['scam', 0.05],
];

/** Indicator rates per advertiser kind: the probability that an ad shows it. */
export const INDICATOR_RATES = {
  thirdPerson: { network: 0.45, independent: 0.08, agency: 0.6, scam: 0.3 },
  obscuredPhone: { network: 0.35, independent: 0.12, agency: 0.02, scam: 0.3 },
  foreignNumber: { network: 0.5, independent: 0.07, agency: 0.0, scam: 0.4 },
  whatsappOnly: { network: 0.45, independent: 0.2, agency: 0.05, scam: 0.5 },
  statedEthnicity: { network: 0.55, independent: 0.25, agency: 0.3, scam: 0.4 },
  youth: { network: 0.35, independent: 0.12, agency: 0.15, scam: 0.3 },
  allHours: { network: 0.4, independent: 0.1, agency: 0.5, scam: 0.2 },
  lowPrice: { network: 0.3, independent: 0.08, agency: 0.0, scam: 0.5 },
  /** "Nieuw in de stad", "alleen deze week": MORE common among independents, as research found. */
  movement: { network: 0.15, independent: 0.3, agency: 0.05, scam: 0.1 },
  trust: { network: 0.3, independent: 0.12, agency: 0.4, scam: 0.35 },
  unprotected: { network: 0.12, independent: 0.03, agency: 0.0, scam: 0.1 },
} as const satisfies Record<string, Record<AdvertiserKind, number>>;
export type Indicator = keyof typeof INDICATOR_RATES;

/** The world's calendar: fourteen weeks up to and past the national action days. */
export const WORLD_START = Date.UTC(2023, 0, 2); // Monday 2 January 2023
export const WORLD_WEEKS = 14;
export const ACTION_DAYS = ['2023-03-28', '2023-03-29', '2023-03-30'] as const;

/** Confounders that must link nothing. */
export const CONFOUNDERS = {
  /** Share of ads from the biggest source that end in its standard disclaimer. */
  disclaimer: 0.35,
  /** Share of independents and scammers that use a stock photo from the shared pool. */
  stockPhoto: 0.06,
  stockPhotoPool: 24,
  /** Share of ads that open with one of a handful of common greetings. */
  greeting: 0.5,
} as const;

export const SOURCES = [
  {
    name: 'rodelampjes.test',
    weight: 0.45,
    disclaimer:
      'Let op: rodelampjes.test controleert advertenties niet op juistheid. Adverteerders zijn zelf verantwoordelijk voor de inhoud van hun advertentie en verklaren 18 jaar of ouder te zijn.',
  },
  { name: 'escortgids.test', weight: 0.35, disclaimer: null },
  { name: 'privehuisje.test', weight: 0.2, disclaimer: null },
] as const;
