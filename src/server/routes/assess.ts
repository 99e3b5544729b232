import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import {
  fairness,
  indicatorCatalogue,
  review,
  riskOf,
  setIndicator,
  triageQueue,
} from '../../assess/service.js';
import { authOf } from '../auth.js';
import {
  Contribution,
  FairnessReport,
  IndicatorView,
  ReviewBody,
  RiskView,
  TriageItem,
  TriageQuery,
} from '../schemas.js';

export interface AssessRouteOptions {
  ctx: Context;
}

export const assessRoutes: FastifyPluginAsync<AssessRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.addSchema(Contribution);

  api.get(
    '/triage',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary:
          'The triage queue: networks (default) or ads by risk, highest first, with top reasons',
        querystring: TriageQuery,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(TriageItem) }) },
      },
    },
    async (request) => triageQueue(ctx, authOf(request).actor, request.query),
  );

  api.post(
    '/triage/reviews',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary:
          'Mark an ad or network reviewed, not relevant, or selected for an action day, with a reason',
        body: ReviewBody,
      },
    },
    async (request, reply) => {
      await review(ctx, authOf(request).actor, request.body);
      return reply.status(204).send();
    },
  );

  api.get(
    '/ads/:id/risk',
    {
      config: { permission: 'ads.read' },
      schema: {
        summary: "An ad's risk: every contributing indicator with the text or fact behind it",
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) }),
        response: { 200: RiskView },
      },
    },
    async (request) => riskOf(ctx, authOf(request).actor, 'ad', request.params.id),
  );

  api.get(
    '/networks/:id/risk',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary: "A network's risk: its ads' indicators by share and its own, each with evidence",
        params: Type.Object({ id: Type.String({ pattern: '^net-[0-9a-f]{32}$' }) }),
        response: { 200: RiskView },
      },
    },
    async (request) => riskOf(ctx, authOf(request).actor, 'network', request.params.id),
  );

  api.get(
    '/indicators',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary:
          'The indicator catalogue with the active weights, switches and the source of each default',
        response: {
          200: Type.Object({ model: Type.String(), indicators: Type.Array(IndicatorView) }),
        },
      },
    },
    async (request) => indicatorCatalogue(ctx, authOf(request).actor),
  );

  api.put(
    '/indicators/:code',
    {
      config: { permission: 'ads.import' },
      schema: {
        summary:
          'Switch an indicator on or off: a new model version, activated and audited; everything is re-scored',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z_]+$', maxLength: 60 }) }),
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: {
          200: Type.Object({ model: Type.String(), ads: Type.Integer(), networks: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const s = await setIndicator(
        ctx,
        authOf(request).actor,
        request.params.code,
        request.body.enabled,
      );
      return { model: s.model, ads: s.ads, networks: s.networks };
    },
  );

  api.get(
    '/assess/fairness',
    {
      config: { permission: 'networks.read' },
      schema: {
        summary: 'Score distributions per police unit and per stated nationality/ethnicity',
        response: { 200: FairnessReport },
      },
    },
    async (request) => fairness(ctx, authOf(request).actor),
  );
};
