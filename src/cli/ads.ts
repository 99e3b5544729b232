import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Actor, Context } from '../access/context.js';
import { loadGazetteer } from '../geo/gazetteer.js';
import { evaluateIntake } from '../intake/ads/eval.js';
import { evaluateLinks } from '../link/eval.js';
import { exportAdsJsonl } from '../intake/ads/export.js';
import { importAds, type ImportReport } from '../intake/ads/import.js';
import { PlaceResolver } from '../intake/ads/places.js';
import { readCsvMapping } from '../intake/ads/readers/csv.js';
import { readSiteProfile } from '../intake/ads/readers/html.js';
import { defaultImageDir, ImageStore } from '../intake/images/store.js';
import { progressBar } from './progress.js';
import { UsageError } from './runtime.js';

/** What the ad commands need from main.ts. */
export interface CliKit {
  withActor<T>(fn: (ctx: Context, actor: Actor) => Promise<T>): Promise<T>;
}

export function printImportReport(r: ImportReport): void {
  const out = process.stdout;
  for (const f of r.files)
    out.write(
      `${f.status.padEnd(16)} ${f.file}: ${f.records} records, ${f.added} new, ${f.duplicates} already stored, ${f.rejected} rejected${f.reason ? ` (${f.reason})` : ''}\n`,
    );
  for (const p of r.problems)
    out.write(
      `${p.severity === 'error' ? 'ERROR  ' : 'warning'} ${p.file}${p.line !== null ? `:${p.line}` : ''}${p.field ? ` [${p.field}]` : ''}: ${p.reason}\n`,
    );
  if (r.rejected + r.warnings > r.problems.length)
    out.write(
      `… ${r.rejected + r.warnings - r.problems.length} more problems stored with run ${r.runId}\n`,
    );
  const im = r.images;
  out.write(
    `imported ${r.added} captures (${r.duplicates} already stored, ${r.rejected} rejected, ${r.warnings} warnings); photos: ${im.stored} stored, ${im.known} known, ${im.missing} missing, ${im.unreadable} unreadable; ${r.seconds.toFixed(1)} s; run ${r.runId}\n`,
  );
}

/** Runs an export into `file` (else standard output) with progress; says on stderr what it wrote. */
export async function exportTo(
  file: string | undefined,
  what: string,
  total: number,
  write: (out: Writable, onProgress: (done: number) => void) => Promise<number>,
): Promise<void> {
  const out = file ? createWriteStream(file) : process.stdout;
  const bar = progressBar(`exporting ${what}`, total);
  const n = await write(out, (done) => bar.update(done));
  bar.stop();
  if (file) {
    out.end();
    await once(out, 'close');
    process.stderr.write(`exported ${n} ${what} to ${file}\n`);
  }
}

