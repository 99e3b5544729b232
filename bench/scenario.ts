/**
 * The synthetic world's generator: captures written per second and peak memory at 10k, 100k and
 * 1M captures (no photos: they are measured separately, on the demo preset). Memory must stay flat
 * as the size grows: the generator streams.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, table } from './measure.js';

if (process.argv[2] === '--child') {
  const { generateWorld } = await import('../src/scenario/generate.js');
  const [, , , kind, value, out] = process.argv;
  const started = process.hrtime.bigint();
  const s = await generateWorld(
    kind === 'captures'
      ? { seed: 1, captures: Number(value), out: out!, images: false, devices: 0 }
      : { seed: 1, size: value as 'demo', out: out!, images: true },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      captures: s.captures,
      ads: s.ads,
      images: s.images,
      devices: s.devices,
      seconds,
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
  const rows: Record<string, string | number>[] = [];
  const run = (kind: string, value: string, label: string) => {
    const out = mkdtempSync(join(tmpdir(), 'schakel-bench-world-'));
    try {
      const { result, peakRssMb } = measure(self, ['--child', kind, value, out]);
      const seconds = Number(result.seconds);
      rows.push({
        world: label,
        captures: result.captures!,
        ads: result.ads!,
        photos: result.images!,
        devices: result.devices!,
        seconds: seconds.toFixed(1),
        'captures/s': Math.round(Number(result.captures) / seconds),
        'peak RSS MB': peakRssMb,
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  for (const n of sizes) run('captures', String(n), `--ads ${n} --no-images`);
  if (!process.argv.includes('--no-demo')) run('size', 'demo', '--size demo (photos, devices)');
  table(rows);
}
