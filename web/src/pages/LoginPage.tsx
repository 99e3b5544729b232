/** Sign-in form; after signing in, back to the page the user came from, or /ads. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiError } from '../api';
import type { User } from '../api';
import { LanguageToggle, useI18n } from '../i18n';
import { PageHeading } from '../ui';

/** Why the user is at the login page: a fresh visit, an explicit logout or an ended session. */
export type LoginNotice = 'none' | 'logout' | 'expired';

/** Where to go after login: the `from` path the redirect left, if it is a local path. */
function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (
      typeof from === 'string' &&
      from.startsWith('/') &&
      !from.startsWith('//') &&
      !from.startsWith('/login')
    ) {
      return from;
    }
  }
  return '/ads';
}

export function LoginPage({
  user,
  notice,
  onLogin,
}: {
  user: User | null;
  notice: LoginNotice;
  onLogin: (user: User) => void;
}) {
  const { t, errorText } = useI18n();
  const location = useLocation();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Signed in (just now, or already): the router takes the user on from here.
  if (user) return <Navigate to={redirectTarget(location.state)} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.login(username.trim(), password);
      onLogin(me.user);
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 401) setError(t('login.invalid'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.rateLimited'));
      else setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div className="standalone">
      <div className="standalone-top">
        <span className="brand">{t('app.name')}</span>
        <LanguageToggle />
      </div>
      <main className="card login-card">
        <PageHeading>{t('login.title')}</PageHeading>
        <p className="muted">{t('login.intro')}</p>
        {notice !== 'none' && !error && (
          <p className="notice notice-info" role="status">
            {t(notice === 'logout' ? 'login.loggedOut' : 'login.expired')}
          </p>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <form className="form" onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor={`${id}-username`}>{t('login.username')}</label>
            <input
              id={`${id}-username`}
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('login.submit')}
          </button>
          {busy && (
            <p className="muted" role="status">
              {t('login.busy')}
            </p>
          )}
        </form>
      </main>
    </div>
  );
}
