/**
 * Linking: identifier, template and photo evidence over N ads and their resolution into networks,
 * at 10k, 100k and 1M ads, each size in its own process (peak memory is its own). The ads are
 * made here, not read from a world: a million ads would take minutes to write and extract, and
 * linking only sees LinkAd records. Each advertiser has its own phone, text template (slots for
 * name, age, city, price) and photos; a network shares them over 2–20 ads; 6% of advertisers
 * use one of 24 stock photos.
 *
 * Then the incremental path: a LinkIndex holding N ads takes 1,000 new captures — 700 new ads
 * from existing advertisers (their number, template and photos, a new name) and 300 recaptures
 * of known ads (a new price in the text) — and answers the networks they touch.
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

/** 1,000 captures arriving after `ads`: new ads of existing advertisers and recaptures. */
function newCaptures(ads: ReturnType<typeof makeAds>) {
  let seed = 777;
  const rand = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return ((seed ^ (seed >>> 13)) >>> 0) / 2 ** 32;
  };
  const pick = () => ads[Math.floor(rand() * ads.length)]!;
  const out = [];
  for (let i = 0; i < 700; i++) {
    const like = pick();
    const name = `nieuw${i}`;
    out.push({
      ...like,
      id: `f${i.toString(16).padStart(31, '0')}`,
      names: [name],
      text: like.text.replace(like.names[0]!, name),
      lastSeen: '2023-04-01T00:00:00.000Z',
    });
  }
  for (let i = 0; i < 300; i++) {
    const ad = pick();
    out.push({
      ...ad,
      text: ad.text.replace(/\d+ p\/u$/, `${Math.floor(rand() * 20 + 10) * 10} p/u`),
      lastSeen: '2023-04-01T00:00:00.000Z',
    });
  }
  return out;
}

if (process.argv[2] === '--incremental') {
  const { LinkIndex } = await import('../src/link/link-index.js');
  const n = Number(process.argv[3]);
  const ads = makeAds(n);
  const more = newCaptures(ads);
  let t = process.hrtime.bigint();
  const index = new LinkIndex();
  index.upsert(ads);
  index.networkOf(ads[0]!.id);
  const build = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  const change = index.upsert(more);
  const networks = new Set<string>();
  for (const id of change.touched) {
    const net = index.networkAt(id);
    if (net) networks.add(net.id);
  }
  const attach = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(
    JSON.stringify({
      ads: n,
      build,
      attach,
      touched: change.touched.size,
      networks: networks.size,
    }),
  );
} else if (process.argv[2] === '--child') {
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
  console.log(
    '\nincremental: 1,000 new captures (700 new ads, 300 recaptures) into an index of N ads',
  );
  const inc: Record<string, string | number>[] = [];
  for (const n of sizes) {
    const { result, peakRssMb } = measure(
      self,
      ['--incremental', String(n)],
      ['--max-old-space-size=4096'],
    );
    inc.push({
      ads: n,
      'index build s': Number(result.build).toFixed(1),
      'attach 1,000 s': Number(result.attach).toFixed(2),
      'ads touched': result.touched!,
      'networks answered': result.networks!,
      'peak RSS MB': peakRssMb,
    });
  }
  table(inc);
}
