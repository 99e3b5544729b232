/**
 * Clustering quality against a truth: pairwise precision and recall for "same advertiser" and the
 * adjusted Rand index, computed from the contingency table (no pair enumeration).
 */

export interface PairScores {
  items: number;
  precision: number;
  recall: number;
  f1: number;
  ari: number;
  /** Pairs in the same predicted cluster / in the same true cluster / in both. */
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** `predicted` and `truth` map each item to its cluster; items missing from either are skipped. */
export function pairScores(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): PairScores {
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  let n = 0;
  for (const [item, p] of predicted) {
    const t = truth.get(item);
    if (t === undefined) continue;
    n++;
    const cell = `${t}\u0000${p}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    rows.set(t, (rows.get(t) ?? 0) + 1);
    cols.set(p, (cols.get(p) ?? 0) + 1);
  }
  let both = 0;
  for (const c of cells.values()) both += pairs(c);
  let truePairs = 0;
  for (const r of rows.values()) truePairs += pairs(r);
  let predictedPairs = 0;
  for (const c of cols.values()) predictedPairs += pairs(c);
  const all = pairs(n);
  const expected = all === 0 ? 0 : (truePairs * predictedPairs) / all;
  const max = (truePairs + predictedPairs) / 2;
  const precision = predictedPairs === 0 ? 1 : both / predictedPairs;
  const recall = truePairs === 0 ? 1 : both / truePairs;
  return {
    items: n,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    ari: max === expected ? 1 : (both - expected) / (max - expected),
    predictedPairs,
    truePairs,
    correctPairs: both,
  };
}
