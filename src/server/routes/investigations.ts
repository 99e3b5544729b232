import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import {
  addMember,
  createInvestigation,
  getInvestigation,
  listInvestigations,
  removeMember,
} from '../../access/investigations.js';
import { authOf } from '../auth.js';
import {
  AddMemberBody,
  IdParams,
  Investigation,
  Member,
  NewInvestigationBody,
} from '../schemas.js';

export const investigationRoutes: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/investigations',
    {
      schema: {
        summary: 'Investigations you are a member of',
        response: { 200: Type.Object({ investigations: Type.Array(Investigation) }) },
      },
    },
    async (request) => ({ investigations: await listInvestigations(ctx, authOf(request).actor) }),
  );

  api.post(
    '/investigations',
    {
      config: { permission: 'investigations.create' },
      schema: {
        summary: 'Open an investigation with its purpose and legal basis',
        body: NewInvestigationBody,
        response: { 201: Investigation },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInvestigation(ctx, authOf(request).actor, request.body)),
  );

  api.get(
    '/investigations/:id',
    {
      schema: {
        summary: 'One investigation with its members (members only; others get 404)',
        params: IdParams,
        response: {
          200: Type.Intersect([Investigation, Type.Object({ members: Type.Array(Member) })]),
        },
      },
    },
    async (request) => getInvestigation(ctx, authOf(request).actor, request.params.id),
  );

  api.post(
    '/investigations/:id/members',
    {
      schema: {
        summary: 'Add a member',
        params: IdParams,
        body: AddMemberBody,
        response: { 201: Member },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addMember(ctx, authOf(request).actor, request.params.id, request.body.username),
        ),
  );

  api.delete(
    '/investigations/:id/members/:userId',
    {
      schema: {
        summary: 'Remove a member',
        params: Type.Object({
          id: Type.String({ maxLength: 64 }),
          userId: Type.String({ maxLength: 64 }),
        }),
      },
    },
    async (request, reply) => {
      await removeMember(ctx, authOf(request).actor, request.params.id, request.params.userId);
      return reply.status(204).send();
    },
  );
};
