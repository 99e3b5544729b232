import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { login, logout, revokeOwnSession } from '../../access/accounts.js';
import type { Context } from '../../access/context.js';
import { permissionsOf } from '../../access/roles.js';
import type { User } from '../../store/users.js';
import { authOf, SESSION_COOKIE } from '../auth.js';
import { IdParams, LoginBody, Me, Session } from '../schemas.js';

const me = (user: User, csrfToken: string) => ({
  user,
  csrfToken,
  permissions: [...permissionsOf(user.roles)],
});

export const authRoutes: FastifyPluginAsync<{ ctx: Context; loginRateLimit: number }> = async (
  app,
  { ctx, loginRateLimit },
) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/auth/login',
    {
      config: {
        public: true,
        // Per address and account: stops guessing at one account without locking out an office
        // behind one NAT address at the start of a shift.
        rateLimit: {
          max: loginRateLimit,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
      schema: {
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        body: LoginBody,
        response: { 200: Me, 401: { $ref: 'Error#' } },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      if (!result)
        return reply
          .status(401)
          .send({ error: 'invalid_credentials', message: 'wrong username or password' });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        expires: new Date(result.session.expiresAt),
      });
      return me(result.user, result.session.csrfToken);
    },
  );

  api.post('/auth/logout', { schema: { summary: 'End this session' } }, async (request, reply) => {
    const auth = authOf(request);
    await logout(ctx, auth.actor, auth.session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  api.get(
    '/auth/me',
    { schema: { summary: 'The signed-in user and the CSRF token', response: { 200: Me } } },
    async (request: FastifyRequest) => {
      const auth = authOf(request);
      return me(auth.user, auth.session.csrfToken);
    },
  );

  api.get(
    '/auth/sessions',
    {
      schema: {
        summary: 'Your live sessions',
        response: { 200: Type.Object({ sessions: Type.Array(Session) }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const sessions = await ctx.store.sessions.activeOf(auth.user.id, ctx.now().toISOString());
      return { sessions: sessions.map((s) => ({ ...s, current: s.id === auth.session.id })) };
    },
  );

  api.delete(
    '/auth/sessions/:id',
    { schema: { summary: 'End one of your sessions', params: IdParams } },
    async (request, reply) => {
      await revokeOwnSession(ctx, authOf(request).actor, request.params.id);
      return reply.status(204).send();
    },
  );
};
