import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { verifyAuditTrail } from '../../access/audit-trail.js';
import { audit, type Context } from '../../access/context.js';
import { authOf } from '../auth.js';
import { AuditEntry, AuditQuery, ChainVerdict } from '../schemas.js';

export const auditRoutes: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'audit.read' as const };

  api.get(
    '/audit',
    {
      config,
      schema: {
        summary: 'The audit trail, newest first',
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(AuditEntry) }) },
      },
    },
    async (request) => {
      const { limit = 100, before } = request.query;
      const entries = await ctx.store.auditLog.list({
        limit,
        ...(before !== undefined ? { before } : {}),
      });
      // The trail names people: reading it is itself a read of personal data.
      await audit(ctx.store, ctx.now(), authOf(request).actor, {
        action: 'audit.read',
        detail: { limit, before: before ?? null },
      });
      return { entries };
    },
  );

  api.get(
    '/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: { summary: 'Walk the hash chain', response: { 200: ChainVerdict } },
    },
    async (request) => verifyAuditTrail(ctx, authOf(request).actor),
  );
};
