/**
 * `npm run bench -- NAME [args]`: runs bench/NAME.ts. Each benchmark builds its own input from the
 * synthetic world, runs the real code, and prints one table: size, seconds, throughput, peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'measure.ts')
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(new URL(`./${name}.ts`, import.meta.url))) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', new URL(`./${name}.ts`, import.meta.url).pathname, ...args],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
