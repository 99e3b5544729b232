/**
 * A small typed client for the Schakel HTTP API (docs/API.md).
 *
 * The session itself lives in an HttpOnly cookie; this module only keeps the CSRF token in memory
 * and sends it on every state-changing request.
 */

// Roles are defined once, on the server side; the app shares that module (pure, no Node APIs).
export { ROLES, can, isRole, type Permission, type Role } from '../../src/access/roles.js';
import type { Role } from '../../src/access/roles.js';
// So are the ten police units (pure data).
export { POLICE_UNITS, unitName } from '../../src/model/units.js';
// The ad shapes the server returns, defined once (src/model/ads.ts).
export type {
  AdDetail,
  AdIdentifier,
  AdSummary,
  CaptureImage,
  CaptureView as Capture,
  Extraction,
} from '../../src/model/ads.js';
import type { AdDetail, AdSummary, Extraction } from '../../src/model/ads.js';
export type { Span } from '../../src/intake/ads/types.js';
// So are the network shapes (src/model/networks.ts).
export type {
  AdLinks,
  EvidenceRole,
  EvidenceType,
  EvidenceView,
  IndicatorHit,
  MovementWeek,
  NetworkDetail,
  NetworkListQuery,
  NetworkMember,
  NetworkSummary,
  SharedPhoto,
  TemplateSlotView,
} from '../../src/model/networks.js';
import type {
  AdLinks,
  NetworkDetail,
  NetworkListQuery,
  NetworkSummary,
} from '../../src/model/networks.js';
// And the risk and triage shapes (src/model/assess.ts).
export type {
  ContributionView,
  FairnessGroup,
  FairnessReport,
  IndicatorEvidence,
  IndicatorView,
  ReviewStatus,
  ReviewView,
  RiskView,
  TriageItem,
  TriageQuery,
} from '../../src/model/assess.js';
import type {
  FairnessReport,
  IndicatorView,
  ReviewStatus,
  RiskView,
  TriageItem,
  TriageQuery,
} from '../../src/model/assess.js';

export type {
  CustodyStep,
  DeviceCallsView,
  DeviceChatsView,
  DeviceContactsView,
  DeviceDetail,
  DeviceMessagesView,
  DeviceNumbersView,
  DeviceSearchView,
  DeviceSummary,
  DeviceTimelineView,
  MessageView,
  CallView,
  PartyView,
  Where,
} from '../../src/model/devices.js';
import type {
  CustodyStep,
  DeviceCallsView,
  DeviceChatsView,
  DeviceContactsView,
  DeviceDetail,
  DeviceMessagesView,
  DeviceNumbersView,
  DeviceSearchView,
  DeviceSummary,
  DeviceTimelineView,
} from '../../src/model/devices.js';

// Operations: the coded lists, the board, the summary and a control report (pure modules).
export {
  ASSIGNMENT_STATUSES,
  DOCUMENTS_HELD_BY,
  ITEM_KINDS,
  OBSERVED_ROLES,
  OPEN_STATUSES,
  REFERRAL_OUTCOMES,
  SIGNAL_CODES,
  type OperationBoard,
  type OperationSummary,
} from '../../src/model/operations.js';
import type { OperationBoard, OperationSummary } from '../../src/model/operations.js';
export type {
  ControlInput,
  PersonInput,
  ReferralInput,
  SeizureInput,
  SignalInput,
} from '../../src/operations/validate.js';
import type { ControlInput } from '../../src/operations/validate.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unit: string | null;
  disabledAt: string | null;
  createdAt: string;
}

export interface Meta {
  version: string;
  demo: boolean;
  database: string;
}

export interface Me {
  user: User;
  csrfToken: string;
  permissions?: string[];
}

export interface Unit {
  code: string;
  name: string;
}

export interface RolePermissions {
  role: string;
  permissions: string[];
}

export interface FieldError {
  field: string;
  message: string;
}

export interface NewUser {
  username: string;
  password: string;
  roles: Role[];
  displayName?: string;
  unit?: string | null;
}

export interface UserPatch {
  displayName?: string;
  roles?: Role[];
  unit?: string | null;
  disabled?: boolean;
  password?: string;
}

/** The list filters of GET /api/ads; dates are YYYY-MM-DD, `phone` as typed. */
export interface AdQuery {
  q?: string;
  source?: string;
  unit?: string;
  municipality?: string;
  from?: string;
  to?: string;
  phone?: string;
  limit?: number;
  offset?: number;
}

