/** The application shell: start-up checks, the session, the layout and the routes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation } from 'react-router';
import { api, ApiError, can, onUnauthorized } from './api';
import type { Meta, User } from './api';
import { LanguageToggle, useI18n } from './i18n';
import { AdminPage } from './pages/AdminPage';
import { AdPage } from './pages/AdPage';
import { AdsPage } from './pages/AdsPage';
import { DevicePage } from './pages/DevicePage';
import { DevicesPage } from './pages/DevicesPage';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { LoginPage } from './pages/LoginPage';
import type { LoginNotice } from './pages/LoginPage';
import { NetworkPage } from './pages/NetworkPage';
import { NetworksPage } from './pages/NetworksPage';
import { NoAccessPage, NotFoundPage } from './pages/NotFoundPage';
import { OperationPage } from './pages/OperationPage';
import { OperationsPage } from './pages/OperationsPage';
import { ControlPage } from './pages/ControlPage';
import { SectionPage } from './pages/SectionPage';
import type { Section } from './pages/SectionPage';
import { TriagePage } from './pages/TriagePage';
import { ErrorNotice, Loading } from './ui';

/** The sections in navigation order; Triage (after Networks) and `admin` are added by role. */
const SECTIONS: readonly Section[] = ['ads', 'networks', 'operations', 'devices', 'picture'];

type Auth = { user: User } | { user: null; notice: LoginNotice };