export function registerAdCommands(program: Command, kit: CliKit): void {
  const ads = program.command('ads').description('captured contact ads');
  ads
    .command('import <paths...>')
    .description(
      'import captures: .jsonl (capture format), .csv (with --mapping), saved .html pages (with --profile); files or folders',
    )
    .option('--mapping <file>', 'CSV column mapping (JSON)')
    .option('--profile <file...>', 'site profile(s) for saved HTML pages (JSON)')
    .option('--no-images', 'do not read the photos')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        paths: string[],
        opts: { mapping?: string; profile?: string[]; images: boolean; json?: boolean },
      ) => {
        const csvMapping = opts.mapping ? readCsvMapping(opts.mapping) : undefined;
        const profiles = (opts.profile ?? []).map(readSiteProfile);
        await kit.withActor(async (ctx, actor) => {
          const places = new PlaceResolver(loadGazetteer());
          let bar: ReturnType<typeof progressBar> | undefined;
          let current = '';
          const report = await importAds(ctx, actor, {
            paths,
            places,
            images: opts.images ? new ImageStore(defaultImageDir()) : null,
            worker: true,
            ...(csvMapping ? { csvMapping } : {}),
            profiles,
            onProgress: (p) => {
              if (p.file !== current) {
                bar?.stop();
                current = p.file;
                bar = progressBar(`importing ${p.file} (bytes)`, p.bytesTotal);
              }
              bar!.update(p.bytesDone);
            },
          });
          bar?.stop();
          if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          else printImportReport(report);
          if (report.files.some((f) => f.status === 'failed')) process.exitCode = 1;
        });
      },
    );

  const exportCmd = program.command('export').description('export data for other tools');
  exportCmd
    .command('ads')
    .description('one JSON line per ad: its current state, phones and handles of all its captures')
    .option('--format <format>', 'jsonl', 'jsonl')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: string; out?: string }) => {
      if (opts.format !== 'jsonl') throw new UsageError(`--format ${opts.format}: only jsonl`);
      await kit.withActor(async (ctx, actor) => {
        const total = await ctx.store.ads.count();
        await exportTo(opts.out, 'ads', total, (out, onProgress) =>
          exportAdsJsonl(ctx, actor, loadGazetteer(), out, onProgress),
        );
      });
    });

  const evalCmd = program.command('eval').description('measure Schakel against a synthetic world');
  /** An eval command: scores a world beside its truth.json, printed as JSON or as `text`. */
  const worldEval = <T>(
    name: string,
    description: string,
    score: (worldDir: string, places: PlaceResolver, truth: string) => Promise<T>,
    text: (scores: T) => string[],
  ) =>
    evalCmd
      .command(name)
      .description(description)
      .requiredOption(
        '--truth <file>',
        "the world's truth.json (its ads/ folder beside it is read)",
      )
      .option('--json', 'print the scores as JSON')
      .action(async (opts: { truth: string; json?: boolean }) => {
        const s = await score(dirname(opts.truth), new PlaceResolver(loadGazetteer()), opts.truth);
        process.stdout.write(
          opts.json ? `${JSON.stringify(s, null, 2)}\n` : `${[...text(s), ''].join('\n')}`,
        );
      });
  worldEval(
    'links',
    'score linking ("same advertiser") against a world\'s truth, beside a number-only baseline',
    evaluateLinks,
    (s) => {
      const f = (x: number) => x.toFixed(4);
      const row = (name: string, r: typeof s.full | typeof s.numbersOnly) =>
        `${name.padEnd(14)} ${f(r.precision).padStart(9)} ${f(r.recall).padStart(7)} ${f(r.ari).padStart(7)} ${String(r.networks).padStart(9)}`;
      const list = (o: Record<string, number>) =>
        Object.entries(o)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      return [
        `links on seed ${s.seed} (${s.size}): ${s.ads} ads, ${s.photos} photos; "same advertiser", pairwise`,
        `${'evidence'.padEnd(14)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'ARI'.padStart(7)} ${'networks'.padStart(9)}`,
        row('all', s.full),
        row('numbers only', s.numbersOnly),
        `edges: ${list(s.full.edges)}; linked in ${s.full.seconds.toFixed(1)} s`,
        `wrong merges went through: ${list(s.wrongMerges)}`,
        'targets: precision ≥ 0.97, recall ≥ 0.95',
      ];
    },
  );
  worldEval(
    'intake',
    "score extraction (phones, age, municipality, price) against a world's truth",
    evaluateIntake,
    (s) => {
      const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
      return [
        `intake on seed ${s.seed} (${s.size}): ${s.captures} captures`,
        `phones        precision ${pct(s.phones.precision)}  recall ${pct(s.phones.recall)}  (${s.phones.correct} of ${s.phones.truth} found, ${s.phones.found - s.phones.correct} wrong)   target ≥ 99% / ≥ 98%`,
        `age           exact ${pct(s.age.rate)}  (${s.age.missed} missed, ${s.age.wrong} wrong)   target ≥ 95%`,
        `municipality  exact ${pct(s.municipality.rate)}  (${s.municipality.ambiguous} ambiguous, ${s.municipality.unknown} unknown, ${s.municipality.wrong} wrong)   target ≥ 97%`,
        `price/hour    exact ${pct(s.price.rate)}`,
        ...s.examples.map((e) => `  ${e.kind}: ${e.source} ${e.sourceId}: ${e.detail}`),
      ];
    },
  );
}
