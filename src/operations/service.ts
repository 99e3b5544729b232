import { randomUUID } from 'node:crypto';
import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import { addMember, createInvestigation, requireMember } from '../access/investigations.js';
import { countBy } from '../util/counts.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../model/errors.js';
import { OPEN_STATUSES, type OperationBoard, type OperationSummary } from '../model/operations.js';
import type { OperationRow } from '../store/operations.js';
import type { Store } from '../store/store.js';
import {
  assignmentStatusProblems,
  controlProblems,
  unitProblems,
  type ControlInput,
} from './validate.js';

export type { OperationBoard } from '../model/operations.js';

/**
 * Operations: an action day (or a series) with its participating units, the ads and networks
 * assigned to them, the controls held and what they found. An operation's content lives in an
 * investigation of its own: its members (the lead and the participants) see it, nobody else.
 */

export interface NewOperation {
  id?: string;
  name: string;
  start: string;
  end: string;
  lead: string;
  units: string[];
  legalBasis: string;
  purpose: string;
}

export async function createOperation(
  ctx: Context,
  actor: Actor,
  input: NewOperation,
): Promise<OperationRow> {
  requirePermission(actor, 'operations.manage');
  const problems: FieldProblem[] = [];
  for (const [field, value] of [
    ['name', input.name],
    ['lead', input.lead],
    ['legalBasis', input.legalBasis],
    ['purpose', input.purpose],
  ] as const)
    if (!value?.trim()) problems.push({ field, message: 'is required' });
  for (const [field, value] of [
    ['start', input.start],
    ['end', input.end],
  ] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? ''))
      problems.push({ field, message: 'a date (YYYY-MM-DD)' });
  if (input.start > input.end) problems.push({ field: 'end', message: 'lies before the start' });
  if (input.units.length === 0)
    problems.push({ field: 'units', message: 'at least one police unit' });
  input.units.forEach((u, i) => problems.push(...unitProblems(u, [], `units[${i}]`)));
  if (input.id && (await ctx.store.operations.byId(input.id)))
    problems.push({ field: 'id', message: `${input.id} exists already` });
  if (problems.length > 0) throw new ValidationError(problems);
  const investigation = await createInvestigation(ctx, actor, {
    name: `Operatie: ${input.name}`,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
  });
  const row = {
    id: input.id ?? `op-${randomUUID()}`,
    investigation_id: investigation.id,
    name: input.name.trim(),
    start_date: input.start,
    end_date: input.end,
    lead: input.lead.trim(),
    legal_basis: input.legalBasis.trim(),
    purpose: input.purpose.trim(),
    created_at: ctx.now().toISOString(),
    created_by: actor.name,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.operations.create(row, [...new Set(input.units)].sort());
    await audit(tx, ctx.now(), actor, {
      action: 'operation.create',
      targetType: 'operation',
      targetId: row.id,
      investigationId: investigation.id,
      purpose: row.purpose,
      detail: { name: row.name, units: input.units },
    });
  });
  return row;
}

/** The operation, if the actor takes part in it; otherwise "not found" (audited). */
export async function requireOperation(
  ctx: Context,
  actor: Actor,
  id: string,
  action: string,
): Promise<OperationRow> {
  const op = await ctx.store.operations.byId(id);
  if (!op) throw new NotFoundError('operation');
  await requireMember(ctx, actor, op.investigation_id, action);
  return op;
}

export async function addParticipant(
  ctx: Context,
  actor: Actor,
  operationId: string,
  username: string,
): Promise<void> {
  const op = await requireOperation(ctx, actor, operationId, 'operation.members');
  await addMember(ctx, actor, op.investigation_id, username);
}

export async function listOperations(ctx: Context, actor: Actor): Promise<OperationRow[]> {
  const invs = actor.id ? await ctx.store.investigations.ofMember(actor.id) : [];
  return ctx.store.operations.ofInvestigations(invs.map((i) => i.id));
}

export interface AssignmentInput {
  id?: string;
  target: { type: 'ad' | 'network'; id: string };
  unit: string;
  officer?: string | null;
  status?: string;
  contacts?: { at: string; number: string; agreed: string }[];
}

