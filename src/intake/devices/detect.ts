import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { archiveKind, type ArchiveKind } from './archive.js';
import type { Extraction } from './extraction.js';
import type { DeviceFormat } from './types.js';

/**
 * What an extraction is, from its name and first bytes: a folder or archive of a phone's file
 * system (Android or iOS, told apart by the paths inside), a Cellebrite `.ufdr`, a bare UFED
 * `report.xml`, or CSV. `--format` overrides.
 */

export type Container =
  { kind: 'folder' } | { kind: 'archive'; archive: ArchiveKind } | { kind: 'file' };

function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

export function containerOf(path: string): Container {
  if (statSync(path).isDirectory()) return { kind: 'folder' };
  const p = path.toLowerCase();
  if (p.endsWith('.ufdr') || p.endsWith('.xml') || p.endsWith('.csv')) return { kind: 'file' };
  const archive = archiveKind(path);
  if (archive) return { kind: 'archive', archive };
  // An unnamed file: a zip by its magic number, else read as a file (XML or CSV).
  return head(path, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))
    ? { kind: 'archive', archive: 'zip' }
    : { kind: 'file' };
}

/** The format of a single file (not an unpacked folder), or null when it is a file-system archive. */
export function fileFormat(path: string): DeviceFormat | null {
  const p = path.toLowerCase();
  if (p.endsWith('.ufdr')) return 'ufdr';
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.xml')) return 'ufed-xml';
  const text = head(path, 512).toString('utf8').trimStart();
  if (text.startsWith('<')) return 'ufed-xml';
  return null;
}

const ANDROID =
  /(^|\/)(data\/data\/|com\.android\.providers\.|com\.whatsapp\/databases\/|msgstore\.db)/;
const IOS =
  /(^|\/)(mobile\/Library\/|private\/var\/mobile\/|ChatStorage\.sqlite$|sms\.db$|AddressBook\.sqlitedb$)/;

/** Android or iOS, by the paths in a file-system extraction; null when neither shows. */
export function fileSystemFormat(x: Extraction): 'android-fs' | 'ios-fs' | null {
  const android = x.files.filter((f) => ANDROID.test(f)).length;
  const ios = x.files.filter((f) => IOS.test(f)).length;
  if (android === 0 && ios === 0) return null;
  return android >= ios ? 'android-fs' : 'ios-fs';
}

/** A zip holding a `report.xml` at any depth is a UFDR, whatever its name. */
export function isUfdrListing(names: readonly string[]): boolean {
  return names.some((n) => /(^|\/)report\.xml$/i.test(n));
}
