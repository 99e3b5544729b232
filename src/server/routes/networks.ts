import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import type { Gazetteer } from '../../geo/gazetteer.js';
import { adLinks, getNetwork, listNetworks } from '../../link/service.js';
import { authOf } from '../auth.js';
import {
  AdLinks,
  EvidenceView,
  IndicatorHit,
  NetworkDetail,
  NetworkQuery,
  NetworkSummary,
} from '../schemas.js';

export interface NetworkRouteOptions {
  ctx: Context;
  geo: () => Gazetteer;
}

export const networkRoutes: FastifyPluginAsync<NetworkRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.addSchema(NetworkSummary);
  api.addSchema(EvidenceView);
  api.addSchema(IndicatorHit);

  api.get(
    '/networks',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary: 'Networks of linked ads, largest first, with filters',
        querystring: NetworkQuery,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            networks: Type.Array(Type.Ref('NetworkSummary')),
          }),
        },
      },
    },
    async (request) => listNetworks(ctx, authOf(request).actor, request.query),
  );

  api.get(
    '/networks/:id',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary:
          'One network: its ads, every evidence edge with its role, templates with slots, shared photos, movement per week',
        description:
          'An id that has gone (merged into another network, or split) answers with the network its ad is in now.',
        params: Type.Object({ id: Type.String({ pattern: '^net-[0-9a-f]{32}$' }) }),
        response: { 200: NetworkDetail },
      },
    },
    async (request) => getNetwork(ctx, authOf(request).actor, opts.geo(), request.params.id),
  );

  api.get(
    '/ads/:id/links',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary: 'Why an ad is linked: its network and, per linked ad, the evidence',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) }),
        response: { 200: AdLinks },
      },
    },
    async (request) => adLinks(ctx, authOf(request).actor, request.params.id),
  );
};
