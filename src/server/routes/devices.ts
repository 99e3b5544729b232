import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import { importDevice } from '../../intake/devices/import.js';
import {
  CUSTODY_EVENTS,
  deviceCalls,
  deviceChats,
  deviceContacts,
  deviceMessages,
  deviceNumbers,
  deviceTimeline,
  getDevice,
  listDevices,
  recordCustody,
  searchDeviceMessages,
} from '../../intake/devices/service.js';
import type { DeviceFormat } from '../../intake/devices/types.js';
import { ConflictError, NotFoundError, ValidationError } from '../../model/errors.js';
import { authOf } from '../auth.js';
import {
  DeviceCall,
  DeviceCalls,
  DeviceChats,
  DeviceContacts,
  DeviceDetail,
  DeviceImportReport,
  DeviceMessage,
  DeviceMessages,
  DeviceNumbers,
  DeviceSearch,
  DeviceSummary,
  DeviceTimeline,
  CustodyStep,
} from '../schemas.js';

export interface DeviceRouteOptions {
  ctx: Context;
  /** Server-side folder that `path` imports are confined to; unset, they are refused. */
  deviceDir: string | null;
  /** Where resumable uploads are kept until imported. */
  uploadDir: string;
  /** Largest single chunk of an upload. */
  chunkLimitBytes: number;
}

const Item = Type.Object({ item: Type.String({ minLength: 1, maxLength: 100 }) });
const FORMATS = ['android-fs', 'ios-fs', 'ufdr', 'ufed-xml', 'csv'] as const;

interface UploadMeta {
  id: string;
  fileName: string;
  bytes: number;
  by: string;
}

/**
 * Devices: the list and page of each (need-to-know through the item's investigation), its custody,
 * records, time line and search; imports from a server-side path or from a resumable upload
 * (`POST /devices/uploads`, then `PUT` chunks with `Content-Range`, then import it).
 */
