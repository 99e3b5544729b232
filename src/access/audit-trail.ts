import { verifyChain, type ChainVerdict } from './audit-chain.js';
import { audit, requirePermission, type Actor, type Context } from './context.js';

/**
 * Walks the whole stored chain and records that it was checked (and by whom). The check itself is
 * pure (audit-chain.ts); this is the adapter that feeds it from the store.
 */
export async function verifyAuditTrail(
  ctx: Context,
  actor: Actor,
  progress?: { start: (total: number) => void; tick: () => void },
): Promise<ChainVerdict> {
  requirePermission(actor, 'audit.verify');
  const head = await ctx.store.auditLog.head();
  progress?.start(head.seq);
  const log = ctx.store.auditLog;
  async function* entries() {
    for await (const entry of log.ascending()) {
      progress?.tick();
      yield entry;
    }
  }
  const verdict = await verifyChain(entries(), head);
  // Record the check only on an intact chain: appending to a broken one would bury the evidence.
  if (verdict.ok) {
    await audit(ctx.store, ctx.now(), actor, {
      action: 'audit.verify',
      detail: { checked: verdict.checked, headHash: verdict.headHash },
    });
  }
  return verdict;
}
