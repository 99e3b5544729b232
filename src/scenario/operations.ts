import type { Municipality } from '../geo/gazetteer.js';
import { ACTION_DAYS } from './params.js';
import type { Random } from './random.js';
import type { Advertiser, AdPlan, Person } from './world.js';

/**
 * The national action days of 28–30 March 2023 as the operations module will import them: which
 * ads were answered by which unit, which controls took place, who was met, which signals of
 * exploitation were seen, whether care was offered and accepted, and what was seized.
 */

// The coded lists are the product's own (src/model/operations.ts): the world writes what it reads.
import { SIGNAL_CODES, type ObservedRole, type SignalCode } from '../model/operations.js';

export { SIGNAL_CODES, type ObservedRole, type SignalCode };

export interface OperationRecord {
  id: string;
  name: string;
  start: string;
  end: string;
  lead: string;
  units: string[];
  legalBasis: string;
  purpose: string;
}

export interface AssignmentRecord {
  id: string;
  operationId: string;
  ad: { source: string; sourceId: string };
  unit: string;
  officer: string;
  status: 'control_held' | 'no_show' | 'cancelled';
  contacts: { at: string; number: string; agreed: string }[];
}

export interface PersonMet {
  ref: string;
  role: ObservedRole;
  nationality: string;
  birthYear: number;
  languages: string[];
  route: string[];
  documentsHeldBy: 'self' | 'other' | 'none';
}

export interface ControlRecord {
  id: string;
  operationId: string;
  assignmentId: string;
  unit: string;
  municipalityCode: string;
  at: string;
  officers: string[];
  persons: PersonMet[];
  signals: { code: SignalCode; personRef: string; note: string }[];
  referral: {
    personRef: string;
    offered: true;
    outcome: 'accepted' | 'declined';
    to: string;
  } | null;
}

export interface SeizureRecord {
  id: string;
  operationId: string;
  controlId: string;
  kind: 'phone' | 'laptop' | 'sim' | 'cash' | 'documents';
  evidenceNumber: string;
  sealNumber: string;
  takenBy: string;
  at: string;
  fromPersonRef: string;
  description: string;
}

/** The answer key: which world person each person met is, and which phone each seizure is. */
export interface OperationsTruth {
  personsMet: { controlId: string; ref: string; personId: string }[];
  seizedPhones: { evidenceNumber: string; personId: string; advertiserId: string }[];
  summary: OperationSummary;
}

export interface OperationSummary {
  assignments: number;
  controlsHeld: number;
  noShows: number;
  cancelled: number;
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
}

export interface OperationsOutput {
  operation: OperationRecord;
  assignments: AssignmentRecord[];
  controls: ControlRecord[];
  seizures: SeizureRecord[];
  truth: OperationsTruth;
}

/** An ad up during the action days, with who is behind it. */
export interface Candidate {
  advertiser: Advertiser;
  ad: AdPlan;
  municipality: Municipality;
}

const ACTION_WEEK = 12;

export function activeInActionWeek(ad: AdPlan): Municipality | undefined {
  return ad.weeks.find((w) => w.week === ACTION_WEEK)?.municipality;
}

const SIGNAL_NOTES: Record<SignalCode, string> = {
  documents_held_by_other: 'Paspoort niet in eigen bezit',
  earnings_held_by_other: 'Verdiensten gaan naar een ander',
  debt: 'Noemt schuld voor reis',
  bookings_by_other: 'Afspraken via een ander gemaakt',
  no_own_phone: 'Geen eigen telefoon',
  sleeps_at_workplace: 'Slaapt op de werkplek',
  constant_supervision: 'Beveiliger steeds aanwezig',
  signs_of_violence: 'Zichtbaar letsel',
  fear: 'Angstig, kijkt naar beveiliger',
  unaware_of_address: 'Weet adres niet',
};

