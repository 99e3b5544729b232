import { createHash, randomUUID } from 'node:crypto';
import { sha256File } from '../../util/hash.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { audit, requirePermission, type Actor, type Context } from '../../access/context.js';
import type { PreparedCapture } from '../../store/ads.js';
import type { ImagesTable, ImportProblemsTable } from '../../store/schema.js';
import { SOFTWARE } from '../../version.js';
import { examineImage, type ImageStore } from '../images/store.js';
import { checkCapture, type CaptureInput } from './capture.js';
import { EXTRACTOR_VERSION } from './extract.js';
import { inlineExtractor, workerExtractor, type Extracted } from './extractor.js';
import type { PlaceResolver } from './places.js';
import { readCsv, type CsvMapping } from './readers/csv.js';
import { readHtmlPage, type SiteProfile } from './readers/html.js';
import { readLines } from './readers/lines.js';

/**
 * `schakel ads import`: reads capture files (JSONL, CSV through a mapping, saved HTML through site
 * profiles), checks and extracts each capture, stores it with its provenance, and reads its photos
 * into the content-addressed image store. A broken line is reported and skipped; everything else
 * is imported. Captures are committed batch by batch and keyed by the SHA-256 of what was
 * received, so an interrupted import re-run completes without duplicates, and a file read to the
 * end before is skipped whole.
 */

export interface AdImportOptions {
  paths: string[];
  places: PlaceResolver;
  /**
   * Extract on a worker thread while this thread reads and writes (about twice as fast on two
   * cores). The worker reads the geography from `geoDir` (default: ../shared/data/geo).
   */
  worker?: boolean;
  geoDir?: string;
  /** Where photos go; null reads no photos (they are recorded as not read). */
  images: ImageStore | null;
  csvMapping?: CsvMapping;
  profiles?: SiteProfile[];
  /** Name recorded as the file for input that is not a file of its own (an upload). */
  label?: string;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  added: number;
}

export interface FileReport {
  file: string;
  format: 'jsonl' | 'csv' | 'html';
  status: 'imported' | 'already imported' | 'failed';
  records: number;
  added: number;
  duplicates: number;
  rejected: number;
  reason?: string;
}

export interface ImportProblem {
  severity: 'error' | 'warning';
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
}

export interface ImportReport {
  runId: string;
  files: FileReport[];
  records: number;
  added: number;
  duplicates: number;
  rejected: number;
  warnings: number;
  images: { stored: number; known: number; missing: number; unreadable: number; notRead: number };
  /** The first problems, in order (all of them are stored with the run). */
  problems: ImportProblem[];
  seconds: number;
}

const FORMATS: Record<string, FileReport['format']> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.html': 'html',
  '.htm': 'html',
};

/** The files to read under the given paths, in a stable order. */
export function collectFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (FORMATS[extname(entry.name).toLowerCase()]) files.push(path);
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) missing.push(p);
    else if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

/** An ad's id: stable for source + source_id on every database and every run. */
export function adId(source: string, sourceId: string): string {
  return createHash('sha256').update(`${source}\n${sourceId}`).digest('hex').slice(0, 32);
}

/** A checked capture waiting for its extraction and its photos. */
interface Pending {
  input: CaptureInput;
  received: { sha256: string; raw: string; encoding: string; file: string; line: number };
  runId: string;
  images: PreparedCapture['images'];
  photos: { position: number; path: string }[];
}

function pending(
  input: CaptureInput,
  received: Pending['received'],
  runId: string,
  baseDir: string,
): Pending {
  const photos: Pending['photos'] = [];
  const images = (input.images ?? []).map((ref, position) => {
    if (ref.file) photos.push({ position, path: resolve(baseDir, ref.file) });
    return {
      position,
      reference: ref.file ?? ref.url ?? '',
      sha256: ref.file ? null : (ref.sha256 ?? null),
      status: ref.file ? 'pending' : 'not fetched',
      problem: null as string | null,
    };
  });
  return { input, received, runId, images, photos };
}

