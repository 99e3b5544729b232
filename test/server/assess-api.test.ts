import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Actor, Context } from '../../src/access/context.js';
import { runAssessment } from '../../src/assess/job.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { adId, importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { runLinking } from '../../src/link/job.js';
import type {
  FairnessReport,
  IndicatorView,
  RiskView,
  TriageItem,
} from '../../src/model/assess.js';
import type { App } from '../../src/server/app.js';
import { seedUsers, signIn, testServer, type Client } from '../helpers/server.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * The risk API on both databases: the triage queue with its reasons and filters, reviews with a
 * reason (audited, filterable), an ad's risk with its evidence, the indicator switch changing the
 * ranking, and the fairness report; officers without networks.read see none of it.
 */

const geo = loadGazetteer();
const analyst: Actor = { id: null, name: 'importer', roles: ['analyst'], channel: 'cli', ip: null };

const capture = (id: string, text: string, location: string) =>
  JSON.stringify({
    source: 'testbron.test',
    source_id: id,
    captured_at: '2023-03-20T21:00:00+01:00',
    title: `Advertentie ${id}`,
    text,
    location,
  });
const SPANISH = adId('testbron.test', 'es');
const PLAIN = adId('testbron.test', 'nl');

for (const backend of BACKENDS) {
  describe(`risk API: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let app: App;
    let dir: string;
    let anna: Client;
    let agent: Client;

    before(async () => {
      t = await backend.open();
      const ctx: Context = { store: t.store, now: () => new Date('2026-11-29T10:00:00Z') };
      dir = mkdtempSync(join(tmpdir(), 'schakel-risk-api-'));
      writeFileSync(
        join(dir, 'ads.jsonl'),
        [
          capture('es', 'Hola, soy Daniela, colombiana. Llama al +34 612 345 678. 24/7.', 'Zwolle'),
          capture(
            'nl',
            'Hoi, ik ben Anne uit Zwolle. Bel 06-12345678 voor een afspraak.',
            'Zwolle',
          ),
          capture('x', 'Hoi, Lisa hier, bel 06-87654321.', 'Breda'),
        ].join('\n'),
      );
      await importAds(ctx, analyst, {
        paths: [join(dir, 'ads.jsonl')],
        places: new PlaceResolver(geo),
        images: null,
      });
      await runLinking(ctx, analyst, { geo });
      await runAssessment(ctx, analyst);
      await seedUsers(t.store, [
        { username: 'beheer', roles: ['admin'] },
        { username: 'anna', roles: ['analyst'], unit: 'ON' },
        { username: 'agent', roles: ['field_officer'], unit: 'RT' },
      ]);
      app = await testServer(t.store);
      anna = await signIn(app, 'anna');
      agent = await signIn(app, 'agent');
    });
    after(async () => {
      await app.close();
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const queue = async (query: string) => {
      const res = await anna.request('GET', `/api/triage?kind=ad${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { total: number; items: TriageItem[] };
    };

    it('lists ads by risk with their top reasons and the evidence behind them', async () => {
      const { total, items } = await queue('');
      assert.equal(total, 3);
      assert.equal(items[0]!.id, SPANISH);
      assert.ok(items[0]!.risk > items[1]!.risk);
      const foreign = items[0]!.reasons.find((r) => r.code === 'foreign_number')!;
      assert.match(foreign.evidence[0]!.detail!, /\+34/);
      assert.deepEqual(
        (await queue('&indicator=foreign_number')).items.map((i) => i.id),
        [SPANISH],
      );
      assert.equal((await queue('&unit=ZWB')).total, 1);
      const bad = await anna.request('GET', '/api/triage?kind=ad&indicator=no_such_thing');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /indicator/);
    });

    it('records a review with its reason, audited, and filters on it', async () => {
      const res = await anna.request('POST', '/api/triage/reviews', {
        kind: 'ad',
        id: PLAIN,
        status: 'not_relevant',
        reason: 'zelfstandig, geen signalen',
      });
      assert.equal(res.statusCode, 204, res.body);
      const reviewed = await queue('&reviewed=true');
      assert.deepEqual(
        reviewed.items.map((i) => [i.id, i.review?.status, i.review?.reason, i.review?.by]),
        [[PLAIN, 'not_relevant', 'zelfstandig, geen signalen', 'anna']],
      );
      assert.equal((await queue('&reviewed=false')).total, 2);
      const noReason = await anna.request('POST', '/api/triage/reviews', {
        kind: 'ad',
        id: PLAIN,
        status: 'reviewed',
        reason: '',
      });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /reason/);
      const actions = (await t.store.auditLog.list({ limit: 50 })).map((e) => e.action);
      assert.ok(actions.includes('triage.review'));
    });

    it('shows an ad`s risk with every contribution and the text that triggered it', async () => {
      const res = await anna.request('GET', `/api/ads/${SPANISH}/risk`);
      const risk = res.json() as RiskView;
      assert.ok(risk.risk > 0 && risk.risk < 1);
      const sum = risk.contributions.reduce((s, c) => s + c.contribution, 0);
      assert.ok(sum > 0);
      assert.ok(risk.contributions.every((c) => c.evidence.length > 0));
    });

    it('switching an indicator off changes the ranking, and switching it on restores it', async () => {
      const before = (await queue('')).items.find((i) => i.id === SPANISH)!.risk;
      const off = await anna.request('PUT', '/api/indicators/foreign_number', { enabled: false });
      assert.equal(off.statusCode, 200, off.body);
      const catalogue = (await anna.request('GET', '/api/indicators')).json() as {
        indicators: IndicatorView[];
      };
      assert.equal(catalogue.indicators.find((i) => i.code === 'foreign_number')!.enabled, false);
      const after = (await queue('')).items.find((i) => i.id === SPANISH)!;
      assert.ok(after.risk < before);
      assert.ok(!after.reasons.some((r) => r.code === 'foreign_number'));
      await anna.request('PUT', '/api/indicators/foreign_number', { enabled: true });
      assert.equal((await queue('')).items.find((i) => i.id === SPANISH)!.risk, before);
      const unknown = await anna.request('PUT', '/api/indicators/no_such', { enabled: false });
      assert.equal(unknown.statusCode, 400);
    });

    it('reports score distributions per police unit and per stated origin', async () => {
      const f = (await anna.request('GET', '/api/assess/fairness')).json() as FairnessReport;
      assert.deepEqual(f.byPoliceUnit.map((g) => g.group).sort(), ['ON', 'ZWB']);
      assert.ok(f.byOrigin.some((g) => g.group === 'none' && g.ads === 2));
      assert.ok(f.byOrigin.some((g) => g.group !== 'none' && g.ads === 1));
    });

    it('shows nothing of it to a user without networks.read', async () => {
      assert.equal((await agent.request('GET', '/api/triage')).statusCode, 403);
      assert.equal((await agent.request('GET', '/api/assess/fairness')).statusCode, 403);
    });
  });
}
