/**
 * The ten regional units of the Dutch national police. Names are spelled as in
 * ../shared/data/geo/gemeente-eenheid.csv (column politie_eenheid), so the geography joins on them.
 */
export const POLICE_UNITS = [
  { code: 'NN', name: 'Noord-Nederland' },
  { code: 'ON', name: 'Oost-Nederland' },
  { code: 'MN', name: 'Midden-Nederland' },
  { code: 'NH', name: 'Noord-Holland' },
  { code: 'AM', name: 'Amsterdam' },
  { code: 'DH', name: 'Den Haag' },
  { code: 'RT', name: 'Rotterdam' },
  { code: 'ZWB', name: 'Zeeland-West-Brabant' },
  { code: 'OB', name: 'Oost-Brabant' },
  { code: 'LB', name: 'Limburg' },
] as const;

export type PoliceUnitCode = (typeof POLICE_UNITS)[number]['code'];

export function isPoliceUnit(code: string): code is PoliceUnitCode {
  return POLICE_UNITS.some((u) => u.code === code);
}

const NAMES = new Map<string, string>(POLICE_UNITS.map((u) => [u.code, u.name]));

/** The name of a police unit code (`AM` → `Amsterdam`), or undefined for an unknown code. */
export function unitName(code: string): string | undefined {
  return NAMES.get(code);
}
