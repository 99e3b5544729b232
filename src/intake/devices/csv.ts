import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, type CsvError } from 'csv-parse';
import { ValidationError } from '../../model/errors.js';
import { isoText, party, unixMs, unixS } from './normalise.js';
import type { DeviceCallRecord, DeviceMessageRecord, Party, ReadSink, Timestamp } from './types.js';

/**
 * Contacts, calls and messages from CSV files (an export from a forensic tool, or a table typed
 * up by hand). A mapping says which column holds what; without one, obvious headers are
 * recognised (case-insensitive, English and Dutch). Read as a stream, line by line: a bad line
 * (unclosed quote, a different number of fields than the header) is a warning naming the file
 * and line, and the other lines are still read. Provenance: the file's name, the kind as table,
 * the line the record starts on as row id.
 *
 * Messages that name a chat (thread) get it as their chat key; each chat found becomes one chat
 * record at the end of the file (group when more than one other party wrote in it). CSV states no
 * owner, so directions come only from a direction column (or a sender written as "me"/"ik").
 * Times: ISO-8601 with or without offset, `dd-mm-yyyy hh:mm[:ss]` (day first unless that cannot
 * be), or Unix seconds / milliseconds; a time without offset is read as UTC and says so.
 */

export const CSV_FIELDS = [
  'name',
  'number',
  'email',
  'direction',
  'time',
  'duration',
  'text',
  'chat',
  'sender',
  'app',
] as const;

export type CsvField = (typeof CSV_FIELDS)[number];

/** Which header holds each field; a field left out is found by its default headers. */
export type CsvMapping = Partial<Record<CsvField, string>>;

export interface CsvFile {
  path: string;
  kind: 'contacts' | 'calls' | 'messages';
}

/** Headers recognised without a mapping (compared case-insensitively, trimmed). */
const DEFAULT_HEADERS: Record<CsvField, RegExp> = {
  name: /^(name|naam|contact|contact ?name|display ?name|weergavenaam)$/,
  number:
    /^(number|phone|phone ?number|telephone|tel|telefoon|telefoonnummer|nummer|msisdn|mobile)$/,
  email: /^(e-?mail|e-?mail ?address|e-?mailadres)$/,
  direction: /^(direction|type|richting|call ?type)$/,
  time: /^(time|date|timestamp|datetime|date ?time|datum|tijd|tijdstip|datum ?tijd)$/,
  duration: /^(duration|duur|length|seconds)$/,
  text: /^(text|body|message|bericht|tekst|inhoud|content)$/,
  chat: /^(chat|thread|conversation|gesprek|chat ?id|thread ?id)$/,
  sender: /^(from|sender|afzender|van|author)$/,
  app: /^(app|application|source|bron|service)$/,
};

/**
 * A mapping from a CLI option such as `number=Telefoon,time=Datum`. Throws a ValidationError
 * naming the bad part.
 */
export function parseCsvMapping(spec: string): CsvMapping {
  const mapping: CsvMapping = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const header = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(CSV_FIELDS as readonly string[]).includes(key))
      throw ValidationError.field(
        'map',
        `"${part.trim()}": unknown field "${key}"; one of ${CSV_FIELDS.join(', ')}`,
      );
    if (header === '')
      throw ValidationError.field('map', `"${part.trim()}": say which column, as ${key}=<header>`);
    if (mapping[key as CsvField] !== undefined)
      throw ValidationError.field('map', `${key} is mapped twice`);
    mapping[key as CsvField] = header;
  }
  return mapping;
}