export interface AdList {
  total: number;
  items: AdSummary[];
}

export interface NetworkList {
  total: number;
  networks: NetworkSummary[];
}

export interface TriageList {
  total: number;
  items: TriageItem[];
}

/** POST /api/triage/reviews: what an analyst decided about an ad or network, and why. */
export interface ReviewInput {
  kind: TriageItem['kind'];
  id: string;
  status: ReviewStatus;
  reason: string;
}

/** PUT /api/indicators/:code: the new model version and how much was re-scored under it. */
export interface IndicatorSwitch {
  model: string;
  ads: number;
  networks: number;
}

/** GET /api/geo/police-units: one GeoJSON feature per police unit (WGS84). */
export interface PoliceUnitGeo {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    properties: { code: string; name: string };
    geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  }[];
}

/** GET /api/operations: one operation the user takes part in. */
export interface OperationListItem {
  id: string;
  name: string;
  start: string;
  end: string;
  lead: string;
}

/** POST /api/operations: dates as YYYY-MM-DD, units as police unit codes. */
export interface NewOperation {
  name: string;
  start: string;
  end: string;
  lead: string;
  units: string[];
  legalBasis: string;
  purpose: string;
}

/** POST /api/operations/:id/assignments; with an id it updates that assignment. */
export interface AssignmentInput {
  id?: string;
  target: { type: 'ad' | 'network'; id: string };
  unit: string;
  officer?: string | null;
  status?: string;
  /** The whole contact log (it replaces the stored one). */
  contacts?: { at: string; number: string; agreed: string }[];
}

/** How a capture's place was read: resolved, ambiguous (with candidates) or unknown (why). */
export type PlaceReading = Extraction['place'];

