import { createHash } from 'node:crypto';

/**
 * The tamper-evident audit chain, as pure functions: `hash = sha256(previous hash ‖ canonical entry)`.
 * The store appends and reads entries; this module decides what an entry's hash is and whether a
 * sequence of entries is an unbroken chain.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type AuditChannel = 'api' | 'cli' | 'system';
export type AuditOutcome = 'ok' | 'denied' | 'failed';

/** What a caller says happened. */
export interface AuditEvent {
  actorId: string | null;
  actorName: string;
  channel: AuditChannel;
  action: string;
  targetType: string | null;
  targetId: string | null;
  investigationId: string | null;
  purpose: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** An event as it sits in the chain. */
export interface AuditEntry extends Omit<AuditEvent, 'detail'> {
  seq: number;
  at: string;
  /** Canonical JSON of the event's detail, stored as text so the hash covers exactly these bytes. */
  detail: string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth: one byte string per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

type Hashable = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The fields in a fixed order; adding a field means a new chain version, never a silent change. */
function canonicalEntry(e: Hashable): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actorId,
    e.actorName,
    e.channel,
    e.action,
    e.targetType,
    e.targetId,
    e.investigationId,
    e.purpose,
    e.outcome,
    e.ip,
    e.detail,
  ]);
}

export function entryHash(prevHash: string, entry: Hashable): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(entry)).digest('hex');
}

export function sealEntry(prevHash: string, entry: Hashable): AuditEntry {
  return { ...entry, prevHash, hash: entryHash(prevHash, entry) };
}

export type ChainProblemKind = 'altered' | 'deleted' | 'inserted' | 'truncated' | 'broken';

export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  headHash: string;
  problem?: ChainProblem;
}

/**
 * Walks the entries in ascending `seq` and names the first one that was altered, deleted or
 * inserted. `head` is what the store recorded as the last seq and hash, which exposes a cut-off tail.
 * Streams: it holds two hashes, not the log.
 */
export async function verifyChain(
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
  head: { seq: number; hash: string },
): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevPrevHash: string | null = null;
  let checked = 0;
  const fail = (problem: ChainProblem): ChainVerdict => ({
    ok: false,
    checked,
    headHash: prevHash,
    problem,
  });

  for await (const e of entries) {
    if (e.seq > expectedSeq) {
      const gap = e.seq - expectedSeq;
      return fail({
        seq: expectedSeq,
        kind: 'deleted',
        message: `entry ${expectedSeq} is missing${gap > 1 ? ` (entries ${expectedSeq}–${e.seq - 1})` : ''}: the chain jumps from ${expectedSeq - 1} to ${e.seq}`,
      });
    }
    if (e.prevHash !== prevHash) {
      if (prevPrevHash !== null && e.prevHash === prevPrevHash) {
        return fail({
          seq: expectedSeq - 1,
          kind: 'inserted',
          message: `entry ${expectedSeq - 1} was inserted: entry ${e.seq} was chained to the entry before it`,
        });
      }
      return fail({
        seq: expectedSeq - 1,
        kind: 'altered',
        message: `entry ${expectedSeq - 1} was altered and re-hashed: entry ${e.seq} recorded a different hash for it`,
      });
    }
    const computed = entryHash(e.prevHash, e);
    if (computed !== e.hash) {
      return fail({
        seq: e.seq,
        kind: 'altered',
        message: `entry ${e.seq} (${e.action} by ${e.actorName} at ${e.at}) was altered: its content no longer matches its hash`,
      });
    }
    prevPrevHash = prevHash;
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
    checked++;
  }

  const lastSeq = expectedSeq - 1;
  if (head.seq > lastSeq) {
    return fail({
      seq: lastSeq + 1,
      kind: 'truncated',
      message: `entries ${lastSeq + 1}–${head.seq} are missing: the log ends at ${lastSeq} but the chain head says ${head.seq}`,
    });
  }
  if (head.seq < lastSeq || head.hash !== prevHash) {
    return fail({
      seq: head.seq + 1,
      kind: lastSeq > head.seq ? 'inserted' : 'broken',
      message:
        lastSeq > head.seq
          ? `entries ${head.seq + 1}–${lastSeq} were added outside the log: the chain head says ${head.seq}`
          : `the chain head's hash does not match entry ${lastSeq}`,
    });
  }
  return { ok: true, checked, headHash: prevHash };
}
