import { DEFAULT_HANDLE_HUB_ADS, DEFAULT_PHONE_HUB_ADS } from './resolve.js';
import type { Evidence, LinkAd } from './types.js';

/**
 * Identifier links: ads that show the same phone number or handle. A value shown by many ads is
 * linked as a chain (each ad to the next, in id order) rather than all pairs: the same networks
 * come out, with O(n) edges instead of O(n²).
 */

export interface IdentifierOptions {
  /**
   * A number shown by more ads than this is a hub (a switchboard, a number copied into spam): its
   * edges are marked and do not merge on their own. Licensed agencies run dozens to a few hundred
   * ads on one number, so the bar is high.
   */
  phoneHubAds?: number;
  /** The same for handles, e-mail addresses and websites (a shared site's address is common). */
  handleHubAds?: number;
}

/** The contact values an ad shows, as `phone\0+316…` / `handle\0telegram:x` keys. */
export function contactKeys(ad: Pick<LinkAd, 'phones' | 'handles'>): string[] {
  const keys = new Set<string>();
  for (const p of ad.phones) keys.add(`phone\u0000${p}`);
  // A WhatsApp handle is its number, already linked as a phone.
  for (const h of ad.handles) if (!h.startsWith('whatsapp:')) keys.add(`handle\u0000${h}`);
  return [...keys];
}

/** The edges of one value shown by `ids` (sorted, distinct): each ad to the next. */
export function chainEdges(
  type: 'phone' | 'handle',
  value: string,
  ids: readonly string[],
  opts: IdentifierOptions = {},
): Evidence[] {
  const limit =
    type === 'phone'
      ? (opts.phoneHubAds ?? DEFAULT_PHONE_HUB_ADS)
      : (opts.handleHubAds ?? DEFAULT_HANDLE_HUB_ADS);
  const hub = ids.length > limit;
  const edges: Evidence[] = [];
  for (let i = 1; i < ids.length; i++)
    edges.push({
      type,
      a: ids[i - 1]!,
      b: ids[i]!,
      value,
      weight: hub ? 0.3 : 1,
      ...(hub ? { hub: true } : {}),
    });
  return edges;
}

export function identifierEdges(ads: readonly LinkAd[], opts: IdentifierOptions = {}): Evidence[] {
  const byValue = new Map<string, string[]>();
  for (const ad of ads)
    for (const k of contactKeys(ad)) {
      const list = byValue.get(k);
      if (list) list.push(ad.id);
      else byValue.set(k, [ad.id]);
    }
  const edges: Evidence[] = [];
  for (const [k, ids] of byValue) {
    if (ids.length < 2) continue;
    const [type, value] = k.split('\u0000') as ['phone' | 'handle', string];
    for (const e of chainEdges(type, value, [...new Set(ids)].sort(), opts)) edges.push(e);
  }
  return edges;
}
