import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCapture, type CaptureInput } from './capture.js';
import { extractCapture } from './extract.js';
import type { PlaceResolver } from './places.js';
import { readLines } from './readers/lines.js';

/**
 * Scores extraction against a synthetic world's truth: every capture in `ads/*.jsonl` is
 * extracted and compared with what truth.json says it shows. Pure measurement; no database.
 */

interface TruthCapture {
  capturedAt: string;
  municipalityCode: string;
  phones: string[];
  age: number;
  priceEurPerHour: number;
}

interface TruthFile {
  generator: { seed: number; size: string };
  ads: { source: string; sourceId: string; captures: TruthCapture[] }[];
}

export interface IntakeScores {
  seed: number;
  size: string;
  captures: number;
  phones: { truth: number; found: number; correct: number; precision: number; recall: number };
  age: { scored: number; exact: number; missed: number; wrong: number; rate: number };
  municipality: {
    scored: number;
    exact: number;
    ambiguous: number;
    unknown: number;
    wrong: number;
    rate: number;
  };
  price: { scored: number; exact: number; rate: number };
  /** A few misses of each kind, so a low score can be explained. */
  examples: { kind: string; source: string; sourceId: string; detail: string }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Every well-formed capture of a synthetic world's `ads/*.jsonl`, file by file in name order. */
export async function* worldCaptures(worldDir: string): AsyncGenerator<CaptureInput> {
  const adsDir = join(worldDir, 'ads');
  for (const file of readdirSync(adsDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for await (const line of readLines(join(adsDir, file))) {
      if ('oversized' in line) continue;
      const checked = checkCapture(JSON.parse(line.text));
      if (checked.ok) yield checked.capture;
    }
  }
}

export async function evaluateIntake(
  worldDir: string,
  places: PlaceResolver,
  truthPath = join(worldDir, 'truth.json'),
): Promise<IntakeScores> {
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as TruthFile;
  const byKey = new Map<string, TruthCapture>();
  for (const ad of truth.ads)
    for (const c of ad.captures) byKey.set(`${ad.source}\n${ad.sourceId}\n${c.capturedAt}`, c);

  const s: IntakeScores = {
    seed: truth.generator.seed,
    size: truth.generator.size,
    captures: 0,
    phones: { truth: 0, found: 0, correct: 0, precision: 0, recall: 0 },
    age: { scored: 0, exact: 0, missed: 0, wrong: 0, rate: 0 },
    municipality: { scored: 0, exact: 0, ambiguous: 0, unknown: 0, wrong: 0, rate: 0 },
    price: { scored: 0, exact: 0, rate: 0 },
    examples: [],
  };
  const example = (kind: string, source: string, sourceId: string, detail: string) => {
    if (s.examples.filter((e) => e.kind === kind).length < 5)
      s.examples.push({ kind, source, sourceId, detail });
  };

  for await (const c of worldCaptures(worldDir)) {
    const t = byKey.get(`${c.source}\n${c.source_id}\n${c.captured_at}`);
    if (!t) continue;
    s.captures++;
    const x = extractCapture(c, places);

    const found = new Set(x.phones.map((p) => p.e164));
    const expected = new Set(t.phones);
    s.phones.truth += expected.size;
    s.phones.found += found.size;
    for (const p of found) {
      if (expected.has(p)) s.phones.correct++;
      else example('phone: not in the ad', c.source, c.source_id, p);
    }
    for (const p of expected) if (!found.has(p)) example('phone: missed', c.source, c.source_id, p);

    s.age.scored++;
    if (x.age?.years === t.age) s.age.exact++;
    else if (!x.age) {
      s.age.missed++;
      example('age: missed', c.source, c.source_id, `truth ${t.age}; field ${c.age ?? '(none)'}`);
    } else {
      s.age.wrong++;
      example('age: wrong', c.source, c.source_id, `read ${x.age.years}, truth ${t.age}`);
    }

    s.municipality.scored++;
    const place = x.place;
    if (place.status === 'resolved' && place.municipalityCode === t.municipalityCode)
      s.municipality.exact++;
    else if (place.status === 'resolved') {
      s.municipality.wrong++;
      example(
        'place: wrong',
        c.source,
        c.source_id,
        `"${c.location}" → ${place.municipalityCode}, truth ${t.municipalityCode}`,
      );
    } else {
      s.municipality[place.status]++;
      example(`place: ${place.status}`, c.source, c.source_id, `"${c.location}": ${place.reason}`);
    }

    s.price.scored++;
    if (x.price?.eurPerHour === t.priceEurPerHour) s.price.exact++;
    else
      example(
        'price: not matched',
        c.source,
        c.source_id,
        `read ${x.price?.eurPerHour ?? 'nothing'} from "${c.price ?? ''}", truth ${t.priceEurPerHour}`,
      );
  }
  s.phones.precision = ratio(s.phones.correct, s.phones.found);
  s.phones.recall = ratio(s.phones.correct, s.phones.truth);
  s.age.rate = ratio(s.age.exact, s.age.scored);
  s.municipality.rate = ratio(s.municipality.exact, s.municipality.scored);
  s.price.rate = ratio(s.price.exact, s.price.scored);
  return s;
}