function toStore(p: Pending, x: Extracted): PreparedCapture {
  const c = p.input;
  const id = adId(c.source, c.source_id);
  return {
    capture: {
      id: p.received.sha256,
      captured_at: x.capturedAt,
      raw: p.received.raw,
      encoding: p.received.encoding,
      file: p.received.file,
      line: p.received.line,
      import_run_id: p.runId,
      extracted: x.json,
      extractor_version: EXTRACTOR_VERSION,
    },
    ad: {
      id,
      source: c.source,
      sourceId: c.source_id,
      state: {
        url: c.url ?? null,
        title: c.title ?? null,
        name: c.name ?? null,
        age: x.age,
        price_eur_per_hour: x.eurPerHour,
        location: c.location ?? null,
        municipality_code: x.municipalityCode,
        police_unit: x.policeUnit,
        language: x.language,
        search_text: x.searchText,
      },
    },
    identifiers: x.identifiers,
    images: p.images,
  };
}

/** Reads, hashes and stores the photos of a batch; each photo file is read once per run. */
class PhotoIntake {
  readonly counts = { stored: 0, known: 0, missing: 0, unreadable: 0, notRead: 0 };
  private readonly seen = new Map<
    string,
    { sha256: string } | { status: string; problem: string }
  >();

  constructor(
    private readonly ctx: Context,
    private readonly store: ImageStore | null,
  ) {}

