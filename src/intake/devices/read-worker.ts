import { parentPort, workerData } from 'node:worker_threads';
import { RowBatcher } from './rows.js';
import { fingerprintOf, openSource, type Source } from './source.js';
import type { DeviceWarning } from './types.js';
import type { FromReader, ReadStart, ToReader } from './reader-thread.js';

/**
 * The reading thread of a device import (see reader-thread.ts): opens and hashes the extraction,
 * then, when told to, reads it into rows and sends them in batches, at most WINDOW unanswered, so
 * the importing thread writes one batch while this one reads the next.
 */

const WINDOW = 2;
const start = workerData as ReadStart;
const port = parentPort!;
const send = (m: FromReader) => port.postMessage(m);
const early: DeviceWarning[] = [];
let source: Source | null = null;
let sent = 0;
let acked = 0;
let wake: (() => void) | null = null;

async function read(importSeq: number, country: string): Promise<void> {
  const sink = new RowBatcher(country, importSeq, async (batch, records) => {
    send({ type: 'batch', seq: ++sent, batch, records });
    while (sent - acked >= WINDOW) await new Promise<void>((resolve) => (wake = resolve));
  });
  for (const w of early) sink.warn(w);
  await source!.read(sink);
  send({ type: 'done', result: await sink.finish() });
}

port.on('message', (m: ToReader) => {
  if (m.type === 'ack') {
    acked = m.seq;
    wake?.();
    wake = null;
  } else if (m.type === 'read')
    read(m.importSeq, m.country).then(
      () => source?.close(),
      (error: unknown) => {
        source?.close();
        send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  else {
    source?.close();
    port.close();
  }
});

openSource(start.path, start.format, (w) => early.push(w), start.csvMapping).then(
  (s) => {
    source = s;
    send({
      type: 'opened',
      format: s.format,
      country: s.country,
      container: s.container,
      files: s.files,
      fingerprint: fingerprintOf(s.container, s.files),
    });
  },
  (error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
