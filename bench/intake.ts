/**
 * Ad intake: extraction alone (captures/s on one core, no I/O counted), the whole import into a
 * fresh SQLite database (read, check, extract, store; no photos), and photo hashing (photos/s on
 * the demo world). Sizes 10k, 100k and 1M captures by default; each step runs in its own process
 * so its peak memory is its own.
 *
 *   npm run bench -- intake [10000,100000,1000000] [--no-photos]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORT_NODE_FLAGS } from '../src/cli/node-flags.js';
import { measure, table } from './measure.js';

async function child(mode: string, world: string, db?: string): Promise<void> {
  const { loadGazetteer } = await import('../src/geo/gazetteer.js');
  const { PlaceResolver } = await import('../src/intake/ads/places.js');
  const places = new PlaceResolver(loadGazetteer());
  if (mode === 'extract') {
    const { worldCaptures } = await import('../src/intake/ads/eval.js');
    const { extractCapture } = await import('../src/intake/ads/extract.js');
    let n = 0;
    let ns = 0n;
    for await (const capture of worldCaptures(world)) {
      const t0 = process.hrtime.bigint();
      extractCapture(capture, places);
      ns += process.hrtime.bigint() - t0;
      n++;
    }
    console.log(JSON.stringify({ captures: n, seconds: Number(ns) / 1e9 }));
    return;
  }
  const { Store } = await import('../src/store/store.js');
  const { importAds } = await import('../src/intake/ads/import.js');
  const { ImageStore } = await import('../src/intake/images/store.js');
  const store = Store.open({ sqlitePath: db! });
  await store.migrate();
  const started = process.hrtime.bigint();
  const report = await importAds(
    { store, now: () => new Date() },
    { id: null, name: 'bench', roles: ['analyst'], channel: 'cli', ip: null },
    {
      paths: [join(world, 'ads')],
      places,
      images: mode === 'photos' ? new ImageStore(join(db!, '..', 'images')) : null,
      worker: true,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  console.log(
    JSON.stringify({
      captures: report.added,
      photos: report.images.stored,
      seconds,
    }),
  );
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5]);
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv.slice(2).find((a) => /^\d/.test(a)) ?? '10000,100000,1000000')
    .split(',')
    .map(Number);
  const rows: Record<string, string | number>[] = [];
  const { generateWorld } = await import('../src/scenario/generate.js');
  const row = (step: string, size: string, r: ReturnType<typeof measure>, unit = 'captures') => {
    const n = Number(r.result[unit]);
    const seconds = Number(r.result.seconds);
    rows.push({
      step,
      world: size,
      items: `${n} ${unit}`,
      seconds: seconds.toFixed(1),
      'per second': Math.round(n / seconds),
      'peak RSS MB': r.peakRssMb,
    });
  };
  for (const n of sizes) {
    const tmp = mkdtempSync(join(tmpdir(), 'schakel-bench-intake-'));
    try {
      const world = join(tmp, 'world');
      process.stderr.write(`writing a world of ${n} captures…\n`);
      await generateWorld({ seed: 7, captures: n, out: world, images: false, devices: 0 });
      process.stderr.write('extracting…\n');
      row('extract (1 core)', `${n}`, measure(self, ['--child', 'extract', world]));
      process.stderr.write('importing into SQLite…\n');
      row(
        'import → SQLite',
        `${n}`,
        measure(self, ['--child', 'import', world, join(tmp, 'db', 'b.db')], IMPORT_NODE_FLAGS),
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (!process.argv.includes('--no-photos')) {
    const tmp = mkdtempSync(join(tmpdir(), 'schakel-bench-photos-'));
    try {
      const world = join(tmp, 'world');
      process.stderr.write('writing the demo world with photos…\n');
      await generateWorld({ seed: 7, size: 'demo', out: world, devices: 0 });
      process.stderr.write('importing with photos…\n');
      row(
        'import with photos',
        'demo',
        measure(self, ['--child', 'photos', world, join(tmp, 'db', 'b.db')], IMPORT_NODE_FLAGS),
        'photos',
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  table(rows);
}
