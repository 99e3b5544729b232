import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { loadGazetteer } from '../geo/gazetteer.js';
import { renderAd } from './ads.js';
import { deviceContent } from './devices/content.js';
import { countsOf, type DeviceExtraction, type DeviceWriter } from './devices/model.js';
import { ORIGINAL, randomVariation, renderPhoto } from './images.js';
import { activeInActionWeek, actionDays, type Candidate } from './operations.js';
import {
  CONFOUNDERS,
  INDICATOR_RATES,
  KIND_MIX,
  SIZES,
  SOURCES,
  type AdvertiserKind,
  type SizeName,
} from './params.js';
import { PlacePicker } from './places.js';
import { Random } from './random.js';
import { makeAdvertiser, type Advertiser, type WorldContext } from './world.js';

/**
 * Writes one synthetic world into a folder: ads (JSONL captures with JPEG photos), seized-device
 * extractions, the action days' operations, and truth.json. Same seed, same bytes. Streams: memory
 * holds the networks (for devices and operations), never the ads.
 */

export interface GenerateOptions {
  seed: number;
  /** A preset, or … */
  size?: SizeName;
  /** … exactly this many captures (advertisers drawn by the usual mix until it is reached). */
  captures?: number;
  out: string;
  images?: boolean;
  /** How many seized phones to write (default: the preset's). */
  devices?: number;
  geoDir?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  seed: number;
  size: string;
  advertisers: Record<AdvertiserKind, number>;
  ads: number;
  captures: number;
  images: number;
  devices: number;
  assignments: number;
  controls: number;
  files: string[];
}

export const GENERATOR_VERSION = 1;

/** Appends lines to a file, honouring back-pressure. */
class Lines {
  private readonly stream: WriteStream;
  count = 0;
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path);
  }
  async write(line: string): Promise<void> {
    this.count++;
    if (!this.stream.write(`${line}\n`)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
  }
}

/** Keeps a few photo renderings in flight: libvips uses both cores while JS draws the next. */
class PhotoWriter {
  private pending = new Set<Promise<void>>();
  written = 0;
  constructor(private readonly dir: string) {}
  async add(file: string, photoId: string, variationSeed: string | null): Promise<void> {
    const path = join(this.dir, file);
    const task = (async () => {
      const jpeg = await renderPhoto(
        photoId,
        variationSeed === null ? ORIGINAL : randomVariation(new Random(variationSeed)),
      );
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, jpeg);
    })();
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
    this.written++;
    if (this.pending.size >= 16) await Promise.race(this.pending);
  }
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }
}

/** Replaces a previous world in `out`, and refuses to delete a folder that holds anything else. */
function clearOutput(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, 'truth.json'))) {
    throw new Error(
      `refusing to replace ${out}: it is not empty and holds no synthetic world (no truth.json)`,
    );
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}

function kindsFor(size: SizeName, rng: Random): AdvertiserKind[] {
  const s = SIZES[size];
  const kinds: AdvertiserKind[] = [
    ...Array<AdvertiserKind>(s.networks).fill('network'),
    ...Array<AdvertiserKind>(s.independents).fill('independent'),
    ...Array<AdvertiserKind>(s.agencies).fill('agency'),
    ...Array<AdvertiserKind>(s.scams).fill('scam'),
  ];
  return rng.shuffle(kinds);
}

/** The writer per extraction format, loaded only when devices are written. */
async function writerFor(format: DeviceExtraction['format']): Promise<DeviceWriter> {
  if (format === 'android-fs') return (await import('./devices/android.js')).writeAndroid;
  if (format === 'ios-fs') return (await import('./devices/ios.js')).writeIos;
  return (await import('./devices/ufdr.js')).writeUfdr;
}

