import { useEffect, useState } from 'react';
import type { Load } from './ui';

/**
 * What the list pages (ads, networks, triage) share: the page number and municipality code as
 * read from the URL, and the list loaded for one URL.
 */

export function readPage(params: URLSearchParams): number {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return Number.isFinite(page) && page > 1 ? page : 1;
}

/** "193", "0193", "gm0193" → "GM0193"; anything else is returned as typed, to be refused. */
export function normaliseMunicipality(text: string): string {
  const value = text.trim().toUpperCase();
  const digits = /^(?:GM)?(\d{1,4})$/.exec(value)?.[1];
  return digits ? `GM${digits.padStart(4, '0')}` : value;
}

export interface Listing<T> {
  /** The last answer and the URL it answers (the previous list stays while the next loads). */
  result: { search: string; load: Load<T> } | null;
  retry: () => void;
  /** Changes the list in view without reloading it (a row's new state). */
  update: (change: (data: T) => T) => void;
}

/**
 * Loads the list for `search` (a URL query string) with `fetch`; a newer URL wins. Pass a
 * function defined outside the component, so it is the same on every render.
 */
export function useListing<T>(search: string, fetch: (search: string) => Promise<T>): Listing<T> {
  const [result, setResult] = useState<Listing<T>['result']>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    fetch(search).then(
      (data) => {
        if (live) setResult({ search, load: { status: 'ok', data } });
      },
      (error: unknown) => {
        if (live) setResult({ search, load: { status: 'error', error } });
      },
    );
    return () => {
      live = false;
    };
  }, [search, attempt, fetch]);

  return {
    result,
    retry: () => {
      setResult(null);
      setAttempt((n) => n + 1);
    },
    update: (change) =>
      setResult((prev) =>
        prev?.load.status === 'ok'
          ? { ...prev, load: { status: 'ok', data: change(prev.load.data) } }
          : prev,
      ),
  };
}

/**
 * Props tying a filter input to its hint and its error: the `id`, `name` and current value, and
 * the ids screen readers announce with it.
 */
export function filterInputProps<F extends string>(
  id: string,
  name: F,
  value: string,
  errors: Partial<Record<F, string>>,
  hint: boolean,
) {
  const ids = [hint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return {
    id: `${id}-${name}`,
    name,
    defaultValue: value,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': ids || undefined,
  };
}
