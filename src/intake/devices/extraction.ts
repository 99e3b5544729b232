import Database from 'better-sqlite3';
import {
  closeSync,
  mkdirSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import type { ReadSink } from './types.js';

/**
 * A file-system extraction as readers see it: the list of its files and a safe way to open its
 * SQLite databases. Evidence is never opened for writing: a database is copied, with its `-wal`,
 * `-shm` and `-journal`, into a private temporary folder and the copy is opened, so rows that live
 * only in the WAL are read and the evidence stays byte for byte as it was.
 */
export interface Extraction {
  /** Every file, relative to the extraction root, with forward slashes. */
  readonly files: readonly string[];
  /** Where a file is on disk. */
  path(rel: string): string;
  /** Files whose relative path matches. */
  find(pattern: RegExp): string[];
  /** Opens a SQLite file from a private copy; null (with a warning naming the file) when it is not a readable database. */
  openSqlite(rel: string, sink: Pick<ReadSink, 'warn'>): Database.Database | null;
  /** Removes the private copies. */
  close(): void;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function header(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The extraction in a folder on disk (a file-system extraction, or an archive unpacked into one). */
export function folderExtraction(root: string): Extraction {
  const files = listFiles(root);
  let scratch: string | null = null;
  let copies = 0;
  return {
    files,
    path: (rel) => join(root, ...rel.split('/')),
    find: (pattern) => files.filter((f) => pattern.test(f)),
    openSqlite(rel, sink) {
      const source = join(root, ...rel.split('/'));
      const size = statSync(source).size;
      if (size === 0) {
        sink.warn({ file: rel, message: 'empty file (0 bytes): not read' });
        return null;
      }
      if (header(source, 16).toString('latin1') !== SQLITE_MAGIC) {
        sink.warn({
          file: rel,
          message: `not a SQLite database (no SQLite header in ${size} bytes): encrypted (SQLCipher) or another format; not read`,
        });
        return null;
      }
      scratch ??= mkdtempSync(join(tmpdir(), 'schakel-evidence-'));
      const dir = join(scratch, String(copies++));
      mkdirSync(dir);
      const copy = join(dir, basename(source));
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        if (existsSync(source + suffix)) copyFileSync(source + suffix, copy + suffix);
      try {
        const db = new Database(copy, { fileMustExist: true });
        // Reading the schema proves the file is a database at all; malformed pages show later, per table.
        db.prepare('select count(*) from sqlite_master').get();
        return db;
      } catch (error) {
        const reason = (error as Error).message;
        // A truncated or damaged file: SQLite refuses it at open, but with the schema checks off
        // (on the private copy) the pages before the damage can often still be read.
        const damaged = salvage(copy);
        sink.warn({
          file: rel,
          message: damaged
            ? `damaged database (${reason}): read as far as the damage allows`
            : `cannot open as SQLite: ${reason}; not read`,
        });
        return damaged;
      }
    },
    close() {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      scratch = null;
    },
  };
}

function salvage(copy: string): Database.Database | null {
  try {
    const db = new Database(copy, { readonly: true, fileMustExist: true });
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare('select count(*) from sqlite_master').get();
    return db;
  } catch {
    return null;
  }
}

/** Names of the tables in a database. */
export function tablesOf(db: Database.Database): Set<string> {
  return new Set(
    (
      db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
    ).map((r) => r.name),
  );
}

/** Column names of a table (empty when it does not exist). */
export function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set(
    (
      db.prepare(`pragma table_info("${table.replaceAll('"', '""')}")`).all() as { name: string }[]
    ).map((r) => r.name),
  );
}

/**
 * Runs one read over a table and turns a failure (a malformed page, a missing column) into a
 * warning naming the file and table, so the rest of the extraction is still read. Returns whether
 * the read completed.
 */
export function readRows<T>(
  db: Database.Database,
  file: string,
  table: string,
  query: string,
  sink: Pick<ReadSink, 'warn'>,
  each: (row: T) => void,
): boolean {
  try {
    for (const row of db.prepare(query).iterate() as IterableIterator<T>) each(row);
    return true;
  } catch (error) {
    sink.warn({
      file,
      message: `${table}: ${(error as Error).message}; rows after this point not read`,
    });
    return false;
  }
}
