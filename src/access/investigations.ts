import { randomUUID } from 'node:crypto';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldProblem,
} from '../model/errors.js';
import type { Investigation, Member } from '../store/investigations.js';
import { audit, requirePermission, type Actor, type Context } from './context.js';
import { can } from './roles.js';

/**
 * Need-to-know: an investigation's content (persons, devices, messages) is visible to its members
 * only. To everyone else it does not exist — they get "not found", never "forbidden" — and the
 * attempt is audited. Administrators manage membership and see metadata, not content.
 */

export interface NewInvestigation {
  name: string;
  purpose: string;
  legalBasis: string;
}

export async function createInvestigation(
  ctx: Context,
  actor: Actor,
  input: NewInvestigation,
): Promise<Investigation> {
  requirePermission(actor, 'investigations.create');
  if (!actor.id) throw new ForbiddenError('an investigation is created by a named user');
  const problems: FieldProblem[] = [];
  for (const [field, value] of [
    ['name', input.name],
    ['purpose', input.purpose],
    ['legalBasis', input.legalBasis],
  ] as const) {
    if (!value.trim()) problems.push({ field, message: 'is required' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const now = ctx.now();
  const investigation: Investigation = {
    id: randomUUID(),
    name: input.name.trim(),
    purpose: input.purpose.trim(),
    legalBasis: input.legalBasis.trim(),
    createdAt: now.toISOString(),
    createdBy: actor.id,
    closedAt: null,
  };
  const creator = actor.id;
  await ctx.store.transaction(async (tx) => {
    await tx.investigations.create(investigation);
    await tx.investigations.addMember(investigation.id, creator, investigation.createdAt, creator);
    await audit(tx, now, actor, {
      action: 'investigation.create',
      targetType: 'investigation',
      targetId: investigation.id,
      investigationId: investigation.id,
      purpose: investigation.purpose,
      detail: { name: investigation.name, legalBasis: investigation.legalBasis },
    });
  });
  return investigation;
}

async function denied(
  ctx: Context,
  actor: Actor,
  investigationId: string,
  action: string,
): Promise<never> {
  await audit(ctx.store, ctx.now(), actor, {
    action,
    outcome: 'denied',
    targetType: 'investigation',
    targetId: investigationId,
    investigationId,
    detail: { reason: 'not a member' },
  });
  throw new NotFoundError('investigation');
}

/**
 * The gate for investigation content: returns the investigation if `actor` is a member, otherwise
 * audits the attempt and throws NotFoundError. Every later module (devices, persons, messages)
 * passes through here; `action` names what was attempted, e.g. `device.read`.
 */
export async function requireMember(
  ctx: Context,
  actor: Actor,
  investigationId: string,
  action: string,
): Promise<Investigation> {
  const investigation = await ctx.store.investigations.byId(investigationId);
  if (
    !investigation ||
    !actor.id ||
    !(await ctx.store.investigations.isMember(investigationId, actor.id))
  ) {
    return denied(ctx, actor, investigationId, action);
  }
  return investigation;
}

async function requireMemberOrAdministrator(
  ctx: Context,
  actor: Actor,
  investigationId: string,
  action: string,
) {
  if (can(actor.roles, 'investigations.administer')) {
    const investigation = await ctx.store.investigations.byId(investigationId);
    if (investigation) return investigation;
  }
  return requireMember(ctx, actor, investigationId, action);
}

export async function listInvestigations(ctx: Context, actor: Actor): Promise<Investigation[]> {
  if (can(actor.roles, 'investigations.administer')) return ctx.store.investigations.all();
  return actor.id ? ctx.store.investigations.ofMember(actor.id) : [];
}

export async function getInvestigation(
  ctx: Context,
  actor: Actor,
  investigationId: string,
): Promise<Investigation & { members: Member[] }> {
  const investigation = await requireMemberOrAdministrator(
    ctx,
    actor,
    investigationId,
    'investigation.read',
  );
  const members = await ctx.store.investigations.members(investigationId);
  await audit(ctx.store, ctx.now(), actor, {
    action: 'investigation.read',
    targetType: 'investigation',
    targetId: investigationId,
    investigationId,
    purpose: investigation.purpose,
  });
  return { ...investigation, members };
}

export async function addMember(
  ctx: Context,
  actor: Actor,
  investigationId: string,
  username: string,
): Promise<Member> {
  const investigation = await requireMemberOrAdministrator(
    ctx,
    actor,
    investigationId,
    'investigation.member.add',
  );
  const user = await ctx.store.users.byUsername(username.trim().toLowerCase());
  if (!user || user.disabledAt)
    throw ValidationError.field('username', `no active user named ${username}`);
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    await tx.investigations.addMember(
      investigationId,
      user.id,
      now.toISOString(),
      actor.id ?? actor.name,
    );
    await audit(tx, now, actor, {
      action: 'investigation.member.add',
      targetType: 'user',
      targetId: user.id,
      investigationId,
      purpose: investigation.purpose,
      detail: { username: user.username },
    });
  });
  const member = (await ctx.store.investigations.members(investigationId)).find(
    (m) => m.userId === user.id,
  );
  return member!;
}

export async function removeMember(
  ctx: Context,
  actor: Actor,
  investigationId: string,
  userId: string,
): Promise<void> {
  const investigation = await requireMemberOrAdministrator(
    ctx,
    actor,
    investigationId,
    'investigation.member.remove',
  );
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.investigations.removeMember(investigationId, userId)))
      throw new NotFoundError('member');
    await audit(tx, now, actor, {
      action: 'investigation.member.remove',
      targetType: 'user',
      targetId: userId,
      investigationId,
      purpose: investigation.purpose,
    });
  });
}
