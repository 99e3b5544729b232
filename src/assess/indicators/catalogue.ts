import { AD_INDICATORS } from './ad-catalogue.js';
import { NETWORK_INDICATORS } from './network.js';
import type { IndicatorDefinition } from './types.js';

/** Every indicator Schakel knows, ad level first: one place to look one up. */
export const INDICATORS: readonly IndicatorDefinition[] = [...AD_INDICATORS, ...NETWORK_INDICATORS];

const BY_CODE = new Map(INDICATORS.map((d) => [d.code, d]));

export function indicator(code: string): IndicatorDefinition | undefined {
  return BY_CODE.get(code);
}
