import type { FieldProblem } from '../model/errors.js';
import {
  ASSIGNMENT_STATUSES,
  DOCUMENTS_HELD_BY,
  ITEM_KINDS,
  OBSERVED_ROLES,
  REFERRAL_OUTCOMES,
  SIGNAL_CODES,
} from '../model/operations.js';
import { POLICE_UNITS } from '../model/units.js';

/**
 * What a control report, a seizure and an assignment must hold, checked field by field so every
 * problem names its field (`persons[1].birthYear`, `signals[0].code`, `seizures[0].evidenceNumber`).
 * Pure: what needs the store (an evidence number already used) is passed in.
 */

export interface PersonInput {
  ref: string;
  role: string;
  nationality?: string | null;
  birthYear?: number | null;
  languages?: string[];
  route?: string[];
  documentsHeldBy?: string | null;
}

export interface SignalInput {
  code: string;
  personRef?: string | null;
  note?: string;
}

export interface ReferralInput {
  personRef: string;
  offered: boolean;
  outcome: string;
  to?: string | null;
}

export interface SeizureInput {
  evidenceNumber: string;
  kind: string;
  sealNumber?: string | null;
  takenBy: string;
  at: string;
  fromPersonRef?: string | null;
  description?: string | null;
}

export interface ControlInput {
  id?: string;
  assignmentId?: string | null;
  unit: string;
  municipalityCode?: string | null;
  place?: string | null;
  at?: string | null;
  officers?: string[];
  persons?: PersonInput[];
  signals?: SignalInput[];
  referrals?: ReferralInput[];
  seizures?: SeizureInput[];
}

const oneOf = (list: readonly string[], v: string) => list.includes(v);
const UNITS = POLICE_UNITS.map((u) => u.code);

function isTime(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
}

export function unitProblems(unit: string, operationUnits: readonly string[], field = 'unit') {
  const out: FieldProblem[] = [];
  if (!oneOf(UNITS, unit)) out.push({ field, message: `"${unit}" is not a police unit` });
  else if (operationUnits.length > 0 && !operationUnits.includes(unit))
    out.push({ field, message: `${unit} does not take part in this operation` });
  return out;
}

export function assignmentStatusProblems(status: string): FieldProblem[] {
  return oneOf(ASSIGNMENT_STATUSES, status)
    ? []
    : [{ field: 'status', message: `one of ${ASSIGNMENT_STATUSES.join(', ')}` }];
}

export function seizureProblems(
  s: SeizureInput,
  at: string,
  usedElsewhere: (evidenceNumber: string) => boolean,
  now: Date,
  refs: ReadonlySet<string>,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const f = (name: string, message: string) => out.push({ field: `${at}.${name}`, message });
  if (!s.evidenceNumber?.trim()) f('evidenceNumber', 'is required');
  else if (usedElsewhere(s.evidenceNumber.trim()))
    f('evidenceNumber', `${s.evidenceNumber} is already used for another item`);
  if (!oneOf(ITEM_KINDS, s.kind)) f('kind', `one of ${ITEM_KINDS.join(', ')}`);
  if (!s.takenBy?.trim()) f('takenBy', 'is required');
  if (!isTime(s.at ?? '')) f('at', 'a time (ISO 8601) is required');
  else if (Date.parse(s.at) > now.getTime() + 60_000) f('at', 'lies in the future');
  if (s.fromPersonRef && !refs.has(s.fromPersonRef))
    f('fromPersonRef', `no person "${s.fromPersonRef}" in this control`);
  return out;
}

/**
 * Problems with a control report. A draft is only checked for what it holds (so a half-filled
 * form can be kept); a submitted report must also say where and when, and by whom.
 */
