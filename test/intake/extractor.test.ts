import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import type { CaptureInput } from '../../src/intake/ads/capture.js';
import { inlineExtractor, workerExtractor } from '../../src/intake/ads/extractor.js';
import { PlaceResolver } from '../../src/intake/ads/places.js';
import { generateWorld } from '../../src/scenario/generate.js';

describe('extraction on a worker thread', () => {
  it('gives exactly what extraction on this thread gives, batch by batch in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-extractor-'));
    const worker = workerExtractor();
    try {
      await generateWorld({ seed: 5, captures: 1500, out: dir, images: false, devices: 0 });
      const captures = readdirSync(join(dir, 'ads'))
        .flatMap((f) =>
          readFileSync(join(dir, 'ads', f), 'utf8')
            .trim()
            .split('\n'),
        )
        .map((l) => JSON.parse(l) as CaptureInput);
      const inline = inlineExtractor(new PlaceResolver(loadGazetteer()));
      const batches = [captures.slice(0, 700), captures.slice(700)];
      const [a, b] = await Promise.all(batches.map((batch) => worker.run(batch)));
      assert.deepEqual([...a!, ...b!], await inline.run(captures));
    } finally {
      await worker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
