import { chainEdges, contactKeys, type IdentifierOptions } from './identifiers.js';
import { resolveOptions, templateEvidence, type LinkOptions } from './link.js';
import { PhotoLinker } from './photo-linker.js';
import { photoEvidence } from './photos.js';
import { NetworkResolver, type Network, type Resolution } from './resolve.js';
import { TemplateIndex } from './template-index.js';
import type { Evidence, EvidenceType, LinkAd } from './types.js';

/**
 * Linking kept up to date: new or changed ads are attached through the indexes (numbers and
 * handles by value, texts through the MinHash/LSH index, photos through the multi-index pHash
 * index) and only the evidence they change is added or withdrawn. After any sequence of upserts
 * the networks equal `linkAds` over the current ads in order of first arrival — ids, members and
 * evidence (test/link/link-index.test.ts).
 *
 * Pure and in memory: the server keeps one and feeds it each import; `schakel link` builds one.
 */

export interface LinkChange {
  /** Ads whose network may have changed: the upserted ads and both ends of every edge changed. */
  touched: Set<string>;
  /** Evidence edges added and withdrawn, by type. */
  added: Record<EvidenceType, number>;
  removed: Record<EvidenceType, number>;
}

function countTypes(edges: readonly Evidence[]): Record<EvidenceType, number> {
  const n: Record<EvidenceType, number> = { phone: 0, handle: 0, template: 0, photo: 0 };
  for (const e of edges) n[e.type]++;
  return n;
}

function key(e: Evidence): string {
  return `${e.type}\u0000${e.a}\u0000${e.b}\u0000${e.value}`;
}

export class LinkIndex {
  private readonly resolver: NetworkResolver;
  private readonly templates: TemplateIndex;
  private readonly photos: PhotoLinker;
  private readonly use: ReadonlySet<string>;
  private readonly identifierOpts: IdentifierOptions;
  private readonly ads = new Map<string, LinkAd>();
  /** Ads showing each contact value (`phone\0+316…`), sorted: identifier edges chain them. */
  private readonly holders = new Map<string, string[]>();

  constructor(opts: LinkOptions = {}) {
    this.use = new Set(opts.use ?? ['phone', 'handle', 'template', 'photo']);
    this.identifierOpts = {
      ...(opts.phoneHubAds !== undefined ? { phoneHubAds: opts.phoneHubAds } : {}),
      ...(opts.handleHubAds !== undefined ? { handleHubAds: opts.handleHubAds } : {}),
    };
    this.resolver = new NetworkResolver(resolveOptions(opts));
    this.templates = new TemplateIndex();
    this.photos = new PhotoLinker(
      opts.photoHubPhones !== undefined ? { hubPhones: opts.photoHubPhones } : {},
    );
  }

  get size(): number {
    return this.ads.size;
  }

  /** Adds new ads or replaces known ones (by id) with their current record. */
  upsert(batch: readonly LinkAd[]): LinkChange {
    const latest = new Map<string, LinkAd>();
    for (const ad of batch) latest.set(ad.id, ad);
    const ads = [...latest.values()];
    const removed: Evidence[] = [];
    const added: Evidence[] = [];

    // Identifiers: re-chain every value whose holders change.
    const changedKeys = new Map<string, string[]>();
    const holdersBefore = (k: string) => {
      if (!changedKeys.has(k)) changedKeys.set(k, [...(this.holders.get(k) ?? [])]);
    };
    for (const ad of ads) {
      const before = new Set(this.ads.has(ad.id) ? contactKeys(this.ads.get(ad.id)!) : []);
      const after = new Set(contactKeys(ad));
      for (const k of before)
        if (!after.has(k)) {
          holdersBefore(k);
          const list = this.holders.get(k)!;
          list.splice(list.indexOf(ad.id), 1);
          if (list.length === 0) this.holders.delete(k);
        }
      for (const k of after)
        if (!before.has(k)) {
          holdersBefore(k);
          let list = this.holders.get(k);
          if (!list) this.holders.set(k, (list = []));
          list.push(ad.id);
        }
    }
    for (const [k, before] of changedKeys) {
      const list = this.holders.get(k) ?? [];
      list.sort();
      const type = k.startsWith('phone\u0000') ? 'phone' : 'handle';
      if (!this.use.has(type)) continue;
      const value = k.slice(type.length + 1);
      // Compared with the hub flag: a value crossing its hub bar changes every edge of its chain.
      const full = (e: Evidence) => `${key(e)}\u0000${e.hub === true}`;
      const old = new Map(
        chainEdges(type, value, before.sort(), this.identifierOpts).map((e) => [full(e), e]),
      );
      const now = chainEdges(type, value, list, this.identifierOpts);
      const nowKeys = new Set(now.map(full));
      for (const e of now) if (!old.has(full(e))) added.push(e);
      for (const [k2, e] of old) if (!nowKeys.has(k2)) removed.push(e);
    }
    for (const ad of ads) this.ads.set(ad.id, ad);

    if (this.use.has('template')) {
      const t = this.templates.upsert(ads.map((a) => ({ id: a.id, text: a.text })));
      for (const pair of t.removed) removed.push(templateEvidence(pair));
      for (const pair of t.added) added.push(templateEvidence(pair));
    }
    if (this.use.has('photo')) {
      const p = this.photos.upsert(ads);
      for (const pair of p.removed) removed.push(photoEvidence(pair));
      for (const pair of p.added) added.push(photoEvidence(pair));
    }

    this.resolver.removeEdges(removed);
    this.resolver.addAds(ads.map((a) => a.id));
    this.resolver.addEdges(added);
    const touched = new Set(ads.map((a) => a.id));
    for (const e of [...removed, ...added]) {
      touched.add(e.a);
      touched.add(e.b);
    }
    return { touched, added: countTypes(added), removed: countTypes(removed) };
  }

  /** The network of one ad now (members and evidence), or undefined for an unknown ad. */
  networkAt(adId: string): Network | undefined {
    return this.resolver.networkAt(adId);
  }

  networkOf(adId: string): string | undefined {
    return this.resolver.networkOf(adId);
  }

  snapshot(): Resolution {
    return this.resolver.snapshot();
  }

  ad(id: string): LinkAd | undefined {
    return this.ads.get(id);
  }
}
