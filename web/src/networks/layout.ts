/**
 * A small deterministic force layout (Fruchterman–Reingold) for a network's evidence graph: the
 * same network is always drawn the same way, so analysts can point at "the ad on the left".
 */

export interface Point {
  x: number;
  y: number;
}

/**
 * Positions in the unit square for `nodes`, pulling together the `pairs` that are linked. Nodes
 * start on a circle in the given order; repulsion is all-pairs, so very large networks get fewer
 * rounds (the table beside the graph carries the detail there).
 */
export function forceLayout(
  nodes: readonly string[],
  pairs: readonly (readonly [string, string])[],
): Map<string, Point> {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    xs[i] = 0.5 + 0.4 * Math.cos(angle);
    ys[i] = 0.5 + 0.4 * Math.sin(angle);
  }
  const links: [number, number][] = [];
  const seen = new Set<string>();
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? `${i}:${j}` : `${j}:${i}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push([i, j]);
  }

  if (n > 1) {
    const k = Math.sqrt(1 / n);
    const rounds = Math.max(20, Math.min(300, Math.floor(4_000_000 / (n * n))));
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let round = 0; round < rounds; round++) {
      const temperature = 0.1 * (1 - round / rounds) + 0.002;
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ddx = xs[i]! - xs[j]!;
          let ddy = ys[i]! - ys[j]!;
          let d2 = ddx * ddx + ddy * ddy;
          if (d2 < 1e-9) {
            // Two nodes on one spot: nudge them apart the same way every time.
            ddx = 1e-3 * (((i * 7 + j * 13) % 5) - 2 || 1);
            ddy = 1e-3;
            d2 = ddx * ddx + ddy * ddy;
          }
          const force = (k * k) / d2;
          dx[i]! += ddx * force;
          dy[i]! += ddy * force;
          dx[j]! -= ddx * force;
          dy[j]! -= ddy * force;
        }
      }
      for (const [i, j] of links) {
        const ddx = xs[i]! - xs[j]!;
        const ddy = ys[i]! - ys[j]!;
        const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-6;
        const force = d / k;
        dx[i]! -= ddx * force;
        dy[i]! -= ddy * force;
        dx[j]! += ddx * force;
        dy[j]! += ddy * force;
      }
      for (let i = 0; i < n; i++) {
        // Gravity keeps unlinked parts from drifting off.
        dx[i]! += (0.5 - xs[i]!) * k;
        dy[i]! += (0.5 - ys[i]!) * k;
        const d = Math.sqrt(dx[i]! * dx[i]! + dy[i]! * dy[i]!);
        if (d > 0) {
          const step = Math.min(d, temperature);
          xs[i]! += (dx[i]! / d) * step;
          ys[i]! += (dy[i]! / d) * step;
        }
      }
    }
  }

  return new Map(nodes.map((node, i) => [node, { x: xs[i]!, y: ys[i]! }]));
}
