import type { Random } from './random.js';

/**
 * Who lives in the synthetic world: nationalities with their weights per group, routes into the
 * country, and common given names. Names are common first names only, never full real identities.
 */

export interface Nationality {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** How ads and officers write it, in Dutch. */
  adjectiveNl: string;
  /** How ads write it, in English/Spanish/Portuguese. */
  adjectiveEn: string;
  language: 'es' | 'pt' | 'ro' | 'hu' | 'bg' | 'en' | 'nl';
  /** Country calling code for numbers bought there. */
  callingCode: string;
  givenNames: readonly string[];
}

export const NATIONALITIES: Record<string, Nationality> = {
  CO: {
    code: 'CO',
    adjectiveNl: 'Colombiaanse',
    adjectiveEn: 'Colombiana',
    language: 'es',
    callingCode: '57',
    givenNames: [
      'Valentina',
      'Daniela',
      'Camila',
      'Luisa',
      'Paola',
      'Natalia',
      'Yuliana',
      'Leidy',
      'Karen',
      'Johana',
    ],
  },
  VE: {
    code: 'VE',
    adjectiveNl: 'Venezolaanse',
    adjectiveEn: 'Venezolana',
    language: 'es',
    callingCode: '58',
    givenNames: [
      'Mariana',
      'Gabriela',
      'Andreína',
      'Yusmary',
      'Oriana',
      'Rosmery',
      'Daniela',
      'Génesis',
    ],
  },
  DO: {
    code: 'DO',
    adjectiveNl: 'Dominicaanse',
    adjectiveEn: 'Dominicana',
    language: 'es',
    callingCode: '1',
    givenNames: ['Yokasta', 'Rosanna', 'Yanelis', 'Esmeralda', 'Mileidy', 'Altagracia', 'Wendy'],
  },
  BR: {
    code: 'BR',
    adjectiveNl: 'Braziliaanse',
    adjectiveEn: 'Brasileira',
    language: 'pt',
    callingCode: '55',
    givenNames: ['Bruna', 'Larissa', 'Thaís', 'Jéssica', 'Fernanda', 'Aline', 'Letícia', 'Raíssa'],
  },
  PY: {
    code: 'PY',
    adjectiveNl: 'Paraguayaanse',
    adjectiveEn: 'Paraguaya',
    language: 'es',
    callingCode: '595',
    givenNames: ['Noelia', 'Lorena', 'Rocío', 'Liz', 'Fátima', 'Nathalia'],
  },
  RO: {
    code: 'RO',
    adjectiveNl: 'Roemeense',
    adjectiveEn: 'Romanian',
    language: 'ro',
    callingCode: '40',
    givenNames: ['Andreea', 'Ioana', 'Bianca', 'Alexandra', 'Roxana', 'Denisa', 'Larisa'],
  },
  HU: {
    code: 'HU',
    adjectiveNl: 'Hongaarse',
    adjectiveEn: 'Hungarian',
    language: 'hu',
    callingCode: '36',
    givenNames: ['Vivien', 'Anita', 'Kitti', 'Dóra', 'Nikolett', 'Szilvia'],
  },
  BG: {
    code: 'BG',
    adjectiveNl: 'Bulgaarse',
    adjectiveEn: 'Bulgarian',
    language: 'bg',
    callingCode: '359',
    givenNames: ['Desislava', 'Gergana', 'Mariya', 'Tsvetelina', 'Yoana'],
  },
  NG: {
    code: 'NG',
    adjectiveNl: 'Nigeriaanse',
    adjectiveEn: 'Nigerian',
    language: 'en',
    callingCode: '234',
    givenNames: ['Blessing', 'Precious', 'Joy', 'Faith', 'Gift', 'Favour'],
  },
  NL: {
    code: 'NL',
    adjectiveNl: 'Nederlandse',
    adjectiveEn: 'Dutch',
    language: 'nl',
    callingCode: '31',
    givenNames: [
      'Sanne',
      'Lotte',
      'Kim',
      'Demi',
      'Naomi',
      'Chantal',
      'Melissa',
      'Esmee',
      'Romy',
      'Iris',
    ],
  },
  ES: {
    code: 'ES',
    adjectiveNl: 'Spaanse',
    adjectiveEn: 'Española',
    language: 'es',
    callingCode: '34',
    givenNames: ['Lucía', 'Carmen', 'Marta', 'Nerea', 'Alba', 'Irene'],
  },
  TH: {
    code: 'TH',
    adjectiveNl: 'Thaise',
    adjectiveEn: 'Thai',
    language: 'en',
    callingCode: '66',
    givenNames: ['Nok', 'Ploy', 'Fon', 'Mai', 'Ying'],
  },
};

/** Women in exploitative networks: mostly Latin America via Spain, some Eastern Europe, West Africa. */
export const NETWORK_WOMEN: readonly (readonly [string, number])[] = [
  ['CO', 0.3],
  ['VE', 0.2],
  ['DO', 0.14],
  ['BR', 0.1],
  ['PY', 0.08],
  ['RO', 0.08],
  ['HU', 0.04],
  ['BG', 0.02],
  ['NG', 0.04],
];

/** Independent advertisers: a broad mix, Latin Americans among them — nationality is no indicator by itself. */
export const INDEPENDENTS: readonly (readonly [string, number])[] = [
  ['NL', 0.34],
  ['RO', 0.1],
  ['HU', 0.06],
  ['CO', 0.1],
  ['VE', 0.06],
  ['DO', 0.06],
  ['BR', 0.09],
  ['ES', 0.05],
  ['BG', 0.04],
  ['TH', 0.05],
  ['NG', 0.03],
  ['PY', 0.02],
];

/** Controllers, beveiligers, drivers: who runs a network. */
export const ORGANISERS: readonly (readonly [string, number])[] = [
  ['ES', 0.2],
  ['CO', 0.25],
  ['VE', 0.1],
  ['DO', 0.1],
  ['NL', 0.2],
  ['RO', 0.1],
  ['NG', 0.05],
];

/** Routes into the Netherlands, by nationality; most Latin Americans via Spain. */
export function routeFor(nationality: string, rng: Random): string[] {
  switch (nationality) {
    case 'CO':
    case 'VE':
    case 'DO':
    case 'PY':
      return rng.chance(0.8)
        ? [nationality, 'ES', 'NL']
        : [nationality, rng.pick(['PT', 'IT', 'FR']), 'NL'];
    case 'BR':
      return rng.chance(0.6) ? ['BR', 'PT', 'NL'] : ['BR', 'ES', 'NL'];
    case 'NG':
      return rng.chance(0.7) ? ['NG', 'IT', 'NL'] : ['NG', 'ES', 'NL'];
    case 'NL':
      return ['NL'];
    default:
      return [nationality, 'NL'];
  }
}

export const MALE_NAMES = [
  'Carlos',
  'Jhon',
  'Andrés',
  'Luis',
  'Kevin',
  'Mario',
  'Dennis',
  'Ricardo',
  'Sergio',
  'Marco',
  'Stefan',
  'Yusuf',
  'Emeka',
  'Iulian',
  'Ronald',
  'Jeffrey',
] as const;

/** Working names seen on ads, alongside given names. */
export const WORKING_NAMES = [
  'Sofia',
  'Luna',
  'Bella',
  'Jasmine',
  'Kylie',
  'Angel',
  'Candy',
  'Roxy',
  'Mia',
  'Scarlett',
  'Barbie',
  'Linda',
  'Nikita',
  'Lola',
  'Chanel',
  'Melody',
  'Paris',
  'Sasha',
  'Vanessa',
  'Diamond',
] as const;