export function actionDays(
  candidates: Candidate[],
  rng: Random,
  evidenceSeq: { next: number },
): OperationsOutput {
  const operation: OperationRecord = {
    id: 'op-2023-03',
    name: 'Landelijke actiedagen uitbuiting in de prostitutie',
    start: ACTION_DAYS[0],
    end: ACTION_DAYS[ACTION_DAYS.length - 1]!,
    lead: 'emm-lead-1',
    units: [...new Set(candidates.map((c) => c.municipality.unit))].sort(),
    legalBasis: 'Wpg art. 9; Wet regulering sekswerk (toezicht)',
    purpose:
      'Signalen van uitbuiting in illegale thuis- en escortprostitutie opsporen en slachtoffers hulp bieden',
  };
  const assignments: AssignmentRecord[] = [];
  const controls: ControlRecord[] = [];
  const seizures: SeizureRecord[] = [];
  const truth: OperationsTruth = { personsMet: [], seizedPhones: [], summary: emptySummary() };

  for (const [i, c] of candidates.entries()) {
    const unit = c.municipality.unit;
    const officer = `${unit.toLowerCase()}-agent-${rng.int(1, 6)}`;
    const day = rng.pick(ACTION_DAYS);
    const status = rng.weighted([
      ['control_held', 0.72],
      ['no_show', 0.18],
      ['cancelled', 0.1],
    ] as const);
    const assignment: AssignmentRecord = {
      id: `asg-${String(i + 1).padStart(4, '0')}`,
      operationId: operation.id,
      ad: { source: c.ad.source, sourceId: c.ad.sourceId },
      unit,
      officer,
      status,
      contacts: [
        {
          at: `${day}T${String(rng.int(9, 14)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+02:00`,
          number: c.ad.phone.e164,
          agreed: status === 'cancelled' ? 'afspraak afgezegd' : `afspraak ${rng.int(15, 21)}:00`,
        },
      ],
    };
    assignments.push(assignment);
    if (status !== 'control_held') continue;

    const control: ControlRecord = {
      id: `ctl-${String(controls.length + 1).padStart(4, '0')}`,
      operationId: operation.id,
      assignmentId: assignment.id,
      unit,
      municipalityCode: c.municipality.code,
      at: `${day}T${String(rng.int(15, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+02:00`,
      officers: [officer, `${unit.toLowerCase()}-agent-${rng.int(7, 12)}`],
      persons: [],
      signals: [],
      referral: null,
    };
    const byId = new Map(c.advertiser.persons.map((p) => [p.id, p]));
    const worker = byId.get(c.ad.personId)!;
    const exploited = c.advertiser.exploitative;
    const present: { person: Person; role: ObservedRole }[] = [];
    // A scam ad has nobody behind the door; the officers meet whoever answers (rarely).
    if (c.advertiser.kind !== 'scam') present.push({ person: worker, role: 'sex_worker' });
    if (exploited) {
      const staff = c.advertiser.persons.filter(
        (p) =>
          p.role === 'beveiliger' ||
          p.role === 'driver' ||
          p.role === 'ad_placer' ||
          p.role === 'controller',
      );
      for (const s of staff) {
        const chance =
          s.role === 'beveiliger'
            ? 0.45
            : s.role === 'driver'
              ? 0.2
              : s.role === 'ad_placer'
                ? 0.1
                : 0.08;
        if (rng.chance(chance))
          present.push({
            person: s,
            role: s.role === 'controller' ? 'other' : (s.role as ObservedRole),
          });
      }
    }
    for (const [k, { person, role }] of present.entries()) {
      const ref = `p${k + 1}`;
      const signals: SignalCode[] = [];
      if (person.role === 'sex_worker') {
        // Signals follow the truth, imperfectly: exploited women show several, independents rarely one.
        for (const code of SIGNAL_CODES) {
          const p = exploited
            ? code === 'no_own_phone'
              ? person.ownPhone
                ? 0
                : 0.9
              : 0.3
            : code === 'no_own_phone'
              ? 0
              : 0.015;
          if (rng.chance(p)) signals.push(code);
        }
      }
      const observed: ObservedRole =
        person.role === 'sex_worker' && signals.length >= 2 ? 'possible_victim' : role;
      control.persons.push({
        ref,
        role: observed,
        nationality: person.nationality,
        birthYear: person.birthYear,
        languages: person.languages,
        route: person.route,
        documentsHeldBy: signals.includes('documents_held_by_other')
          ? 'other'
          : rng.chance(0.9)
            ? 'self'
            : 'none',
      });
      for (const code of signals)
        control.signals.push({ code, personRef: ref, note: SIGNAL_NOTES[code] });
      if (observed === 'possible_victim' && !control.referral) {
        control.referral = {
          personRef: ref,
          offered: true,
          outcome: rng.chance(0.35) ? 'accepted' : 'declined',
          to: rng.pick(['CoMensha', 'Zorgcoördinator mensenhandel', 'HVO-Querido']),
        };
      }
      truth.personsMet.push({ controlId: control.id, ref, personId: person.id });
      // Phones: the people around her always, hers when there are signals and she has one.
      const phone =
        person.role === 'sex_worker'
          ? signals.length >= 2
            ? person.ownPhone
            : null
          : person.ownPhone;
      if (phone && exploited) {
        const seizure = seize(
          control,
          operation.id,
          'phone',
          ref,
          `Telefoon van ${observed}`,
          rng,
          evidenceSeq,
        );
        seizures.push(seizure);
        truth.seizedPhones.push({
          evidenceNumber: seizure.evidenceNumber,
          personId: person.id,
          advertiserId: c.advertiser.id,
        });
      }
    }
    if (exploited && rng.chance(0.25))
      seizures.push(
        seize(
          control,
          operation.id,
          'cash',
          'p1',
          `€ ${rng.int(3, 40) * 50} contant`,
          rng,
          evidenceSeq,
        ),
      );
    if (exploited && rng.chance(0.1))
      seizures.push(
        seize(control, operation.id, 'sim', 'p1', 'Losse simkaarten', rng, evidenceSeq),
      );
    controls.push(control);
  }
  // One laptop, at the first control where an ad placer was met.
  const adPlacerControl = controls.find((c) => c.persons.some((p) => p.role === 'ad_placer'));
  if (adPlacerControl) {
    const ref = adPlacerControl.persons.find((p) => p.role === 'ad_placer')!.ref;
    seizures.push(
      seize(
        adPlacerControl,
        operation.id,
        'laptop',
        ref,
        'Laptop met advertentieteksten',
        rng,
        evidenceSeq,
      ),
    );
  }
  truth.summary = summarise(assignments, controls, seizures);
  return { operation, assignments, controls, seizures, truth };
}

