import sharp from 'sharp';
import { Random } from './random.js';

/**
 * Synthetic "photos": abstract pictures drawn from a seed (gradient, shapes, noise), so each photo
 * is distinct to a perceptual hash while holding nothing of anyone. Reuse is what matters: a network
 * posts the same photo again resized, re-encoded, cropped a little and brighter or darker.
 */

export const PHOTO_WIDTH = 240;
export const PHOTO_HEIGHT = 320;

/** How a reused copy differs from the original. */
export interface Variation {
  scale: number;
  quality: number;
  /** Fraction cut from each side, 0–0.06. */
  crop: number;
  brightness: number;
}

export const ORIGINAL: Variation = { scale: 1, quality: 88, crop: 0, brightness: 1 };

export function randomVariation(rng: Random): Variation {
  return {
    scale: rng.pick([0.75, 0.85, 1, 1.25]),
    quality: rng.int(60, 92),
    crop: rng.chance(0.5) ? rng.int(1, 6) / 100 : 0,
    brightness: rng.chance(0.5) ? 1 + rng.int(-12, 12) / 100 : 1,
  };
}

/** The raw pixels of photo `photoId`: the same id gives the same picture everywhere. */
function basePixels(photoId: string): Buffer {
  const rng = new Random(`photo:${photoId}`);
  const w = PHOTO_WIDTH;
  const h = PHOTO_HEIGHT;
  const px = Buffer.alloc(w * h * 3);
  const c0 = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  const c1 = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  const shapes = Array.from({ length: rng.int(4, 9) }, () => ({
    x: rng.int(0, w),
    y: rng.int(0, h),
    rx: rng.int(15, 90),
    ry: rng.int(15, 110),
    color: [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)],
  }));
  const angle = rng.next() * Math.PI;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = Math.min(1, Math.max(0, ((x / w) * cos + (y / h) * sin + 1) / 2.2));
      const i = (y * w + x) * 3;
      px[i] = c0[0]! * (1 - t) + c1[0]! * t;
      px[i + 1] = c0[1]! * (1 - t) + c1[1]! * t;
      px[i + 2] = c0[2]! * (1 - t) + c1[2]! * t;
    }
  }
  // Shapes are painted over their bounding boxes only.
  for (const s of shapes) {
    for (let y = Math.max(0, s.y - s.ry); y < Math.min(h, s.y + s.ry); y++) {
      const dy = (y - s.y) / s.ry;
      const half = Math.floor(s.rx * Math.sqrt(Math.max(0, 1 - dy * dy)));
      for (let x = Math.max(0, s.x - half); x < Math.min(w, s.x + half); x++) {
        const i = (y * w + x) * 3;
        px[i] = s.color[0]!;
        px[i + 1] = s.color[1]!;
        px[i + 2] = s.color[2]!;
      }
    }
  }
  return px;
}

/** A JPEG of photo `photoId` as posted with `variation`. Deterministic bytes. */
export async function renderPhoto(
  photoId: string,
  variation: Variation = ORIGINAL,
): Promise<Buffer> {
  const w = PHOTO_WIDTH;
  const h = PHOTO_HEIGHT;
  let image = sharp(basePixels(photoId), { raw: { width: w, height: h, channels: 3 } });
  if (variation.crop > 0) {
    const dx = Math.round(w * variation.crop);
    const dy = Math.round(h * variation.crop);
    image = image.extract({ left: dx, top: dy, width: w - 2 * dx, height: h - 2 * dy });
  }
  if (variation.scale !== 1) image = image.resize(Math.round(w * variation.scale));
  if (variation.brightness !== 1) image = image.modulate({ brightness: variation.brightness });
  return image.jpeg({ quality: variation.quality, mozjpeg: false }).toBuffer();
}
