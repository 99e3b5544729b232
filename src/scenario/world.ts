import type { Municipality } from '../geo/gazetteer.js';
import { INDICATOR_RATES, WORLD_WEEKS, type AdvertiserKind, type Indicator } from './params.js';
import {
  INDEPENDENTS,
  MALE_NAMES,
  NATIONALITIES,
  NETWORK_WOMEN,
  ORGANISERS,
  routeFor,
  WORKING_NAMES,
} from './people.js';
import { mobileNumber } from './phones.js';
import type { PlacePicker } from './places.js';
import type { Random } from './random.js';
import { makeTemplate, type Language, type Template } from './text.js';

/**
 * The people of the synthetic world, one advertiser at a time: an exploitative network with its
 * organisers and the women it advertises, an independent sex worker, a licensed agency, or a
 * scammer. Generated lazily from per-advertiser random streams, so a world of any size streams.
 */

export type PersonRole =
  | 'controller'
  | 'beveiliger'
  | 'driver'
  | 'ad_placer'
  | 'recruiter'
  | 'sex_worker'
  | 'agency_owner'
  | 'scammer';

export interface Person {
  id: string;
  role: PersonRole;
  givenName: string;
  /** The name used on ads, for sex workers. */
  workingName: string | null;
  nationality: string;
  birthYear: number;
  route: string[];
  languages: string[];
  /** Exploited by the network she works in. */
  exploited: boolean;
  /** Her own phone (sex workers of networks and organisers): a device that may be seized. */
  ownPhone: string | null;
}

export interface AdPhone {
  e164: string;
  /** Who answers it. */
  holderId: string;
}

/** One ad: who it advertises, on which source, and when it is up. */
export interface AdPlan {
  source: string;
  sourceId: string;
  personId: string;
  phone: AdPhone;
  template: Template;
  /** Weeks (0-based, world calendar) in which the ad is captured, each with where it says it is. */
  weeks: { week: number; municipality: Municipality }[];
  age: number;
  /** Photo ids this ad shows; `stock:N` are the shared stock photos. */
  photos: string[];
  pricePerHour: number;
  category: string;
}

export interface Advertiser {
  id: string;
  kind: AdvertiserKind;
  exploitative: boolean;
  persons: Person[];
  phones: AdPhone[];
  ads: AdPlan[];
  /** Networks: the municipalities it rotates through. */
  circuit: Municipality[];
}

export interface WorldContext {
  places: PlacePicker;
  /** Next free ad id per source (kept across advertisers). */
  nextSourceId: (source: string) => string;
  pickSource: (rng: Random) => string;
  stockPhotoPool: number;
  stockPhotoRate: number;
}

function indicatorsFor(kind: AdvertiserKind, rng: Random): Set<Indicator> {
  const set = new Set<Indicator>();
  for (const [indicator, rates] of Object.entries(INDICATOR_RATES) as [
    Indicator,
    Record<AdvertiserKind, number>,
  ][]) {
    if (rng.chance(rates[kind])) set.add(indicator);
  }
  return set;
}

function languageFor(kind: AdvertiserKind, nationality: string, rng: Random): Language {
  if (kind === 'agency') return 'nl';
  if (kind === 'network')
    return rng.weighted([
      ['nl', 0.4],
      ['es', 0.3],
      ['en', 0.25],
      ['pt', 0.05],
    ] as const);
  const native = NATIONALITIES[nationality]?.language;
  if (native === 'nl') return 'nl';
  if (native === 'es' && rng.chance(0.35)) return 'es';
  if (native === 'pt' && rng.chance(0.35)) return 'pt';
  return rng.weighted([
    ['nl', 0.65],
    ['en', 0.35],
  ] as const);
}

const BIRTH_NOW = 2023;

