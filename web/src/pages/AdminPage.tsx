/** Administration: users, adding a user, disabling and ending sessions, and the role table. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, ROLES } from '../api';
import type { Role, RolePermissions, Unit, User } from '../api';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

export function AdminPage({ currentUser }: { currentUser: User }) {
  const { t } = useI18n();
  const users = useLoad(api.users);
  const units = useLoad(api.units);
  const roles = useLoad(api.roles);

  const unitList = units.state.status === 'ok' ? units.state.data.units : [];
  const addUser = (user: User) =>
    users.update((data) => ({ users: [...data.users.filter((u) => u.id !== user.id), user] }));
  const replaceUser = (user: User) =>
    users.update((data) => ({ users: data.users.map((u) => (u.id === user.id ? user : u)) }));

  return (
    <>
      <PageHeading>{t('nav.admin')}</PageHeading>
      <p className="lead">{t('admin.intro')}</p>

      <section className="panel" aria-labelledby="admin-users">
        <h2 id="admin-users">{t('admin.users.title')}</h2>
        {users.state.status === 'loading' && <Loading />}
        {users.state.status === 'error' && (
          <ErrorNotice error={users.state.error} onRetry={users.reload} />
        )}
        {users.state.status === 'ok' && (
          <UsersTable
            users={users.state.data.users}
            units={unitList}
            currentUser={currentUser}
            onChanged={replaceUser}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="admin-add">
        <h2 id="admin-add">{t('admin.add.title')}</h2>
        {units.state.status === 'error' && (
          <ErrorNotice error={units.state.error} onRetry={units.reload} />
        )}
        <AddUserForm units={unitList} onAdded={addUser} />
      </section>

      <section className="panel" aria-labelledby="admin-roles">
        <h2 id="admin-roles">{t('admin.matrix.title')}</h2>
        <p className="muted">{t('admin.matrix.intro')}</p>
        {roles.state.status === 'loading' && <Loading />}
        {roles.state.status === 'error' && (
          <ErrorNotice error={roles.state.error} onRetry={roles.reload} />
        )}
        {roles.state.status === 'ok' && <RoleMatrix roles={roles.state.data.roles} />}
      </section>
    </>
  );
}

function UsersTable({
  users,
  units,
  currentUser,
  onChanged,
}: {
  users: User[];
  units: Unit[];
  currentUser: User;
  onChanged: (user: User) => void;
}) {
  const { t, roleName, formatDateTime, errorText } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const unitName = (code: string | null) =>
    code === null ? '—' : (units.find((u) => u.code === code)?.name ?? code);

  const run = async (user: User, action: () => Promise<string>) => {
    setBusy(user.id);
    setMessage(null);
    setError(null);
    try {
      setMessage(await action());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const toggleDisabled = (user: User) =>
    run(user, async () => {
      const disable = user.disabledAt === null;
      const result = await api.updateUser(user.id, { disabled: disable });
      onChanged(result.user);
      return t(disable ? 'admin.disabledDone' : 'admin.enabledDone', { user: user.username });
    });

  const endSessions = (user: User) =>
    run(user, async () => {
      const result = await api.revokeSessions(user.id);
      // Ending one's own sessions ends this one too: ask the server, whose 401 leads to /login.
      if (user.id === currentUser.id) void api.me().catch(() => undefined);
      return t('admin.sessionsDone', { user: user.username, count: result.revoked });
    });

  if (users.length === 0) return <p className="muted">{t('admin.users.empty')}</p>;

  return (
    <>
      <div className="live" role="status">
        {message && <p className="notice notice-success">{message}</p>}
      </div>
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="table-scroll" role="region" aria-labelledby="admin-users" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.col.username')}</th>
              <th scope="col">{t('admin.col.displayName')}</th>
              <th scope="col">{t('admin.col.roles')}</th>
              <th scope="col">{t('admin.col.unit')}</th>
              <th scope="col">{t('admin.col.status')}</th>
              <th scope="col">{t('admin.col.created')}</th>
              <th scope="col">{t('admin.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === currentUser.id;
              const disabled = user.disabledAt !== null;
              return (
                <tr key={user.id}>
                  <th scope="row">
                    <code>{user.username}</code>
                    {self && <span className="muted"> {t('admin.you')}</span>}
                  </th>
                  <td>{user.displayName}</td>
                  <td>{user.roles.map(roleName).join(', ')}</td>
                  <td>{unitName(user.unit)}</td>
                  <td>
                    <span className={disabled ? 'badge badge-off' : 'badge badge-on'}>
                      {t(disabled ? 'admin.status.disabled' : 'admin.status.active')}
                    </span>
                  </td>
                  <td>
                    <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time>
                  </td>
                  <td>
                    <div className="row-actions">
                      {!self && (
                        <button
                          type="button"
                          className="button-secondary button-small"
                          disabled={busy !== null}
                          onClick={() => void toggleDisabled(user)}
                        >
                          {t(disabled ? 'admin.enable' : 'admin.disable')}
                          <span className="visually-hidden"> {user.username}</span>
                        </button>
                      )}
                      <button
                        type="button"
                        className="button-secondary button-small"
                        disabled={busy !== null}
                        onClick={() => void endSessions(user)}
                      >
                        {t('admin.endSessions')}
                        <span className="visually-hidden"> {user.username}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

const FORM_FIELDS = ['username', 'displayName', 'password', 'roles', 'unit'] as const;
type FormField = (typeof FORM_FIELDS)[number];
type FieldErrors = Partial<Record<FormField, string[]>>;

function isFormField(value: string): value is FormField {
  return (FORM_FIELDS as readonly string[]).includes(value);
}

/** Sorts the API's field errors ("body/username", "body/roles/0") onto the form's fields. */
function splitFieldErrors(error: ApiError): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const problem of error.fields) {
    const name = problem.field.replace(/^body\/?/, '').split('/')[0] ?? '';
    if (isFormField(name)) (fields[name] ??= []).push(problem.message);
    else other.push(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
  }
  return { fields, other };
}

