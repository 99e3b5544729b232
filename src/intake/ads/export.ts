import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { audit, requirePermission, type Actor, type Context } from '../../access/context.js';
import type { Gazetteer } from '../../geo/gazetteer.js';
import { unitName } from '../../model/units.js';
import type { AdRow } from '../../store/ads.js';
import type { IndicatorHit } from '../../assess/indicators/types.js';

/**
 * `schakel export ads --format jsonl`: one line per ad, its current state (the latest capture's
 * values; phones and handles of all its captures). Streams in id order, so memory stays flat.
 */

export interface ExportedAd {
  id: string;
  source: string;
  source_id: string;
  url: string | null;
  first_seen: string;
  last_seen: string;
  captures: number;
  title: string | null;
  name: string | null;
  phones: string[];
  handles: { kind: string; value: string }[];
  emails: string[];
  websites: string[];
  age: number | null;
  price_eur_per_hour: number | null;
  location: string | null;
  municipality_code: string | null;
  municipality: string | null;
  police_unit: string | null;
  police_unit_code: string | null;
  language: string | null;
  images: { sha256: string; phash: string | null }[];
  /** The network the ad is linked into by the last `schakel link`, or null (linked to no other ad). */
  network_id: string | null;
  /** Risk 0–1 under the model that scored it (`schakel assess run`), null when not assessed. */
  risk: number | null;
  risk_model: string | null;
  /** Indicators of exploitation in its latest capture, each with the text or fact behind it. */
  indicators: IndicatorHit[];
}

function assessment(
  row: { risk: number; model: string; hits: string } | undefined,
): Pick<ExportedAd, 'risk' | 'risk_model' | 'indicators'> {
  if (!row) return { risk: null, risk_model: null, indicators: [] };
  return {
    risk: Number(row.risk),
    risk_model: row.model,
    indicators: JSON.parse(row.hits) as IndicatorHit[],
  };
}

export async function* exportedAds(ctx: Context, geo: Gazetteer): AsyncGenerator<ExportedAd[]> {
  for await (const page of ctx.store.ads.all()) {
    const identifiers = await ctx.store.ads.identifiers(page.map((a) => Number(a.seq)));
    const images = await ctx.store.ads.latestImages(page.map((a) => Number(a.seq)));
    const networkOf = await ctx.store.networks.networkOf(page.map((a) => Number(a.seq)));
    const assessed = await ctx.store.assess.adAssessments(page.map((a) => Number(a.seq)));
    const idsOf = new Map<string, { kind: string; value: string }[]>();
    for (const i of identifiers) {
      const list = idsOf.get(i.ad_id) ?? [];
      list.push(i);
      idsOf.set(i.ad_id, list);
    }
    const imagesOf = new Map<number, ExportedAd['images']>();
    for (const im of images) {
      if (!im.sha256) continue;
      const list = imagesOf.get(im.ad_seq) ?? [];
      list.push({ sha256: im.sha256, phash: im.phash });
      imagesOf.set(im.ad_seq, list);
    }
    yield page.map((a: AdRow) => {
      const ids = idsOf.get(a.id) ?? [];
      const of = (kind: string) => ids.filter((i) => i.kind === kind).map((i) => i.value);
      return {
        id: a.id,
        source: a.source,
        source_id: a.source_id,
        url: a.url,
        first_seen: a.first_seen,
        last_seen: a.last_seen,
        captures: Number(a.captures),
        title: a.title,
        name: a.name,
        phones: of('phone'),
        handles: ids
          .filter((i) => !['phone', 'email', 'website'].includes(i.kind))
          .map(({ kind, value }) => ({ kind, value })),
        emails: of('email'),
        websites: of('website'),
        age: a.age,
        price_eur_per_hour: a.price_eur_per_hour,
        location: a.location,
        municipality_code: a.municipality_code,
        municipality: a.municipality_code
          ? (geo.byCode.get(a.municipality_code)?.name ?? null)
          : null,
        police_unit: a.police_unit ? (unitName(a.police_unit) ?? a.police_unit) : null,
        police_unit_code: a.police_unit,
        language: a.language,
        images: imagesOf.get(Number(a.seq)) ?? [],
        network_id: networkOf.get(Number(a.seq)) ?? null,
        ...assessment(assessed.get(Number(a.seq))),
      };
    });
  }
}

/** Writes the JSONL export to `out`; audited as an export of personal data. */
export async function exportAdsJsonl(
  ctx: Context,
  actor: Actor,
  geo: Gazetteer,
  out: Writable,
  onProgress?: (done: number) => void,
): Promise<number> {
  requirePermission(actor, 'ads.read');
  let n = 0;
  for await (const page of exportedAds(ctx, geo)) {
    for (const ad of page) if (!out.write(`${JSON.stringify(ad)}\n`)) await once(out, 'drain');
    n += page.length;
    onProgress?.(n);
  }
  await audit(ctx.store, ctx.now(), actor, {
    action: 'ads.export',
    detail: { format: 'jsonl', ads: n },
  });
  return n;
}
