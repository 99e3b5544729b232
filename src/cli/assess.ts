import { dirname } from 'node:path';
import type { Command } from 'commander';
import { evaluateRisk, type RiskMeasures } from '../assess/eval.js';
import { runAssessment } from '../assess/job.js';
import { activateModel, activeModel, modelFromRow, switchIndicator } from '../assess/models.js';
import { calibrateFromOutcomes } from '../assess/outcomes.js';
import { loadGazetteer } from '../geo/gazetteer.js';
import { PlaceResolver } from '../intake/ads/places.js';
import type { CliKit } from './ads.js';
import { progressBar } from './progress.js';
import { printTable, UsageError } from './runtime.js';

const f = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));

function measuresLine(name: string, m: RiskMeasures): string {
  const top = Object.entries(m.top50ByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return `${name.padEnd(12)} ${f(m.auc).padStart(7)} ${f(m.precisionAt50).padStart(6)} ${f(m.brier).padStart(7)} ${String(m.agenciesInTop50).padStart(18)}   ${top}`;
}

export function registerAssessCommands(program: Command, kit: CliKit): void {
  const assess = program
    .command('assess')
    .description('indicators of exploitation and the risk score of ads and networks');

  assess
    .command('run')
    .description(
      'find the indicators in every ad and score every ad and network under the active model',
    )
    .option('--json', 'print the run as JSON')
    .action(async (opts: { json?: boolean }) => {
      await kit.withActor(async (ctx, actor) => {
        let bar: ReturnType<typeof progressBar> | undefined;
        let phase = '';
        const s = await runAssessment(ctx, actor, (p, done) => {
          if (p !== phase) {
            bar?.stop();
            phase = p;
            bar = progressBar(`assessing ${p}`, 0);
          }
          bar!.update(done, done);
        });
        bar?.stop();
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(s, null, 2)}\n`
            : `assessed ${s.ads} ads (${s.adsWithIndicators} with indicators) and ${s.networks} networks under model ${s.model} in ${s.seconds.toFixed(1)} s\n`,
        );
      });
    });

  assess
    .command('models')
    .description('the risk model versions; * marks the active one')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await kit.withActor(async (ctx) => {
        const active = await activeModel(ctx);
        printTable(
          (await ctx.store.assess.models()).map((r) => ({
            version: `${r.version === active.version ? '* ' : '  '}${r.version}`,
            source: r.source,
            created: `${r.created_at.slice(0, 16)} ${r.created_by}`,
            disabled: modelFromRow(r).disabled.join(',') || '—',
            metrics: r.metrics,
          })),
          Boolean(opts.json),
        );
      });
    });

  assess
    .command('activate <version>')
    .description('make a model version the active one (audited); run `assess run` to re-score')
    .action(async (version: string) => {
      await kit.withActor(async (ctx, actor) => {
        await activateModel(ctx, actor, version);
        process.stdout.write(`activated ${version}\n`);
      });
    });

  assess
    .command('indicator <code>')
    .description('switch an indicator off or on: a new model version, activated (audited)')
    .option('--off', 'switch it off')
    .option('--on', 'switch it on again')
    .action(async (code: string, opts: { off?: boolean; on?: boolean }) => {
      if (Boolean(opts.off) === Boolean(opts.on)) throw new UsageError('give --off or --on');
      await kit.withActor(async (ctx, actor) => {
        const model = await switchIndicator(ctx, actor, code, Boolean(opts.on));
        process.stdout.write(
          `${code} is ${opts.on ? 'on' : 'off'} in ${model.version}, now active; run \`schakel assess run\` to re-score\n`,
        );
      });
    });

  assess
    .command('calibrate')
    .description(
      'fit the weights to outcomes (JSON lines: {"ad"|"network": ID, "exploitation": bool}); saves a new version',
    )
    .requiredOption('--outcomes <file>', 'the outcomes')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { outcomes: string; json?: boolean }) => {
      await kit.withActor(async (ctx, actor) => {
        const r = await calibrateFromOutcomes(ctx, actor, opts.outcomes);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          return;
        }
        for (const p of r.problems)
          process.stdout.write(`warning ${r.file}:${p.line}: ${p.reason}\n`);
        process.stdout.write(
          [
            `${r.labelled} outcomes (${r.positives} with exploitation): fitted on ${r.fitted}, measured on ${r.heldOut} held out`,
            `${'model'.padEnd(16)} ${'ROC AUC'.padStart(7)} ${'Brier'.padStart(7)}`,
            `${r.active.version.padEnd(16)} ${f(r.active.auc).padStart(7)} ${f(r.active.brier).padStart(7)}`,
            `${r.calibrated.version.padEnd(16)} ${f(r.calibrated.auc).padStart(7)} ${f(r.calibrated.brier).padStart(7)}`,
            'calibration (held out, calibrated model): predicted → observed',
            ...r.calibrated.calibration.map(
              (b) =>
                `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.count} units, ${f(b.predicted)} → ${f(b.observed)}`,
            ),
            `saved as ${r.calibrated.version} (not active: schakel assess activate ${r.calibrated.version})`,
            '',
          ].join('\n'),
        );
      });
    });

  const evalCmd = program.commands.find((c) => c.name() === 'eval');
  if (!evalCmd) throw new Error('register the ad commands first');
  evalCmd
    .command('risk')
    .description(
      "score the risk model against a world's truth: held-out ROC AUC and precision@50, default and calibrated",
    )
    .requiredOption('--truth <file>', "the world's truth.json (its ads/ folder beside it is read)")
    .option('--no-photos', 'link without reading the photos (faster)')
    .option('--json', 'print the scores as JSON')
    .action(async (opts: { truth: string; photos: boolean; json?: boolean }) => {
      const geo = loadGazetteer();
      const s = await evaluateRisk(dirname(opts.truth), new PlaceResolver(geo), geo, opts.truth, {
        photos: opts.photos,
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        [
          `risk on seed ${s.seed} (${s.size}): ${s.ads} ads in ${s.units} units (networks and single ads); held out ${s.heldOut.units} units, ${s.heldOut.exploitative} exploitative, ${s.heldOut.agencies} agencies`,
          `${'weights'.padEnd(12)} ${'ROC AUC'.padStart(7)} ${'P@50'.padStart(6)} ${'Brier'.padStart(7)} ${'agencies in top 50'.padStart(18)}   top 50 by kind`,
          measuresLine('default', s.defaults),
          measuresLine('calibrated', s.calibrated),
          'targets: ROC AUC ≥ 0.90 and precision@50 ≥ 0.80 with default weights; better after calibration',
          '',
        ].join('\n'),
      );
    });
}