/** The delimiter of the header line: the most frequent of , ; tab | outside quotes. */
function sniffDelimiter(path: string): string {
  const fd = openSync(path, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

const NO_TIME: Timestamp = { utc: null, original: '', zone: 'none' };

/** A time as CSV exports write it; `utc` null when it cannot be read. */
export function csvTime(v: string): Timestamp | null {
  const t = v.trim();
  if (t === '') return null;
  if (/^\d{13}$/.test(t)) return unixMs(Number(t));
  if (/^\d{9,10}$/.test(t)) return unixS(Number(t));
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const read = isoText(t.replace(/^(\d{4}-\d{2}-\d{2})[ ]+(?=\d)/, '$1T'));
    return read ? { ...read, original: v } : null;
  }
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    t,
  );
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    // Day first (European), unless the first number cannot be a day-of-month pair that way.
    const [day, month] = a > 12 || b <= 12 ? [a, b] : [b, a];
    const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');
    const iso = `${m[3]}-${pad(month)}-${pad(day)}T${pad(m[4] ?? 0)}:${pad(m[5] ?? 0)}:${pad(m[6] ?? 0)}`;
    const read = isoText(iso);
    const valid = read?.utc && read.utc.slice(0, 10) === iso.slice(0, 10) ? read.utc : null;
    return { utc: valid, original: v, zone: 'UTC (assumed)' };
  }
  return { utc: null, original: v, zone: 'unknown' };
}

/** Seconds from `123`, `mm:ss` or `hh:mm:ss`. */
function seconds(v: string): number | null {
  const t = v.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t));
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(t);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

function directionOf(v: string): 'incoming' | 'outgoing' | 'missed' | 'unknown' {
  const t = v.trim().toLowerCase();
  if (/missed|gemist|rejected|geweigerd|declined|onbeantwoord/.test(t)) return 'missed';
  if (/^(out|outgoing|uitgaand|verzonden|sent|dialed|dialled|gebeld|o)$|outgoing|uitgaand/.test(t))
    return 'outgoing';
  if (/^(in|incoming|inkomend|ontvangen|received|inbox|i)$|incoming|inkomend/.test(t))
    return 'incoming';
  return 'unknown';
}

const OWNER_WORDS = /^(me|ik|self|owner|eigenaar|yo|you)$/i;

/** Lines the record spans before its last one (its line number is info.lines minus these). */
function innerLines(raw: string | undefined): number {
  if (!raw) return 0;
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$|\r$/, '');
  let n = 0;
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) n++;
  return n;
}

