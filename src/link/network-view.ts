import type {
  EvidenceRole,
  EvidenceType,
  MovementWeek,
  NetworkSummary,
  SharedPhoto,
  TemplateSlotView,
} from '../model/networks.js';
import { weekStart, type AdPlaceWeek } from './link-ads.js';
import { edgeIsWeak, type Network, type ResolveOptions } from './resolve.js';
import { slotTemplate } from './templates.js';
import type { Evidence, LinkAd } from './types.js';

/**
 * What an analyst reads of one network, computed once when linking writes it: the role of each
 * edge, the phones and names used, its text templates with slots, its shared photos and where its
 * ads were week by week. Pure.
 */

export interface NetworkDescription extends NetworkSummary {
  edges: (Evidence & { role: EvidenceRole })[];
  detail: {
    phoneList: { value: string; ads: number }[];
    nameList: { value: string; ads: number }[];
    templates: TemplateSlotView[];
    photos: SharedPhoto[];
    movement: MovementWeek[];
    mergedFrom: string[];
  };
}

export interface PlaceNames {
  municipality(code: string): string;
  policeUnit(code: string): string;
}

/** Texts a template view aligns at most (slotTemplate's own cap). */
const TEMPLATE_TEXTS = 50;

function counted(values: Iterable<string[]>): { value: string; ads: number }[] {
  const n = new Map<string, number>();
  for (const list of values) for (const v of new Set(list)) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n]
    .map(([value, ads]) => ({ value, ads }))
    .sort((x, y) => y.ads - x.ads || (x.value < y.value ? -1 : 1));
}

/** Connected groups of ads through the given edges (each group sorted, groups by first member). */
function groups(edges: readonly Evidence[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const e of edges) {
    if (!parent.has(e.a)) parent.set(e.a, e.a);
    if (!parent.has(e.b)) parent.set(e.b, e.b);
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const by = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const list = by.get(r) ?? [];
    list.push(x);
    by.set(r, list);
  }
  return [...by.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

export function describeNetwork(
  net: Network,
  ads: ReadonlyMap<string, LinkAd>,
  places: ReadonlyMap<string, readonly AdPlaceWeek[]>,
  names: PlaceNames,
  opts: ResolveOptions = {},
): NetworkDescription {
  const members = net.members.map((id) => ads.get(id)!);
  const corroborated = new Set(net.corroborated.map((e) => `${e.a}|${e.b}|${e.type}|${e.value}`));
  const edges = net.evidence.map((e) => {
    const role: EvidenceRole = !edgeIsWeak(e, opts)
      ? 'strong'
      : corroborated.has(`${e.a}|${e.b}|${e.type}|${e.value}`)
        ? 'corroborated'
        : 'supporting';
    return { ...e, role };
  });
  const evidence: Record<EvidenceType, number> = { phone: 0, handle: 0, template: 0, photo: 0 };
  for (const e of edges) evidence[e.type]++;

  // Templates: one per group of ads joined by template edges.
  const templateEdges = edges.filter((e) => e.type === 'template');
  const templates: TemplateSlotView[] = groups(templateEdges).map((group) => {
    const inGroup = new Set(group);
    const sims = templateEdges.filter((e) => inGroup.has(e.a)).map((e) => e.similarity ?? e.weight);
    const view = slotTemplate(group.slice(0, TEMPLATE_TEXTS).map((id) => ads.get(id)!.text));
    return {
      ads: group,
      similarity: {
        min: sims.reduce((m, x) => Math.min(m, x), Infinity),
        max: sims.reduce((m, x) => Math.max(m, x), -Infinity),
      },
      parts: view.parts,
    };
  });

  // Shared photos: groups of photo copies joined by photo edges, each ad with the copy it shows.
  const photoEdges = edges.filter((e) => e.type === 'photo');
  const photos: SharedPhoto[] = [];
  {
    const copyEdges: Evidence[] = photoEdges.map((e) => {
      const [pa, pb] = e.value.split('/') as [string, string];
      return { ...e, a: `${e.a}/${pa}`, b: `${e.b}/${pb}` };
    });
    for (const group of groups(copyEdges)) {
      const inGroup = new Set(group);
      const hub = photoEdges.some(
        (e) => e.hub === true && inGroup.has(`${e.a}/${e.value.split('/')[0]}`),
      );
      const sha256 = group.map((g) => g.split('/')[1]!).sort()[0]!;
      const best = new Map<string, { ad: string; sha256: string; distance: number }>();
      for (const key of group) {
        const [ad, sha] = key.split('/') as [string, string];
        let distance = sha === sha256 ? 0 : Infinity;
        for (const e of photoEdges) {
          const [pa, pb] = e.value.split('/') as [string, string];
          if ((e.a === ad && pa === sha) || (e.b === ad && pb === sha))
            distance = Math.min(distance, e.distance ?? 0);
        }
        const current = best.get(ad);
        if (!current || distance < current.distance)
          best.set(ad, { ad, sha256: sha, distance: Number.isFinite(distance) ? distance : 0 });
      }
      photos.push({
        sha256,
        copies: [...best.values()].sort((x, y) => (x.ad < y.ad ? -1 : 1)),
        hub,
      });
    }
  }

  // Movement: distinct ads per week and municipality / police unit.
  const weeks = new Map<
    string,
    { muni: Map<string, Set<string>>; unit: Map<string, Set<string>> }
  >();
  const municipalities = new Set<string>();
  const units = new Set<string>();
  for (const id of net.members)
    for (const p of places.get(id) ?? []) {
      let w = weeks.get(p.week);
      if (!w) weeks.set(p.week, (w = { muni: new Map(), unit: new Map() }));
      if (!w.muni.has(p.municipality)) w.muni.set(p.municipality, new Set());
      w.muni.get(p.municipality)!.add(id);
      if (!w.unit.has(p.policeUnit)) w.unit.set(p.policeUnit, new Set());
      w.unit.get(p.policeUnit)!.add(id);
      municipalities.add(p.municipality);
      units.add(p.policeUnit);
    }
  const movement: MovementWeek[] = [...weeks]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([week, w]) => ({
      week,
      start: weekStart(week),
      municipalities: [...w.muni]
        .map(([code, set]) => ({ code, name: names.municipality(code), ads: set.size }))
        .sort((x, y) => y.ads - x.ads || (x.code < y.code ? -1 : 1)),
      policeUnits: [...w.unit]
        .map(([code, set]) => ({ code, name: names.policeUnit(code), ads: set.size }))
        .sort((x, y) => y.ads - x.ads || (x.code < y.code ? -1 : 1)),
    }));

  const phoneList = counted(members.map((a) => a.phones));
  const nameList = counted(members.map((a) => a.names));
  return {
    id: net.id,
    ads: members.length,
    policeUnits: [...units].sort(),
    municipalities: municipalities.size,
    phones: phoneList.length,
    names: nameList.length,
    firstSeen: members.reduce((m, a) => (a.firstSeen < m ? a.firstSeen : m), members[0]!.firstSeen),
    lastSeen: members.reduce((m, a) => (a.lastSeen > m ? a.lastSeen : m), members[0]!.lastSeen),
    evidence,
    hubCorroborated: edges.some((e) => e.role === 'corroborated'),
    edges,
    detail: { phoneList, nameList, templates, photos, movement, mergedFrom: net.mergedFrom },
  };
}
