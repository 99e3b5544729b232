import type { RecordKind } from '../../store/devices.js';
import type { DeviceCounts, DeviceRecord, DeviceWarning, Party, ReadSink } from './types.js';

/**
 * Records as the rows they are stored as, and the sink that batches them: counts, the numbers
 * each record shows (for "this number is also in ads"), warnings and the owner, with a batch
 * handed on whenever enough rows are held. Runs on the reading thread.
 */

export type Value = string | number | null;

/** Per kind, the values of its rows one after another (COLUMNS[kind].length per row). */
export type RowBatch = Partial<Record<RecordKind, Value[]>>;

/** Records held before a batch is handed on… */
export const BATCH = 20_000;
/** …or sooner, once their values come to about this many characters (long messages, e-mails). */
export const BATCH_CHARS = 4_000_000;

export const emptyCounts = (): DeviceCounts => ({
  contacts: 0,
  calls: 0,
  chats: 0,
  messages: 0,
  accounts: 0,
  media: 0,
});

export const COUNT_OF: Record<RecordKind, keyof DeviceCounts> = {
  contact: 'contacts',
  call: 'calls',
  chat: 'chats',
  message: 'messages',
  account: 'accounts',
};

/** The columns each kind of record is stored in, in the order its values are written. */
export const COLUMNS: Record<RecordKind, readonly string[]> = {
  contact: ['import_seq', 'app', 'source', 'source_row', 'name', 'phones', 'emails'],
  call: [
    'import_seq',
    'app',
    'source',
    'source_row',
    'direction',
    'party',
    'party_e164',
    'at',
    'at_original',
    'at_zone',
    'duration_s',
    'video',
  ],
  chat: [
    'import_seq',
    'app',
    'source',
    'source_row',
    'chat_key',
    'is_group',
    'subject',
    'participants',
    'created_at',
  ],
  message: [
    'import_seq',
    'app',
    'source',
    'source_row',
    'chat_key',
    'direction',
    'sender',
    'sender_e164',
    'at',
    'at_original',
    'at_zone',
    'text',
    'attachments',
  ],
  account: ['import_seq', 'app', 'source', 'source_row', 'identifier', 'display_name'],
};

/**
 * Appends a record's values to `out` in the order of COLUMNS[kind]. Flat arrays, not an object
 * per row: this runs once per record, and the batches cross to another thread, where an array of
 * plain values is copied several times faster than as many objects.
 */
export function pushRow(out: Value[], r: DeviceRecord, importSeq: number, source: number): void {
  out.push(importSeq, r.app, source, r.prov.rowId ?? null);
  switch (r.kind) {
    case 'contact':
      out.push(r.name, JSON.stringify(r.phones), JSON.stringify(r.emails));
      return;
    case 'call':
      out.push(
        r.direction,
        r.party?.raw ?? null,
        r.party?.e164 ?? null,
        r.at.utc,
        r.at.original,
        r.at.zone,
        r.durationSeconds,
        r.video ? 1 : 0,
      );
      return;
    case 'chat':
      out.push(
        r.key,
        r.group ? 1 : 0,
        r.subject,
        JSON.stringify(r.participants),
        r.createdAt?.utc ?? null,
      );
      return;
    case 'message':
      out.push(
        r.chatKey,
        r.direction,
        r.sender?.raw ?? null,
        r.sender?.e164 ?? null,
        r.at.utc,
        r.at.original,
        r.at.zone,
        r.text,
        r.attachments.length > 0 ? JSON.stringify(r.attachments) : null,
      );
      return;
    case 'account':
      out.push(r.identifier, r.displayName);
      return;
  }
}

/** The numbers a record shows, with the role they play in it. */
export function numbersOf(r: DeviceRecord): [string, string][] {
  const e = (p: Party | null | undefined) => p?.e164 ?? null;
  const out: [string, string | null][] = [];
  switch (r.kind) {
    case 'contact':
      for (const p of r.phones) out.push(['contact', e(p)]);
      break;
    case 'call':
      out.push(['call', e(r.party)]);
      break;
    case 'chat':
      for (const p of r.participants) out.push(['chat', e(p)]);
      break;
    case 'message':
      out.push(['message', e(r.sender)]);
      break;
    case 'account':
      break;
  }
  return out.filter((x): x is [string, string] => x[1] !== null).map(([role, n]) => [n, role]);
}

/** What a read came to, besides its rows. */
export interface ReadResult {
  counts: DeviceCounts;
  warnings: DeviceWarning[];
  owner: { phones: string[]; accounts: string[] };
  /** `number\trole` → how often. */
  numbers: [string, number][];
  /** The files and tables records were read from, by the number rows refer to them with. */
  sources: { id: number; file: string; table: string | null }[];
}

export class RowBatcher implements ReadSink {
  readonly counts = emptyCounts();
  readonly warnings: DeviceWarning[] = [];
  private readonly ownerPhones = new Set<string>();
  private readonly ownerAccounts = new Set<string>();
  private readonly numbers = new Map<string, number>();
  /** `file\ttable` → its number in this import. */
  private readonly sources = new Map<string, number>();
  private pending: RowBatch = {};
  private held = 0;
  private chars = 0;

  constructor(
    readonly country: string,
    private readonly importSeq: number,
    private readonly onBatch: (batch: RowBatch, records: number) => Promise<void>,
  ) {}

  record(r: DeviceRecord): void {
    const key = `${r.prov.file}\t${r.prov.table ?? ''}`;
    let source = this.sources.get(key);
    if (source === undefined) this.sources.set(key, (source = this.sources.size + 1));
    pushRow((this.pending[r.kind] ??= []), r, this.importSeq, source);
    this.held++;
    this.chars += r.kind === 'message' ? 120 + (r.text?.length ?? 0) : 200;
    this.counts[COUNT_OF[r.kind]]++;
    if (r.kind === 'message' && r.attachments.length > 0) this.counts.media++;
    for (const [n, role] of numbersOf(r)) {
      const k = `${n}\t${role}`;
      this.numbers.set(k, (this.numbers.get(k) ?? 0) + 1);
    }
  }

  warn(w: DeviceWarning): void {
    this.warnings.push(w);
  }

  owner(o: { phones?: string[]; accounts?: string[] }): void {
    for (const p of o.phones ?? []) this.ownerPhones.add(p);
    for (const a of o.accounts ?? []) this.ownerAccounts.add(a);
  }

  async drain(force = false): Promise<void> {
    if (this.held === 0 || (!force && this.held < BATCH && this.chars < BATCH_CHARS)) return;
    const batch = this.pending;
    const n = this.held;
    this.pending = {};
    this.held = 0;
    this.chars = 0;
    await this.onBatch(batch, n);
  }

  /** Hands on the last rows and says what the read came to. */
  async finish(): Promise<ReadResult> {
    await this.drain(true);
    const owner = {
      phones: [...this.ownerPhones].sort(),
      accounts: [...this.ownerAccounts].sort(),
    };
    for (const p of owner.phones) this.numbers.set(`${p}\towner`, 1);
    const sources = [...this.sources].map(([key, id]) => {
      const [file, table] = key.split('\t') as [string, string];
      return { id, file, table: table || null };
    });
    return {
      counts: this.counts,
      warnings: this.warnings,
      owner,
      numbers: [...this.numbers],
      sources,
    };
  }
}
