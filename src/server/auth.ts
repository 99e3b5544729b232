import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfMatches, resolveSession } from '../access/accounts.js';
import type { Actor, Context } from '../access/context.js';
import { can, type Permission } from '../access/roles.js';
import type { Session } from '../store/sessions.js';
import type { User } from '../store/users.js';

export const SESSION_COOKIE = 'schakel_session';

export interface Auth {
  session: Session;
  user: User;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, meta, the OpenAPI document). */
    public?: boolean;
    /** The role permission a route needs; need-to-know checks happen in the services. */
    permission?: Permission;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller; routes that are not public can rely on it. */
export function authOf(request: FastifyRequest): Auth {
  if (!request.auth) throw new Error('authOf called on a public route');
  return request.auth;
}

/**
 * Session cookie → user, then CSRF and role permission, for every route in the scope. Installed
 * directly on the scope (not as an encapsulated plugin) so its hooks cover the routes beside it.
 */
export function installAuth(api: FastifyInstance, ctx: Context): void {
  api.decorateRequest('auth', null);
  api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(ctx, token) : undefined;
    if (resolved) {
      const { session, user } = resolved;
      request.auth = {
        session,
        user,
        actor: {
          id: user.id,
          name: user.username,
          roles: user.roles,
          channel: 'api',
          ip: request.ip,
        },
      };
    }
    if (config.public) return;
    if (!request.auth) {
      return reply
        .status(401)
        .send({ error: 'unauthenticated', message: 'sign in first (POST /api/auth/login)' });
    }
    if (
      !SAFE_METHODS.has(request.method) &&
      !csrfMatches(request.auth.session, request.headers['x-csrf-token'] as string | undefined)
    ) {
      return reply
        .status(403)
        .send({ error: 'csrf', message: 'missing or wrong x-csrf-token header' });
    }
    if (config.permission && !can(request.auth.user.roles, config.permission)) {
      return reply
        .status(403)
        .send({ error: 'forbidden', message: `this needs the permission ${config.permission}` });
    }
  });
}
