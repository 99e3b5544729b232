import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { timestamp } from '../dialect.js';

// Released migrations are never edited: add a new file instead.
export function networks(dialect: Dialect) {
  const ts = timestamp(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One run of `schakel link` (full or incremental): who, when, up to which capture, and counts.
      await db.schema
        .createTable('link_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('finished_at', ts)
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('software', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        // Captures up to this sequence number are linked; an incremental run starts after it.
        .addColumn('max_capture_seq', 'bigint', (c) => c.notNull())
        .addColumn('stats', 'text', (c) => c.notNull())
        .execute();

      // A network: ads with one advertiser behind them (two or more ads; a single ad has none).
      // Listing columns are kept here; what the network page shows is in `detail` (JSON).
      await db.schema
        .createTable('networks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ads', 'integer', (c) => c.notNull())
        .addColumn('police_units', 'text', (c) => c.notNull())
        .addColumn('unit_count', 'integer', (c) => c.notNull())
        .addColumn('municipalities', 'integer', (c) => c.notNull())
        .addColumn('phones', 'integer', (c) => c.notNull())
        .addColumn('names', 'integer', (c) => c.notNull())
        .addColumn('first_seen', ts, (c) => c.notNull())
        .addColumn('last_seen', ts, (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('hub_corroborated', 'integer', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('link_run_id', 'text', (c) => c.notNull().references('link_runs.id'))
        .execute();
      for (const column of ['ads', 'unit_count', 'last_seen'])
        await db.schema.createIndex(`networks_${column}`).on('networks').column(column).execute();

      await db.schema
        .createTable('network_units')
        .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id'))
        .addColumn('police_unit', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('network_units_pk', ['network_id', 'police_unit'])
        .execute();
      await db.schema
        .createIndex('network_units_unit')
        .on('network_units')
        .columns(['police_unit', 'network_id'])
        .execute();

      // Each ad in at most one network.
      await db.schema
        .createTable('network_members')
        .addColumn('ad_seq', 'integer', (c) => c.primaryKey().references('ads.seq'))
        .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id'))
        .execute();
      await db.schema
        .createIndex('network_members_network')
        .on('network_members')
        .column('network_id')
        .execute();

      // Every evidence edge between two ads of one network, with how it counted (EvidenceRole).
      await db.schema
        .createTable('link_edges')
        .addColumn('network_id', 'text', (c) => c.notNull().references('networks.id'))
        .addColumn('a_seq', 'integer', (c) => c.notNull().references('ads.seq'))
        .addColumn('b_seq', 'integer', (c) => c.notNull().references('ads.seq'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('weight', 'double precision', (c) => c.notNull())
        .addColumn('similarity', 'double precision')
        .addColumn('distance', 'integer')
        .addColumn('hub', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('link_edges_network')
        .on('link_edges')
        .column('network_id')
        .execute();
    },
  };
}
