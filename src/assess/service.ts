import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import type {
  ContributionView,
  FairnessGroup,
  FairnessReport,
  IndicatorView,
  ReviewStatus,
  RiskView,
  TriageItem,
  TriageQuery,
} from '../model/assess.js';
import { NotFoundError, ValidationError } from '../model/errors.js';
import type { ReviewsTable } from '../store/schema.js';
import { INDICATORS, indicator } from './indicators/catalogue.js';
import { runAssessment, type AssessStats } from './job.js';
import { activeModel, switchIndicator } from './models.js';

/**
 * Reading and acting on risk: the triage queue, an ad's or network's score with its reasons,
 * reviews (which become labels), the indicator catalogue with its switches, and the fairness check.
 * Reads are audited like reading ads.
 */

const REVIEW_STATUSES: readonly ReviewStatus[] = ['reviewed', 'not_relevant', 'selected'];

/** The three largest contributions raising the risk, then the largest lowering it, if any. */
function reasons(contributions: string): ContributionView[] {
  const all = JSON.parse(contributions) as ContributionView[];
  const up = all.filter((c) => c.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const down = all
    .filter((c) => c.contribution < 0)
    .sort((a, b) => a.contribution - b.contribution);
  return [...up.slice(0, 3), ...down.slice(0, 1)];
}

function reviewView(r: Omit<ReviewsTable, 'seq'> | undefined): TriageItem['review'] {
  return r
    ? { status: r.status as ReviewStatus, reason: r.reason, by: r.actor_name, at: r.at }
    : null;
}

export async function triageQueue(
  ctx: Context,
  actor: Actor,
  q: TriageQuery,
): Promise<{ total: number; items: TriageItem[] }> {
  requirePermission(actor, 'networks.read');
  if (q.indicator !== undefined && !indicator(q.indicator))
    throw ValidationError.field('indicator', `unknown indicator ${q.indicator}`);
  const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
  const filter = {
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.municipality ? { municipality: q.municipality } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.from ? { from: `${q.from}T00:00:00.000Z` } : {}),
    ...(q.to ? { to: `${q.to}T23:59:59.999Z` } : {}),
    ...(q.indicator ? { indicator: q.indicator } : {}),
    ...(q.reviewed !== undefined ? { reviewed: q.reviewed } : {}),
  };
  let result: { total: number; items: TriageItem[] };
  if ((q.kind ?? 'network') === 'network') {
    const { total, rows } = await ctx.store.assess.networkQueue(filter, page);
    const reviews = await ctx.store.assess.latestReviews(
      'network',
      rows.map((r) => r.id),
    );
    result = {
      total,
      items: rows.map((r) => ({
        kind: 'network',
        id: r.id,
        label: `${Number(r.ads)} ads`,
        risk: Number(r.risk),
        model: r.model,
        reasons: reasons(r.contributions),
        policeUnits: JSON.parse(r.police_units) as string[],
        ads: Number(r.ads),
        networkId: r.id,
        lastSeen: r.last_seen,
        review: reviewView(reviews.get(r.id)),
      })),
    };
  } else {
    const { total, rows } = await ctx.store.assess.adQueue(filter, page);
    const reviews = await ctx.store.assess.latestReviews(
      'ad',
      rows.map((r) => r.id),
    );
    result = {
      total,
      items: rows.map((r) => ({
        kind: 'ad',
        id: r.id,
        label: r.title ?? r.name ?? r.id,
        risk: Number(r.risk),
        model: r.model,
        reasons: reasons(r.contributions),
        policeUnits: r.police_unit ? [r.police_unit] : [],
        ads: 1,
        networkId: r.network_id,
        lastSeen: r.last_seen,
        review: reviewView(reviews.get(r.id)),
      })),
    };
  }
  await audit(ctx.store, ctx.now(), actor, {
    action: 'triage.list',
    detail: { query: q, total: result.total },
  });
  return result;
}

export async function review(
  ctx: Context,
  actor: Actor,
  r: { kind: 'ad' | 'network'; id: string; status: string; reason: string },
): Promise<void> {
  requirePermission(actor, 'networks.read');
  if (!REVIEW_STATUSES.includes(r.status as ReviewStatus))
    throw ValidationError.field('status', `one of ${REVIEW_STATUSES.join(', ')}`);
  if (!r.reason.trim()) throw ValidationError.field('reason', 'say why');
  const exists =
    r.kind === 'ad'
      ? (await ctx.store.ads.get(r.id)) !== undefined
      : (await ctx.store.networks.get(r.id))?.id === r.id;
  if (!exists) throw new NotFoundError(`${r.kind} ${r.id}`);
  await ctx.store.transaction(async (tx) => {
    await tx.assess.addReview({
      target_type: r.kind,
      target_id: r.id,
      status: r.status,
      reason: r.reason.trim(),
      actor_id: actor.id,
      actor_name: actor.name,
      at: ctx.now().toISOString(),
    });
    await audit(tx, ctx.now(), actor, {
      action: 'triage.review',
      targetType: r.kind,
      targetId: r.id,
      detail: { status: r.status, reason: r.reason.trim() },
    });
  });
}

