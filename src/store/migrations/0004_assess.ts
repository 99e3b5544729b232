import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { timestamp } from '../dialect.js';

// Released migrations are never edited: add a new file instead.
export function assess(dialect: Dialect) {
  const ts = timestamp(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Versions of the risk model: default weights, or weights calibrated on outcomes. One is
      // active (the latest activated); activating is an explicit, audited act.
      await db.schema
        .createTable('risk_models')
        .addColumn('version', 'text', (c) => c.primaryKey())
        .addColumn('intercept', 'double precision', (c) => c.notNull())
        .addColumn('weights', 'text', (c) => c.notNull())
        .addColumn('disabled', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('metrics', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('activated_at', ts)
        .addColumn('activated_by', 'text')
        .execute();

      // Per ad: the indicators found in its latest capture (with evidence) and its score under the
      // model named.
      await db.schema
        .createTable('ad_assessments')
        .addColumn('ad_seq', 'integer', (c) => c.primaryKey().references('ads.seq'))
        .addColumn('hits', 'text', (c) => c.notNull())
        .addColumn('risk', 'double precision', (c) => c.notNull())
        .addColumn('logit', 'double precision', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('contributions', 'text', (c) => c.notNull())
        // Stated nationality or ethnicity codes, for the fairness check (scores per group).
        .addColumn('origins', 'text', (c) => c.notNull())
        .addColumn('assessed_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ad_assessments_risk')
        .on('ad_assessments')
        .column('risk')
        .execute();

      // Per network: its score from its ads' indicators and its own.
      await db.schema
        .createTable('network_assessments')
        .addColumn('network_id', 'text', (c) => c.primaryKey())
        .addColumn('risk', 'double precision', (c) => c.notNull())
        .addColumn('logit', 'double precision', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('contributions', 'text', (c) => c.notNull())
        .addColumn('assessed_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('network_assessments_risk')
        .on('network_assessments')
        .column('risk')
        .execute();

      // What an analyst decided about an ad or network in the triage queue: reviewed, not
      // relevant, or selected for an action day, with the reason. The latest decision counts;
      // earlier ones stay (they are labels for calibration and part of the record).
      await db.schema
        .createTable('reviews')
        .addColumn('seq', 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('reviews_target')
        .on('reviews')
        .columns(['target_type', 'target_id', 'seq'])
        .execute();
    },
  };
}
