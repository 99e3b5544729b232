import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureInput } from '../../intake/ads/capture.js';
import { worldCaptures } from '../../intake/ads/eval.js';
import { extractCapture } from '../../intake/ads/extract.js';
import type { PlaceResolver } from '../../intake/ads/places.js';
import type { Extraction } from '../../intake/ads/types.js';
import { adIndicators, type AdInput } from './ad.js';
import { AD_INDICATORS } from './ad-catalogue.js';
import { median, regionalMedians } from '../medians.js';

/**
 * Scores the ad-level detectors against a synthetic world's truth: every capture is extracted,
 * its indicators detected, and compared per indicator with what truth.json says the capture
 * shows. Pure measurement; no database.
 */

/** truth.json's indicator names → catalogue codes. */
export const TRUTH_CODES: Readonly<Record<string, string>> = {
  thirdPerson: 'third_person',
  obscuredPhone: 'obscured_phone',
  foreignNumber: 'foreign_number',
  whatsappOnly: 'whatsapp_only',
  statedEthnicity: 'stated_ethnicity',
  youth: 'youth',
  allHours: 'all_hours',
  lowPrice: 'low_price',
  movement: 'movement_wording',
  trust: 'trust_wording',
  unprotected: 'unprotected_services',
};

interface TruthFile {
  ads: {
    source: string;
    sourceId: string;
    captures: { capturedAt: string; indicators: string[] }[];
  }[];
}

export interface IndicatorScore {
  truth: number;
  found: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface AdIndicatorScores {
  captures: number;
  byCode: Record<string, IndicatorScore>;
  /** Mean time of adIndicators per capture, extraction excluded, in microseconds. */
  microsPerAd: number;
  medians: Record<string, number | null>;
  /** A few misses and false hits per code, to explain a low score. */
  examples: { code: string; kind: 'missed' | 'false'; id: string; evidence: string }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function unitOf(x: Extraction): string | null {
  return x.place.status === 'resolved' ? x.place.policeUnit : null;
}

/**
 * Median price per hour per police unit over the ads of a set of captures: each ad counts once
 * per unit (the median of its captures), so an ad captured every week does not outweigh the rest.
 */
function medianPerUnit(
  items: readonly { adKey: string; extraction: Extraction }[],
): Map<string, number> {
  const perAd = new Map<string, number[]>();
  for (const { adKey, extraction } of items) {
    const unit = unitOf(extraction);
    const price = extraction.price?.eurPerHour ?? null;
    if (unit === null || price === null) continue;
    const key = `${unit}\n${adKey}`;
    const list = perAd.get(key);
    if (list) list.push(price);
    else perAd.set(key, [price]);
  }
  return regionalMedians(
    [...perAd].map(([key, prices]) => ({ unit: key.split('\n')[0]!, price: median(prices) })),
  );
}

export async function evaluateAdIndicators(
  worldDir: string,
  places: PlaceResolver,
  options: { examples?: number } = {},
): Promise<AdIndicatorScores> {
  const truth = JSON.parse(readFileSync(join(worldDir, 'truth.json'), 'utf8')) as TruthFile;
  const byKey = new Map<string, string[]>();
  for (const ad of truth.ads)
    for (const c of ad.captures)
      byKey.set(`${ad.source}\n${ad.sourceId}\n${c.capturedAt}`, c.indicators);

  const items: { adKey: string; capture: CaptureInput; extraction: Extraction; truth: string[] }[] =
    [];
  for await (const c of worldCaptures(worldDir)) {
    const t = byKey.get(`${c.source}\n${c.source_id}\n${c.captured_at}`);
    if (!t) continue;
    items.push({
      adKey: `${c.source}\n${c.source_id}`,
      capture: c,
      extraction: extractCapture(c, places),
      truth: t,
    });
  }
  const medians = medianPerUnit(items);

  const byCode: Record<string, IndicatorScore> = {};
  for (const d of AD_INDICATORS)
    byCode[d.code] = { truth: 0, found: 0, correct: 0, precision: 0, recall: 0 };
  const examples: AdIndicatorScores['examples'] = [];
  const perKind = new Map<string, number>();
  const limit = options.examples ?? 5;
  const example = (code: string, kind: 'missed' | 'false', id: string, evidence: string) => {
    const key = `${code}\n${kind}`;
    const n = perKind.get(key) ?? 0;
    if (n >= limit) return;
    perKind.set(key, n + 1);
    examples.push({ code, kind, id, evidence });
  };

  const inputs: AdInput[] = items.map(({ capture: c, extraction: x }) => {
    const unit = unitOf(x);
    const fields: Record<string, string> = { text: c.text };
    if (c.title) fields.title = c.title;
    if (c.name) fields.name = c.name;
    if (c.phone) fields.phone = c.phone;
    if (c.price) fields.price = c.price;
    for (const [k, v] of Object.entries(c.contact ?? {})) fields[`contact.${k}`] = v;
    return {
      id: `${c.source}/${c.source_id}@${c.captured_at}`,
      fields: fields as AdInput['fields'],
      extraction: x,
      policeUnit: unit,
      regionalMedianPrice: unit === null ? null : (medians.get(unit) ?? null),
    };
  });

  // One pass to score (and warm up), a second to time the detectors alone.
  const results = inputs.map((input) => adIndicators(input));
  const started = process.hrtime.bigint();
  for (const input of inputs) adIndicators(input);
  const elapsed = Number(process.hrtime.bigint() - started) / 1000;

  results.forEach((hits, i) => {
    const item = items[i]!;
    const expected = new Set(item.truth.map((t) => TRUTH_CODES[t] ?? t));
    const got = new Map(hits.map((h) => [h.code, h]));
    for (const code of Object.keys(byCode)) {
      const s = byCode[code]!;
      const e = expected.has(code);
      const hit = got.get(code);
      if (e) s.truth++;
      if (hit) s.found++;
      if (e && hit) s.correct++;
      else if (hit)
        example(
          code,
          'false',
          inputs[i]!.id,
          hit.evidence.map((ev) => ev.text ?? ev.detail ?? '').join(' | '),
        );
      else if (e)
        example(code, 'missed', inputs[i]!.id, `${item.capture.title ?? ''}\n${item.capture.text}`);
    }
  });
  for (const s of Object.values(byCode)) {
    s.precision = ratio(s.correct, s.found);
    s.recall = ratio(s.correct, s.truth);
  }
  return {
    captures: items.length,
    byCode,
    microsPerAd: inputs.length === 0 ? 0 : elapsed / inputs.length,
    medians: Object.fromEntries(medians),
    examples,
  };
}