export function controlProblems(
  c: ControlInput,
  opts: {
    submit: boolean;
    now: Date;
    operationUnits: readonly string[];
    usedElsewhere: (evidenceNumber: string) => boolean;
  },
): FieldProblem[] {
  const out: FieldProblem[] = [...unitProblems(c.unit, opts.operationUnits)];
  const year = opts.now.getUTCFullYear();
  if (c.at && !isTime(c.at)) out.push({ field: 'at', message: 'not a time (ISO 8601)' });
  else if (c.at && Date.parse(c.at) > opts.now.getTime() + 60_000)
    out.push({ field: 'at', message: 'lies in the future' });
  if (opts.submit) {
    if (!c.at) out.push({ field: 'at', message: 'is required' });
    if (!c.municipalityCode && !c.place?.trim())
      out.push({ field: 'place', message: 'say where: a municipality or a place' });
    if ((c.officers ?? []).length === 0) out.push({ field: 'officers', message: 'at least one' });
  }
  const refs = new Set<string>();
  (c.persons ?? []).forEach((p, i) => {
    const f = (name: string, message: string) =>
      out.push({ field: `persons[${i}].${name}`, message });
    if (!p.ref?.trim()) f('ref', 'is required');
    else if (refs.has(p.ref)) f('ref', `"${p.ref}" is used twice`);
    else refs.add(p.ref);
    if (!oneOf(OBSERVED_ROLES, p.role)) f('role', `one of ${OBSERVED_ROLES.join(', ')}`);
    if (p.nationality != null && !/^[A-Z]{2}$/.test(p.nationality))
      f('nationality', 'a two-letter country code (ISO 3166-1), such as CO or VE');
    if (p.birthYear != null) {
      if (!Number.isInteger(p.birthYear)) f('birthYear', 'a year');
      else if (p.birthYear > year) f('birthYear', `${p.birthYear} lies in the future`);
      else if (p.birthYear < year - 100)
        f('birthYear', `${p.birthYear} is more than 100 years ago`);
    }
    if (p.documentsHeldBy != null && !oneOf(DOCUMENTS_HELD_BY, p.documentsHeldBy))
      f('documentsHeldBy', `one of ${DOCUMENTS_HELD_BY.join(', ')}`);
    for (const [k, list] of [
      ['languages', p.languages],
      ['route', p.route],
    ] as const)
      (list ?? []).forEach((v, j) => {
        if (!/^[a-zA-Z]{2,3}$/.test(v)) f(`${k}[${j}]`, `"${v}" is not a language or country code`);
      });
  });
  (c.signals ?? []).forEach((s, i) => {
    if (!oneOf(SIGNAL_CODES, s.code))
      out.push({
        field: `signals[${i}].code`,
        message: `unknown signal "${s.code}"; one of ${SIGNAL_CODES.join(', ')}`,
      });
    if (s.personRef && !refs.has(s.personRef))
      out.push({
        field: `signals[${i}].personRef`,
        message: `no person "${s.personRef}" in this control`,
      });
    if ((s.note ?? '').length > 280)
      out.push({
        field: `signals[${i}].note`,
        message: 'keep the note short (280 characters): no statements',
      });
  });
  (c.referrals ?? []).forEach((r, i) => {
    if (!refs.has(r.personRef))
      out.push({
        field: `referrals[${i}].personRef`,
        message: `no person "${r.personRef}" in this control`,
      });
    if (!oneOf(REFERRAL_OUTCOMES, r.outcome))
      out.push({
        field: `referrals[${i}].outcome`,
        message: `one of ${REFERRAL_OUTCOMES.join(', ')}`,
      });
  });
  const numbers = new Set<string>();
  (c.seizures ?? []).forEach((s, i) => {
    out.push(...seizureProblems(s, `seizures[${i}]`, opts.usedElsewhere, opts.now, refs));
    const n = s.evidenceNumber?.trim();
    if (n && numbers.has(n))
      out.push({
        field: `seizures[${i}].evidenceNumber`,
        message: `${n} is used twice in this report`,
      });
    if (n) numbers.add(n);
  });
  return out;
}