function person(
  id: string,
  role: PersonRole,
  nationality: string,
  age: number,
  rng: Random,
  exploited: boolean,
): Person {
  const nat = NATIONALITIES[nationality]!;
  const female =
    role === 'sex_worker' || role === 'agency_owner'
      ? true
      : role === 'recruiter'
        ? rng.chance(0.5)
        : rng.chance(0.15);
  return {
    id,
    role,
    givenName: female ? rng.pick(nat.givenNames) : rng.pick(MALE_NAMES),
    workingName: role === 'sex_worker' ? (rng.chance(0.5) ? rng.pick(WORKING_NAMES) : null) : null,
    nationality,
    birthYear: BIRTH_NOW - age,
    route: routeFor(nationality, rng),
    languages: [
      ...new Set([nat.language, ...(nationality === 'NL' ? [] : rng.chance(0.4) ? ['en'] : [])]),
    ],
    exploited,
    ownPhone: null,
  };
}

function activeWeeks(rng: Random, minLength: number, maxLength: number): number[] {
  const length = rng.int(minLength, Math.min(maxLength, WORLD_WEEKS));
  const start = rng.int(0, WORLD_WEEKS - length);
  return Array.from({ length }, (_, i) => start + i);
}

function photosFor(
  prefix: string,
  n: number,
  rng: Random,
  ctx: WorldContext,
  stockRate: number,
): string[] {
  if (rng.chance(stockRate)) return [`stock:${rng.int(0, ctx.stockPhotoPool - 1)}`];
  return Array.from({ length: n }, (_, i) => `${prefix}-p${i}`);
}

function price(lowPrice: boolean, rng: Random): number {
  return lowPrice
    ? rng.pick([50, 60, 70, 80, 90])
    : rng.pick([100, 120, 130, 150, 150, 160, 180, 200, 250]);
}

export function makeAdvertiser(
  index: number,
  kind: AdvertiserKind,
  rng: Random,
  ctx: WorldContext,
): Advertiser {
  const id = `adv-${String(index).padStart(6, '0')}`;
  switch (kind) {
    case 'network':
      return network(id, rng, ctx);
    case 'agency':
      return agency(id, rng, ctx);
    case 'scam':
      return scam(id, rng, ctx);
    default:
      return independent(id, rng, ctx);
  }
}

