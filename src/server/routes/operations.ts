import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { Context } from '../../access/context.js';
import {
  addParticipant,
  controlDraft,
  createOperation,
  listOperations,
  operationBoard,
  operationSummary,
  putAssignment,
  saveControl,
} from '../../operations/service.js';
import type { ControlInput } from '../../operations/validate.js';
import { authOf } from '../auth.js';

/**
 * Operations: the list, a live board per operation, the one-page summary, assignments, control
 * reports (drafts kept until submitted) and participants. Content is need-to-know: only the
 * operation's participants see any of it (the services check; others get 404).
 */

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Person = Type.Object({
  ref: Type.String(),
  role: Type.String(),
  nationality: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  birthYear: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  languages: Type.Optional(Type.Array(Type.String())),
  route: Type.Optional(Type.Array(Type.String())),
  documentsHeldBy: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
const Control = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 100 })),
  assignmentId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  unit: Type.String(),
  municipalityCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  place: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  officers: Type.Optional(Type.Array(Type.String({ maxLength: 100 }))),
  persons: Type.Optional(Type.Array(Person)),
  signals: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.String(),
        personRef: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        note: Type.Optional(Type.String()),
      }),
    ),
  ),
  referrals: Type.Optional(
    Type.Array(
      Type.Object({
        personRef: Type.String(),
        offered: Type.Boolean(),
        outcome: Type.String(),
        to: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      }),
    ),
  ),
  seizures: Type.Optional(
    Type.Array(
      Type.Object({
        evidenceNumber: Type.String(),
        kind: Type.String(),
        sealNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        takenBy: Type.String(),
        at: Type.String(),
        fromPersonRef: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      }),
    ),
  ),
});

export const operationRoutes: FastifyPluginAsync<{ ctx: Context }> = async (app, opts) => {
  const { ctx } = opts;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/operations',
    { schema: { summary: 'The operations you take part in' } },
    async (request) => ({
      operations: (await listOperations(ctx, authOf(request).actor)).map((o) => ({
        id: o.id,
        name: o.name,
        start: o.start_date,
        end: o.end_date,
        lead: o.lead,
      })),
    }),
  );

  api.post(
    '/operations',
    {
      config: { permission: 'operations.manage' },
      schema: {
        summary: 'Open an operation (an investigation of its own; you become a participant)',
        body: Type.Object({
          name: Type.String({ maxLength: 200 }),
          start: Type.String(),
          end: Type.String(),
          lead: Type.String({ maxLength: 100 }),
          units: Type.Array(Type.String()),
          legalBasis: Type.String({ maxLength: 500 }),
          purpose: Type.String({ maxLength: 1000 }),
        }),
      },
    },
    async (request, reply) => {
      const op = await createOperation(ctx, authOf(request).actor, request.body);
      return reply.status(201).send({ id: op.id });
    },
  );

  api.get(
    '/operations/:id',
    {
      schema: {
        summary: 'The live board: assignments and controls per unit',
        params: Id,
      },
    },
    async (request) => operationBoard(ctx, authOf(request).actor, request.params.id),
  );

  api.get(
    '/operations/:id/summary',
    {
      schema: {
        summary: 'The one-page summary, with outcome labels per ad or network',
        params: Id,
      },
    },
    async (request) => operationSummary(ctx, authOf(request).actor, request.params.id),
  );

  api.post(
    '/operations/:id/members',
    {
      config: { permission: 'operations.manage' },
      schema: {
        summary: 'Add a participant',
        params: Id,
        body: Type.Object({ username: Type.String() }),
      },
    },
    async (request, reply) => {
      await addParticipant(ctx, authOf(request).actor, request.params.id, request.body.username);
      return reply.status(204).send();
    },
  );

  api.post(
    '/operations/:id/assignments',
    {
      config: { permission: 'operations.manage' },
      schema: {
        summary:
          'Assign an ad or network to a unit, or update an assignment (status, officer, contact log)',
        params: Id,
        body: Type.Object({
          id: Type.Optional(Type.String({ maxLength: 100 })),
          target: Type.Object({
            type: Type.Union([Type.Literal('ad'), Type.Literal('network')]),
            id: Type.String(),
          }),
          unit: Type.String(),
          officer: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
          status: Type.Optional(Type.String()),
          contacts: Type.Optional(
            Type.Array(
              Type.Object({ at: Type.String(), number: Type.String(), agreed: Type.String() }),
            ),
          ),
        }),
        response: { 200: Type.Object({ id: Type.String() }) },
      },
    },
    async (request) => ({
      id: await putAssignment(ctx, authOf(request).actor, request.params.id, request.body),
    }),
  );

  api.post(
    '/operations/:id/controls',
    {
      config: { permission: 'controls.record' },
      schema: {
        summary:
          'Save a control report: `?submit=false` keeps it as a draft, `true` checks and files it',
        params: Id,
        querystring: Type.Object({ submit: Type.Optional(Type.Boolean()) }),
        body: Control,
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.Union([Type.Literal('draft'), Type.Literal('final')]),
          }),
        },
      },
    },
    async (request) =>
      saveControl(
        ctx,
        authOf(request).actor,
        request.params.id,
        request.body as ControlInput,
        request.query.submit ?? false,
      ),
  );

  api.get(
    '/operations/:id/controls/:control/draft',
    {
      schema: {
        summary: 'A draft control report as it was left',
        params: Type.Object({ id: Type.String(), control: Type.String() }),
      },
    },
    async (request) =>
      controlDraft(
        ctx,
        authOf(request).actor,
        request.params.id,
        request.params.control,
      ) as unknown as Record<string, unknown>,
  );
};
