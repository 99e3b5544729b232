import { fileURLToPath } from 'node:url';
import { buildServer } from '../server/app.js';
import type { Store } from '../store/store.js';

/** The built web app, next to src/ and dist/ alike. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Serves until SIGINT/SIGTERM, then finishes open requests and closes the database. */
export async function serve(
  store: Store,
  opts: { port: number; host: string; log: boolean },
): Promise<void> {
  const app = await buildServer({ store, webRoot: WEB_ROOT, logger: opts.log });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`\n${signal}: finishing open requests…\n`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    void app
      .close()
      .then(() => store.close())
      .then(() => {
        clearTimeout(force);
        process.exit(0);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ port: opts.port, host: opts.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  process.stderr.write(`Schakel serves http://${shown}:${port} on ${store.location}\n`);
}
