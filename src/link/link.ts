import { identifierEdges, type IdentifierOptions } from './identifiers.js';
import {
  DEFAULT_PHOTO_HUB_PHONES,
  photoEvidence,
  photoPairs,
  photosAcrossPhones,
} from './photos.js';
import { resolveNetworks, type Resolution, type ResolveOptions } from './resolve.js';
import { templatePairs, type TemplatePair } from './templates.js';
import type { Evidence, EvidenceType, LinkAd } from './types.js';

/**
 * The whole of linking, pure: identifier, template and photo evidence between ads, resolved into
 * networks. `use` picks the kinds of evidence (the number-only baseline uses phones alone).
 */

export interface LinkOptions extends IdentifierOptions {
  use?: readonly EvidenceType[];
  /**
   * A photo whose exact bytes appear under more distinct phone numbers than this is treated as a
   * stock photo (a hub that needs corroboration), however few ads show it: a network runs a few
   * phones, a stock photo is copied by unrelated advertisers, each with their own.
   */
  photoHubPhones?: number;
}

/** A template pair as linking evidence: its weight is its similarity. */
export function templateEvidence(p: TemplatePair): Evidence {
  return {
    type: 'template',
    a: p.a,
    b: p.b,
    value: 'text template',
    weight: p.similarity,
    similarity: p.similarity,
    ...(p.hub ? { hub: true } : {}),
  };
}

/** The resolver's hub bars follow the identifier options, so both count hubs alike. */
export function resolveOptions(opts: IdentifierOptions): ResolveOptions {
  return {
    ...(opts.phoneHubAds !== undefined ? { phoneHubAds: opts.phoneHubAds } : {}),
    ...(opts.handleHubAds !== undefined ? { handleHubAds: opts.handleHubAds } : {}),
  };
}

export interface LinkResult {
  edges: Evidence[];
  resolution: Resolution;
  counts: Record<EvidenceType, number>;
}

export function linkAds(ads: readonly LinkAd[], opts: LinkOptions = {}): LinkResult {
  const use = new Set(opts.use ?? ['phone', 'handle', 'template', 'photo']);
  const edges: Evidence[] = identifierEdges(ads, opts).filter((e) => use.has(e.type));
  if (use.has('template'))
    for (const p of templatePairs(ads.map((a) => ({ id: a.id, text: a.text }))))
      edges.push(templateEvidence(p));
  if (use.has('photo'))
    for (const p of photoPairs(ads, {
      knownHubs: photosAcrossPhones(ads, opts.photoHubPhones ?? DEFAULT_PHOTO_HUB_PHONES),
    }))
      edges.push(photoEvidence(p));
  const counts: Record<EvidenceType, number> = { phone: 0, handle: 0, template: 0, photo: 0 };
  for (const e of edges) counts[e.type]++;
  return {
    edges,
    resolution: resolveNetworks(
      ads.map((a) => a.id),
      edges,
      resolveOptions(opts),
    ),
    counts,
  };
}
