import type { LightMyRequestResponse } from 'fastify';
import { createUser } from '../../src/access/accounts.js';
import { SYSTEM_ACTOR } from '../../src/access/context.js';
import type { Role } from '../../src/access/roles.js';
import { buildServer, type App, type ServerOptions } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';

export const PASSWORD = 'test-password-1';

/** Creates the users a test needs; the first must be an admin (bootstrap). */
export async function seedUsers(
  store: Store,
  users: { username: string; roles: Role[]; unit?: string }[],
): Promise<void> {
  let actor = { ...SYSTEM_ACTOR, channel: 'cli' as const };
  for (const u of users) {
    const created = await createUser({ store, now: () => new Date() }, actor, {
      ...u,
      password: PASSWORD,
    });
    if (created.roles.includes('admin') && actor.id === null)
      actor = { ...actor, id: created.id, name: created.username, roles: created.roles };
  }
}

/** A signed-in API client over `app.inject`: carries the cookie and the CSRF token like a browser. */
export interface Client {
  csrf: string;
  cookie: string;
  request: (
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

export async function signIn(app: App, username: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'schakel_session')!;
  const client: Client = {
    csrf: (res.json() as { csrfToken: string }).csrfToken,
    cookie: `${cookie.name}=${cookie.value}`,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
  return client;
}

export async function testServer(store: Store, opts: Partial<ServerOptions> = {}): Promise<App> {
  const app = await buildServer({ store, ...opts });
  await app.ready();
  return app;
}
