/** Small building blocks shared by the pages. */
import { Component, useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from './i18n';

/** The page's <h1>, which also names the browser tab. Focusable so navigation can move focus here. */
export function PageHeading({ children }: { children: string }) {
  const { t } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    document.title = children === appName ? appName : `${children} — ${appName}`;
  }, [children, appName]);
  return (
    <h1 tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

/** A failed call, in words; with a retry button when the caller can retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errorText } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(error)}</p>
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {children ?? t('app.loading')}
    </p>
  );
}

export type Load<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: unknown };

/**
 * Loads data once (and again on `reload`). `load` must be a stable function, such as one of the
 * `api` methods, or the effect would run on every render.
 */
export function useLoad<T>(load: () => Promise<T>) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (live) setState({ status: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  /** Changes the loaded data in place (after a successful write, for instance). */
  const update = useCallback((change: (data: T) => T) => {
    setState((prev) => (prev.status === 'ok' ? { status: 'ok', data: change(prev.data) } : prev));
  }, []);

  return { state, reload, update };
}

/**
 * Keeps a failing part (a lazily loaded chunk that cannot be fetched, a chart that cannot draw)
 * from taking the whole page down: that part shows the error with a retry, the rest stays.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') };
  }

  override render() {
    if (this.state.error)
      return (
        <ErrorNotice error={this.state.error} onRetry={() => this.setState({ error: null })} />
      );
    return this.props.children;
  }
}

/** Previous / page n of m / next, as links that keep the list's filters (`searchFor` builds them). */
export function Paging({
  page,
  pages,
  searchFor,
}: {
  page: number;
  pages: number;
  searchFor: (page: number) => string;
}) {
  const { t } = useI18n();
  // Past the end (the list shrank since the link was made), "previous" goes to the last page.
  const previous = Math.min(page - 1, pages);
  return (
    <nav className="paging" aria-label={t('ads.paging.label')}>
      {page > 1 ? (
        <Link className="button-secondary" rel="prev" to={{ search: searchFor(previous) }}>
          ← {t('ads.paging.previous')}
        </Link>
      ) : (
        <span className="button-secondary" aria-disabled="true">
          ← {t('ads.paging.previous')}
        </span>
      )}
      <span className="paging-status">{t('ads.paging.page', { page, pages })}</span>
      {page < pages ? (
        <Link className="button-secondary" rel="next" to={{ search: searchFor(page + 1) }}>
          {t('ads.paging.next')} →
        </Link>
      ) : (
        <span className="button-secondary" aria-disabled="true">
          {t('ads.paging.next')} →
        </span>
      )}
    </nav>
  );
}
