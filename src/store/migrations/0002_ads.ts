import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { timestamp } from '../dialect.js';

// Released migrations are never edited: add a new file instead.
export function ads(dialect: Dialect) {
  const ts = timestamp(dialect);
  // Row keys are sequence numbers (SQLite's rowid; an identity on PostgreSQL), so captures,
  // their photos and a new ad's identifiers are appended rather than inserted at random places:
  // measured on SQLite, a capture row with a random SHA-256 key index costs three times as much.
  const seq = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One run of `ads import` (or an upload): who, when, what, and how it went.
      await db.schema
        .createTable('import_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('finished_at', ts)
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('software', 'text', (c) => c.notNull())
        .addColumn('paths', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stats', 'text', (c) => c.notNull())
        .execute();

      // Files read to the end: a re-run skips them without reading a line.
      await db.schema
        .createTable('import_files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('records', 'integer', (c) => c.notNull())
        .addColumn('import_run_id', 'text', (c) => c.notNull().references('import_runs.id'))
        .addColumn('completed_at', ts, (c) => c.notNull())
        .execute();

      // Lines that could not be imported, with the reason, so nothing is lost silently.
      await db.schema
        .createTable('import_problems')
        .addColumn('import_run_id', 'text', (c) => c.notNull().references('import_runs.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('line', 'integer')
        .addColumn('field', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_problems_pk', ['import_run_id', 'seq'])
        .execute();

      // An ad is source + source_id; `id` is its public id (a hash of both); its columns are the
      // current state (the latest capture), kept for listing and filtering. The history is in
      // captures.
      await db.schema
        .createTable('ads')
        .addColumn('seq', 'integer', seq)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('first_seen', ts, (c) => c.notNull())
        .addColumn('last_seen', ts, (c) => c.notNull())
        .addColumn('captures', 'integer', (c) => c.notNull())
        .addColumn('latest_capture_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('title', 'text')
        .addColumn('name', 'text')
        .addColumn('age', 'integer')
        .addColumn('price_eur_per_hour', 'double precision')
        .addColumn('location', 'text')
        .addColumn('municipality_code', 'text')
        .addColumn('police_unit', 'text')
        .addColumn('language', 'text')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addUniqueConstraint('ads_source_key', ['source', 'source_id'])
        .execute();
      for (const column of ['police_unit', 'municipality_code', 'last_seen', 'first_seen'])
        await db.schema.createIndex(`ads_${column}`).on('ads').column(column).execute();

      // Full-text search over the current text: FTS5 kept in step by triggers on SQLite, a
      // generated tsvector with a GIN index on PostgreSQL.
      if (dialect === 'postgres') {
        await sql`alter table ads add column search_vector tsvector
          generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
        await sql`create index ads_search on ads using gin (search_vector)`.execute(db);
      } else {
        await sql`create virtual table ads_fts using fts5(search_text, content='ads',
          content_rowid='seq', tokenize='unicode61 remove_diacritics 2')`.execute(db);
        await sql`create trigger ads_fts_insert after insert on ads begin
          insert into ads_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(
          db,
        );
        await sql`create trigger ads_fts_delete after delete on ads begin
          insert into ads_fts(ads_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(
          db,
        );
        await sql`create trigger ads_fts_update after update of search_text on ads begin
          insert into ads_fts(ads_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
          insert into ads_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(
          db,
        );
      }

      // A capture is stored as received (the decoded line, its SHA-256 over the received bytes as
      // `id`, where it came from) with what extraction found in it. The SHA-256 is unique per ad
      // (and so overall: source and source_id are part of the bytes).
      await db.schema
        .createTable('captures')
        .addColumn('seq', 'integer', seq)
        .addColumn('ad_seq', 'integer', (c) => c.notNull().references('ads.seq'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('captured_at', ts, (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('import_run_id', 'text', (c) => c.notNull().references('import_runs.id'))
        .addColumn('extracted', 'text', (c) => c.notNull())
        .addColumn('extractor_version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('captures_ad')
        .on('captures')
        .columns(['ad_seq', 'id'])
        .unique()
        .execute();

      // Phones, handles, e-mails and sites an ad showed in any capture: the keys linking uses.
      await db.schema
        .createTable('ad_identifiers')
        .addColumn('ad_seq', 'integer', (c) => c.notNull().references('ads.seq'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('first_seen', ts, (c) => c.notNull())
        .addColumn('last_seen', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('ad_identifiers_pk', ['ad_seq', 'kind', 'value'])
        .execute();
      await db.schema
        .createIndex('ad_identifiers_value')
        .on('ad_identifiers')
        .columns(['kind', 'value'])
        .execute();

      // Photos, content-addressed; the bytes live in the image store, not in the database.
      await db.schema
        .createTable('images')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('phash', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('first_seen', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('images_phash').on('images').column('phash').execute();

      // Which photos a capture showed, in order; a photo that could not be read keeps its reference
      // and the reason.
      await db.schema
        .createTable('capture_images')
        .addColumn('capture_seq', 'integer', (c) => c.notNull().references('captures.seq'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('problem', 'text')
        .addPrimaryKeyConstraint('capture_images_pk', ['capture_seq', 'position'])
        .execute();
      await db.schema
        .createIndex('capture_images_sha256')
        .on('capture_images')
        .column('sha256')
        .execute();
    },
  };
}
