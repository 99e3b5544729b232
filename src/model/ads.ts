import type { Extraction } from '../intake/ads/types.js';

/**
 * The shapes of ads as the API returns them and the web app shows them: defined once here, used by
 * the server (intake/ads/service.ts) and the web app (web/src/api.ts).
 */

export type { Extraction };

export interface AdSummary {
  id: string;
  source: string;
  sourceId: string;
  url: string | null;
  title: string | null;
  name: string | null;
  firstSeen: string;
  lastSeen: string;
  captures: number;
  age: number | null;
  priceEurPerHour: number | null;
  location: string | null;
  municipalityCode: string | null;
  municipality: string | null;
  policeUnit: string | null;
  policeUnitName: string | null;
  language: string | null;
}

export interface CaptureImage {
  position: number;
  /** The file name or URL the capture gave. */
  reference: string;
  sha256: string | null;
  phash: string | null;
  /** `stored`, `missing`, `unreadable`, `not fetched`, `not read`. */
  status: string;
  problem: string | null;
}

export interface AdIdentifier {
  kind: string;
  value: string;
  firstSeen: string;
  lastSeen: string;
}

export interface CaptureView {
  id: string;
  capturedAt: string;
  file: string;
  line: number;
  importRunId: string;
  encoding: string;
  /** The capture's displayed fields as received. */
  fields: Record<string, string>;
  extracted: Extraction;
  /** Fields that differ from the previous capture. */
  changed: string[];
  images: CaptureImage[];
}

export interface AdDetail extends AdSummary {
  identifiers: AdIdentifier[];
  /** Oldest first. */
  captureList: CaptureView[];
}
