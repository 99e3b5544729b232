import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/server/app.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';
import { PASSWORD, seedUsers, signIn, testServer, type Client } from '../helpers/server.js';

interface ErrorBody {
  error: string;
  message: string;
  fields?: { field: string; message: string }[];
}
const fieldsOf = (body: string) =>
  ((JSON.parse(body) as ErrorBody).fields ?? []).map((f) => f.field).sort();

for (const backend of BACKENDS) {
  describe(`API: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let app: App;
    let admin: Client;
    before(async () => {
      t = await backend.open();
      await seedUsers(t.store, [
        { username: 'beheer', roles: ['admin'] },
        { username: 'lead-am', roles: ['operational_lead'], unit: 'AM' },
        { username: 'analist-rt', roles: ['analyst'], unit: 'RT' },
        { username: 'auditor', roles: ['auditor'] },
      ]);
      app = await testServer(t.store, { loginRateLimit: 5 });
      admin = await signIn(app, 'beheer');
    });
    after(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('signs in with a cookie a script cannot read and a cross-site request does not carry', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'lead-am', password: PASSWORD },
      });
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'schakel_session')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/');
      const body = res.json() as {
        user: { username: string; roles: string[] };
        csrfToken: string;
        permissions: string[];
      };
      assert.equal(body.user.username, 'lead-am');
      assert.ok(body.permissions.includes('operations.manage'));
      assert.equal('passwordHash' in body.user, false);
    });

    it('answers a wrong password with 401, never saying which half was wrong', async () => {
      const wrongPassword = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'lead-am', password: 'nope-nope' },
      });
      const unknownUser = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ghost', password: 'nope-nope' },
      });
      assert.equal(wrongPassword.statusCode, 401);
      assert.equal(unknownUser.body, wrongPassword.body);
      const failures = (await t.store.auditLog.list({ limit: 5 })).filter(
        (e) => e.action === 'auth.login' && e.outcome === 'failed',
      );
      assert.ok(failures.some((e) => e.actorName === 'ghost'));
    });

    it('requires a session, and the CSRF token on every change', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
      assert.equal((await admin.request('GET', '/api/auth/me')).statusCode, 200);
      const noToken = await admin.request(
        'POST',
        '/api/users',
        { username: 'x1', password: PASSWORD, roles: ['analyst'] },
        { 'x-csrf-token': '' },
      );
      assert.equal(noToken.statusCode, 403);
      assert.equal((noToken.json() as ErrorBody).error, 'csrf');
      const wrongToken = await admin.request('POST', '/api/auth/logout', undefined, {
        'x-csrf-token': 'forged',
      });
      assert.equal(wrongToken.statusCode, 403);
    });

    it('lets an admin add, list and disable users; a disabled user is signed out at once', async () => {
      const created = await admin.request('POST', '/api/users', {
        username: 'agent-rt',
        password: PASSWORD,
        roles: ['field_officer'],
        unit: 'RT',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as { user: { id: string } }).user.id;
      const agent = await signIn(app, 'agent-rt');
      assert.equal((await agent.request('GET', '/api/auth/me')).statusCode, 200);
      const listed = (await admin.request('GET', '/api/users')).json() as {
        users: { username: string }[];
      };
      assert.ok(listed.users.some((u) => u.username === 'agent-rt'));

      const disabled = await admin.request('PATCH', `/api/users/${id}`, { disabled: true });
      assert.equal(disabled.statusCode, 200);
      assert.ok((disabled.json() as { user: { disabledAt: string | null } }).user.disabledAt);
      assert.equal((await agent.request('GET', '/api/auth/me')).statusCode, 401);
    });

    it('forbids user management to everyone but admins', async () => {
      const lead = await signIn(app, 'lead-am');
      const res = await lead.request('GET', '/api/users');
      assert.equal(res.statusCode, 403);
      assert.equal((res.json() as ErrorBody).error, 'forbidden');
    });

    it('ends sessions on logout and on an admin revoke', async () => {
      const a = await signIn(app, 'analist-rt');
      const b = await signIn(app, 'analist-rt');
      const sessions = (await a.request('GET', '/api/auth/sessions')).json() as {
        sessions: { id: string; current: boolean }[];
      };
      assert.ok(sessions.sessions.length >= 2);
      assert.equal(sessions.sessions.filter((s) => s.current).length, 1);
      assert.equal((await a.request('POST', '/api/auth/logout')).statusCode, 204);
      assert.equal((await a.request('GET', '/api/auth/me')).statusCode, 401);
      assert.equal((await b.request('GET', '/api/auth/me')).statusCode, 200);
      const user = (
        (await admin.request('GET', '/api/users')).json() as {
          users: { id: string; username: string }[];
        }
      ).users.find((u) => u.username === 'analist-rt')!;
      const revoked = await admin.request('POST', `/api/users/${user.id}/revoke-sessions`);
      assert.equal((revoked.json() as { revoked: number }).revoked >= 1, true);
      assert.equal((await b.request('GET', '/api/auth/me')).statusCode, 401);
    });

    it('hides an investigation from non-members with 404 and audits the attempt', async () => {
      const lead = await signIn(app, 'lead-am');
      const created = await lead.request('POST', '/api/investigations', {
        name: 'Actiedag 28 maart',
        purpose: 'Uitbuiting in escort',
        legalBasis: 'Wpg art. 9',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as { id: string }).id;
      assert.equal((await lead.request('GET', `/api/investigations/${id}`)).statusCode, 200);

      const outsider = await signIn(app, 'analist-rt');
      const hidden = await outsider.request('GET', `/api/investigations/${id}`);
      const missing = await outsider.request('GET', '/api/investigations/does-not-exist');
      assert.equal(hidden.statusCode, 404);
      assert.equal(missing.statusCode, 404);
      assert.equal(hidden.body, missing.body);
      assert.deepEqual(
        (
          (await outsider.request('GET', '/api/investigations')).json() as {
            investigations: unknown[];
          }
        ).investigations,
        [],
      );
      const denied = (await t.store.auditLog.list({ limit: 10 })).find(
        (e) => e.outcome === 'denied' && e.investigationId === id,
      );
      assert.equal(denied?.actorName, 'analist-rt');
      assert.equal(denied?.channel, 'api');

      assert.equal(
        (
          await lead.request('POST', `/api/investigations/${id}/members`, {
            username: 'analist-rt',
          })
        ).statusCode,
        201,
      );
      assert.equal((await outsider.request('GET', `/api/investigations/${id}`)).statusCode, 200);
    });

    it('answers bad input with 400 naming each field, never 500', async () => {
      const wrongTypes = await admin.request('POST', '/api/users', {
        username: 42,
        password: true,
        roles: 'admin',
      });
      assert.equal(wrongTypes.statusCode, 400);
      assert.deepEqual(fieldsOf(wrongTypes.body), ['body/password', 'body/roles', 'body/username']);

      const lead = await signIn(app, 'lead-am');
      const missing = await lead.request('POST', '/api/investigations', { name: 'x' });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(fieldsOf(missing.body), ['body/legalBasis', 'body/purpose']);

      const unknownField = await admin.request('PATCH', '/api/users/whatever', {
        rolez: ['admin'],
      });
      assert.equal(unknownField.statusCode, 400);
      assert.deepEqual(fieldsOf(unknownField.body), ['body/rolez']);

      const tooLong = await admin.request('POST', '/api/users', {
        username: 'a'.repeat(65),
        password: PASSWORD,
        roles: ['analyst'],
      });
      assert.equal(tooLong.statusCode, 400);
      assert.deepEqual(fieldsOf(tooLong.body), ['body/username']);

      const semantic = await admin.request('POST', '/api/users', {
        username: 'ok-name',
        password: 'short',
        roles: ['wizard'],
        unit: 'XX',
      });
      assert.equal(semantic.statusCode, 400);
      assert.deepEqual(fieldsOf(semantic.body), ['body/password', 'body/roles', 'body/unit']);

      const badJson = await admin.request('POST', '/api/users', '{"username": ', {
        'content-type': 'application/json',
      });
      assert.equal(badJson.statusCode, 400);
      assert.deepEqual(fieldsOf(badJson.body), ['body']);

      const badQuery = await t.store.users.byUsername('auditor').then(() => signIn(app, 'auditor'));
      const query = await badQuery.request('GET', '/api/audit?limit=lots');
      assert.equal(query.statusCode, 400);
      assert.deepEqual(fieldsOf(query.body), ['querystring/limit']);
    });

    it('refuses a body over the limit with 413, naming the limit', async () => {
      const huge = { username: 'x', password: 'y'.repeat(2 * 1024 * 1024), roles: ['analyst'] };
      const res = await admin.request('POST', '/api/users', huge);
      assert.equal(res.statusCode, 413);
      assert.deepEqual(fieldsOf(res.body), ['body']);
    });

    it('lets the auditor read and verify the trail, and nobody else read it', async () => {
      const auditor = await signIn(app, 'auditor');
      const entries = (await auditor.request('GET', '/api/audit?limit=5')).json() as {
        entries: { seq: number }[];
      };
      assert.equal(entries.entries.length, 5);
      assert.ok(entries.entries[0]!.seq > entries.entries[4]!.seq);
      const verdict = (await auditor.request('GET', '/api/audit/verify')).json() as {
        ok: boolean;
        checked: number;
      };
      assert.equal(verdict.ok, true);
      assert.equal((await admin.request('GET', '/api/audit')).statusCode, 403);
    });

    it('rate-limits login attempts per address and account', async () => {
      let last = 0;
      const attempt = (remoteAddress: string, username: string, password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username, password },
        });
      for (let i = 0; i < 8; i++)
        last = (await attempt('192.0.2.7', 'beheer', 'wrong-one')).statusCode;
      assert.equal(last, 429);
      // Even the right password waits out the window from that address…
      assert.equal((await attempt('192.0.2.7', 'beheer', PASSWORD)).statusCode, 429);
      // …while another address, or another account from the same address, is not held up.
      assert.equal((await attempt('192.0.2.8', 'beheer', PASSWORD)).statusCode, 200);
      assert.equal((await attempt('192.0.2.7', 'auditor', PASSWORD)).statusCode, 200);
    });

    it('serves health, meta, the OpenAPI document and security headers', async () => {
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 200);
      assert.equal((health.json() as { database: string }).database, 'ok');
      const meta = (await app.inject({ method: 'GET', url: '/api/meta' })).json() as {
        demo: boolean;
        database: string;
      };
      assert.deepEqual([meta.demo, meta.database], [false, backend.name]);
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      assert.match(doc.openapi, /^3\./);
      for (const path of [
        '/api/auth/login',
        '/api/users',
        '/api/investigations/{id}',
        '/api/audit/verify',
      ])
        assert.ok(doc.paths[path], path);
      assert.match(String(health.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(health.headers['x-content-type-options'], 'nosniff');
      assert.equal(health.headers['x-frame-options'], 'SAMEORIGIN');
    });

    it('answers an unknown API route with 404 once signed in, 401 before', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode, 401);
      assert.equal((await admin.request('GET', '/api/nothing-here')).statusCode, 404);
    });
  });
}
