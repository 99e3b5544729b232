/**
 * The capture format (../shared/formats/ad-capture.md): checks one parsed record and says which
 * field is wrong. Required fields missing → the record is rejected; an optional field of the wrong
 * type → a warning and the field is ignored; unknown fields are kept as they are.
 */

export interface CaptureImageRef {
  file?: string;
  url?: string;
  sha256?: string;
}

export interface CaptureInput {
  source: string;
  source_id: string;
  captured_at: string;
  url?: string;
  posted_at?: string;
  title?: string;
  text: string;
  name?: string;
  age?: string;
  location?: string;
  phone?: string;
  contact?: Record<string, string>;
  price?: string;
  category?: string;
  images?: CaptureImageRef[];
  html?: string;
}

export interface FieldProblem {
  field: string | null;
  reason: string;
}

export type CheckedCapture =
  | { ok: true; capture: CaptureInput; warnings: FieldProblem[] }
  | { ok: false; problem: FieldProblem };

const OPTIONAL_STRINGS = [
  'url',
  'posted_at',
  'title',
  'name',
  'age',
  'location',
  'phone',
  'price',
  'category',
  'html',
] as const;

// ISO 8601 date-time with an offset or Z; the offset matters: a capture time is evidence.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant as ISO UTC, or null when the text is not ISO 8601 with an offset. */
export function utcInstant(text: string): string | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a parsed record and normalises it in place (numbers to strings, bad optional fields dropped). */
export function checkCapture(record: unknown): CheckedCapture {
  if (!isPlainObject(record))
    return { ok: false, problem: { field: null, reason: 'not a JSON object' } };
  const r = record;
  for (const field of ['source', 'source_id', 'captured_at'] as const) {
    const v = r[field];
    if (v === undefined || v === null || v === '')
      return { ok: false, problem: { field, reason: 'required field missing' } };
    // Crawlers often write numeric ids; an id is still an id.
    if (field === 'source_id' && typeof v === 'number' && Number.isFinite(v)) r[field] = String(v);
    else if (typeof v !== 'string')
      return { ok: false, problem: { field, reason: `must be a string, not ${typeof v}` } };
  }
  if (utcInstant(r.captured_at as string) === null)
    return {
      ok: false,
      problem: {
        field: 'captured_at',
        reason: `not an ISO 8601 time with offset: ${JSON.stringify(r.captured_at).slice(0, 60)}`,
      },
    };
  if (r.text === undefined || r.text === null)
    return { ok: false, problem: { field: 'text', reason: 'required field missing (may be "")' } };
  if (typeof r.text !== 'string')
    return {
      ok: false,
      problem: { field: 'text', reason: `must be a string, not ${typeof r.text}` },
    };

  const warnings: FieldProblem[] = [];
  // Checked in place: the record is the importer's own freshly parsed object.
  const capture = r as unknown as CaptureInput & Record<string, unknown>;
  for (const field of OPTIONAL_STRINGS) {
    const v = r[field];
    if (v === undefined || v === null) {
      delete capture[field];
    } else if (typeof v === 'number') {
      capture[field] = String(v);
    } else if (typeof v !== 'string') {
      warnings.push({
        field,
        reason: `must be a string, not ${Array.isArray(v) ? 'array' : typeof v}; ignored`,
      });
      delete capture[field];
    }
  }
  if (capture.posted_at !== undefined && utcInstant(capture.posted_at) === null) {
    warnings.push({ field: 'posted_at', reason: 'not an ISO 8601 time with offset; kept as text' });
  }
  if (r.contact !== undefined && r.contact !== null) {
    if (!isPlainObject(r.contact)) {
      warnings.push({ field: 'contact', reason: 'must be an object of strings; ignored' });
      delete capture.contact;
    } else {
      const contact: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.contact)) {
        if (typeof v === 'string') contact[k] = v;
        else if (v !== null)
          warnings.push({ field: `contact.${k}`, reason: 'must be a string; ignored' });
      }
      capture.contact = contact;
    }
  } else delete capture.contact;
  if (r.images !== undefined && r.images !== null) {
    if (!Array.isArray(r.images)) {
      warnings.push({ field: 'images', reason: 'must be an array; ignored' });
      delete capture.images;
    } else {
      const images: CaptureImageRef[] = [];
      r.images.forEach((im: unknown, i) => {
        const ref = typeof im === 'string' ? { file: im } : im;
        if (isPlainObject(ref) && (typeof ref.file === 'string' || typeof ref.url === 'string')) {
          const out: CaptureImageRef = {};
          if (typeof ref.file === 'string') out.file = ref.file;
          if (typeof ref.url === 'string') out.url = ref.url;
          if (typeof ref.sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(ref.sha256))
            out.sha256 = ref.sha256.toLowerCase();
          images.push(out);
        } else warnings.push({ field: `images[${i}]`, reason: 'needs "file" or "url"; ignored' });
      });
      capture.images = images;
    }
  } else delete capture.images;
  return { ok: true, capture, warnings };
}
