import type { Insertable, Kysely, Selectable } from 'kysely';
import { chunks } from './ads.js';
import type {
  AssignmentContactsTable,
  AssignmentsTable,
  ControlPersonsTable,
  ControlReferralsTable,
  ControlSignalsTable,
  ControlsTable,
  Database,
  OperationsTable,
  SeizuresTable,
} from './schema.js';

/**
 * Operations and what happens in them: assignments with their contact log, controls with the
 * persons met, signals and referrals, and seizures. A control's parts are written whole when it
 * is submitted (replaced if it is submitted again).
 */

export type OperationRow = Selectable<OperationsTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type ControlRow = Selectable<ControlsTable>;
export type ControlPersonRow = Selectable<ControlPersonsTable>;
export type ControlSignalRow = Selectable<ControlSignalsTable>;
export type ControlReferralRow = Selectable<ControlReferralsTable>;
export type SeizureRow = Selectable<SeizuresTable>;

export class OperationsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: OperationsTable, units: readonly string[]): Promise<void> {
    await this.db.insertInto('operations').values(row).execute();
    if (units.length > 0)
      await this.db
        .insertInto('operation_units')
        .values(units.map((unit) => ({ operation_id: row.id, unit })))
        .execute();
  }

  async byId(id: string): Promise<OperationRow | undefined> {
    return this.db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Operations whose investigation is one of these, newest first. */
  async ofInvestigations(investigationIds: readonly string[]): Promise<OperationRow[]> {
    if (investigationIds.length === 0) return [];
    return this.db
      .selectFrom('operations')
      .selectAll()
      .where('investigation_id', 'in', investigationIds)
      .orderBy('start_date', 'desc')
      .orderBy('id')
      .execute();
  }

  async units(operationId: string): Promise<string[]> {
    return (
      await this.db
        .selectFrom('operation_units')
        .select('unit')
        .where('operation_id', '=', operationId)
        .orderBy('unit')
        .execute()
    ).map((r) => r.unit);
  }

  // --- assignments -----------------------------------------------------------------------------

  async assignment(id: string): Promise<AssignmentRow | undefined> {
    return this.db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async putAssignment(row: AssignmentsTable): Promise<void> {
    await this.db
      .insertInto('assignments')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          unit: row.unit,
          officer: row.officer,
          status: row.status,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
  }

  async assignments(operationId: string): Promise<AssignmentRow[]> {
    return this.db
      .selectFrom('assignments')
      .selectAll()
      .where('operation_id', '=', operationId)
      .orderBy('unit')
      .orderBy('id')
      .execute();
  }

  async addContacts(rows: Insertable<AssignmentContactsTable>[]): Promise<void> {
    for (const part of chunks(rows))
      await this.db.insertInto('assignment_contacts').values(part).execute();
  }

  async clearContacts(assignmentId: string): Promise<void> {
    await this.db
      .deleteFrom('assignment_contacts')
      .where('assignment_id', '=', assignmentId)
      .execute();
  }

  async contacts(assignmentIds: readonly string[]) {
    if (assignmentIds.length === 0) return [];
    return this.db
      .selectFrom('assignment_contacts')
      .selectAll()
      .where('assignment_id', 'in', assignmentIds)
      .orderBy('at')
      .execute();
  }

  // --- controls --------------------------------------------------------------------------------

  async control(id: string): Promise<ControlRow | undefined> {
    return this.db.selectFrom('controls').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async putControl(row: ControlsTable): Promise<void> {
    const { id: _id, ...rest } = row;
    await this.db
      .insertInto('controls')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(rest))
      .execute();
  }

  /** Replaces a control's persons, signals and referrals with these. */
  async replaceControlParts(
    controlId: string,
    parts: {
      persons: ControlPersonsTable[];
      signals: Insertable<ControlSignalsTable>[];
      referrals: ControlReferralsTable[];
    },
  ): Promise<void> {
    for (const table of ['control_persons', 'control_signals', 'control_referrals'] as const)
      await this.db.deleteFrom(table).where('control_id', '=', controlId).execute();
    if (parts.persons.length > 0)
      await this.db.insertInto('control_persons').values(parts.persons).execute();
    if (parts.signals.length > 0)
      await this.db.insertInto('control_signals').values(parts.signals).execute();
    if (parts.referrals.length > 0)
      await this.db.insertInto('control_referrals').values(parts.referrals).execute();
  }

  async controls(operationId: string): Promise<ControlRow[]> {
    return this.db
      .selectFrom('controls')
      .selectAll()
      .where('operation_id', '=', operationId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async persons(controlIds: readonly string[]): Promise<ControlPersonRow[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .selectFrom('control_persons')
      .selectAll()
      .where('control_id', 'in', controlIds)
      .execute();
  }

  async signals(controlIds: readonly string[]): Promise<ControlSignalRow[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .selectFrom('control_signals')
      .selectAll()
      .where('control_id', 'in', controlIds)
      .orderBy('seq')
      .execute();
  }

  async referrals(controlIds: readonly string[]): Promise<ControlReferralRow[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .selectFrom('control_referrals')
      .selectAll()
      .where('control_id', 'in', controlIds)
      .execute();
  }

  // --- seizures --------------------------------------------------------------------------------

  async seizure(itemId: string): Promise<SeizureRow | undefined> {
    return this.db
      .selectFrom('seizures')
      .selectAll()
      .where('item_id', '=', itemId)
      .executeTakeFirst();
  }

  async addSeizure(row: SeizuresTable): Promise<void> {
    await this.db.insertInto('seizures').values(row).execute();
  }

  async seizures(controlIds: readonly string[]): Promise<SeizureRow[]> {
    if (controlIds.length === 0) return [];
    return this.db
      .selectFrom('seizures')
      .selectAll()
      .where('control_id', 'in', controlIds)
      .orderBy('item_id')
      .execute();
  }
}
