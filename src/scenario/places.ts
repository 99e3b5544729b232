import type { Gazetteer, Municipality } from '../geo/gazetteer.js';
import type { Random } from './random.js';

/**
 * Where ads say they are. Places are real municipalities from the gazetteer, weighted towards the
 * cities where most contact ads appear, and written the way people write them: districts, towns
 * inside a municipality, colloquial names, no diacritics, "regio …".
 */

/** Municipalities with a heavier weight (names as in the gazetteer). The rest share a small weight. */
const BIG: readonly (readonly [string, number])[] = [
  ['Amsterdam', 30],
  ['Rotterdam', 22],
  ["'s-Gravenhage", 20],
  ['Utrecht', 14],
  ['Eindhoven', 10],
  ['Groningen', 8],
  ['Tilburg', 7],
  ['Almere', 7],
  ['Breda', 7],
  ['Nijmegen', 6],
  ['Enschede', 6],
  ['Haarlem', 6],
  ['Arnhem', 6],
  ['Zaanstad', 4],
  ['Amersfoort', 5],
  ['Apeldoorn', 5],
  ["'s-Hertogenbosch", 5],
  ['Maastricht', 6],
  ['Zwolle', 5],
  ['Leiden', 4],
  ['Dordrecht', 4],
  ['Zoetermeer', 3],
  ['Venlo', 4],
  ['Heerlen', 4],
  ['Leeuwarden', 4],
  ['Alkmaar', 3],
  ['Delft', 3],
  ['Deventer', 3],
  ['Hilversum', 3],
  ['Roosendaal', 3],
  ['Emmen', 2],
  ['Haarlemmermeer', 4],
  ['Schiedam', 2],
  ['Den Helder', 2],
  ['Vlissingen', 2],
  ['Middelburg (Z.)', 2],
  ['Helmond', 3],
  ['Oss', 2],
  ['Assen', 2],
  ['Lelystad', 2],
  ['Hengelo (O.)', 2],
  ['Ede', 2],
  ['Gouda', 2],
  ['Purmerend', 2],
  ['Sittard-Geleen', 2],
  ['Roermond', 2],
  ['Bergen op Zoom', 2],
  ['Rijswijk (ZH.)', 2],
];

/** How people name places that the gazetteer spells otherwise, or districts inside a municipality. */
export const COLLOQUIAL: Record<string, readonly string[]> = {
  Amsterdam: [
    'Amsterdam Zuidoost',
    'Amsterdam-Noord',
    'Amsterdam West',
    'Amsterdam Centrum',
    "A'dam",
    'Bijlmer',
    'Amsterdam Nieuw-West',
  ],
  Rotterdam: [
    'Rotterdam-Zuid',
    'Rotterdam Centrum',
    'Rotterdam Noord',
    "R'dam",
    'Charlois',
    'Feijenoord',
  ],
  "'s-Gravenhage": [
    'Den Haag',
    'Den Haag Centrum',
    'Scheveningen',
    'Den Haag Laak',
    'Den Haag Transvaal',
    'The Hague',
  ],
  "'s-Hertogenbosch": ['Den Bosch', "'s Hertogenbosch", 'Den Bosch centrum'],
  Utrecht: ['regio Utrecht', 'Utrecht Centrum', 'Utrecht Overvecht', 'Utrecht-Zuid'],
  Eindhoven: ['regio Eindhoven', 'Eindhoven Centrum'],
  Groningen: ['Groningen stad', 'Stad Groningen'],
  'Middelburg (Z.)': ['Middelburg'],
  'Hengelo (O.)': ['Hengelo'],
  'Rijswijk (ZH.)': ['Rijswijk'],
  Haarlemmermeer: ['Hoofddorp', 'Nieuw-Vennep', 'Badhoevedorp'],
  Maastricht: ['Maastricht Centrum', 'regio Maastricht'],
};

export interface WrittenPlace {
  text: string;
  municipalityCode: string;
}

export class PlacePicker {
  private readonly weighted: readonly (readonly [Municipality, number])[];
  /** Towns with a name no other municipality uses, per municipality: safe to write alone. */
  private readonly uniqueTowns = new Map<string, string[]>();

  constructor(private readonly geo: Gazetteer) {
    const big = new Map(BIG);
    for (const [name] of BIG)
      if (!geo.byName.has(name)) throw new Error(`gazetteer has no municipality "${name}"`);
    this.weighted = geo.municipalities.map((m) => [m, big.get(m.name) ?? 0.15] as const);
    const nameCount = new Map<string, number>();
    for (const t of geo.towns) nameCount.set(t.name, (nameCount.get(t.name) ?? 0) + 1);
    for (const t of geo.towns) {
      const m = geo.byCode.get(t.municipalityCode)!;
      if (nameCount.get(t.name) === 1 && t.name !== m.name && !geo.byName.has(t.name)) {
        this.uniqueTowns.set(m.code, [...(this.uniqueTowns.get(m.code) ?? []), t.name]);
      }
    }
  }

  municipality(rng: Random): Municipality {
    return rng.weighted(this.weighted);
  }

  /** A municipality in another police unit than `unit`: the weekly rotation of a network. */
  elsewhere(unit: string, rng: Random): Municipality {
    for (;;) {
      const m = this.municipality(rng);
      if (m.unit !== unit) return m;
    }
  }

  /** The short name an ad would use for the city itself (slots like "nieuw in {city}"). */
  cityName(m: Municipality): string {
    const colloquial = COLLOQUIAL[m.name];
    if (m.name.startsWith("'s-")) return colloquial?.[0] ?? m.name;
    return m.name.replace(/ \([A-Z.]+\)$/, '');
  }

  write(m: Municipality, rng: Random): WrittenPlace {
    const options: string[] = [this.cityName(m), this.cityName(m)];
    const colloquial = COLLOQUIAL[m.name];
    if (colloquial) options.push(...colloquial);
    const towns = this.uniqueTowns.get(m.code);
    if (towns && rng.chance(0.25)) options.push(rng.pick(towns));
    let text = rng.pick(options);
    if (rng.chance(0.08)) text = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (rng.chance(0.05)) text = text.toUpperCase();
    return { text, municipalityCode: m.code };
  }
}
