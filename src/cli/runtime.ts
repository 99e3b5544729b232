import { CommanderError } from 'commander';
import type { Actor, Context } from '../access/context.js';
import { AppError, ValidationError } from '../model/errors.js';
import { configFromEnv, describeConfig } from '../store/db.js';
import { Store } from '../store/store.js';

/** Exit codes that mean something to scripts. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** Opens the configured database and brings its schema up to date. */
export async function openStore(): Promise<Store> {
  const config = configFromEnv();
  const store = Store.open(config);
  try {
    const ran = await store.migrate();
    if (ran.length > 0)
      process.stderr.write(`migrated ${describeConfig(config)}: ${ran.join(', ')}\n`);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw new Error(
      `cannot use ${describeConfig(config)}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  return store;
}

export function context(store: Store): Context {
  return { store, now: () => new Date() };
}

/**
 * The user the CLI acts as: `--as NAME` (or SCHAKEL_USER), else the one enabled admin. With no users
 * at all (a fresh install) it acts as the local operator, which may only create the first admin.
 */
export async function cliActor(store: Store, as: string | undefined): Promise<Actor> {
  const name = as ?? process.env.SCHAKEL_USER;
  if (name) {
    const user = await store.users.byUsername(name.toLowerCase());
    if (!user) throw new UsageError(`--as ${name}: no such user`);
    if (user.disabledAt) throw new UsageError(`--as ${name}: this account is disabled`);
    return { id: user.id, name: user.username, roles: user.roles, channel: 'cli', ip: null };
  }
  const admins = await store.users.withRole('admin');
  if (admins.length === 1) {
    const admin = admins[0]!;
    return { id: admin.id, name: admin.username, roles: admin.roles, channel: 'cli', ip: null };
  }
  if ((await store.users.count()) === 0) {
    return { id: null, name: 'local-operator', roles: [], channel: 'cli', ip: null };
  }
  throw new UsageError(
    admins.length === 0
      ? 'there is no enabled admin; name the user to act as with --as NAME'
      : `there are ${admins.length} admins; name the one to act as with --as NAME`,
  );
}

/** Prints data as JSON (`--json`) or as aligned text columns. */
export function printTable(rows: Record<string, unknown>[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `${line(columns)}\n${rows.map((r) => line(columns.map((c) => cell(r[c])))).join('\n')}\n`,
  );
}

/** Turns any error into a message on stderr and the exit code it means. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`schakel: ${message}\n`);
  if (err instanceof UsageError || err instanceof ValidationError) return EXIT.usage;
  if (err instanceof AppError) return EXIT.failure;
  return EXIT.failure;
}