function splitList(v: string): string[] {
  return v
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

interface ChatSeen {
  key: string;
  app: string;
  line: number;
  others: Map<string, Party>;
}

const DRAIN_EVERY = 1000;

async function readOne(file: CsvFile, mapping: CsvMapping, sink: ReadSink): Promise<void> {
  const label = basename(file.path);
  let delimiter: string;
  try {
    delimiter = sniffDelimiter(file.path);
  } catch (err) {
    sink.warn({ file: label, message: `cannot open (${(err as Error).message}): not read` });
    return;
  }
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined, raw: string | undefined) => {
      const lines = typeof err?.lines === 'number' ? err.lines : null;
      const line = lines === null ? '?' : String(lines - innerLines(raw));
      const why = err?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote is never closed' : err?.message;
      sink.warn({ file: label, message: `line ${line}: ${why ?? 'unreadable'}: skipped` });
      return undefined;
    },
  });
  const source = createReadStream(file.path);
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  let columns: Partial<Record<CsvField, number>> | null = null;
  let width = 0;
  let n = 0;
  let badTimes = 0;
  let firstBadTime: { line: number; value: string } | null = null;
  const chats = new Map<string, ChatSeen>();
  const country = sink.country;

  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      raw: string;
      info: { lines: number };
    }>) {
      const line = item.info.lines - innerLines(item.raw);
      const row = item.record;
      if (!columns) {
        const header = row.map((h) => h.trim().toLowerCase());
        width = header.length;
        columns = {};
        for (const field of CSV_FIELDS) {
          const wanted = mapping[field];
          const index =
            wanted !== undefined
              ? header.indexOf(wanted.trim().toLowerCase())
              : header.findIndex((h) => DEFAULT_HEADERS[field].test(h));
          if (index >= 0) columns[field] = index;
          else if (wanted !== undefined)
            sink.warn({
              file: label,
              message: `no column "${wanted}" for ${field} (the header has: ${row.join(', ')}): ${field} not read`,
            });
        }
        continue;
      }
      if (
        row.length !== width &&
        !(row.length > width && row.slice(width).every((c) => !c.trim()))
      ) {
        sink.warn({
          file: label,
          message: `line ${line}: ${row.length} fields where the header has ${width}: skipped`,
        });
        continue;
      }
      const get = (f: CsvField): string | null => {
        const i = columns![f];
        const v = i === undefined ? undefined : row[i];
        return v === undefined || v.trim() === '' ? null : v.trim();
      };
      const prov = { file: label, table: file.kind, rowId: String(line) };
      const app = get('app')?.toLowerCase() ?? 'native';
      const timeText = get('time');
      let at: Timestamp = NO_TIME;
      if (timeText !== null) {
        at = csvTime(timeText) ?? NO_TIME;
        if (at.utc === null) {
          badTimes++;
          firstBadTime ??= { line, value: timeText };
        }
      }

      if (file.kind === 'contacts') {
        const name = get('name');
        const numbers = splitList(get('number') ?? '');
        const emails = splitList(get('email') ?? '');
        if (name === null && numbers.length === 0 && emails.length === 0) {
          sink.warn({ file: label, message: `line ${line}: no name, number or e-mail: skipped` });
          continue;
        }
        sink.record({
          kind: 'contact',
          app,
          name,
          phones: numbers.map((raw) => ({ ...party(raw, country), label: null })),
          emails,
          prov,
        });
      } else if (file.kind === 'calls') {
        const number = get('number') ?? get('sender');
        if (number === null && timeText === null) {
          sink.warn({ file: label, message: `line ${line}: neither number nor time: skipped` });
          continue;
        }
        const dirText = get('direction') ?? '';
        const duration = get('duration');
        const call: DeviceCallRecord = {
          kind: 'call',
          app,
          direction: directionOf(dirText),
          party: number === null ? null : party(number, country, get('name')),
          at,
          durationSeconds: duration === null ? null : seconds(duration),
          video: /video/i.test(dirText),
          prov,
        };
        sink.record(call);
      } else {
        const text = get('text');
        if (text === null && timeText === null) {
          sink.warn({ file: label, message: `line ${line}: neither text nor time: skipped` });
          continue;
        }
        const senderText = get('sender');
        const ownerSender = senderText !== null && OWNER_WORDS.test(senderText);
        const dir = directionOf(get('direction') ?? '');
        const direction: DeviceMessageRecord['direction'] =
          dir === 'incoming' || dir === 'outgoing' ? dir : ownerSender ? 'outgoing' : 'unknown';
        // The other side: who wrote it, else the number column (the peer of an outgoing one).
        const otherText = (ownerSender ? null : senderText) ?? get('number');
        const other = otherText === null ? null : party(otherText, country, get('name'));
        const sender = direction === 'outgoing' ? null : other;
        const chatKey = get('chat');
        if (chatKey !== null) {
          const k = `${app}\u0000${chatKey}`;
          let seen = chats.get(k);
          if (!seen) {
            seen = { key: chatKey, app, line, others: new Map() };
            chats.set(k, seen);
          }
          if (other && seen.others.size < 1000) seen.others.set(other.raw, other);
        }
        sink.record({
          kind: 'message',
          app,
          chatKey,
          direction,
          sender,
          at,
          text,
          attachments: [],
          prov,
        });
      }
      if (++n % DRAIN_EVERY === 0) await sink.drain();
    }
  } catch (err) {
    sink.warn({
      file: label,
      message: `read error (${(err as Error).message}): lines before it were kept, the rest was not read`,
    });
  } finally {
    source.destroy();
  }
  if (!columns) sink.warn({ file: label, message: 'empty file (no header line): not read' });
  if (badTimes > 0 && firstBadTime)
    sink.warn({
      file: label,
      message: `${badTimes} time(s) could not be read (first at line ${firstBadTime.line}: "${firstBadTime.value}"): kept without time`,
    });
  for (const c of chats.values()) {
    sink.record({
      kind: 'chat',
      app: c.app,
      key: c.key,
      group: c.others.size > 1,
      subject: null,
      participants: [...c.others.values()],
      createdAt: null,
      prov: { file: label, table: file.kind, rowId: String(c.line) },
    });
    if (++n % DRAIN_EVERY === 0) await sink.drain();
  }
  await sink.drain();
}

/** Read CSV files of contacts, calls and messages; never throws for bad input. */
export async function readCsv(
  files: readonly CsvFile[],
  mapping: CsvMapping,
  sink: ReadSink,
): Promise<void> {
  for (const f of files) await readOne(f, mapping, sink);
}