/** Any failed call. `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Called whenever a request (other than the login itself) answers 401. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseFields(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isObject(item) && typeof item.field === 'string' && typeof item.message === 'string'
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, for instance): fall back to the status alone.
  }
  if (isObject(body) && typeof body.error === 'string') {
    const message = typeof body.message === 'string' ? body.message : body.error;
    return new ApiError(response.status, body.error, message, parseFields(body.fields));
  }
  const code = response.status === 503 ? 'unavailable' : `http_${response.status}`;
  return new ApiError(response.status, code, response.statusText || code);
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && path !== '/api/auth/login') {
      csrfToken = null;
      unauthorizedHandler?.();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** `?a=1&b=x` from a query object, without empty values; '' when nothing is left. */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const api = {
  meta: () => request<Meta>('GET', '/api/meta'),

  me: async (): Promise<Me> => {
    const me = await request<Me>('GET', '/api/auth/me');
    csrfToken = me.csrfToken;
    return me;
  },

  login: async (username: string, password: string): Promise<Me> => {
    const me = await request<Me>('POST', '/api/auth/login', { username, password });
    csrfToken = me.csrfToken;
    return me;
  },

  logout: async (): Promise<void> => {
    await request<void>('POST', '/api/auth/logout');
    csrfToken = null;
  },

  roles: () => request<{ roles: RolePermissions[] }>('GET', '/api/roles'),
  units: () => request<{ units: Unit[] }>('GET', '/api/units'),
  users: () => request<{ users: User[] }>('GET', '/api/users'),
  createUser: (input: NewUser) => request<{ user: User }>('POST', '/api/users', input),
  updateUser: (id: string, patch: UserPatch) =>
    request<{ user: User }>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch),
  revokeSessions: (id: string) =>
    request<{ revoked: number }>('POST', `/api/users/${encodeURIComponent(id)}/revoke-sessions`),

  ads: (query: AdQuery) => request<AdList>('GET', `/api/ads${queryString(query)}`),
  ad: (id: string) => request<AdDetail>('GET', `/api/ads/${encodeURIComponent(id)}`),
  adLinks: (id: string) => request<AdLinks>('GET', `/api/ads/${encodeURIComponent(id)}/links`),

  networks: (query: NetworkListQuery) =>
    request<NetworkList>('GET', `/api/networks${queryString(query)}`),
  /** An id merged into another network is answered with that network (see `mergedFrom`). */
  network: (id: string) => request<NetworkDetail>('GET', `/api/networks/${encodeURIComponent(id)}`),

  /** Ads or networks by risk, highest first, with their top reasons and review. */
  triage: (query: TriageQuery) => request<TriageList>('GET', `/api/triage${queryString(query)}`),
  review: (input: ReviewInput) => request<void>('POST', '/api/triage/reviews', input),
  /** null: not assessed yet. */
  adRisk: (id: string) =>
    request<RiskView | null>('GET', `/api/ads/${encodeURIComponent(id)}/risk`),
  networkRisk: (id: string) =>
    request<RiskView | null>('GET', `/api/networks/${encodeURIComponent(id)}/risk`),
  indicators: () => request<{ indicators: IndicatorView[] }>('GET', '/api/indicators'),
  /** Audited; re-scores every ad and network under a new model version before it answers. */
  setIndicator: (code: string, enabled: boolean) =>
    request<IndicatorSwitch>('PUT', `/api/indicators/${encodeURIComponent(code)}`, { enabled }),
  fairness: () => request<FairnessReport>('GET', '/api/assess/fairness'),

  operations: () => request<{ operations: OperationListItem[] }>('GET', '/api/operations'),
  createOperation: (input: NewOperation) =>
    request<{ id: string }>('POST', '/api/operations', input),
  operation: (id: string) =>
    request<OperationBoard>('GET', `/api/operations/${encodeURIComponent(id)}`),
  operationSummary: (id: string) =>
    request<OperationSummary>('GET', `/api/operations/${encodeURIComponent(id)}/summary`),
  addParticipant: (operation: string, username: string) =>
    request<void>('POST', `/api/operations/${encodeURIComponent(operation)}/members`, { username }),
  putAssignment: (operation: string, input: AssignmentInput) =>
    request<{ id: string }>(
      'POST',
      `/api/operations/${encodeURIComponent(operation)}/assignments`,
      input,
    ),
  /** `submit: false` keeps a draft; `true` checks the report whole and files it. */
  saveControl: (operation: string, input: ControlInput, submit: boolean) =>
    request<{ id: string; status: 'draft' | 'final' }>(
      'POST',
      `/api/operations/${encodeURIComponent(operation)}/controls?submit=${submit}`,
      input,
    ),
  controlDraft: (operation: string, control: string) =>
    request<ControlInput>(
      'GET',
      `/api/operations/${encodeURIComponent(operation)}/controls/${encodeURIComponent(control)}/draft`,
    ),

  policeUnitsGeo: () => request<PoliceUnitGeo>('GET', '/api/geo/police-units'),

  devices: () => request<{ devices: DeviceSummary[] }>('GET', '/api/devices'),
  device: (item: string) =>
    request<DeviceDetail>('GET', `/api/devices/${encodeURIComponent(item)}`),
  deviceContacts: (item: string) =>
    request<DeviceContactsView>('GET', `/api/devices/${encodeURIComponent(item)}/contacts`),
  deviceChats: (item: string) =>
    request<DeviceChatsView>('GET', `/api/devices/${encodeURIComponent(item)}/chats`),
  deviceMessages: (
    item: string,
    query: { app?: string; chat?: string; offset?: number; limit?: number },
  ) =>
    request<DeviceMessagesView>(
      'GET',
      `/api/devices/${encodeURIComponent(item)}/messages${queryString(query)}`,
    ),
  deviceCalls: (item: string) =>
    request<DeviceCallsView>('GET', `/api/devices/${encodeURIComponent(item)}/calls`),
  deviceTimeline: (item: string, query: { offset?: number; limit?: number }) =>
    request<DeviceTimelineView>(
      'GET',
      `/api/devices/${encodeURIComponent(item)}/timeline${queryString(query)}`,
    ),
  deviceNumbers: (item: string) =>
    request<DeviceNumbersView>('GET', `/api/devices/${encodeURIComponent(item)}/numbers`),
  deviceSearch: (query: { q: string; investigation?: string }) =>
    request<DeviceSearchView>('GET', `/api/devices/search${queryString(query)}`),
  recordCustody: (item: string, input: { event: string; at?: string; note?: string }) =>
    request<CustodyStep>('POST', `/api/devices/${encodeURIComponent(item)}/custody`, input),
};

/** Where the browser loads a stored photo (an <img> sends the session cookie itself). */
export function imageUrl(sha256: string): string {
  return `/api/images/${encodeURIComponent(sha256)}`;
}
