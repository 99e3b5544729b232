import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { addTo } from '../util/multimap.js';
import type { BulkWriter } from './bulk.js';
import type { Dialect } from './dialect.js';
import { chunks, searchWords } from './ads.js';
import type {
  CustodyEventsTable,
  Database,
  DeviceAccountsTable,
  DeviceCallsTable,
  DeviceChatsTable,
  DeviceContactsTable,
  DeviceImportsTable,
  DeviceMessagesTable,
  EvidenceItemsTable,
} from './schema.js';

/**
 * Evidence items, their chain of custody, device imports and the records read from them. Records
 * are only ever inserted and deleted per import (an interrupted import is deleted and redone).
 */

export type EvidenceItemRow = Selectable<EvidenceItemsTable>;
export type CustodyEventRow = Selectable<CustodyEventsTable>;
export type DeviceImportRow = Selectable<DeviceImportsTable>;
export type DeviceContactRow = Selectable<DeviceContactsTable>;
export type DeviceCallRow = Selectable<DeviceCallsTable>;
export type DeviceChatRow = Selectable<DeviceChatsTable>;
export type DeviceMessageRow = Selectable<DeviceMessagesTable>;
export type DeviceAccountRow = Selectable<DeviceAccountsTable>;

export const RECORD_TABLES = {
  contact: 'device_contacts',
  call: 'device_calls',
  chat: 'device_chats',
  message: 'device_messages',
  account: 'device_accounts',
} as const;
export type RecordKind = keyof typeof RECORD_TABLES;

type Row = Record<string, string | number | null>;

