import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import yauzl from 'yauzl';
import { folderExtraction, type Extraction } from './extraction.js';
import type { ReadSink } from './types.js';

/**
 * A file-system extraction packed as `.zip`, `.tar` or `.tar.gz`, unpacked into a private temporary
 * folder (the archive itself is only read). Entry names are made safe: a leading `/` is dropped (as
 * Magnet and iLEAPP zips store `/private/var/...`) and a name that climbs out with `..` is skipped
 * with a warning, so nothing is ever written outside the folder.
 */

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz';

export function archiveKind(path: string): ArchiveKind | null {
  const p = path.toLowerCase();
  if (p.endsWith('.zip')) return 'zip';
  if (p.endsWith('.tar')) return 'tar';
  if (p.endsWith('.tar.gz') || p.endsWith('.tgz')) return 'tar.gz';
  return null;
}

/** A safe relative path for an archive entry, or null when it would leave the folder. */
export function safeEntryPath(name: string): string | null {
  const parts = name
    .replaceAll('\\', '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  return parts.length === 0 ? null : parts.join('/');
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true, decodeStrings: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

async function unzip(archive: string, label: string, dir: string, sink: Pick<ReadSink, 'warn'>) {
  const zip = await openZip(archive);
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        // Names are decoded here, not by yauzl, which rejects the absolute paths real tools write.
        const raw = entry.fileName as unknown as Buffer;
        const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
        if (name.endsWith('/')) return;
        const rel = safeEntryPath(name);
        if (rel === null) {
          sink.warn({
            file: label,
            message: `entry "${name}" points outside the archive: skipped`,
          });
          return;
        }
        if (entry.isEncrypted()) {
          sink.warn({
            file: `${label}/${rel}`,
            message: 'encrypted (password-protected) zip entry: not read',
          });
          return;
        }
        const out = join(dir, ...rel.split('/'));
        mkdirSync(dirname(out), { recursive: true });
        const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
          zip.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))),
        );
        await pipeline(stream, createWriteStream(out));
      })().then(
        () => zip.readEntry(),
        (error: unknown) => {
          sink.warn({
            file: label,
            message: `entry "${String(entry.fileName)}": ${(error as Error).message}`,
          });
          zip.readEntry();
        },
      );
    });
    zip.readEntry();
  });
}

/** Unpacks an archive into a private folder and lists it as an extraction; `close()` removes the folder. */
export async function unpackArchive(
  archive: string,
  kind: ArchiveKind,
  sink: Pick<ReadSink, 'warn'>,
  label = archive,
): Promise<Extraction> {
  const dir = mkdtempSync(join(tmpdir(), 'schakel-unpacked-'));
  try {
    if (kind === 'zip') await unzip(archive, label, dir, sink);
    else
      await tar.x({
        file: archive,
        cwd: dir,
        gzip: kind === 'tar.gz',
        strict: false,
        preserveOwner: false,
        onwarn: (_code: string, message: string) => sink.warn({ file: label, message }),
      });
  } catch (error) {
    // A damaged archive: whatever was unpacked before the damage is still read.
    sink.warn({
      file: label,
      message: `archive damaged or unreadable: ${(error as Error).message}`,
    });
  }
  const x = folderExtraction(dir);
  return {
    ...x,
    close() {
      x.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The entry names of a zip, without unpacking anything. */
export async function zipEntryNames(archive: string): Promise<string[]> {
  const zip = await openZip(archive);
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    zip.on('error', reject);
    zip.on('end', () => resolve(names));
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      names.push(raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1'));
      zip.readEntry();
    });
    zip.readEntry();
  });
}
