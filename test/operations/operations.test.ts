import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Actor, Context } from '../../src/access/context.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { importDevice } from '../../src/intake/devices/import.js';
import { getDevice } from '../../src/intake/devices/service.js';
import { NotFoundError, ValidationError } from '../../src/model/errors.js';
import type { OperationSummary } from '../../src/model/operations.js';
import { importOperations } from '../../src/operations/import.js';
import {
  controlDraft,
  listOperations,
  operationSummary,
  saveControl,
} from '../../src/operations/service.js';
import { generateWorld } from '../../src/scenario/generate.js';
import { seedActors } from '../helpers/actors.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * Operations on both databases: the synthetic world's action days imported from its JSON lines,
 * summarised exactly as its truth; bad lines reported by file, line and field while the rest
 * imports; the control form's rules (an evidence number already used, a year of birth in the
 * future, an unknown signal) named by field; a half-filled report kept as a draft; seized phones
 * starting the chain of custody that device import continues; and nothing of it for a user of
 * another unit who does not take part.
 */

type TruthSummary = Omit<OperationSummary, 'operation' | 'open' | 'outcomes'>;

let world: string;
let truth: {
  operations: { summary: TruthSummary; seizedPhones: { evidenceNumber: string }[] };
  devices: { id: string; evidenceNumber: string; format: string }[];
};
before(async () => {
  world = mkdtempSync(join(tmpdir(), 'schakel-operations-world-'));
  await generateWorld({ seed: 5, size: 'small', out: world, images: false, devices: 6 });
  truth = JSON.parse(readFileSync(join(world, 'truth.json'), 'utf8')) as typeof truth;
});
after(() => rmSync(world, { recursive: true, force: true }));

