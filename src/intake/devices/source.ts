import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { HashedFile } from '../../model/devices.js';
import { sha256File } from '../../util/hash.js';
import { readAndroid } from './android.js';
import { unpackArchive, zipEntryNames } from './archive.js';
import { readCsv, type CsvMapping } from './csv.js';
import { deviceCountry } from './country.js';
import { containerOf, fileFormat, fileSystemFormat, isUfdrListing } from './detect.js';
import { folderExtraction, type Extraction } from './extraction.js';
import { readIos } from './ios.js';
import type { DeviceFormat, DeviceWarning, ReadSink } from './types.js';
import { readUfdr, readUfedXml } from './ufdr.js';

/**
 * An extraction as a source of records: its format detected, every file hashed (before anything
 * is read), and a reader chosen. A folder is read in place, an archive from a private unpacked
 * copy, a UFDR or XML streamed.
 */

async function hashAll(x: Extraction): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  for (const f of x.files) out.push({ path: f, ...(await sha256File(x.path(f))) });
  return out;
}

/** One hash for the extraction: the container's, or one over every file's path and hash. */
export function fingerprintOf(container: HashedFile | null, files: readonly HashedFile[]): string {
  if (container) return container.sha256;
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
    h.update(`${f.path}\t${f.sha256}\n`);
  return h.digest('hex');
}

/** An extraction opened and hashed, not yet read. */
export interface Source {
  format: DeviceFormat;
  /** The SIM's country as the phone's own files tell it (file systems only), else null. */
  country: string | null;
  container: HashedFile | null;
  files: HashedFile[];
  read(sink: ReadSink): Promise<void>;
  close(): void;
}

export async function openSource(
  path: string,
  format: DeviceFormat | undefined,
  warn: (w: DeviceWarning) => void,
  csvMapping: CsvMapping | undefined,
): Promise<Source> {
  const label = basename(path);
  const container = containerOf(path);
  if (container.kind === 'file' || (container.kind === 'archive' && container.archive === 'zip')) {
    const named =
      format ??
      (container.kind === 'file'
        ? fileFormat(path)
        : isUfdrListing(await zipEntryNames(path).catch(() => []))
          ? 'ufdr'
          : null);
    if (named === 'ufdr' || named === 'ufed-xml' || named === 'csv') {
      const hashed = { path: label, ...(await sha256File(path)) };
      return {
        format: named,
        country: null,
        container: hashed,
        files: [hashed],
        read: (sink) =>
          named === 'ufdr'
            ? readUfdr(path, sink)
            : named === 'ufed-xml'
              ? readUfedXml(path, sink, label)
              : readCsv([{ path, kind: csvKind(path) }], csvMapping ?? {}, sink),
        close: () => undefined,
      };
    }
  }
  // A file system: a folder, or an archive unpacked into a private folder.
  const hashed = container.kind === 'folder' ? null : { path: label, ...(await sha256File(path)) };
  const x =
    container.kind === 'folder'
      ? folderExtraction(path)
      : await unpackArchive(
          path,
          container.kind === 'archive' ? container.archive : 'zip',
          { warn },
          label,
        );
  const files = await hashAll(x);
  const fs = format === 'android-fs' || format === 'ios-fs' ? format : fileSystemFormat(x);
  return {
    format: fs ?? format ?? 'android-fs',
    country: fs ? deviceCountry(x, fs) : null,
    container: hashed,
    files,
    async read(sink) {
      if (fs === null)
        sink.warn({
          file: label,
          message: `not recognised as an Android or iOS extraction (${x.files.length} files, no known databases): nothing read; name the format with --format`,
        });
      else await (fs === 'android-fs' ? readAndroid : readIos)(x, sink);
    },
    close: () => x.close(),
  };
}

function csvKind(path: string): 'contacts' | 'calls' | 'messages' {
  const name = basename(path).toLowerCase();
  if (/call|oproep|gesprek/.test(name)) return 'calls';
  if (/contact/.test(name)) return 'contacts';
  return 'messages';
}
