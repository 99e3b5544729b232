import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { audit, requirePermission, type Actor, type Context } from '../../access/context.js';
import { requireMember } from '../../access/investigations.js';
import { ValidationError } from '../../model/errors.js';
import type { DeviceImportRow, RecordKind } from '../../store/devices.js';
import type { Store } from '../../store/store.js';
import { SOFTWARE } from '../../version.js';
import type { DeviceImportReport, HashedFile } from '../../model/devices.js';
import { readAndroid } from './android.js';
import { unpackArchive, zipEntryNames } from './archive.js';
import { readCsv, type CsvMapping } from './csv.js';
import { containerOf, fileFormat, fileSystemFormat, isUfdrListing } from './detect.js';
import { folderExtraction, type Extraction } from './extraction.js';
import { readIos } from './ios.js';
export type { DeviceImportReport, HashedFile } from '../../model/devices.js';
import type {
  DeviceCounts,
  DeviceFormat,
  DeviceRecord,
  DeviceWarning,
  Party,
  ReadSink,
} from './types.js';
import { readUfdr, readUfedXml } from './ufdr.js';

/**
 * `schakel device import`: one extraction of one evidence item into the store. The evidence is
 * only read: file systems from a private copy (see extraction.ts), UFDR and XML streamed. Before
 * anything is read every source file is hashed; the import records who, when, which Schakel and
 * those hashes, and the item's chain of custody gets an `imported` step. The same extraction
 * imported again is recognised by its hashes and not read twice; an import that was interrupted is
 * removed and redone, so nothing is ever counted double.
 */

export interface DeviceImportOptions {
  path: string;
  /** The evidence number of the item (on its bag). */
  item: string;
  /** Needed when the item is new; must match the item's when it exists. */
  investigation?: string;
  format?: DeviceFormat;
  /** Country for numbers without a country code (default NL). */
  country?: string;
  csvMapping?: CsvMapping;
  onProgress?: (p: { records: number }) => void;
}

const BATCH = 2_000;

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function hashAll(x: Extraction): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  for (const f of x.files) out.push({ path: f, ...(await sha256File(x.path(f))) });
  return out;
}

function fingerprintOf(container: HashedFile | null, files: readonly HashedFile[]): string {
  if (container) return container.sha256;
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
    h.update(`${f.path}\t${f.sha256}\n`);
  return h.digest('hex');
}

const emptyCounts = (): DeviceCounts => ({
  contacts: 0,
  calls: 0,
  chats: 0,
  messages: 0,
  accounts: 0,
  media: 0,
});

const COUNT_OF: Record<RecordKind, keyof DeviceCounts> = {
  contact: 'contacts',
  call: 'calls',
  chat: 'chats',
  message: 'messages',
  account: 'accounts',
};

type Row = Record<string, string | number | null>;

function where(r: DeviceRecord, importSeq: number): Row {
  return {
    import_seq: importSeq,
    app: r.app,
    prov_file: r.prov.file,
    prov_table: r.prov.table ?? null,
    prov_row: r.prov.rowId ?? null,
  };
}

/** The row a record is stored as. */
export function recordRow(r: DeviceRecord, importSeq: number): Row {
  const base = where(r, importSeq);
  switch (r.kind) {
    case 'contact':
      return {
        ...base,
        name: r.name,
        phones: JSON.stringify(r.phones),
        emails: JSON.stringify(r.emails),
      };
    case 'call':
      return {
        ...base,
        direction: r.direction,
        party: r.party?.raw ?? null,
        party_e164: r.party?.e164 ?? null,
        at: r.at.utc,
        at_original: r.at.original,
        at_zone: r.at.zone,
        duration_s: r.durationSeconds,
        video: r.video ? 1 : 0,
      };
    case 'chat':
      return {
        ...base,
        chat_key: r.key,
        is_group: r.group ? 1 : 0,
        subject: r.subject,
        participants: JSON.stringify(r.participants),
        created_at: r.createdAt?.utc ?? null,
      };
    case 'message':
      return {
        ...base,
        chat_key: r.chatKey,
        direction: r.direction,
        sender: r.sender?.raw ?? null,
        sender_e164: r.sender?.e164 ?? null,
        at: r.at.utc,
        at_original: r.at.original,
        at_zone: r.at.zone,
        text: r.text,
        attachments: r.attachments.length > 0 ? JSON.stringify(r.attachments) : null,
      };
    case 'account':
      return { ...base, identifier: r.identifier, display_name: r.displayName };
  }
}

