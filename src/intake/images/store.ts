import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { DEFAULT_SQLITE_PATH } from '../../store/db.js';
import { PHASH_INPUT, phash } from './phash.js';

/** What intake learns from a photo's bytes. */
export interface ImageFacts {
  sha256: string;
  phash: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
}

/** Hashes and measures a photo; throws with the decoder's reason when the bytes are not an image. */
export async function examineImage(bytes: Buffer): Promise<ImageFacts> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const image = sharp(bytes, { failOn: 'error' });
  const meta = await image.metadata();
  // JPEG shrink-on-load makes this cheap even for large photos.
  const grey = await image
    .rotate()
    .resize(PHASH_INPUT, PHASH_INPUT, { fit: 'fill', kernel: 'cubic' })
    .greyscale()
    .raw()
    .toBuffer();
  return {
    sha256,
    phash: phash(grey),
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    bytes: bytes.length,
    format: meta.format ?? 'unknown',
  };
}

/**
 * Photos on disk under their SHA-256 (`ab/cd/abcd….jpg`): the same photo is stored once however
 * often it is captured, and a stored file is never rewritten.
 */
export class ImageStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Writes through a temporary name so a crash never leaves half a photo under its hash. */
  put(sha256: string, bytes: Buffer): void {
    const path = this.pathOf(sha256);
    if (existsSync(path)) return;
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  }
}

/** `SCHAKEL_IMAGES_DIR`, else `images/` beside the SQLite file (`./schakel-data/images`). */
export function defaultImageDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCHAKEL_IMAGES_DIR ?? join(dirname(env.SCHAKEL_DB ?? DEFAULT_SQLITE_PATH), 'images');
}
