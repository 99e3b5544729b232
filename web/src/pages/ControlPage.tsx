/**
 * A control report, filled in on the street: where and when, the persons met, the signals per
 * person, a referral and the items seized. "Concept opslaan" keeps a draft (its id goes into the
 * URL, so a reload brings it back); "Indienen" files it. A refused report keeps everything in the
 * form and shows each problem at its field. One column with large touch targets, for a phone.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  api,
  ApiError,
  DOCUMENTS_HELD_BY,
  ITEM_KINDS,
  OBSERVED_ROLES,
  REFERRAL_OUTCOMES,
  SIGNAL_CODES,
  unitName,
} from '../api';
import type { ControlInput, FieldError } from '../api';
import { useI18n } from '../i18n';
import { byField, FieldMessage, fieldAttrs, normalized } from '../operations/fields';
import type { FieldMessages } from '../operations/fields';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';
import { useCodeLabel } from './OperationPage';

interface PersonRow {
  ref: string;
  role: string;
  nationality: string;
  birthYear: string;
  languages: string;
  route: string;
  documentsHeldBy: string;
  /** Signal code → its note; a code present is ticked. */
  signals: Record<string, string>;
}

interface ItemRow {
  key: number;
  kind: string;
  evidenceNumber: string;
  sealNumber: string;
  takenBy: string;
  at: string;
  fromPersonRef: string;
}

