import { Command, InvalidArgumentError, Option } from 'commander';
import { createUser, listUsers, updateUser } from '../access/accounts.js';
import { verifyAuditTrail } from '../access/audit-trail.js';
import { ROLES, type Role } from '../access/roles.js';
import { generateWorld } from '../scenario/generate.js';
import { SIZES, type SizeName } from '../scenario/params.js';
import { configFromEnv } from '../store/db.js';
import { Store } from '../store/store.js';
import { VERSION } from '../version.js';
import type { Actor, Context } from '../access/context.js';
import { registerAdCommands } from './ads.js';
import { registerLinkCommands } from './link.js';
import { registerAssessCommands } from './assess.js';
import { registerDeviceCommands } from './devices.js';
import { registerInvestigationCommands } from './investigations.js';
import { registerOperationCommands } from './operations.js';
import { runDemo } from './demo.js';
import { progressBar } from './progress.js';
import { cliActor, context, exitCodeFor, openStore, printTable, UsageError } from './runtime.js';
import { serve } from './serve.js';

const wholeNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
};

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
};

const program = new Command('schakel')
  .description(
    'Schakel: link contact ads, controls and seized devices into an explainable picture of exploitation networks.',
  )
  .version(VERSION)
  .addOption(
    new Option('--as <user>', 'act as this user (default: the single admin; env SCHAKEL_USER)'),
  )
  .showHelpAfterError()
  .exitOverride()
  .addHelpText(
    'after',
    '\nDatabase: SQLite at ./schakel-data/schakel.db, or another file with SCHAKEL_DB=PATH,\nor PostgreSQL with SCHAKEL_DATABASE_URL=postgres://user:pass@host/db.\nExit codes: 0 ok, 1 failure, 2 usage.',
  );

/** Runs a command body with an open, migrated store, and closes it whatever happens. */
async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
const globalAs = (): string | undefined => program.opts<{ as?: string }>().as;

program
  .command('serve')
  .description('serve the API and the web app')
  .option('--port <n>', 'port to listen on', port, 8080)
  .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', 'localhost')
  .option('--quiet', 'no request log')
  .action(async (opts: { port: number; host: string; quiet?: boolean }) => {
    // No migration here: the server starts even if the database is down, and migrates when it can.
    await serve(Store.open(configFromEnv()), {
      port: opts.port,
      host: opts.host,
      log: !opts.quiet,
    });
  });

program
  .command('demo')
  .description('seed the synthetic demo (on a fresh or demo database) and serve it')
  .option('--port <n>', 'port to listen on', port, 8080)
  .option('--host <host>', 'address to listen on', 'localhost')
  .option('--no-serve', 'seed only')
  .addOption(
    new Option('--world <size>', 'synthetic world to seed on first start')
      .choices([...Object.keys(SIZES), 'none'])
      .default('demo'),
  )
  .action(
    async (opts: { port: number; host: string; serve: boolean; world: SizeName | 'none' }) => {
      await runDemo(opts);
    },
  );

const db = program.command('db').description('database maintenance');
db.command('migrate')
  .description('bring the schema to the latest version (also done on every start)')
  .option('--json', 'print the result as JSON')
  .action(async (opts: { json?: boolean }) => {
    const store = Store.open(configFromEnv());
    try {
      const ran = await store.migrate();
      if (opts.json)
        process.stdout.write(`${JSON.stringify({ database: store.location, applied: ran })}\n`);
      else
        process.stdout.write(
          ran.length
            ? `applied ${ran.join(', ')} to ${store.location}\n`
            : `${store.location} is up to date\n`,
        );
    } finally {
      await store.close();
    }
  });

const users = program.command('users').description('user accounts');
const roleList = (value: string, previous: Role[] = []): Role[] => {
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    throw new InvalidArgumentError(
      `unknown role ${unknown.join(', ')}; roles: ${ROLES.join(', ')}`,
    );
  return [...previous, ...(roles as Role[])];
};