function riskView(row: {
  risk: number;
  logit: number;
  model: string;
  contributions: string;
  assessed_at: string;
}): RiskView {
  return {
    risk: Number(row.risk),
    logit: Number(row.logit),
    model: row.model,
    contributions: JSON.parse(row.contributions) as ContributionView[],
    assessedAt: row.assessed_at,
  };
}

/** An ad's or a network's score with every contribution and its evidence; null if not assessed. */
export async function riskOf(
  ctx: Context,
  actor: Actor,
  kind: 'ad' | 'network',
  id: string,
): Promise<RiskView | null> {
  requirePermission(actor, kind === 'ad' ? 'ads.read' : 'networks.read');
  let view: RiskView | null = null;
  if (kind === 'ad') {
    const ad = await ctx.store.ads.get(id);
    if (!ad) throw new NotFoundError(`ad ${id}`);
    const row = (await ctx.store.assess.adAssessments([Number(ad.seq)])).get(Number(ad.seq));
    view = row ? riskView(row) : null;
  } else {
    const net = await ctx.store.networks.get(id);
    if (!net) throw new NotFoundError(`network ${id}`);
    const row = (await ctx.store.assess.networkAssessments([net.id])).get(net.id);
    view = row ? riskView(row) : null;
  }
  await audit(ctx.store, ctx.now(), actor, {
    action: 'risk.view',
    targetType: kind,
    targetId: id,
  });
  return view;
}

export async function indicatorCatalogue(
  ctx: Context,
  actor: Actor,
): Promise<{ model: string; indicators: IndicatorView[] }> {
  requirePermission(actor, 'networks.read');
  const model = await activeModel(ctx);
  const indicators = INDICATORS.map((d) => ({
    code: d.code,
    level: d.level,
    name: d.name,
    description: d.description,
    detection: d.detection,
    languages: d.languages,
    defaultWeight: d.defaultWeight,
    weight: model.weights[d.code] ?? d.defaultWeight,
    enabled: !model.disabled.includes(d.code),
    source: d.source,
  }));
  return { model: model.version, indicators };
}

/** Switches an indicator and re-scores everything under the new (active) model version. */
export async function setIndicator(
  ctx: Context,
  actor: Actor,
  code: string,
  enabled: boolean,
): Promise<AssessStats> {
  await switchIndicator(ctx, actor, code, enabled);
  return runAssessment(ctx, actor);
}

function summarise(group: string, risks: number[]): FairnessGroup {
  risks.sort((a, b) => a - b);
  const at = (q: number) => risks[Math.min(risks.length - 1, Math.floor(q * risks.length))]!;
  return {
    group,
    ads: risks.length,
    mean: risks.reduce((s, r) => s + r, 0) / risks.length,
    median: at(0.5),
    p90: at(0.9),
    flagged: risks.filter((r) => r >= 0.5).length / risks.length,
  };
}

/**
 * Score distributions per police unit and per stated nationality/ethnicity: whether a group is
 * flagged for who it is rather than for what its ads show is visible side by side.
 */
export async function fairness(ctx: Context, actor: Actor): Promise<FairnessReport> {
  requirePermission(actor, 'networks.read');
  const byUnit = new Map<string, number[]>();
  const byOrigin = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, r: number) => {
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  };
  for await (const page of ctx.store.assess.risks())
    for (const r of page) {
      add(byUnit, r.unit ?? 'unknown', r.risk);
      const origins = JSON.parse(r.origins) as string[];
      if (origins.length === 0) add(byOrigin, 'none', r.risk);
      for (const o of origins) add(byOrigin, o, r.risk);
    }
  const model = await activeModel(ctx);
  await audit(ctx.store, ctx.now(), actor, { action: 'assess.fairness' });
  const list = (m: Map<string, number[]>) =>
    [...m].map(([g, r]) => summarise(g, r)).sort((a, b) => b.ads - a.ads);
  return { model: model.version, byPoliceUnit: list(byUnit), byOrigin: list(byOrigin) };
}
