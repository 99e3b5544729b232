import { sql, type Kysely, type Selectable } from 'kysely';
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
  | 'seq'
  | 'id'
  | 'source'
  | 'source_id'
  | 'first_seen'
  | 'last_seen'
  | 'captures'
  | 'latest_capture_id'
>;

export type CaptureRow = Selectable<CapturesTable>;

/** One capture ready to store: the row, the ad it belongs to, and what it adds to that ad. */
export interface PreparedCapture {
  capture: Omit<CaptureRow, 'seq' | 'ad_seq'>;
  ad: { id: string; source: string; sourceId: string; state: AdState };
  identifiers: { kind: string; value: string }[];
  images: Omit<CaptureImagesTable, 'capture_seq'>[];
}

/** An identifier with the public id of its ad. */
export type AdIdentifier = Omit<AdIdentifiersTable, 'ad_seq'> & { ad_id: string };

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

export type AdRow = Selectable<AdsTable>;

// Rows per multi-row insert: under PostgreSQL's 65,535 bound parameters and SQLite's 32,766.
const CHUNK = 400;

/** `rows` in pieces of `size`: `where … in (…)` lists and multi-row inserts stay under the drivers' limits. */
export function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
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
   * Stores a batch of captures; captures already stored (same ad, same SHA-256) are skipped, so a
   * re-run adds nothing. Call inside a transaction. Returns how many were new.
   */
  async addCaptures(batch: PreparedCapture[]): Promise<{ added: number; duplicates: number }> {
    const byAd = new Map<string, Map<string, PreparedCapture>>();
    for (const p of batch) {
      let captures = byAd.get(p.ad.id);
      if (!captures) byAd.set(p.ad.id, (captures = new Map()));
      if (!captures.has(p.capture.id)) captures.set(p.capture.id, p);
    }
    const known = await this.bulk.lookup(
      'ads',
      'id',
      [...byAd.keys()],
      ['seq', 'first_seen', 'last_seen', 'captures'],
    );
    // Only captures of ads seen before can be stored already.
    const pairs: [number, string][] = [];
    for (const [adId, captures] of byAd) {
      const ad = known.get(adId);
      if (ad) for (const sha of captures.keys()) pairs.push([Number(ad.seq), sha]);
    }
    const stored = await this.bulk.existingPairs('captures', ['ad_seq', 'id'], pairs);
    const fresh = new Map<string, PreparedCapture[]>();
    let added = 0;
    for (const [adId, captures] of byAd) {
      const seq = known.get(adId)?.seq;
      const list = [...captures.values()].filter(
        (p) => seq === undefined || !stored.has(`${Number(seq)}\u0000${p.capture.id}`),
      );
      if (list.length) fresh.set(adId, list);
      added += list.length;
    }
    if (added === 0) return { added: 0, duplicates: batch.length };

    const adSeq = await this.mergeAds(fresh, known);
    const all = [...fresh.values()].flat();
    const captureSeq = await this.bulk.insertReturning(
      'captures',
      all.map((p) => ({ ...p.capture, ad_seq: adSeq.get(p.ad.id)! })),
      (r) => `${r.ad_seq}\u0000${r.id}`,
    );
    const seqOf = (p: PreparedCapture) =>
      captureSeq.get(`${adSeq.get(p.ad.id)}\u0000${p.capture.id}`)!;
    await this.mergeIdentifiers(all, adSeq);
    await this.bulk.insert(
      'capture_images',
      all.flatMap((p) => p.images.map((im) => ({ capture_seq: seqOf(p), ...im }))),
    );
    return { added, duplicates: batch.length - added };
  }

  /**
   * Creates new ads and moves existing ones on: first/last seen, count, the latest state.
   * Returns every ad's sequence number by public id.
   */
  private async mergeAds(
    fresh: Map<string, PreparedCapture[]>,
    known: Map<string, Record<string, unknown>>,
  ): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    const inserts: Record<string, string | number | null>[] = [];
    for (const [id, captures] of fresh) {
      // The latest capture decides the state; on equal times the one imported last wins.
      let latest = captures[0]!;
      let first = latest.capture.captured_at;
      for (const p of captures) {
        if (p.capture.captured_at >= latest.capture.captured_at) latest = p;
        if (p.capture.captured_at < first) first = p.capture.captured_at;
      }
      const last = latest.capture.captured_at;
      const was = known.get(id);
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
      const seq = Number(was.seq);
      seqs.set(id, seq);
      const newer = last >= String(was.last_seen);
      const firstSeen = String(was.first_seen);
      await this.db
        .updateTable('ads')
        .set({
          first_seen: first < firstSeen ? first : firstSeen,
          captures: Number(was.captures) + captures.length,
          ...(newer
            ? { last_seen: last, latest_capture_id: latest.capture.id, ...latest.ad.state }
            : {}),
        })
        .where('seq', '=', seq)
        .execute();
    }
    const created = await this.bulk.insertReturning('ads', inserts, (r) => String(r.id));
    for (const [id, seq] of created) seqs.set(id, seq);
    return seqs;
  }

  private async mergeIdentifiers(
    fresh: PreparedCapture[],
    adSeq: Map<string, number>,
  ): Promise<void> {
    const rows = new Map<string, AdIdentifiersTable>();
    for (const p of fresh) {
      const at = p.capture.captured_at;
      const seq = adSeq.get(p.ad.id)!;
      for (const { kind, value } of p.identifiers) {
        const key = `${seq}\u0000${kind}\u0000${value}`;
        const row = rows.get(key);
        if (!row) rows.set(key, { ad_seq: seq, kind, value, first_seen: at, last_seen: at });
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
        columns: ['ad_seq', 'kind', 'value'],
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
              sql<boolean>`ads.seq in (select rowid from ads_fts where ads_fts match ${words.map((w) => `"${w}"*`).join(' ')})`,
            );
    }
    if (filter.phone) {
      const phone = filter.phone;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('ad_identifiers')
            .select('ad_identifiers.ad_seq')
            .whereRef('ad_identifiers.ad_seq', '=', 'ads.seq')
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

  /** Ads by public id (unknown ids are absent). */
  async byIds(ids: readonly string[]): Promise<Map<string, AdRow>> {
    const out = new Map<string, AdRow>();
    for (const part of chunks(ids))
      for (const r of await this.db.selectFrom('ads').selectAll().where('id', 'in', part).execute())
        out.set(r.id, r);
    return out;
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

  /** An ad's captures, oldest first. */
  async captures(adSeq: number): Promise<CaptureRow[]> {
    return this.db
      .selectFrom('captures')
      .selectAll()
      .where('ad_seq', '=', adSeq)
      .orderBy('captured_at')
      .orderBy('seq')
      .execute();
  }

  async identifiers(adSeqs: number[]): Promise<AdIdentifier[]> {
    const out: AdIdentifier[] = [];
    for (const part of chunks(adSeqs, 1000))
      out.push(
        ...(await this.db
          .selectFrom('ad_identifiers')
          .innerJoin('ads', 'ads.seq', 'ad_identifiers.ad_seq')
          .select([
            'ads.id as ad_id',
            'ad_identifiers.kind',
            'ad_identifiers.value',
            'ad_identifiers.first_seen',
            'ad_identifiers.last_seen',
          ])
          .where('ad_identifiers.ad_seq', 'in', part)
          .orderBy('ads.id')
          .orderBy('ad_identifiers.kind')
          .orderBy('ad_identifiers.value')
          .execute()),
      );
    return out;
  }

  /** The photos of the given captures, in order, with their hashes where the photo was read. */
  async captureImages(
    captureSeqs: number[],
  ): Promise<
    (CaptureImagesTable & { phash: string | null; width: number | null; height: number | null })[]
  > {
    const out = [];
    for (const part of chunks(captureSeqs, 1000))
      out.push(
        ...(await this.db
          .selectFrom('capture_images')
          .leftJoin('images', 'images.sha256', 'capture_images.sha256')
          .select([
            'capture_images.capture_seq',
            'capture_images.position',
            'capture_images.reference',
            'capture_images.sha256',
            'capture_images.status',
            'capture_images.problem',
            'images.phash',
            'images.width',
            'images.height',
          ])
          .where('capture_images.capture_seq', 'in', part)
          .orderBy('capture_images.capture_seq')
          .orderBy('capture_images.position')
          .execute()),
      );
    return out.map((r) => ({ ...r, capture_seq: Number(r.capture_seq) }));
  }

  /** The photos of each ad's latest capture, by the ad's sequence number. */
  async latestImages(
    adSeqs: number[],
  ): Promise<{ ad_seq: number; position: number; sha256: string | null; phash: string | null }[]> {
    const out = [];
    for (const part of chunks(adSeqs, 1000))
      out.push(
        ...(await this.db
          .selectFrom('ads')
          .innerJoin('captures', (j) =>
            j
              .onRef('captures.ad_seq', '=', 'ads.seq')
              .onRef('captures.id', '=', 'ads.latest_capture_id'),
          )
          .innerJoin('capture_images', 'capture_images.capture_seq', 'captures.seq')
          .leftJoin('images', 'images.sha256', 'capture_images.sha256')
          .select([
            'ads.seq as ad_seq',
            'capture_images.position',
            'capture_images.sha256',
            'images.phash',
          ])
          .where('ads.seq', 'in', part)
          .orderBy('ads.seq')
          .orderBy('capture_images.position')
          .execute()),
      );
    return out.map((r) => ({ ...r, ad_seq: Number(r.ad_seq), position: Number(r.position) }));
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