users
  .command('add <name>')
  .description('add a user')
  .requiredOption(
    '--role <roles>',
    `role(s), comma-separated or repeated: ${ROLES.join(', ')}`,
    roleList,
  )
  .option(
    '--password <password>',
    'password (default: read from SCHAKEL_PASSWORD, else generated and printed once)',
  )
  .option('--display-name <name>', 'full name shown in the app')
  .option('--unit <code>', 'police unit code, e.g. AM, RT, ON')
  .option('--json', 'print the new user as JSON')
  .action(
    async (
      name: string,
      opts: {
        role: Role[];
        password?: string;
        displayName?: string;
        unit?: string;
        json?: boolean;
      },
    ) => {
      await withStore(async (store) => {
        const actor = await cliActor(store, globalAs());
        const generated = !opts.password && !process.env.SCHAKEL_PASSWORD;
        const password =
          opts.password ??
          process.env.SCHAKEL_PASSWORD ??
          (await import('node:crypto')).randomBytes(12).toString('base64url');
        const user = await createUser(context(store), actor, {
          username: name,
          password,
          roles: opts.role,
          displayName: opts.displayName,
          unit: opts.unit ?? null,
        });
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ user, ...(generated ? { password } : {}) }, null, 2)}\n`,
          );
        else
          process.stdout.write(
            `added ${user.username} (${user.roles.join(', ')})${generated ? `; password: ${password}` : ''}\n`,
          );
      });
    },
  );

users
  .command('list')
  .description('list users')
  .option('--json', 'print as JSON')
  .action(async (opts: { json?: boolean }) => {
    await withStore(async (store) => {
      const actor = await cliActor(store, globalAs());
      const list = await listUsers(context(store), actor);
      printTable(
        list.map((u) => ({
          username: u.username,
          name: u.displayName,
          roles: u.roles,
          unit: u.unit,
          status: u.disabledAt ? `disabled ${u.disabledAt}` : 'active',
          created: u.createdAt,
        })),
        Boolean(opts.json),
      );
    });
  });

users
  .command('disable <name>')
  .description('disable a user and end their sessions')
  .action(async (name: string) => {
    await withStore(async (store) => {
      const actor = await cliActor(store, globalAs());
      const user = await store.users.byUsername(name.toLowerCase());
      if (!user) throw new UsageError(`no such user: ${name}`);
      await updateUser(context(store), actor, user.id, { disabled: true });
      process.stdout.write(`disabled ${user.username}; their sessions are ended\n`);
    });
  });

const auditCmd = program.command('audit').description('the tamper-evident audit trail');
auditCmd
  .command('verify')
  .description('walk the hash chain and name the first entry that was altered, deleted or inserted')
  .option('--json', 'print the verdict as JSON')
  .action(async (opts: { json?: boolean }) => {
    await withStore(async (store) => {
      const actor = await cliActor(store, globalAs());
      let bar: ReturnType<typeof progressBar> | undefined;
      const verdict = await verifyAuditTrail(context(store), actor, {
        start: (total) => (bar = progressBar('verifying', total)),
        tick: () => bar?.tick(),
      });
      bar?.stop();
      if (opts.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
      else if (verdict.ok)
        process.stdout.write(
          `audit trail intact: ${verdict.checked} entries, head ${verdict.headHash}\n`,
        );
      else
        process.stdout.write(
          `audit trail BROKEN at entry ${verdict.problem!.seq} (${verdict.problem!.kind}): ${verdict.problem!.message}\n`,
        );
      if (!verdict.ok) process.exitCode = 1;
    });
  });

const scenario = program
  .command('scenario')
  .description('the synthetic world: ads, devices, operations and their truth');
scenario
  .command('generate')
  .description('write a synthetic world (deterministic for a seed) into a folder')
  .option('--seed <n>', 'seed: same seed, same bytes', wholeNumber, 1)
  .addOption(new Option('--size <size>', 'preset').choices(Object.keys(SIZES)).default('demo'))
  .option('--ads <n>', 'exactly this many captures instead of a preset (e.g. 1000000)', wholeNumber)
  .option('--devices <n>', "seized phones to write (default: the preset's)", wholeNumber)
  .option('--no-images', 'skip the photos (much faster for large worlds)')
  .requiredOption('--out <dir>', 'output folder (replaced)')
  .option('--json', 'print the summary as JSON')
  .action(
    async (opts: {
      seed: number;
      size: SizeName;
      ads?: number;
      devices?: number;
      images: boolean;
      out: string;
      json?: boolean;
    }) => {
      const started = Date.now();
      let bar: ReturnType<typeof progressBar> | undefined;
      let shown = 0;
      const summary = await generateWorld({
        seed: opts.seed,
        size: opts.size,
        ...(opts.ads !== undefined ? { captures: opts.ads } : {}),
        ...(opts.devices !== undefined ? { devices: opts.devices } : {}),
        images: opts.images,
        out: opts.out,
        onProgress: (done, total) => {
          bar ??= progressBar(opts.ads !== undefined ? 'captures' : 'advertisers', total);
          bar.tick(done - shown);
          shown = done;
        },
      });
      bar?.stop();
      const seconds = (Date.now() - started) / 1000;
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...summary, seconds }, null, 2)}\n`);
      else
        process.stdout.write(
          `wrote ${summary.captures} captures of ${summary.ads} ads, ${summary.images} photos, ${summary.devices} devices, ${summary.assignments} assignments to ${opts.out} in ${seconds.toFixed(1)} s\n`,
        );
    },
  );

const kit = {
  withActor: <T>(fn: (ctx: Context, actor: Actor) => Promise<T>) =>
    withStore(async (store) => fn(context(store), await cliActor(store, globalAs()))),
};
registerAdCommands(program, kit);
registerLinkCommands(program, kit);
registerAssessCommands(program, kit);
registerInvestigationCommands(program, kit);
registerDeviceCommands(program, kit);
registerOperationCommands(program, kit);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}
