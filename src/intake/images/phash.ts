/**
 * Perceptual hash (the DCT "pHash"): a 64-bit fingerprint that stays nearly the same when a photo
 * is resized, re-encoded, slightly cropped or made brighter, so reused photos can be found by
 * Hamming distance. Pure: takes 32×32 grey pixels, returns 16 hex digits.
 */

export const PHASH_INPUT = 32;
const KEEP = 8;

// cos((2x + 1) u π / 64) for the 8 lowest frequencies u, computed once.
const COS: Float64Array = (() => {
  const t = new Float64Array(KEEP * PHASH_INPUT);
  for (let u = 0; u < KEEP; u++)
    for (let x = 0; x < PHASH_INPUT; x++)
      t[u * PHASH_INPUT + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * PHASH_INPUT));
  return t;
})();

/** `grey` holds 32×32 luminance values, row by row. */
export function phash(grey: Uint8Array | Uint8ClampedArray): string {
  if (grey.length !== PHASH_INPUT * PHASH_INPUT)
    throw new Error(`phash needs ${PHASH_INPUT}×${PHASH_INPUT} grey pixels, got ${grey.length}`);
  // Separable DCT-II, only the 8×8 lowest frequencies: rows first, then columns.
  const rows = new Float64Array(PHASH_INPUT * KEEP);
  for (let y = 0; y < PHASH_INPUT; y++)
    for (let u = 0; u < KEEP; u++) {
      let s = 0;
      for (let x = 0; x < PHASH_INPUT; x++)
        s += grey[y * PHASH_INPUT + x]! * COS[u * PHASH_INPUT + x]!;
      rows[y * KEEP + u] = s;
    }
  const coef = new Float64Array(KEEP * KEEP);
  for (let v = 0; v < KEEP; v++)
    for (let u = 0; u < KEEP; u++) {
      let s = 0;
      for (let y = 0; y < PHASH_INPUT; y++) s += rows[y * KEEP + u]! * COS[v * PHASH_INPUT + y]!;
      coef[v * KEEP + u] = s;
    }
  // The DC term is the mean brightness: leave it out of the median so brightness shifts cancel.
  const sorted = Array.from(coef.subarray(1)).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let n = 0;
    for (let b = 0; b < 4; b++) n = (n << 1) | (coef[nibble * 4 + b]! > median ? 1 : 0);
    hex += n.toString(16);
  }
  return hex;
}

const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Bits in which two hashes differ (0 = same picture as far as pHash can tell). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error('hashes of different length');
  let d = 0;
  for (let i = 0; i < a.length; i++) d += POPCOUNT4[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
}
