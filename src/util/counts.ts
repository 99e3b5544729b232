/** How often each value occurs. */
export function countBy(values: Iterable<string>): Record<string, number> {
  const n: Record<string, number> = {};
  for (const v of values) n[v] = (n[v] ?? 0) + 1;
  return n;
}

/** The value that occurs most often (ties: the first in sort order); null for none. */
export function mostCommon(values: Iterable<string>): string | null {
  const ranked = Object.entries(countBy(values)).sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  return ranked[0]?.[0] ?? null;
}