/** Adds or updates an assignment (an ad or network given to a unit), with its contact log. */
export async function putAssignment(
  ctx: Context,
  actor: Actor,
  operationId: string,
  input: AssignmentInput,
): Promise<string> {
  requirePermission(actor, 'operations.manage');
  const op = await requireOperation(ctx, actor, operationId, 'assignment.write');
  const problems: FieldProblem[] = [
    ...unitProblems(input.unit, await ctx.store.operations.units(op.id)),
    ...assignmentStatusProblems(input.status ?? 'planned'),
  ];
  const known =
    input.target.type === 'ad'
      ? await ctx.store.ads.get(input.target.id)
      : await ctx.store.networks.get(input.target.id);
  if (!known)
    problems.push({ field: 'target', message: `no ${input.target.type} ${input.target.id}` });
  (input.contacts ?? []).forEach((c, i) => {
    if (Number.isNaN(Date.parse(c.at)))
      problems.push({ field: `contacts[${i}].at`, message: 'not a time' });
    if (!c.number?.trim())
      problems.push({ field: `contacts[${i}].number`, message: 'is required' });
    if ((c.agreed ?? '').length > 120)
      problems.push({
        field: `contacts[${i}].agreed`,
        message: 'what was agreed, briefly (120 characters): no message content',
      });
  });
  if (problems.length > 0) throw new ValidationError(problems);
  const id = input.id ?? `asg-${randomUUID()}`;
  const now = ctx.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    await tx.operations.putAssignment({
      id,
      operation_id: op.id,
      target_type: input.target.type,
      target_id: input.target.id,
      unit: input.unit,
      officer: input.officer ?? null,
      status: input.status ?? 'planned',
      updated_at: now,
      updated_by: actor.name,
    });
    if (input.contacts) {
      await tx.operations.clearContacts(id);
      await tx.operations.addContacts(
        input.contacts.map((c) => ({
          assignment_id: id,
          at: new Date(c.at).toISOString(),
          number: c.number.trim(),
          agreed: c.agreed.trim(),
          recorded_by: actor.name,
        })),
      );
    }
    await audit(tx, ctx.now(), actor, {
      action: 'assignment.write',
      targetType: 'assignment',
      targetId: id,
      investigationId: op.investigation_id,
      detail: { target: input.target, unit: input.unit, status: input.status ?? 'planned' },
    });
  });
  return id;
}

/** Whether an evidence number is taken by an item other than those of this control. */
async function usedElsewhereFor(store: Store, controlId: string, numbers: readonly string[]) {
  const taken = new Set<string>();
  for (const n of numbers) {
    if (!(await store.devices.item(n))) continue;
    const seizure = await store.operations.seizure(n);
    if (!seizure || seizure.control_id !== controlId) taken.add(n);
  }
  return (n: string) => taken.has(n);
}

/**
 * Saves a control report. `submit: false` keeps it as a draft, exactly as filled in so far (only
 * what is there is checked); `submit: true` checks it whole and writes the persons met, signals,
 * referrals and seized items, each item starting its chain of custody. Every problem names its
 * field; nothing is written when there is one.
 */
