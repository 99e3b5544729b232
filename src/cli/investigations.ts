import type { Command } from 'commander';
import { addMember, createInvestigation, listInvestigations } from '../access/investigations.js';
import type { CliKit } from './ads.js';

/** Investigations: the need-to-know boundary around devices and persons. */
export function registerInvestigationCommands(program: Command, kit: CliKit): void {
  const inv = program
    .command('investigations')
    .description('investigations: who may see which devices and persons');

  inv
    .command('create')
    .description('open an investigation (you become its first member); audited')
    .requiredOption('--name <name>', 'a name')
    .requiredOption('--purpose <text>', 'the purpose the data is processed for')
    .requiredOption('--legal-basis <text>', 'the legal basis (e.g. art. 273f Sr, Wpg art. 9)')
    .option('--json', 'print it as JSON')
    .action(async (opts: { name: string; purpose: string; legalBasis: string; json?: boolean }) => {
      await kit.withActor(async (ctx, actor) => {
        const created = await createInvestigation(ctx, actor, opts);
        process.stdout.write(
          opts.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.id}  ${created.name}\n`,
        );
      });
    });

  inv
    .command('list')
    .description('the investigations you are a member of')
    .action(async () => {
      await kit.withActor(async (ctx, actor) => {
        for (const i of await listInvestigations(ctx, actor))
          process.stdout.write(`${i.id}  ${i.name}\n`);
      });
    });

  inv
    .command('add-member <investigation> <username>')
    .description('let another user see the investigation; audited')
    .action(async (investigation: string, username: string) => {
      await kit.withActor(async (ctx, actor) => {
        await addMember(ctx, actor, investigation, username);
        process.stdout.write(`${username} is now a member\n`);
      });
    });
}
