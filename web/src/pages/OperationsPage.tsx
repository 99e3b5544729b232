/**
 * Operaties: the operations (action days) the user takes part in, and for an operational lead the
 * form to open a new one.
 */
import { useCallback, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, can, POLICE_UNITS } from '../api';
import type { NewOperation, User } from '../api';
import { useI18n } from '../i18n';
import { byField, FieldMessage, fieldAttrs, normalized } from '../operations/fields';
import type { FieldMessages } from '../operations/fields';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

export function OperationsPage({ user }: { user: User }) {
  const { t, formatDate } = useI18n();
  const load = useCallback(() => api.operations(), []);
  const { state, reload } = useLoad(load);

  return (
    <>
      <PageHeading>{t('nav.operations')}</PageHeading>
      <p className="lead">{t('ops.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ok' &&
        (state.data.operations.length === 0 ? (
          <p className="empty" data-testid="operations-empty">
            {t('ops.empty')}
          </p>
        ) : (
          <div className="table-scroll" role="region" aria-label={t('nav.operations')} tabIndex={0}>
            <table className="table operations-table cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t('ops.col.name')}</th>
                  <th scope="col">{t('ops.col.dates')}</th>
                  <th scope="col">{t('ops.col.lead')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.operations.map((o) => (
                  <tr key={o.id} data-id={o.id}>
                    <th scope="row">
                      <Link to={`/operations/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                    </th>
                    <td data-label={t('ops.col.dates')}>
                      {t('op.dates', { start: formatDate(o.start), end: formatDate(o.end) })}
                    </td>
                    <td data-label={t('ops.col.lead')}>{o.lead}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {can(user.roles, 'operations.manage') && <NewOperationForm />}
    </>
  );
}

const EMPTY: NewOperation = {
  name: '',
  start: '',
  end: '',
  lead: '',
  units: [],
  legalBasis: '',
  purpose: '',
};

function NewOperationForm() {
  const { t, errorText } = useI18n();
  const navigate = useNavigate();
  const prefix = useId();
  const [form, setForm] = useState<NewOperation>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<string | null>(null);

  const set = <K extends keyof NewOperation>(key: K, value: NewOperation[K]) =>
    setForm((prev) => ({ ...prev, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const { id } = await api.createOperation(form);
      await navigate(`/operations/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        // `units[0]` problems belong with the unit checkboxes.
        const fields = normalized(error.fields).map((f) =>
          f.field.startsWith('units[') ? { ...f, field: 'units' } : f,
        );
        setErrors(byField(fields));
        setFailure(t('form.invalid', { n: fields.length }));
      } else setFailure(errorText(error));
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'lead' | 'legalBasis' | 'purpose', label: string) => (
    <div className="field">
      <label htmlFor={fieldAttrs(errors, prefix, key).id}>{label}</label>
      <input
        type="text"
        {...fieldAttrs(errors, prefix, key)}
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
      />
      <FieldMessage errors={errors} prefix={prefix} path={key} />
    </div>
  );
  const date = (key: 'start' | 'end', label: string) => (
    <div className="field">
      <label htmlFor={fieldAttrs(errors, prefix, key).id}>{label}</label>
      <input
        type="date"
        {...fieldAttrs(errors, prefix, key)}
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
      />
      <FieldMessage errors={errors} prefix={prefix} path={key} />
    </div>
  );

  return (
    <section className="panel" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{t('ops.new.title')}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        {failure && (
          <div className="notice notice-error" role="alert">
            <p>{failure}</p>
          </div>
        )}
        <div className="form-grid">
          {text('name', t('ops.new.name'))}
          {text('lead', t('ops.new.lead'))}
          {date('start', t('ops.new.start'))}
          {date('end', t('ops.new.end'))}
        </div>
        <fieldset
          className="checkbox-group"
          aria-describedby={
            errors.units ? `${fieldAttrs(errors, prefix, 'units').id}-error` : undefined
          }
        >
          <legend>{t('ops.new.units')}</legend>
          <div className="unit-checks">
            {POLICE_UNITS.map((u) => (
              <label key={u.code} className="check">
                <input
                  type="checkbox"
                  checked={form.units.includes(u.code)}
                  onChange={(e) =>
                    set(
                      'units',
                      e.target.checked
                        ? [...form.units, u.code]
                        : form.units.filter((c) => c !== u.code),
                    )
                  }
                />{' '}
                {u.name}
              </label>
            ))}
          </div>
          <FieldMessage errors={errors} prefix={prefix} path="units" />
        </fieldset>
        {text('legalBasis', t('ops.new.legalBasis'))}
        {text('purpose', t('ops.new.purpose'))}
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('form.busy') : t('ops.new.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
