import { addTo } from '../../util/multimap.js';
import { distanceKm, type Centroids } from '../../geo/centroids.js';
import type { AdPlaceWeek } from '../../link/link-ads.js';
import type { Evidence, LinkAd } from '../../link/types.js';
import type { IndicatorDefinition, IndicatorEvidence, IndicatorHit } from './types.js';

/**
 * Network-level indicators: what only a group of linked ads can show — one number behind many
 * names, one photo under several names, a weekly rotation through the country, the same number in
 * distant cities in one week, one text template filled in for many women. Pure.
 */

const SIGNALS = {
  kind: 'signal-list',
  citation: 'CoMensha / EMM signalenlijst mensenhandel in de seksbranche',
} as const;

export const NETWORK_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'one_number_many_names',
    level: 'network',
    name: { nl: 'Eén nummer, meerdere namen', en: 'One number, several names' },
    description: {
      nl: 'Hetzelfde telefoonnummer staat bij advertenties onder drie of meer verschillende namen: iemand anders regelt de afspraken.',
      en: 'The same phone number appears on ads under three or more different names: someone else arranges the bookings.',
    },
    detection:
      'Per number shown by the network: the distinct display names of the ads showing it; fires at three or more.',
    languages: [],
    defaultWeight: 0.5,
    source: {
      ...SIGNALS,
      finding:
        'Bookings arranged by a third party (one phone for several women) is a listed signal.',
    },
  },
  {
    code: 'photos_reused_names',
    level: 'network',
    name: { nl: "Foto's hergebruikt onder andere namen", en: 'Photos reused under other names' },
    description: {
      nl: 'Dezelfde foto (of een bijna gelijke kopie) staat bij advertenties met verschillende namen.',
      en: 'The same photo (or a near copy) appears on ads with different names.',
    },
    detection:
      'Photo evidence between two ads of the network that is not a stock-photo hub, where the two ads use different display names.',
    languages: [],
    defaultWeight: 0.8,
    source: {
      kind: 'expert-prior',
      citation: 'expert prior (analysts of ad networks)',
      finding:
        'One picture under several names suggests ads written by a third party for several women, or fake profiles.',
    },
  },
  {
    code: 'rotation',
    level: 'network',
    name: { nl: 'Rouleren tussen steden', en: 'Rotation between cities' },
    description: {
      nl: 'Dezelfde naam staat drie weken op rij elke week op een nieuwe plaats, in twee of meer politie-eenheden: iemand wordt langs een circuit van steden verplaatst.',
      en: 'The same name stands in a new place each week for three weeks running, across two or more police units: someone is moved along a circuit of cities.',
    },
    detection:
      "Per display name in the network, from its ads' places per ISO week: three consecutive weeks, each with a municipality the week before did not have, spanning at least two police units. Places of different names are not pooled.",
    languages: [],
    defaultWeight: 2.0,
    source: {
      ...SIGNALS,
      finding:
        'Frequently changing workplaces (weekly rotation between cities, as prosecutors described) is a listed signal.',
    },
  },
  {
    code: 'simultaneous_distant',
    level: 'network',
    name: { nl: 'Tegelijk op verre plaatsen', en: 'At distant places at once' },
    description: {
      nl: 'Eén nummer in dezelfde week bij advertenties in plaatsen meer dan 100 km uit elkaar.',
      en: 'One number on ads in places more than 100 km apart in the same week.',
    },
    detection:
      'Per number and ISO week: the municipalities of the ads showing it; fires when two are more than 100 km apart (municipality centroids).',
    languages: [],
    defaultWeight: 1.5,
    source: {
      kind: 'expert-prior',
      citation: 'expert prior',
      finding:
        'One person cannot work in two distant cities in the same week; a booking line for several women can.',
    },
  },
  {
    code: 'template_many_names',
    level: 'network',
    name: { nl: 'Eén tekst, veel namen', en: 'One text, many names' },
    description: {
      nl: 'Vijf of meer advertenties uit dezelfde teksttemplate met drie of meer verschillende namen.',
      en: 'Five or more ads written from one text template with three or more different names.',
    },
    detection:
      'Groups of ads joined by template evidence: fires for a group of five or more ads with three or more display names.',
    languages: [],
    defaultWeight: 1.0,
    source: {
      kind: 'expert-prior',
      citation: 'expert prior (InfoShield, ICDE 2021, on templated ad clusters)',
      finding: 'Templated ads for many women are typical of organised advertising.',
    },
  },
];

