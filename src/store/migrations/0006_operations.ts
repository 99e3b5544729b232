import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';
import { timestamp } from '../dialect.js';

// Released migrations are never edited: add a new file instead.
export function operations(dialect: Dialect) {
  const ts = timestamp(dialect);
  const seq = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // An action day or a series of them. Its content (assignments, controls, persons met,
      // signals, referrals, seizures) lives in an investigation of its own, so need-to-know is
      // membership of that investigation: the participants.
      await db.schema
        .createTable('operations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('investigation_id', 'text', (c) => c.notNull().references('investigations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('lead', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('operation_units')
        .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('operation_units_pk', ['operation_id', 'unit'])
        .execute();

      // An ad or network selected for the action days, given to a unit (and an officer), with
      // where it stands: planned → contacted → appointment → control_held / no_show / cancelled.
      await db.schema
        .createTable('assignments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('officer', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assignments_operation')
        .on('assignments')
        .columns(['operation_id', 'unit'])
        .execute();
      // The contact log: when, which number, what was agreed — no message content.
      await db.schema
        .createTable('assignment_contacts')
        .addColumn('seq', 'integer', seq)
        .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('agreed', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assignment_contacts_assignment')
        .on('assignment_contacts')
        .column('assignment_id')
        .execute();

      // A control: where, when, by whom. A draft keeps the half-filled form as it was left
      // (`draft`, JSON) until it is submitted; then its parts below are written and it is final.
      await db.schema
        .createTable('controls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('operation_id', 'text', (c) => c.notNull().references('operations.id'))
        .addColumn('assignment_id', 'text')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text')
        .addColumn('place', 'text')
        .addColumn('at', ts)
        .addColumn('officers', 'text', (c) => c.notNull())
        .addColumn('draft', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('controls_operation')
        .on('controls')
        .columns(['operation_id', 'unit'])
        .execute();
      // Persons met, as observed: role, nationality, year of birth, languages, route into the
      // country, who holds their documents. No names: a reference within the control.
      await db.schema
        .createTable('control_persons')
        .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id'))
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('nationality', 'text')
        .addColumn('birth_year', 'integer')
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('documents_held_by', 'text')
        .addPrimaryKeyConstraint('control_persons_pk', ['control_id', 'ref'])
        .execute();
      await db.schema
        .createTable('control_signals')
        .addColumn('seq', 'integer', seq)
        .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('person_ref', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('control_signals_control')
        .on('control_signals')
        .column('control_id')
        .execute();
      // Referral to care: offered, accepted or declined, to whom. Victims' details stay in the
      // control, visible to its investigation's members only.
      await db.schema
        .createTable('control_referrals')
        .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id'))
        .addColumn('person_ref', 'text', (c) => c.notNull())
        .addColumn('offered', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('to_org', 'text')
        .addPrimaryKeyConstraint('control_referrals_pk', ['control_id', 'person_ref'])
        .execute();
      // What was seized: the evidence item (its number on the bag) with the seal, who took it,
      // when and from whom. Its chain of custody starts here and device import continues it.
      await db.schema
        .createTable('seizures')
        .addColumn('item_id', 'text', (c) => c.primaryKey().references('evidence_items.id'))
        .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('seal_number', 'text')
        .addColumn('taken_by', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('from_person_ref', 'text')
        .addColumn('description', 'text')
        .execute();
      await db.schema.createIndex('seizures_control').on('seizures').column('control_id').execute();
    },
  };
}
