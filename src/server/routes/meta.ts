import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import { roleTable } from '../../access/roles.js';
import { isDemo } from '../../demo.js';
import { POLICE_UNITS } from '../../model/units.js';
import { VERSION } from '../../version.js';
import { Permission, Role } from '../schemas.js';

export const metaRoutes: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/meta',
    {
      config: { public: true },
      schema: {
        summary: 'Version, database kind, and whether the data is the synthetic demo',
        response: {
          200: Type.Object({
            version: Type.String(),
            demo: Type.Boolean(),
            database: Type.String(),
          }),
        },
      },
    },
    async () => ({ version: VERSION, demo: await isDemo(ctx.store), database: ctx.store.dialect }),
  );
  api.get(
    '/roles',
    {
      schema: {
        summary: 'Roles and the permissions each grants',
        response: {
          200: Type.Object({
            roles: Type.Array(Type.Object({ role: Role, permissions: Type.Array(Permission) })),
          }),
        },
      },
    },
    async () => ({ roles: roleTable() }),
  );
  api.get(
    '/units',
    {
      schema: {
        summary: 'The ten regional police units',
        response: {
          200: Type.Object({
            units: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
          }),
        },
      },
    },
    async () => ({ units: POLICE_UNITS.map((u) => ({ ...u })) }),
  );
};
