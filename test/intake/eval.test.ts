import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { evaluateIntake, type IntakeScores } from '../../src/intake/ads/eval.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { generateWorld } from '../../src/scenario/generate.js';

/**
 * The acceptance bar of ad intake, on a fixed synthetic world: what `schakel eval intake` prints.
 * A change to an extractor that lowers any of these fails here.
 */
describe('intake against the synthetic truth (seed 2023, 6,000 captures)', () => {
  let dir: string;
  let s: IntakeScores;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-eval-'));
    await generateWorld({ seed: 2023, captures: 6000, out: dir, images: false, devices: 0 });
    s = await evaluateIntake(dir, new PlaceResolver(loadGazetteer()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scores every capture', () => assert.equal(s.captures, 6000));
  it('finds phones with precision ≥ 0.99 and recall ≥ 0.98', () => {
    assert.ok(s.phones.precision >= 0.99, JSON.stringify(s.phones));
    assert.ok(s.phones.recall >= 0.98, JSON.stringify(s.phones));
  });
  it('reads the exact age in ≥ 95% of captures', () =>
    assert.ok(s.age.rate >= 0.95, JSON.stringify(s.age)));
  it('resolves the right municipality in ≥ 97% of captures, and never a wrong one silently', () => {
    assert.ok(s.municipality.rate >= 0.97, JSON.stringify(s.municipality));
    assert.ok(s.municipality.wrong <= s.captures * 0.005, JSON.stringify(s.municipality));
  });
  it('normalises the price to euro per hour in ≥ 95% of captures', () =>
    assert.ok(s.price.rate >= 0.95, JSON.stringify(s.price)));
});
