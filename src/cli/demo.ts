import { createUser } from '../access/accounts.js';
import type { Actor } from '../access/context.js';
import type { Role } from '../access/roles.js';
import { isDemo, markDemo } from '../demo.js';
import type { Store } from '../store/store.js';
import { context, openStore, printTable, UsageError } from './runtime.js';
import { serve } from './serve.js';

/** Known, printed credentials: the demo database holds synthetic data only and listens on localhost. */
export const DEMO_PASSWORD = 'schakel-demo';

export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  roles: Role[];
  unit: string | null;
}[] = [
  {
    username: 'demo',
    displayName: 'Demo (beheerder en analist)',
    roles: ['admin', 'analyst', 'operational_lead', 'national_analyst', 'forensic_examiner'],
    unit: null,
  },
  {
    username: 'demo-analist',
    displayName: 'Demo analist Amsterdam',
    roles: ['analyst'],
    unit: 'AM',
  },
  {
    username: 'demo-agent',
    displayName: 'Demo veldagent Rotterdam',
    roles: ['field_officer'],
    unit: 'RT',
  },
  {
    username: 'demo-forensisch',
    displayName: 'Demo forensisch onderzoeker',
    roles: ['forensic_examiner'],
    unit: 'ON',
  },
  { username: 'demo-auditor', displayName: 'Demo auditor', roles: ['auditor'], unit: null },
];

/**
 * Marks the database as the synthetic demo and creates the demo accounts that are missing.
 * Refuses a database that already holds other accounts: the demo never mixes with real data.
 */
export async function seedDemo(store: Store): Promise<void> {
  const ctx = context(store);
  if (!(await isDemo(store)) && (await store.users.count()) > 0) {
    throw new UsageError(
      `${store.location} holds real accounts; the demo only runs on a fresh or demo database (set SCHAKEL_DB to another file)`,
    );
  }
  await markDemo(store);
  for (const account of DEMO_ACCOUNTS) {
    if (await store.users.byUsername(account.username)) continue;
    // The first account bootstraps; the demo admin creates the rest, so the trail reads naturally.
    const admin = (await store.users.withRole('admin'))[0];
    const actor: Actor = admin
      ? { id: admin.id, name: admin.username, roles: admin.roles, channel: 'cli', ip: null }
      : { id: null, name: 'demo-seed', roles: [], channel: 'cli', ip: null };
    await createUser(ctx, actor, { ...account, password: DEMO_PASSWORD });
  }
}

/** Seeds the demo on a fresh (or demo) database, prints the accounts, and serves it. */
export async function runDemo(opts: { port: number; host: string; serve: boolean }): Promise<void> {
  const store = await openStore();
  try {
    await seedDemo(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  process.stdout.write(
    `\nSynthetic demo — no real people. Sign in with any of these (password: ${DEMO_PASSWORD}):\n`,
  );
  printTable(
    DEMO_ACCOUNTS.map((a) => ({ username: a.username, roles: a.roles, unit: a.unit ?? '' })),
    false,
  );
  process.stdout.write('\n');
  if (opts.serve) await serve(store, { port: opts.port, host: opts.host, log: false });
  else await store.close();
}
