import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairScores } from '../../src/link/metrics.js';

const map = (o: Record<string, string>) => new Map(Object.entries(o));

describe('pairwise scores', () => {
  it('are perfect for the truth itself, whatever the cluster names', () => {
    const s = pairScores(
      map({ a: 'x', b: 'x', c: 'y', d: 'y' }),
      map({ a: '1', b: '1', c: '2', d: '2' }),
    );
    assert.deepEqual([s.precision, s.recall, s.ari], [1, 1, 1]);
  });
  it('count a wrong merge against precision and a missed one against recall', () => {
    // Truth {a,b,c} {d}; predicted {a,b} {c,d}: pairs predicted ab, cd; true ab, ac, bc.
    const s = pairScores(
      map({ a: 'p', b: 'p', c: 'q', d: 'q' }),
      map({ a: 't', b: 't', c: 't', d: 'u' }),
    );
    assert.equal(s.precision, 1 / 2);
    assert.equal(s.recall, 1 / 3);
    assert.ok(s.ari < 0.5);
  });
  it('give an adjusted Rand index near 0 for chance agreement (Hubert & Arabie example)', () => {
    // Two clusterings of 6 items that share nothing beyond chance.
    const s = pairScores(
      map({ a: '1', b: '1', c: '2', d: '2', e: '3', f: '3' }),
      map({ a: 'x', b: 'y', c: 'z', d: 'x', e: 'y', f: 'z' }),
    );
    assert.equal(s.correctPairs, 0);
    assert.ok(s.ari <= 0, String(s.ari));
  });
});
