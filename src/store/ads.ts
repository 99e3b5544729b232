import { sql, type Kysely } from 'kysely';
import type { BulkWriter } from './bulk.js';
import type { Dialect } from './dialect.js';
import type {
  AdIdentifiersTable,
  AdsTable,
  CaptureImagesTable,
  CapturesTable,
  Database,
  ImagesTable,
  ImportProblemsTable,
  ImportRunsTable,
} from './schema.js';

/** The current state of an ad as the latest capture shows it; stored on the ad row. */
export type AdState = Omit<
  AdsTable,
  'id' | 'source' | 'source_id' | 'first_seen' | 'last_seen' | 'captures' | 'latest_capture_id'
>;

/** One capture ready to store: the row, the ad it belongs to, and what it adds to that ad. */
export interface PreparedCapture {
  capture: CapturesTable;
  ad: { id: string; source: string; sourceId: string; state: AdState };
  identifiers: { kind: string; value: string }[];
  images: Omit<CaptureImagesTable, 'capture_id'>[];
}

export interface AdFilter {
  q?: string;
  source?: string;
  policeUnit?: string;
  municipalityCode?: string;
  /** Seen on or after (ISO). */
  from?: string;
  /** Seen on or before (ISO). */
  to?: string;
  /** E.164. */
  phone?: string;
}

export type AdRow = AdsTable;

// Rows per multi-row insert: under PostgreSQL's 65,535 bound parameters and SQLite's 32,766.
const CHUNK = 400;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The words of a search, reduced to letters and digits so no query syntax gets through. */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
}

