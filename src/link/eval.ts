import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { utcInstant } from '../intake/ads/capture.js';
import { worldCaptures } from '../intake/ads/eval.js';
import { extractCapture } from '../intake/ads/extract.js';
import { adId } from '../intake/ads/import.js';
import type { PlaceResolver } from '../intake/ads/places.js';
import type { CaptureInput } from '../intake/ads/capture.js';
import type { Extraction } from '../intake/ads/types.js';
import { examineImage } from '../intake/images/store.js';
import { LinkAdCollector } from './link-ads.js';
import { linkAds, type LinkResult } from './link.js';
import { pairScores, type PairScores } from './metrics.js';
import type { EvidenceType, LinkAd } from './types.js';

/**
 * Scores linking against a synthetic world's truth: "same advertiser" pairwise precision and
 * recall and the adjusted Rand index, for all evidence and for a number-only baseline, so the gain
 * from templates and photos shows. Reads the world's files directly (no database).
 */

export interface LinkScores {
  seed: number;
  size: string;
  ads: number;
  photos: number;
  full: PairScores & { edges: LinkResult['counts']; networks: number; seconds: number };
  numbersOnly: PairScores & { networks: number };
  /**
   * Edges between ads of different advertisers that ended in one network, by kind (`hub` for a
   * stock photo, switchboard or common text): what a wrong merge went through. Hubs should be 0.
   */
  wrongMerges: Record<EvidenceType | 'hub', number>;
}

interface TruthAd {
  source: string;
  sourceId: string;
  advertiserId: string | number;
  kind: string;
}

/** A world's ads as linking and assessment read them. */
export interface WorldRead {
  collector: LinkAdCollector;
  /** Per ad id: its latest capture and what extraction found in it. */
  latest: Map<string, { capture: CaptureInput; extraction: Extraction }>;
}

/** Reads every capture of a world (photos hashed unless `photos` is false). */
export async function readWorld(
  worldDir: string,
  places: PlaceResolver,
  opts: { photos?: boolean } = {},
): Promise<WorldRead> {
  const adsDir = join(worldDir, 'ads');
  const collector = new LinkAdCollector();
  const latest: WorldRead['latest'] = new Map();
  const hashed = new Map<string, { sha256: string; phash: string } | null>();
  const hash = async (file: string) => {
    if (!hashed.has(file)) {
      try {
        const facts = await examineImage(await readFile(file));
        hashed.set(file, { sha256: facts.sha256, phash: facts.phash });
      } catch {
        hashed.set(file, null);
      }
    }
    return hashed.get(file) ?? null;
  };
  for await (const c of worldCaptures(worldDir)) {
    const x = extractCapture(c, places);
    const photos = [];
    if (opts.photos !== false)
      for (const im of c.images ?? []) {
        const h = im.file ? await hash(join(adsDir, im.file)) : null;
        if (h) photos.push(h);
      }
    const place = x.place.status === 'resolved' ? x.place : null;
    const id = adId(c.source, c.source_id);
    const capturedAt = utcInstant(c.captured_at)!;
    collector.add({
      ad: id,
      capturedAt,
      title: c.title ?? null,
      text: c.text,
      name: c.name ?? null,
      phones: x.phones.map((p) => p.e164),
      handles: x.contacts.map((h) => `${h.kind}:${h.value}`),
      photos,
      municipality: place?.municipalityCode ?? null,
      policeUnit: place?.policeUnit ?? null,
    });
    const before = latest.get(id);
    if (!before || capturedAt >= utcInstant(before.capture.captured_at)!)
      latest.set(id, { capture: c, extraction: x });
  }
  return { collector, latest };
}

/** One LinkAd per ad of the world, from all its captures (see LinkAdCollector). */
export async function worldAds(worldDir: string, places: PlaceResolver): Promise<LinkAd[]> {
  return (await readWorld(worldDir, places)).collector.ads();
}

export async function evaluateLinks(
  worldDir: string,
  places: PlaceResolver,
  truthPath = join(worldDir, 'truth.json'),
): Promise<LinkScores> {
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as {
    generator: { seed: number; size: string };
    ads: TruthAd[];
  };
  const advertiserOf = new Map<string, string>();
  for (const t of truth.ads) advertiserOf.set(adId(t.source, t.sourceId), String(t.advertiserId));
  const ads = await worldAds(worldDir, places);

  const started = Date.now();
  const full = linkAds(ads);
  const seconds = (Date.now() - started) / 1000;
  const baseline = linkAds(ads, { use: ['phone'] });

  const wrongMerges: LinkScores['wrongMerges'] = {
    phone: 0,
    handle: 0,
    template: 0,
    photo: 0,
    hub: 0,
  };
  for (const e of full.edges)
    if (
      advertiserOf.get(e.a) !== advertiserOf.get(e.b) &&
      full.resolution.networkOf.get(e.a) === full.resolution.networkOf.get(e.b)
    )
      wrongMerges[e.hub ? 'hub' : e.type]++;

  return {
    seed: truth.generator.seed,
    size: truth.generator.size,
    ads: ads.length,
    photos: ads.reduce((n, a) => n + a.photos.length, 0),
    full: {
      ...pairScores(full.resolution.networkOf, advertiserOf),
      edges: full.counts,
      networks: new Set(full.resolution.networkOf.values()).size,
      seconds,
    },
    numbersOnly: {
      ...pairScores(baseline.resolution.networkOf, advertiserOf),
      networks: new Set(baseline.resolution.networkOf.values()).size,
    },
    wrongMerges,
  };
}
