import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationResult,
} from 'kysely';
import pg from 'pg';
import type { Dialect } from './dialect.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export interface StoreConfig {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath: string;
}

export const DEFAULT_SQLITE_PATH = './schakel-data/schakel.db';

/** From the environment: `SCHAKEL_DATABASE_URL` (PostgreSQL) or `SCHAKEL_DB` (an SQLite file). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const url = env.SCHAKEL_DATABASE_URL?.trim();
  return {
    ...(url ? { databaseUrl: url } : {}),
    sqlitePath: env.SCHAKEL_DB ?? DEFAULT_SQLITE_PATH,
  };
}

export function describeConfig(config: StoreConfig): string {
  if (!config.databaseUrl) return `SQLite ${config.sqlitePath}`;
  const u = new URL(config.databaseUrl);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

// PostgreSQL hands back ISO strings for timestamps and numbers for bigint/count, as SQLite does.
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;
const NUMERIC = 1700;
function pgTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return (v) => new Date(v).toISOString();
  if (oid === INT8 || oid === NUMERIC) return (v) => Number(v);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  location: string;
  /** The SQLite connection itself, for bulk writes (store/bulk.ts); null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
}

/** Opens a connection pool or file. Does not touch the schema and does not fail if the server is down. */
export function openDatabase(config: StoreConfig): OpenDatabase {
  const location = describeConfig(config);
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5000,
      types: { getTypeParser: pgTypeParser } as pg.CustomTypesConfig,
    });
    // A connection that dies (server restart, network) must not take the process down. pg emits
    // 'error' on the client as well as failing its query; the pool listens only while a client is
    // idle, so every client gets its own listener. The failed query still rejects, and the pool
    // replaces the connection on the next one.
    const lost = (err: Error) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      location,
      sqlite: null,
    };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const file = new SqliteDatabase(config.sqlitePath);
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }),
    dialect: 'sqlite',
    location,
    sqlite: file,
  };
}

/** SQLite pragmas that write to the file: applied once the file is known to be a database. */
export async function prepareDatabase({ db, dialect }: OpenDatabase): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`pragma journal_mode = WAL`.execute(db);
    await sql`pragma synchronous = NORMAL`.execute(db);
    // 64 MiB of page cache (default 2 MiB) and checkpoints every 64 MiB of WAL (default 4 MiB):
    // bulk imports touch the same index pages again and again; fewer checkpoints copy them once.
    await sql`pragma cache_size = -65536`.execute(db);
    await sql`pragma wal_autocheckpoint = 16384`.execute(db);
  }
}

export async function migrateToLatest({ db, dialect }: OpenDatabase): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${cause}` : cause, {
      cause: error,
    });
  }
  return results ?? [];
}
