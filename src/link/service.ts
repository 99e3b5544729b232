import { addTo } from '../util/multimap.js';
import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import { phoneFilter } from '../intake/ads/service.js';
import { NotFoundError } from '../model/errors.js';
import type {
  AdLinks,
  EvidenceRole,
  EvidenceType,
  EvidenceView,
  NetworkDetail,
  NetworkListQuery,
  NetworkMember,
  NetworkSummary,
} from '../model/networks.js';
import type { LinkEdgeRow, NetworkRow } from '../store/networks.js';

/**
 * Reading networks: the list, one network with its members and evidence, and why one ad is linked.
 * Every read is audited, like reading ads.
 */

export function summariseNetwork(row: NetworkRow): NetworkSummary {
  return {
    id: row.id,
    ads: Number(row.ads),
    policeUnits: JSON.parse(row.police_units) as string[],
    municipalities: Number(row.municipalities),
    phones: Number(row.phones),
    names: Number(row.names),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    evidence: JSON.parse(row.evidence) as Record<EvidenceType, number>,
    hubCorroborated: Number(row.hub_corroborated) === 1,
  };
}

export function evidenceView(e: LinkEdgeRow, idOf: ReadonlyMap<number, string>): EvidenceView {
  const a = idOf.get(Number(e.a_seq))!;
  const b = idOf.get(Number(e.b_seq))!;
  return {
    type: e.type as EvidenceType,
    a,
    b,
    value: e.value,
    weight: Number(e.weight),
    similarity: e.similarity === null ? null : Number(e.similarity),
    distance: e.distance === null ? null : Number(e.distance),
    hub: Number(e.hub) === 1,
    role: e.role as EvidenceRole,
  };
}

export async function listNetworks(
  ctx: Context,
  actor: Actor,
  query: NetworkListQuery,
): Promise<{ total: number; networks: NetworkSummary[] }> {
  requirePermission(actor, 'networks.read');
  const phone = phoneFilter(query.q);
  const { total, rows } = await ctx.store.networks.list(query, phone ?? null);
  await audit(ctx.store, ctx.now(), actor, {
    action: 'networks.list',
    detail: { query, total },
  });
  return { total, networks: rows.map(summariseNetwork) };
}

export async function getNetwork(
  ctx: Context,
  actor: Actor,
  geo: Gazetteer,
  id: string,
): Promise<NetworkDetail> {
  requirePermission(actor, 'networks.read');
  const row = await ctx.store.networks.get(id);
  if (!row) throw new NotFoundError(`network ${id}`);
  const seqs = await ctx.store.networks.memberSeqs(row.id);
  const idOf = await ctx.store.networks.adIds(seqs);
  const adRows = [...(await ctx.store.ads.byIds([...idOf.values()])).values()];
  const identifiers = await ctx.store.ads.identifiers(seqs);
  const phonesOf = new Map<string, string[]>();
  for (const i of identifiers) if (i.kind === 'phone') addTo(phonesOf, i.ad_id, i.value);
  const members: NetworkMember[] = adRows
    .map((a) => ({
      id: a.id,
      source: a.source,
      title: a.title,
      name: a.name,
      phones: phonesOf.get(a.id) ?? [],
      municipality: a.municipality_code
        ? (geo.byCode.get(a.municipality_code)?.name ?? a.municipality_code)
        : null,
      policeUnit: a.police_unit,
      firstSeen: a.first_seen,
      lastSeen: a.last_seen,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  const edges = await ctx.store.networks.edges(row.id);
  const detail = JSON.parse(row.detail) as Omit<
    NetworkDetail,
    keyof NetworkSummary | 'members' | 'evidenceList'
  >;
  await audit(ctx.store, ctx.now(), actor, {
    action: 'networks.view',
    targetType: 'network',
    targetId: row.id,
  });
  return {
    ...summariseNetwork(row),
    members,
    evidenceList: edges
      .map((e) => evidenceView(e, idOf))
      .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0)),
    phoneList: detail.phoneList,
    nameList: detail.nameList,
    templates: detail.templates,
    photos: detail.photos,
    movement: detail.movement,
    // Networks written before indicators were computed have none.
    indicators: detail.indicators ?? [],
    mergedFrom: detail.mergedFrom,
    linkedAt: detail.linkedAt,
  };
}

/** Why an ad is linked: its network, and per linked ad the evidence between the two. */
export async function adLinks(ctx: Context, actor: Actor, adId: string): Promise<AdLinks> {
  requirePermission(actor, 'networks.read');
  const ad = await ctx.store.ads.get(adId);
  if (!ad) throw new NotFoundError(`ad ${adId}`);
  const seq = Number(ad.seq);
  const networkId = (await ctx.store.networks.networkOf([seq])).get(seq);
  await audit(ctx.store, ctx.now(), actor, {
    action: 'networks.ad_links',
    targetType: 'ad',
    targetId: adId,
  });
  if (!networkId) return { network: null, links: [] };
  const size = (await ctx.store.networks.sizes([networkId])).get(networkId) ?? 0;
  // A number or handle links its ads as a chain (each to the next); here every ad of the network
  // that shows the same value is named, not just the ad's neighbours in the chain.
  const edges = await ctx.store.networks.edges(networkId);
  const shared = new Map<string, Set<number>>();
  for (const e of edges)
    if (e.type === 'phone' || e.type === 'handle') {
      const k = `${e.type}\u0000${e.value}`;
      const ads = shared.get(k) ?? new Set<number>();
      ads.add(Number(e.a_seq));
      ads.add(Number(e.b_seq));
      shared.set(k, ads);
    }
  const mine: LinkEdgeRow[] = [];
  const done = new Set<string>();
  for (const e of edges) {
    if (e.type === 'phone' || e.type === 'handle') {
      const k = `${e.type}\u0000${e.value}`;
      const ads = shared.get(k)!;
      if (!ads.has(seq) || done.has(k)) continue;
      done.add(k);
      // One row per other ad showing the value, with this chain's weight and role.
      for (const other of ads) if (other !== seq) mine.push({ ...e, a_seq: seq, b_seq: other });
    } else if (Number(e.a_seq) === seq || Number(e.b_seq) === seq) mine.push(e);
  }
  const others = [
    ...new Set(mine.map((e) => (Number(e.a_seq) === seq ? Number(e.b_seq) : Number(e.a_seq)))),
  ];
  const idOf = await ctx.store.networks.adIds([seq, ...others]);
  const byOther = new Map<string, EvidenceView[]>();
  for (const e of mine) {
    const view = evidenceView(e, idOf);
    const other = view.a === adId ? view.b : view.a;
    const [a, b] = [adId, other].sort() as [string, string];
    addTo(byOther, other, { ...view, a, b });
  }
  const linked = await ctx.store.ads.byIds([...byOther.keys()]);
  const links: AdLinks['links'] = [...byOther]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([other, evidence]) => ({
      ad: other,
      title: linked.get(other)?.title ?? null,
      name: linked.get(other)?.name ?? null,
      evidence,
    }));
  return { network: { id: networkId, ads: size }, links };
}
