import { addTo } from '../util/multimap.js';
import type { Kysely, Selectable } from 'kysely';
import type { NetworkListQuery } from '../model/networks.js';
import { chunks } from './ads.js';
import type { BulkWriter } from './bulk.js';
import type { Database, LinkEdgesTable, LinkRunsTable, NetworksTable } from './schema.js';

/**
 * Networks as linking last left them: one row per network (two or more ads), its members, its
 * police units, every evidence edge between its ads, and where ids that disappeared lead now.
 * Written whole per network: a network that changed is deleted and written again.
 */

export type NetworkRow = Selectable<NetworksTable>;
export type LinkEdgeRow = Selectable<LinkEdgesTable>;

/** A network as written: its row, the ads (by sequence number) and the edges between them. */
export interface NetworkWrite {
  row: NetworksTable;
  units: string[];
  members: number[];
  edges: Omit<LinkEdgesTable, 'network_id'>[];
}

/** One capture as linking reads it. */
export interface LinkCaptureRow {
  seq: number;
  ad_seq: number;
  ad_id: string;
  captured_at: string;
  raw: string;
  extracted: string;
}

export class NetworksRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bulk: BulkWriter,
  ) {}

  async startRun(run: LinkRunsTable): Promise<void> {
    await this.db.insertInto('link_runs').values(run).execute();
  }

  async finishRun(id: string, status: string, stats: object, at: string): Promise<void> {
    await this.db
      .updateTable('link_runs')
      .set({ status, stats: JSON.stringify(stats), finished_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** The run that finished having linked the most captures (the latest). */
  async lastRun(): Promise<Selectable<LinkRunsTable> | undefined> {
    return (
      this.db
        .selectFrom('link_runs')
        .selectAll()
        .where('status', '=', 'done')
        // By what it linked, not by the clock: two runs can finish within one clock tick.
        .orderBy('max_capture_seq', 'desc')
        .orderBy('finished_at', 'desc')
        .limit(1)
        .executeTakeFirst()
    );
  }

  async maxCaptureSeq(): Promise<number> {
    const row = await this.db
      .selectFrom('captures')
      .select((eb) => eb.fn.max('seq').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /** Captures with `after < seq ≤ upTo`, in sequence order, a page at a time. */
  async *captures(after: number, upTo: number, pageSize = 2000): AsyncGenerator<LinkCaptureRow[]> {
    let from = after;
    for (;;) {
      const rows = await this.db
        .selectFrom('captures')
        .innerJoin('ads', 'ads.seq', 'captures.ad_seq')
        .select([
          'captures.seq',
          'captures.ad_seq',
          'ads.id as ad_id',
          'captures.captured_at',
          'captures.raw',
          'captures.extracted',
        ])
        .where('captures.seq', '>', from)
        .where('captures.seq', '<=', upTo)
        .orderBy('captures.seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      const page = rows.map((r) => ({ ...r, seq: Number(r.seq), ad_seq: Number(r.ad_seq) }));
      yield page;
      from = page[page.length - 1]!.seq;
    }
  }

  /** Sequence numbers of ads by public id. */
  async adSeqs(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(ids))
      for (const r of await this.db
        .selectFrom('ads')
        .select(['id', 'seq'])
        .where('id', 'in', part)
        .execute())
        out.set(r.id, Number(r.seq));
    return out;
  }

  /** Public ids of ads by sequence number. */
  async adIds(seqs: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const part of chunks(seqs))
      for (const r of await this.db
        .selectFrom('ads')
        .select(['id', 'seq'])
        .where('seq', 'in', part)
        .execute())
        out.set(Number(r.seq), r.id);
    return out;
  }

  async counts(): Promise<{ networks: number; members: number }> {
    const n = await this.db
      .selectFrom('networks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const m = await this.db
      .selectFrom('network_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { networks: Number(n.n), members: Number(m.n) };
  }

  /** Ids of every network now stored. */
  async ids(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('networks').select('id').execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Replaces networks: deletes `remove` (ids) and every network about to be written, then writes
   * `write`. Call inside a transaction.
   */
  async replace(remove: Iterable<string>, write: readonly NetworkWrite[]): Promise<void> {
    const gone = [...new Set([...remove, ...write.map((w) => w.row.id)])];
    for (const part of chunks(gone)) {
      await this.db.deleteFrom('link_edges').where('network_id', 'in', part).execute();
      await this.db.deleteFrom('network_members').where('network_id', 'in', part).execute();
      await this.db.deleteFrom('network_units').where('network_id', 'in', part).execute();
      await this.db.deleteFrom('networks').where('id', 'in', part).execute();
    }
    // An ad moving from a network that stays (written again) into another must leave the old one
    // first; every written network's members were deleted above with it.
    await this.bulk.insert(
      'networks',
      write.map((w) => ({ ...w.row })),
    );
    await this.bulk.insert(
      'network_units',
      write.flatMap((w) => w.units.map((u) => ({ network_id: w.row.id, police_unit: u }))),
    );
    await this.bulk.insert(
      'network_members',
      write.flatMap((w) => w.members.map((m) => ({ ad_seq: m, network_id: w.row.id }))),
    );
    await this.bulk.insert(
      'link_edges',
      write.flatMap((w) => w.edges.map((e) => ({ network_id: w.row.id, ...e }))),
    );
  }

  /** Deletes every network (a full run writes them all again). Call inside a transaction. */
  async clear(): Promise<void> {
    await this.db.deleteFrom('link_edges').execute();
    await this.db.deleteFrom('network_members').execute();
    await this.db.deleteFrom('network_units').execute();
    await this.db.deleteFrom('networks').execute();
  }

  private filtered(q: NetworkListQuery, adSeq: number | null, phone: string | null) {
    let query = this.db.selectFrom('networks').where('ads', '>=', q.minAds ?? 2);
    if (q.minUnits !== undefined) query = query.where('unit_count', '>=', q.minUnits);
    if (q.unit)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('network_units')
            .select('network_units.network_id')
            .whereRef('network_units.network_id', '=', 'networks.id')
            .where('network_units.police_unit', '=', q.unit!),
        ),
      );
    if (q.q !== undefined) {
      const text = q.q;
      query = query.where((eb) =>
        eb.or([
          eb('networks.id', '=', text),
          eb.exists(
            eb
              .selectFrom('network_members')
              .select('network_members.network_id')
              .whereRef('network_members.network_id', '=', 'networks.id')
              .where('network_members.ad_seq', '=', adSeq ?? -1),
          ),
          eb.exists(
            eb
              .selectFrom('network_members')
              .innerJoin('ad_identifiers', 'ad_identifiers.ad_seq', 'network_members.ad_seq')
              .select('network_members.network_id')
              .whereRef('network_members.network_id', '=', 'networks.id')
              .where('ad_identifiers.kind', '=', 'phone')
              .where('ad_identifiers.value', '=', phone ?? ''),
          ),
        ]),
      );
    }
    return query;
  }

  /**
   * Networks matching the query. `q` is a network id, an ad id or a phone number; the caller
   * normalises the number (E.164) and passes it as `phone`.
   */
  async list(
    q: NetworkListQuery,
    phone: string | null = null,
  ): Promise<{ total: number; rows: NetworkRow[] }> {
    const adSeq = q.q ? ((await this.adSeqs([q.q])).get(q.q) ?? null) : null;
    const { total } = await this.filtered(q, adSeq, phone)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const order = {
      ads: 'ads',
      units: 'unit_count',
      lastSeen: 'last_seen',
      firstSeen: 'first_seen',
    } as const;
    const column = order[q.sort ?? 'ads'];
    const rows = await this.filtered(q, adSeq, phone)
      .selectAll('networks')
      .orderBy(column, column === 'first_seen' ? 'asc' : 'desc')
      .orderBy('id')
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute();
    return { total: Number(total), rows };
  }

  /**
   * A network by id. An id that has gone (its network merged into one with a smaller member, or
   * split) still leads somewhere: `net-X` is named after ad X, so it leads to X's network now.
   */
  async get(id: string): Promise<NetworkRow | undefined> {
    const row = await this.db
      .selectFrom('networks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row || !id.startsWith('net-')) return row;
    return this.db
      .selectFrom('networks')
      .innerJoin('network_members', 'network_members.network_id', 'networks.id')
      .innerJoin('ads', 'ads.seq', 'network_members.ad_seq')
      .selectAll('networks')
      .where('ads.id', '=', id.slice(4))
      .executeTakeFirst();
  }

  /** Members (ad sequence numbers, ascending) of the given networks. */
  async members(networkIds: readonly string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    for (const part of chunks(networkIds))
      for (const r of await this.db
        .selectFrom('network_members')
        .select(['network_id', 'ad_seq'])
        .where('network_id', 'in', part)
        .orderBy('ad_seq')
        .execute())
        addTo(out, r.network_id, Number(r.ad_seq));
    return out;
  }

  async memberSeqs(networkId: string): Promise<number[]> {
    return (await this.members([networkId])).get(networkId) ?? [];
  }

  async edges(networkId: string): Promise<LinkEdgeRow[]> {
    return (await this.edgesOf([networkId])).get(networkId) ?? [];
  }

  /** Evidence edges of the given networks. */
  async edgesOf(networkIds: readonly string[]): Promise<Map<string, LinkEdgeRow[]>> {
    const out = new Map<string, LinkEdgeRow[]>();
    for (const part of chunks(networkIds))
      for (const r of await this.db
        .selectFrom('link_edges')
        .selectAll()
        .where('network_id', 'in', part)
        .execute())
        addTo(out, r.network_id, r);
    return out;
  }

  /** Network id per ad sequence number (ads in no network are absent). */
  async networkOf(adSeqs: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const part of chunks(adSeqs))
      for (const r of await this.db
        .selectFrom('network_members')
        .select(['ad_seq', 'network_id'])
        .where('ad_seq', 'in', part)
        .execute())
        out.set(Number(r.ad_seq), r.network_id);
    return out;
  }

  /** Network sizes by id. */
  async sizes(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(ids))
      for (const r of await this.db
        .selectFrom('networks')
        .select(['id', 'ads'])
        .where('id', 'in', part)
        .execute())
        out.set(r.id, Number(r.ads));
    return out;
  }

  /** Every network in id order, a page at a time. */
  async *all(pageSize = 500): AsyncGenerator<NetworkRow[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('networks')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.id;
    }
  }
}
