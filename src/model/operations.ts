/**
 * Operations (action days) as the API, the web app and the importer see them: the coded lists
 * forms choose from, and the summary of an operation.
 */

/** Signals of exploitation on the control checklist (after the CoMensha / EMM signal lists). */
export const SIGNAL_CODES = [
  'documents_held_by_other',
  'earnings_held_by_other',
  'debt',
  'bookings_by_other',
  'no_own_phone',
  'sleeps_at_workplace',
  'constant_supervision',
  'signs_of_violence',
  'fear',
  'unaware_of_address',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

/** The role a person met was seen in. */
export const OBSERVED_ROLES = [
  'sex_worker',
  'possible_victim',
  'beveiliger',
  'driver',
  'ad_placer',
  'landlord',
  'other',
] as const;
export type ObservedRole = (typeof OBSERVED_ROLES)[number];

export const ASSIGNMENT_STATUSES = [
  'planned',
  'contacted',
  'appointment',
  'control_held',
  'no_show',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Statuses of an assignment that still needs work. */
export const OPEN_STATUSES: readonly string[] = ['planned', 'contacted', 'appointment'];

export const ITEM_KINDS = ['phone', 'laptop', 'sim', 'cash', 'documents', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const REFERRAL_OUTCOMES = ['offered', 'accepted', 'declined'] as const;
export const DOCUMENTS_HELD_BY = ['self', 'other', 'none'] as const;

export interface OperationSummary {
  operation: { id: string; name: string; start: string; end: string; units: string[] };
  assignments: number;
  controlsHeld: number;
  noShows: number;
  cancelled: number;
  open: number;
  perUnit: Record<
    string,
    { assignments: number; controls: number; personsMet: number; itemsSeized: number }
  >;
  personsMet: number;
  byRole: Record<string, number>;
  nationalities: Record<string, number>;
  signals: Record<string, number>;
  referrals: { offered: number; accepted: number; declined: number };
  items: Record<string, number>;
  /** Per ad or network controlled: whether the control found signals of exploitation. */
  outcomes: {
    target: { type: 'ad' | 'network'; id: string };
    control: string;
    exploitation: boolean;
  }[];
}

/** The live board of an operation: every assignment with where it stands, and every control. */
export interface OperationBoard {
  operation: {
    id: string;
    name: string;
    start: string;
    end: string;
    lead: string;
    legalBasis: string;
    purpose: string;
    units: string[];
  };
  assignments: {
    id: string;
    target: { type: string; id: string; title: string | null };
    unit: string;
    officer: string | null;
    status: string;
    contacts: { at: string; number: string; agreed: string }[];
  }[];
  controls: {
    id: string;
    assignmentId: string | null;
    unit: string;
    status: string;
    at: string | null;
    place: string | null;
    persons: number;
    signals: number;
    items: number;
  }[];
  /** For the follow-up: who was met, what was seized (and whether it is imported), which networks. */
  followUp: {
    persons: {
      control: string;
      unit: string;
      ref: string;
      role: string;
      nationality: string | null;
      birthYear: number | null;
      referral: string | null;
    }[];
    items: {
      evidenceNumber: string;
      kind: string;
      control: string;
      sealNumber: string | null;
      imported: boolean;
    }[];
    /** Networks the assigned ads belong to, or that were assigned themselves. */
    networks: string[];
  };
}
