import { CONFOUNDERS, SOURCES, WORLD_START, type Indicator } from './params.js';
import { NATIONALITIES } from './people.js';
import { distractor, whatsappLink, writePhone, type WrittenPhone } from './phones.js';
import type { PlacePicker } from './places.js';
import type { Random } from './random.js';
import { render } from './text.js';
import type { Advertiser, AdPlan, Person } from './world.js';

/**
 * Captures: what a crawler saw of an ad on a given day, in the capture format of
 * ../shared/formats/ad-capture.md, with the truth of what it shows beside it.
 */

/** One line of an ads/*.jsonl file. Field order is fixed for reproducible bytes. */
export interface Capture {
  source: string;
  source_id: string;
  captured_at: string;
  url: string;
  posted_at: string;
  title: string;
  text: string;
  name: string;
  age?: string;
  location: string;
  phone: string;
  contact?: Record<string, string>;
  price: string;
  category: string;
  images: { file: string }[];
}

/** What a capture truly shows: the answer key for extraction. */
export interface CaptureTruth {
  capturedAt: string;
  municipalityCode: string;
  /** Every number the capture shows, anywhere, as E.164. */
  phones: string[];
  age: number;
  priceEurPerHour: number;
  indicators: Indicator[];
}

export interface AdImage {
  /** Relative to the ads folder. */
  file: string;
  photoId: string;
  /** Index of the variation for this ad (0 = as the photo first appeared). */
  variant: number;
}

const DAY = 24 * 60 * 60 * 1000;
const DST_START_2023 = Date.UTC(2023, 2, 26, 1);
const DST_END_2023 = Date.UTC(2023, 9, 29, 1);

/** ISO 8601 with the Amsterdam offset of that moment (+01:00 in winter, +02:00 in summer). */
export function amsterdamIso(ms: number): string {
  const offset = ms >= DST_START_2023 && ms < DST_END_2023 ? 2 : 1;
  const local = new Date(ms + offset * 3600_000).toISOString().slice(0, 19);
  return `${local}+0${offset}:00`;
}

function priceText(perHour: number, rng: Random): string {
  return rng.weighted([
    [`${perHour} p/u`, 3],
    [`€${perHour / 2} half uur`, 2],
    [`${perHour} rozen`, 1],
    [`${perHour} per uur`, 2],
    [`${perHour / 2} per 30 min`, 1],
    [`€ ${perHour},- per uur`, 1],
  ] as const);
}

function ageField(age: number, rng: Random): string | undefined {
  return rng.weighted([
    [String(age), 5],
    [`${age} jaar`, 3],
    [undefined, 2],
  ] as const);
}

/**
 * The indicators a capture truly shows: wording from its template, and the facts behind the
 * number and price (a foreign number is foreign whatever the template says).
 */
function indicatorsShown(
  fromTemplate: ReadonlySet<Indicator>,
  phone: string,
  perHour: number,
): Indicator[] {
  const shown = new Set<Indicator>(
    [...fromTemplate].filter((i) => i !== 'foreignNumber' && i !== 'lowPrice'),
  );
  if (!phone.startsWith('+31')) shown.add('foreignNumber');
  if (perHour < 100) shown.add('lowPrice');
  return [...shown].sort();
}

export interface RenderedAd {
  captures: { capture: Capture; truth: CaptureTruth }[];
  images: AdImage[];
}

