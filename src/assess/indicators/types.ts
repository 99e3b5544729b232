/**
 * Indicators of exploitation: what each one is, how it is detected, how much it weighs by default
 * and on whose authority. Pure data; detectors live beside this file, the score in ../score.ts.
 */

export type IndicatorLevel = 'ad' | 'network';

/** Where a default weight comes from. A weight without a source is not allowed. */
export interface WeightSource {
  kind: 'study' | 'signal-list' | 'expert-prior';
  /** Short citation, e.g. "NIJ-funded study of ads with known outcomes (2024)". */
  citation: string;
  /** What the source says in one sentence (direction, and size where known). */
  finding: string;
}

export interface IndicatorDefinition {
  /** Stable code, `lower_snake_case`, e.g. `third_person`. */
  code: string;
  level: IndicatorLevel;
  name: { nl: string; en: string };
  description: { nl: string; en: string };
  /** How Schakel detects it, in one or two sentences (shown to analysts). */
  detection: string;
  /** ISO 639-1 codes of the languages whose wording the detector covers; [] when language-free. */
  languages: string[];
  /** Additive log-odds contribution when the indicator fires (negative: lowers the risk). */
  defaultWeight: number;
  source: WeightSource;
}

/** One piece of evidence for a hit: the text that triggered it, or the link/fact behind it. */
export interface IndicatorEvidence {
  /** The words as they stand in the ad (for text indicators). */
  text?: string;
  /** Field and character offsets of `text` in that field (`title`, `text`, `name`, …). */
  field?: string;
  start?: number;
  end?: number;
  /** A fact in words (English): "+34 612 … is a Spanish number; the ad is placed in Zwolle". */
  detail?: string;
  /** The same fact as data, so the web app can say it in the reader's language. */
  fact?: EvidenceFact;
  /** Ads involved (network indicators). */
  ads?: string[];
}

export interface IndicatorHit {
  code: string;
  evidence: IndicatorEvidence[];
}

/** The facts behind indicators, as data (see IndicatorEvidence.fact). */
export type EvidenceFact =
  | { key: 'obscured_phone'; phone: string; forms: string[] }
  | { key: 'foreign_number'; phone: string; country: string | null; unit: string | null }
  | { key: 'messages_only'; phone: string }
  | { key: 'whatsapp_only'; contact: string }
  | { key: 'one_number_many_names'; phone: string; names: string[] }
  | { key: 'photos_reused_names'; distance: number; a: string; b: string }
  | {
      key: 'rotation';
      name: string;
      from: string;
      to: string;
      places: string[];
      municipalities: number;
      units: number;
    }
  | { key: 'simultaneous_distant'; phone: string; week: string; a: string; b: string; km: number }
  | { key: 'template_many_names'; ads: number; names: string[] };
