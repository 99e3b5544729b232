import { addTo } from '../util/multimap.js';
import { randomUUID } from 'node:crypto';
import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import { loadCentroids, type Centroids } from '../geo/centroids.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import { networkIndicators } from '../assess/indicators/network.js';
import type { Extraction } from '../intake/ads/types.js';
import { unitName } from '../model/units.js';
import type { LinkCaptureRow, NetworkWrite } from '../store/networks.js';
import { SOFTWARE } from '../version.js';
import { LinkAdCollector } from './link-ads.js';
import { LinkIndex } from './link-index.js';
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
  mode: 'full' | 'incremental';
  captures: number;
  ads: number;
  /** Full: every evidence edge by type. Incremental: the edges added (and `withdrawn`). */
  edges: Record<'phone' | 'handle' | 'template' | 'photo', number>;
  withdrawn?: Record<'phone' | 'handle' | 'template' | 'photo', number>;
  networks: number;
  adsInNetworks: number;
  /** Network ids of the previous run that are gone (merged or split). */
  vanished: number;
  /** Incremental: ads attached or changed, and networks rewritten. */
  attached?: number;
  rewritten?: number;
  seconds: number;
}

export interface LinkRunOptions {
  geo: Gazetteer;
  /**
   * Attach only the captures that arrived since the last run, through the indexes, and rewrite
   * only the networks they change. The index lives in this process (the server keeps it between
   * imports); the first incremental run in a process builds it from the captures linked before.
   */
  incremental?: boolean;
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

/** What writing a network needs besides the network: names, places, and which run. */
export interface WriteContext {
  names: PlaceNames;
  centroids: Centroids;
  runId: string;
  linkedAt: string;
}

export function writeContext(geo: Gazetteer, runId: string, linkedAt: string): WriteContext {
  return { names: placeNames(geo), centroids: loadCentroids(), runId, linkedAt };
}

/**
 * A resolved network as rows to write, with its network-level indicators of exploitation
 * (src/assess/indicators/network.ts): only linking holds every ad's places per week at hand.
 */
export function networkWrite(
  net: Network,
  ads: ReadonlyMap<string, LinkAd>,
  collector: LinkAdCollector,
  seqOf: ReadonlyMap<string, number>,
  w: WriteContext,
): NetworkWrite {
  const places = collector.places(net.members);
  const d = describeNetwork(net, ads, places, w.names);
  const indicators = networkIndicators(
    { ads: net.members.map((id) => ads.get(id)!), places, evidence: net.evidence },
    { centroids: w.centroids, municipalityName: w.names.municipality },
  );
  const { runId, linkedAt } = w;
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
      detail: JSON.stringify({ ...d.detail, indicators, linkedAt }),
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

/** What an incremental run keeps between runs in one process, per database. */
interface Live {
  index: LinkIndex;
  collector: LinkAdCollector;
  seqOf: Map<string, number>;
  /** Captures up to this sequence number are in the index. */
  upTo: number;
}
const LIVE = new Map<string, Live>();

async function readInto(
  ctx: Context,
  live: Pick<Live, 'collector' | 'seqOf'>,
  after: number,
  upTo: number,
  onPage?: (rows: number) => void,
): Promise<Set<string>> {
  const touched = new Set<string>();
  for await (const page of ctx.store.networks.captures(after, upTo)) {
    await collectCaptures(ctx, page, live.collector);
    for (const r of page) {
      live.seqOf.set(r.ad_id, r.ad_seq);
      touched.add(r.ad_id);
    }
    onPage?.(page.length);
  }
  return touched;
}

/** Runs per database, one after the other: two imports finishing together must not interleave. */
const QUEUE = new Map<string, Promise<unknown>>();

export async function runLinking(
  ctx: Context,
  actor: Actor,
  opts: LinkRunOptions,
): Promise<LinkRunStats> {
  requirePermission(actor, 'ads.import');
  const location = ctx.store.location;
  const run = (QUEUE.get(location) ?? Promise.resolve()).then(() => linkOnce(ctx, actor, opts));
  QUEUE.set(
    location,
    run.catch(() => undefined),
  );
  return run;
}

async function linkOnce(ctx: Context, actor: Actor, opts: LinkRunOptions): Promise<LinkRunStats> {
  const started = Date.now();
  const { store } = ctx;
  const runId = randomUUID();
  const upTo = await store.networks.maxCaptureSeq();
  const last = opts.incremental ? await store.networks.lastRun() : undefined;
  const mode = last ? 'incremental' : 'full';
  await store.networks.startRun({
    id: runId,
    mode,
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
    const stats =
      mode === 'full'
        ? await fullRun(ctx, opts, runId, upTo)
        : await incrementalRun(ctx, opts, runId, Number(last!.max_capture_seq), upTo);
    stats.seconds = (Date.now() - started) / 1000;
    await store.networks.finishRun(runId, 'done', stats, ctx.now().toISOString());
    await audit(store, ctx.now(), actor, {
      action: 'link.run',
      targetType: 'link_run',
      targetId: runId,
      detail: { mode, ads: stats.ads, networks: stats.networks, edges: stats.edges },
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

/** Ids that are gone lead to the network their ad is in now: listed there as merged from. */
function mergedInto(
  gone: Iterable<string>,
  now: ReadonlySet<string>,
  networkOf: (ad: string) => string | undefined,
): Map<string, string[]> {
  const into = new Map<string, string[]>();
  for (const id of gone) {
    if (now.has(id)) continue;
    const target = networkOf(id.slice(4));
    if (target && now.has(target)) addTo(into, target, id);
  }
  return into;
}

async function fullRun(
  ctx: Context,
  opts: LinkRunOptions,
  runId: string,
  upTo: number,
): Promise<LinkRunStats> {
  const { store } = ctx;
  const live = { collector: new LinkAdCollector(), seqOf: new Map<string, number>() };
  let captures = 0;
  await readInto(ctx, live, 0, upTo, (n) => {
    // Counted apart from the callback: `onProgress?.(…)` skips its arguments when absent.
    captures += n;
    opts.onProgress?.('read', captures, upTo);
  });
  const ads = live.collector.ads();
  opts.onProgress?.('link', 0, ads.length);
  const result = linkAds(ads);
  opts.onProgress?.('link', ads.length, ads.length);

  const byId = new Map(ads.map((a) => [a.id, a]));
  const w = writeContext(opts.geo, runId, ctx.now().toISOString());
  const before = await store.networks.ids();
  const networks = result.resolution.networks;
  const now = new Set(networks.map((n) => n.id));
  const merged = mergedInto(before, now, (ad) => result.resolution.networkOf.get(ad));
  const writes = networks.map((net) =>
    networkWrite(
      { ...net, mergedFrom: [...net.mergedFrom, ...(merged.get(net.id) ?? [])].sort() },
      byId,
      live.collector,
      live.seqOf,
      w,
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
  return {
    runId,
    mode: 'full',
    captures,
    ads: ads.length,
    edges: result.counts,
    networks: networks.length,
    adsInNetworks: networks.reduce((n, net) => n + net.members.length, 0),
    vanished: [...before].filter((id) => !now.has(id)).length,
    seconds: 0,
  };
}

async function incrementalRun(
  ctx: Context,
  opts: LinkRunOptions,
  runId: string,
  from: number,
  upTo: number,
): Promise<LinkRunStats> {
  const { store } = ctx;
  let live = LIVE.get(store.location);
  if (!live || live.upTo !== from) {
    // First incremental run in this process (or the database moved on without us): build the
    // index from what the last run linked.
    live = {
      index: new LinkIndex(),
      collector: new LinkAdCollector(),
      seqOf: new Map(),
      upTo: from,
    };
    let read = 0;
    await readInto(ctx, live, 0, from, (n) => {
      read += n;
      opts.onProgress?.('read', read, from);
    });
    live.index.upsert(live.collector.ads());
    LIVE.set(store.location, live);
  }
  let captures = 0;
  const changedAds = await readInto(ctx, live, from, upTo, (n) => (captures += n));
  opts.onProgress?.('link', 0, changedAds.size);
  const change = live.index.upsert(live.collector.ads(changedAds));
  live.upTo = upTo;
  opts.onProgress?.('link', changedAds.size, changedAds.size);

  // Networks to rewrite: those the touched ads were in, and those they are in now.
  const touchedSeqs = [...change.touched].map((id) => live.seqOf.get(id)!);
  const before = new Set((await store.networks.networkOf(touchedSeqs)).values());
  const after = new Map<string, Network>();
  for (const id of change.touched) {
    const net = live.index.networkAt(id);
    if (net && net.members.length >= 2 && !after.has(net.id)) after.set(net.id, net);
  }
  const now = new Set(after.keys());
  const merged = mergedInto(before, now, (ad) => live.index.networkOf(ad));
  const w = writeContext(opts.geo, runId, ctx.now().toISOString());
  const writes = [...after.values()].map((net) => {
    const members = new Map(net.members.map((id) => [id, live.index.ad(id)!]));
    return networkWrite(
      { ...net, mergedFrom: (merged.get(net.id) ?? []).sort() },
      members,
      live.collector,
      live.seqOf,
      w,
    );
  });
  opts.onProgress?.('write', 0, writes.length);
  await store.transaction((tx) => tx.networks.replace(before, writes));
  opts.onProgress?.('write', writes.length, writes.length);
  const counts = await store.networks.counts();
  return {
    runId,
    mode: 'incremental',
    captures,
    ads: live.index.size,
    edges: change.added,
    withdrawn: change.removed,
    networks: counts.networks,
    adsInNetworks: counts.members,
    vanished: [...before].filter((id) => !now.has(id)).length,
    attached: changedAds.size,
    rewritten: writes.length,
    seconds: 0,
  };
}
