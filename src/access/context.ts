import type { Store } from '../store/store.js';
import type { AuditChannel, AuditEvent } from './audit-chain.js';
import { ForbiddenError } from '../model/errors.js';
import { can, type Permission, type Role } from './roles.js';

/** Who is acting, and through which door. Every service call takes one, so every act is attributable. */
export interface Actor {
  id: string | null;
  name: string;
  roles: readonly Role[];
  channel: AuditChannel;
  ip: string | null;
}

/** What services need from the outside world: the store and the time. */
export interface Context {
  store: Store;
  now: () => Date;
}

export const SYSTEM_ACTOR: Actor = {
  id: null,
  name: 'system',
  roles: [],
  channel: 'system',
  ip: null,
};

type EventFields = Pick<AuditEvent, 'action'> & Partial<Omit<AuditEvent, 'action'>>;

/** Writes one audit entry for `actor`. Use inside `store.transaction` to make it atomic with a change. */
export async function audit(store: Store, now: Date, actor: Actor, e: EventFields): Promise<void> {
  await store.audit(
    {
      actorId: actor.id,
      actorName: actor.name,
      channel: actor.channel,
      ip: actor.ip,
      targetType: null,
      targetId: null,
      investigationId: null,
      purpose: null,
      outcome: 'ok',
      detail: {},
      ...e,
    },
    now,
  );
}

/** Throws ForbiddenError unless one of the actor's roles grants `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.roles, permission)) {
    throw new ForbiddenError(`${actor.name} lacks the permission ${permission}`);
  }
}
