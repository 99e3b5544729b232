import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import type { Extraction } from '../intake/ads/types.js';
import type { NetworkDetail } from '../model/networks.js';
import type { NetworkAssessmentsTable } from '../store/schema.js';
import { regionalMedians } from './medians.js';
import { adIndicators } from './indicators/ad.js';
import type { IndicatorHit } from './indicators/types.js';
import { activeModel } from './models.js';
import { scoreAd, scoreGroup } from './score.js';

/**
 * `schakel assess`: finds the ad-level indicators in every ad's latest capture, scores every ad
 * and every network under the active model, and stores score, contributions and evidence. Re-run
 * after linking (networks change) or after a model is activated. Idempotent.
 */

export interface AssessStats {
  model: string;
  ads: number;
  networks: number;
  /** Ads with at least one indicator. */
  adsWithIndicators: number;
  seconds: number;
}

interface RawFields {
  title?: unknown;
  text?: unknown;
  name?: unknown;
}

export async function runAssessment(
  ctx: Context,
  actor: Actor,
  onProgress?: (phase: 'ads' | 'networks', done: number) => void,
): Promise<AssessStats> {
  requirePermission(actor, 'ads.import');
  const started = Date.now();
  const { store } = ctx;
  const model = await activeModel(ctx);
  const medians = regionalMedians(await store.assess.prices());
  const at = ctx.now().toISOString();

  let ads = 0;
  let adsWithIndicators = 0;
  for await (const page of store.assess.latestCaptures()) {
    const rows = page.map((r) => {
      const raw = JSON.parse(r.raw) as RawFields;
      const extraction = JSON.parse(r.extracted) as Extraction;
      const hits = adIndicators({
        id: r.ad_id,
        fields: {
          title: typeof raw.title === 'string' ? raw.title : null,
          text: typeof raw.text === 'string' ? raw.text : '',
          name: typeof raw.name === 'string' ? raw.name : null,
        },
        extraction,
        policeUnit: r.police_unit,
        regionalMedianPrice: r.police_unit ? (medians.get(r.police_unit) ?? null) : null,
      });
      if (hits.length > 0) adsWithIndicators++;
      const s = scoreAd(hits, model);
      return {
        ad_seq: r.ad_seq,
        hits: JSON.stringify(hits),
        risk: s.risk,
        logit: s.logit,
        model: s.model,
        contributions: JSON.stringify(s.contributions),
        origins: JSON.stringify([...new Set(extraction.origins.map((o) => o.code))].sort()),
        assessed_at: at,
      };
    });
    await store.transaction((tx) => tx.assess.putAds(rows));
    ads += rows.length;
    onProgress?.('ads', ads);
  }

  const networkRows: NetworkAssessmentsTable[] = [];
  for await (const page of store.networks.all()) {
    const members = await store.networks.members(page.map((n) => n.id));
    const allSeqs = [...members.values()].flat();
    const assessed = await store.assess.adAssessments(allSeqs);
    const idOf = await store.networks.adIds(allSeqs);
    for (const n of page) {
      const adHits = new Map<string, IndicatorHit[]>();
      for (const seq of members.get(n.id) ?? [])
        adHits.set(idOf.get(seq)!, JSON.parse(assessed.get(seq)?.hits ?? '[]') as IndicatorHit[]);
      const own = (JSON.parse(n.detail) as Partial<NetworkDetail>).indicators ?? [];
      const s = scoreGroup(adHits, own, model);
      networkRows.push({
        network_id: n.id,
        risk: s.risk,
        logit: s.logit,
        model: s.model,
        contributions: JSON.stringify(s.contributions),
        assessed_at: at,
      });
    }
    onProgress?.('networks', networkRows.length);
  }
  await store.transaction((tx) => tx.assess.replaceNetworks(networkRows));

  const stats: AssessStats = {
    model: model.version,
    ads,
    networks: networkRows.length,
    adsWithIndicators,
    seconds: (Date.now() - started) / 1000,
  };
  await audit(store, ctx.now(), actor, {
    action: 'assess.run',
    detail: { model: stats.model, ads: stats.ads, networks: stats.networks },
  });
  return stats;
}