export async function saveControl(
  ctx: Context,
  actor: Actor,
  operationId: string,
  input: ControlInput,
  submit: boolean,
): Promise<{ id: string; status: 'draft' | 'final' }> {
  requirePermission(actor, 'controls.record');
  const op = await requireOperation(ctx, actor, operationId, 'control.write');
  const id = input.id ?? `ctl-${randomUUID()}`;
  const existing = await ctx.store.operations.control(id);
  if (existing && existing.operation_id !== op.id) throw new NotFoundError('control');
  if (existing?.status === 'final' && !submit)
    throw ValidationError.field(
      'status',
      'this control was submitted; it cannot go back to a draft',
    );
  const usedElsewhere = await usedElsewhereFor(
    ctx.store,
    id,
    (input.seizures ?? []).map((s) => s.evidenceNumber?.trim()).filter(Boolean),
  );
  const now = ctx.now();
  const problems = controlProblems(input, {
    submit,
    now,
    operationUnits: await ctx.store.operations.units(op.id),
    usedElsewhere,
  });
  if (input.assignmentId) {
    const a = await ctx.store.operations.assignment(input.assignmentId);
    if (!a || a.operation_id !== op.id)
      problems.push({
        field: 'assignmentId',
        message: `no assignment ${input.assignmentId} in this operation`,
      });
  }
  if (problems.length > 0) throw new ValidationError(problems);

  await ctx.store.transaction(async (tx) => {
    await tx.operations.putControl({
      id,
      operation_id: op.id,
      assignment_id: input.assignmentId ?? null,
      unit: input.unit,
      status: submit ? 'final' : 'draft',
      municipality_code: input.municipalityCode ?? null,
      place: input.place?.trim() || null,
      at: input.at ? new Date(input.at).toISOString() : null,
      officers: JSON.stringify(input.officers ?? []),
      draft: submit ? null : JSON.stringify(input),
      updated_at: now.toISOString(),
      updated_by: actor.name,
    });
    if (submit) {
      // The control was held: its assignment says so.
      const assignment = input.assignmentId
        ? await tx.operations.assignment(input.assignmentId)
        : undefined;
      if (assignment && assignment.status !== 'control_held')
        await tx.operations.putAssignment({
          ...assignment,
          status: 'control_held',
          updated_at: now.toISOString(),
          updated_by: actor.name,
        });
      await tx.operations.replaceControlParts(id, {
        persons: (input.persons ?? []).map((p) => ({
          control_id: id,
          ref: p.ref,
          role: p.role,
          nationality: p.nationality ?? null,
          birth_year: p.birthYear ?? null,
          languages: JSON.stringify(p.languages ?? []),
          route: JSON.stringify(p.route ?? []),
          documents_held_by: p.documentsHeldBy ?? null,
        })),
        signals: (input.signals ?? []).map((s) => ({
          control_id: id,
          code: s.code,
          person_ref: s.personRef ?? null,
          note: (s.note ?? '').trim(),
        })),
        referrals: (input.referrals ?? []).map((r) => ({
          control_id: id,
          person_ref: r.personRef,
          offered: r.offered ? 1 : 0,
          outcome: r.outcome,
          to_org: r.to ?? null,
        })),
      });
      for (const s of input.seizures ?? []) {
        const item = s.evidenceNumber.trim();
        if (await tx.operations.seizure(item)) continue;
        await tx.devices.createItem({
          id: item,
          investigation_id: op.investigation_id,
          kind: s.kind,
          description: s.description ?? null,
          created_at: now.toISOString(),
          created_by: actor.name,
        });
        await tx.operations.addSeizure({
          item_id: item,
          control_id: id,
          kind: s.kind,
          seal_number: s.sealNumber ?? null,
          taken_by: s.takenBy.trim(),
          at: new Date(s.at).toISOString(),
          from_person_ref: s.fromPersonRef ?? null,
          description: s.description ?? null,
        });
        const steps: [string, Record<string, unknown>][] = [
          ['seized', { control: id, by: s.takenBy, from: s.fromPersonRef ?? null }],
        ];
        if (s.sealNumber) steps.push(['sealed', { seal: s.sealNumber }]);
        for (const [event, detail] of steps)
          await tx.devices.addCustody({
            item_id: item,
            event,
            at: new Date(s.at).toISOString(),
            actor_id: actor.id,
            actor_name: actor.name,
            detail: JSON.stringify(detail),
            recorded_at: now.toISOString(),
          });
      }
    }
    await audit(tx, now, actor, {
      action: submit ? 'control.submit' : 'control.draft',
      targetType: 'control',
      targetId: id,
      investigationId: op.investigation_id,
      detail: {
        persons: input.persons?.length ?? 0,
        signals: input.signals?.length ?? 0,
        seizures: input.seizures?.length ?? 0,
      },
    });
  });
  return { id, status: submit ? 'final' : 'draft' };
}

/** A draft as it was left, to fill in further. */
export async function controlDraft(
  ctx: Context,
  actor: Actor,
  operationId: string,
  controlId: string,
): Promise<ControlInput> {
  const op = await requireOperation(ctx, actor, operationId, 'control.read');
  const c = await ctx.store.operations.control(controlId);
  if (!c || c.operation_id !== op.id || c.status !== 'draft' || !c.draft)
    throw new NotFoundError('draft');
  return JSON.parse(c.draft) as ControlInput;
}

/**
 * The one-page summary of an operation: assignments and how they ended, per unit, persons met by
 * role and nationality, signals, referrals and items seized; and per ad or network controlled
 * whether signals of exploitation were found (the labels risk calibration learns from).
 */
