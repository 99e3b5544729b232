import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Store } from '../../src/store/store.js';
import { BACKENDS } from '../helpers/stores.js';
import { testServer } from '../helpers/server.js';

/** A TCP relay in front of PostgreSQL: closing it is, for Schakel, the database going away. */
class Relay {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;

describe('health and recovery', () => {
  it(
    'says 503 while PostgreSQL is gone and recovers by itself when it returns',
    { skip: postgres.skip },
    async () => {
      const t = await postgres.open();
      const target = new URL(t.databaseUrl!);
      const relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
      const port = await relay.start();
      const viaRelay = new URL(t.databaseUrl!);
      viaRelay.host = `127.0.0.1:${port}`;
      const store = Store.open({ databaseUrl: viaRelay.toString(), sqlitePath: '' });
      const app = await testServer(store);
      try {
        assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);

        await relay.stop();
        const down = await app.inject({ method: 'GET', url: '/healthz' });
        assert.equal(down.statusCode, 503);
        assert.equal((down.json() as { status: string }).status, 'unavailable');
        const api = await app.inject({ method: 'GET', url: '/api/meta' });
        assert.equal(api.statusCode, 503, api.body);
        assert.equal((api.json() as { error: string }).error, 'unavailable');

        await relay.start(port);
        let status = 0;
        for (let i = 0; i < 20 && status !== 200; i++) {
          status = (await app.inject({ method: 'GET', url: '/healthz' })).statusCode;
          if (status !== 200) await new Promise((r) => setTimeout(r, 250));
        }
        assert.equal(status, 200);
        assert.equal((await app.inject({ method: 'GET', url: '/api/meta' })).statusCode, 200);
      } finally {
        await app.close();
        await store.close().catch(() => undefined);
        await relay.stop();
        await t.cleanup();
      }
    },
  );

  it(
    'starts on an unreachable PostgreSQL, says 503, and migrates once it can',
    { skip: postgres.skip },
    async () => {
      const t = await postgres.open();
      const target = new URL(t.databaseUrl!);
      const relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
      const port = await relay.start();
      await relay.stop();
      const viaRelay = new URL(t.databaseUrl!);
      viaRelay.host = `127.0.0.1:${port}`;
      const store = Store.open({ databaseUrl: viaRelay.toString(), sqlitePath: '' });
      const app = await testServer(store);
      try {
        assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 503);
        await relay.start(port);
        let status = 0;
        for (let i = 0; i < 20 && status !== 200; i++) {
          await new Promise((r) => setTimeout(r, 250));
          status = (await app.inject({ method: 'GET', url: '/healthz' })).statusCode;
        }
        assert.equal(status, 200);
      } finally {
        await app.close();
        await store.close().catch(() => undefined);
        await relay.stop();
        await t.cleanup();
      }
    },
  );

  it('does not crash on a corrupt SQLite file: 503 naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-corrupt-'));
    const file = join(dir, 'schakel.db');
    writeFileSync(
      file,
      'this is not a database, it is a text file that someone overwrote'.repeat(100),
    );
    const store = Store.open({ sqlitePath: file });
    const app = await testServer(store);
    try {
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 503);
      const body = health.json() as { database: string };
      assert.match(body.database, /schakel\.db/);
      assert.match(body.database, /not a database/);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'a', password: 'b' },
      });
      assert.equal(login.statusCode, 503);
    } finally {
      await app.close();
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
