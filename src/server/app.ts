import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Context } from '../access/context.js';
import { loadGazetteer, type Gazetteer } from '../geo/gazetteer.js';
import { PlaceResolver } from '../intake/ads/places.js';
import { defaultImageDir, ImageStore } from '../intake/images/store.js';
import { AppError, ValidationError } from '../model/errors.js';
import { isDatabaseUnavailable } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { VERSION } from '../version.js';
import { installAuth } from './auth.js';
import { Readiness } from './readiness.js';
import { adRoutes } from './routes/ads.js';
import { assessRoutes } from './routes/assess.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { geoRoutes } from './routes/geo.js';
import { investigationRoutes } from './routes/investigations.js';
import { metaRoutes } from './routes/meta.js';
import { networkRoutes } from './routes/networks.js';
import { deviceRoutes } from './routes/devices.js';
import { operationRoutes } from './routes/operations.js';
import { userRoutes } from './routes/users.js';
import { ErrorBody, User } from './schemas.js';
import { validatorCompiler } from './validation.js';

export interface ServerOptions {
  store: Store;
  now?: () => Date;
  /** The built web app (web/dist); omitted or missing, the API still runs. */
  webRoot?: string;
  logger?: boolean;
  /** Login attempts per address per minute. */
  loginRateLimit?: number;
  bodyLimitBytes?: number;
  /** Honour X-Forwarded-* from a reverse proxy. */
  trustProxy?: boolean;
  /** The content-addressed photo store (default: SCHAKEL_IMAGES_DIR or ./schakel-data/images). */
  imageDir?: string;
  /** The Dutch geography folder (default: ../shared/data/geo or SCHAKEL_GEO_DIR). */
  geoDir?: string;
  /** Largest capture upload (POST /api/ads/import). */
  uploadLimitBytes?: number;
  /** Server-side folder device imports by path may read from (default SCHAKEL_DEVICE_DIR; unset: off). */
  deviceDir?: string;
  /** Where resumable device uploads wait (default: `uploads` beside the photo store). */
  uploadDir?: string;
}

export type App = FastifyInstance;

export const BODY_LIMIT = 1024 * 1024;