/** The numbers a record shows, with the role they play in it. */
function numbersOf(r: DeviceRecord): [string, string][] {
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

/** Collects records and writes them out in batches, one transaction per batch. */
class StoreSink implements ReadSink {
  readonly counts = emptyCounts();
  readonly warnings: DeviceWarning[] = [];
  readonly ownerPhones = new Set<string>();
  readonly ownerAccounts = new Set<string>();
  readonly numbers = new Map<string, number>();
  private pending = new Map<RecordKind, Row[]>();
  private held = 0;
  private written = 0;

  constructor(
    private readonly store: Store,
    private readonly importSeq: number,
    readonly country: string,
    private readonly onProgress?: (p: { records: number }) => void,
  ) {}

  record(r: DeviceRecord): void {
    const rows = this.pending.get(r.kind) ?? [];
    rows.push(recordRow(r, this.importSeq));
    this.pending.set(r.kind, rows);
    this.held++;
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
    if (this.held === 0 || (!force && this.held < BATCH)) return;
    const batch = this.pending;
    this.pending = new Map();
    this.written += this.held;
    this.held = 0;
    await this.store.transaction(async (tx) => {
      for (const [kind, rows] of batch) await tx.devices.insertRecords(kind, rows);
    });
    this.onProgress?.({ records: this.written });
  }
}

/** An extraction opened and hashed, not yet read. */
interface Source {
  format: DeviceFormat;
  container: HashedFile | null;
  files: HashedFile[];
  read(sink: ReadSink): Promise<void>;
  close(): void;
}

async function openSource(
  path: string,
  format: DeviceFormat | undefined,
  warn: (w: DeviceWarning) => void,
  csvMapping: CsvMapping | undefined,
): Promise<Source> {
  const label = basename(path);
  const container = containerOf(path);
  if (container.kind === 'file' || (container.kind === 'archive' && container.archive === 'zip')) {
    const named =
      format ??
      (container.kind === 'file'
        ? fileFormat(path)
        : isUfdrListing(await zipEntryNames(path).catch(() => []))
          ? 'ufdr'
          : null);
    if (named === 'ufdr' || named === 'ufed-xml' || named === 'csv') {
      const hashed = { path: label, ...(await sha256File(path)) };
      return {
        format: named,
        container: hashed,
        files: [hashed],
        read: (sink) =>
          named === 'ufdr'
            ? readUfdr(path, sink)
            : named === 'ufed-xml'
              ? readUfedXml(path, sink, label)
              : readCsv([{ path, kind: csvKind(path) }], csvMapping ?? {}, sink),
        close: () => undefined,
      };
    }
  }
  // A file system: a folder, or an archive unpacked into a private folder.
  const hashed = container.kind === 'folder' ? null : { path: label, ...(await sha256File(path)) };
  const x =
    container.kind === 'folder'
      ? folderExtraction(path)
      : await unpackArchive(
          path,
          container.kind === 'archive' ? container.archive : 'zip',
          { warn },
          label,
        );
  const files = await hashAll(x);
  const fs = format === 'android-fs' || format === 'ios-fs' ? format : fileSystemFormat(x);
  return {
    format: fs ?? format ?? 'android-fs',
    container: hashed,
    files,
    async read(sink) {
      if (fs === null)
        sink.warn({
          file: label,
          message: `not recognised as an Android or iOS extraction (${x.files.length} files, no known databases): nothing read; name the format with --format`,
        });
      else await (fs === 'android-fs' ? readAndroid : readIos)(x, sink);
    },
    close: () => x.close(),
  };
}

function csvKind(path: string): 'contacts' | 'calls' | 'messages' {
  const name = basename(path).toLowerCase();
  if (/call|oproep|gesprek/.test(name)) return 'calls';
  if (/contact/.test(name)) return 'contacts';
  return 'messages';
}

export async function importDevice(
  ctx: Context,
  actor: Actor,
  opts: DeviceImportOptions,
): Promise<DeviceImportReport> {
  requirePermission(actor, 'devices.import');
  const path = resolve(opts.path);
  try {
    statSync(path);
  } catch {
    throw ValidationError.field('path', `${opts.path}: no such file or folder`);
  }
  const itemId = opts.item.trim();
  if (!itemId) throw ValidationError.field('item', 'the evidence number is required');
  const existing = await ctx.store.devices.item(itemId);
  const investigation = existing?.investigation_id ?? opts.investigation;
  if (!investigation)
    throw ValidationError.field(
      'investigation',
      `item ${itemId} is new: name its investigation (device content is visible to the investigation's members only)`,
    );
  if (existing && opts.investigation && opts.investigation !== existing.investigation_id)
    throw ValidationError.field('investigation', `item ${itemId} belongs to another investigation`);
  await requireMember(ctx, actor, investigation, 'device.import');
  const actorName = actor.name;
  const startedAt = ctx.now().toISOString();
  if (!existing)
    await ctx.store.transaction(async (tx) => {
      await tx.devices.createItem({
        id: itemId,
        investigation_id: investigation,
        kind: 'phone',
        description: null,
        created_at: startedAt,
        created_by: actorName,
      });
      await audit(tx, ctx.now(), actor, {
        action: 'evidence.create',
        targetType: 'evidence_item',
        targetId: itemId,
        investigationId: investigation,
        detail: { kind: 'phone', by: 'device import' },
      });
    });

  // Hashes first: they identify the extraction, so a re-import is found before anything is read.
  const early: DeviceWarning[] = [];
  const source = await openSource(path, opts.format, (w) => early.push(w), opts.csvMapping);
  try {
    const fingerprint = fingerprintOf(source.container, source.files);
    const before = await ctx.store.devices.importsByFingerprint(itemId, fingerprint);
    const done = before.find((b) => b.status === 'complete');
    if (done) {
      await audit(ctx.store, ctx.now(), actor, {
        action: 'device.reimport',
        targetType: 'evidence_item',
        targetId: itemId,
        investigationId: investigation,
        detail: { import: done.seq, fingerprint },
      });
      return {
        ...reportOf(done, investigation),
        reimport: true,
      };
    }
    // An interrupted import of the same extraction: its partial records go, then it is redone.
    for (const b of before) await ctx.store.devices.deleteImport(b.seq);

    const country = (opts.country ?? 'NL').toUpperCase();
    const importSeq = await ctx.store.devices.startImport({
      item_id: itemId,
      format: source.format,
      source_path: path,
      container_sha256: source.container?.sha256 ?? null,
      fingerprint,
      files: JSON.stringify(source.files),
      counts: '{}',
      owner: '{}',
      warnings: '[]',
      country,
      schakel_version: SOFTWARE,
      status: 'running',
      imported_by: actorName,
      started_at: startedAt,
      finished_at: null,
    });
    const sink = new StoreSink(ctx.store, importSeq, country, opts.onProgress);
    for (const w of early) sink.warn(w);
    await source.read(sink);
    await sink.drain(true);

    const owner = {
      phones: [...sink.ownerPhones].sort(),
      accounts: [...sink.ownerAccounts].sort(),
    };
    for (const p of owner.phones) sink.numbers.set(`${p}\towner`, 1);
    await ctx.store.devices.insertNumbers(
      [...sink.numbers].map(([k, count]) => {
        const [e164, role] = k.split('\t') as [string, string];
        return { import_seq: importSeq, e164, role, count };
      }),
    );
    const finishedAt = ctx.now();
    await ctx.store.transaction(async (tx) => {
      await tx.devices.finishImport(importSeq, {
        counts: JSON.stringify(sink.counts),
        owner: JSON.stringify(owner),
        warnings: JSON.stringify(sink.warnings),
        files: JSON.stringify(source.files),
        finished_at: finishedAt.toISOString(),
      });
      await tx.devices.addCustody({
        item_id: itemId,
        event: 'imported',
        at: finishedAt.toISOString(),
        actor_id: actor.id,
        actor_name: actorName,
        detail: JSON.stringify({
          import: importSeq,
          format: source.format,
          software: SOFTWARE,
          container: source.container,
          files: source.files.length,
          fingerprint,
          counts: sink.counts,
          warnings: sink.warnings.length,
        }),
        recorded_at: finishedAt.toISOString(),
      });
      await audit(tx, finishedAt, actor, {
        action: 'device.import',
        targetType: 'evidence_item',
        targetId: itemId,
        investigationId: investigation,
        detail: { import: importSeq, format: source.format, fingerprint, counts: sink.counts },
      });
    });
    return {
      item: itemId,
      investigation,
      import: importSeq,
      format: source.format,
      reimport: false,
      container: source.container,
      files: source.files,
      counts: sink.counts,
      owner,
      warnings: sink.warnings,
    };
  } finally {
    source.close();
  }
}

/** The report of an import already in the store. */
export function reportOf(row: DeviceImportRow, investigation: string): DeviceImportReport {
  const files = JSON.parse(row.files) as HashedFile[];
  return {
    item: row.item_id,
    investigation,
    import: row.seq,
    format: row.format as DeviceFormat,
    reimport: false,
    container: row.container_sha256
      ? (files.find((f) => f.sha256 === row.container_sha256) ?? null)
      : null,
    files,
    counts: { ...emptyCounts(), ...(JSON.parse(row.counts) as Partial<DeviceCounts>) },
    owner: { phones: [], accounts: [], ...(JSON.parse(row.owner) as object) },
    warnings: JSON.parse(row.warnings) as DeviceWarning[],
  };
}
