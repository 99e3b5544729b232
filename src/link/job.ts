import { randomUUID } from 'node:crypto';
import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { Extraction } from '../intake/ads/types.js';
import { unitName } from '../model/units.js';
import type { LinkCaptureRow, NetworkWrite } from '../store/networks.js';
import { SOFTWARE } from '../version.js';
import { LinkAdCollector } from './link-ads.js';
import { linkAds } from './link.js';
import { describeNetwork, type PlaceNames } from './network-view.js';
import type { Network } from './resolve.js';
import type { LinkAd } from './types.js';

/**
 * `schakel link`: reads every capture from the store, links the ads (src/link/link.ts) and writes
 * the networks with their evidence, members, police units and the analyst's view (templates,
 * shared photos, movement). The adapter between the store and the pure linking code.
 *
 * A run is recorded (link_runs) with the last capture it read and audited. Re-running is safe:
 * network ids follow from membership, so the same data gives the same networks.
 */

export interface LinkRunStats {
  runId: string;
  mode: 'full';
  captures: number;
  ads: number;
  edges: Record<'phone' | 'handle' | 'template' | 'photo', number>;
  networks: number;
  adsInNetworks: number;
  /** Network ids of the previous run that are gone (merged or split). */
  vanished: number;
  seconds: number;
}

export interface LinkRunOptions {
  geo: Gazetteer;
  /** Called as the run advances (phase, done, total). */
  onProgress?: (phase: 'read' | 'link' | 'write', done: number, total: number) => void;
}

interface RawCapture {
  title?: unknown;
  text?: unknown;
  name?: unknown;
}

/** Folds stored captures (with their photos) into the collector. */
export async function collectCaptures(
  ctx: Context,
  rows: readonly LinkCaptureRow[],
  collector: LinkAdCollector,
): Promise<void> {
  const images = await ctx.store.ads.captureImages(rows.map((r) => r.seq));
  const photosOf = new Map<number, { sha256: string; phash: string }[]>();
  for (const im of images) {
    if (!im.sha256 || !im.phash) continue;
    const list = photosOf.get(im.capture_seq) ?? [];
    list.push({ sha256: im.sha256, phash: im.phash });
    photosOf.set(im.capture_seq, list);
  }
  for (const r of rows) {
    const raw = JSON.parse(r.raw) as RawCapture;
    const x = JSON.parse(r.extracted) as Extraction;
    const place = x.place.status === 'resolved' ? x.place : null;
    collector.add({
      ad: r.ad_id,
      capturedAt: r.captured_at,
      title: typeof raw.title === 'string' ? raw.title : null,
      text: typeof raw.text === 'string' ? raw.text : '',
      name: typeof raw.name === 'string' ? raw.name : null,
      phones: x.phones.map((p) => p.e164),
      handles: x.contacts.map((c) => `${c.kind}:${c.value}`),
      photos: photosOf.get(r.seq) ?? [],
      municipality: place?.municipalityCode ?? null,
      policeUnit: place?.policeUnit ?? null,
    });
  }
}

export function placeNames(geo: Gazetteer): PlaceNames {
  return {
    municipality: (code) => geo.byCode.get(code)?.name ?? code,
    policeUnit: (code) => unitName(code) ?? code,
  };
}

/** A resolved network as rows to write. */
export function networkWrite(
  net: Network,
  ads: ReadonlyMap<string, LinkAd>,
  collector: LinkAdCollector,
  seqOf: ReadonlyMap<string, number>,
  names: PlaceNames,
  runId: string,
  linkedAt: string,
): NetworkWrite {
  const d = describeNetwork(net, ads, collector.places(net.members), names);
  return {
    row: {
      id: d.id,
      ads: d.ads,
      police_units: JSON.stringify(d.policeUnits),
      unit_count: d.policeUnits.length,
      municipalities: d.municipalities,
      phones: d.phones,
      names: d.names,
      first_seen: d.firstSeen,
      last_seen: d.lastSeen,
      evidence: JSON.stringify(d.evidence),
      hub_corroborated: d.hubCorroborated ? 1 : 0,
      detail: JSON.stringify({ ...d.detail, linkedAt }),
      link_run_id: runId,
    },
    units: d.policeUnits,
    members: net.members.map((id) => seqOf.get(id)!),
    edges: d.edges.map((e) => ({
      a_seq: seqOf.get(e.a)!,
      b_seq: seqOf.get(e.b)!,
      type: e.type,
      value: e.value,
      weight: e.weight,
      similarity: e.similarity ?? null,
      distance: e.distance ?? null,
      hub: e.hub === true ? 1 : 0,
      role: e.role,
    })),
  };
}

