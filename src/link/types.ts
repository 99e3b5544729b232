/**
 * Linking ads into networks: what goes in (one record per ad) and what comes out (evidence edges
 * between ads, and networks with their members). Pure data; see DESIGN.md "link/".
 */

/** One ad as linking sees it: its identifiers over all captures, its text and its photos. */
export interface LinkAd {
  /** Public ad id (32 hex). */
  id: string;
  /** E.164 numbers shown in any capture. */
  phones: string[];
  /** Other contact points as `kind:value` (`telegram:sofia_22`, `email:x@y.nl`, `website:x.nl`, `whatsapp:+34…`). */
  handles: string[];
  /** Title and body of the latest capture (the template analysis reads this). */
  text: string;
  /** Display names used in any capture. */
  names: string[];
  /** Photos of the latest capture. */
  photos: { sha256: string; phash: string }[];
  firstSeen: string;
  lastSeen: string;
}

export type EvidenceType = 'phone' | 'handle' | 'template' | 'photo';

/** Why two ads are linked: one shared thing, with how strongly it counts. */
export interface Evidence {
  type: EvidenceType;
  /** The two ads (a < b). */
  a: string;
  b: string;
  /** What they share: the number, the handle, the template id, or `sha256/sha256` for a photo pair. */
  value: string;
  /** 0–1: how much this edge alone says "same advertiser". */
  weight: number;
  /** Template: Jaccard similarity of the shingle sets; photo: Hamming distance of the pHashes. */
  similarity?: number;
  distance?: number;
  /**
   * True when the shared value is a hub (shared by more ads than a network plausibly has: a stock
   * photo, an agency switchboard, a common phrase): it does not merge on its own.
   */
  hub?: boolean;
}
