import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { createUser, listUsers, revokeUserSessions, updateUser } from '../../access/accounts.js';
import type { Context } from '../../access/context.js';
import { authOf } from '../auth.js';
import { IdParams, NewUserBody, User, UserPatchBody } from '../schemas.js';

export const userRoutes: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = { permission: 'users.manage' as const };

  api.get(
    '/users',
    {
      config,
      schema: { summary: 'All users', response: { 200: Type.Object({ users: Type.Array(User) }) } },
    },
    async (request) => ({ users: await listUsers(ctx, authOf(request).actor) }),
  );

  api.post(
    '/users',
    {
      config,
      schema: {
        summary: 'Add a user',
        body: NewUserBody,
        response: { 201: Type.Object({ user: User }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ user: await createUser(ctx, authOf(request).actor, request.body) }),
  );

  api.patch(
    '/users/:id',
    {
      config,
      schema: {
        summary: 'Change roles, unit, name or password; disable or enable',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: Type.Object({ user: User }) },
      },
    },
    async (request) => ({
      user: await updateUser(ctx, authOf(request).actor, request.params.id, request.body),
    }),
  );

  api.post(
    '/users/:id/revoke-sessions',
    {
      config,
      schema: {
        summary: 'End every session of a user',
        params: IdParams,
        response: { 200: Type.Object({ revoked: Type.Integer() }) },
      },
    },
    async (request) => ({
      revoked: await revokeUserSessions(ctx, authOf(request).actor, request.params.id),
    }),
  );
};
