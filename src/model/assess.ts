/**
 * Risk and triage as the API and the web app see them (src/assess/). Shared by server and web.
 */
import type { IndicatorEvidence } from '../assess/indicators/types.js';

export type { IndicatorEvidence };

/** One indicator's part in a score. */
export interface ContributionView {
  code: string;
  weight: number;
  /** 1 for an ad; for a network the share of its ads showing an ad-level indicator. */
  presence: number;
  /** weight × presence, in log-odds. */
  contribution: number;
  evidence: IndicatorEvidence[];
}

export interface RiskView {
  /** 0–1. */
  risk: number;
  logit: number;
  model: string;
  contributions: ContributionView[];
  assessedAt: string;
}

export type ReviewStatus = 'reviewed' | 'not_relevant' | 'selected';

export interface ReviewView {
  status: ReviewStatus;
  reason: string;
  by: string;
  at: string;
}

/** One row of the triage queue: an ad or a network, its risk and its top reasons. */
export interface TriageItem {
  kind: 'ad' | 'network';
  id: string;
  /** Ad: title or name; network: its size in words. */
  label: string;
  risk: number;
  model: string;
  /** The three largest contributions raising the risk, then the largest lowering it. */
  reasons: ContributionView[];
  policeUnits: string[];
  /** Ads in it (1 for an ad). */
  ads: number;
  /** The network an ad belongs to. */
  networkId: string | null;
  lastSeen: string;
  review: ReviewView | null;
}

export interface TriageQuery {
  kind?: 'ad' | 'network';
  unit?: string;
  municipality?: string;
  source?: string;
  from?: string;
  to?: string;
  indicator?: string;
  reviewed?: boolean;
  limit?: number;
  offset?: number;
}

/** Scores of one group (a police unit, or ads stating one nationality/ethnicity). */
export interface FairnessGroup {
  group: string;
  ads: number;
  mean: number;
  median: number;
  p90: number;
  /** Share of the group's ads with risk ≥ 0.5. */
  flagged: number;
}

export interface FairnessReport {
  model: string;
  byPoliceUnit: FairnessGroup[];
  /** By stated nationality/ethnicity; `none` for ads that state none. */
  byOrigin: FairnessGroup[];
}

export interface IndicatorView {
  code: string;
  level: 'ad' | 'network';
  name: { nl: string; en: string };
  description: { nl: string; en: string };
  detection: string;
  languages: string[];
  defaultWeight: number;
  /** The active model's weight. */
  weight: number;
  enabled: boolean;
  source: { kind: string; citation: string; finding: string };
}
