import { addTo } from '../util/multimap.js';
import type { Kysely } from 'kysely';
import { isRole, type Role } from '../access/roles.js';
import type { Database, UsersTable } from './schema.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unit: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  unit: string | null;
  roles: readonly Role[];
  createdAt: string;
  createdBy: string | null;
}

export interface UserPatch {
  displayName?: string;
  unit?: string | null;
  disabledAt?: string | null;
  passwordHash?: string;
}

function toUser(row: UsersTable, roles: Role[]): UserWithSecret {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles,
    unit: row.unit,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    passwordHash: row.password_hash,
  };
}

export function withoutSecret({ passwordHash: _secret, ...user }: UserWithSecret): User {
  return user;
}

export class UsersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(u: NewUser): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        username: u.username,
        display_name: u.displayName,
        password_hash: u.passwordHash,
        unit: u.unit,
        created_at: u.createdAt,
        created_by: u.createdBy,
        disabled_at: null,
      })
      .execute();
    await this.setRoles(u.id, u.roles);
  }

  async setRoles(userId: string, roles: readonly Role[]): Promise<void> {
    await this.db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length > 0) {
      await this.db
        .insertInto('user_roles')
        .values([...new Set(roles)].map((role) => ({ user_id: userId, role })))
        .execute();
    }
  }

  async update(userId: string, patch: UserPatch): Promise<void> {
    const set: Partial<UsersTable> = {};
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.unit !== undefined) set.unit = patch.unit;
    if (patch.disabledAt !== undefined) set.disabled_at = patch.disabledAt;
    if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
    if (Object.keys(set).length > 0)
      await this.db.updateTable('users').set(set).where('id', '=', userId).execute();
  }

  async byUsername(username: string): Promise<UserWithSecret | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toUser(row, await this.rolesOf(row.id));
  }

  async byId(id: string): Promise<UserWithSecret | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row, await this.rolesOf(row.id));
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    const roles = await this.db.selectFrom('user_roles').selectAll().execute();
    const byUser = new Map<string, Role[]>();
    for (const r of roles) {
      if (isRole(r.role)) addTo(byUser, r.user_id, r.role);
    }
    return rows.map((row) => withoutSecret(toUser(row, (byUser.get(row.id) ?? []).sort())));
  }

  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Enabled users holding `role`. */
  async withRole(role: Role): Promise<User[]> {
    const rows = await this.db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .selectAll('users')
      .where('user_roles.role', '=', role)
      .where('users.disabled_at', 'is', null)
      .orderBy('users.username')
      .execute();
    return Promise.all(
      rows.map(async (row) => withoutSecret(toUser(row, await this.rolesOf(row.id)))),
    );
  }

  private async rolesOf(userId: string): Promise<Role[]> {
    const rows = await this.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', userId)
      .execute();
    return rows
      .map((r) => r.role)
      .filter(isRole)
      .sort();
  }
}
