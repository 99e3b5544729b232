import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isPoliceUnit } from '../model/units.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldProblem,
} from '../model/errors.js';
import { withoutSecret, type User } from '../store/users.js';
import type { Session } from '../store/sessions.js';
import { audit, requirePermission, type Actor, type Context } from './context.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { isRole, type Role } from './roles.js';

/** Absolute lifetime of a session, and how long it may sit unused. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Writing last_seen on every request would make each read a write; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60 * 1000;

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export interface NewUserInput {
  username: string;
  password: string;
  roles: readonly string[];
  displayName?: string | undefined;
  unit?: string | null | undefined;
}

function checkRoles(roles: readonly string[], field: string, problems: FieldProblem[]): Role[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) problems.push({ field, message: `unknown role ${unknown.join(', ')}` });
  if (roles.length === 0) problems.push({ field, message: 'at least one role is needed' });
  return roles.filter(isRole);
}

function checkUnit(unit: string | null | undefined, problems: FieldProblem[]): void {
  if (unit && !isPoliceUnit(unit))
    problems.push({ field: 'unit', message: `unknown police unit ${unit}` });
}

function checkPassword(password: string, problems: FieldProblem[]): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push({
      field: 'password',
      message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  }
}

/** Creates a user. `actor` needs users.manage, except for the very first account of a fresh install. */
export async function createUser(ctx: Context, actor: Actor, input: NewUserInput): Promise<User> {
  const bootstrap = (await ctx.store.users.count()) === 0;
  if (!bootstrap) requirePermission(actor, 'users.manage');
  const problems: FieldProblem[] = [];
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    problems.push({
      field: 'username',
      message:
        '2–64 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
    });
  }
  checkPassword(input.password, problems);
  const roles = checkRoles(input.roles, 'roles', problems);
  if (bootstrap && !roles.includes('admin'))
    problems.push({ field: 'roles', message: 'the first account must be an admin' });
  checkUnit(input.unit, problems);
  if (problems.length > 0) throw new ValidationError(problems);

  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    if (await tx.users.byUsername(username))
      throw new ConflictError(`a user named ${username} already exists`);
    const id = randomUUID();
    await tx.users.create({
      id,
      username,
      displayName: input.displayName?.trim() || username,
      passwordHash,
      unit: input.unit ?? null,
      roles,
      createdAt: now.toISOString(),
      createdBy: actor.id,
    });
    await audit(tx, now, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      detail: { username, roles, unit: input.unit ?? null, bootstrap },
    });
    return withoutSecret((await tx.users.byId(id))!);
  });
}

/** All accounts; names of officers are personal data, so the listing is audited. */
export async function listUsers(ctx: Context, actor: Actor): Promise<User[]> {
  requirePermission(actor, 'users.manage');
  const users = await ctx.store.users.list();
  await audit(ctx.store, ctx.now(), actor, {
    action: 'user.list',
    detail: { count: users.length },
  });
  return users;
}

