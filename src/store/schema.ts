/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC strings on both databases (PostgreSQL
 * stores timestamptz and the driver hands back ISO strings, see db.ts), so repositories have one
 * code path. Flags are nullable timestamps (`disabled_at`), which also say when.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  unit: string | null;
  created_at: string;
  created_by: string | null;
  disabled_at: string | null;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface InvestigationsTable {
  id: string;
  name: string;
  purpose: string;
  legal_basis: string;
  created_at: string;
  created_by: string;
  closed_at: string | null;
}

export interface InvestigationMembersTable {
  investigation_id: string;
  user_id: string;
  added_at: string;
  added_by: string;
}

export interface AuditLogTable {
  seq: number;
  /** Text on both databases: the hash covers these exact bytes. */
  at: string;
  actor_id: string | null;
  actor_name: string;
  channel: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  investigation_id: string | null;
  purpose: string | null;
  outcome: string;
  ip: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1): the last seq and hash, so a cut-off tail is detected and appends serialise. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  investigations: InvestigationsTable;
  investigation_members: InvestigationMembersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
}
