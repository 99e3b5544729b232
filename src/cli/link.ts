import type { Command } from 'commander';
import { loadGazetteer } from '../geo/gazetteer.js';
import { exportNetworksJsonl } from '../link/export.js';
import { runLinking, type LinkRunStats } from '../link/job.js';
import { exportTo, type CliKit } from './ads.js';
import { progressBar } from './progress.js';
import { UsageError } from './runtime.js';

export function printLinkStats(s: LinkRunStats): void {
  const e = s.edges;
  if (s.mode === 'incremental') {
    const w = s.withdrawn!;
    process.stdout.write(
      `attached ${s.attached} ads (${s.captures} new captures); evidence added: ${e.phone} phone, ${e.handle} handle, ${e.template} template, ${e.photo} photo; withdrawn: ${w.phone + w.handle + w.template + w.photo}; rewrote ${s.rewritten} networks (${s.networks} in all, ${s.vanished} ids merged or split); ${s.seconds.toFixed(1)} s; run ${s.runId}\n`,
    );
    return;
  }
  process.stdout.write(
    `linked ${s.ads} ads (${s.captures} captures) into ${s.networks} networks holding ${s.adsInNetworks} ads; evidence: ${e.phone} phone, ${e.handle} handle, ${e.template} template, ${e.photo} photo edges; ${s.vanished} earlier network ids merged or split; ${s.seconds.toFixed(1)} s; run ${s.runId}\n`,
  );
}

export function registerLinkCommands(program: Command, kit: CliKit): void {
  program
    .command('link')
    .description(
      'link ads into networks (shared numbers, handles, text templates, photos) and store them with their evidence',
    )
    .option(
      '--incremental',
      'attach only the captures imported since the last run and rewrite only the networks they change',
    )
    .option('--json', 'print the run as JSON')
    .action(async (opts: { incremental?: boolean; json?: boolean }) => {
      await kit.withActor(async (ctx, actor) => {
        let bar: ReturnType<typeof progressBar> | undefined;
        let phase = '';
        const stats = await runLinking(ctx, actor, {
          geo: loadGazetteer(),
          ...(opts.incremental ? { incremental: true } : {}),
          onProgress: (p, done, total) => {
            if (p !== phase) {
              bar?.stop();
              phase = p;
              bar = progressBar(
                p === 'read'
                  ? 'reading captures'
                  : p === 'link'
                    ? 'linking ads'
                    : 'writing networks',
                total,
              );
            }
            bar!.update(done, total);
          },
        });
        bar?.stop();
        if (opts.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
        else printLinkStats(stats);
      });
    });

  const exportCmd = program.commands.find((c) => c.name() === 'export');
  if (!exportCmd) throw new Error('register the ad commands first');
  exportCmd
    .command('networks')
    .description(
      'one JSON line per network: members, evidence, phones, names, templates, photos, places per week',
    )
    .option('--format <format>', 'jsonl', 'jsonl')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: string; out?: string }) => {
      if (opts.format !== 'jsonl') throw new UsageError(`--format ${opts.format}: only jsonl`);
      await kit.withActor(async (ctx, actor) => {
        const { networks } = await ctx.store.networks.counts();
        await exportTo(opts.out, 'networks', networks, (out, onProgress) =>
          exportNetworksJsonl(ctx, actor, out, onProgress),
        );
      });
    });
}
