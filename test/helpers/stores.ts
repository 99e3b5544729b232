import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Store } from '../../src/store/store.js';

/**
 * The databases a store test runs on: SQLite always; PostgreSQL when one is reachable. With
 * SCHAKEL_TEST_DATABASE_URL set (CI sets it) an unreachable server fails the run instead of
 * skipping it. Each test gets its own database, dropped afterwards.
 */
export const DEFAULT_TEST_PG_URL = 'postgres://schakel:schakel@localhost:5432/schakel';

export interface TestStore {
  store: Store;
  /** Where the store lives, to reach it behind Schakel's back (tamper tests). */
  sqlitePath?: string;
  databaseUrl?: string;
  /** Runs SQL directly on the database, as someone with database access could. */
  raw: (statement: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Undefined when available; otherwise why it is skipped. */
  skip: string | undefined;
  open: () => Promise<TestStore>;
}

/**
 * Whether PostgreSQL answers. Asked up to three times with a generous timeout: with two suites
 * starting at once on a loaded 2-core machine, a first connection can take longer than 2 s (seen in
 * CI), and a slow answer is not an unreachable server.
 */
async function pgAvailable(url: string): Promise<string | undefined> {
  let problem = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.end();
      return undefined;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
      // Refused outright: nothing listens, waiting will not help.
      if (problem.includes('ECONNREFUSED')) return problem;
    }
  }
  return problem;
}

const explicitPg = process.env.SCHAKEL_TEST_DATABASE_URL;
const pgUrl = explicitPg ?? DEFAULT_TEST_PG_URL;
const pgProblem = await pgAvailable(pgUrl);
if (pgProblem && explicitPg) {
  throw new Error(
    `SCHAKEL_TEST_DATABASE_URL is set but PostgreSQL is not reachable (${pgProblem})`,
  );
}

export function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openSqlite(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'schakel-test-'));
  const sqlitePath = join(dir, 'schakel.db');
  const store = Store.open({ sqlitePath });
  await store.migrate();
  return {
    store,
    sqlitePath,
    raw: async (statement) => {
      const db = new Database(sqlitePath);
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<TestStore> {
  const name = `schakel_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const databaseUrl = withDatabase(pgUrl, name);
  const store = Store.open({ databaseUrl, sqlitePath: '' });
  await store.migrate();
  return {
    store,
    databaseUrl,
    raw: async (statement) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    cleanup: async () => {
      await store.close();
      const drop = new pg.Client({ connectionString: pgUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

export const BACKENDS: Backend[] = [
  { name: 'sqlite', skip: undefined, open: openSqlite },
  {
    name: 'postgres',
    skip:
      pgProblem &&
      `PostgreSQL not reachable at ${new URL(pgUrl).host} (${pgProblem}); set SCHAKEL_TEST_DATABASE_URL`,
    open: openPostgres,
  },
];

export const PG_TEST_URL = pgUrl;
