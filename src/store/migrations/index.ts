import type { Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
import { foundation } from './0001_foundation.js';

/** Every migration, in order. The key is recorded in `kysely_migration` when it runs. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': foundation(dialect),
  };
}
