import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evaluateAdIndicators, type AdIndicatorScores } from '../../src/assess/indicators/eval.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { generateWorld } from '../../src/scenario/generate.js';

/**
 * The ad-level detectors against the synthetic world's truth (seed 2023, demo size, ~10,000
 * captures). The world's phrase banks are small, so high scores here are a floor, not proof: the
 * adversarial phrasings are in ad-indicators.test.ts. Thresholds leave a margin under what was
 * measured (in brackets) and explain where the world's truth cannot be met:
 * - whatsapp_only [P 1.00, R 0.64]: the world marks some ads "WhatsApp only" whose captures show
 *   no such wording, only a WhatsApp link beside a number in the phone field, which a quarter of
 *   all other ads also have. Nothing in those captures tells them apart.
 * - stated_ethnicity [P 0.68, R 0.99]: ~1,400 captures state a nationality in the title only
 *   ("Colombiaanse Daniela verwent je") that the truth does not count. A title that says it is
 *   stated ethnicity, so the detector counts it.
 * - low_price [P 1.00, R 0.95]: the truth is "under €100"; the detector is "at most 60% of the
 *   unit's median", so €80–90 in a unit with a €130 median is not low.
 * - unprotected_services [P 1.00, R 0.97]: service extraction misses a few typos ("znoder").
 */
describe('ad-level indicators against the synthetic truth (seed 2023, demo world)', () => {
  let dir: string;
  let s: AdIndicatorScores;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-ad-indicators-'));
    await generateWorld({ seed: 2023, size: 'demo', out: dir, images: false, devices: 0 });
    s = await evaluateAdIndicators(dir, new PlaceResolver(loadGazetteer()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const bars: Record<string, { precision: number; recall: number }> = {
    third_person: { precision: 0.97, recall: 0.95 },
    obscured_phone: { precision: 0.99, recall: 0.99 },
    foreign_number: { precision: 0.99, recall: 0.99 },
    whatsapp_only: { precision: 0.97, recall: 0.6 },
    stated_ethnicity: { precision: 0.6, recall: 0.95 },
    youth: { precision: 0.97, recall: 0.95 },
    all_hours: { precision: 0.97, recall: 0.95 },
    unprotected_services: { precision: 0.97, recall: 0.9 },
    low_price: { precision: 0.97, recall: 0.9 },
    trust_wording: { precision: 0.97, recall: 0.95 },
    movement_wording: { precision: 0.97, recall: 0.95 },
  };

  for (const [code, bar] of Object.entries(bars))
    it(`${code}: precision ≥ ${bar.precision}, recall ≥ ${bar.recall}`, () => {
      const score = s.byCode[code]!;
      const detail = JSON.stringify({
        score,
        examples: s.examples.filter((e) => e.code === code).slice(0, 3),
      });
      assert.ok(score.truth > 100, `too few true cases to score: ${detail}`);
      assert.ok(score.precision >= bar.precision, detail);
      assert.ok(score.recall >= bar.recall, detail);
    });

  it('has a regional median for every police unit of the world', () => {
    const units = Object.entries(s.medians);
    assert.equal(units.length, 10, JSON.stringify(s.medians));
    for (const [unit, median] of units) assert.ok(median !== null && median > 0, unit);
  });

  it('runs well within budget: about 20 µs an ad, extraction excluded', () => {
    // Measured ~8 µs on a developer machine; the bar allows a slow CI runner.
    assert.ok(s.microsPerAd < 40, `${s.microsPerAd.toFixed(1)} µs per ad`);
  });
});