export class DevicesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly bulk: BulkWriter,
  ) {}

  // --- items and custody -----------------------------------------------------------------------

  async item(id: string): Promise<EvidenceItemRow | undefined> {
    return this.db.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async createItem(row: EvidenceItemsTable): Promise<void> {
    await this.db.insertInto('evidence_items').values(row).execute();
  }

  /** Items of the investigations given, newest first. */
  async items(investigationIds: readonly string[]): Promise<EvidenceItemRow[]> {
    if (investigationIds.length === 0) return [];
    return this.db
      .selectFrom('evidence_items')
      .selectAll()
      .where('investigation_id', 'in', investigationIds)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  async addCustody(row: Insertable<CustodyEventsTable>): Promise<void> {
    await this.db.insertInto('custody_events').values(row).execute();
  }

  async custody(itemId: string): Promise<CustodyEventRow[]> {
    return this.db
      .selectFrom('custody_events')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('seq')
      .execute();
  }

  // --- imports ---------------------------------------------------------------------------------

  async startImport(row: Insertable<DeviceImportsTable>): Promise<number> {
    const r = await this.db
      .insertInto('device_imports')
      .values(row)
      .returning('seq')
      .executeTakeFirstOrThrow();
    return Number(r.seq);
  }

  async finishImport(
    seq: number,
    done: Pick<DeviceImportsTable, 'counts' | 'owner' | 'warnings' | 'files' | 'finished_at'>,
  ): Promise<void> {
    await this.db
      .updateTable('device_imports')
      .set({ ...done, status: 'complete' })
      .where('seq', '=', seq)
      .execute();
  }

  /** Imports of the same extraction of an item (same fingerprint), complete or interrupted. */
  async importsByFingerprint(itemId: string, fingerprint: string): Promise<DeviceImportRow[]> {
    return this.db
      .selectFrom('device_imports')
      .selectAll()
      .where('item_id', '=', itemId)
      .where('fingerprint', '=', fingerprint)
      .orderBy('seq')
      .execute();
  }

  async imports(itemIds: readonly string[]): Promise<DeviceImportRow[]> {
    if (itemIds.length === 0) return [];
    return this.db
      .selectFrom('device_imports')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('seq')
      .execute();
  }

  /** Removes an import and everything read in it (an interrupted import, before it is redone). */
  async deleteImport(seq: number): Promise<void> {
    for (const table of [
      ...Object.values(RECORD_TABLES),
      'device_numbers',
      'device_sources',
    ] as const)
      await this.db.deleteFrom(table).where('import_seq', '=', seq).execute();
    await this.db.deleteFrom('device_imports').where('seq', '=', seq).execute();
  }

  // --- records ---------------------------------------------------------------------------------

  /** Rows of one kind as a flat array of values in the order of `columns`. */
  async insertRecords(
    kind: RecordKind,
    columns: readonly string[],
    values: readonly (string | number | null)[],
  ): Promise<void> {
    await this.bulk.insertValues(RECORD_TABLES[kind], columns, values);
  }

  /**
   * Indexes the texts of an import's messages for search (SQLite; PostgreSQL keeps a generated
   * column). In rowid order from the import's first message: `+import_seq` keeps SQLite off the
   * (import, chat, time) index, whose order would visit the rows at random (3.6 s → 1.6 s for a
   * million messages).
   */
  async indexMessages(importSeq: number): Promise<void> {
    if (this.dialect !== 'sqlite') return;
    const first = await this.db
      .selectFrom('device_messages')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('import_seq', '=', importSeq)
      .executeTakeFirst();
    if (first?.seq == null) return;
    await sql`insert into device_messages_fts(rowid, text)
      select seq, text from device_messages
      where seq >= ${first.seq} and +import_seq = ${importSeq} and text is not null`.execute(
      this.db,
    );
  }

  async insertSources(
    importSeq: number,
    sources: readonly { id: number; file: string; table: string | null }[],
  ): Promise<void> {
    for (const part of chunks([...sources]))
      await this.bulk.insert(
        'device_sources',
        part.map((x) => ({ import_seq: importSeq, id: x.id, file: x.file, table_name: x.table })),
      );
  }

  /** Import → source number → where it is, for the imports given. */
  async sources(
    importSeqs: readonly number[],
  ): Promise<Map<number, Map<number, { file: string; table: string | null }>>> {
    const out = new Map<number, Map<number, { file: string; table: string | null }>>();
    if (importSeqs.length === 0) return out;
    const rows = await this.db
      .selectFrom('device_sources')
      .selectAll()
      .where('import_seq', 'in', importSeqs)
      .execute();
    for (const r of rows) {
      const m = out.get(r.import_seq) ?? new Map<number, { file: string; table: string | null }>();
      m.set(r.id, { file: r.file, table: r.table_name });
      out.set(r.import_seq, m);
    }
    return out;
  }

  async insertNumbers(rows: { import_seq: number; e164: string; role: string; count: number }[]) {
    for (const part of chunks(rows)) await this.bulk.insert('device_numbers', part);
  }

  async contacts(importSeq: number): Promise<DeviceContactRow[]> {
    return this.db
      .selectFrom('device_contacts')
      .selectAll()
      .where('import_seq', '=', importSeq)
      .orderBy('name')
      .orderBy('seq')
      .execute();
  }

  async calls(importSeq: number): Promise<DeviceCallRow[]> {
    return this.db
      .selectFrom('device_calls')
      .selectAll()
      .where('import_seq', '=', importSeq)
      .orderBy('at')
      .orderBy('seq')
      .execute();
  }

  async chats(
    importSeq: number,
  ): Promise<(DeviceChatRow & { messages: number; last: string | null })[]> {
    const chats = await this.db
      .selectFrom('device_chats')
      .selectAll()
      .where('import_seq', '=', importSeq)
      .orderBy('seq')
      .execute();
    const stats = await this.db
      .selectFrom('device_messages')
      .select(['app', 'chat_key'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
      .where('import_seq', '=', importSeq)
      .groupBy(['app', 'chat_key'])
      .execute();
    const by = new Map(stats.map((s) => [`${s.app}|${s.chat_key}`, s]));
    return chats.map((c) => {
      const s = by.get(`${c.app}|${c.chat_key}`);
      return { ...c, messages: Number(s?.n ?? 0), last: s?.last ?? null };
    });
  }

  async accounts(importSeq: number): Promise<DeviceAccountRow[]> {
    return this.db
      .selectFrom('device_accounts')
      .selectAll()
      .where('import_seq', '=', importSeq)
      .orderBy('seq')
      .execute();
  }

  /** Messages of one chat (or of the whole import), in time order, a page at a time. */
  async messages(
    importSeq: number,
    opts: { app?: string; chatKey?: string; offset: number; limit: number },
  ): Promise<DeviceMessageRow[]> {
    let q = this.db.selectFrom('device_messages').selectAll().where('import_seq', '=', importSeq);
    if (opts.app !== undefined) q = q.where('app', '=', opts.app);
    if (opts.chatKey !== undefined) q = q.where('chat_key', '=', opts.chatKey);
    return q.orderBy('at').orderBy('seq').offset(opts.offset).limit(opts.limit).execute();
  }

  /** Messages of the imports given whose text holds every word (as a word or its start). */
  async searchMessages(
    importSeqs: readonly number[],
    q: string,
    limit: number,
  ): Promise<DeviceMessageRow[]> {
    const words = searchWords(q);
    if (words.length === 0 || importSeqs.length === 0) return [];
    const match =
      this.dialect === 'postgres'
        ? sql<boolean>`device_messages.search_vector @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`
        : sql<boolean>`device_messages.seq in (select rowid from device_messages_fts where device_messages_fts match ${words.map((w) => `"${w}"*`).join(' ')})`;
    return this.db
      .selectFrom('device_messages')
      .selectAll()
      .where('import_seq', 'in', importSeqs)
      .where(match)
      .orderBy('at')
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** Records of one kind of an import in insertion order, after `afterSeq`: for exports. */
  async recordPage(
    kind: RecordKind,
    importSeq: number,
    afterSeq: number,
    limit: number,
  ): Promise<Row[]> {
    return (await this.db
      .selectFrom(RECORD_TABLES[kind])
      .selectAll()
      .where('import_seq', '=', importSeq)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute()) as unknown as Row[];
  }

  async numbers(importSeq: number): Promise<{ e164: string; role: string; count: number }[]> {
    return this.db
      .selectFrom('device_numbers')
      .select(['e164', 'role', 'count'])
      .where('import_seq', '=', importSeq)
      .orderBy('e164')
      .execute();
  }

  /** Which of these numbers appear in ads, with the ads' ids. */
  async numbersInAds(e164s: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunks([...new Set(e164s)])) {
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('ad_identifiers')
        .innerJoin('ads', 'ads.seq', 'ad_identifiers.ad_seq')
        .select(['ad_identifiers.value', 'ads.id'])
        .where('ad_identifiers.kind', '=', 'phone')
        .where('ad_identifiers.value', 'in', part)
        .orderBy('ads.id')
        .execute();
      for (const r of rows) addTo(out, r.value, r.id);
    }
    return out;
  }
}
