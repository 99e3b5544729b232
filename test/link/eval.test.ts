import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { evaluateLinks, type LinkScores } from '../../src/link/eval.js';
import { generateWorld } from '../../src/scenario/generate.js';

/**
 * The acceptance bar of linking on the demo world (seed 2023, with photos): what
 * `schakel eval links` prints. Stock photos and site disclaimers are in this world on purpose.
 */
describe('linking against the synthetic truth (seed 2023, demo world)', () => {
  let dir: string;
  let s: LinkScores;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-links-'));
    await generateWorld({ seed: 2023, size: 'demo', out: dir, devices: 0 });
    s = await evaluateLinks(dir, new PlaceResolver(loadGazetteer()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('links "same advertiser" with pairwise precision ≥ 0.97 and recall ≥ 0.95', () => {
    assert.ok(s.full.precision >= 0.97, JSON.stringify(s.full));
    assert.ok(s.full.recall >= 0.95, JSON.stringify(s.full));
  });

  it('gains recall over the number-only baseline through templates and photos', () => {
    assert.ok(s.numbersOnly.precision >= 0.99, JSON.stringify(s.numbersOnly));
    assert.ok(
      s.full.recall > s.numbersOnly.recall + 0.3,
      `${s.full.recall} vs ${s.numbersOnly.recall}`,
    );
    assert.ok(s.full.edges.template > 0 && s.full.edges.photo > 0, JSON.stringify(s.full.edges));
  });

  it('merges no unrelated advertisers through a stock photo or a common text', () => {
    assert.equal(s.wrongMerges.hub, 0, JSON.stringify(s.wrongMerges));
  });
});
