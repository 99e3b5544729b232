import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../src/store/migrations/index.js';
import { schakel, startSchakel } from '../helpers/cli.js';

describe('CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    env = { SCHAKEL_DB: join(dir, 'schakel.db'), SCHAKEL_DATABASE_URL: '' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates a fresh database and says so; a second run has nothing to do', () => {
    const first = schakel(['db', 'migrate', '--json'], env);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(
      (JSON.parse(first.stdout) as { applied: string[] }).applied,
      Object.keys(migrations('sqlite')),
    );
    const second = schakel(['db', 'migrate'], env);
    assert.match(second.stdout, /up to date/);
  });

  it('creates the first admin on a fresh install, then acts as that single admin', () => {
    const refused = schakel(
      ['users', 'add', 'eerste', '--role', 'analyst', '--password', 'password-1'],
      env,
    );
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /roles: the first account must be an admin/);

    const first = schakel(
      ['users', 'add', 'beheer', '--role', 'admin', '--password', 'password-1'],
      env,
    );
    assert.equal(first.status, 0, first.stderr);
    const second = schakel(
      ['users', 'add', 'anna', '--role', 'analyst,operational_lead', '--unit', 'AM', '--json'],
      env,
    );
    assert.equal(second.status, 0, second.stderr);
    const created = JSON.parse(second.stdout) as {
      user: { roles: string[]; unit: string };
      password: string;
    };
    assert.deepEqual(created.user.roles, ['analyst', 'operational_lead']);
    assert.ok(created.password.length >= 12, 'a generated password is printed once');

    const listed = JSON.parse(schakel(['users', 'list', '--json'], env).stdout) as {
      username: string;
      roles: string[];
    }[];
    assert.deepEqual(
      listed.map((u) => u.username),
      ['anna', 'beheer'],
    );
  });

  it('exits 2 on usage errors and names what was wrong', () => {
    const badRole = schakel(['users', 'add', 'x', '--role', 'wizard'], env);
    assert.equal(badRole.status, 2);
    assert.match(badRole.stderr, /unknown role wizard/);
    const unknownCommand = schakel(['frobnicate'], env);
    assert.equal(unknownCommand.status, 2);
    const noSuchUser = schakel(['--as', 'ghost', 'users', 'list'], env);
    assert.equal(noSuchUser.status, 2);
    assert.match(noSuchUser.stderr, /--as ghost: no such user/);
    const notAdmin = schakel(['--as', 'anna', 'users', 'list'], env);
    assert.equal(notAdmin.status, 1);
    assert.match(notAdmin.stderr, /anna lacks the permission users\.manage/);
    assert.equal(schakel(['--help'], env).status, 0);
  });

  it('disables a user, audited as the acting CLI user', () => {
    const r = schakel(['users', 'disable', 'anna'], env);
    assert.equal(r.status, 0, r.stderr);
    const db = new Database(env.SCHAKEL_DB!, { readonly: true });
    const row = db
      .prepare(`select actor_name, channel, action from audit_log order by seq desc limit 1`)
      .get();
    db.close();
    assert.deepEqual(row, { actor_name: 'beheer', channel: 'cli', action: 'user.update' });
  });

  it('verifies an intact trail, and names the row someone altered behind its back', () => {
    const ok = schakel(['audit', 'verify'], env);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /audit trail intact: \d+ entries/);

    const db = new Database(env.SCHAKEL_DB!);
    db.exec(`drop trigger audit_log_no_update`);
    db.prepare(`update audit_log set actor_name = 'iemand anders' where seq = 2`).run();
    db.close();

    const broken = schakel(['audit', 'verify', '--json'], env);
    assert.equal(broken.status, 1);
    const verdict = JSON.parse(broken.stdout) as {
      ok: boolean;
      problem: { seq: number; kind: string };
    };
    assert.deepEqual(
      [verdict.ok, verdict.problem.seq, verdict.problem.kind],
      [false, 2, 'altered'],
    );
  });

  it('refuses to turn a real database into the demo', () => {
    const r = schakel(['demo', '--no-serve'], env);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /holds real accounts/);
  });

  it('seeds the demo accounts and the synthetic world on a fresh database, once', () => {
    const demoEnv = { ...env, SCHAKEL_DB: join(dir, 'demo', 'demo.db') };
    const first = schakel(['demo', '--no-serve', '--world', 'small'], demoEnv);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Synthetic demo/);
    assert.match(first.stdout, /demo-auditor/);
    const truth = JSON.parse(
      readFileSync(join(dir, 'demo', 'demo-world', 'truth.json'), 'utf8'),
    ) as {
      summary: { ads: number };
    };
    const exported = () =>
      schakel(['--as', 'demo', 'export', 'ads'], demoEnv).stdout.trim().split('\n').length;
    assert.equal(exported(), truth.summary.ads);
    const again = schakel(['demo', '--no-serve', '--world', 'small'], demoEnv);
    assert.equal(again.status, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /writing the synthetic world/);
    assert.equal(exported(), truth.summary.ads);
    const users = JSON.parse(
      schakel(['--as', 'demo', 'users', 'list', '--json'], demoEnv).stdout,
    ) as unknown[];
    assert.equal(users.length, 5);

    // The demo links its ads after importing them; the networks export says the same.
    const linked = /into (\d+) networks/.exec(first.stdout);
    assert.ok(linked, first.stdout);
    const networks = schakel(['--as', 'demo', 'export', 'networks'], demoEnv).stdout.trim();
    assert.equal(networks.split('\n').length, Number(linked[1]));
    const incremental = JSON.parse(
      schakel(['--as', 'demo', 'link', '--incremental', '--json'], demoEnv).stdout,
    ) as { mode: string; attached: number; rewritten: number };
    assert.deepEqual(
      [incremental.mode, incremental.attached, incremental.rewritten],
      ['incremental', 0, 0],
    );
  });

  it('serves, then shuts down cleanly on SIGTERM', async () => {
    const server = startSchakel(['serve', '--port', '0', '--host', '127.0.0.1', '--quiet'], env);
    const url = await server.waitFor(/serves (http:\/\/\S+)/);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0);
  });
});
