import { startWorker } from '../../util/worker.js';
import { utcInstant, type CaptureInput } from './capture.js';
import { extractCapture, type Extraction } from './extract.js';
import type { PlaceResolver } from './places.js';

/**
 * Runs extraction over batches of captures, either on the calling thread or on a worker thread,
 * so an import extracts the next batch while it writes the previous one (two cores, twice the
 * work). Both give the same result; the worker returns the JSON it will be stored as.
 */

export interface Extracted {
  /** The extraction as stored with the capture. */
  json: string;
  /** What the ad row and the identifier table need from it. */
  age: number | null;
  eurPerHour: number | null;
  municipalityCode: string | null;
  policeUnit: string | null;
  language: string | null;
  identifiers: { kind: string; value: string }[];
  /** The capture time as ISO UTC. */
  capturedAt: string;
  /** What full-text search indexes. */
  searchText: string;
}

/** Lower-cased and without diacritics, as searches are (store/ads.ts searchWords). */
function searchText(c: CaptureInput): string {
  return [c.title, c.name, c.location, c.text]
    .filter(Boolean)
    .join('\n')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .slice(0, 20_000);
}

export interface Extractor {
  run(captures: CaptureInput[]): Promise<Extracted[]>;
  close(): Promise<void>;
}

export function identifiersOf(x: Extraction): { kind: string; value: string }[] {
  return [
    ...x.phones.map((p) => ({ kind: 'phone', value: p.e164 })),
    ...x.contacts.map((c) => ({ kind: c.kind, value: c.value })),
  ];
}

export function extractForStore(c: CaptureInput, places: PlaceResolver): Extracted {
  const x = extractCapture(c, places);
  const resolved = x.place.status === 'resolved' ? x.place : null;
  return {
    json: JSON.stringify(x),
    age: x.age?.years ?? null,
    eurPerHour: x.price?.eurPerHour ?? null,
    municipalityCode: resolved?.municipalityCode ?? null,
    policeUnit: resolved?.policeUnit ?? null,
    language: x.language.language,
    identifiers: identifiersOf(x),
    capturedAt: utcInstant(c.captured_at)!,
    searchText: searchText(c),
  };
}

export function inlineExtractor(places: PlaceResolver): Extractor {
  return {
    run: async (captures) => captures.map((c) => extractForStore(c, places)),
    close: async () => undefined,
  };
}

/** Extraction on one worker thread; batches are answered in the order they were sent. */
export function workerExtractor(geoDir?: string): Extractor {
  // The same young generation as the main thread gets (src/cli/node-flags.ts).
  const worker = startWorker(
    new URL('./extract-worker.js', import.meta.url),
    { geoDir },
    {
      maxYoungGenerationSizeMb: 192,
    },
  );
  const waiting = new Map<
    number,
    { resolve: (r: Extracted[]) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; results?: Extracted[]; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(`extraction failed: ${m.error}`));
    else w?.resolve(m.results!);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    if (waiting.size) failAll(new Error(`the extraction worker stopped (exit code ${code})`));
  });
  return {
    run: (captures) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, captures });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
