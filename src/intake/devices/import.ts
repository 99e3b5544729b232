import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { audit, requirePermission, type Actor, type Context } from '../../access/context.js';
import { requireMember } from '../../access/investigations.js';
import type { DeviceImportReport, HashedFile } from '../../model/devices.js';
import { ValidationError } from '../../model/errors.js';
import type { DeviceImportRow, RecordKind } from '../../store/devices.js';
import { SOFTWARE } from '../../version.js';
import type { CsvMapping } from './csv.js';
import { openInThread } from './reader-thread.js';
import { COLUMNS, emptyCounts, type Value } from './rows.js';
import type { DeviceCounts, DeviceFormat, DeviceWarning } from './types.js';

export type { DeviceImportReport, HashedFile } from '../../model/devices.js';
export { sha256File } from '../../util/hash.js';

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
  /** Country for numbers without a country code; default: the phone's own (SIM), else NL. */
  country?: string;
  csvMapping?: CsvMapping;
  onProgress?: (p: { records: number }) => void;
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
  const reader = await openInThread({
    path,
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.csvMapping ? { csvMapping: opts.csvMapping } : {}),
  });
  const source = reader.opened;
  // Numbers typed without a country code are read in the phone's own country, unless told.
  const country = (opts.country ?? source.country ?? 'NL').toUpperCase();
  try {
    const fingerprint = source.fingerprint;
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
    let written = 0;
    const sink = await reader.read(importSeq, country, async (batch, records) => {
      await ctx.store.transaction(async (tx) => {
        for (const [kind, values] of Object.entries(batch) as [RecordKind, Value[]][])
          await tx.devices.insertRecords(kind, COLUMNS[kind], values);
      });
      written += records;
      opts.onProgress?.({ records: written });
    });
    await ctx.store.devices.indexMessages(importSeq);
    await ctx.store.devices.insertSources(importSeq, sink.sources);
    const owner = sink.owner;
    await ctx.store.devices.insertNumbers(
      sink.numbers.map(([k, count]) => {
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
    await reader.close();
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
