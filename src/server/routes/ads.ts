import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import type { Gazetteer } from '../../geo/gazetteer.js';
import { importAds } from '../../intake/ads/import.js';
import { runAssessment } from '../../assess/job.js';
import { runLinking } from '../../link/job.js';
import type { PlaceResolver } from '../../intake/ads/places.js';
import { getAd, imageForViewer, listAds } from '../../intake/ads/service.js';
import type { ImageStore } from '../../intake/images/store.js';
import { NotFoundError } from '../../model/errors.js';
import { authOf } from '../auth.js';
import { AdDetail, AdQuery, AdSummary, ImportReport } from '../schemas.js';

export interface AdRouteOptions {
  ctx: Context;
  geo: () => Gazetteer;
  places: () => PlaceResolver;
  images: ImageStore;
  uploadLimitBytes: number;
}

const NDJSON = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines'];

export const adRoutes: FastifyPluginAsync<AdRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.addSchema(AdSummary);
  // Captures arrive as they were captured: raw JSON lines, parsed line by line by the importer.
  api.addContentTypeParser(
    NDJSON,
    { parseAs: 'buffer', bodyLimit: opts.uploadLimitBytes },
    (_req, body, done) => done(null, body),
  );

  api.get(
    '/ads',
    {
      config: { permission: 'ads.read' },
      schema: {
        summary: 'Ads, newest first, with filters',
        querystring: AdQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('AdSummary')) }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return listAds(
        ctx,
        authOf(request).actor,
        opts.geo(),
        {
          ...(q.q ? { q: q.q } : {}),
          ...(q.source ? { source: q.source } : {}),
          ...(q.unit ? { policeUnit: q.unit } : {}),
          ...(q.municipality ? { municipalityCode: q.municipality } : {}),
          ...(q.from ? { from: `${q.from}T00:00:00.000Z` } : {}),
          ...(q.to ? { to: `${q.to}T23:59:59.999Z` } : {}),
          ...(q.phone ? { phoneText: q.phone } : {}),
        },
        { limit: q.limit ?? 50, offset: q.offset ?? 0 },
      );
    },
  );

  api.get(
    '/ads/:id',
    {
      config: { permission: 'ads.read' },
      schema: {
        summary: 'One ad: its captures over time, what was extracted and where, its photos',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) }),
        response: { 200: AdDetail },
      },
    },
    async (request) => getAd(ctx, authOf(request).actor, opts.geo(), request.params.id),
  );

  api.get(
    '/images/:sha256',
    {
      config: { permission: 'ads.read' },
      schema: {
        summary: 'A stored photo by its SHA-256',
        params: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      },
    },
    async (request, reply) => {
      const image = await imageForViewer(ctx, authOf(request).actor, request.params.sha256);
      const path = opts.images.pathOf(image.sha256);
      if (!existsSync(path))
        throw new NotFoundError(`photo ${image.sha256} is not in the image store`);
      return reply
        .header('content-type', `image/${image.format === 'jpg' ? 'jpeg' : image.format}`)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(createReadStream(path));
    },
  );

  api.post(
    '/ads/import',
    {
      config: { permission: 'ads.import' },
      bodyLimit: opts.uploadLimitBytes,
      schema: {
        summary: 'Upload captures (JSON lines in the capture format); returns the import report',
        description:
          'Send the lines as the body with content type application/x-ndjson. Photos named by file cannot travel with the upload and are reported missing; photos given by URL and SHA-256 are kept as references.',
        querystring: Type.Object(
          { filename: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: ImportReport },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body))
        throw Object.assign(new Error('send the captures as application/x-ndjson'), {
          statusCode: 415,
        });
      const dir = await mkdtemp(join(tmpdir(), 'schakel-upload-'));
      try {
        const file = join(dir, 'upload.jsonl');
        await writeFile(file, body);
        const actor = authOf(request).actor;
        const report = await importAds(ctx, actor, {
          paths: [file],
          label: `upload:${request.query.filename ?? 'captures.jsonl'}`,
          places: opts.places(),
          images: opts.images,
        });
        // New captures are attached to the networks at once, through the live index, and the
        // ads and networks are scored again (the triage queue then shows them).
        if (report.added > 0)
          await runLinking(ctx, actor, { geo: opts.geo(), incremental: true })
            .then(() => runAssessment(ctx, actor))
            .catch((err: unknown) =>
              request.log.error({ err }, 'linking or assessing after the import failed'),
            );
        return report;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};