export async function operationSummary(
  ctx: Context,
  actor: Actor,
  operationId: string,
): Promise<OperationSummary> {
  const op = await requireOperation(ctx, actor, operationId, 'operation.read');
  const units = await ctx.store.operations.units(op.id);
  const assignments = await ctx.store.operations.assignments(op.id);
  const controls = (await ctx.store.operations.controls(op.id)).filter((c) => c.status === 'final');
  const ids = controls.map((c) => c.id);
  const [persons, signals, referrals, seizures] = await Promise.all([
    ctx.store.operations.persons(ids),
    ctx.store.operations.signals(ids),
    ctx.store.operations.referrals(ids),
    ctx.store.operations.seizures(ids),
  ]);
  const unitOf = new Map(controls.map((c) => [c.id, c.unit]));
  const perUnit: OperationSummary['perUnit'] = {};
  const unit = (u: string) =>
    (perUnit[u] ??= { assignments: 0, controls: 0, personsMet: 0, itemsSeized: 0 });
  for (const u of units) unit(u);
  for (const a of assignments) unit(a.unit).assignments++;
  for (const c of controls) unit(c.unit).controls++;
  for (const p of persons) unit(unitOf.get(p.control_id)!).personsMet++;
  for (const s of seizures) unit(unitOf.get(s.control_id)!).itemsSeized++;
  const byRole = countBy(persons.map((p) => p.role));
  const nationalities = countBy(persons.flatMap((p) => (p.nationality ? [p.nationality] : [])));
  const signalCounts = countBy(signals.map((x) => x.code));
  const items = countBy(seizures.map((x) => x.kind));
  const status = (s: string) => assignments.filter((a) => a.status === s).length;
  const assignmentOf = new Map(assignments.map((a) => [a.id, a]));
  const withSignals = new Set(signals.map((s) => s.control_id));
  return {
    operation: { id: op.id, name: op.name, start: op.start_date, end: op.end_date, units },
    assignments: assignments.length,
    controlsHeld: status('control_held'),
    noShows: status('no_show'),
    cancelled: status('cancelled'),
    open: assignments.filter((a) => OPEN_STATUSES.includes(a.status)).length,
    perUnit,
    personsMet: persons.length,
    byRole,
    nationalities,
    signals: signalCounts,
    referrals: {
      offered: referrals.filter((r) => r.offered === 1).length,
      accepted: referrals.filter((r) => r.outcome === 'accepted').length,
      declined: referrals.filter((r) => r.outcome === 'declined').length,
    },
    items,
    outcomes: controls.flatMap((c) => {
      const a = c.assignment_id ? assignmentOf.get(c.assignment_id) : undefined;
      return a
        ? [
            {
              target: { type: a.target_type as 'ad' | 'network', id: a.target_id },
              control: c.id,
              exploitation: withSignals.has(c.id),
            },
          ]
        : [];
    }),
  };
}

/** The live board: every assignment with where it stands, and every control, per unit. */
export async function operationBoard(
  ctx: Context,
  actor: Actor,
  operationId: string,
): Promise<OperationBoard> {
  const op = await requireOperation(ctx, actor, operationId, 'operation.read');
  const [units, assignments, controls] = await Promise.all([
    ctx.store.operations.units(op.id),
    ctx.store.operations.assignments(op.id),
    ctx.store.operations.controls(op.id),
  ]);
  const ids = controls.map((c) => c.id);
  const [contacts, persons, signals, seizures] = await Promise.all([
    ctx.store.operations.contacts(assignments.map((a) => a.id)),
    ctx.store.operations.persons(ids),
    ctx.store.operations.signals(ids),
    ctx.store.operations.seizures(ids),
  ]);
  const ads = await ctx.store.ads.byIds(
    assignments.filter((a) => a.target_type === 'ad').map((a) => a.target_id),
  );
  const referrals = await ctx.store.operations.referrals(ids);
  const imports = await ctx.store.devices.imports(seizures.map((x) => x.item_id));
  const imported = new Set(imports.filter((i) => i.status === 'complete').map((i) => i.item_id));
  const adSeqs = [...ads.values()].map((a) => a.seq);
  const networks = new Set([
    ...(await ctx.store.networks.networkOf(adSeqs)).values(),
    ...assignments.filter((a) => a.target_type === 'network').map((a) => a.target_id),
  ]);
  const unitOf = new Map(controls.map((c) => [c.id, c.unit]));
  const count = <T extends { control_id: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.control_id === id).length;
  return {
    operation: {
      id: op.id,
      name: op.name,
      start: op.start_date,
      end: op.end_date,
      lead: op.lead,
      legalBasis: op.legal_basis,
      purpose: op.purpose,
      units,
    },
    assignments: assignments.map((a) => ({
      id: a.id,
      target: {
        type: a.target_type,
        id: a.target_id,
        title: a.target_type === 'ad' ? (ads.get(a.target_id)?.title ?? null) : null,
      },
      unit: a.unit,
      officer: a.officer,
      status: a.status,
      contacts: contacts
        .filter((c) => c.assignment_id === a.id)
        .map((c) => ({ at: c.at, number: c.number, agreed: c.agreed })),
    })),
    controls: controls.map((c) => ({
      id: c.id,
      assignmentId: c.assignment_id,
      unit: c.unit,
      status: c.status,
      at: c.at,
      place: c.place ?? c.municipality_code,
      persons: count(persons, c.id),
      signals: count(signals, c.id),
      items: count(seizures, c.id),
    })),
    followUp: {
      persons: persons.map((p) => ({
        control: p.control_id,
        unit: unitOf.get(p.control_id) ?? '',
        ref: p.ref,
        role: p.role,
        nationality: p.nationality,
        birthYear: p.birth_year,
        referral:
          referrals.find((r) => r.control_id === p.control_id && r.person_ref === p.ref)?.outcome ??
          null,
      })),
      items: seizures.map((x) => ({
        evidenceNumber: x.item_id,
        kind: x.kind,
        control: x.control_id,
        sealNumber: x.seal_number,
        imported: imported.has(x.item_id),
      })),
      networks: [...networks].sort(),
    },
  };
}