export async function buildServer(opts: ServerOptions): Promise<App> {
  const log = (message: string) => app.log.warn(message);
  const bodyLimit = opts.bodyLimitBytes ?? BODY_LIMIT;
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit,
    trustProxy: opts.trustProxy ?? false,
    // A client that sends a payload we cannot parse is a client error, named as such below.
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx: Context = { store: opts.store, now: opts.now ?? (() => new Date()) };
  const readiness = new Readiness(opts.store, log);
  // The geography is read on first use, so the server starts (and says why) without it.
  let gazetteer: Gazetteer | undefined;
  let places: PlaceResolver | undefined;
  const geo = () => (gazetteer ??= loadGazetteer(opts.geoDir));

  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ErrorBody);
  app.addSchema(User);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ValidationError) {
      return reply.status(400).send({
        error: 'validation',
        message: err.message,
        fields: err.fields.map((f) => ({ ...f, field: `body/${f.field}` })),
      });
    }
    if (err instanceof AppError) {
      const status = {
        validation: 400,
        not_found: 404,
        conflict: 409,
        forbidden: 403,
        unauthenticated: 401,
      }[err.code];
      return reply.status(status).send({ error: err.code, message: err.message });
    }
    if (err.validation) {
      const fields = err.validation.map((v) => {
        const params = v.params as { missingProperty?: string; additionalProperty?: string };
        const where = `${err.validationContext ?? 'body'}${v.instancePath}`;
        if (params.missingProperty)
          return { field: `${where}/${params.missingProperty}`, message: 'is required' };
        if (params.additionalProperty)
          return {
            field: `${where}/${params.additionalProperty}`,
            message: 'is not an accepted field',
          };
        return { field: where, message: v.message ?? 'is invalid' };
      });
      return reply.status(400).send({
        error: 'validation',
        message: fields.map((f) => `${f.field} ${f.message}`).join('; '),
        fields,
      });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({
        error: 'payload_too_large',
        message: `the request body is larger than ${bodyLimit} bytes`,
        fields: [{ field: 'body', message: `larger than ${bodyLimit} bytes` }],
      });
    }
    if (err.statusCode === 429)
      return reply.status(429).send({ error: 'rate_limited', message: err.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, empty body, wrong content type: Fastify's own client errors.
      return reply.status(err.statusCode).send({
        error: 'bad_request',
        message: err.message,
        fields: [{ field: 'body', message: err.message }],
      });
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply.status(503).send({
        error: 'unavailable',
        message: 'the database is not reachable; try again shortly',
      });
    }
    request.log.error({ err }, 'unexpected error');
    return reply
      .status(500)
      .send({ error: 'internal', message: 'unexpected error; it has been logged' });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Schakel API',
        version: VERSION,
        description: 'See docs/API.md for the conventions.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'schakel_session' } },
      },
    },
  });

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const health = await readiness.check();
    return reply
      .status(health.ok ? 200 : 503)
      .send(
        health.ok
          ? { status: 'ok', database: 'ok', version: VERSION }
          : { status: 'unavailable', database: health.reason, version: VERSION },
      );
  });

  await app.register(
    async (api) => {
      // Until the schema is in place (database down or unreadable at start), the API says 503.
      api.addHook('onRequest', async (_request, reply) => {
        if (!(await readiness.ensure())) {
          return reply.status(503).send({
            error: 'unavailable',
            message: `the database is not available: ${readiness.reason ?? 'starting'}`,
          });
        }
      });
      installAuth(api, ctx);
      api.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
        app.swagger(),
      );
      await api.register(metaRoutes, { ctx });
      await api.register(authRoutes, { ctx, loginRateLimit: opts.loginRateLimit ?? 10 });
      await api.register(userRoutes, { ctx });
      await api.register(investigationRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      await api.register(geoRoutes, { geo, geoDir: opts.geoDir });
      await api.register(adRoutes, {
        ctx,
        geo,
        places: () => (places ??= new PlaceResolver(geo())),
        images: new ImageStore(opts.imageDir ?? defaultImageDir()),
        uploadLimitBytes: opts.uploadLimitBytes ?? 256 * 1024 * 1024,
      });
      await api.register(networkRoutes, { ctx, geo });
      await api.register(assessRoutes, { ctx });
      await api.register(operationRoutes, { ctx });
      await api.register(deviceRoutes, {
        ctx,
        deviceDir: opts.deviceDir ?? process.env.SCHAKEL_DEVICE_DIR ?? null,
        uploadDir: opts.uploadDir ?? join(dirname(opts.imageDir ?? defaultImageDir()), 'uploads'),
        chunkLimitBytes: 64 * 1024 * 1024,
      });
      api.setNotFoundHandler((request, reply) =>
        reply
          .status(404)
          .send({ error: 'not_found', message: `no API route ${request.method} ${request.url}` }),
      );
    },
    { prefix: '/api' },
  );

  await registerWebApp(app, opts.webRoot);
  return app;
}

/** Serves the built single-page app, with its index for every client-side route. */
async function registerWebApp(app: App, webRoot: string | undefined): Promise<void> {
  const index = webRoot && join(webRoot, 'index.html');
  if (!webRoot || !index || !existsSync(index)) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(
          'Schakel API is running; the web app is not built (run `npm run build`). API: /api/openapi.json',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  const html = await readFile(index);
  const sendIndex = (
    _request: unknown,
    reply: { type: (t: string) => { send: (b: Buffer) => unknown } },
  ) => reply.type('text/html; charset=utf-8').send(html);
  app.get('/', sendIndex);
  app.get('/*', async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path && existsSync(join(webRoot, path)) && !path.includes('..'))
      return reply.sendFile(path);
    // A path with a file extension that does not exist is a real 404, not an app route.
    if (/\.[a-z0-9]+$/i.test(path))
      return reply.status(404).send({ error: 'not_found', message: `no file ${path}` });
    return sendIndex(request, reply);
  });
}