export interface NetworkInput {
  ads: readonly LinkAd[];
  /** Where each ad was per week. */
  places: ReadonlyMap<string, readonly AdPlaceWeek[]>;
  /** The network's evidence edges. */
  evidence: readonly Evidence[];
}

export interface NetworkContext {
  centroids: Centroids;
  /** Municipality code → name, for evidence in words. */
  municipalityName: (code: string) => string;
}

function weekIndex(week: string): number {
  const [y, w] = week.split('-W').map(Number) as [number, number];
  return y * 53 + w;
}

export function networkIndicators(
  n: NetworkInput,
  ctx: NetworkContext,
  disabled: ReadonlySet<string> = new Set(),
): IndicatorHit[] {
  const hits: IndicatorHit[] = [];
  const on = (code: string) => !disabled.has(code);
  const byId = new Map(n.ads.map((a) => [a.id, a]));
  const nameOf = (id: string) => byId.get(id)?.names[0] ?? null;

  if (on('one_number_many_names')) {
    const names = new Map<string, Map<string, string[]>>();
    for (const ad of n.ads)
      for (const phone of ad.phones) {
        const m = names.get(phone) ?? new Map<string, string[]>();
        for (const name of ad.names) addTo(m, name, ad.id);
        names.set(phone, m);
      }
    const evidence = [...names]
      .filter(([, m]) => m.size >= 3)
      .map(([phone, m]) => ({
        detail: `${phone} is used under ${m.size} names: ${[...m.keys()].sort().join(', ')}`,
        fact: { key: 'one_number_many_names' as const, phone, names: [...m.keys()].sort() },
        ads: [...new Set([...m.values()].flat())].sort(),
      }));
    if (evidence.length > 0) hits.push({ code: 'one_number_many_names', evidence });
  }

  if (on('photos_reused_names')) {
    const evidence = n.evidence
      .filter((e) => e.type === 'photo' && e.hub !== true)
      .filter((e) => {
        const [x, y] = [nameOf(e.a), nameOf(e.b)];
        return x !== null && y !== null && x.toLowerCase() !== y.toLowerCase();
      })
      .slice(0, 10)
      .map((e) => ({
        detail: `the same photo (distance ${e.distance ?? 0}) under "${nameOf(e.a)}" and "${nameOf(e.b)}"`,
        fact: {
          key: 'photos_reused_names' as const,
          distance: e.distance ?? 0,
          a: nameOf(e.a) ?? '',
          b: nameOf(e.b) ?? '',
        },
        ads: [e.a, e.b],
      }));
    if (evidence.length > 0) hits.push({ code: 'photos_reused_names', evidence });
  }

  if (on('rotation')) {
    // A circuit is one woman moved on week after week: the same name in the network stands in a
    // new municipality in three consecutive weeks, across at least two police units. Different
    // names scattered over the country in the same weeks (a fraudster's fake profiles, a booking
    // line for several women) are not a rotation, so places are followed per name, not pooled.
    type Week = { week: string; munis: Set<string>; units: Set<string>; ads: Set<string> };
    const byName = new Map<string, { name: string; weeks: Map<number, Week> }>();
    for (const ad of n.ads) {
      const name = ad.names[0] ?? null;
      const key = name === null ? `ad:${ad.id}` : `name:${name.toLowerCase()}`;
      const person = byName.get(key) ?? { name: name ?? ad.id, weeks: new Map<number, Week>() };
      byName.set(key, person);
      for (const p of n.places.get(ad.id) ?? []) {
        const k = weekIndex(p.week);
        const w = person.weeks.get(k) ?? {
          week: p.week,
          munis: new Set<string>(),
          units: new Set<string>(),
          ads: new Set<string>(),
        };
        w.munis.add(p.municipality);
        w.units.add(p.policeUnit);
        w.ads.add(ad.id);
        person.weeks.set(k, w);
      }
    }
    const moved = (a: Week, b: Week) => [...b.munis].some((m) => !a.munis.has(m));
    const evidence: IndicatorEvidence[] = [];
    for (const { name, weeks } of [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1)))
      for (const k of [...weeks.keys()].sort((a, b) => a - b)) {
        const [w1, w2, w3] = [weeks.get(k), weeks.get(k + 1), weeks.get(k + 2)];
        if (!w1 || !w2 || !w3) continue;
        const units = new Set([...w1.units, ...w2.units, ...w3.units]);
        if (!moved(w1, w2) || !moved(w2, w3) || units.size < 2) continue;
        const munis = new Set([...w1.munis, ...w2.munis, ...w3.munis]);
        evidence.push({
          detail: `${name}, ${w1.week}–${w3.week}: a new place each week: ${[w1, w2, w3]
            .map((w) => [...w.munis].map(ctx.municipalityName).sort().join('/'))
            .join(' → ')} (${munis.size} municipalities, ${units.size} police units)`,
          ads: [...new Set([...w1.ads, ...w2.ads, ...w3.ads])].sort(),
          fact: {
            key: 'rotation',
            name,
            from: w1.week,
            to: w3.week,
            places: [w1, w2, w3].map((w) =>
              [...w.munis].map(ctx.municipalityName).sort().join('/'),
            ),
            municipalities: munis.size,
            units: units.size,
          },
        });
        break;
      }
    if (evidence.length > 0) hits.push({ code: 'rotation', evidence: evidence.slice(0, 10) });
  }

  if (on('simultaneous_distant')) {
    // Per number and week: the municipalities of the ads showing it.
    const at = new Map<string, Map<string, string[]>>();
    for (const ad of n.ads)
      for (const p of n.places.get(ad.id) ?? [])
        for (const phone of ad.phones) {
          const k = `${phone}|${p.week}`;
          const m = at.get(k) ?? new Map<string, string[]>();
          addTo(m, p.municipality, ad.id);
          at.set(k, m);
        }
    let found: IndicatorHit | null = null;
    for (const [k, m] of at) {
      const codes = [...m.keys()];
      for (let i = 0; i < codes.length && !found; i++)
        for (let j = i + 1; j < codes.length && !found; j++) {
          const a = ctx.centroids.get(codes[i]!);
          const b = ctx.centroids.get(codes[j]!);
          if (!a || !b) continue;
          const km = distanceKm(a, b);
          if (km > 100) {
            const [phone, week] = k.split('|') as [string, string];
            found = {
              code: 'simultaneous_distant',
              evidence: [
                {
                  detail: `${phone} in ${week}: ${ctx.municipalityName(codes[i]!)} and ${ctx.municipalityName(codes[j]!)}, ${Math.round(km)} km apart`,
                  fact: {
                    key: 'simultaneous_distant',
                    phone,
                    week,
                    a: ctx.municipalityName(codes[i]!),
                    b: ctx.municipalityName(codes[j]!),
                    km: Math.round(km),
                  },
                  ads: [...new Set([...m.get(codes[i]!)!, ...m.get(codes[j]!)!])].sort(),
                },
              ],
            };
          }
        }
      if (found) break;
    }
    if (found) hits.push(found);
  }

  if (on('template_many_names')) {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      while (parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (const e of n.evidence)
      if (e.type === 'template' && e.hub !== true) {
        if (!parent.has(e.a)) parent.set(e.a, e.a);
        if (!parent.has(e.b)) parent.set(e.b, e.b);
        parent.set(find(e.a), find(e.b));
      }
    const groups = new Map<string, string[]>();
    for (const id of parent.keys()) addTo(groups, find(id), id);
    const evidence = [...groups.values()]
      .map((ids) => ({ ids, names: new Set(ids.flatMap((id) => byId.get(id)?.names ?? [])) }))
      .filter((g) => g.ids.length >= 5 && g.names.size >= 3)
      .map((g) => ({
        detail: `${g.ids.length} ads from one template under ${g.names.size} names: ${[...g.names].sort().slice(0, 8).join(', ')}`,
        fact: {
          key: 'template_many_names' as const,
          ads: g.ids.length,
          names: [...g.names].sort(),
        },
        ads: g.ids.sort(),
      }));
    if (evidence.length > 0) hits.push({ code: 'template_many_names', evidence });
  }
  return hits;
}