  async settle(batch: Pending[], report: (p: ImportProblem) => void, file: string): Promise<void> {
    const todo = [
      ...new Set(
        batch.flatMap((b) => b.photos.map((p) => p.path)).filter((p) => !this.seen.has(p)),
      ),
    ];
    if (this.store && todo.length > 0) {
      const read = new Map<string, Buffer>();
      const shaOf = new Map<string, string>();
      await pool(todo, 8, async (path) => {
        try {
          const bytes = await readFile(path);
          read.set(path, bytes);
          shaOf.set(path, createHash('sha256').update(bytes).digest('hex'));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          this.seen.set(path, {
            status: 'missing',
            problem:
              code === 'ENOENT' ? 'image file not found' : `image file not readable (${code})`,
          });
        }
      });
      const known = await this.ctx.store.ads.knownImages([...shaOf.values()]);
      const fresh: ImagesTable[] = [];
      const now = this.ctx.now().toISOString();
      // One examination per distinct photo, however many files hold it.
      const examined = new Map<string, Promise<string | null>>();
      const examine = (sha256: string, bytes: Buffer) => {
        let result = examined.get(sha256);
        if (!result) {
          result = examineImage(bytes).then(
            (facts) => {
              this.store!.put(sha256, bytes);
              if (!known.has(sha256)) fresh.push({ ...facts, first_seen: now });
              this.counts.stored++;
              return null;
            },
            (e: Error) => `not an image: ${e.message}`,
          );
          examined.set(sha256, result);
        }
        return result;
      };
      await pool([...shaOf.keys()], 4, async (path) => {
        const sha256 = shaOf.get(path)!;
        if (known.has(sha256) && this.store!.has(sha256)) {
          this.seen.set(path, { sha256 });
          this.counts.known++;
          return;
        }
        const problem = await examine(sha256, read.get(path)!);
        this.seen.set(path, problem === null ? { sha256 } : { status: 'unreadable', problem });
      });
      await this.ctx.store.ads.addImages(fresh);
    }
    for (const b of batch) {
      for (const photo of b.photos) {
        const image = b.images.find((im) => im.position === photo.position)!;
        if (!this.store) {
          image.status = 'not read';
          this.counts.notRead++;
          continue;
        }
        const outcome = this.seen.get(photo.path)!;
        if ('sha256' in outcome) {
          image.sha256 = outcome.sha256;
          image.status = 'stored';
        } else {
          image.status = outcome.status;
          image.problem = outcome.problem;
          this.counts[outcome.status === 'missing' ? 'missing' : 'unreadable']++;
          report({
            severity: 'warning',
            file,
            line: b.received.line,
            field: `images[${photo.position}]`,
            reason: `${outcome.problem}: ${image.reference}`,
          });
        }
      }
    }
  }
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function importAds(
  ctx: Context,
  actor: Actor,
  opts: AdImportOptions,
): Promise<ImportReport> {
  requirePermission(actor, 'ads.import');
  const started = Date.now();
  const runId = randomUUID();
  const { store } = ctx;
  const { files, missing } = collectFiles(opts.paths);
  await store.ads.startRun({
    id: runId,
    kind: 'ads',
    started_at: ctx.now().toISOString(),
    finished_at: null,
    actor_id: actor.id,
    actor_name: actor.name,
    software: SOFTWARE,
    paths: JSON.stringify(opts.label ? [opts.label] : opts.paths),
    status: 'running',
    stats: '{}',
  });

  const report: ImportReport = {
    runId,
    files: [],
    records: 0,
    added: 0,
    duplicates: 0,
    rejected: 0,
    warnings: 0,
    images: { stored: 0, known: 0, missing: 0, unreadable: 0, notRead: 0 },
    problems: [],
    seconds: 0,
  };
  let problemSeq = 0;
  let problemRows: ImportProblemsTable[] = [];
  const problem = (p: ImportProblem) => {
    if (p.severity === 'error') report.rejected++;
    else report.warnings++;
    if (report.problems.length < 100) report.problems.push(p);
    problemRows.push({ import_run_id: runId, seq: ++problemSeq, ...p });
  };
  for (const m of missing)
    problem({
      severity: 'error',
      file: m,
      line: null,
      field: null,
      reason: 'no such file or folder',
    });

  const photos = new PhotoIntake(ctx, opts.images);
  const extractor = opts.worker ? workerExtractor(opts.geoDir) : inlineExtractor(opts.places);
  try {
    await readFiles();
  } finally {
    await extractor.close();
  }
  async function readFiles(): Promise<void> {
    const batchSize = opts.batchSize ?? 1000;

    for (const path of files) {
      const name = opts.label ?? path;
      const format = FORMATS[extname(path).toLowerCase()];
      const fileReport: FileReport = {
        file: name,
        format: format ?? 'jsonl',
        status: 'imported',
        records: 0,
        added: 0,
        duplicates: 0,
        rejected: 0,
      };
      report.files.push(fileReport);
      if (!format) {
        fileReport.status = 'failed';
        fileReport.reason = `unknown file type ${extname(path) || '(none)'}: expected .jsonl, .csv or .html`;
        problem({
          severity: 'error',
          file: name,
          line: null,
          field: null,
          reason: fileReport.reason,
        });
        continue;
      }
      const bytesTotal = statSync(path).size;
      const { sha256 } = await sha256File(path);
      if (await store.ads.fileCompleted(sha256)) {
        fileReport.status = 'already imported';
        continue;
      }
      let bytesDone = 0;
      let batch: Pending[] = [];
      // Batch k is written while batch k+1 is extracted (on the worker, when there is one).
      let writing: Promise<void> = Promise.resolve();
      const inFlight: Promise<void>[] = [];
      const write = async (current: Pending[], extracted: Extracted[]) => {
        await photos.settle(current, problem, name);
        const rows = problemRows;
        problemRows = [];
        const result = await store.transaction(async (tx) => {
          const r = await tx.ads.addCaptures(current.map((p, i) => toStore(p, extracted[i]!)));
          await tx.ads.addProblems(rows);
          return r;
        });
        fileReport.added += result.added;
        fileReport.duplicates += result.duplicates;
        opts.onProgress?.({
          file: name,
          bytesDone,
          bytesTotal,
          records: report.records + fileReport.records,
          added: report.added + fileReport.added,
        });
      };
      const flush = async () => {
        const current = batch;
        batch = [];
        const extracted = extractor.run(current.map((p) => p.input));
        const previous = writing;
        writing = (async () => {
          const results = await extracted;
          await previous;
          await write(current, results);
        })();
        // Up to three batches in flight, so a slow batch on either side does not stall the other.
        // A failure surfaces through the chain when awaited; this keeps it from going unhandled.
        writing.catch(() => undefined);
        inFlight.push(writing);
        if (inFlight.length > 2) await inFlight.shift();
      };
      const accept = async (
        record: unknown,
        received: { sha256: string; raw: string; encoding: string; line: number },
      ) => {
        fileReport.records++;
        const checked = checkCapture(record);
        if (!checked.ok) {
          fileReport.rejected++;
          problem({ severity: 'error', file: name, line: received.line, ...checked.problem });
          return;
        }
        for (const w of checked.warnings)
          problem({ severity: 'warning', file: name, line: received.line, ...w });
        batch.push(pending(checked.capture, { ...received, file: name }, runId, dirname(path)));
        if (batch.length >= batchSize) await flush();
      };

      try {
        if (format === 'jsonl') {
          for await (const line of readLines(path, { onBytes: (n) => (bytesDone += n) })) {
            if ('oversized' in line) {
              fileReport.records++;
              fileReport.rejected++;
              problem({
                severity: 'error',
                file: name,
                line: line.line,
                field: null,
                reason: `line of ${line.oversized} bytes is longer than the 64 MiB a capture may be; skipped`,
              });
              continue;
            }
            let record: unknown;
            try {
              record = JSON.parse(line.text);
            } catch (e) {
              fileReport.records++;
              fileReport.rejected++;
              problem({
                severity: 'error',
                file: name,
                line: line.line,
                field: null,
                reason: `not valid JSON: ${(e as Error).message}`,
              });
              continue;
            }
            if (line.encoding !== 'utf-8')
              problem({
                severity: 'warning',
                file: name,
                line: line.line,
                field: null,
                reason: `not UTF-8; read as ${line.encoding}`,
              });
            await accept(record, {
              sha256: line.sha256,
              raw: line.text,
              encoding: line.encoding,
              line: line.line,
            });
          }
        } else if (format === 'csv') {
          for await (const row of readCsv(path, opts.csvMapping, (n) => (bytesDone += n))) {
            if ('problem' in row) {
              fileReport.records++;
              fileReport.rejected++;
              problem({
                severity: 'error',
                file: name,
                line: row.line,
                field: null,
                reason: row.problem,
              });
              continue;
            }
            const capture = { ...row.record, _received: row.raw };
            await accept(capture, {
              sha256: row.sha256,
              raw: JSON.stringify(capture),
              encoding: 'utf-8',
              line: row.line,
            });
          }
        } else {
          const page = readHtmlPage(path, opts.profiles ?? []);
          bytesDone = bytesTotal;
          for (const field of page.missing)
            problem({
              severity: 'warning',
              file: name,
              line: null,
              field,
              reason: 'not on the page',
            });
          if (page.capturedAtFromFile)
            problem({
              severity: 'warning',
              file: name,
              line: null,
              field: 'captured_at',
              reason: "the page does not say when it was captured; the file's time was used",
            });
          await accept(page.record, {
            sha256: page.sha256,
            raw: JSON.stringify(page.record),
            encoding: 'utf-8',
            line: 1,
          });
        }
        await flush();
        await writing;
        await store.ads.markFileCompleted({
          sha256,
          path: name,
          bytes: bytesTotal,
          records: fileReport.records,
          import_run_id: runId,
          completed_at: ctx.now().toISOString(),
        });
      } catch (e) {
        await flush().catch(() => undefined);
        await writing.catch(() => undefined);
        fileReport.status = 'failed';
        fileReport.reason = (e as Error).message;
        problem({
          severity: 'error',
          file: name,
          line: null,
          field: null,
          reason: fileReport.reason,
        });
        await store.ads.addProblems(problemRows.splice(0));
      }
      report.records += fileReport.records;
      report.added += fileReport.added;
      report.duplicates += fileReport.duplicates;
    }
  }
  await store.ads.addProblems(problemRows.splice(0));
  report.images = photos.counts;
  report.seconds = (Date.now() - started) / 1000;
  const { problems: _p, files: _f, ...stats } = report;
  const status =
    report.files.some((f) => f.status === 'failed') || missing.length
      ? 'completed with failures'
      : 'completed';
  await store.ads.finishRun(runId, status, stats, ctx.now().toISOString());
  await audit(store, ctx.now(), actor, {
    action: 'ads.import',
    targetType: 'import_run',
    targetId: runId,
    detail: {
      files: report.files.map((f) => ({ file: f.file, status: f.status, added: f.added })),
      added: report.added,
      duplicates: report.duplicates,
      rejected: report.rejected,
    },
  });
  return report;
}
