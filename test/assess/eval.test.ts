import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evaluateRisk, type RiskScores } from '../../src/assess/eval.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { generateWorld } from '../../src/scenario/generate.js';

/**
 * The risk model against the synthetic world's truth (seed 7, 80,000 captures: 189 network
 * advertisers among 12,320, so the held-out half has a hundred exploitative units to rank).
 * Photos are left out to keep the test quick; linking then works from numbers and texts.
 */
describe('risk against the synthetic truth (seed 7, 80,000 captures, held-out half)', () => {
  let dir: string;
  let s: RiskScores;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-risk-'));
    await generateWorld({ seed: 7, captures: 80_000, out: dir, images: false });
    const geo = loadGazetteer();
    s = await evaluateRisk(dir, new PlaceResolver(geo), geo, join(dir, 'truth.json'), {
      photos: false,
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ranks exploitative units above the rest with default weights (ROC AUC ≥ 0.90)', () => {
    assert.ok(
      s.heldOut.exploitative >= 80,
      `${s.heldOut.exploitative} exploitative units held out`,
    );
    assert.ok(s.defaults.auc >= 0.9, `default AUC ${s.defaults.auc}`);
  });

  it('puts exploitative units at the top of the queue with default weights (precision@50 ≥ 0.80)', () => {
    assert.ok(s.defaults.precisionAt50 >= 0.8, `default P@50 ${s.defaults.precisionAt50}`);
  });

  it('does better after calibration on the other half: AUC and Brier better, precision@50 no worse', () => {
    assert.ok(s.calibrated.auc > s.defaults.auc, `${s.calibrated.auc} vs ${s.defaults.auc}`);
    assert.ok(
      s.calibrated.brier < s.defaults.brier,
      `${s.calibrated.brier} vs ${s.defaults.brier}`,
    );
    assert.ok(
      s.calibrated.precisionAt50 >= s.defaults.precisionAt50,
      `${s.calibrated.precisionAt50} vs ${s.defaults.precisionAt50}`,
    );
  });

  it('keeps licensed agencies (big, not exploitative) from crowding the top of the queue', () => {
    assert.ok(s.heldOut.agencies > 0);
    assert.ok(s.defaults.agenciesInTop50 <= 2, `default: ${s.defaults.agenciesInTop50} agencies`);
    assert.ok(s.calibrated.agenciesInTop50 <= 2, `calibrated: ${s.calibrated.agenciesInTop50}`);
  });
});
