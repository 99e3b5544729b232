import { audit, requirePermission, type Actor, type Context } from '../../access/context.js';
import type { Gazetteer } from '../../geo/gazetteer.js';
import { NotFoundError } from '../../model/errors.js';
import { unitName } from '../../model/units.js';
import type { AdFilter, AdRow } from '../../store/ads.js';
import type { AdDetail, AdSummary, CaptureView, Extraction } from '../../model/ads.js';
import { findPhones } from './phones.js';

export type { AdDetail, AdSummary, CaptureView };

/**
 * Reading ads: the list with filters and the ad page with its captures over time. Every read is
 * audited (ads hold phone numbers and descriptions of people).
 */

export function summarise(a: AdRow, geo: Gazetteer): AdSummary {
  return {
    id: a.id,
    source: a.source,
    sourceId: a.source_id,
    url: a.url,
    title: a.title,
    name: a.name,
    firstSeen: a.first_seen,
    lastSeen: a.last_seen,
    captures: Number(a.captures),
    age: a.age,
    priceEurPerHour: a.price_eur_per_hour,
    location: a.location,
    municipalityCode: a.municipality_code,
    municipality: a.municipality_code ? (geo.byCode.get(a.municipality_code)?.name ?? null) : null,
    policeUnit: a.police_unit,
    policeUnitName: a.police_unit ? (unitName(a.police_unit) ?? null) : null,
    language: a.language,
  };
}

/** A phone filter as typed ("06 1234 5678", "+34…") → E.164; undefined when it is not a number. */
export function phoneFilter(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  return findPhones(text)[0]?.e164 ?? `invalid:${text}`;
}

export async function listAds(
  ctx: Context,
  actor: Actor,
  geo: Gazetteer,
  filter: AdFilter & { phoneText?: string },
  page: { limit: number; offset: number },
): Promise<{ total: number; items: AdSummary[] }> {
  requirePermission(actor, 'ads.read');
  const { phoneText, ...rest } = filter;
  const phone = phoneFilter(phoneText);
  const result = await ctx.store.ads.list({ ...rest, ...(phone ? { phone } : {}) }, page);
  await audit(ctx.store, ctx.now(), actor, {
    action: 'ads.list',
    detail: { filter, ...page, total: result.total },
  });
  return { total: result.total, items: result.items.map((a) => summarise(a, geo)) };
}

const DISPLAYED = [
  'title',
  'text',
  'name',
  'age',
  'location',
  'phone',
  'price',
  'category',
  'url',
  'posted_at',
];

function displayedFields(raw: string): Record<string, string> {
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of DISPLAYED) if (typeof parsed[f] === 'string') out[f] = parsed[f] as string;
  if (parsed.contact && typeof parsed.contact === 'object')
    for (const [k, v] of Object.entries(parsed.contact as Record<string, unknown>))
      if (typeof v === 'string') out[`contact.${k}`] = v;
  return out;
}

export async function getAd(
  ctx: Context,
  actor: Actor,
  geo: Gazetteer,
  id: string,
): Promise<AdDetail> {
  requirePermission(actor, 'ads.read');
  const ad = await ctx.store.ads.get(id);
  if (!ad) throw new NotFoundError(`no ad ${id}`);
  const [captures, identifiers] = await Promise.all([
    ctx.store.ads.captures(Number(ad.seq)),
    ctx.store.ads.identifiers([Number(ad.seq)]),
  ]);
  const images = await ctx.store.ads.captureImages(captures.map((c) => Number(c.seq)));
  let previous: Record<string, string> | null = null;
  const captureList = captures.map((c): CaptureView => {
    const fields = displayedFields(c.raw);
    const changed = previous
      ? [...new Set([...Object.keys(fields), ...Object.keys(previous)])].filter(
          (k) => fields[k] !== previous![k],
        )
      : [];
    previous = fields;
    return {
      id: c.id,
      capturedAt: c.captured_at,
      file: c.file,
      line: Number(c.line),
      importRunId: c.import_run_id,
      encoding: c.encoding,
      fields,
      extracted: JSON.parse(c.extracted) as Extraction,
      changed,
      images: images
        .filter((im) => im.capture_seq === Number(c.seq))
        .map((im) => ({
          position: Number(im.position),
          reference: im.reference,
          sha256: im.sha256,
          phash: im.phash,
          status: im.status,
          problem: im.problem,
        })),
    };
  });
  await audit(ctx.store, ctx.now(), actor, { action: 'ads.view', targetType: 'ad', targetId: id });
  return {
    ...summarise(ad, geo),
    identifiers: identifiers.map((i) => ({
      kind: i.kind,
      value: i.value,
      firstSeen: i.first_seen,
      lastSeen: i.last_seen,
    })),
    captureList,
  };
}

/** A stored photo, if it belongs to some capture (the store holds nothing else). */
export async function imageForViewer(ctx: Context, actor: Actor, sha256: string) {
  requirePermission(actor, 'ads.read');
  const image = await ctx.store.ads.image(sha256);
  if (!image) throw new NotFoundError(`no image ${sha256}`);
  return image;
}
