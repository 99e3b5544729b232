import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import type { Contribution } from '../assess/score.js';
import type { EvidenceView, NetworkDetail } from '../model/networks.js';
import { evidenceView, summariseNetwork } from './service.js';

/**
 * `schakel export networks --format jsonl`: one line per network, with its members, every
 * evidence edge (what is shared, its weight, similarity or distance, and how it counted), the
 * phones and names used, its templates with slots, shared photos and its places per week.
 * Streams in id order, so memory stays flat.
 */

export interface ExportedNetwork {
  id: string;
  ads: string[];
  police_units: string[];
  municipalities: number;
  first_seen: string;
  last_seen: string;
  hub_corroborated: boolean;
  phones: NetworkDetail['phoneList'];
  names: NetworkDetail['nameList'];
  evidence: EvidenceView[];
  templates: NetworkDetail['templates'];
  photos: NetworkDetail['photos'];
  movement: NetworkDetail['movement'];
  /** Network-level indicators of exploitation with their evidence. */
  indicators: NetworkDetail['indicators'];
  /** Risk 0–1 and each indicator's contribution (`schakel assess run`), null when not assessed. */
  risk: number | null;
  risk_model: string | null;
  risk_contributions: Contribution[];
  merged_from: string[];
}

export async function exportNetworksJsonl(
  ctx: Context,
  actor: Actor,
  out: Writable,
  onProgress?: (done: number) => void,
): Promise<number> {
  requirePermission(actor, 'networks.read');
  let n = 0;
  for await (const page of ctx.store.networks.all()) {
    // Per page, not per network: members, their ids, edges and scores in a few queries.
    const ids = page.map((r) => r.id);
    const assessed = await ctx.store.assess.networkAssessments(ids);
    const members = await ctx.store.networks.members(ids);
    const edges = await ctx.store.networks.edgesOf(ids);
    const idOf = await ctx.store.networks.adIds([...members.values()].flat());
    for (const row of page) {
      const a = assessed.get(row.id);
      const seqs = members.get(row.id) ?? [];
      const detail = JSON.parse(row.detail) as NetworkDetail;
      const s = summariseNetwork(row);
      const line: ExportedNetwork = {
        id: s.id,
        ads: seqs.map((seq) => idOf.get(seq)!).sort(),
        police_units: s.policeUnits,
        municipalities: s.municipalities,
        first_seen: s.firstSeen,
        last_seen: s.lastSeen,
        hub_corroborated: s.hubCorroborated,
        phones: detail.phoneList,
        names: detail.nameList,
        evidence: (edges.get(row.id) ?? []).map((e) => evidenceView(e, idOf)),
        templates: detail.templates,
        photos: detail.photos,
        movement: detail.movement,
        indicators: detail.indicators ?? [],
        risk: a ? Number(a.risk) : null,
        risk_model: a?.model ?? null,
        risk_contributions: a ? (JSON.parse(a.contributions) as Contribution[]) : [],
        merged_from: detail.mergedFrom,
      };
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    }
    n += page.length;
    onProgress?.(n);
  }
  await audit(ctx.store, ctx.now(), actor, {
    action: 'networks.export',
    detail: { format: 'jsonl', networks: n },
  });
  return n;
}
