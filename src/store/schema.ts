import type { Generated } from 'kysely';

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

export interface ImportRunsTable {
  id: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  actor_id: string | null;
  actor_name: string;
  /** `schakel 0.1.0`: which version of Schakel read the files. */
  software: string;
  /** JSON array of the paths given. */
  paths: string;
  status: string;
  /** JSON object of counts. */
  stats: string;
}

export interface ImportFilesTable {
  sha256: string;
  path: string;
  bytes: number;
  records: number;
  import_run_id: string;
  completed_at: string;
}

export interface ImportProblemsTable {
  import_run_id: string;
  seq: number;
  severity: string;
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
}

export interface AdsTable {
  seq: Generated<number>;
  /** Public id: a hash of source and source_id (intake/ads/import.ts adId). */
  id: string;
  source: string;
  source_id: string;
  first_seen: string;
  last_seen: string;
  captures: number;
  latest_capture_id: string;
  url: string | null;
  title: string | null;
  name: string | null;
  age: number | null;
  price_eur_per_hour: number | null;
  location: string | null;
  municipality_code: string | null;
  police_unit: string | null;
  language: string | null;
  /** Lower-cased title, name, text and place of the latest capture, for plain substring search. */
  search_text: string;
}

export interface CapturesTable {
  seq: Generated<number>;
  ad_seq: number;
  /** SHA-256 of the bytes as received. */
  id: string;
  captured_at: string;
  raw: string;
  encoding: string;
  file: string;
  line: number;
  import_run_id: string;
  /** JSON of the extraction (intake/ads/extract.ts). */
  extracted: string;
  extractor_version: number;
}

export interface AdIdentifiersTable {
  ad_seq: number;
  kind: string;
  value: string;
  first_seen: string;
  last_seen: string;
}

export interface ImagesTable {
  sha256: string;
  phash: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
  first_seen: string;
}

export interface CaptureImagesTable {
  capture_seq: number;
  position: number;
  reference: string;
  sha256: string | null;
  status: string;
  problem: string | null;
}

export interface LinkRunsTable {
  id: string;
  /** `full` or `incremental`. */
  mode: string;
  started_at: string;
  finished_at: string | null;
  actor_id: string | null;
  actor_name: string;
  software: string;
  status: string;
  max_capture_seq: number;
  /** JSON object of counts. */
  stats: string;
}

export interface NetworksTable {
  id: string;
  ads: number;
  /** JSON array of police unit codes, sorted. */
  police_units: string;
  unit_count: number;
  municipalities: number;
  phones: number;
  names: number;
  first_seen: string;
  last_seen: string;
  /** JSON object: evidence edges per type. */
  evidence: string;
  hub_corroborated: number;
  /** JSON of the network page's lists (model/networks.ts NetworkDetail without the members). */
  detail: string;
  link_run_id: string;
}

export interface NetworkUnitsTable {
  network_id: string;
  police_unit: string;
}

export interface NetworkMembersTable {
  ad_seq: number;
  network_id: string;
}

export interface LinkEdgesTable {
  network_id: string;
  a_seq: number;
  b_seq: number;
  type: string;
  value: string;
  weight: number;
  similarity: number | null;
  distance: number | null;
  hub: number;
  /** model/networks.ts EvidenceRole. */
  role: string;
}

export interface RiskModelsTable {
  version: string;
  intercept: number;
  /** JSON object: indicator code → log-odds weight. */
  weights: string;
  /** JSON array of indicator codes switched off. */
  disabled: string;
  /** `defaults`, `calibrated`, or `switched` (an indicator turned on or off). */
  source: string;
  /** JSON: held-out measures of a calibration, or {}. */
  metrics: string;
  created_at: string;
  created_by: string;
  activated_at: string | null;
  activated_by: string | null;
}

export interface AdAssessmentsTable {
  ad_seq: number;
  /** JSON IndicatorHit[] of the latest capture. */
  hits: string;
  risk: number;
  logit: number;
  model: string;
  /** JSON Contribution[]. */
  contributions: string;
  /** JSON array of stated nationality/ethnicity codes (fairness check). */
  origins: string;
  assessed_at: string;
}