export async function generateWorld(opts: GenerateOptions): Promise<GenerateSummary> {
  if (!opts.size && !opts.captures)
    throw new Error('say how big: a size preset or a number of captures');
  const root = new Random(opts.seed);
  const geo = loadGazetteer(opts.geoDir);
  const places = new PlacePicker(geo);
  clearOutput(opts.out);
  const adsDir = join(opts.out, 'ads');
  const tmp = join(opts.out, '.truth-parts');
  mkdirSync(tmp, { recursive: true });

  const sourceRng = root.fork('sources');
  const nextId = new Map<string, number>(
    SOURCES.map((s) => [s.name, 100_000 + sourceRng.int(0, 899_999)]),
  );
  const ctx: WorldContext = {
    places,
    nextSourceId: (source) => {
      const id = nextId.get(source)!;
      nextId.set(source, id + sourceRng.int(1, 7));
      return String(id);
    },
    pickSource: (rng) => rng.weighted(SOURCES.map((s) => [s.name, s.weight] as const)),
    stockPhotoPool: CONFOUNDERS.stockPhotoPool,
    stockPhotoRate: CONFOUNDERS.stockPhoto,
  };

  const jsonl = new Map<string, Lines>(
    SOURCES.map((s) => [s.name, new Lines(join(adsDir, `${s.name}.jsonl`))]),
  );
  const truthAds = new Lines(join(tmp, 'ads'));
  const truthAdvertisers = new Lines(join(tmp, 'advertisers'));
  const photos = opts.images === false ? null : new PhotoWriter(adsDir);
  const networks: Advertiser[] = [];
  const others: Candidate[] = [];
  const counts: Record<AdvertiserKind, number> = { network: 0, independent: 0, agency: 0, scam: 0 };
  let captures = 0;
  let ads = 0;

  const presetKinds = opts.size && !opts.captures ? kindsFor(opts.size, root.fork('kinds')) : null;
  const mixRng = root.fork('mix');
  const target = opts.captures ?? 0;
  const total = presetKinds ? presetKinds.length : target;
  for (let i = 0; presetKinds ? i < presetKinds.length : captures < target; i++) {
    const kind = presetKinds ? presetKinds[i]! : mixRng.weighted(KIND_MIX);
    const rng = root.fork(`advertiser:${i}`);
    const adv = makeAdvertiser(i + 1, kind, rng, ctx);
    counts[kind]++;
    if (kind === 'network') networks.push(adv);
    const persons = new Map(adv.persons.map((p) => [p.id, p]));
    for (const plan of adv.ads) {
      if (presetKinds === null && captures >= target) break;
      const rendered = renderAd(
        adv,
        plan,
        persons.get(plan.personId)!,
        places,
        rng.fork(`ad:${plan.sourceId}`),
      );
      // Sized by captures: the last ad may lose its last captures so the total is exact.
      const kept = presetKinds ? rendered.captures : rendered.captures.slice(0, target - captures);
      for (const { capture } of kept) await jsonl.get(plan.source)!.write(JSON.stringify(capture));
      captures += kept.length;
      ads++;
      if (photos) {
        for (const im of rendered.images) {
          await photos.add(
            im.file,
            im.photoId.replace(/^stock:/, 'stock-'),
            im.photoId.startsWith('stock:') ? null : im.file,
          );
        }
      }
      await truthAds.write(
        JSON.stringify({
          source: plan.source,
          sourceId: plan.sourceId,
          advertiserId: adv.id,
          personId: plan.personId,
          kind,
          exploitative: adv.exploitative,
          phone: plan.phone.e164,
          images: rendered.images.map((im) => ({ file: im.file, photoId: im.photoId })),
          captures: kept.map((c) => c.truth),
        }),
      );
      const municipality =
        kind !== 'network' && others.length < 400 ? activeInActionWeek(plan) : undefined;
      if (municipality) others.push({ advertiser: adv, ad: plan, municipality });
    }
    await truthAdvertisers.write(
      JSON.stringify({
        id: adv.id,
        kind,
        exploitative: adv.exploitative,
        phones: adv.phones,
        circuit: adv.circuit.map((m) => m.code),
        persons: adv.persons.map((p) => ({
          id: p.id,
          role: p.role,
          nationality: p.nationality,
          birthYear: p.birthYear,
          route: p.route,
          exploited: p.exploited,
          ownPhone: p.ownPhone,
        })),
      }),
    );
    opts.onProgress?.(presetKinds ? i + 1 : captures, total);
  }
  for (const lines of jsonl.values()) await lines.close();
  await truthAds.close();
  await truthAdvertisers.close();
  await photos?.flush();

  // The action days: mostly ads of networks (they looked suspicious), some of others.
  const opsRng = root.fork('operations');
  const size = opts.size ?? 'large';
  const deviceCount = opts.devices ?? SIZES[size].devices;
  const networkCandidates: Candidate[] = [];
  for (const adv of networks) {
    for (const ad of adv.ads) {
      const municipality = activeInActionWeek(ad);
      if (municipality) networkCandidates.push({ advertiser: adv, ad, municipality });
    }
  }
  const wanted = SIZES[size].assignments;
  const fromNetworks = Math.round(wanted * 0.7);
  const candidates = [
    ...opsRng.sample(networkCandidates, fromNetworks),
    ...opsRng.sample(others, wanted - Math.min(fromNetworks, networkCandidates.length)),
  ];
  const ops = actionDays(opsRng.shuffle(candidates), opsRng, { next: 1 });
  const opsDir = join(opts.out, 'operations');
  mkdirSync(opsDir, { recursive: true });
  const writeJsonl = (name: string, rows: unknown[]) =>
    writeFileSync(join(opsDir, name), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  writeJsonl('operations.jsonl', [ops.operation]);
  writeJsonl('assignments.jsonl', ops.assignments);
  writeJsonl('controls.jsonl', ops.controls);
  writeJsonl('seizures.jsonl', ops.seizures);

  // The seized phones that were examined: the first ones, each in the format its lab produced.
  const devRng = root.fork('devices');
  const advertisersById = new Map(networks.map((a) => [a.id, a]));
  const formats: DeviceExtraction['format'][] = ['android-fs', 'ios-fs', 'ufdr'];
  const devices: {
    extraction: DeviceExtraction;
    files: string[];
    advertiserId: string;
    ownerRole: string;
  }[] = [];
  for (const [i, seized] of ops.truth.seizedPhones.slice(0, deviceCount).entries()) {
    const adv = advertisersById.get(seized.advertiserId)!;
    const owner = adv.persons.find((p) => p.id === seized.personId)!;
    const format = formats[i % formats.length]!;
    const platform = format === 'ios-fs' || (format === 'ufdr' && i % 2 === 0) ? 'ios' : 'android';
    const id = `dev-${String(i + 1).padStart(3, '0')}`;
    const extraction = deviceContent(
      adv,
      owner,
      {
        id,
        evidenceNumber: seized.evidenceNumber,
        platform,
        format,
        whatsappSchema: platform === 'android' && i % 3 === 2 ? 'legacy' : 'current',
        extractedAt: `2023-04-${String(3 + i).padStart(2, '0')}T09:00:00.000Z`,
      },
      places,
      devRng.fork(id),
    );
    const dir = format === 'ufdr' ? join(opts.out, 'devices') : join(opts.out, 'devices', id);
    const files = await (await writerFor(format))(dir, extraction);
    devices.push({
      extraction,
      files: files.map((f) => (format === 'ufdr' ? join('devices', f) : join('devices', id, f))),
      advertiserId: adv.id,
      ownerRole: owner.role,
    });
  }

  // truth.json, assembled from its streamed parts.
  const summary: GenerateSummary = {
    seed: opts.seed,
    size: opts.captures ? `${opts.captures} captures` : size,
    advertisers: counts,
    ads,
    captures,
    images: photos?.written ?? 0,
    devices: devices.length,
    assignments: ops.assignments.length,
    controls: ops.controls.length,
    files: [
      ...SOURCES.map((s) => `ads/${s.name}.jsonl`),
      'operations/operations.jsonl',
      'operations/assignments.jsonl',
      'operations/controls.jsonl',
      'operations/seizures.jsonl',
      ...devices.flatMap((d) => d.files),
      'truth.json',
    ],
  };
  const out = createWriteStream(join(opts.out, 'truth.json'));
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await put(
    `{"generator":${JSON.stringify({ name: 'schakel scenario', version: GENERATOR_VERSION, seed: opts.seed, size: summary.size })},\n`,
  );
  await put(
    `"summary":${JSON.stringify({ advertisers: counts, ads, captures, images: summary.images, devices: devices.length })},\n`,
  );
  await put(`"rates":${JSON.stringify(INDICATOR_RATES)},\n`);
  for (const [name, part] of [
    ['advertisers', truthAdvertisers],
    ['ads', truthAds],
  ] as const) {
    await put(`"${name}":[\n`);
    let first = true;
    let carry = '';
    for await (const chunk of createReadStream(part.path, 'utf8')) {
      const lines = (carry + (chunk as string)).split('\n');
      carry = lines.pop()!;
      for (const line of lines) {
        await put(first ? line : `,\n${line}`);
        first = false;
      }
    }
    await put('\n],\n');
  }
  await put(
    `"devices":${JSON.stringify(
      devices.map((d) => ({
        id: d.extraction.id,
        evidenceNumber: d.extraction.evidenceNumber,
        format: d.extraction.format,
        platform: d.extraction.platform,
        whatsappSchema: d.extraction.whatsappSchema,
        ownerId: d.extraction.ownerId,
        ownerRole: d.ownerRole,
        advertiserId: d.advertiserId,
        ownerNumbers: d.extraction.ownerNumbers,
        files: d.files,
        counts: countsOf(d.extraction),
      })),
    )},\n`,
  );
  await put(
    `"operations":${JSON.stringify({ personsMet: ops.truth.personsMet, seizedPhones: ops.truth.seizedPhones, summary: ops.truth.summary })}\n}\n`,
  );
  out.end();
  await once(out, 'close');
  rmSync(tmp, { recursive: true, force: true });
  return summary;
}