function network(id: string, rng: Random, ctx: WorldContext): Advertiser {
  const persons: Person[] = [];
  const organiserNat = () => rng.weighted(ORGANISERS);
  const controller = person(
    `${id}-controller`,
    'controller',
    organiserNat(),
    rng.int(28, 52),
    rng,
    false,
  );
  persons.push(controller);
  for (let i = 0; i < rng.int(1, 3); i++)
    persons.push(
      person(`${id}-beveiliger${i + 1}`, 'beveiliger', organiserNat(), rng.int(22, 45), rng, false),
    );
  for (let i = 0; i < rng.int(0, 2); i++)
    persons.push(
      person(`${id}-driver${i + 1}`, 'driver', organiserNat(), rng.int(22, 55), rng, false),
    );
  const adPlacer = rng.chance(0.6)
    ? person(`${id}-adplacer`, 'ad_placer', organiserNat(), rng.int(20, 40), rng, false)
    : null;
  if (adPlacer) persons.push(adPlacer);
  if (rng.chance(0.5))
    persons.push(
      person(
        `${id}-recruiter`,
        'recruiter',
        rng.weighted(NETWORK_WOMEN),
        rng.int(25, 50),
        rng,
        false,
      ),
    );
  for (const p of persons)
    p.ownPhone = mobileNumber(
      rng.chance(0.5) ? 'NL' : p.nationality === 'NL' ? 'NL' : rng.pick(['ES', p.nationality]),
      rng,
    );

  // Mostly small networks, a few large ones (2–20 women).
  const women = Math.min(20, 2 + Math.floor(rng.next() ** 2.2 * 19));
  const womenNat = rng.weighted(NETWORK_WOMEN);
  const workers: Person[] = [];
  for (let i = 0; i < women; i++) {
    // Networks often recruit from one country, with some from elsewhere.
    const nat = rng.chance(0.7) ? womenNat : rng.weighted(NETWORK_WOMEN);
    const w = person(`${id}-w${i + 1}`, 'sex_worker', nat, rng.int(18, 27), rng, true);
    w.ownPhone = rng.chance(0.7) ? mobileNumber(rng.chance(0.6) ? 'NL' : 'ES', rng) : null;
    workers.push(w);
  }
  persons.push(...workers);

  // A few phones answer for all the women: the controller's or the ad placer's.
  const answerer = adPlacer ?? controller;
  const phones: AdPhone[] = Array.from({ length: Math.min(women, rng.int(1, 4)) }, () => ({
    e164: mobileNumber(
      rng.weighted([
        ['ES', 0.45],
        ['NL', 0.45],
        [womenNat, 0.1],
      ] as const),
      rng,
    ),
    holderId: rng.chance(0.8) ? answerer.id : controller.id,
  }));

  // The circuit: cities in at least two police units, visited in turn, a week each.
  const home = ctx.places.municipality(rng);
  const circuit = [home];
  while (circuit.length < rng.int(3, 6)) {
    const next = ctx.places.elsewhere(circuit[circuit.length - 1]!.unit, rng);
    if (!circuit.some((m) => m.code === next.code)) circuit.push(next);
  }
  const templates = Array.from({ length: rng.int(1, 3) }, () =>
    makeTemplate(languageFor('network', womenNat, rng), indicatorsFor('network', rng), rng, 0.5),
  );
  const sharedPhotos = [`${id}-shared-a`, `${id}-shared-b`];
  const ads: AdPlan[] = [];
  for (const [i, w] of workers.entries()) {
    const weeks = activeWeeks(rng, 4, 11);
    const offset = rng.int(0, circuit.length - 1);
    const template = rng.pick(templates);
    const phone = phones[i % phones.length]!;
    const own = photosFor(`${w.id}`, rng.int(2, 3), rng, ctx, 0);
    // Photos reused under different names: a network's stock of pictures travels between women.
    const photos = rng.chance(0.35) ? [rng.pick(sharedPhotos), ...own.slice(1)] : own;
    const source = ctx.pickSource(rng);
    const age = rng.chance(0.7) ? 2023 - w.birthYear : rng.int(18, 21);
    const perHour = price(template.indicators.has('lowPrice'), rng);
    // Moving to a new city often means a new ad rather than an edited one.
    let plan: AdPlan | undefined;
    for (const week of weeks) {
      const municipality = circuit[(offset + week) % circuit.length]!;
      if (!plan || rng.chance(0.35)) {
        plan = {
          source: plan && rng.chance(0.3) ? ctx.pickSource(rng) : source,
          sourceId: '',
          personId: w.id,
          phone,
          template,
          weeks: [],
          age,
          photos,
          pricePerHour: perHour,
          category: rng.pick(['escort', 'privé ontvangst', 'thuisontvangst']),
        };
        plan.sourceId = ctx.nextSourceId(plan.source);
        ads.push(plan);
      }
      plan.weeks.push({ week, municipality });
    }
  }
  return { id, kind: 'network', exploitative: true, persons, phones, ads, circuit };
}

function independent(id: string, rng: Random, ctx: WorldContext): Advertiser {
  const nat = rng.weighted(INDEPENDENTS);
  const w = person(`${id}-w1`, 'sex_worker', nat, rng.int(19, 46), rng, false);
  const indicators = indicatorsFor('independent', rng);
  const foreign = indicators.has('foreignNumber');
  const phone: AdPhone = {
    e164: mobileNumber(foreign ? (nat === 'NL' ? 'ES' : nat) : 'NL', rng),
    holderId: w.id,
  };
  w.ownPhone = phone.e164;
  const template = makeTemplate(languageFor('independent', nat, rng), indicators, rng, 0.5);
  const home = ctx.places.municipality(rng);
  const weeks = activeWeeks(rng, 1, 8);
  const travels = indicators.has('movement') && rng.chance(0.5);
  const photos = photosFor(w.id, rng.int(1, 3), rng, ctx, ctx.stockPhotoRate);
  const ads: AdPlan[] = [];
  // A quarter advertise on a second site too (with the same text: same advertiser).
  const sources = new Set([ctx.pickSource(rng)]);
  if (rng.chance(0.25)) sources.add(ctx.pickSource(rng));
  for (const source of sources) {
    const plan: AdPlan = {
      source,
      sourceId: ctx.nextSourceId(source),
      personId: w.id,
      phone,
      template,
      weeks: weeks.map((week) => ({
        week,
        municipality: travels && week % 3 === 2 ? ctx.places.elsewhere(home.unit, rng) : home,
      })),
      age: 2023 - w.birthYear,
      photos,
      pricePerHour: price(indicators.has('lowPrice'), rng),
      category: rng.pick(['escort', 'privé ontvangst', 'massage', 'thuisontvangst']),
    };
    ads.push(plan);
  }
  return {
    id,
    kind: 'independent',
    exploitative: false,
    persons: [w],
    phones: [phone],
    ads,
    circuit: [],
  };
}

