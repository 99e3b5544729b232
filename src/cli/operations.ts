import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importOperations } from '../operations/import.js';
import { listOperations, operationSummary } from '../operations/service.js';
import type { CliKit } from './ads.js';

const counts = (m: Record<string, number>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '—';

/** Operations (action days): import, list, summary. */
export function registerOperationCommands(program: Command, kit: CliKit): void {
  const ops = program
    .command('operations')
    .description('action days: assignments, controls, seizures');

  ops
    .command('import <dir>')
    .description(
      'import an operation as JSON lines (operations, assignments, controls, seizures .jsonl; docs/OPERATIONS.md)',
    )
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      await kit.withActor(async (ctx, actor) => {
        const r = await importOperations(ctx, actor, dir);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          return;
        }
        for (const p of r.problems)
          process.stdout.write(
            `ERROR   ${p.file}:${p.line}${p.field ? ` [${p.field}]` : ''}: ${p.message}\n`,
          );
        process.stdout.write(
          `imported ${r.operations} operations, ${r.assignments} assignments, ${r.controls} controls, ${r.seizures} seized items; ${r.problems.length} problems\n`,
        );
      });
    });

  ops
    .command('list')
    .description('the operations you take part in')
    .action(async () => {
      await kit.withActor(async (ctx, actor) => {
        for (const o of await listOperations(ctx, actor))
          process.stdout.write(`${o.id}  ${o.start_date}–${o.end_date}  ${o.name}\n`);
      });
    });

  ops
    .command('outcomes <id>')
    .description(
      'what the controls found, per ad or network, as outcome lines for `schakel assess calibrate --outcomes`',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { out?: string }) => {
      await kit.withActor(async (ctx, actor) => {
        const { outcomes } = await operationSummary(ctx, actor, id);
        const lines = outcomes.map((o) =>
          JSON.stringify({
            [o.target.type]: o.target.id,
            exploitation: o.exploitation,
            control: o.control,
          }),
        );
        const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
        if (opts.out) {
          writeFileSync(opts.out, text);
          process.stderr.write(`wrote ${lines.length} outcomes to ${opts.out}\n`);
        } else process.stdout.write(text);
      });
    });

  ops
    .command('summary <id>')
    .description('the one-page summary: per unit, nationalities, signals, referrals, items seized')
    .option('--json', 'print it as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await kit.withActor(async (ctx, actor) => {
        const s = await operationSummary(ctx, actor, id);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
          return;
        }
        const lines = [
          `${s.operation.name} (${s.operation.start} – ${s.operation.end}), units ${s.operation.units.join(', ')}`,
          `assignments ${s.assignments}: controls held ${s.controlsHeld}, no-shows ${s.noShows}, cancelled ${s.cancelled}, open ${s.open}`,
          `${'unit'.padEnd(6)} ${'assigned'.padStart(8)} ${'controls'.padStart(8)} ${'persons'.padStart(8)} ${'items'.padStart(6)}`,
          ...Object.entries(s.perUnit).map(
            ([u, c]) =>
              `${u.padEnd(6)} ${String(c.assignments).padStart(8)} ${String(c.controls).padStart(8)} ${String(c.personsMet).padStart(8)} ${String(c.itemsSeized).padStart(6)}`,
          ),
          `persons met ${s.personsMet}: ${counts(s.byRole)}`,
          `nationalities: ${counts(s.nationalities)}`,
          `signals: ${counts(s.signals)}`,
          `referrals: offered ${s.referrals.offered}, accepted ${s.referrals.accepted}, declined ${s.referrals.declined}`,
          `items seized: ${counts(s.items)}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
