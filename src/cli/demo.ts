import { createUser } from '../access/accounts.js';
import type { Actor, Context } from '../access/context.js';
import type { Role } from '../access/roles.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDemo, markDemo } from '../demo.js';
import { loadGazetteer } from '../geo/gazetteer.js';
import { importAds } from '../intake/ads/import.js';
import { importDevice } from '../intake/devices/import.js';
import { importOperations } from '../operations/import.js';
import { addParticipant, listOperations } from '../operations/service.js';
import { PlaceResolver } from '../intake/ads/places.js';
import { defaultImageDir, ImageStore } from '../intake/images/store.js';
import { generateWorld } from '../scenario/generate.js';
import type { SizeName } from '../scenario/params.js';
import { configFromEnv } from '../store/db.js';
import type { Store } from '../store/store.js';
import { runAssessment } from '../assess/job.js';
import { runLinking } from '../link/job.js';
import { printLinkStats } from './link.js';
import { progressBar } from './progress.js';
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

/** The seed of the demo world: every fresh demo shows the same synthetic world. */
export const DEMO_SEED = 2023;
const WORLD_KEY = 'demo.world';
/** Set once the world's action days and seized phones are in. */
const CASEWORK_KEY = 'demo.casework';

/**
 * On first start, writes the synthetic world beside the database and imports its ads as the demo
 * user. Recorded when complete; an interrupted seeding re-runs and the importer adds only what is
 * missing.
 */
export async function seedDemoWorld(store: Store, size: SizeName): Promise<void> {
  const wanted = `seed ${DEMO_SEED}, ${size}`;
  const ctx = context(store);
  const dir = join(dirname(configFromEnv().sqlitePath), 'demo-world');
  if ((await store.settings.get(WORLD_KEY)) === wanted) {
    await linkIfBehind(ctx);
    await importDemoDevices(ctx, dir);
    return;
  }
  const actor = await demoActor(store);
  process.stderr.write(`writing the synthetic world (seed ${DEMO_SEED}, ${size}) to ${dir}\n`);
  let bar: ReturnType<typeof progressBar> | undefined;
  await generateWorld({
    seed: DEMO_SEED,
    size,
    out: dir,
    onProgress: (done, total) => (bar ??= progressBar('advertisers', total)).update(done),
  });
  bar?.stop();
  let importing: ReturnType<typeof progressBar> | undefined;
  const report = await importAds(ctx, actor, {
    paths: [join(dir, 'ads')],
    places: new PlaceResolver(loadGazetteer()),
    images: new ImageStore(defaultImageDir()),
    worker: true,
    onProgress: (p) =>
      (importing ??= progressBar('importing ads (bytes)', p.bytesTotal)).update(
        p.bytesDone,
        p.bytesTotal,
      ),
  });
  importing?.stop();
  process.stderr.write(
    `imported ${report.added} captures, ${report.images.stored} photos in ${report.seconds.toFixed(1)} s\n`,
  );
  await linkIfBehind(ctx);
  await importDemoDevices(ctx, dir);
  await store.settings.set(WORLD_KEY, wanted);
}

/**
 * The world's action days, then its seized phones. The operation is imported first: its seizures
 * create the evidence items (in the operation's investigation) and start their chain of custody,
 * which the device imports continue. The demo examiner takes part, so the devices are visible to
 * `demo` and `demo-forensisch` only. Idempotent: what is there already is recognised.
 */
async function importDemoDevices(ctx: Context, dir: string): Promise<void> {
  const truthPath = join(dir, 'truth.json');
  // Once done, later starts skip it: re-checking would rewrite every control and audit it again.
  if (!existsSync(truthPath) || (await ctx.store.settings.get(CASEWORK_KEY)) === 'done') return;
  const actor = await demoActor(ctx.store);
  const ops = await importOperations(ctx, actor, join(dir, 'operations'));
  for (const p of ops.problems)
    process.stderr.write(`operations: ${p.file}:${p.line} ${p.field ?? ''} ${p.message}\n`);
  if (ops.operations > 0)
    process.stderr.write(
      `imported the action days: ${ops.assignments} assignments, ${ops.controls} controls, ${ops.seizures} items seized\n`,
    );
  const [operation] = await listOperations(ctx, actor);
  if (!operation) return;
  if (await ctx.store.users.byUsername('demo-forensisch'))
    await addParticipant(ctx, actor, operation.id, 'demo-forensisch').catch(() => undefined);
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as {
    devices: { id: string; evidenceNumber: string; format: string }[];
  };
  let imported = 0;
  for (const d of truth.devices) {
    const path = join(dir, 'devices', d.format === 'ufdr' ? `${d.id}.ufdr` : d.id);
    const r = await importDevice(ctx, actor, {
      path,
      item: d.evidenceNumber,
      investigation: operation.investigation_id,
    });
    if (!r.reimport) imported++;
  }
  if (imported > 0) process.stderr.write(`imported ${imported} seized devices\n`);
  await ctx.store.settings.set(CASEWORK_KEY, 'done');
}

/** The demo user, acting through the CLI. */
async function demoActor(store: Store): Promise<Actor> {
  const user = (await store.users.byUsername('demo'))!;
  return { id: user.id, name: user.username, roles: user.roles, channel: 'cli', ip: null };
}

/** Links and assesses the ads when captures arrived after the last link run (or none ran yet). */
async function linkIfBehind(ctx: Context): Promise<void> {
  const actor = await demoActor(ctx.store);
  const last = await ctx.store.networks.lastRun();
  const behind = !last || Number(last.max_capture_seq) < (await ctx.store.networks.maxCaptureSeq());
  if (behind) {
    process.stderr.write('linking ads into networks\n');
    printLinkStats(await runLinking(ctx, actor, { geo: loadGazetteer() }));
  }
  if (behind || (await ctx.store.assess.countAds()) < (await ctx.store.ads.count())) {
    const assessed = await runAssessment(ctx, actor);
    process.stdout.write(
      `assessed ${assessed.ads} ads and ${assessed.networks} networks under risk model ${assessed.model}\n`,
    );
  }
}

/** Seeds the demo on a fresh (or demo) database, prints the accounts, and serves it. */
export async function runDemo(opts: {
  port: number;
  host: string;
  serve: boolean;
  world: SizeName | 'none';
}): Promise<void> {
  const store = await openStore();
  try {
    await seedDemo(store);
    if (opts.world !== 'none') await seedDemoWorld(store, opts.world);
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
