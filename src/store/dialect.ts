import type { ColumnDataType } from 'kysely';

/** The two databases Schakel runs on. Dialect differences stay inside src/store/. */
export type Dialect = 'sqlite' | 'postgres';

/** Timestamps: timestamptz on PostgreSQL, ISO-8601 text on SQLite (which has no date type). */
export function timestamp(dialect: Dialect): ColumnDataType {
  return dialect === 'postgres' ? 'timestamptz' : 'text';
}
