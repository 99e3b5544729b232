import { createUser } from '../../src/access/accounts.js';
import { SYSTEM_ACTOR, type Actor, type Context } from '../../src/access/context.js';
import type { Role } from '../../src/access/roles.js';

/**
 * Creates users and returns them as CLI actors by user name. The first must be an admin (it
 * bootstraps the install and creates the rest).
 */
export async function seedActors(
  ctx: Context,
  users: { username: string; roles: Role[]; unit?: string }[],
): Promise<Record<string, Actor>> {
  const out: Record<string, Actor> = {};
  let creator: Actor = { ...SYSTEM_ACTOR, channel: 'cli' };
  for (const [i, u] of users.entries()) {
    const created = await createUser(ctx, creator, { ...u, password: `long-enough-${i}` });
    const actor: Actor = {
      id: created.id,
      name: created.username,
      roles: created.roles,
      channel: 'cli',
      ip: null,
    };
    out[u.username] = actor;
    if (i === 0) creator = actor;
  }
  return out;
}
