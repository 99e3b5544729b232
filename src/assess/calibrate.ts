/**
 * Calibration from outcomes: L2-regularised logistic regression fitted by Newton's method
 * (iteratively reweighted least squares; a handful of features, so the Hessian is tiny), and the
 * measures reported on held-out data: ROC AUC, Brier score, precision at k and a calibration table.
 * Pure.
 */

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
  converged: boolean;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Fits P(y = 1 | x) = σ(b + w·x), minimising the negative log-likelihood plus `l2`/2 · |w|²
 * (the intercept is not penalised). `start` (e.g. the default weights) is where Newton begins and
 * what the penalty pulls towards: with little data the fit stays near the priors.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  opts: {
    l2?: number;
    start?: { intercept: number; weights: readonly number[] };
    maxIterations?: number;
  } = {},
): LogisticFit {
  const d = x[0]?.length ?? 0;
  const l2 = opts.l2 ?? 1;
  const prior = opts.start?.weights ?? new Array<number>(d).fill(0);
  const rows = x.map((r) => [1, ...r]);
  /** The penalised negative log-likelihood (what Newton descends). */
  const loss = (beta: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < rows.length; i++) {
      let z = 0;
      for (let k = 0; k <= d; k++) z += beta[k]! * rows[i]![k]!;
      // log(1 + e^z) − y·z, computed without overflow.
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
    }
    for (let k = 1; k <= d; k++) s += (l2 / 2) * (beta[k]! - prior[k - 1]!) ** 2;
    return s;
  };
  let beta = [opts.start?.intercept ?? 0, ...prior];
  let current = loss(beta);
  const maxIterations = opts.maxIterations ?? 100;
  for (let it = 1; it <= maxIterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let z = 0;
      for (let k = 0; k <= d; k++) z += beta[k]! * row[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let k = 0; k <= d; k++) {
        grad[k]! += (p - y[i]!) * row[k]!;
        for (let l = k; l <= d; l++) hess[k]![l]! += w * row[k]! * row[l]!;
      }
    }
    for (let k = 1; k <= d; k++) {
      grad[k]! += l2 * (beta[k]! - prior[k - 1]!);
      hess[k]![k]! += l2;
    }
    for (let k = 0; k <= d; k++) for (let l = 0; l < k; l++) hess[k]![l] = hess[l]![k]!;
    const step = solve(hess, grad);
    // Newton can overshoot where the data separate almost perfectly: halve the step until the
    // loss goes down (damped Newton), and stop when it no longer can.
    let t = 1;
    let next = beta.map((b, k) => b - t * step[k]!);
    let nextLoss = loss(next);
    while (!(nextLoss <= current) && t > 1e-6) {
      t /= 2;
      next = beta.map((b, k) => b - t * step[k]!);
      nextLoss = loss(next);
    }
    if (!(nextLoss <= current))
      return { intercept: beta[0]!, weights: beta.slice(1), iterations: it, converged: true };
    const moved = Math.max(...step.map((v) => Math.abs(t * v)));
    beta = next;
    current = nextLoss;
    if (moved < 1e-8)
      return { intercept: beta[0]!, weights: beta.slice(1), iterations: it, converged: true };
  }
  return {
    intercept: beta[0]!,
    weights: beta.slice(1),
    iterations: maxIterations,
    converged: false,
  };
}

/** Area under the ROC curve: the chance a random positive scores above a random negative (ties half). */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + 1 + j) / 2; // average rank of the tie
    for (let k = i; k < j; k++)
      if (order[k]![1] === 1) {
        rankSum += rank;
        positives++;
      }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(probabilities: readonly number[], labels: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (probabilities[i]! - labels[i]!) ** 2;
  return labels.length ? s / labels.length : NaN;
}

/** Share of positives among the k highest scores (ties broken by input order). */
export function precisionAt(
  k: number,
  scores: readonly number[],
  labels: readonly number[],
): number {
  const top = scores
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k);
  return top.length ? top.filter(([, i]) => labels[i] === 1).length / top.length : NaN;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  /** Mean predicted risk in the bin. */
  predicted: number;
  /** Share of positives observed. */
  observed: number;
}

/** Predicted against observed, in equal-width bins of predicted risk. */
export function calibrationTable(
  probabilities: readonly number[],
  labels: readonly number[],
  bins = 10,
): CalibrationBin[] {
  const out: CalibrationBin[] = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: 0,
    predicted: 0,
    observed: 0,
  }));
  probabilities.forEach((p, i) => {
    const bin = out[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.count++;
    bin.predicted += p;
    bin.observed += labels[i]!;
  });
  for (const b of out)
    if (b.count > 0) {
      b.predicted /= b.count;
      b.observed /= b.count;
    }
  return out.filter((b) => b.count > 0);
}
