/**
 * The regional price level an ad's price is compared with (indicator low_price): the median
 * hourly price of the ads placed in each police unit. A unit with fewer than 10 priced ads has no
 * median (too few to say what is low there).
 */
export function regionalMedians(
  prices: Iterable<{ unit: string | null; price: number | null }>,
): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const { unit, price } of prices) {
    if (!unit || price === null) continue;
    const list = by.get(unit);
    if (list) list.push(price);
    else by.set(unit, [price]);
  }
  const out = new Map<string, number>();
  for (const [unit, list] of by) {
    if (list.length < 10) continue;
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    out.set(unit, list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2);
  }
  return out;
}