export async function runLinking(
  ctx: Context,
  actor: Actor,
  opts: LinkRunOptions,
): Promise<LinkRunStats> {
  requirePermission(actor, 'ads.import');
  const started = Date.now();
  const { store } = ctx;
  const runId = randomUUID();
  const upTo = await store.networks.maxCaptureSeq();
  await store.networks.startRun({
    id: runId,
    mode: 'full',
    started_at: ctx.now().toISOString(),
    finished_at: null,
    actor_id: actor.id,
    actor_name: actor.name,
    software: SOFTWARE,
    status: 'running',
    max_capture_seq: upTo,
    stats: '{}',
  });
  try {
    const collector = new LinkAdCollector();
    const seqOf = new Map<string, number>();
    let captures = 0;
    for await (const page of store.networks.captures(0, upTo)) {
      await collectCaptures(ctx, page, collector);
      for (const r of page) seqOf.set(r.ad_id, r.ad_seq);
      captures += page.length;
      opts.onProgress?.('read', captures, upTo);
    }
    const ads = collector.ads();
    opts.onProgress?.('link', 0, ads.length);
    const result = linkAds(ads);
    opts.onProgress?.('link', ads.length, ads.length);

    const byId = new Map(ads.map((a) => [a.id, a]));
    const names = placeNames(opts.geo);
    const linkedAt = ctx.now().toISOString();
    const before = await store.networks.ids();
    const networks = result.resolution.networks;
    const now = new Set(networks.map((n) => n.id));
    // Ids of the previous run that are gone lead to the network their ad is in now.
    const mergedInto = new Map<string, string[]>();
    let vanished = 0;
    for (const id of before) {
      if (now.has(id)) continue;
      vanished++;
      const into = result.resolution.networkOf.get(id.slice(4));
      if (into && now.has(into)) mergedInto.set(into, [...(mergedInto.get(into) ?? []), id]);
    }
    const writes = networks.map((net) =>
      networkWrite(
        { ...net, mergedFrom: [...net.mergedFrom, ...(mergedInto.get(net.id) ?? [])].sort() },
        byId,
        collector,
        seqOf,
        names,
        runId,
        linkedAt,
      ),
    );
    opts.onProgress?.('write', 0, writes.length);
    await store.transaction(async (tx) => {
      await tx.networks.clear();
      for (let i = 0; i < writes.length; i += 1000) {
        await tx.networks.replace([], writes.slice(i, i + 1000));
        opts.onProgress?.('write', Math.min(i + 1000, writes.length), writes.length);
      }
    });

    const stats: LinkRunStats = {
      runId,
      mode: 'full',
      captures,
      ads: ads.length,
      edges: result.counts,
      networks: networks.length,
      adsInNetworks: networks.reduce((n, net) => n + net.members.length, 0),
      vanished,
      seconds: (Date.now() - started) / 1000,
    };
    await store.networks.finishRun(runId, 'done', stats, ctx.now().toISOString());
    await audit(store, ctx.now(), actor, {
      action: 'link.run',
      targetType: 'link_run',
      targetId: runId,
      detail: { mode: stats.mode, ads: stats.ads, networks: stats.networks, edges: stats.edges },
    });
    return stats;
  } catch (err) {
    await store.networks.finishRun(
      runId,
      'failed',
      { error: err instanceof Error ? err.message : String(err) },
      ctx.now().toISOString(),
    );
    throw err;
  }
}
