import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { COUNT_OF, emptyCounts } from '../../src/intake/devices/rows.js';
import type {
  DeviceCounts,
  DeviceRecord,
  DeviceWarning,
  ReadSink,
} from '../../src/intake/devices/types.js';

/**
 * A ReadSink for reader tests: keeps every record, warning and owner statement in memory, and
 * notes how many records arrived between two drains (readers must drain at least every 2,000).
 */
export interface CollectingSink extends ReadSink {
  records: DeviceRecord[];
  warnings: DeviceWarning[];
  ownerPhones: Set<string>;
  ownerAccounts: Set<string>;
  /** How often drain() was awaited. */
  drains: number;
  /** The most records that arrived without a drain in between. */
  maxBetweenDrains: number;
}

export function collectingSink(country = 'NL'): CollectingSink {
  let sinceDrain = 0;
  const sink: CollectingSink = {
    country,
    records: [],
    warnings: [],
    ownerPhones: new Set(),
    ownerAccounts: new Set(),
    drains: 0,
    maxBetweenDrains: 0,
    record(r) {
      sink.records.push(r);
      sinceDrain += 1;
      if (sinceDrain > sink.maxBetweenDrains) sink.maxBetweenDrains = sinceDrain;
    },
    warn(w) {
      sink.warnings.push(w);
    },
    owner(o) {
      for (const p of o.phones ?? []) sink.ownerPhones.add(p);
      for (const a of o.accounts ?? []) sink.ownerAccounts.add(a);
    },
    drain() {
      sink.drains += 1;
      sinceDrain = 0;
      return Promise.resolve();
    },
  };
  return sink;
}

/** The records of one kind, typed. */
export function ofKind<K extends DeviceRecord['kind']>(
  records: readonly DeviceRecord[],
  kind: K,
): Extract<DeviceRecord, { kind: K }>[] {
  return records.filter((r): r is Extract<DeviceRecord, { kind: K }> => r.kind === kind);
}

/** Counts as truth.json gives them per device (media: messages with at least one attachment). */
export function recordCounts(records: readonly DeviceRecord[]): DeviceCounts {
  const counts = emptyCounts();
  for (const r of records) {
    counts[COUNT_OF[r.kind]]++;
    if (r.kind === 'message' && r.attachments.length > 0) counts.media++;
  }
  return counts;
}

/** sha256 of every file under `root`, by relative path: evidence must be the same after reading. */
export function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        out.set(
          relative(root, full).split(sep).join('/'),
          createHash('sha256').update(readFileSync(full)).digest('hex'),
        );
    }
  };
  walk(root);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
