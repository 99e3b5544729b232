import { Writable } from 'node:stream';

/** A sink for a JSON-lines export, and what was written to it, parsed. */
export function jsonlSink<T>(): { sink: Writable; records: () => T[] } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    sink,
    records: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T),
  };
}
