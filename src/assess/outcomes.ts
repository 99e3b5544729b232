import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { requirePermission, type Actor, type Context } from '../access/context.js';
import type { NetworkDetail } from '../model/networks.js';
import { ValidationError } from '../model/errors.js';
import { brier, calibrationTable, fitLogistic, rocAuc, type CalibrationBin } from './calibrate.js';
import { INDICATORS } from './indicators/catalogue.js';
import type { IndicatorHit } from './indicators/types.js';
import { activeModel, addModel } from './models.js';
import { presence, scoreGroup, type RiskModel } from './score.js';

/**
 * `schakel assess calibrate --outcomes FILE`: fits the weights to what controls found. The file
 * has one JSON object per line, `{"ad": ID, "exploitation": true|false}` or `{"network": ID, …}`;
 * a line that cannot be used is reported with its number and the rest still count. The labelled
 * ads and networks are split in two by a hash of their id; weights are fitted on one part (starting
 * from, and pulled towards, the active model's) and both models are measured on the other. The
 * fitted model is saved as a new version, not activated: that is a separate, audited act.
 */

export interface OutcomeProblem {
  line: number;
  reason: string;
}

export interface HeldOutMeasures {
  auc: number;
  brier: number;
  calibration: CalibrationBin[];
}

export interface CalibrationReport {
  file: string;
  labelled: number;
  positives: number;
  fitted: number;
  heldOut: number;
  problems: OutcomeProblem[];
  active: { version: string } & HeldOutMeasures;
  calibrated: { version: string; model: RiskModel } & HeldOutMeasures;
}

interface Labelled {
  id: string;
  label: number;
  adHits: Map<string, IndicatorHit[]>;
  own: IndicatorHit[];
}

function isHeldOut(id: string): boolean {
  return createHash('sha256').update(`outcome-split\n${id}`).digest()[0]! < 128;
}

function measure(units: readonly Labelled[], model: RiskModel): HeldOutMeasures {
  const risks = units.map((u) => scoreGroup(u.adHits, u.own, model).risk);
  const labels = units.map((u) => u.label);
  return {
    auc: rocAuc(risks, labels),
    brier: brier(risks, labels),
    calibration: calibrationTable(risks, labels),
  };
}

export async function calibrateFromOutcomes(
  ctx: Context,
  actor: Actor,
  file: string,
): Promise<CalibrationReport> {
  requirePermission(actor, 'ads.import');
  const problems: OutcomeProblem[] = [];
  const units: Labelled[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (!text) continue;
    const line = i + 1;
    let o: { ad?: unknown; network?: unknown; exploitation?: unknown };
    try {
      o = JSON.parse(text) as typeof o;
    } catch {
      problems.push({ line, reason: 'not JSON' });
      continue;
    }
    if (typeof o.exploitation !== 'boolean') {
      problems.push({ line, reason: 'exploitation: true or false expected' });
      continue;
    }
    const label = o.exploitation ? 1 : 0;
    if (typeof o.ad === 'string') {
      const seq = (await ctx.store.networks.adSeqs([o.ad])).get(o.ad);
      const assessed =
        seq === undefined ? undefined : (await ctx.store.assess.adAssessments([seq])).get(seq);
      if (!assessed) {
        problems.push({ line, reason: `ad ${o.ad}: unknown or not assessed (run schakel assess)` });
        continue;
      }
      units.push({
        id: o.ad,
        label,
        adHits: new Map([[o.ad, JSON.parse(assessed.hits) as IndicatorHit[]]]),
        own: [],
      });
    } else if (typeof o.network === 'string') {
      const row = await ctx.store.networks.get(o.network);
      if (!row) {
        problems.push({ line, reason: `network ${o.network}: unknown` });
        continue;
      }
      const seqs = await ctx.store.networks.memberSeqs(row.id);
      const idOf = await ctx.store.networks.adIds(seqs);
      const assessed = await ctx.store.assess.adAssessments(seqs);
      const adHits = new Map(
        seqs.map((s) => [
          idOf.get(s)!,
          JSON.parse(assessed.get(s)?.hits ?? '[]') as IndicatorHit[],
        ]),
      );
      const own = (JSON.parse(row.detail) as Partial<NetworkDetail>).indicators ?? [];
      units.push({ id: row.id, label, adHits, own });
    } else problems.push({ line, reason: 'ad or network (an id) expected' });
  }
  const test = units.filter((u) => isHeldOut(u.id));
  const train = units.filter((u) => !isHeldOut(u.id));
  const positives = units.filter((u) => u.label === 1).length;
  if (train.length < 10 || test.length < 10 || positives === 0 || positives === units.length)
    throw ValidationError.field(
      'outcomes',
      `${file}: ${units.length} usable outcomes (${positives} with exploitation): at least 20, of both kinds, are needed to fit and to check`,
    );

  const active = await activeModel(ctx);
  const codes = INDICATORS.map((d) => d.code);
  const features = (u: Labelled) => {
    const p = presence(u.adHits, u.own);
    return codes.map((c) => (active.disabled.includes(c) ? 0 : (p.get(c)?.presence ?? 0)));
  };
  const fit = fitLogistic(
    train.map(features),
    train.map((u) => u.label),
    {
      l2: 1,
      start: { intercept: active.intercept, weights: codes.map((c) => active.weights[c] ?? 0) },
    },
  );
  const existing = (await ctx.store.assess.models()).length;
  const calibrated: RiskModel = {
    version: `calibrated-${existing}`,
    intercept: fit.intercept,
    weights: Object.fromEntries(codes.map((c, k) => [c, fit.weights[k]!])),
    disabled: active.disabled,
  };
  const report: CalibrationReport = {
    file,
    labelled: units.length,
    positives,
    fitted: train.length,
    heldOut: test.length,
    problems,
    active: { version: active.version, ...measure(test, active) },
    calibrated: { version: calibrated.version, model: calibrated, ...measure(test, calibrated) },
  };
  await addModel(ctx, actor, calibrated, 'calibrated', {
    heldOut: test.length,
    auc: report.calibrated.auc,
    brier: report.calibrated.brier,
    activeAuc: report.active.auc,
    from: file,
  });
  return report;
}
