import { createUser } from '../access/accounts.js';
import type { Role } from '../access/roles.js';
import { isDemo, markDemo } from '../demo.js';
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

/** Seeds the demo accounts on a fresh database (or tops up a demo one) and serves it. */
export async function runDemo(opts: { port: number; host: string; serve: boolean }): Promise<void> {
  const store = await openStore();
  const ctx = context(store);
  if (!(await isDemo(store)) && (await store.users.count()) > 0) {
    await store.close();
    throw new UsageError(
      `${store.location} holds real accounts; the demo only runs on a fresh or demo database (set SCHAKEL_DB to another file)`,
    );
  }
  await markDemo(store);
  for (const account of DEMO_ACCOUNTS) {
    if (await store.users.byUsername(account.username)) continue;
    const admins = await store.users.withRole('admin');
    const actor = admins[0]
      ? {
          id: admins[0].id,
          name: admins[0].username,
          roles: admins[0].roles,
          channel: 'cli' as const,
          ip: null,
        }
      : { id: null, name: 'demo-seed', roles: [], channel: 'cli' as const, ip: null };
    await createUser(ctx, actor, { ...account, password: DEMO_PASSWORD });
  }
  process.stdout.write(
    '\nSynthetic demo — no real people. Sign in with any of these (password: ' +
      DEMO_PASSWORD +
      '):\n',
  );
  const out = process.stdout;
  printTable(
    DEMO_ACCOUNTS.map((a) => ({ username: a.username, roles: a.roles, unit: a.unit ?? '' })),
    false,
  );
  out.write('\n');
  if (opts.serve) await serve(store, { port: opts.port, host: opts.host, log: false });
  else await store.close();
}
