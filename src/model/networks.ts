/**
 * Networks as the API and the web app see them: groups of ads with one advertiser behind them,
 * each with the evidence that links them (see src/link/). Shared by server and web.
 */

import type { IndicatorHit } from '../assess/indicators/types.js';

export type { IndicatorHit };

export type EvidenceType = 'phone' | 'handle' | 'template' | 'photo';

/**
 * How an evidence edge counted in the network:
 * - `strong`: it links its two ads on its own (a shared number, a near-identical text or photo);
 * - `corroborated`: a hub or weak edge (stock photo, switchboard, common text) that counted only
 *   because the same two ads share another independent kind of evidence;
 * - `supporting`: a hub or weak edge between ads that are linked through other evidence; it did
 *   not merge anything.
 */
export type EvidenceRole = 'strong' | 'corroborated' | 'supporting';

/** Why two ads are linked: one shared thing. */
export interface EvidenceView {
  type: EvidenceType;
  /** The two ads (public ids, a < b). */
  a: string;
  b: string;
  /** The shared number (E.164), handle (`telegram:x`), `text template`, or `sha256/sha256` of a photo pair. */
  value: string;
  /** 0–1: how much this edge alone says "same advertiser". */
  weight: number;
  /** Template: Jaccard similarity of the two texts' informative shingles. */
  similarity: number | null;
  /** Photo: Hamming distance of the two pHashes (0 = same picture). */
  distance: number | null;
  /** Shared by far more ads than a network plausibly has (stock photo, switchboard, common text). */
  hub: boolean;
  role: EvidenceRole;
}

/** One row of the networks list. */
export interface NetworkSummary {
  id: string;
  /** Number of ads. */
  ads: number;
  /** Police unit codes its ads were placed in (sorted), and how many. */
  policeUnits: string[];
  municipalities: number;
  phones: number;
  names: number;
  firstSeen: string;
  lastSeen: string;
  /** Evidence edges by type. */
  evidence: Record<EvidenceType, number>;
  /** Some of its links are hubs that counted only with corroboration. */
  hubCorroborated: boolean;
}

export interface NetworkMember {
  id: string;
  source: string;
  title: string | null;
  name: string | null;
  phones: string[];
  municipality: string | null;
  policeUnit: string | null;
  firstSeen: string;
  lastSeen: string;
}

/** A text template as analysts read it: shared text, and slots with the values per ad. */
export interface TemplateSlotView {
  /** The ads written from this template. */
  ads: string[];
  /** Lowest and highest pairwise similarity among the template edges. */
  similarity: { min: number; max: number };
  parts: ({ text: string } | { slot: string; values: string[] })[];
}

/** One reused photo: the ads showing it (or a near copy), with the closest distance seen. */
export interface SharedPhoto {
  /** A representative SHA-256 (the image is at /api/images/:sha256). */
  sha256: string;
  /** Each ad with the copy it shows. */
  copies: { ad: string; sha256: string; distance: number }[];
  hub: boolean;
}

/** Where a network's ads were in one ISO week (counted by distinct ads captured that week). */
export interface MovementWeek {
  /** ISO week, e.g. `2023-W12`. */
  week: string;
  /** Monday of that week (UTC date). */
  start: string;
  municipalities: { code: string; name: string; ads: number }[];
  policeUnits: { code: string; name: string; ads: number }[];
}

export interface NetworkDetail extends NetworkSummary {
  members: NetworkMember[];
  evidenceList: EvidenceView[];
  phoneList: { value: string; ads: number }[];
  nameList: { value: string; ads: number }[];
  templates: TemplateSlotView[];
  photos: SharedPhoto[];
  movement: MovementWeek[];
  /** Network-level indicators of exploitation found when it was linked, with their evidence. */
  indicators: IndicatorHit[];
  /** Network ids used earlier for (part of) this network. */
  mergedFrom: string[];
  /** When linking last ran and which run produced this. */
  linkedAt: string;
}

/** On an ad page: its network and, per linked ad, why. */
export interface AdLinks {
  network: { id: string; ads: number } | null;
  links: { ad: string; title: string | null; name: string | null; evidence: EvidenceView[] }[];
}

export interface NetworkListQuery {
  /** Police unit code: networks with at least one ad there. */
  unit?: string;
  /** Minimum number of ads (default 2). */
  minAds?: number;
  /** Networks spanning at least this many police units. */
  minUnits?: number;
  /** Ad id or phone number (as typed) contained in the network. */
  q?: string;
  sort?: 'ads' | 'units' | 'lastSeen' | 'firstSeen';
  limit?: number;
  offset?: number;
}