interface Form {
  assignmentId: string | null;
  unit: string;
  place: string;
  at: string;
  officers: string;
  persons: PersonRow[];
  referral: { personRef: string; offered: boolean; outcome: string; to: string };
  items: ItemRow[];
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A datetime-local value (local time, no zone) from an ISO time, and back. */
function toLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function fromLocal(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

function nextRef(persons: PersonRow[]): string {
  const n = persons.reduce((max, p) => Math.max(max, Number(/^p(\d+)$/.exec(p.ref)?.[1] ?? 0)), 0);
  return `p${n + 1}`;
}

const newPerson = (ref: string): PersonRow => ({
  ref,
  role: OBSERVED_ROLES[0],
  nationality: '',
  birthYear: '',
  languages: '',
  route: '',
  documentsHeldBy: '',
  signals: {},
});

/** The signals in the order they are sent, so `signals[i]` problems find their checkbox. */
function signalList(form: Form) {
  return form.persons.flatMap((p) =>
    SIGNAL_CODES.filter((code) => code in p.signals).map((code) => ({
      code,
      personRef: p.ref,
      note: p.signals[code] ?? '',
    })),
  );
}

function toInput(form: Form, id: string | null): ControlInput {
  const r = form.referral;
  return {
    ...(id ? { id } : {}),
    assignmentId: form.assignmentId,
    unit: form.unit,
    place: form.place.trim() || null,
    at: fromLocal(form.at),
    officers: list(form.officers),
    persons: form.persons.map((p) => ({
      ref: p.ref,
      role: p.role,
      nationality: p.nationality.trim() ? p.nationality.trim().toUpperCase() : null,
      birthYear: p.birthYear.trim() ? Math.trunc(Number(p.birthYear)) : null,
      languages: list(p.languages),
      route: list(p.route).map((c) => c.toUpperCase()),
      documentsHeldBy: p.documentsHeldBy || null,
    })),
    signals: signalList(form),
    referrals: r.personRef
      ? [
          {
            personRef: r.personRef,
            offered: r.offered,
            outcome: r.outcome,
            to: r.to.trim() || null,
          },
        ]
      : [],
    seizures: form.items.map((s) => ({
      evidenceNumber: s.evidenceNumber.trim(),
      kind: s.kind,
      sealNumber: s.sealNumber.trim() || null,
      takenBy: s.takenBy.trim(),
      at: fromLocal(s.at) ?? '',
      fromPersonRef: s.fromPersonRef || null,
    })),
  };
}

function fromInput(c: ControlInput): Form {
  const persons: PersonRow[] = (c.persons ?? []).map((p) => ({
    ref: p.ref,
    role: p.role,
    nationality: p.nationality ?? '',
    birthYear: p.birthYear == null ? '' : String(p.birthYear),
    languages: (p.languages ?? []).join(', '),
    route: (p.route ?? []).join(', '),
    documentsHeldBy: p.documentsHeldBy ?? '',
    signals: {},
  }));
  for (const s of c.signals ?? []) {
    const p = persons.find((x) => x.ref === s.personRef);
    if (p) p.signals[s.code] = s.note ?? '';
  }
  const r = c.referrals?.[0];
  return {
    assignmentId: c.assignmentId ?? null,
    unit: c.unit,
    place: c.place ?? '',
    at: toLocal(c.at),
    officers: (c.officers ?? []).join(', '),
    persons,
    referral: {
      personRef: r?.personRef ?? '',
      offered: r?.offered ?? false,
      outcome: r?.outcome ?? 'offered',
      to: r?.to ?? '',
    },
    items: (c.seizures ?? []).map((s, i) => ({
      key: i + 1,
      kind: s.kind,
      evidenceNumber: s.evidenceNumber,
      sealNumber: s.sealNumber ?? '',
      takenBy: s.takenBy,
      at: toLocal(s.at),
      fromPersonRef: s.fromPersonRef ?? '',
    })),
  };
}

export function ControlPage() {
  const { id = '', control } = useParams();
  const [search] = useSearchParams();
  const { t } = useI18n();
  const loadBoard = useCallback(() => api.operation(id), [id]);
  const board = useLoad(loadBoard);
  const loadDraft = useCallback(
    () => (control ? api.controlDraft(id, control) : Promise.resolve(null)),
    [id, control],
  );
  const draft = useLoad(loadDraft);
  const opPath = `/operations/${encodeURIComponent(id)}`;

  const back = (
    <Link className="back-link" to={opPath}>
      ← {t('control.back')}
    </Link>
  );
  if (board.state.status === 'error' || draft.state.status === 'error')
    return (
      <>
        {back}
        <PageHeading>{t(control ? 'control.edit' : 'control.new')}</PageHeading>
        <ErrorNotice
          error={
            board.state.status === 'error'
              ? board.state.error
              : (draft.state as { error: unknown }).error
          }
        />
      </>
    );
  if (board.state.status !== 'ok' || draft.state.status !== 'ok') return <Loading />;
  const units = board.state.data.operation.units;
  const initial: Form = draft.state.data
    ? fromInput(draft.state.data)
    : {
        assignmentId: search.get('assignment'),
        unit: units.includes(search.get('unit') ?? '') ? search.get('unit')! : (units[0] ?? ''),
        place: '',
        at: '',
        officers: '',
        persons: [],
        referral: { personRef: '', offered: false, outcome: 'offered', to: '' },
        items: [],
      };
  const assignment = board.state.data.assignments.find((a) => a.id === initial.assignmentId);
  return (
    <>
      {back}
      <PageHeading>{t(control ? 'control.edit' : 'control.new')}</PageHeading>
      {assignment && (
        <p className="lead">
          {t('control.for', { target: assignment.target.title ?? assignment.target.id })}
        </p>
      )}
      <ControlForm
        key={control ?? 'new'}
        operationId={id}
        controlId={control ?? null}
        units={units}
        initial={initial}
      />
    </>
  );
}

function ControlForm({
  operationId,
  controlId: initialId,
  units,
  initial,
}: {
  operationId: string;
  controlId: string | null;
  units: string[];
  initial: Form;
}) {
  const { t, errorText } = useI18n();
  const label = useCodeLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const prefix = useId();
  const [form, setForm] = useState<Form>(initial);
  const [controlId, setControlId] = useState(initialId);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(
    (location.state as { saved?: boolean } | null)?.saved === true,
  );
  const itemKey = useRef(initial.items.length);
  const topRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problems.length > 0 || failure) topRef.current?.scrollIntoView({ block: 'start' });
  }, [problems, failure]);

  const update = (change: (f: Form) => Form) => {
    setSaved(false);
    setForm(change);
  };
  const setPerson = (i: number, change: Partial<PersonRow>) =>
    update((f) => ({
      ...f,
      persons: f.persons.map((p, j) => (j === i ? { ...p, ...change } : p)),
    }));
  const setItem = (i: number, change: Partial<ItemRow>) =>
    update((f) => ({ ...f, items: f.items.map((s, j) => (j === i ? { ...s, ...change } : s)) }));

  const save = async (submit: boolean) => {
    setBusy(true);
    setErrors({});
    setProblems([]);
    setFailure(null);
    setSaved(false);
    try {
      const result = await api.saveControl(operationId, toInput(form, controlId), submit);
      if (submit) {
        await navigate(`/operations/${encodeURIComponent(operationId)}`);
        return;
      }
      setControlId(result.id);
      setSaved(true);
      if (!initialId)
        await navigate(
          `/operations/${encodeURIComponent(operationId)}/controls/${encodeURIComponent(result.id)}`,
          { replace: true, state: { saved: true } },
        );
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors(byField(error.fields));
        setProblems(normalized(error.fields));
      } else setFailure(errorText(error));
    }
    setBusy(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(true);
  };

  const attrs = (path: string) => fieldAttrs(errors, prefix, path);
  const msg = (path: string) => <FieldMessage errors={errors} prefix={prefix} path={path} />;
  const field = (path: string, text: string, input: ReactNode) => (
    <div className="field">
      <label htmlFor={attrs(path).id}>{text}</label>
      {input}
      {msg(path)}
    </div>
  );
  /** A labelled text input with its error message, written back through `set`. */
  const textField = (path: string, text: string, value: string, set: (v: string) => void) =>
    field(
      path,
      text,
      <input type="text" {...attrs(path)} value={value} onChange={(e) => set(e.target.value)} />,
    );
  const signals = signalList(form);
  const signalIndex = (ref: string, code: string) =>
    signals.findIndex((s) => s.personRef === ref && s.code === code);
  const personLabel = (p: PersonRow) =>
    t('control.person', { ref: p.ref, role: label('observed', p.role) });

  return (
    <form className="form control-form" noValidate onSubmit={onSubmit}>
      <div ref={topRef}>
        <div role="status">
          {saved && <p className="notice notice-success">{t('control.saved')}</p>}
        </div>
        {failure && (
          <div className="notice notice-error" role="alert">
            <p>{failure}</p>
          </div>
        )}
        {problems.length > 0 && (
          <div className="notice notice-error" role="alert" data-testid="control-problems">
            <p>{t('form.invalid', { n: problems.length })}</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  <a href={`#${attrs(p.field).id}`}>{p.field}</a>: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <fieldset className="control-section">
        <legend>{t('control.where')}</legend>
        {field(
          'unit',
          t('control.unit'),
          <select
            {...attrs('unit')}
            value={form.unit}
            onChange={(e) => update((f) => ({ ...f, unit: e.target.value }))}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {unitName(u) ?? u}
              </option>
            ))}
          </select>,
        )}
        {textField('place', t('control.place'), form.place, (v) =>
          update((f) => ({ ...f, place: v })),
        )}
        {field(
          'at',
          t('control.at'),
          <input
            type="datetime-local"
            {...attrs('at')}
            value={form.at}
            onChange={(e) => update((f) => ({ ...f, at: e.target.value }))}
          />,
        )}
        {textField('officers', t('control.officers'), form.officers, (v) =>
          update((f) => ({ ...f, officers: v })),
        )}
      </fieldset>

      <fieldset className="control-section">
        <legend>{t('control.persons')}</legend>
        {form.persons.length === 0 && <p className="empty">{t('control.noPersons')}</p>}
        {form.persons.map((p, i) => {
          const path = (name: string) => `persons[${i}].${name}`;
          return (
            <fieldset
              key={p.ref}
              className="control-row"
              aria-label={t('control.personRef', { ref: p.ref })}
            >
              <legend>{personLabel(p)}</legend>
              {msg(path('ref'))}
              {field(
                path('role'),
                t('control.role'),
                <select
                  {...attrs(path('role'))}
                  value={p.role}
                  onChange={(e) => setPerson(i, { role: e.target.value })}
                >
                  {OBSERVED_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {label('observed', r)}
                    </option>
                  ))}
                </select>,
              )}
              {field(
                path('nationality'),
                t('control.nationality'),
                <input
                  type="text"
                  maxLength={2}
                  autoCapitalize="characters"
                  {...attrs(path('nationality'))}
                  value={p.nationality}
                  onChange={(e) => setPerson(i, { nationality: e.target.value })}
                />,
              )}
              {field(
                path('birthYear'),
                t('control.birthYear'),
                <input
                  type="number"
                  inputMode="numeric"
                  {...attrs(path('birthYear'))}
                  value={p.birthYear}
                  onChange={(e) => setPerson(i, { birthYear: e.target.value })}
                />,
              )}
              {textField(path('languages'), t('control.languages'), p.languages, (v) =>
                setPerson(i, { languages: v }),
              )}
              {Object.keys(errors)
                .filter((k) => k.startsWith(`${path('languages')}[`))
                .map((k) => (
                  <FieldMessage key={k} errors={errors} prefix={prefix} path={k} />
                ))}
              {textField(path('route'), t('control.route'), p.route, (v) =>
                setPerson(i, { route: v }),
              )}
              {Object.keys(errors)
                .filter((k) => k.startsWith(`${path('route')}[`))
                .map((k) => (
                  <FieldMessage key={k} errors={errors} prefix={prefix} path={k} />
                ))}
              {field(
                path('documentsHeldBy'),
                t('control.documentsHeldBy'),
                <select
                  {...attrs(path('documentsHeldBy'))}
                  value={p.documentsHeldBy}
                  onChange={(e) => setPerson(i, { documentsHeldBy: e.target.value })}
                >
                  <option value="">{t('control.unknown')}</option>
                  {DOCUMENTS_HELD_BY.map((d) => (
                    <option key={d} value={d}>
                      {label('held', d)}
                    </option>
                  ))}
                </select>,
              )}
              <button
                type="button"
                className="button-secondary"
                onClick={() =>
                  update((f) => ({
                    ...f,
                    persons: f.persons.filter((_, j) => j !== i),
                    referral:
                      f.referral.personRef === p.ref
                        ? { ...f.referral, personRef: '' }
                        : f.referral,
                  }))
                }
              >
                {t('control.removePerson', { ref: p.ref })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            update((f) => ({ ...f, persons: [...f.persons, newPerson(nextRef(f.persons))] }))
          }
        >
          {t('control.addPerson')}
        </button>
      </fieldset>

      <fieldset className="control-section">
        <legend>{t('control.signals')}</legend>
        {form.persons.length === 0 && <p className="empty">{t('control.signalsNeedPerson')}</p>}
        {form.persons.map((p, i) => (
          <fieldset
            key={p.ref}
            className="control-row"
            aria-label={t('control.signalsFor', { ref: p.ref })}
          >
            <legend>{t('control.signalsFor', { ref: p.ref })}</legend>
            <ul className="signal-list">
              {SIGNAL_CODES.map((code) => {
                const on = code in p.signals;
                const k = signalIndex(p.ref, code);
                const path = `signals[${k}]`;
                const checkId = `${prefix}-sig-${p.ref}-${code}`;
                return (
                  <li key={code}>
                    <label className="check" htmlFor={checkId}>
                      <input
                        id={checkId}
                        type="checkbox"
                        checked={on}
                        aria-invalid={k >= 0 && errors[`${path}.code`] ? true : undefined}
                        onChange={(e) => {
                          const next = { ...p.signals };
                          if (e.target.checked) next[code] = '';
                          else delete next[code];
                          setPerson(i, { signals: next });
                        }}
                      />{' '}
                      {label('signal', code)}
                    </label>
                    {on && (
                      <div className="field signal-note">
                        <label htmlFor={attrs(`${path}.note`).id}>
                          {t('control.signalNote', { signal: label('signal', code) })}
                        </label>
                        <input
                          type="text"
                          maxLength={280}
                          {...attrs(`${path}.note`)}
                          value={p.signals[code] ?? ''}
                          onChange={(e) =>
                            setPerson(i, { signals: { ...p.signals, [code]: e.target.value } })
                          }
                        />
                      </div>
                    )}
                    {k >= 0 &&
                      ['code', 'personRef', 'note'].map((n) => (
                        <FieldMessage
                          key={n}
                          errors={errors}
                          prefix={prefix}
                          path={`${path}.${n}`}
                        />
                      ))}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="control-section">
        <legend>{t('control.referral')}</legend>
        {field(
          'referrals[0].personRef',
          t('control.referral.person'),
          <select
            {...attrs('referrals[0].personRef')}
            value={form.referral.personRef}
            onChange={(e) =>
              update((f) => ({ ...f, referral: { ...f.referral, personRef: e.target.value } }))
            }
          >
            <option value="">{t('control.referral.nobody')}</option>
            {form.persons.map((p) => (
              <option key={p.ref} value={p.ref}>
                {personLabel(p)}
              </option>
            ))}
          </select>,
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={form.referral.offered}
            onChange={(e) =>
              update((f) => ({ ...f, referral: { ...f.referral, offered: e.target.checked } }))
            }
          />{' '}
          {t('control.referral.offered')}
        </label>
        {field(
          'referrals[0].outcome',
          t('control.referral.outcome'),
          <select
            {...attrs('referrals[0].outcome')}
            value={form.referral.outcome}
            onChange={(e) =>
              update((f) => ({ ...f, referral: { ...f.referral, outcome: e.target.value } }))
            }
          >
            {REFERRAL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {label('referral', o)}
              </option>
            ))}
          </select>,
        )}
        {textField('referrals[0].to', t('control.referral.to'), form.referral.to, (v) =>
          update((f) => ({ ...f, referral: { ...f.referral, to: v } })),
        )}
      </fieldset>

      <fieldset className="control-section">
        <legend>{t('control.items')}</legend>
        {form.items.length === 0 && <p className="empty">{t('control.noItems')}</p>}
        {form.items.map((s, i) => {
          const path = (name: string) => `seizures[${i}].${name}`;
          return (
            <fieldset
              key={s.key}
              className="control-row"
              aria-label={t('control.item', { n: i + 1 })}
            >
              <legend>{t('control.item', { n: i + 1 })}</legend>
              {field(
                path('kind'),
                t('control.item.kind'),
                <select
                  {...attrs(path('kind'))}
                  value={s.kind}
                  onChange={(e) => setItem(i, { kind: e.target.value })}
                >
                  {ITEM_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {label('item', k)}
                    </option>
                  ))}
                </select>,
              )}
              {textField(
                path('evidenceNumber'),
                t('control.item.evidenceNumber'),
                s.evidenceNumber,
                (v) => setItem(i, { evidenceNumber: v }),
              )}
              {textField(path('sealNumber'), t('control.item.sealNumber'), s.sealNumber, (v) =>
                setItem(i, { sealNumber: v }),
              )}
              {textField(path('takenBy'), t('control.item.takenBy'), s.takenBy, (v) =>
                setItem(i, { takenBy: v }),
              )}
              {field(
                path('at'),
                t('control.item.at'),
                <input
                  type="datetime-local"
                  {...attrs(path('at'))}
                  value={s.at}
                  onChange={(e) => setItem(i, { at: e.target.value })}
                />,
              )}
              {field(
                path('fromPersonRef'),
                t('control.item.from'),
                <select
                  {...attrs(path('fromPersonRef'))}
                  value={s.fromPersonRef}
                  onChange={(e) => setItem(i, { fromPersonRef: e.target.value })}
                >
                  <option value="">{t('control.unknown')}</option>
                  {form.persons.map((p) => (
                    <option key={p.ref} value={p.ref}>
                      {personLabel(p)}
                    </option>
                  ))}
                </select>,
              )}
              <button
                type="button"
                className="button-secondary"
                onClick={() => update((f) => ({ ...f, items: f.items.filter((_, j) => j !== i) }))}
              >
                {t('control.removeItem', { n: i + 1 })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            update((f) => ({
              ...f,
              items: [
                ...f.items,
                {
                  key: ++itemKey.current,
                  kind: 'phone',
                  evidenceNumber: '',
                  sealNumber: '',
                  takenBy: f.officers.split(',')[0]?.trim() ?? '',
                  at: f.at,
                  fromPersonRef: '',
                },
              ],
            }))
          }
        >
          {t('control.addItem')}
        </button>
      </fieldset>

      <div className="form-actions control-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void save(false)}
        >
          {t('control.saveDraft')}
        </button>
        <button type="submit" disabled={busy}>
          {t('control.submit')}
        </button>
      </div>
    </form>
  );
}
