import { sql, type Kysely, type Selectable } from 'kysely';
import { chunks } from './ads.js';
import type { BulkWriter } from './bulk.js';
import type {
  AdAssessmentsTable,
  Database,
  NetworkAssessmentsTable,
  ReviewsTable,
  RiskModelsTable,
} from './schema.js';

/**
 * Risk models (versions, which one is active) and the assessments of ads and networks under them.
 */

export type RiskModelRow = Selectable<RiskModelsTable>;

/** An ad's latest capture, as the assessment reads it. */
export interface LatestCaptureRow {
  ad_seq: number;
  ad_id: string;
  police_unit: string | null;
  raw: string;
  extracted: string;
}

export class AssessRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bulk: BulkWriter,
  ) {}

  async models(): Promise<RiskModelRow[]> {
    return this.db.selectFrom('risk_models').selectAll().orderBy('created_at').execute();
  }

  async model(version: string): Promise<RiskModelRow | undefined> {
    return this.db
      .selectFrom('risk_models')
      .selectAll()
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** The model activated last, if any. */
  async activeModel(): Promise<RiskModelRow | undefined> {
    return this.db
      .selectFrom('risk_models')
      .selectAll()
      .where('activated_at', 'is not', null)
      .orderBy('activated_at', 'desc')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async addModel(row: RiskModelsTable): Promise<void> {
    await this.db.insertInto('risk_models').values(row).execute();
  }

  async activate(version: string, by: string, at: string): Promise<void> {
    await this.db
      .updateTable('risk_models')
      .set({ activated_at: at, activated_by: by })
      .where('version', '=', version)
      .execute();
  }

  /** How many ads have an assessment. */
  async countAds(): Promise<number> {
    const row = await this.db
      .selectFrom('ad_assessments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Police unit and hourly price of every ad that has both (for regional medians). */
  async prices(): Promise<{ unit: string; price: number }[]> {
    const rows = await this.db
      .selectFrom('ads')
      .select(['police_unit', 'price_eur_per_hour'])
      .where('police_unit', 'is not', null)
      .where('price_eur_per_hour', 'is not', null)
      .execute();
    return rows.map((r) => ({ unit: r.police_unit!, price: Number(r.price_eur_per_hour) }));
  }

  /** Every ad's latest capture, in sequence order, a page at a time. */
  async *latestCaptures(pageSize = 2000): AsyncGenerator<LatestCaptureRow[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('ads')
        .innerJoin('captures', (j) =>
          j
            .onRef('captures.ad_seq', '=', 'ads.seq')
            .onRef('captures.id', '=', 'ads.latest_capture_id'),
        )
        .select([
          'ads.seq as ad_seq',
          'ads.id as ad_id',
          'ads.police_unit',
          'captures.raw',
          'captures.extracted',
        ])
        .where('ads.seq', '>', after)
        .orderBy('ads.seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      const page = rows.map((r) => ({ ...r, ad_seq: Number(r.ad_seq) }));
      yield page;
      after = page[page.length - 1]!.ad_seq;
    }
  }

  /** Replaces the assessments of the given ads. Call inside a transaction. */
  async putAds(rows: readonly AdAssessmentsTable[]): Promise<void> {
    for (const part of chunks(rows.map((r) => r.ad_seq)))
      await this.db.deleteFrom('ad_assessments').where('ad_seq', 'in', part).execute();
    await this.bulk.insert(
      'ad_assessments',
      rows.map((r) => ({ ...r })),
    );
  }

  async adAssessments(
    seqs: readonly number[],
  ): Promise<Map<number, Selectable<AdAssessmentsTable>>> {
    const out = new Map<number, Selectable<AdAssessmentsTable>>();
    for (const part of chunks(seqs))
      for (const r of await this.db
        .selectFrom('ad_assessments')
        .selectAll()
        .where('ad_seq', 'in', part)
        .execute())
        out.set(Number(r.ad_seq), r);
    return out;
  }

  /** Replaces every network assessment (networks are rewritten by linking). Call in a transaction. */
  async replaceNetworks(rows: readonly NetworkAssessmentsTable[]): Promise<void> {
    await this.db.deleteFrom('network_assessments').execute();
    for (const part of chunks(rows, 1000))
      await this.bulk.insert(
        'network_assessments',
        part.map((r) => ({ ...r })),
      );
  }

  async networkAssessments(
    ids: readonly string[],
  ): Promise<Map<string, Selectable<NetworkAssessmentsTable>>> {
    const out = new Map<string, Selectable<NetworkAssessmentsTable>>();
    for (const part of chunks(ids))
      for (const r of await this.db
        .selectFrom('network_assessments')
        .selectAll()
        .where('network_id', 'in', part)
        .execute())
        out.set(r.network_id, r);
    return out;
  }

  async addReview(row: Omit<ReviewsTable, 'seq'>): Promise<void> {
    await this.db.insertInto('reviews').values(row).execute();
  }

  /** The latest review of each target (by type and id). */
  async latestReviews(
    type: 'ad' | 'network',
    ids: readonly string[],
  ): Promise<Map<string, Selectable<ReviewsTable>>> {
    const out = new Map<string, Selectable<ReviewsTable>>();
    for (const part of chunks(ids))
      for (const r of await this.db
        .selectFrom('reviews')
        .selectAll()
        .where('target_type', '=', type)
        .where('target_id', 'in', part)
        .orderBy('seq')
        .execute())
        out.set(r.target_id, r);
    return out;
  }

  /** Ids of targets whose latest review exists (any status). */
  private reviewed(type: 'ad' | 'network') {
    return this.db.selectFrom('reviews').select('target_id').where('target_type', '=', type);
  }

  /** Ads by risk, highest first, with filters. */
  async adQueue(
    q: QueueFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: AdQueueRow[] }> {
    let query = this.db
      .selectFrom('ad_assessments')
      .innerJoin('ads', 'ads.seq', 'ad_assessments.ad_seq')
      .leftJoin('network_members', 'network_members.ad_seq', 'ads.seq');
    if (q.unit) query = query.where('ads.police_unit', '=', q.unit);
    if (q.municipality) query = query.where('ads.municipality_code', '=', q.municipality);
    if (q.source) query = query.where('ads.source', '=', q.source);
    if (q.from) query = query.where('ads.last_seen', '>=', q.from);
    if (q.to) query = query.where('ads.first_seen', '<=', q.to);
    if (q.indicator)
      query = query.where('ad_assessments.hits', 'like', `%"code":"${q.indicator}"%`);
    if (q.reviewed === true) query = query.where('ads.id', 'in', this.reviewed('ad'));
    if (q.reviewed === false) query = query.where('ads.id', 'not in', this.reviewed('ad'));
    const { total } = await query
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .select([
        'ads.id',
        'ads.title',
        'ads.name',
        'ads.source',
        'ads.police_unit',
        'ads.municipality_code',
        'ads.last_seen',
        'network_members.network_id',
        'ad_assessments.risk',
        'ad_assessments.model',
        'ad_assessments.contributions',
      ])
      .orderBy('ad_assessments.risk', 'desc')
      .orderBy('ads.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { total: Number(total), rows };
  }

  /** Networks by risk, highest first, with filters. */
  async networkQueue(
    q: QueueFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: NetworkQueueRow[] }> {
    let query = this.db
      .selectFrom('network_assessments')
      .innerJoin('networks', 'networks.id', 'network_assessments.network_id');
    if (q.unit)
      query = query.where('networks.id', 'in', (eb) =>
        eb.selectFrom('network_units').select('network_id').where('police_unit', '=', q.unit!),
      );
    if (q.from) query = query.where('networks.last_seen', '>=', q.from);
    if (q.to) query = query.where('networks.first_seen', '<=', q.to);
    if (q.indicator)
      query = query.where(contains('network_assessments.contributions', q.indicator));
    if (q.reviewed === true) query = query.where('networks.id', 'in', this.reviewed('network'));
    if (q.reviewed === false)
      query = query.where('networks.id', 'not in', this.reviewed('network'));
    const { total } = await query
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .select([
        'networks.id',
        'networks.ads',
        'networks.police_units',
        'networks.first_seen',
        'networks.last_seen',
        'network_assessments.risk',
        'network_assessments.model',
        'network_assessments.contributions',
      ])
      .orderBy('network_assessments.risk', 'desc')
      .orderBy('networks.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { total: Number(total), rows };
  }

  /** Every ad's risk with its police unit and stated origins, for the fairness check. */
  async *risks(
    pageSize = 5000,
  ): AsyncGenerator<{ unit: string | null; origins: string; risk: number }[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('ad_assessments')
        .innerJoin('ads', 'ads.seq', 'ad_assessments.ad_seq')
        .select([
          'ad_assessments.ad_seq',
          'ads.police_unit',
          'ad_assessments.origins',
          'ad_assessments.risk',
        ])
        .where('ad_assessments.ad_seq', '>', after)
        .orderBy('ad_assessments.ad_seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ unit: r.police_unit, origins: r.origins, risk: Number(r.risk) }));
      after = Number(rows[rows.length - 1]!.ad_seq);
    }
  }
}

/** `column` (JSON text of contributions) names indicator `code`; `_` and `%` match themselves. */
function contains(column: string, code: string) {
  const pattern = `%"code":"${code.replace(/[\\%_]/g, (c) => `\\${c}`)}"%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

export interface QueueFilter {
  unit?: string;
  municipality?: string;
  source?: string;
  from?: string;
  to?: string;
  indicator?: string;
  reviewed?: boolean;
}

export interface AdQueueRow {
  id: string;
  title: string | null;
  name: string | null;
  source: string;
  police_unit: string | null;
  municipality_code: string | null;
  last_seen: string;
  network_id: string | null;
  risk: number;
  model: string;
  contributions: string;
}

export interface NetworkQueueRow {
  id: string;
  ads: number;
  police_units: string;
  first_seen: string;
  last_seen: string;
  risk: number;
  model: string;
  contributions: string;
}
