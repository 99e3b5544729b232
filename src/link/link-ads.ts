import type { LinkAd } from './types.js';

/**
 * Folds an ad's captures, in any order, into what linking reads of it (LinkAd) and where it was
 * when (for movement). One definition for the database job and the synthetic-world eval.
 *
 * Numbers, handles, names and photos are the union over all captures: an ad that once showed a
 * number is linked by it even after the number is removed, and an ad's record only ever grows,
 * which lets the incremental linker add evidence without withdrawing any. The text is the latest
 * capture's (title and body): templates compare what the ad says now.
 */

export interface CaptureFacts {
  /** Public ad id. */
  ad: string;
  /** ISO-8601 UTC. */
  capturedAt: string;
  title: string | null;
  text: string;
  name: string | null;
  phones: readonly string[];
  /** `kind:value` (`telegram:sofia`, `email:x@y.nl`). */
  handles: readonly string[];
  photos: readonly { sha256: string; phash: string }[];
  /** Municipality code and police unit code the capture was placed in, when resolved. */
  municipality: string | null;
  policeUnit: string | null;
}

/** One ad in one place in one week (distinct per ad). */
export interface AdPlaceWeek {
  /** ISO week, `2023-W12`. */
  week: string;
  municipality: string;
  policeUnit: string;
}

interface Building extends LinkAd {
  latestAt: string;
  places: Map<string, AdPlaceWeek>;
}

export class LinkAdCollector {
  private readonly byId = new Map<string, Building>();

  get size(): number {
    return this.byId.size;
  }

  add(c: CaptureFacts): void {
    let ad = this.byId.get(c.ad);
    if (!ad) {
      ad = {
        id: c.ad,
        phones: [],
        handles: [],
        text: '',
        names: [],
        photos: [],
        firstSeen: c.capturedAt,
        lastSeen: c.capturedAt,
        latestAt: '',
        places: new Map(),
      };
      this.byId.set(c.ad, ad);
    }
    for (const p of c.phones) if (!ad.phones.includes(p)) ad.phones.push(p);
    for (const h of c.handles) if (!ad.handles.includes(h)) ad.handles.push(h);
    if (c.name && !ad.names.includes(c.name)) ad.names.push(c.name);
    for (const photo of c.photos)
      if (!ad.photos.some((p) => p.sha256 === photo.sha256)) ad.photos.push(photo);
    if (c.capturedAt < ad.firstSeen) ad.firstSeen = c.capturedAt;
    if (c.capturedAt > ad.lastSeen) ad.lastSeen = c.capturedAt;
    // Later arrivals win ties, so re-reading the same captures gives the same text.
    if (c.capturedAt >= ad.latestAt) {
      ad.latestAt = c.capturedAt;
      ad.text = `${c.title ?? ''}\n${c.text}`;
    }
    if (c.municipality && c.policeUnit) {
      const week = isoWeek(c.capturedAt);
      ad.places.set(`${week}|${c.municipality}`, {
        week,
        municipality: c.municipality,
        policeUnit: c.policeUnit,
      });
    }
  }

  /** The ads, in order of first capture seen; or just the given ones, in that order. */
  ads(ids?: Iterable<string>): LinkAd[] {
    const chosen = ids
      ? [...new Set(ids)].flatMap((id) => this.byId.get(id) ?? [])
      : [...this.byId.values()];
    return chosen.map(({ latestAt: _l, places: _p, ...ad }): LinkAd => ({
      ...ad,
      phones: [...ad.phones],
      handles: [...ad.handles],
      names: [...ad.names],
      photos: [...ad.photos],
    }));
  }

  /** Where each of the given ads was, per week. */
  places(ids: Iterable<string>): Map<string, AdPlaceWeek[]> {
    const out = new Map<string, AdPlaceWeek[]>();
    for (const id of ids) {
      const ad = this.byId.get(id);
      if (ad) out.set(id, [...ad.places.values()]);
    }
    return out;
  }
}

/** ISO-8601 week of a UTC instant: `2023-W12` (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(instant: string): string {
  const d = new Date(instant.slice(0, 10) + 'T00:00:00Z');
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - day + 3); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (UTC date) of an ISO week such as `2023-W12`. */
export function weekStart(week: string): string {
  const [y, w] = week.split('-W').map(Number) as [number, number];
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  monday.setUTCDate(monday.getUTCDate() + (w - 1) * 7);
  return monday.toISOString().slice(0, 10);
}
