import { audit, requirePermission, type Actor, type Context } from '../access/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../model/errors.js';
import type { RiskModelRow } from '../store/assess.js';
import { INDICATORS, indicator } from './indicators/catalogue.js';
import { defaultModel, type RiskModel } from './score.js';

/**
 * Risk model versions in the store. Exactly one is active: the default weights until someone
 * activates another (a calibrated one, or one with an indicator switched off). Every activation
 * is audited; versions are never changed, only added.
 */

export function modelFromRow(row: RiskModelRow): RiskModel {
  return {
    version: row.version,
    intercept: Number(row.intercept),
    weights: JSON.parse(row.weights) as Record<string, number>,
    disabled: JSON.parse(row.disabled) as string[],
  };
}

async function save(
  ctx: Context,
  model: RiskModel,
  source: string,
  metrics: object,
  by: string,
): Promise<void> {
  await ctx.store.assess.addModel({
    version: model.version,
    intercept: model.intercept,
    weights: JSON.stringify(model.weights),
    disabled: JSON.stringify(model.disabled),
    source,
    metrics: JSON.stringify(metrics),
    created_at: ctx.now().toISOString(),
    created_by: by,
    activated_at: null,
    activated_by: null,
  });
}

/** The active model; on a store that has none, the default weights are saved and activated. */
export async function activeModel(ctx: Context): Promise<RiskModel> {
  const row = await ctx.store.assess.activeModel();
  if (row) return modelFromRow(row);
  const model = defaultModel(INDICATORS);
  if (!(await ctx.store.assess.model(model.version)))
    await save(ctx, model, 'defaults', {}, 'system');
  await ctx.store.assess.activate(model.version, 'system', ctx.now().toISOString());
  return model;
}

/** Saves a new model version (not active). */
export async function addModel(
  ctx: Context,
  actor: Actor,
  model: RiskModel,
  source: 'calibrated' | 'switched',
  metrics: object,
): Promise<void> {
  requirePermission(actor, 'ads.import');
  if (await ctx.store.assess.model(model.version))
    throw new ConflictError(`risk model ${model.version} exists already`);
  await save(ctx, model, source, metrics, actor.name);
  await audit(ctx.store, ctx.now(), actor, {
    action: 'assess.model.add',
    targetType: 'risk_model',
    targetId: model.version,
    detail: { source, metrics },
  });
}

export async function activateModel(ctx: Context, actor: Actor, version: string): Promise<void> {
  requirePermission(actor, 'ads.import');
  const row = await ctx.store.assess.model(version);
  if (!row) throw new NotFoundError(`risk model ${version}`);
  const before = await activeModel(ctx);
  await ctx.store.assess.activate(version, actor.name, ctx.now().toISOString());
  await audit(ctx.store, ctx.now(), actor, {
    action: 'assess.model.activate',
    targetType: 'risk_model',
    targetId: version,
    detail: { previous: before.version },
  });
}

/**
 * Switches an indicator off (or on again): a new model version from the active one, activated at
 * once. Returns the new version.
 */
export async function switchIndicator(
  ctx: Context,
  actor: Actor,
  code: string,
  on: boolean,
): Promise<RiskModel> {
  requirePermission(actor, 'ads.import');
  if (!indicator(code)) throw ValidationError.field('code', `unknown indicator ${code}`);
  const current = await activeModel(ctx);
  const disabled = new Set(current.disabled);
  if (on) disabled.delete(code);
  else disabled.add(code);
  const existing = (await ctx.store.assess.models()).length;
  const model: RiskModel = {
    ...current,
    version: `${current.version.replace(/\+\d+$/, '')}+${existing}`,
    disabled: [...disabled].sort(),
  };
  await addModel(ctx, actor, model, 'switched', { [on ? 'on' : 'off']: code });
  await activateModel(ctx, actor, model.version);
  return model;
}