export interface UserUpdate {
  displayName?: string | undefined;
  roles?: readonly string[] | undefined;
  unit?: string | null | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

export async function updateUser(
  ctx: Context,
  actor: Actor,
  userId: string,
  patch: UserUpdate,
): Promise<User> {
  requirePermission(actor, 'users.manage');
  const problems: FieldProblem[] = [];
  const roles = patch.roles && checkRoles(patch.roles, 'roles', problems);
  checkUnit(patch.unit, problems);
  if (patch.password !== undefined) checkPassword(patch.password, problems);
  if (patch.disabled && userId === actor.id)
    problems.push({ field: 'disabled', message: 'you cannot disable yourself' });
  if (roles && userId === actor.id && !roles.includes('admin')) {
    problems.push({ field: 'roles', message: 'you cannot take the admin role from yourself' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const passwordHash =
    patch.password === undefined ? undefined : await hashPassword(patch.password);

  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const user = await tx.users.byId(userId);
    if (!user) throw new NotFoundError('user');
    const disabledAt =
      patch.disabled === undefined
        ? undefined
        : patch.disabled
          ? (user.disabledAt ?? now.toISOString())
          : null;
    await tx.users.update(userId, {
      ...(patch.displayName !== undefined
        ? { displayName: patch.displayName.trim() || user.username }
        : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(disabledAt !== undefined ? { disabledAt } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (roles) await tx.users.setRoles(userId, roles);
    // A disabled account or a new password ends every session at once.
    const revoked =
      patch.disabled || passwordHash ? await tx.sessions.revokeAllOf(userId, now.toISOString()) : 0;
    await audit(tx, now, actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: userId,
      detail: {
        username: user.username,
        changed: Object.keys(patch).filter((k) => patch[k as keyof UserUpdate] !== undefined),
        ...(roles ? { roles } : {}),
        ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        sessionsRevoked: revoked,
      },
    });
    return withoutSecret((await tx.users.byId(userId))!);
  });
}

export async function revokeUserSessions(
  ctx: Context,
  actor: Actor,
  userId: string,
): Promise<number> {
  if (userId !== actor.id) requirePermission(actor, 'users.manage');
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const user = await tx.users.byId(userId);
    if (!user) throw new NotFoundError('user');
    const revoked = await tx.sessions.revokeAllOf(userId, now.toISOString());
    await audit(tx, now, actor, {
      action: 'session.revoke_all',
      targetType: 'user',
      targetId: userId,
      detail: { username: user.username, revoked },
    });
    return revoked;
  });
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

// Compared against when the username is unknown, so a wrong name costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  session: Session;
  user: User;
}

/** Checks a password and opens a session; every attempt is audited. Returns undefined on failure. */
export async function login(
  ctx: Context,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult | undefined> {
  const username = input.username.trim().toLowerCase();
  const user = await ctx.store.users.byUsername(username);
  decoyHash ??= hashPassword('decoy password, never valid');
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  const now = ctx.now();
  const attempt: Actor = {
    id: user?.id ?? null,
    name: username,
    roles: [],
    channel: 'api',
    ip: input.ip,
  };
  if (!user || !valid || user.disabledAt) {
    await audit(ctx.store, now, attempt, {
      action: 'auth.login',
      outcome: 'failed',
      detail: { reason: !user ? 'unknown user' : !valid ? 'wrong password' : 'account disabled' },
    });
    return undefined;
  }
  const token = randomBytes(32).toString('base64url');
  const session: Session = {
    id: randomUUID(),
    userId: user.id,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    revokedAt: null,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.sessions.create({ ...session, tokenHash: sha256(token) });
    await audit(tx, now, attempt, {
      action: 'auth.login',
      targetType: 'session',
      targetId: session.id,
    });
  });
  return { token, session, user: withoutSecret(user) };
}

/** The live session and user behind a cookie token, or undefined if it is unknown, ended or idle. */
export async function resolveSession(
  ctx: Context,
  token: string,
): Promise<{ session: Session; user: User } | undefined> {
  const session = await ctx.store.sessions.byTokenHash(sha256(token));
  if (!session || session.revokedAt) return undefined;
  const now = ctx.now();
  if (now.toISOString() >= session.expiresAt) return undefined;
  const idleSince = now.getTime() - Date.parse(session.lastSeenAt);
  if (idleSince > SESSION_IDLE_MS) return undefined;
  const user = await ctx.store.users.byId(session.userId);
  if (!user || user.disabledAt) return undefined;
  if (idleSince > TOUCH_INTERVAL_MS) await ctx.store.sessions.touch(session.id, now.toISOString());
  return { session, user: withoutSecret(user) };
}

export function csrfMatches(session: Session, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(ctx: Context, actor: Actor, session: Session): Promise<void> {
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    await tx.sessions.revoke(session.id, now.toISOString());
    await audit(tx, now, actor, {
      action: 'auth.logout',
      targetType: 'session',
      targetId: session.id,
    });
  });
}

/** Ends one of the actor's own sessions. Someone else's session is "not found", never "forbidden". */
export async function revokeOwnSession(
  ctx: Context,
  actor: Actor,
  sessionId: string,
): Promise<void> {
  const session = await ctx.store.sessions.byId(sessionId);
  if (!session || session.userId !== actor.id) throw new NotFoundError('session');
  await logout(ctx, actor, session);
}
