/**
 * Linking: identifier, template and photo evidence over N ads and their resolution into networks,
 * at 10k, 100k and 1M ads, each size in its own process (peak memory is its own). The ads are
 * made here, not read from a world: a million ads would take minutes to write and extract, and
 * linking only sees LinkAd records. Each advertiser has its own phone, text template (slots for
 * name, age, city, price) and photos; a network shares them over 2–20 ads; 6% of advertisers
 * use one of 24 stock photos.
 *
 *   npm run bench -- link [10000,100000,1000000]
 */
import { fileURLToPath } from 'node:url';
import { measure, table } from './measure.js';

function makeAds(n: number) {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return ((seed ^ (seed >>> 13)) >>> 0) / 2 ** 32;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const vocabulary = Array.from({ length: 6000 }, (_, i) => `w${i.toString(36)}`);
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => Math.floor(rand() * 16).toString(16)).join('');
  const stock = Array.from({ length: 24 }, () => ({ sha256: hex(64), phash: hex(16) }));
  const ads = [];
  let id = 0;
  while (ads.length < n) {
    const size = rand() < 0.05 ? int(2, 20) : int(1, 4);
    const phone = `+316${String(int(10_000_000, 99_999_999))}`;
    const template = Array.from({ length: int(40, 80) }, () => vocabulary[int(0, 5999)]!);
    const photos = rand() < 0.06 ? [stock[int(0, 23)]!] : [{ sha256: hex(64), phash: hex(16) }];
    for (let k = 0; k < size && ads.length < n; k++) {
      const name = `naam${int(0, 500)}`;
      ads.push({
        id: (id++).toString(16).padStart(32, '0'),
        phones: [phone],
        handles: [],
        text: [
          ...template.slice(0, 10),
          name,
          `${int(19, 35)} jaar`,
          ...template.slice(10),
          `${int(10, 30) * 10} p/u`,
        ].join(' '),
        names: [name],
        photos,
        firstSeen: '2023-03-01T00:00:00.000Z',
        lastSeen: '2023-03-28T00:00:00.000Z',
      });
    }
  }
  return ads;
}

if (process.argv[2] === '--child') {
  const { linkAds } = await import('../src/link/link.js');
  const n = Number(process.argv[3]);
  const ads = makeAds(n);
  const started = process.hrtime.bigint();
  const r = linkAds(ads);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      ads: n,
      edges: r.edges.length,
      networks: r.resolution.networks.length,
      seconds,
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
  const rows: Record<string, string | number>[] = [];
  for (const n of sizes) {
    const { result, peakRssMb } = measure(
      self,
      ['--child', String(n)],
      ['--max-old-space-size=4096'],
    );
    const seconds = Number(result.seconds);
    rows.push({
      ads: n,
      edges: result.edges!,
      networks: result.networks!,
      seconds: seconds.toFixed(1),
      'ads/s': Math.round(n / seconds),
      'peak RSS MB': peakRssMb,
    });
  }
  table(rows);
}