function seize(
  control: ControlRecord,
  operationId: string,
  kind: SeizureRecord['kind'],
  ref: string,
  description: string,
  rng: Random,
  seq: { next: number },
): SeizureRecord {
  const n = seq.next++;
  return {
    id: `itm-${String(n).padStart(4, '0')}`,
    operationId,
    controlId: control.id,
    kind,
    evidenceNumber: `${control.unit}-2023-${String(n).padStart(5, '0')}`,
    sealNumber: `ZGL${rng.digits(7)}`,
    takenBy: control.officers[0]!,
    at: control.at,
    fromPersonRef: ref,
    description,
  };
}

function emptySummary(): OperationSummary {
  return {
    assignments: 0,
    controlsHeld: 0,
    noShows: 0,
    cancelled: 0,
    perUnit: {},
    personsMet: 0,
    byRole: {},
    nationalities: {},
    signals: {},
    referrals: { offered: 0, accepted: 0, declined: 0 },
    items: {},
  };
}

/** The counts an operation summary must show; computed from the records, as the importer will. */
export function summarise(
  assignments: AssignmentRecord[],
  controls: ControlRecord[],
  seizures: SeizureRecord[],
): OperationSummary {
  const s = emptySummary();
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const unit = (u: string) =>
    (s.perUnit[u] ??= { assignments: 0, controls: 0, personsMet: 0, itemsSeized: 0 });
  for (const a of assignments) {
    s.assignments++;
    unit(a.unit).assignments++;
    if (a.status === 'control_held') s.controlsHeld++;
    else if (a.status === 'no_show') s.noShows++;
    else s.cancelled++;
  }
  for (const c of controls) {
    unit(c.unit).controls++;
    unit(c.unit).personsMet += c.persons.length;
    s.personsMet += c.persons.length;
    for (const p of c.persons) {
      inc(s.byRole, p.role);
      inc(s.nationalities, p.nationality);
    }
    for (const sig of c.signals) inc(s.signals, sig.code);
    if (c.referral) {
      s.referrals.offered++;
      s.referrals[c.referral.outcome]++;
    }
  }
  const unitOfControl = new Map(controls.map((c) => [c.id, c.unit]));
  for (const item of seizures) {
    inc(s.items, item.kind);
    unit(unitOfControl.get(item.controlId)!).itemsSeized++;
  }
  return s;
}