/** Ads, their captures, identifiers and photos, and the bookkeeping of imports. */
export class AdsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly bulk: BulkWriter,
  ) {}

  // --- imports ---------------------------------------------------------------------------------

  async startRun(run: ImportRunsTable): Promise<void> {
    await this.db.insertInto('import_runs').values(run).execute();
  }

  async finishRun(id: string, status: string, stats: object, at: string): Promise<void> {
    await this.db
      .updateTable('import_runs')
      .set({ status, stats: JSON.stringify(stats), finished_at: at })
      .where('id', '=', id)
      .execute();
  }

  async addProblems(rows: ImportProblemsTable[]): Promise<void> {
    for (const part of chunks(rows))
      await this.db.insertInto('import_problems').values(part).execute();
  }

  async problems(runId: string, limit = 1000): Promise<ImportProblemsTable[]> {
    return this.db
      .selectFrom('import_problems')
      .selectAll()
      .where('import_run_id', '=', runId)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async run(id: string): Promise<ImportRunsTable | undefined> {
    return this.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async fileCompleted(sha256: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('import_files')
      .select('sha256')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row !== undefined;
  }

  async markFileCompleted(row: Database['import_files']): Promise<void> {
    await this.db
      .insertInto('import_files')
      .values(row)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  // --- photos ----------------------------------------------------------------------------------

  async knownImages(sha256s: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const part of chunks([...new Set(sha256s)], 1000)) {
      const rows = await this.db
        .selectFrom('images')
        .select('sha256')
        .where('sha256', 'in', part)
        .execute();
      for (const r of rows) known.add(r.sha256);
    }
    return known;
  }

  async addImages(rows: ImagesTable[]): Promise<void> {
    for (const part of chunks(rows))
      await this.db
        .insertInto('images')
        .values(part)
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
  }

  async image(sha256: string): Promise<ImagesTable | undefined> {
    return this.db.selectFrom('images').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  }

  // --- captures --------------------------------------------------------------------------------

  /**
   * Stores a batch of captures; captures already stored (same SHA-256) are skipped, so a re-run
   * adds nothing. Call inside a transaction. Returns how many were new.
   */
  async addCaptures(batch: PreparedCapture[]): Promise<{ added: number; duplicates: number }> {
    const unique = new Map<string, PreparedCapture>();
    for (const p of batch) if (!unique.has(p.capture.id)) unique.set(p.capture.id, p);
    const stored = await this.bulk.existing('captures', 'id', [...unique.keys()]);
    const fresh = [...unique.values()].filter((p) => !stored.has(p.capture.id));
    if (fresh.length === 0) return { added: 0, duplicates: batch.length };

    await this.mergeAds(fresh);
    await this.bulk.insert(
      'captures',
      fresh.map((p) => ({ ...p.capture })),
    );
    await this.mergeIdentifiers(fresh);
    await this.bulk.insert(
      'capture_images',
      fresh.flatMap((p) => p.images.map((im) => ({ capture_id: p.capture.id, ...im }))),
    );
    return { added: fresh.length, duplicates: batch.length - fresh.length };
  }

  /** Creates new ads and moves existing ones on: first/last seen, count, the latest state. */
  private async mergeAds(fresh: PreparedCapture[]): Promise<void> {
    const byAd = new Map<string, PreparedCapture[]>();
    for (const p of fresh) {
      const list = byAd.get(p.ad.id);
      if (list) list.push(p);
      else byAd.set(p.ad.id, [p]);
    }
    const known = await this.bulk.existing('ads', 'id', [...byAd.keys()]);
    const existing = new Map<string, Pick<AdsTable, 'first_seen' | 'last_seen' | 'captures'>>();
    for (const part of chunks([...known], 1000)) {
      const rows = await this.db
        .selectFrom('ads')
        .select(['id', 'first_seen', 'last_seen', 'captures'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) existing.set(r.id, r);
    }
    const inserts: AdsTable[] = [];
    for (const [id, captures] of byAd) {
      // The latest capture decides the state; on equal times the one imported last wins.
      let latest = captures[0]!;
      let first = latest.capture.captured_at;
      for (const p of captures) {
        if (p.capture.captured_at >= latest.capture.captured_at) latest = p;
        if (p.capture.captured_at < first) first = p.capture.captured_at;
      }
      const last = latest.capture.captured_at;
      const was = existing.get(id);
      if (!was) {
        inserts.push({
          id,
          source: latest.ad.source,
          source_id: latest.ad.sourceId,
          first_seen: first,
          last_seen: last,
          captures: captures.length,
          latest_capture_id: latest.capture.id,
          ...latest.ad.state,
        });
        continue;
      }
      const newer = last >= was.last_seen;
      await this.db
        .updateTable('ads')
        .set({
          first_seen: first < was.first_seen ? first : was.first_seen,
          captures: Number(was.captures) + captures.length,
          ...(newer
            ? { last_seen: last, latest_capture_id: latest.capture.id, ...latest.ad.state }
            : {}),
        })
        .where('id', '=', id)
        .execute();
    }
    await this.bulk.insert('ads', inserts as unknown as Record<string, string | number | null>[]);
  }

  private async mergeIdentifiers(fresh: PreparedCapture[]): Promise<void> {
    const rows = new Map<string, AdIdentifiersTable>();
    for (const p of fresh) {
      const at = p.capture.captured_at;
      for (const { kind, value } of p.identifiers) {
        const key = `${p.ad.id}\u0000${kind}\u0000${value}`;
        const row = rows.get(key);
        if (!row) rows.set(key, { ad_id: p.ad.id, kind, value, first_seen: at, last_seen: at });
        else {
          if (at < row.first_seen) row.first_seen = at;
          if (at > row.last_seen) row.last_seen = at;
        }
      }
    }
    const least = this.dialect === 'postgres' ? 'least' : 'min';
    const greatest = this.dialect === 'postgres' ? 'greatest' : 'max';
    await this.bulk.insert(
      'ad_identifiers',
      [...rows.values()] as unknown as Record<string, string | number | null>[],
      {
        columns: ['ad_id', 'kind', 'value'],
        update: {
          first_seen: `${least}({table}.first_seen, excluded.first_seen)`,
          last_seen: `${greatest}({table}.last_seen, excluded.last_seen)`,
        },
      },
    );
  }

  // --- reading ---------------------------------------------------------------------------------

  private filtered(filter: AdFilter) {
    let q = this.db.selectFrom('ads');
    if (filter.source) q = q.where('ads.source', '=', filter.source);
    if (filter.policeUnit) q = q.where('ads.police_unit', '=', filter.policeUnit);
    if (filter.municipalityCode) q = q.where('ads.municipality_code', '=', filter.municipalityCode);
    if (filter.from) q = q.where('ads.last_seen', '>=', filter.from);
    if (filter.to) q = q.where('ads.first_seen', '<=', filter.to);
    const words = searchWords(filter.q ?? '');
    if (words.length > 0) {
      // Every word must occur, as a word or the start of one ("colomb" finds "colombiaanse").
      q =
        this.dialect === 'postgres'
          ? q.where(
              sql<boolean>`ads.search_vector @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`,
            )
          : q.where(
              sql<boolean>`ads.rowid in (select rowid from ads_fts where ads_fts match ${words.map((w) => `"${w}"*`).join(' ')})`,
            );
    }
    if (filter.phone) {
      const phone = filter.phone;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('ad_identifiers')
            .select('ad_identifiers.ad_id')
            .whereRef('ad_identifiers.ad_id', '=', 'ads.id')
            .where('ad_identifiers.kind', '=', 'phone')
            .where('ad_identifiers.value', '=', phone),
        ),
      );
    }
    return q;
  }

  async list(
    filter: AdFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: AdRow[] }> {
    const { total } = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const items = await this.filtered(filter)
      .selectAll('ads')
      .orderBy('ads.last_seen', 'desc')
      .orderBy('ads.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { total: Number(total), items };
  }

  async get(id: string): Promise<AdRow | undefined> {
    return this.db.selectFrom('ads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('ads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countCaptures(): Promise<number> {
    const row = await this.db
      .selectFrom('captures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async captures(adId: string): Promise<CapturesTable[]> {
    return this.db
      .selectFrom('captures')
      .selectAll()
      .where('ad_id', '=', adId)
      .orderBy('captured_at')
      .orderBy('id')
      .execute();
  }

  async identifiers(adIds: string[]): Promise<AdIdentifiersTable[]> {
    const out: AdIdentifiersTable[] = [];
    for (const part of chunks(adIds, 1000))
      out.push(
        ...(await this.db
          .selectFrom('ad_identifiers')
          .selectAll()
          .where('ad_id', 'in', part)
          .orderBy('ad_id')
          .orderBy('kind')
          .orderBy('value')
          .execute()),
      );
    return out;
  }

  /** The photos of the given captures, in order, with their hashes where the photo was read. */
  async captureImages(
    captureIds: string[],
  ): Promise<
    (CaptureImagesTable & { phash: string | null; width: number | null; height: number | null })[]
  > {
    const out = [];
    for (const part of chunks(captureIds, 1000))
      out.push(
        ...(await this.db
          .selectFrom('capture_images')
          .leftJoin('images', 'images.sha256', 'capture_images.sha256')
          .select([
            'capture_images.capture_id',
            'capture_images.position',
            'capture_images.reference',
            'capture_images.sha256',
            'capture_images.status',
            'capture_images.problem',
            'images.phash',
            'images.width',
            'images.height',
          ])
          .where('capture_images.capture_id', 'in', part)
          .orderBy('capture_images.capture_id')
          .orderBy('capture_images.position')
          .execute()),
      );
    return out;
  }

  /** Every ad in id order, a page at a time, for export: memory stays flat at any size. */
  async *all(pageSize = 1000): AsyncGenerator<AdRow[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('ads')
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
