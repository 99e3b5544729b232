import type { Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
import { foundation } from './0001_foundation.js';
import { ads } from './0002_ads.js';
import { networks } from './0003_networks.js';
import { assess } from './0004_assess.js';
import { devices } from './0005_devices.js';
import { operations } from './0006_operations.js';

/** Every migration, in order. The key is recorded in `kysely_migration` when it runs. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': foundation(dialect),
    '0002_ads': ads(dialect),
    '0003_networks': networks(dialect),
    '0004_assess': assess(dialect),
    '0005_devices': devices(dialect),
    '0006_operations': operations(dialect),
  };
}