type Boot = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready' };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [auth, setAuth] = useState<Auth>({ user: null, notice: 'none' });

  // Any 401 from the API means the session is gone: drop the user, which sends them to /login.
  useEffect(() => {
    onUnauthorized(() => setAuth((prev) => (prev.user ? { user: null, notice: 'expired' } : prev)));
    return () => onUnauthorized(null);
  }, []);

  useEffect(() => {
    let live = true;
    const me = api.me().then(
      (result) => result.user,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      },
    );
    // Meta on its own, so the synthetic-data banner shows even when the session check fails.
    const meta = api.meta().then((result) => {
      if (live) setMeta(result);
    });
    Promise.all([meta, me]).then(
      ([, user]) => {
        if (!live) return;
        setAuth(user ? { user } : { user: null, notice: 'none' });
        setBoot({ state: 'ready' });
      },
      (error: unknown) => {
        if (live) setBoot({ state: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setBoot({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const handleLogin = useCallback((user: User) => setAuth({ user }), []);
  const handleLogout = useCallback(() => setAuth({ user: null, notice: 'logout' }), []);

  // The same role table the API enforces (src/access/roles.ts); this only avoids a 403 page.
  const canReadAds = auth.user !== null && can(auth.user.roles, 'ads.read');
  const noAdsAccess = <NoAccessPage heading="nav.ads" text="noAccess.ads" />;
  const canReadNetworks = auth.user !== null && can(auth.user.roles, 'networks.read');
  const noNetworksAccess = <NoAccessPage heading="nav.networks" text="noAccess.networks" />;
  // Triage and the indicator catalogue read risk, which the API grants with networks.read.
  const noTriageAccess = <NoAccessPage heading="nav.triage" text="noAccess.triage" />;
  const canSwitchIndicators = auth.user !== null && can(auth.user.roles, 'ads.import');

  return (
    <>
      {meta?.demo && <SyntheticBanner />}
      {boot.state === 'loading' && (
        <div className="standalone">
          <Loading />
        </div>
      )}
      {boot.state === 'failed' && <StartupFailure error={boot.error} onRetry={retry} />}
      {boot.state === 'ready' && (
        <Routes>
          <Route
            path="/login"
            element={
              <LoginPage
                user={auth.user}
                notice={auth.user ? 'none' : auth.notice}
                onLogin={handleLogin}
              />
            }
          />
          <Route
            element={
              <RequireUser auth={auth}>
                {(user) => <Layout user={user} onLogout={handleLogout} />}
              </RequireUser>
            }
          >
            <Route index element={<Navigate to="/ads" replace />} />
            <Route path="ads" element={canReadAds ? <AdsPage /> : noAdsAccess} />
            <Route path="ads/:id" element={canReadAds ? <AdPage /> : noAdsAccess} />
            <Route
              path="networks"
              element={canReadNetworks ? <NetworksPage /> : noNetworksAccess}
            />
            <Route
              path="networks/:id"
              element={canReadNetworks ? <NetworkPage /> : noNetworksAccess}
            />
            <Route
              path="triage"
              element={
                canReadNetworks && auth.user ? <TriagePage user={auth.user} /> : noTriageAccess
              }
            />
            <Route
              path="indicators"
              element={
                canReadNetworks ? (
                  <IndicatorsPage canSwitch={canSwitchIndicators} />
                ) : (
                  noTriageAccess
                )
              }
            />
            <Route path="devices" element={<DevicesPage />} />
            <Route path="devices/:item" element={<DevicePage />} />
            {auth.user && (
              <>
                <Route path="operations" element={<OperationsPage user={auth.user} />} />
                <Route path="operations/:id" element={<OperationPage user={auth.user} />} />
              </>
            )}
            <Route path="operations/:id/controls/new" element={<ControlPage />} />
            <Route path="operations/:id/controls/:control" element={<ControlPage />} />
            {SECTIONS.filter(
              (section) =>
                section !== 'ads' &&
                section !== 'networks' &&
                section !== 'devices' &&
                section !== 'operations',
            ).map((section) => (
              <Route key={section} path={section} element={<SectionPage section={section} />} />
            ))}
            <Route
              path="admin"
              element={
                auth.user?.roles.includes('admin') ? (
                  <AdminPage currentUser={auth.user} />
                ) : (
                  <NoAccessPage />
                )
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      )}
    </>
  );
}

function SyntheticBanner() {
  const { t } = useI18n();
  return (
    <div className="synthetic-banner" role="note" data-testid="synthetic-banner">
      {t('banner.synthetic')}
    </div>
  );
}

function StartupFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="standalone">
      <div className="standalone-top">
        <span className="brand">{t('app.name')}</span>
        <LanguageToggle />
      </div>
      <main className="card">
        <h1>{t('app.startFailed')}</h1>
        <ErrorNotice error={error} onRetry={onRetry} />
      </main>
    </div>
  );
}

/** Renders its children with the signed-in user, or sends the visitor to /login and back after. */
function RequireUser({ auth, children }: { auth: Auth; children: (user: User) => ReactNode }) {
  const location = useLocation();
  if (!auth.user) {
    // After an explicit logout the next person starts fresh; otherwise return to this page.
    const state =
      auth.notice === 'logout'
        ? undefined
        : { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children(auth.user);
}

function Layout({ user, onLogout }: { user: User; onLogout: () => void }) {
  const { t, roleName, errorText } = useI18n();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);
  const [busy, setBusy] = useState(false);
  const [logoutError, setLogoutError] = useState<string | null>(null);

  // Moving to another page moves focus to its heading, so screen readers announce it.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [location.pathname]);

  const logout = async () => {
    setBusy(true);
    setLogoutError(null);
    try {
      await api.logout();
    } catch (error) {
      // 401: the session had already ended; anything else: stay signed in and say why.
      if (!(error instanceof ApiError && error.status === 401)) {
        setLogoutError(errorText(error));
        setBusy(false);
        return;
      }
    }
    onLogout();
  };

  // Triage follows Networks, for those who may read networks (the risk is read with them).
  const sections: (Section | 'triage' | 'admin')[] = SECTIONS.flatMap((section) =>
    section === 'networks' && can(user.roles, 'networks.read')
      ? [section, 'triage' as const]
      : [section],
  );
  if (user.roles.includes('admin')) sections.push('admin');

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <span className="brand">{t('app.name')}</span>
          <div className="header-tools">
            <p className="current-user">
              <span className="visually-hidden">{t('header.user')} </span>
              <strong>{user.displayName}</strong>
              <span className="current-user-roles">
                <span className="visually-hidden">{t('header.roles')}: </span>
                {user.roles.map(roleName).join(', ')}
              </span>
            </p>
            <LanguageToggle />
            <button
              type="button"
              className="button-secondary"
              onClick={() => void logout()}
              disabled={busy}
            >
              {t('header.logout')}
            </button>
          </div>
        </div>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {sections.map((section) => (
              <li key={section}>
                <NavLink to={`/${section}`}>{t(`nav.${section}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {logoutError && (
        <div className="container">
          <div className="notice notice-error" role="alert">
            <p>{logoutError}</p>
          </div>
        </div>
      )}
      <main id="main" ref={mainRef} className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
