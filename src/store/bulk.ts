import type SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Bulk writes for imports. On SQLite one prepared single-row statement runs per row (inside the
 * caller's transaction on the same connection): preparing a fresh multi-row statement per chunk,
 * as a query builder does, costs more than the inserts. On PostgreSQL multi-row inserts through
 * Kysely, which save the round trips.
 */

type Row = Record<string, string | number | null>;

export interface Conflict {
  columns: string[];
  /** Column → SQL expression over `excluded.column` and the table's own columns; empty: do nothing. */
  update?: Record<string, string>;
}

// Rows per multi-row insert: under PostgreSQL's 65,535 bound parameters.
const CHUNK = 400;
// Rows per prepared multi-row statement on SQLite (measured: 32 rows halve the per-row cost).
const SQLITE_GROUP = 32;

function conflictClause(table: string, conflict: Conflict | undefined): string {
  if (!conflict) return '';
  const target = conflict.columns.join(', ');
  const update = Object.entries(conflict.update ?? {});
  if (update.length === 0) return ` on conflict (${target}) do nothing`;
  return ` on conflict (${target}) do update set ${update
    .map(([c, e]) => `${c} = ${e.replaceAll('{table}', table)}`)
    .join(', ')}`;
}

// Prepared statements per connection, shared by every transaction on it.
const prepared = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

export class BulkWriter {
  private readonly statements: Map<string, SqliteDatabase.Statement>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: SqliteDatabase.Database | null,
  ) {
    let statements = sqlite ? prepared.get(sqlite) : undefined;
    if (sqlite && !statements) prepared.set(sqlite, (statements = new Map()));
    this.statements = statements ?? new Map();
  }

  async insert(table: keyof Database, rows: Row[], conflict?: Conflict): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const tail = conflictClause(table, conflict);
    if (this.sqlite) {
      // Rows go in groups of SQLITE_GROUP through one prepared statement; the rest one by one.
      let i = 0;
      if (rows.length >= SQLITE_GROUP) {
        const group = this.statement(table, columns, tail, SQLITE_GROUP);
        for (; i + SQLITE_GROUP <= rows.length; i += SQLITE_GROUP) {
          const params: (string | number | null)[] = [];
          for (let k = i; k < i + SQLITE_GROUP; k++)
            for (const c of columns) params.push(rows[k]![c] ?? null);
          group.run(params);
        }
      }
      if (i < rows.length) {
        const one = this.statement(table, columns, tail, 1);
        for (; i < rows.length; i++) one.run(columns.map((c) => rows[i]![c] ?? null));
      }
      return;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const values = sql.join(
        part.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`),
      );
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${values}${sql.raw(tail)}`.execute(
        this.db,
      );
    }
  }

  private statement(
    table: string,
    columns: string[],
    tail: string,
    rows: number,
  ): SqliteDatabase.Statement {
    const key = `${table}|${columns.join(',')}|${tail}|${rows}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      statement = this.sqlite!.prepare(
        `insert into ${table} (${columns.join(', ')}) values ${Array(rows).fill(tuple).join(', ')}${tail}`,
      );
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** Which of `keys` exist in `table.column`. */
  async existing(table: keyof Database, column: string, keys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (this.sqlite) {
      const key = `exists|${table}|${column}`;
      let statement = this.statements.get(key);
      if (!statement) {
        statement = this.sqlite.prepare(`select 1 from ${table} where ${column} = ?`).pluck();
        this.statements.set(key, statement);
      }
      for (const k of keys) if (statement.get(k) !== undefined) found.add(k);
      return found;
    }
    for (let i = 0; i < keys.length; i += 1000) {
      const part = keys.slice(i, i + 1000);
      const rows = await sql<{
        k: string;
      }>`select ${sql.ref(column)} as k from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(part)})`.execute(
        this.db,
      );
      for (const r of rows.rows) found.add(r.k);
    }
    return found;
  }
}
