import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { timestamp } from '../dialect.js';

// Released migrations are never edited: add a new file instead.
export function devices(dialect: Dialect) {
  const ts = timestamp(dialect);
  const seq = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // An item of evidence (a phone, a laptop, a SIM), known by the number on its bag. Controls
      // create it when it is seized; a device import creates it if it is not there yet.
      await db.schema
        .createTable('evidence_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('investigation_id', 'text', (c) => c.notNull().references('investigations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('evidence_items_investigation')
        .on('evidence_items')
        .column('investigation_id')
        .execute();

      // The chain of custody: seized → sealed → extracted → imported → examined, each step with
      // who, when and what (seal number, tool, hashes). Only ever appended to.
      await db.schema
        .createTable('custody_events')
        .addColumn('seq', 'integer', seq)
        .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('recorded_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('custody_events_item')
        .on('custody_events')
        .columns(['item_id', 'seq'])
        .execute();

      // One import of one extraction of an item: the format, the SHA-256 of the container and of
      // every source file, who, when, which Schakel, and what came out. `fingerprint` (a hash over
      // the file hashes) finds a re-import of the same extraction; `status` stays `running` until
      // every record is in, so an interrupted import is found and redone, never half counted.
      await db.schema
        .createTable('device_imports')
        .addColumn('seq', 'integer', seq)
        .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('source_path', 'text', (c) => c.notNull())
        .addColumn('container_sha256', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('files', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('schakel_version', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('finished_at', ts)
        .execute();
      await db.schema
        .createIndex('device_imports_item')
        .on('device_imports')
        .columns(['item_id', 'fingerprint'])
        .execute();

      const record = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('seq', 'integer', seq)
          .addColumn('import_seq', 'integer', (c) => c.notNull().references('device_imports.seq'))
          .addColumn('app', 'text', (c) => c.notNull());
      // Where in the evidence each record was read: its source (a file and table of the
      // import, numbered in device_sources: a handful per import, so a row holds a small number
      // instead of the path) and the row (or model id) in it.
      const where = <B extends ReturnType<typeof record>>(b: B) =>
        b.addColumn('source', 'integer', (c) => c.notNull()).addColumn('source_row', 'text');
      await db.schema
        .createTable('device_sources')
        .addColumn('import_seq', 'integer', (c) => c.notNull().references('device_imports.seq'))
        .addColumn('id', 'integer', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text')
        .addPrimaryKeyConstraint('device_sources_pk', ['import_seq', 'id'])
        .execute();

      await where(
        record('device_contacts')
          .addColumn('name', 'text')
          // [{raw, e164, label}]
          .addColumn('phones', 'text', (c) => c.notNull())
          .addColumn('emails', 'text', (c) => c.notNull()),
      ).execute();
      await where(
        record('device_calls')
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('party', 'text')
          .addColumn('party_e164', 'text')
          .addColumn('at', ts)
          .addColumn('at_original', 'text', (c) => c.notNull())
          .addColumn('at_zone', 'text', (c) => c.notNull())
          .addColumn('duration_s', 'integer')
          .addColumn('video', 'integer', (c) => c.notNull()),
      ).execute();
      await where(
        record('device_chats')
          .addColumn('chat_key', 'text', (c) => c.notNull())
          .addColumn('is_group', 'integer', (c) => c.notNull())
          .addColumn('subject', 'text')
          // [{raw, e164, name}]
          .addColumn('participants', 'text', (c) => c.notNull())
          .addColumn('created_at', ts),
      ).execute();
      await where(
        record('device_messages')
          .addColumn('chat_key', 'text')
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('sender', 'text')
          .addColumn('sender_e164', 'text')
          .addColumn('at', ts)
          .addColumn('at_original', 'text', (c) => c.notNull())
          .addColumn('at_zone', 'text', (c) => c.notNull())
          .addColumn('text', 'text')
          // [{fileName, mimeType, bytes}] or null
          .addColumn('attachments', 'text'),
      ).execute();
      await where(
        record('device_accounts')
          .addColumn('identifier', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text'),
      ).execute();
      for (const table of ['device_contacts', 'device_calls', 'device_chats', 'device_accounts'])
        await db.schema.createIndex(`${table}_import`).on(table).column('import_seq').execute();
      // Messages are found by import and chat (this index also serves import alone).
      await db.schema
        .createIndex('device_messages_chat')
        .on('device_messages')
        .columns(['import_seq', 'chat_key'])
        .execute();

      // Every E.164 number a device shows, where (contact, call, chat, message, owner): the key for
      // "this number is also in ads" and for linking devices to each other.
      await db.schema
        .createTable('device_numbers')
        .addColumn('import_seq', 'integer', (c) => c.notNull().references('device_imports.seq'))
        .addColumn('e164', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_numbers_pk', ['import_seq', 'e164', 'role'])
        .execute();
      await db.schema
        .createIndex('device_numbers_e164')
        .on('device_numbers')
        .column('e164')
        .execute();

      // Full-text search over message texts: FTS5 (external content) on SQLite, a generated
      // tsvector with a GIN index on PostgreSQL. Messages are only inserted and deleted whole.
      if (dialect === 'postgres') {
        // Accents folded as SQLite's remove_diacritics does for these letters (Spanish,
        // Portuguese, Dutch), so "manana" finds "mañana" on both databases.
        await sql`alter table device_messages add column search_vector tsvector
          generated always as (to_tsvector('simple', translate(lower(coalesce(text, '')),
            'áàâäãåéèêëíìîïóòôöõúùûüñçý', 'aaaaaaeeeeiiiiooooouuuuncy'))) stored`.execute(db);
        await sql`create index device_messages_search on device_messages using gin (search_vector)`.execute(
          db,
        );
      } else {
        await sql`create virtual table device_messages_fts using fts5(text, content='device_messages',
          content_rowid='seq', tokenize='unicode61 remove_diacritics 2', detail='none', columnsize=0)`.execute(
          db,
        );

        await sql`create trigger device_messages_fts_delete after delete on device_messages
          when old.text is not null begin
          insert into device_messages_fts(device_messages_fts, rowid, text) values ('delete', old.seq, old.text); end`.execute(
          db,
        );
      }
    },
  };
}
