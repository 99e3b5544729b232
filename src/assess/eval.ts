import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { loadCentroids } from '../geo/centroids.js';
import { countBy, mostCommon } from '../util/counts.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import { adId } from '../intake/ads/import.js';
import type { PlaceResolver } from '../intake/ads/places.js';
import { readWorld } from '../link/eval.js';
import { linkAds } from '../link/link.js';
import {
  brier,
  calibrationTable,
  fitLogistic,
  precisionAt,
  rocAuc,
  type CalibrationBin,
} from './calibrate.js';
import { adIndicators } from './indicators/ad.js';
import { INDICATORS } from './indicators/catalogue.js';
import { networkIndicators } from './indicators/network.js';
import type { IndicatorHit } from './indicators/types.js';
import { regionalMedians } from './medians.js';
import { defaultModel, presence, scoreGroup, type RiskModel } from './score.js';

/**
 * Scores the risk model against a synthetic world's truth, as `schakel eval risk` prints it. The
 * units ranked are what an analyst triages: the networks linking found, and every ad linked to no
 * other. A unit is exploitative when most of its ads are by an exploitative advertiser in the truth.
 * Units are split in two by a hash of their id: default weights are measured on the held-out half;
 * weights calibrated on the other half are measured on the same held-out half.
 */

export interface RiskMeasures {
  auc: number;
  precisionAt50: number;
  brier: number;
  /** Units of licensed agencies (big, not exploitative) among the 50 highest. */
  agenciesInTop50: number;
  /** The 50 highest by the truth's advertiser kind: what crowds the top of the queue. */
  top50ByKind: Record<string, number>;
  calibration: CalibrationBin[];
}

export interface RiskScores {
  seed: number;
  size: string;
  ads: number;
  units: number;
  heldOut: { units: number; exploitative: number; agencies: number };
  defaults: RiskMeasures;
  calibrated: RiskMeasures & { model: RiskModel };
}

interface TruthAd {
  source: string;
  sourceId: string;
  kind: string;
  exploitative: boolean;
}

/** A unit to rank: a network or a single ad, with its label and its features. */
interface Unit {
  id: string;
  exploitative: boolean;
  agency: boolean;
  /** The advertiser kind most of its ads have in the truth. */
  kind: string;
  adHits: Map<string, IndicatorHit[]>;
  networkHits: IndicatorHit[];
}

function heldOut(id: string): boolean {
  return createHash('sha256').update(`risk-split\n${id}`).digest()[0]! < 128;
}

function measure(units: readonly Unit[], model: RiskModel): RiskMeasures {
  const risks = units.map((u) => scoreGroup(u.adHits, u.networkHits, model).risk);
  const labels = units.map((u) => (u.exploitative ? 1 : 0));
  const top = units
    .map((u, i) => [risks[i]!, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, 50);
  return {
    auc: rocAuc(risks, labels),
    precisionAt50: precisionAt(50, risks, labels),
    brier: brier(risks, labels),
    agenciesInTop50: top.filter(([, i]) => units[i]!.agency).length,
    top50ByKind: countBy(top.map(([, i]) => units[i]!.kind)),
    calibration: calibrationTable(risks, labels),
  };
}

export async function evaluateRisk(
  worldDir: string,
  places: PlaceResolver,
  geo: Gazetteer,
  truthPath = join(worldDir, 'truth.json'),
  opts: { photos?: boolean } = {},
): Promise<RiskScores> {
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as {
    generator: { seed: number; size: string };
    ads: TruthAd[];
  };
  const truthOf = new Map(truth.ads.map((t) => [adId(t.source, t.sourceId), t]));
  const world = await readWorld(worldDir, places, opts);
  const ads = world.collector.ads();

  const medians = regionalMedians(
    [...world.latest.values()].map((l) => ({
      unit: l.extraction.place.status === 'resolved' ? l.extraction.place.policeUnit : null,
      price: l.extraction.price?.eurPerHour ?? null,
    })),
  );
  const hitsOf = new Map<string, IndicatorHit[]>();
  for (const [id, { capture, extraction }] of world.latest) {
    const unit = extraction.place.status === 'resolved' ? extraction.place.policeUnit : null;
    hitsOf.set(
      id,
      adIndicators({
        id,
        fields: { title: capture.title ?? null, text: capture.text, name: capture.name ?? null },
        extraction,
        policeUnit: unit,
        regionalMedianPrice: unit ? (medians.get(unit) ?? null) : null,
      }),
    );
  }

  const { resolution } = linkAds(ads);
  const byId = new Map(ads.map((a) => [a.id, a]));
  const ctx = {
    centroids: loadCentroids(),
    municipalityName: (code: string) => geo.byCode.get(code)?.name ?? code,
  };
  const majority = (members: readonly string[], test: (t: TruthAd) => boolean) =>
    members.filter((m) => test(truthOf.get(m)!)).length * 2 > members.length;
  const units: Unit[] = [];
  const inNetwork = new Set<string>();
  for (const net of resolution.networks) {
    for (const m of net.members) inNetwork.add(m);
    units.push({
      id: net.id,
      exploitative: majority(net.members, (t) => t.exploitative),
      agency: majority(net.members, (t) => t.kind === 'agency'),
      kind: mostCommon(net.members.map((m) => truthOf.get(m)!.kind))!,
      adHits: new Map(net.members.map((m) => [m, hitsOf.get(m) ?? []])),
      networkHits: networkIndicators(
        {
          ads: net.members.map((m) => byId.get(m)!),
          places: world.collector.places(net.members),
          evidence: net.evidence,
        },
        ctx,
      ),
    });
  }
  for (const ad of ads)
    if (!inNetwork.has(ad.id))
      units.push({
        id: ad.id,
        exploitative: truthOf.get(ad.id)!.exploitative,
        agency: truthOf.get(ad.id)!.kind === 'agency',
        kind: truthOf.get(ad.id)!.kind,
        adHits: new Map([[ad.id, hitsOf.get(ad.id) ?? []]]),
        networkHits: [],
      });

  const test = units.filter((u) => heldOut(u.id));
  const fit = units.filter((u) => !heldOut(u.id));
  const defaults = defaultModel(INDICATORS);
  const codes = INDICATORS.map((d) => d.code);
  const features = (u: Unit) => {
    const p = presence(u.adHits, u.networkHits);
    return codes.map((c) => p.get(c)?.presence ?? 0);
  };
  const fitted = fitLogistic(
    fit.map(features),
    fit.map((u) => (u.exploitative ? 1 : 0)),
    {
      l2: 1,
      start: { intercept: defaults.intercept, weights: codes.map((c) => defaults.weights[c]!) },
    },
  );
  const calibrated: RiskModel = {
    version: `calibrated-seed${truth.generator.seed}`,
    intercept: fitted.intercept,
    weights: Object.fromEntries(codes.map((c, k) => [c, fitted.weights[k]!])),
    disabled: [],
  };
  return {
    seed: truth.generator.seed,
    size: truth.generator.size,
    ads: ads.length,
    units: units.length,
    heldOut: {
      units: test.length,
      exploitative: test.filter((u) => u.exploitative).length,
      agencies: test.filter((u) => u.agency).length,
    },
    defaults: measure(test, defaults),
    calibrated: { ...measure(test, calibrated), model: calibrated },
  };
}