/** Renders every capture of one ad. `person` is who it advertises. */
export function renderAd(
  adv: Advertiser,
  plan: AdPlan,
  person: Person,
  places: PlacePicker,
  rng: Random,
): RenderedAd {
  const source = SOURCES.find((s) => s.name === plan.source)!;
  const t = plan.template;
  const nat = NATIONALITIES[person.nationality]!;
  const name = person.workingName ?? person.givenName;
  const lang = t.language === 'pt' ? 'pt' : t.language;
  const obscure = t.indicators.has('obscuredPhone');
  const images: AdImage[] = plan.photos.map((photoId, i) => ({
    file: `img/${plan.source}/${plan.sourceId}-${i + 1}.jpg`,
    photoId,
    variant: i,
  }));
  // Fixed per ad: how the number is written and where it appears.
  const written: WrittenPhone = writePhone(
    plan.phone.e164,
    rng,
    obscure,
    lang === 'pt' ? 'es' : lang,
  );
  const inField = !obscure && rng.chance(0.75);
  const fieldText = inField ? writePhone(plan.phone.e164, rng, false).text : '';
  const inText = obscure || !inField || rng.chance(0.5);
  const whatsapp =
    t.indicators.has('whatsappOnly') || rng.chance(0.25)
      ? whatsappLink(plan.phone.e164, rng)
      : null;
  const extraContact: Record<string, string> = {};
  if (adv.kind === 'independent' && rng.chance(0.1))
    extraContact.onlyfans = `onlyfans.com/${name.toLowerCase()}${rng.int(10, 99)}`;
  if (rng.chance(0.06)) extraContact.telegram = `t.me/${name.toLowerCase()}_${rng.int(100, 999)}`;
  if (adv.kind === 'independent' && rng.chance(0.08)) {
    extraContact.email = rng.chance(0.5)
      ? `${name.toLowerCase()}${rng.int(1, 99)} at gmail dot com`
      : `${name.toLowerCase()}.${rng.int(1, 99)}@example.invalid`;
  }
  const distractors = Array.from({ length: rng.int(0, 2) }, () => distractor(rng));
  const disclaimer =
    source.disclaimer && rng.chance(CONFOUNDERS.disclaimer) ? source.disclaimer : null;
  const postedAt =
    WORLD_START + (plan.weeks[0]!.week * 7 - rng.int(0, 3)) * DAY + rng.int(8, 22) * 3600_000;

  let perHour = plan.pricePerHour;
  const captures = plan.weeks.map(({ week, municipality }, k) => {
    // Small changes between captures: the price moves now and then, the text is refreshed.
    if (k > 0 && rng.chance(0.15)) perHour = Math.max(50, perHour + rng.pick([-20, -10, 10, 20]));
    const capturedMs = WORLD_START + (week * 7 + rng.int(0, 6)) * DAY + rng.int(0, 86_399) * 1000;
    const city = places.cityName(municipality);
    const place = places.write(municipality, rng);
    const price = priceText(perHour, rng);
    const slots = {
      name,
      age: plan.age,
      nat: nat.adjectiveNl,
      natEn: nat.adjectiveEn,
      city,
      price,
      phone: inText ? written.text : null,
    };
    const before = [...distractors];
    if (rng.chance(0.3)) before.push(price);
    const { title, text } = render(t, slots, rng, {
      before,
      after: disclaimer ? [disclaimer] : [],
    });
    const contact: Record<string, string> = { ...extraContact };
    if (whatsapp) contact.whatsapp = whatsapp.text;
    const capture: Capture = {
      source: plan.source,
      source_id: plan.sourceId,
      captured_at: amsterdamIso(capturedMs),
      url: `https://${plan.source}/advertentie/${plan.sourceId}`,
      posted_at: amsterdamIso(postedAt),
      title,
      text,
      name,
      location: place.text,
      phone: fieldText,
      price,
      category: plan.category,
      images: images.map((im) => ({ file: im.file })),
    };
    const age = ageField(plan.age, rng);
    if (age !== undefined) capture.age = age;
    if (Object.keys(contact).length > 0) capture.contact = contact;
    return {
      capture,
      truth: {
        capturedAt: capture.captured_at,
        municipalityCode: place.municipalityCode,
        phones: [plan.phone.e164],
        age: plan.age,
        priceEurPerHour: perHour,
        indicators: indicatorsShown(t.indicators, plan.phone.e164, perHour),
      },
    };
  });
  return { captures, images };
}