function AddUserForm({ units, onAdded }: { units: Unit[]; onAdded: (user: User) => void }) {
  const { t, roleName, errorText } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<ReadonlySet<Role>>(new Set());
  const [unit, setUnit] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  const toggleRole = (role: Role, on: boolean) =>
    setRoles((prev) => {
      const next = new Set(prev);
      if (on) next.add(role);
      else next.delete(role);
      return next;
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setFieldErrors({});
    setFormError([]);
    setDone(null);
    try {
      const result = await api.createUser({
        username: username.trim(),
        password,
        roles: ROLES.filter((role) => roles.has(role)),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(unit ? { unit } : {}),
      });
      onAdded(result.user);
      setDone(t('admin.add.done', { user: result.user.username }));
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRoles(new Set());
      setUnit('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fields.length > 0) {
        const { fields, other } = splitFieldErrors(err);
        setFieldErrors(fields);
        setFormError([t('admin.add.checkFields'), ...other]);
      } else if (err instanceof ApiError && err.status === 409) {
        setFieldErrors({ username: [t('admin.add.taken')] });
        setFormError([t('admin.add.checkFields')]);
      } else {
        setFormError([errorText(err)]);
      }
    } finally {
      setBusy(false);
    }
  };

  /** Props tying an input to its hint and its errors. */
  const describe = (field: FormField, hint: boolean) => {
    const ids = [
      hint ? `${id}-${field}-hint` : '',
      fieldErrors[field] ? `${id}-${field}-error` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      'aria-invalid': fieldErrors[field] ? true : undefined,
      'aria-describedby': ids || undefined,
    };
  };

  const errorsOf = (field: FormField) =>
    fieldErrors[field] && (
      <p className="field-error" id={`${id}-${field}-error`}>
        {fieldErrors[field].join('; ')}
      </p>
    );

  return (
    <form className="form form-wide" noValidate onSubmit={(event) => void submit(event)}>
      <div className="live" role="status">
        {done && <p className="notice notice-success">{done}</p>}
      </div>
      {formError.length > 0 && (
        <div className="notice notice-error" role="alert">
          {formError.map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </div>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('admin.add.username')}</label>
          <input
            id={`${id}-username`}
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            {...describe('username', true)}
          />
          <p className="hint" id={`${id}-username-hint`}>
            {t('admin.add.usernameHint')}
          </p>
          {errorsOf('username')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-displayName`}>{t('admin.add.displayName')}</label>
          <input
            id={`${id}-displayName`}
            type="text"
            autoComplete="off"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            {...describe('displayName', true)}
          />
          <p className="hint" id={`${id}-displayName-hint`}>
            {t('admin.add.displayNameHint')}
          </p>
          {errorsOf('displayName')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('admin.add.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            {...describe('password', true)}
          />
          <p className="hint" id={`${id}-password-hint`}>
            {t('admin.add.passwordHint')}
          </p>
          {errorsOf('password')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('admin.add.unit')}</label>
          <select
            id={`${id}-unit`}
            value={unit}
            onChange={(event) => setUnit(event.target.value)}
            {...describe('unit', false)}
          >
            <option value="">{t('admin.add.noUnit')}</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
          {errorsOf('unit')}
        </div>
      </div>
      <fieldset
        className="field checkbox-group"
        aria-describedby={fieldErrors.roles ? `${id}-roles-error` : undefined}
      >
        <legend>{t('admin.add.roles')}</legend>
        <div className="checkbox-grid">
          {ROLES.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                name="roles"
                value={role}
                checked={roles.has(role)}
                onChange={(event) => toggleRole(role, event.target.checked)}
              />
              {roleName(role)}
            </label>
          ))}
        </div>
        {errorsOf('roles')}
      </fieldset>
      <div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('admin.add.submit')}
        </button>
        {busy && (
          <span className="muted inline-status" role="status">
            {t('admin.add.busy')}
          </span>
        )}
      </div>
    </form>
  );
}

/** Permissions down, roles across: which role grants what. */
function RoleMatrix({ roles }: { roles: RolePermissions[] }) {
  const { t, roleName } = useI18n();
  // Every permission any role grants, in the order the server lists them.
  const permissions = [...new Set(roles.flatMap((r) => r.permissions))];

  return (
    <div className="table-scroll" role="region" aria-labelledby="admin-roles" tabIndex={0}>
      <table className="table matrix">
        <thead>
          <tr>
            <th scope="col">{t('admin.matrix.permission')}</th>
            {roles.map((r) => (
              <th key={r.role} scope="col">
                {roleName(r.role)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {permissions.map((permission) => (
            <tr key={permission}>
              <th scope="row">
                <code>{permission}</code>
              </th>
              {roles.map((r) => {
                const granted = r.permissions.includes(permission);
                return (
                  <td key={r.role} className={granted ? 'granted' : 'not-granted'}>
                    <span aria-hidden="true">{granted ? '✓' : '–'}</span>
                    <span className="visually-hidden">
                      {t(granted ? 'admin.matrix.granted' : 'admin.matrix.notGranted')}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
