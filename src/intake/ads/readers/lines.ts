import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** One line of a file as received: its number, the SHA-256 of its bytes, and its text. */
export interface ReceivedLine {
  line: number;
  sha256: string;
  text: string;
  /** `utf-8`, or `windows-1252` when the bytes were not valid UTF-8 (old exports, Excel). */
  encoding: string;
}

export interface OversizedLine {
  line: number;
  oversized: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const legacy = new TextDecoder('windows-1252');

/** Decodes bytes as UTF-8, or as Windows-1252 when they are not UTF-8, so no line is lost. */
export function decodeLine(bytes: Uint8Array): { text: string; encoding: string } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: legacy.decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Splits a file into lines at the byte level (LF or CRLF), so each line's hash covers exactly the
 * bytes received and a line of any encoding is read. A line longer than `maxLineBytes` is skipped
 * and reported instead of filling memory. `onBytes` reports progress.
 */
export async function* readLines(
  path: string,
  opts: { maxLineBytes?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<ReceivedLine | OversizedLine> {
  const max = opts.maxLineBytes ?? 64 * 1024 * 1024;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false;
  let skipped = 0;
  let line = 0;
  const finish = (tail: Buffer): ReceivedLine | OversizedLine | null => {
    line++;
    if (skipping) {
      const total = skipped + tail.length;
      skipping = false;
      skipped = 0;
      return { line, oversized: total };
    }
    let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    parts = [];
    partBytes = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    if (bytes.length === 0) return null;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { line, sha256, ...decodeLine(bytes) };
  };
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    opts.onBytes?.(chunk.length);
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const out = finish(chunk.subarray(start, nl));
      if (out) yield out;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) continue;
    if (skipping) skipped += rest.length;
    else if (partBytes + rest.length > max) {
      skipping = true;
      skipped = partBytes + rest.length;
      parts = [];
      partBytes = 0;
    } else {
      // Copy: the stream may reuse the chunk's memory.
      parts.push(Buffer.from(rest));
      partBytes += rest.length;
    }
  }
  if (skipping || partBytes > 0) {
    const out = finish(Buffer.alloc(0));
    if (out) yield out;
  }
}
