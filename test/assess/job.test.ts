import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Actor, Context } from '../../src/access/context.js';
import { runAssessment } from '../../src/assess/job.js';
import { activeModel, switchIndicator } from '../../src/assess/models.js';
import { calibrateFromOutcomes } from '../../src/assess/outcomes.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { exportAdsJsonl, type ExportedAd } from '../../src/intake/ads/export.js';
import { adId, importAds } from '../../src/intake/ads/import.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { exportNetworksJsonl, type ExportedNetwork } from '../../src/link/export.js';
import { runLinking } from '../../src/link/job.js';
import { ValidationError } from '../../src/model/errors.js';
import { Random } from '../../src/scenario/random.js';
import { jsonlSink } from '../helpers/jsonl.js';
import { BACKENDS, type TestStore } from '../helpers/stores.js';

/**
 * Assessment over the store on both databases: captures imported and linked, every ad and network
 * scored under the active model with the evidence behind each contribution; an indicator switched
 * off gives a new, audited model version and changes the ranking; outcomes fit a new version that
 * is saved but not activated; the exports carry risk and indicators.
 */

const geo = loadGazetteer();
const places = new PlaceResolver(geo);
const analyst: Actor = { id: null, name: 'analist', roles: ['analyst'], channel: 'cli', ip: null };
const CITIES = ['Zwolle', 'Utrecht', 'Breda', 'Groningen', 'Den Haag', 'Eindhoven'];

/** Network-like ads (Spanish numbers, stated nationality) and independent-looking ones. */
function captures(): { lines: string[]; labels: Map<string, boolean> } {
  const rng = new Random('assess-job');
  const lines: string[] = [];
  const labels = new Map<string, boolean>();
  for (let i = 0; i < 60; i++) {
    const exploited = i % 3 === 0;
    const sourceId = `r${i}`;
    const phone = exploited ? `+34 6${rng.digits(8)}` : `06-${rng.digits(8)}`;
    const name = rng.pick(['Sofia', 'Luna', 'Mia', 'Eva', 'Noor', 'Lisa']);
    const text = exploited
      ? `Hola, soy ${name}, colombiana, ${rng.int(19, 24)} años. Llama al ${phone}. ${rng.int(6, 9)}0 euro.`
      : `Hoi, ik ben ${name}, ${rng.int(25, 45)} jaar. Bel ${phone}. ${rng.int(12, 20)}0 euro per uur.`;
    lines.push(
      JSON.stringify({
        source: 'testbron.test',
        source_id: sourceId,
        captured_at: `2023-03-${String(10 + (i % 15)).padStart(2, '0')}T20:00:00+01:00`,
        title: name,
        text,
        name,
        location: rng.pick(CITIES),
      }),
    );
    labels.set(adId('testbron.test', sourceId), exploited);
  }
  return { lines, labels };
}

for (const backend of BACKENDS) {
  describe(`assessment over the store: ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    let ctx: Context;
    let dir: string;
    const { lines, labels } = captures();
    const spanish = [...labels].find(([, x]) => x)![0];
    const dutch = [...labels].find(([, x]) => !x)![0];
    const risk = async (id: string) => {
      const seq = (await t.store.networks.adSeqs([id])).get(id)!;
      return (await t.store.assess.adAssessments([seq])).get(seq)!;
    };

    before(async () => {
      t = await backend.open();
      ctx = { store: t.store, now: () => new Date('2026-11-29T10:00:00Z') };
      dir = mkdtempSync(join(tmpdir(), 'schakel-assess-'));
      writeFileSync(join(dir, 'ads.jsonl'), lines.join('\n') + '\n');
      await importAds(ctx, analyst, { paths: [join(dir, 'ads.jsonl')], places, images: null });
      await runLinking(ctx, analyst, { geo });
    });
    after(async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('scores every ad under the default model, each contribution with its evidence', async () => {
      const stats = await runAssessment(ctx, analyst);
      assert.equal(stats.ads, 60);
      assert.equal(stats.model, 'default-1');
      const s = await risk(spanish);
      const d = await risk(dutch);
      assert.ok(Number(s.risk) > Number(d.risk), `${s.risk} > ${d.risk}`);
      const contributions = JSON.parse(s.contributions) as {
        code: string;
        contribution: number;
        evidence: { detail?: string; text?: string }[];
      }[];
      const foreign = contributions.find((c) => c.code === 'foreign_number')!;
      assert.ok(foreign.contribution > 0);
      assert.match(foreign.evidence[0]!.detail ?? '', /\+34/);
      assert.ok(contributions.some((c) => c.code === 'stated_ethnicity'));
      // The logit is the intercept plus the contributions.
      const model = await activeModel(ctx);
      const sum = contributions.reduce((x, c) => x + c.contribution, model.intercept);
      assert.ok(Math.abs(sum - Number(s.logit)) < 1e-9);
    });

    it('switching an indicator off is a new, active, audited version and changes the scores', async () => {
      const before = Number((await risk(spanish)).risk);
      const model = await switchIndicator(ctx, analyst, 'foreign_number', false);
      assert.deepEqual(model.disabled, ['foreign_number']);
      assert.equal((await activeModel(ctx)).version, model.version);
      await runAssessment(ctx, analyst);
      const now = await risk(spanish);
      assert.ok(Number(now.risk) < before);
      assert.equal(now.model, model.version);
      assert.ok(
        !(JSON.parse(now.contributions) as { code: string }[]).some(
          (c) => c.code === 'foreign_number',
        ),
      );
      const actions = (await t.store.auditLog.list({ limit: 100 })).map((e) => e.action);
      assert.ok(actions.includes('assess.model.activate'));
      await switchIndicator(ctx, analyst, 'foreign_number', true);
      await runAssessment(ctx, analyst);
    });

    it('fits weights to outcomes, reports bad lines, and saves a version without activating it', async () => {
      const file = join(dir, 'outcomes.jsonl');
      writeFileSync(
        file,
        [
          '{"ad": broken',
          JSON.stringify({ ad: 'f'.repeat(32), exploitation: true }),
          ...[...labels].map(([ad, x]) => JSON.stringify({ ad, exploitation: x })),
        ].join('\n'),
      );
      const active = (await activeModel(ctx)).version;
      const r = await calibrateFromOutcomes(ctx, analyst, file);
      assert.deepEqual(
        r.problems.map((p) => p.line),
        [1, 2],
      );
      assert.equal(r.labelled, 60);
      assert.equal(r.fitted + r.heldOut, 60);
      assert.ok(r.calibrated.auc >= 0.9, `held-out AUC ${r.calibrated.auc}`);
      assert.ok(await t.store.assess.model(r.calibrated.version));
      assert.equal((await activeModel(ctx)).version, active);
      writeFileSync(file, JSON.stringify({ ad: spanish, exploitation: true }));
      await assert.rejects(calibrateFromOutcomes(ctx, analyst, file), ValidationError);
    });

    it('exports risk and indicators with each ad and network', async () => {
      const ads = jsonlSink<ExportedAd>();
      await exportAdsJsonl(ctx, analyst, geo, ads.sink);
      const ad = ads.records().find((a) => a.id === spanish)!;
      assert.ok(ad.risk! > 0 && ad.risk! < 1);
      assert.ok(ad.indicators.some((i) => i.code === 'foreign_number'));
      const networks = jsonlSink<ExportedNetwork>();
      await exportNetworksJsonl(ctx, analyst, networks.sink);
      for (const n of networks.records()) {
        assert.ok(n.risk !== null && n.risk > 0);
        assert.ok(n.risk_contributions.length >= 0);
      }
    });
  });
}
