import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { utcInstant } from '../intake/ads/capture.js';
import { worldCaptures } from '../intake/ads/eval.js';
import { extractCapture } from '../intake/ads/extract.js';
import { adId } from '../intake/ads/import.js';
import type { PlaceResolver } from '../intake/ads/places.js';
import { examineImage } from '../intake/images/store.js';
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

/** One LinkAd per ad of the world, from all its captures (text and photos from the latest). */
export async function worldAds(worldDir: string, places: PlaceResolver): Promise<LinkAd[]> {
  const adsDir = join(worldDir, 'ads');
  const byId = new Map<string, LinkAd & { latestAt: string; files: string[] }>();
  for await (const c of worldCaptures(worldDir)) {
    const x = extractCapture(c, places);
    const id = adId(c.source, c.source_id);
    const at = utcInstant(c.captured_at)!;
    let ad = byId.get(id);
    if (!ad) {
      ad = {
        id,
        phones: [],
        handles: [],
        text: '',
        names: [],
        photos: [],
        firstSeen: at,
        lastSeen: at,
        latestAt: '',
        files: [],
      };
      byId.set(id, ad);
    }
    for (const p of x.phones) if (!ad.phones.includes(p.e164)) ad.phones.push(p.e164);
    for (const h of x.contacts) {
      const key = `${h.kind}:${h.value}`;
      if (!ad.handles.includes(key)) ad.handles.push(key);
    }
    if (c.name && !ad.names.includes(c.name)) ad.names.push(c.name);
    if (at < ad.firstSeen) ad.firstSeen = at;
    if (at > ad.lastSeen) ad.lastSeen = at;
    if (at >= ad.latestAt) {
      ad.latestAt = at;
      ad.text = `${c.title ?? ''}\n${c.text}`;
      ad.files = (c.images ?? []).flatMap((im) => (im.file ? [join(adsDir, im.file)] : []));
    }
  }
  const hashed = new Map<string, { sha256: string; phash: string } | null>();
  const ads = [...byId.values()];
  for (const ad of ads) {
    for (const f of ad.files) {
      if (!hashed.has(f)) {
        try {
          const facts = await examineImage(await readFile(f));
          hashed.set(f, { sha256: facts.sha256, phash: facts.phash });
        } catch {
          hashed.set(f, null);
        }
      }
      const h = hashed.get(f);
      if (h) ad.photos.push(h);
    }
  }
  return ads.map(({ latestAt: _l, files: _f, ...ad }) => ad);
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
