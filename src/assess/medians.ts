/**
 * The regional price level an ad's price is compared with (indicator low_price): the median
 * hourly price of the ads placed in each police unit, each ad counted once. A unit with fewer than
 * `MIN_ADS_FOR_MEDIAN` priced ads has no median (too few to say what is low there).
 */

export const MIN_ADS_FOR_MEDIAN = 20;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One price per ad (`unit` where it is placed); units with too few ads are left out. */
export function regionalMedians(
  prices: Iterable<{ unit: string | null; price: number | null }>,
  minAds = MIN_ADS_FOR_MEDIAN,
): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const { unit, price } of prices) {
    if (!unit || price === null) continue;
    const list = by.get(unit);
    if (list) list.push(price);
    else by.set(unit, [price]);
  }
  const out = new Map<string, number>();
  for (const [unit, list] of by) if (list.length >= minAds) out.set(unit, median(list)!);
  return out;
}
