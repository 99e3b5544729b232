/**
 * The indicator catalogue (codes with their Dutch and English names, descriptions, weights and
 * switches), fetched once per visit and shared by every page that names an indicator: the triage
 * list, the risk panels and the indicators page. Switching an indicator reloads it.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { api } from '../api';
import type { IndicatorView } from '../api';
import { useI18n } from '../i18n';
import type { Load } from '../ui';

const LOADING: Load<IndicatorView[]> = { status: 'loading' };

let snapshot: Load<IndicatorView[]> | null = null;
let pending: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: Load<IndicatorView[]>): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function current(): Load<IndicatorView[]> {
  return snapshot ?? LOADING;
}

/**
 * Asks for the catalogue unless it is already in or on its way. With `fresh`, asks again and keeps
 * showing the catalogue it has until the answer is in (after a switch).
 */
function fetchCatalogue(fresh = false): void {
  if (pending || (!fresh && snapshot?.status === 'ok')) return;
  if (snapshot?.status !== 'ok') publish(LOADING);
  pending = api
    .indicators()
    .then(
      ({ indicators }) => publish({ status: 'ok', data: indicators }),
      (error: unknown) => publish({ status: 'error', error }),
    )
    .finally(() => {
      pending = null;
    });
}

export interface Catalogue {
  state: Load<IndicatorView[]>;
  byCode: ReadonlyMap<string, IndicatorView>;
  /** The indicator's name in the current language; the code itself when it is not known. */
  name: (code: string) => string;
  /** Its description in the current language, or ''. */
  description: (code: string) => string;
  /** Asks the server again (after a switch, or to retry). */
  reload: () => void;
}

export function useIndicators(): Catalogue {
  const { lang } = useI18n();
  const state = useSyncExternalStore(subscribe, current);

  useEffect(() => {
    // A failed load (a 401 before signing in again, a network error) is retried by the next page.
    if (snapshot === null || snapshot.status === 'error') fetchCatalogue();
  }, []);

  const byCode = useMemo(
    () => new Map(state.status === 'ok' ? state.data.map((d) => [d.code, d]) : []),
    [state],
  );
  const name = useCallback((code: string) => byCode.get(code)?.name[lang] ?? code, [byCode, lang]);
  const description = useCallback(
    (code: string) => byCode.get(code)?.description[lang] ?? '',
    [byCode, lang],
  );
  const reload = useCallback(() => fetchCatalogue(true), []);
  return { state, byCode, name, description, reload };
}
