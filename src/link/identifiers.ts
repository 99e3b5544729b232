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

export function identifierEdges(ads: readonly LinkAd[], opts: IdentifierOptions = {}): Evidence[] {
  const phoneHub = opts.phoneHubAds ?? DEFAULT_PHONE_HUB_ADS;
  const handleHub = opts.handleHubAds ?? DEFAULT_HANDLE_HUB_ADS;
  const byValue = new Map<string, string[]>();
  const add = (key: string, id: string) => {
    const list = byValue.get(key);
    if (list) list.push(id);
    else byValue.set(key, [id]);
  };
  for (const ad of ads) {
    for (const p of new Set(ad.phones)) add(`phone\u0000${p}`, ad.id);
    // A WhatsApp handle is its number, already linked as a phone.
    for (const h of new Set(ad.handles))
      if (!h.startsWith('whatsapp:')) add(`handle\u0000${h}`, ad.id);
  }
  const edges: Evidence[] = [];
  for (const [key, ids] of byValue) {
    if (ids.length < 2) continue;
    const [type, value] = key.split('\u0000') as ['phone' | 'handle', string];
    const hub = ids.length > (type === 'phone' ? phoneHub : handleHub);
    const sorted = [...new Set(ids)].sort();
    for (let i = 1; i < sorted.length; i++)
      edges.push({
        type,
        a: sorted[i - 1]!,
        b: sorted[i]!,
        value,
        weight: hub ? 0.3 : 1,
        ...(hub ? { hub: true } : {}),
      });
  }
  return edges;
}
