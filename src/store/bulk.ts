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

  /**
   * Inserts rows given as one flat array of values, `columns.length` per row (no conflict clause):
   * for the biggest imports, where building an object per row costs more than the insert.
   */
  async insertValues(
    table: keyof Database,
    columns: readonly string[],
    values: readonly (string | number | null)[],
  ): Promise<void> {
    const width = columns.length;
    const rows = values.length / width;
    if (rows === 0) return;
    if (this.sqlite) {
      let i = 0;
      if (rows >= SQLITE_GROUP) {
        const group = this.statement(table, [...columns], '', SQLITE_GROUP);
        for (; i + SQLITE_GROUP <= rows; i += SQLITE_GROUP)
          group.run(values.slice(i * width, (i + SQLITE_GROUP) * width));
      }
      if (i < rows) {
        const one = this.statement(table, [...columns], '', 1);
        for (; i < rows; i++) one.run(values.slice(i * width, (i + 1) * width));
      }
      return;
    }
    for (let i = 0; i < rows; i += CHUNK) {
      const part: ReturnType<typeof sql>[] = [];
      for (let k = i; k < Math.min(rows, i + CHUNK); k++)
        part.push(sql`(${sql.join(values.slice(k * width, (k + 1) * width))})`);
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(part)}`.execute(
        this.db,
      );
    }
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

  /** Rows of `table` whose `column` is one of `keys`, by key, with the named columns. */
  async lookup(
    table: keyof Database,
    column: string,
    keys: string[],
    columns: string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    if (keys.length === 0) return found;
    if (this.sqlite) {
      const key = `lookup|${table}|${column}|${columns.join(',')}`;
      let statement = this.statements.get(key);
      if (!statement) {
        statement = this.sqlite.prepare(
          `select ${columns.join(', ')} from ${table} where ${column} = ?`,
        );
        this.statements.set(key, statement);
      }
      for (const k of keys) {
        const row = statement.get(k) as Record<string, unknown> | undefined;
        if (row) found.set(k, row);
      }
      return found;
    }
    for (let i = 0; i < keys.length; i += 1000) {
      const part = keys.slice(i, i + 1000);
      const rows = await sql<
        Record<string, unknown>
      >`select ${sql.ref(column)} as lookup_key, ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(part)})`.execute(
        this.db,
      );
      for (const r of rows.rows) found.set(String(r.lookup_key), r);
    }
    return found;
  }

  /** Which (a, b) pairs exist in `table`'s two `columns`; keys are `a\u0000b`. */
  async existingPairs(
    table: keyof Database,
    columns: [string, string],
    pairs: [number, string][],
  ): Promise<Set<string>> {
    const found = new Set<string>();
    if (pairs.length === 0) return found;
    if (this.sqlite) {
      const key = `pairs|${table}|${columns.join(',')}`;
      let statement = this.statements.get(key);
      if (!statement) {
        statement = this.sqlite
          .prepare(`select 1 from ${table} where ${columns[0]} = ? and ${columns[1]} = ?`)
          .pluck();
        this.statements.set(key, statement);
      }
      for (const [a, b] of pairs)
        if (statement.get(a, b) !== undefined) found.add(`${a}\u0000${b}`);
      return found;
    }
    for (let i = 0; i < pairs.length; i += 1000) {
      const part = pairs.slice(i, i + 1000);
      const rows = await sql<{
        a: number;
        b: string;
      }>`select ${sql.ref(columns[0])} as a, ${sql.ref(columns[1])} as b from ${sql.table(table)} where (${sql.ref(columns[0])}, ${sql.ref(columns[1])}) in (${sql.join(part.map(([a, b]) => sql`(${a}, ${b})`))})`.execute(
        this.db,
      );
      for (const r of rows.rows) found.add(`${Number(r.a)}\u0000${r.b}`);
    }
    return found;
  }

  /**
   * Inserts rows into a table keyed by `seq` and returns each new row's `seq` under `keyOf(row)`.
   */
  async insertReturning(
    table: keyof Database,
    rows: Row[],
    keyOf: (row: Row) => string,
  ): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    if (rows.length === 0) return seqs;
    const columns = Object.keys(rows[0]!);
    if (this.sqlite) {
      const one = this.statement(table, columns, '', 1);
      for (const row of rows)
        seqs.set(keyOf(row), Number(one.run(columns.map((c) => row[c] ?? null)).lastInsertRowid));
      return seqs;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const values = sql.join(
        part.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`),
      );
      const result = await sql<
        Row & { seq: number }
      >`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${values} returning *`.execute(
        this.db,
      );
      for (const r of result.rows) seqs.set(keyOf(r), Number(r.seq));
    }
    return seqs;
  }
}
