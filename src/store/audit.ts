import type { Kysely } from 'kysely';
import {
  canonicalJson,
  sealEntry,
  type AuditChannel,
  type AuditEntry,
  type AuditEvent,
  type AuditOutcome,
} from '../access/audit-chain.js';
import type { AuditLogTable, Database } from './schema.js';

function toEntry(r: AuditLogTable): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    channel: r.channel as AuditChannel,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    investigationId: r.investigation_id,
    purpose: r.purpose,
    outcome: r.outcome as AuditOutcome,
    ip: r.ip,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class AuditRepo {
  /** `db` must be a transaction: the head update, the read and the insert are one step. */
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends one entry. Bumping the head row first takes the write lock on both databases (a row
   * lock in PostgreSQL, the RESERVED lock in SQLite), so concurrent appenders queue instead of
   * forking the chain.
   */
  async appendInTransaction(event: AuditEvent, at: string): Promise<AuditEntry> {
    await this.db
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    const head = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const { detail, ...rest } = event;
    const entry = sealEntry(head.hash, {
      ...rest,
      seq: Number(head.seq),
      at,
      detail: canonicalJson(detail),
    });
    await this.db
      .insertInto('audit_log')
      .values({
        seq: entry.seq,
        at: entry.at,
        actor_id: entry.actorId,
        actor_name: entry.actorName,
        channel: entry.channel,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        investigation_id: entry.investigationId,
        purpose: entry.purpose,
        outcome: entry.outcome,
        ip: entry.ip,
        detail: entry.detail,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      })
      .execute();
    await this.db.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute();
    return entry;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const head = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { seq: Number(head.seq), hash: head.hash };
  }

  /** Newest first. */
  async list(opts: {
    limit: number;
    before?: number;
    actorId?: string;
    investigationId?: string;
  }): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(opts.limit);
    if (opts.before !== undefined) q = q.where('seq', '<', opts.before);
    if (opts.actorId !== undefined) q = q.where('actor_id', '=', opts.actorId);
    if (opts.investigationId !== undefined)
      q = q.where('investigation_id', '=', opts.investigationId);
    return (await q.execute()).map(toEntry);
  }

  /** Every entry in ascending seq, a page at a time, so a long log verifies in flat memory. */
  async *ascending(pageSize = 5000): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) yield toEntry(r);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
}
