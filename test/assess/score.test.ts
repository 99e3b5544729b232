import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  brier,
  calibrationTable,
  fitLogistic,
  precisionAt,
  rocAuc,
} from '../../src/assess/calibrate.js';
import type { IndicatorHit } from '../../src/assess/indicators/types.js';
import { scoreAd, scoreGroup, type RiskModel } from '../../src/assess/score.js';
import { Random } from '../../src/scenario/random.js';

const model: RiskModel = {
  version: 'test-1',
  intercept: -3,
  weights: { youth: 0.8, movement: -0.4, rotation: 0.7 },
  disabled: [],
};
const hit = (code: string, text = code): IndicatorHit => ({
  code,
  evidence: [{ text, field: 'text', start: 0, end: text.length }],
});

describe('risk score', () => {
  it('adds each indicator`s weight to the intercept and lists why, largest effect first', () => {
    const s = scoreAd([hit('movement', 'nieuw in de stad'), hit('youth', 'jong')], model);
    assert.equal(s.logit, -3 + 0.8 - 0.4);
    assert.equal(s.risk, 1 / (1 + Math.exp(-s.logit)));
    assert.equal(s.model, 'test-1');
    assert.deepEqual(
      s.contributions.map((c) => [c.code, c.contribution, c.evidence[0]!.text]),
      [
        ['youth', 0.8, 'jong'],
        ['movement', -0.4, 'nieuw in de stad'],
      ],
    );
  });

  it('leaves out switched-off and unknown indicators', () => {
    const s = scoreAd([hit('youth'), hit('unknown')], { ...model, disabled: ['youth'] });
    assert.equal(s.logit, -3);
    assert.deepEqual(s.contributions, []);
  });

  it('scores a network by the share of its ads showing each indicator, plus its own', () => {
    const ads = new Map([
      ['a', [hit('youth')]],
      ['b', [hit('youth'), hit('movement')]],
      ['c', []],
      ['d', []],
    ]);
    const s = scoreGroup(ads, [hit('rotation', 'W10–W12: Breda, Zwolle, Utrecht')], model);
    const by = Object.fromEntries(s.contributions.map((c) => [c.code, c]));
    assert.equal(by.youth!.presence, 0.5);
    assert.equal(by.movement!.presence, 0.25);
    assert.equal(by.rotation!.presence, 1);
    assert.ok(Math.abs(s.logit - (-3 + 0.4 - 0.1 + 0.7)) < 1e-12);
    assert.deepEqual(
      by.youth!.evidence.map((e) => e.ads),
      [['a'], ['b']],
    );
  });
});

describe('calibration measures', () => {
  it('ROC AUC: 1 for a perfect ranking, 0 reversed, 0.5 for ties, and a hand-worked case', () => {
    assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
    assert.equal(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
    assert.equal(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
    // Positives at 0.4 and 0.8, negatives at 0.1, 0.5, 0.9: 3 of 6 pairs ordered right.
    assert.equal(rocAuc([0.4, 0.8, 0.1, 0.5, 0.9], [1, 1, 0, 0, 0]), 0.5);
    assert.ok(Number.isNaN(rocAuc([0.1, 0.2], [1, 1])));
  });

  it('Brier score, precision at k, calibration table', () => {
    assert.equal(brier([1, 0, 0.5], [1, 0, 1]), 0.25 / 3);
    assert.equal(precisionAt(2, [0.9, 0.1, 0.8, 0.7], [1, 1, 0, 1]), 0.5);
    const table = calibrationTable([0.05, 0.06, 0.95], [0, 1, 1], 10);
    assert.deepEqual(
      table.map((b) => [b.from, b.count, b.observed]),
      [
        [0, 2, 0.5],
        [0.9, 1, 1],
      ],
    );
  });

  it('logistic regression recovers the weights that generated the data', () => {
    const rng = new Random('logit');
    const truth = { intercept: -2, weights: [1.5, -1, 0] };
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [rng.chance(0.4) ? 1 : 0, rng.chance(0.5) ? 1 : 0, rng.next()];
      const z = truth.intercept + row.reduce((s, v, k) => s + v * truth.weights[k]!, 0);
      x.push(row);
      y.push(rng.chance(1 / (1 + Math.exp(-z))) ? 1 : 0);
    }
    const fit = fitLogistic(x, y, { l2: 0.01 });
    assert.ok(fit.converged);
    assert.ok(Math.abs(fit.intercept - truth.intercept) < 0.15, `intercept ${fit.intercept}`);
    fit.weights.forEach((w, k) =>
      assert.ok(Math.abs(w - truth.weights[k]!) < 0.15, `weight ${k}: ${w}`),
    );
    // A strong penalty keeps the weights at the prior they start from.
    const held = fitLogistic(x, y, { l2: 1e6, start: { intercept: 0, weights: [0.3, 0.3, 0.3] } });
    held.weights.forEach((w) => assert.ok(Math.abs(w - 0.3) < 0.01, `held ${w}`));
  });

  it('stays finite and ranks right when a feature separates the labels completely', () => {
    const x = Array.from({ length: 200 }, (_, i) => [i % 2, (i % 7) / 7]);
    const y = x.map(([a]) => a!);
    const fit = fitLogistic(x, y, { l2: 0.01 });
    assert.ok([fit.intercept, ...fit.weights].every(Number.isFinite));
    assert.ok(fit.weights[0]! > 2, `separating weight ${fit.weights[0]}`);
  });
});