export interface ReviewsTable {
  seq: Generated<number>;
  /** `ad` or `network`. */
  target_type: string;
  target_id: string;
  /** `reviewed`, `not_relevant` or `selected`. */
  status: string;
  reason: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface NetworkAssessmentsTable {
  network_id: string;
  risk: number;
  logit: number;
  model: string;
  contributions: string;
  assessed_at: string;
}

export interface EvidenceItemsTable {
  id: string;
  investigation_id: string;
  kind: string;
  description: string | null;
  created_at: string;
  created_by: string;
}

export interface CustodyEventsTable {
  seq: Generated<number>;
  item_id: string;
  event: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  detail: string;
  recorded_at: string;
}

export interface DeviceImportsTable {
  seq: Generated<number>;
  item_id: string;
  format: string;
  source_path: string;
  container_sha256: string | null;
  fingerprint: string;
  files: string;
  counts: string;
  owner: string;
  warnings: string;
  country: string;
  schakel_version: string;
  status: string;
  imported_by: string;
  started_at: string;
  finished_at: string | null;
}

interface DeviceRecordColumns {
  seq: Generated<number>;
  import_seq: number;
  app: string;
  source: number;
  source_row: string | null;
}

export interface DeviceSourcesTable {
  import_seq: number;
  id: number;
  file: string;
  table_name: string | null;
}

export interface DeviceContactsTable extends DeviceRecordColumns {
  name: string | null;
  phones: string;
  emails: string;
}

export interface DeviceCallsTable extends DeviceRecordColumns {
  direction: string;
  party: string | null;
  party_e164: string | null;
  at: string | null;
  at_original: string;
  at_zone: string;
  duration_s: number | null;
  video: number;
}

export interface DeviceChatsTable extends DeviceRecordColumns {
  chat_key: string;
  is_group: number;
  subject: string | null;
  participants: string;
  created_at: string | null;
}

export interface DeviceMessagesTable extends DeviceRecordColumns {
  chat_key: string | null;
  direction: string;
  sender: string | null;
  sender_e164: string | null;
  at: string | null;
  at_original: string;
  at_zone: string;
  text: string | null;
  attachments: string | null;
}

export interface DeviceAccountsTable extends DeviceRecordColumns {
  identifier: string;
  display_name: string | null;
}

export interface DeviceNumbersTable {
  import_seq: number;
  e164: string;
  role: string;
  count: number;
}

export interface OperationsTable {
  id: string;
  investigation_id: string;
  name: string;
  start_date: string;
  end_date: string;
  lead: string;
  legal_basis: string;
  purpose: string;
  created_at: string;
  created_by: string;
}

export interface OperationUnitsTable {
  operation_id: string;
  unit: string;
}

export interface AssignmentsTable {
  id: string;
  operation_id: string;
  target_type: string;
  target_id: string;
  unit: string;
  officer: string | null;
  status: string;
  updated_at: string;
  updated_by: string;
}

export interface AssignmentContactsTable {
  seq: Generated<number>;
  assignment_id: string;
  at: string;
  number: string;
  agreed: string;
  recorded_by: string;
}

export interface ControlsTable {
  id: string;
  operation_id: string;
  assignment_id: string | null;
  unit: string;
  status: string;
  municipality_code: string | null;
  place: string | null;
  at: string | null;
  officers: string;
  draft: string | null;
  updated_at: string;
  updated_by: string;
}

export interface ControlPersonsTable {
  control_id: string;
  ref: string;
  role: string;
  nationality: string | null;
  birth_year: number | null;
  languages: string;
  route: string;
  documents_held_by: string | null;
}

export interface ControlSignalsTable {
  seq: Generated<number>;
  control_id: string;
  code: string;
  person_ref: string | null;
  note: string;
}

export interface ControlReferralsTable {
  control_id: string;
  person_ref: string;
  offered: number;
  outcome: string;
  to_org: string | null;
}

export interface SeizuresTable {
  item_id: string;
  control_id: string;
  kind: string;
  seal_number: string | null;
  taken_by: string;
  at: string;
  from_person_ref: string | null;
  description: string | null;
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
  import_runs: ImportRunsTable;
  import_files: ImportFilesTable;
  import_problems: ImportProblemsTable;
  ads: AdsTable;
  captures: CapturesTable;
  ad_identifiers: AdIdentifiersTable;
  link_runs: LinkRunsTable;
  networks: NetworksTable;
  network_units: NetworkUnitsTable;
  network_members: NetworkMembersTable;
  link_edges: LinkEdgesTable;
  risk_models: RiskModelsTable;
  ad_assessments: AdAssessmentsTable;
  network_assessments: NetworkAssessmentsTable;
  reviews: ReviewsTable;
  images: ImagesTable;
  capture_images: CaptureImagesTable;
  evidence_items: EvidenceItemsTable;
  custody_events: CustodyEventsTable;
  device_imports: DeviceImportsTable;
  device_contacts: DeviceContactsTable;
  device_calls: DeviceCallsTable;
  device_chats: DeviceChatsTable;
  device_messages: DeviceMessagesTable;
  device_accounts: DeviceAccountsTable;
  device_numbers: DeviceNumbersTable;
  device_sources: DeviceSourcesTable;
  operations: OperationsTable;
  operation_units: OperationUnitsTable;
  assignments: AssignmentsTable;
  assignment_contacts: AssignmentContactsTable;
  controls: ControlsTable;
  control_persons: ControlPersonsTable;
  control_signals: ControlSignalsTable;
  control_referrals: ControlReferralsTable;
  seizures: SeizuresTable;
}