for (const backend of BACKENDS) {
  describe(`operations: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let ctx: Context;
    let lead: Actor;
    let outsider: Actor;
    let opId: string;

    before(async () => {
      t = await backend.open();
      ctx = { store: t.store, now: () => new Date('2023-04-03T09:00:00Z') };
      const users = await seedActors(ctx, [
        { username: 'beheer', roles: ['admin'] },
        { username: 'emm-lead', roles: ['operational_lead', 'analyst', 'forensic_examiner'] },
        { username: 'agent-zwb', roles: ['field_officer', 'operational_lead'], unit: 'ZWB' },
      ]);
      lead = users['emm-lead']!;
      outsider = users['agent-zwb']!;
      await importAds(ctx, lead, {
        paths: [join(world, 'ads')],
        places: new PlaceResolver(loadGazetteer()),
        images: null,
      });
    });
    after(async () => t?.cleanup());

    it("imports the world's action days and summarises them exactly as the truth", async () => {
      const report = await importOperations(ctx, lead, join(world, 'operations'));
      assert.deepEqual(report.problems, []);
      const [op] = await listOperations(ctx, lead);
      opId = op!.id;
      const s = await operationSummary(ctx, lead, opId);
      const want = truth.operations.summary;
      assert.equal(s.assignments, want.assignments);
      assert.equal(s.controlsHeld, want.controlsHeld);
      assert.equal(s.noShows, want.noShows);
      assert.equal(s.cancelled, want.cancelled);
      assert.deepEqual(s.perUnit, want.perUnit);
      assert.equal(s.personsMet, want.personsMet);
      assert.deepEqual(s.byRole, want.byRole);
      assert.deepEqual(s.nationalities, want.nationalities);
      assert.deepEqual(s.signals, want.signals);
      assert.deepEqual(s.referrals, want.referrals);
      assert.deepEqual(s.items, want.items);
      // One outcome label per control held, true where signals were found.
      assert.equal(s.outcomes.length, want.controlsHeld);
      assert.ok(s.outcomes.some((o) => o.exploitation));

      // Importing again adds nothing.
      const again = await importOperations(ctx, lead, join(world, 'operations'));
      assert.deepEqual(again.problems, []);
      assert.deepEqual(await operationSummary(ctx, lead, opId), s);
    });

    it('reports a bad line by file, line and field, and imports the rest', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'schakel-operations-bad-'));
      try {
        cpSync(join(world, 'operations'), dir, { recursive: true });
        const controls = readFileSync(join(dir, 'controls.jsonl'), 'utf8').trim().split('\n');
        const first = JSON.parse(controls[0]!) as {
          id: string;
          persons: { birthYear: number }[];
          signals: { code: string }[];
        };
        first.id = 'ctl-bad-1';
        first.persons[0]!.birthYear = 2031;
        first.signals = [{ code: 'looks_sad' }];
        appendFileSync(join(dir, 'controls.jsonl'), `${JSON.stringify(first)}\n{not json\n`);
        const report = await importOperations(ctx, lead, dir);
        const line = controls.length + 1;
        assert.deepEqual(
          report.problems.map((p) => `${p.file}:${p.line}:${p.field}`),
          [
            `controls.jsonl:${line}:persons[0].birthYear`,
            `controls.jsonl:${line}:signals[0].code`,
            `controls.jsonl:${line + 1}:null`,
          ],
        );
        assert.match(report.problems[0]!.message, /2031 lies in the future/);
        assert.match(report.problems[1]!.message, /unknown signal "looks_sad"/);
        assert.equal(report.controls, controls.length);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('names the field of every problem in a control report and keeps a half-filled one as a draft', async () => {
      const used = truth.operations.seizedPhones[0]!.evidenceNumber;
      await assert.rejects(
        saveControl(
          ctx,
          lead,
          opId,
          {
            unit: 'AM',
            at: '2023-03-29T21:00:00+02:00',
            place: 'Amsterdam',
            officers: ['am-agent-1'],
            persons: [{ ref: 'p1', role: 'possible_victim', birthYear: 2030 }],
            signals: [{ code: 'no_passport_magic', personRef: 'p1' }],
            seizures: [
              {
                evidenceNumber: used,
                kind: 'phone',
                takenBy: 'am-agent-1',
                at: '2023-03-29T21:10:00+02:00',
              },
            ],
          },
          true,
        ),
        (e: unknown) =>
          e instanceof ValidationError &&
          JSON.stringify(e.fields.map((f) => f.field)) ===
            JSON.stringify([
              'persons[0].birthYear',
              'signals[0].code',
              'seizures[0].evidenceNumber',
            ]) &&
          /already used/.test(e.fields[2]!.message),
      );
      // Half filled: no place, no officers yet. Kept as it is, and read back to go on with.
      const half = { unit: 'AM', persons: [{ ref: 'p1', role: 'sex_worker', nationality: 'CO' }] };
      const saved = await saveControl(ctx, lead, opId, half, false);
      assert.equal(saved.status, 'draft');
      assert.deepEqual(await controlDraft(ctx, lead, opId, saved.id), half);
      // Submitting it as it is names what is missing.
      await assert.rejects(
        saveControl(ctx, lead, opId, { ...half, id: saved.id }, true),
        (e: unknown) =>
          e instanceof ValidationError &&
          ['at', 'place', 'officers'].every((f) => e.fields.some((x) => x.field === f)),
      );
      // A draft does not count in the summary.
      const s = await operationSummary(ctx, lead, opId);
      assert.equal(s.personsMet, truth.operations.summary.personsMet);
    });

    it('starts the chain of custody at the seizure; device import continues it', async () => {
      const phone = truth.operations.seizedPhones[0]!;
      const device = truth.devices.find((d) => d.evidenceNumber === phone.evidenceNumber)!;
      const path = join(
        world,
        'devices',
        device.format === 'ufdr' ? `${device.id}.ufdr` : device.id,
      );
      // No investigation named: the seized item already belongs to the operation's.
      const r = await importDevice(ctx, lead, { path, item: phone.evidenceNumber });
      assert.equal(r.reimport, false);
      const d = await getDevice(ctx, lead, phone.evidenceNumber);
      assert.deepEqual(
        d.custody.map((s) => s.event),
        ['seized', 'sealed', 'imported'],
      );
    });

    it('shows nothing of the operation to a user of another unit who does not take part', async () => {
      assert.deepEqual(await listOperations(ctx, outsider), []);
      await assert.rejects(operationSummary(ctx, outsider, opId), NotFoundError);
      await assert.rejects(saveControl(ctx, outsider, opId, { unit: 'ZWB' }, false), NotFoundError);
      await assert.rejects(
        getDevice(ctx, outsider, truth.operations.seizedPhones[0]!.evidenceNumber),
        NotFoundError,
      );
    });
  });
}
