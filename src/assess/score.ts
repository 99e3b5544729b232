import type { IndicatorDefinition, IndicatorEvidence, IndicatorHit } from './indicators/types.js';

/**
 * The risk score: an additive log-odds model. Each indicator adds its weight times how strongly it
 * is present (1 for an ad that shows it; for a network, the share of its ads that show an ad-level
 * indicator, and 1 for a network-level one) to an intercept; the risk is the logistic of the sum.
 * Every score lists each indicator's contribution with the evidence behind it, and names the model
 * version that produced it. Pure.
 */

export interface RiskModel {
  /** `default-1`, or `calibrated-…` for a fitted one. */
  version: string;
  /** Log-odds with no indicator present. */
  intercept: number;
  /** Indicator code → log-odds weight. */
  weights: Record<string, number>;
  /** Codes switched off: they neither fire nor count. */
  disabled: string[];
}

/**
 * The prior with no indicator: about 5% of ads (the share of network ads in the synthetic world is
 * 15%; among real ads it is unknown, and a low prior keeps a single indicator from flagging an ad).
 */
export const DEFAULT_INTERCEPT = -3;

export function defaultModel(definitions: readonly IndicatorDefinition[]): RiskModel {
  return {
    version: 'default-1',
    intercept: DEFAULT_INTERCEPT,
    weights: Object.fromEntries(definitions.map((d) => [d.code, d.defaultWeight])),
    disabled: [],
  };
}

export interface Contribution {
  code: string;
  weight: number;
  /** How strongly present: 1 for an ad; for a network the share of its ads (ad-level indicators). */
  presence: number;
  /** weight × presence, in log-odds. */
  contribution: number;
  evidence: IndicatorEvidence[];
}

export interface RiskScore {
  /** 0–1. */
  risk: number;
  logit: number;
  model: string;
  /** Largest effect first. */
  contributions: Contribution[];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function scored(model: RiskModel, contributions: Contribution[]): RiskScore {
  contributions.sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.code < b.code ? -1 : 1),
  );
  const logit = contributions.reduce((s, c) => s + c.contribution, model.intercept);
  return { risk: sigmoid(logit), logit, model: model.version, contributions };
}

/** One ad's score from its hits. */
export function scoreAd(hits: readonly IndicatorHit[], model: RiskModel): RiskScore {
  const off = new Set(model.disabled);
  const contributions: Contribution[] = [];
  for (const h of hits) {
    const weight = model.weights[h.code];
    if (weight === undefined || off.has(h.code)) continue;
    contributions.push({
      code: h.code,
      weight,
      presence: 1,
      contribution: weight,
      evidence: h.evidence,
    });
  }
  return scored(model, contributions);
}

/** Evidence kept per indicator in a network score (the rest are counted in `presence`). */
const EVIDENCE_PER_INDICATOR = 5;

/**
 * Presence of every indicator in a group of ads (a network, or one ad alone): the share of its ads
 * showing each ad-level indicator, and 1 for each network-level hit. The features calibration fits.
 */
export function presence(
  adHits: ReadonlyMap<string, readonly IndicatorHit[]>,
  networkHits: readonly IndicatorHit[],
): Map<string, { presence: number; evidence: IndicatorEvidence[] }> {
  const n = Math.max(1, adHits.size);
  const out = new Map<string, { presence: number; evidence: IndicatorEvidence[]; ads: number }>();
  for (const [ad, hits] of adHits)
    for (const code of new Set(hits.map((h) => h.code))) {
      const entry = out.get(code) ?? { presence: 0, evidence: [], ads: 0 };
      entry.ads++;
      if (entry.evidence.length < EVIDENCE_PER_INDICATOR) {
        const hit = hits.find((h) => h.code === code)!;
        entry.evidence.push(...hit.evidence.slice(0, 1).map((e) => ({ ...e, ads: e.ads ?? [ad] })));
      }
      out.set(code, entry);
    }
  for (const entry of out.values()) entry.presence = entry.ads / n;
  for (const h of networkHits) out.set(h.code, { presence: 1, evidence: h.evidence, ads: n });
  return new Map([...out].map(([k, v]) => [k, { presence: v.presence, evidence: v.evidence }]));
}

/** A network's (or any group of ads') score: its ads' indicators by share, and its own. */
export function scoreGroup(
  adHits: ReadonlyMap<string, readonly IndicatorHit[]>,
  networkHits: readonly IndicatorHit[],
  model: RiskModel,
): RiskScore {
  const off = new Set(model.disabled);
  const contributions: Contribution[] = [];
  for (const [code, p] of presence(adHits, networkHits)) {
    const weight = model.weights[code];
    if (weight === undefined || off.has(code)) continue;
    contributions.push({
      code,
      weight,
      presence: p.presence,
      contribution: weight * p.presence,
      evidence: p.evidence,
    });
  }
  return scored(model, contributions);
}
