import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/server/app.js';
import { seedUsers, signIn, testServer, type Client } from '../helpers/server.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * The operations API on both databases: a lead opens an operation; a control report is kept as a
 * draft and read back; submitting it with a year of birth in the future or an unknown signal is a
 * 400 naming those fields; submitted, it shows on the board and in the summary; an officer of
 * another unit who does not take part gets 404 and an empty list.
 */
for (const backend of BACKENDS) {
  describe(`operations API: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let app: App;
    let lead: Client;
    let other: Client;
    let id: string;

    before(async () => {
      t = await backend.open();
      await seedUsers(t.store, [
        { username: 'beheer', roles: ['admin'] },
        { username: 'lead', roles: ['operational_lead', 'field_officer'], unit: 'AM' },
        { username: 'other', roles: ['operational_lead', 'field_officer'], unit: 'ZWB' },
      ]);
      app = await testServer(t.store);
      lead = await signIn(app, 'lead');
      other = await signIn(app, 'other');
    });
    after(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('opens an operation, naming bad fields', async () => {
      const bad = await lead.request('POST', '/api/operations', {
        name: 'Actiedag',
        start: '2023-03-30',
        end: '2023-03-28',
        lead: 'lead',
        units: ['AM', 'XX'],
        legalBasis: 'Wpg art. 9',
        purpose: 'uitbuiting opsporen',
      });
      assert.equal(bad.statusCode, 400);
      const fields = (bad.json() as { fields: { field: string }[] }).fields.map((f) => f.field);
      assert.deepEqual(fields, ['body/end', 'body/units[1]']);
      const ok = await lead.request('POST', '/api/operations', {
        name: 'Actiedag',
        start: '2023-03-28',
        end: '2023-03-30',
        lead: 'lead',
        units: ['AM', 'RT'],
        legalBasis: 'Wpg art. 9',
        purpose: 'uitbuiting opsporen',
      });
      assert.equal(ok.statusCode, 201, ok.body);
      id = (ok.json() as { id: string }).id;
    });

    it('keeps a draft, refuses a bad report by field, files a good one', async () => {
      const draft = await lead.request('POST', `/api/operations/${id}/controls?submit=false`, {
        unit: 'AM',
        persons: [{ ref: 'p1', role: 'possible_victim', nationality: 'VE' }],
      });
      assert.equal(draft.statusCode, 200, draft.body);
      const { id: control, status } = draft.json() as { id: string; status: string };
      assert.equal(status, 'draft');
      const back = await lead.request('GET', `/api/operations/${id}/controls/${control}/draft`);
      assert.deepEqual((back.json() as { persons: unknown[] }).persons, [
        { ref: 'p1', role: 'possible_victim', nationality: 'VE' },
      ]);

      const report = {
        id: control,
        unit: 'AM',
        at: '2023-03-29T21:00:00+02:00',
        place: 'Amsterdam-West',
        officers: ['lead'],
        persons: [
          { ref: 'p1', role: 'possible_victim', nationality: 'VE', birthYear: 2031 },
          { ref: 'p2', role: 'beveiliger', nationality: 'ES', birthYear: 1990 },
        ],
        signals: [
          { code: 'documents_held_by_other', personRef: 'p1', note: 'paspoort bij p2' },
          { code: 'magic', personRef: 'p1' },
        ],
        referrals: [{ personRef: 'p1', offered: true, outcome: 'declined', to: 'CoMensha' }],
        seizures: [
          {
            evidenceNumber: 'AM-2023-90001',
            kind: 'phone',
            takenBy: 'lead',
            at: '2023-03-29T21:20:00+02:00',
            fromPersonRef: 'p2',
          },
        ],
      };
      const refused = await lead.request(
        'POST',
        `/api/operations/${id}/controls?submit=true`,
        report,
      );
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(
        (refused.json() as { fields: { field: string }[] }).fields.map((f) => f.field),
        ['body/persons[0].birthYear', 'body/signals[1].code'],
      );
      report.persons[0]!.birthYear = 2001;
      report.signals[1]!.code = 'debt';
      const filed = await lead.request(
        'POST',
        `/api/operations/${id}/controls?submit=true`,
        report,
      );
      assert.equal(filed.statusCode, 200, filed.body);
      assert.equal((filed.json() as { status: string }).status, 'final');

      const board = (await lead.request('GET', `/api/operations/${id}`)).json() as {
        controls: { id: string; persons: number; signals: number; items: number; status: string }[];
      };
      assert.deepEqual(
        board.controls.map((c) => [c.id, c.status, c.persons, c.signals, c.items]),
        [[control, 'final', 2, 2, 1]],
      );
      const summary = (await lead.request('GET', `/api/operations/${id}/summary`)).json() as {
        nationalities: Record<string, number>;
        referrals: { declined: number };
        items: Record<string, number>;
      };
      assert.deepEqual(summary.nationalities, { VE: 1, ES: 1 });
      assert.equal(summary.referrals.declined, 1);
      assert.deepEqual(summary.items, { phone: 1 });
    });

    it('shows nothing to an officer of another unit who does not take part', async () => {
      assert.deepEqual((await other.request('GET', '/api/operations')).json(), { operations: [] });
      for (const url of [`/api/operations/${id}`, `/api/operations/${id}/summary`])
        assert.equal((await other.request('GET', url)).statusCode, 404, url);
      const write = await other.request('POST', `/api/operations/${id}/controls?submit=false`, {
        unit: 'ZWB',
      });
      assert.equal(write.statusCode, 404);
    });
  });
}
