import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { POLICE_UNITS } from '../model/units.js';

/**
 * Dutch administrative geography from the public CBS-derived files in ../shared/data/geo/:
 * municipalities (GM codes) with their safety region and police unit, and the 2,501 towns
 * (woonplaatsen) with the municipality they lie in. Read at run time, never copied into the repo.
 */

export interface Municipality {
  /** CBS code, e.g. `GM0363`. */
  code: string;
  name: string;
  safetyRegionCode: string;
  safetyRegion: string;
  /** Police unit code (see model/units.ts), e.g. `AM`. */
  unit: string;
  unitName: string;
}

export interface Town {
  /** CBS woonplaats code, e.g. `3594`. */
  code: string;
  name: string;
  municipalityCode: string;
}

export interface Gazetteer {
  municipalities: Municipality[];
  byCode: Map<string, Municipality>;
  byName: Map<string, Municipality>;
  towns: Town[];
}

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `SCHAKEL_GEO_DIR`, else `../shared/data/geo` beside the project. */
export function defaultGeoDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCHAKEL_GEO_DIR ?? join(PACKAGE_ROOT, '..', 'shared', 'data', 'geo');
}

function readCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) {
    throw new Error(
      `${path} not found: Schakel reads the Dutch geography from ../shared/data/geo (or SCHAKEL_GEO_DIR)`,
    );
  }
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
}

export function loadGazetteer(dir = defaultGeoDir()): Gazetteer {
  const unitByName = new Map<string, string>(POLICE_UNITS.map((u) => [u.name, u.code]));
  const municipalities = readCsv(join(dir, 'gemeente-eenheid.csv')).map((r, i): Municipality => {
    const unit = unitByName.get(r.politie_eenheid ?? '');
    if (!r.gemeentecode || !r.gemeente || !unit) {
      throw new Error(
        `${join(dir, 'gemeente-eenheid.csv')} line ${i + 2}: incomplete row or unknown police unit "${r.politie_eenheid}"`,
      );
    }
    return {
      code: r.gemeentecode,
      name: r.gemeente,
      safetyRegionCode: r.veiligheidsregiocode ?? '',
      safetyRegion: r.veiligheidsregio ?? '',
      unit,
      unitName: r.politie_eenheid!,
    };
  });
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const towns = readCsv(join(dir, 'woonplaatsen.csv')).map((r, i): Town => {
    const municipalityCode = `GM${r.Gemeentecode}`;
    if (!r.Woonplaatscode || !r.Woonplaats || !byCode.has(municipalityCode)) {
      throw new Error(
        `${join(dir, 'woonplaatsen.csv')} line ${i + 2}: incomplete row or unknown municipality ${municipalityCode}`,
      );
    }
    return { code: r.Woonplaatscode, name: r.Woonplaats, municipalityCode };
  });
  return { municipalities, byCode, byName: new Map(municipalities.map((m) => [m.name, m])), towns };
}