export const deviceRoutes: FastifyPluginAsync<DeviceRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.addSchema(DeviceImportReport);
  api.addSchema(DeviceSummary);
  api.addSchema(DeviceMessage);
  api.addSchema(DeviceCall);
  api.addContentTypeParser(
    'application/octet-stream',
    { bodyLimit: opts.chunkLimitBytes },
    (_req, payload, done) => done(null, payload),
  );
  mkdirSync(opts.uploadDir, { recursive: true });
  const uploadPath = (id: string) => join(opts.uploadDir, `${id}.part`);
  const metaOf = (id: string): UploadMeta | null => {
    const p = join(opts.uploadDir, `${id}.json`);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as UploadMeta) : null;
  };
  const received = (id: string) => (existsSync(uploadPath(id)) ? statSync(uploadPath(id)).size : 0);

  api.get(
    '/devices',
    {
      schema: {
        summary: 'Devices of the investigations you are a member of, with their latest import',
        response: { 200: Type.Object({ devices: Type.Array(Type.Ref('DeviceSummary')) }) },
      },
    },
    async (request) => ({ devices: await listDevices(ctx, authOf(request).actor) }),
  );

  api.get(
    '/devices/search',
    {
      schema: {
        summary: 'Full-text search over the messages of every device of your investigations',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          investigation: Type.Optional(Type.String()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: { 200: DeviceSearch },
      },
    },
    async (request) => searchDeviceMessages(ctx, authOf(request).actor, request.query),
  );

  api.get(
    '/devices/:item',
    {
      schema: {
        summary: 'One device: its imports (hashes, counts, owner, warnings) and chain of custody',
        params: Item,
        response: { 200: DeviceDetail },
      },
    },
    async (request) => getDevice(ctx, authOf(request).actor, request.params.item),
  );

  api.post(
    '/devices/:item/custody',
    {
      schema: {
        summary: 'Add a step to the chain of custody (audited)',
        params: Item,
        body: Type.Object({
          event: Type.Union(
            CUSTODY_EVENTS.filter((e) => e !== 'imported').map((e) => Type.Literal(e)),
          ),
          at: Type.Optional(Type.String({ format: 'date-time' })),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: CustodyStep },
      },
    },
    async (request) =>
      recordCustody(ctx, authOf(request).actor, request.params.item, {
        event: request.body.event,
        ...(request.body.at ? { at: request.body.at } : {}),
        ...(request.body.note ? { detail: { note: request.body.note } } : {}),
      }),
  );

  // The record lists of a device: each needs only the item, and each is need-to-know.
  const lists = [
    {
      path: 'contacts',
      summary: 'Contacts and accounts; numbers also found in ads are listed with those ads',
      response: DeviceContacts,
      read: deviceContacts,
    },
    {
      path: 'chats',
      summary: 'Chats (threads) with their participants',
      response: DeviceChats,
      read: deviceChats,
    },
    { path: 'calls', summary: 'Calls in time order', response: DeviceCalls, read: deviceCalls },
    {
      path: 'numbers',
      summary: 'Every number on the device, where it appears, and the ads that show it',
      response: DeviceNumbers,
      read: deviceNumbers,
    },
  ] as const;
  for (const list of lists)
    api.get(
      `/devices/:item/${list.path}`,
      { schema: { summary: list.summary, params: Item, response: { 200: list.response } } },
      async (request) => list.read(ctx, authOf(request).actor, request.params.item),
    );

  api.get(
    '/devices/:item/messages',
    {
      schema: {
        summary: 'Messages in time order: of one chat (app and chat) or of the whole device',
        params: Item,
        querystring: Type.Object({
          app: Type.Optional(Type.String()),
          chat: Type.Optional(Type.String()),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: DeviceMessages },
      },
    },
    async (request) =>
      deviceMessages(ctx, authOf(request).actor, request.params.item, request.query),
  );

  api.get(
    '/devices/:item/timeline',
    {
      schema: {
        summary: 'Messages and calls in one time line',
        params: Item,
        querystring: Type.Object({
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: DeviceTimeline },
      },
    },
    async (request) =>
      deviceTimeline(ctx, authOf(request).actor, request.params.item, request.query),
  );

  // --- imports --------------------------------------------------------------------------------

  api.post(
    '/devices/uploads',
    {
      config: { permission: 'devices.import' },
      schema: {
        summary: 'Start a resumable upload of an extraction; then PUT its chunks',
        body: Type.Object({
          fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$' }),
          bytes: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: Type.Object({ id: Type.String(), received: Type.Integer() }) },
      },
    },
    async (request) => {
      const id = randomUUID();
      const meta: UploadMeta = { id, ...request.body, by: authOf(request).actor.name };
      writeFileSync(join(opts.uploadDir, `${id}.json`), JSON.stringify(meta));
      writeFileSync(uploadPath(id), '');
      return { id, received: 0 };
    },
  );

  api.get(
    '/devices/uploads/:id',
    {
      config: { permission: 'devices.import' },
      schema: {
        summary: 'How much of an upload has arrived (resume from there)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ id: Type.String(), received: Type.Integer(), bytes: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const meta = metaOf(request.params.id);
      if (!meta) throw new NotFoundError('upload');
      return { id: meta.id, received: received(meta.id), bytes: meta.bytes };
    },
  );

  api.put(
    '/devices/uploads/:id',
    {
      config: { permission: 'devices.import' },
      bodyLimit: opts.chunkLimitBytes,
      schema: {
        summary:
          'Append one chunk (Content-Range: bytes START-END/TOTAL, START = bytes received so far)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ id: Type.String(), received: Type.Integer(), bytes: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const meta = metaOf(request.params.id);
      if (!meta) throw new NotFoundError('upload');
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(
        String(request.headers['content-range'] ?? ''),
      );
      if (!range) throw ValidationError.field('Content-Range', 'expected "bytes START-END/TOTAL"');
      const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
      const have = received(meta.id);
      if (total !== meta.bytes)
        throw ValidationError.field('Content-Range', `total must be ${meta.bytes}`);
      if (start !== have)
        throw new ConflictError(`${have} bytes received so far: send from byte ${have}`);
      if (end < start || end >= total)
        throw ValidationError.field('Content-Range', 'END out of range');
      await pipeline(
        request.body as NodeJS.ReadableStream,
        createWriteStream(uploadPath(meta.id), { flags: 'a' }),
      );
      const now = received(meta.id);
      if (now !== end + 1) {
        // A chunk that did not arrive whole is cut back, so the client can resend it.
        truncateSync(uploadPath(meta.id), have);
        throw ValidationError.field(
          'body',
          `the chunk holds ${now - have} bytes, the range ${end - start + 1}`,
        );
      }
      return { id: meta.id, received: now, bytes: meta.bytes };
    },
  );

  api.post(
    '/devices/import',
    {
      config: { permission: 'devices.import' },
      schema: {
        summary:
          "Import an extraction: a finished upload, or a path under the server's device folder",
        body: Type.Object({
          item: Type.String({ minLength: 1, maxLength: 100 }),
          investigation: Type.Optional(Type.String()),
          upload: Type.Optional(Type.String({ format: 'uuid' })),
          path: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
          format: Type.Optional(Type.Union(FORMATS.map((f) => Type.Literal(f)))),
          country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
        }),
        response: { 200: Type.Ref('DeviceImportReport') },
      },
    },
    async (request) => {
      const b = request.body;
      let path: string;
      let upload: UploadMeta | null = null;
      if (b.upload) {
        upload = metaOf(b.upload);
        if (!upload) throw ValidationError.field('upload', 'no such upload');
        if (received(upload.id) !== upload.bytes)
          throw ValidationError.field(
            'upload',
            `${received(upload.id)} of ${upload.bytes} bytes received`,
          );
        // Named as uploaded, so the format is detected from the name.
        path = join(opts.uploadDir, upload.id, upload.fileName);
        mkdirSync(join(opts.uploadDir, upload.id), { recursive: true });
        if (!existsSync(path)) renameSync(uploadPath(upload.id), path);
      } else if (b.path) {
        if (!opts.deviceDir)
          throw ValidationError.field(
            'path',
            'server-side paths are off (set SCHAKEL_DEVICE_DIR); upload the file instead',
          );
        path = resolve(opts.deviceDir, b.path);
        const inside = relative(resolve(opts.deviceDir), path);
        if (inside.startsWith('..') || isAbsolute(inside))
          throw ValidationError.field('path', "must lie inside the server's device folder");
      } else throw ValidationError.field('upload', 'give an upload id or a path');
      const report = await importDevice(ctx, authOf(request).actor, {
        path,
        item: b.item,
        ...(b.investigation ? { investigation: b.investigation } : {}),
        ...(b.format ? { format: b.format as DeviceFormat } : {}),
        ...(b.country ? { country: b.country } : {}),
      });
      if (upload) {
        rmSync(join(opts.uploadDir, upload.id), { recursive: true, force: true });
        rmSync(join(opts.uploadDir, `${upload.id}.json`), { force: true });
      }
      return report;
    },
  );
};