function agency(id: string, rng: Random, ctx: WorldContext): Advertiser {
  const owner = person(`${id}-owner`, 'agency_owner', 'NL', rng.int(35, 60), rng, false);
  const phone: AdPhone = { e164: mobileNumber('NL', rng), holderId: owner.id };
  const template = makeTemplate('nl', indicatorsFor('agency', rng), rng, 0.3);
  const home = ctx.places.municipality(rng);
  const source = ctx.pickSource(rng);
  const workers: Person[] = [];
  const ads: AdPlan[] = [];
  for (let i = 0; i < rng.int(8, 25); i++) {
    const w = person(
      `${id}-w${i + 1}`,
      'sex_worker',
      rng.weighted(INDEPENDENTS),
      rng.int(21, 38),
      rng,
      false,
    );
    workers.push(w);
    ads.push({
      source,
      sourceId: ctx.nextSourceId(source),
      personId: w.id,
      phone,
      template,
      weeks: activeWeeks(rng, 3, WORLD_WEEKS).map((week) => ({ week, municipality: home })),
      age: 2023 - w.birthYear,
      photos: photosFor(w.id, rng.int(1, 2), rng, ctx, 0),
      pricePerHour: rng.pick([150, 175, 200, 250]),
      category: 'escort',
    });
  }
  return {
    id,
    kind: 'agency',
    exploitative: false,
    persons: [owner, ...workers],
    phones: [phone],
    ads,
    circuit: [home],
  };
}

function scam(id: string, rng: Random, ctx: WorldContext): Advertiser {
  const scammer = person(
    `${id}-scammer`,
    'scammer',
    rng.pick(['NG', 'NL', 'RO']),
    rng.int(20, 45),
    rng,
    false,
  );
  const phone: AdPhone = {
    e164: mobileNumber(rng.pick(['NL', 'NG', 'ES', 'RO']), rng),
    holderId: scammer.id,
  };
  const template = makeTemplate(
    rng.pick(['nl', 'en'] as const),
    indicatorsFor('scam', rng),
    rng,
    0.4,
  );
  const ads: AdPlan[] = [];
  const persons: Person[] = [scammer];
  for (let i = 0; i < rng.int(3, 10); i++) {
    // A scam ad advertises nobody; the "person" is a made-up name on a stock photo.
    const fake = person(
      `${id}-fake${i + 1}`,
      'sex_worker',
      rng.weighted(INDEPENDENTS),
      rng.int(19, 25),
      rng,
      false,
    );
    persons.push(fake);
    const source = ctx.pickSource(rng);
    const week = rng.int(0, WORLD_WEEKS - 2);
    ads.push({
      source,
      sourceId: ctx.nextSourceId(source),
      personId: fake.id,
      phone,
      template,
      weeks: [week, week + 1]
        .slice(0, rng.int(1, 2))
        .map((w) => ({ week: w, municipality: ctx.places.municipality(rng) })),
      age: 2023 - fake.birthYear,
      photos: [`stock:${rng.int(0, ctx.stockPhotoPool - 1)}`],
      pricePerHour: price(template.indicators.has('lowPrice'), rng),
      category: 'escort',
    });
  }
  return { id, kind: 'scam', exploitative: false, persons, phones: [phone], ads, circuit: [] };
}
