import { parentPort, workerData } from 'node:worker_threads';
import { loadGazetteer } from '../../geo/gazetteer.js';
import type { CaptureInput } from './capture.js';
import { extractForStore } from './extractor.js';
import { PlaceResolver } from './places.js';

/** The extraction worker (see extractor.ts): batches of captures in, what to store out. */
const { geoDir } = workerData as { geoDir?: string };
const places = new PlaceResolver(loadGazetteer(geoDir));

parentPort!.on('message', ({ id, captures }: { id: number; captures: CaptureInput[] }) => {
  try {
    parentPort!.postMessage({ id, results: captures.map((c) => extractForStore(c, places)) });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
