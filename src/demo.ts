import type { Store } from './store/store.js';

/** A database seeded by `schakel demo` holds synthetic data only, and every page says so. */
const DEMO_KEY = 'demo';

export async function isDemo(store: Store): Promise<boolean> {
  return (await store.settings.get(DEMO_KEY)) === 'synthetic';
}

export async function markDemo(store: Store): Promise<void> {
  await store.settings.set(DEMO_KEY, 'synthetic');
}
