import { spawnSync } from 'node:child_process';

/** Runs `script` in a fresh process (so peak memory is its own) and returns what it printed as JSON, with peak RSS. */
export function measure(
  script: string,
  args: string[],
  nodeFlags: string[] = [],
): { result: Record<string, number | string>; peakRssMb: number; seconds: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, ...nodeFlags, '--import', 'tsx', script, ...args],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${r.stderr}`);
  const peakKb = Number(r.stderr.trim().split('\n').pop());
  return {
    result: JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number | string>,
    peakRssMb: Math.round(peakKb / 1024),
    seconds,
  };
}

/** Prints rows as an aligned table. */
export function table(rows: Record<string, string | number>[]): void {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i]!)).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}
