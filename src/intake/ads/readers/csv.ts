import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';

/**
 * CSV exports of ads (from tools that cannot write JSONL), mapped onto the capture format by a
 * small mapping file:
 *
 * ```json
 * { "delimiter": ";", "columns": { "source_id": "Advertentie", "text": "Tekst", "contact.whatsapp": "WhatsApp" },
 *   "constants": { "source": "voorbeeld.nl" }, "images": { "column": "Foto's", "separator": "|" } }
 * ```
 *
 * Without a mapping the header names are the capture field names.
 */
export interface CsvMapping {
  delimiter?: string;
  /** Capture field (`contact.x` for contact fields) → CSV column. */
  columns?: Record<string, string>;
  /** Capture field → the same value for every row (typically `source`). */
  constants?: Record<string, string>;
  /** A column listing photo files (relative to the CSV file) or URLs. */
  images?: { column: string; separator?: string };
}

export function readCsvMapping(path: string): CsvMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not a JSON mapping (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${path}: a mapping is a JSON object with "columns" and "constants"`);
  return parsed as CsvMapping;
}

export type CsvRow =
  | { line: number; sha256: string; raw: string; record: Record<string, unknown> }
  | { line: number; problem: string };

function toCapture(
  row: Record<string, string>,
  mapping: CsvMapping | undefined,
): Record<string, unknown> {
  const columns = mapping?.columns ?? Object.fromEntries(Object.keys(row).map((k) => [k, k]));
  const out: Record<string, unknown> = { ...(mapping?.constants ?? {}) };
  const contact: Record<string, string> = {};
  for (const [field, column] of Object.entries(columns)) {
    const value = row[column];
    if (value === undefined || value === '') continue;
    if (field.startsWith('contact.')) contact[field.slice(8)] = value;
    else out[field] = value;
  }
  if (Object.keys(contact).length > 0) out.contact = contact;
  const images = mapping?.images ?? (row.images !== undefined ? { column: 'images' } : undefined);
  if (images && row[images.column]) {
    out.images = row[images.column]!.split(images.separator ?? '|')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (/^https?:\/\//.test(s) ? { url: s } : { file: s }));
  }
  if (out.text === undefined) out.text = '';
  return out;
}

/** Reads rows one by one; a malformed row is reported with its line and the rest still read. */
export async function* readCsv(
  path: string,
  mapping: CsvMapping | undefined,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRow> {
  const skipped: CsvRow[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    info: true,
    raw: true,
    delimiter: mapping?.delimiter ?? ',',
    relax_column_count: false,
    skip_records_with_error: true,
    skip_empty_lines: true,
  });
  parser.on('skip', (err: Error & { lines?: number }) =>
    skipped.push({ line: err.lines ?? 0, problem: err.message }),
  );
  const input = createReadStream(path);
  input.on('data', (chunk) => onBytes?.(chunk.length));
  input.pipe(parser);
  for await (const item of parser as AsyncIterable<{
    record: Record<string, string>;
    raw: string;
    info: { lines: number };
  }>) {
    while (skipped.length) yield skipped.shift()!;
    const newlines = item.raw.split('\n').length - 1;
    const line = item.info.lines - Math.max(newlines - 1, 0);
    const sha256 = createHash('sha256')
      .update(item.raw.replace(/\r?\n$/, ''))
      .digest('hex');
    yield { line, sha256, raw: item.raw, record: toCapture(item.record, mapping) };
  }
  while (skipped.length) yield skipped.shift()!;
}
