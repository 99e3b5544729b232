/**
 * Assessment: finding the ad-level indicators and scoring, per ad, at 10k, 100k and 1M ads, each
 * size in its own process. The ads are the latest captures of a synthetic world of 100,000
 * captures (extracted once, before the clock starts), cycled to reach the size: the work per ad
 * is the same whether an ad is new or a copy. What is timed is what `schakel assess run` does per
 * ad besides reading and writing the database: adIndicators and scoreAd.
 *
 *   npm run bench -- assess [10000,100000,1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, table } from './measure.js';

async function child(world: string, n: number): Promise<void> {
  const { loadGazetteer } = await import('../src/geo/gazetteer.js');
  const { PlaceResolver } = await import('../src/intake/ads/places.js');
  const { readWorld } = await import('../src/link/eval.js');
  const { adIndicators } = await import('../src/assess/indicators/ad.js');
  const { INDICATORS } = await import('../src/assess/indicators/catalogue.js');
  const { regionalMedians } = await import('../src/assess/medians.js');
  const { defaultModel, scoreAd } = await import('../src/assess/score.js');
  const { latest } = await readWorld(world, new PlaceResolver(loadGazetteer()), { photos: false });
  const pool = [...latest].map(([id, l]) => ({
    id,
    fields: { title: l.capture.title ?? null, text: l.capture.text, name: l.capture.name ?? null },
    extraction: l.extraction,
    policeUnit: l.extraction.place.status === 'resolved' ? l.extraction.place.policeUnit : null,
  }));
  const medians = regionalMedians(
    pool.map((a) => ({ unit: a.policeUnit, price: a.extraction.price?.eurPerHour ?? null })),
  );
  const model = defaultModel(INDICATORS);
  let hits = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const ad = pool[i % pool.length]!;
    const found = adIndicators({
      ...ad,
      regionalMedianPrice: ad.policeUnit ? (medians.get(ad.policeUnit) ?? null) : null,
    });
    hits += scoreAd(found, model).contributions.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ ads: n, distinct: pool.length, hits, seconds }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, Number(process.argv[4]));
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
  const world = mkdtempSync(join(tmpdir(), 'schakel-bench-assess-'));
  try {
    const { generateWorld } = await import('../src/scenario/generate.js');
    await generateWorld({ seed: 11, captures: 100_000, out: world, images: false });
    const rows: Record<string, string | number>[] = [];
    for (const n of sizes) {
      const { result, peakRssMb } = measure(self, ['--child', world, String(n)]);
      const seconds = Number(result.seconds);
      rows.push({
        ads: n,
        'distinct ads': result.distinct!,
        'indicators found': result.hits!,
        seconds: seconds.toFixed(1),
        'ads/s': Math.round(n / seconds),
        'µs/ad': ((seconds * 1e6) / n).toFixed(1),
        'peak RSS MB': peakRssMb,
      });
    }
    table(rows);
  } finally {
    rmSync(world, { recursive: true, force: true });
  }
}
