import type { HashedFile } from '../../model/devices.js';
import { startWorker } from '../../util/worker.js';
import type { CsvMapping } from './csv.js';
import type { ReadResult, RowBatch } from './rows.js';
import type { DeviceFormat } from './types.js';

/**
 * A device import reads on a worker thread and writes on the calling one: reading and normalising
 * a phone's databases and writing the rows (with their indexes) each take about half the time, and
 * the machine has two cores. The protocol: the worker opens and hashes the extraction and says so
 * (`opened`); the caller decides (a re-import is not read again) and says `read` or `close`; rows
 * then come in batches, each acknowledged once written, and finally `done` with the counts.
 */

export interface ReadStart {
  path: string;
  format?: DeviceFormat;
  csvMapping?: CsvMapping;
}

export interface Opened {
  format: DeviceFormat;
  /** The SIM's country as the extraction tells it, when it does. */
  country: string | null;
  container: HashedFile | null;
  files: HashedFile[];
  fingerprint: string;
}

export type FromReader =
  | ({ type: 'opened' } & Opened)
  | { type: 'batch'; seq: number; batch: RowBatch; records: number }
  | { type: 'done'; result: ReadResult }
  | { type: 'error'; message: string };

export type ToReader =
  | { type: 'read'; importSeq: number; country: string }
  | { type: 'ack'; seq: number }
  | { type: 'close' };

export interface SourceReader {
  opened: Opened;
  /** Reads everything; `write` is awaited for each batch, in order. */
  read(
    importSeq: number,
    country: string,
    write: (batch: RowBatch, records: number) => Promise<void>,
  ): Promise<ReadResult>;
  close(): Promise<void>;
}

export async function openInThread(start: ReadStart): Promise<SourceReader> {
  // A small old generation: the reader's garbage (parsed XML, row values) is short-lived, and a
  // 1 GB report would otherwise let the heap grow to hundreds of MB before collecting.
  const worker = startWorker(new URL('./read-worker.js', import.meta.url), start, {
    maxYoungGenerationSizeMb: 64,
    maxOldGenerationSizeMb: 256,
  });
  let listener: (m: FromReader) => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  worker.on('message', (m: FromReader) => listener(m));
  worker.on('error', (e) => failed(e));
  worker.on('exit', (code) =>
    failed(new Error(`the device reading thread stopped (exit code ${code})`)),
  );
  const close = async () => {
    failed = () => undefined;
    worker.postMessage({ type: 'close' } satisfies ToReader);
    await worker.terminate();
  };

  const opened = await new Promise<Opened>((resolve, reject) => {
    failed = reject;
    listener = (m) => {
      if (m.type === 'opened') {
        const { type: _, ...o } = m;
        resolve(o);
      } else if (m.type === 'error') reject(new Error(m.message));
    };
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });

  return {
    opened,
    close,
    read: (importSeq, country, write) =>
      new Promise<ReadResult>((resolve, reject) => {
        failed = reject;
        // Batches are written one after another, in the order they came.
        let chain = Promise.resolve();
        listener = (m) => {
          if (m.type === 'batch')
            chain = chain
              .then(() => write(m.batch, m.records))
              .then(() => worker.postMessage({ type: 'ack', seq: m.seq } satisfies ToReader))
              .catch((e: unknown) => reject(e as Error));
          else if (m.type === 'done') chain.then(() => resolve(m.result), reject);
          else if (m.type === 'error') reject(new Error(m.message));
        };
        worker.postMessage({ type: 'read', importSeq, country } satisfies ToReader);
      }),
  };
}
