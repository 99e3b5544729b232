/**
 * One operation: what it is for, the live board (per unit its assignments and controls), the
 * panel to assign ads from the triage queue (operational leads), and the one-page summary.
 */
import { useCallback, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, ASSIGNMENT_STATUSES, can, OPEN_STATUSES, unitName } from '../api';
import type { OperationBoard, OperationSummary, User } from '../api';
import { useI18n } from '../i18n';
import type { Key } from '../i18n';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

type Assignment = OperationBoard['assignments'][number];

/** A coded value's label, or the code itself when the dictionary does not know it. */
export function useCodeLabel() {
  const { t } = useI18n();
  return (prefix: string, code: string) => {
    try {
      const label = t(`${prefix}.${code}` as Key);
      return label === undefined ? code : label;
    } catch {
      return code;
    }
  };
}

export function OperationPage({ user }: { user: User }) {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const load = useCallback(() => api.operation(id), [id]);
  const { state, reload, update } = useLoad(load);
  const loadSummary = useCallback(() => api.operationSummary(id), [id]);
  const summary = useLoad(loadSummary);
  const updateSummary = summary.update;
  const manager = can(user.roles, 'operations.manage');
  const recorder = can(user.roles, 'controls.record');

  // After a change, the board and summary are fetched again in place (the page stays as it is).
  const refresh = useCallback(() => {
    void api.operation(id).then((data) => update(() => data), reload);
    void api.operationSummary(id).then((data) => updateSummary(() => data), summary.reload);
  }, [id, update, updateSummary, reload, summary.reload]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    if (state.error instanceof ApiError && state.error.status === 404)
      return (
        <>
          <PageHeading>{t('op.notFound')}</PageHeading>
          <p>{t('op.notFound.text')}</p>
          <Link className="back-link" to="/operations">
            ← {t('op.back')}
          </Link>
        </>
      );
    return <ErrorNotice error={state.error} onRetry={reload} />;
  }
  const board = state.data;
  const op = board.operation;

  return (
    <>
      <Link className="back-link" to="/operations">
        ← {t('op.back')}
      </Link>
      <PageHeading>{op.name}</PageHeading>
      <dl className="facts">
        <dt>{t('op.dates.label')}</dt>
        <dd>{t('op.dates', { start: formatDate(op.start), end: formatDate(op.end) })}</dd>
        <dt>{t('ops.col.lead')}</dt>
        <dd>{op.lead}</dd>
        <dt>{t('ops.new.units')}</dt>
        <dd>{op.units.map((u) => unitName(u) ?? u).join(', ')}</dd>
        <dt>{t('ops.new.legalBasis')}</dt>
        <dd>{op.legalBasis}</dd>
        <dt>{t('ops.new.purpose')}</dt>
        <dd>{op.purpose}</dd>
      </dl>
      <section aria-labelledby="board-title">
        <h2 id="board-title">{t('op.board')}</h2>
        {op.units.map((unit) => (
          <UnitBoard
            key={unit}
            operationId={op.id}
            unit={unit}
            board={board}
            manager={manager}
            recorder={recorder}
            onChange={refresh}
          />
        ))}
      </section>
      {manager && <AssignPanel operationId={op.id} units={op.units} onAssigned={refresh} />}
      {manager && board.assignments.length > 0 && (
        <ContactLogForm operationId={op.id} board={board} onSaved={refresh} />
      )}
      <FollowUp board={board} />
      {manager && <ParticipantForm operationId={op.id} />}
      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('sum.title')}</h2>
        {summary.state.status === 'loading' && <Loading />}
        {summary.state.status === 'error' && (
          <ErrorNotice error={summary.state.error} onRetry={summary.reload} />
        )}
        {summary.state.status === 'ok' && <Summary summary={summary.state.data} />}
      </section>
    </>
  );
}

function UnitBoard({
  operationId,
  unit,
  board,
  manager,
  recorder,
  onChange,
}: {
  operationId: string;
  unit: string;
  board: OperationBoard;
  manager: boolean;
  recorder: boolean;
  onChange: () => void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const label = useCodeLabel();
  const headingId = useId();
  const assignments = board.assignments.filter((a) => a.unit === unit);
  const controls = board.controls.filter((c) => c.unit === unit);
  const opPath = `/operations/${encodeURIComponent(operationId)}`;

  return (
    <section className="panel unit-board" data-unit={unit} aria-labelledby={headingId}>
      <h3 id={headingId}>{unitName(unit) ?? unit}</h3>
      <h4>{t('op.assignments')}</h4>
      {assignments.length === 0 ? (
        <p className="empty">{t('op.noAssignments')}</p>
      ) : (
        <table className="table cards-on-phone assignments-table">
          <thead>
            <tr>
              <th scope="col">{t('op.col.target')}</th>
              <th scope="col">{t('op.col.officer')}</th>
              <th scope="col">{t('op.col.status')}</th>
              {recorder && <th scope="col">{t('op.col.action')}</th>}
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id} data-id={a.id}>
                <th scope="row">
                  <Link
                    to={`/${a.target.type === 'network' ? 'networks' : 'ads'}/${encodeURIComponent(a.target.id)}`}
                  >
                    {a.target.title ?? a.target.id}
                  </Link>
                </th>
                <td data-label={t('op.col.officer')}>
                  {a.officer ?? '—'}
                  {a.contacts.length > 0 && (
                    <span className="cell-sub muted" data-testid="last-contact">
                      {t('op.lastContact', {
                        at: formatDateTime(a.contacts[a.contacts.length - 1]!.at),
                        agreed: a.contacts[a.contacts.length - 1]!.agreed,
                      })}
                    </span>
                  )}
                </td>
                <td data-label={t('op.col.status')}>
                  {manager ? (
                    <StatusSelect operationId={operationId} assignment={a} onSaved={onChange} />
                  ) : (
                    label('assignment', a.status)
                  )}
                </td>
                {recorder && (
                  <td data-label={t('op.col.action')}>
                    <Link
                      to={`${opPath}/controls/new?assignment=${encodeURIComponent(a.id)}&unit=${encodeURIComponent(a.unit)}`}
                    >
                      {t('op.recordControl')}
                    </Link>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('op.controls')}</h4>
      {controls.length === 0 ? (
        <p className="empty">{t('op.noControls')}</p>
      ) : (
        <table className="table cards-on-phone controls-table">
          <thead>
            <tr>
              <th scope="col">{t('op.col.control')}</th>
              <th scope="col">{t('op.col.status')}</th>
              <th scope="col">{t('op.col.place')}</th>
              <th scope="col" className="num">
                {t('op.col.persons')}
              </th>
              <th scope="col" className="num">
                {t('op.col.signals')}
              </th>
              <th scope="col" className="num">
                {t('op.col.items')}
              </th>
            </tr>
          </thead>
          <tbody>
            {controls.map((c) => (
              <tr key={c.id} data-id={c.id} data-status={c.status}>
                <th scope="row">
                  {c.status === 'draft' ? (
                    <Link to={`${opPath}/controls/${encodeURIComponent(c.id)}`}>
                      {c.at ? formatDateTime(c.at) : t('op.control.noTime')}
                    </Link>
                  ) : c.at ? (
                    formatDateTime(c.at)
                  ) : (
                    t('op.control.noTime')
                  )}
                </th>
                <td data-label={t('op.col.status')}>
                  <span className={`badge badge-control-${c.status}`}>
                    {label('control.status', c.status)}
                  </span>
                </td>
                <td data-label={t('op.col.place')}>{c.place ?? '—'}</td>
                <td className="num persons" data-label={t('op.col.persons')}>
                  {formatNumber(c.persons)}
                </td>
                <td className="num signals" data-label={t('op.col.signals')}>
                  {formatNumber(c.signals)}
                </td>
                <td className="num items" data-label={t('op.col.items')}>
                  {formatNumber(c.items)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StatusSelect({
  operationId,
  assignment: a,
  onSaved,
}: {
  operationId: string;
  assignment: Assignment;
  onSaved: () => void;
}) {
  const { t, errorText } = useI18n();
  const label = useCodeLabel();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (status: string) => {
    setBusy(true);
    setError(null);
    api
      .putAssignment(operationId, {
        id: a.id,
        target: { type: a.target.type === 'network' ? 'network' : 'ad', id: a.target.id },
        unit: a.unit,
        officer: a.officer,
        status,
      })
      .then(
        () => {
          setBusy(false);
          onSaved();
        },
        (err: unknown) => {
          setBusy(false);
          setError(errorText(err));
        },
      );
  };

  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {t('op.statusOf', { target: a.target.title ?? a.target.id })}
      </label>
      <select id={id} value={a.status} disabled={busy} onChange={(e) => change(e.target.value)}>
        {ASSIGNMENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {label('assignment', s)}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function AssignPanel({
  operationId,
  units,
  onAssigned,
}: {
  operationId: string;
  units: string[];
  onAssigned: () => void;
}) {
  const { t, errorText, formatNumber } = useI18n();
  const id = useId();
  const load = useCallback(() => api.triage({ kind: 'ad', limit: 20 }), []);
  const { state, reload } = useLoad(load);
  const [checked, setChecked] = useState<string[]>([]);
  const [unit, setUnit] = useState(units[0] ?? '');
  const [officer, setOfficer] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checked.length === 0) {
      setMessage({ ok: false, text: t('op.assign.none') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      for (const ad of checked)
        await api.putAssignment(operationId, {
          target: { type: 'ad', id: ad },
          unit,
          officer: officer.trim() || null,
        });
      setMessage({
        ok: true,
        text: t('op.assign.done', { n: checked.length, unit: unitName(unit) ?? unit }),
      });
      setChecked([]);
      onAssigned();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
    setBusy(false);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('op.assign.title')}</h2>
      <p className="muted">{t('op.assign.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ok' && (
        <form className="form" onSubmit={(event) => void submit(event)}>
          {state.data.items.length === 0 ? (
            <p className="empty">{t('op.assign.empty')}</p>
          ) : (
            <fieldset className="checkbox-group">
              <legend>{t('op.assign.ads')}</legend>
              <ul className="assign-list">
                {state.data.items.map((item) => (
                  <li key={item.id} data-id={item.id}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={checked.includes(item.id)}
                        onChange={(e) =>
                          setChecked((prev) =>
                            e.target.checked
                              ? [...prev, item.id]
                              : prev.filter((x) => x !== item.id),
                          )
                        }
                      />{' '}
                      {item.label}
                    </label>{' '}
                    <span className="muted">
                      {t('op.assign.risk', {
                        risk: formatNumber(Math.round(item.risk * 100)),
                      })}
                      {item.policeUnits.length > 0 &&
                        ` · ${item.policeUnits.map((u) => unitName(u) ?? u).join(', ')}`}
                    </span>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <div className="form-actions">
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t('op.assign.unit')}</label>
              <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value)}>
                {units.map((u) => (
                  <option key={u} value={u}>
                    {unitName(u) ?? u}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-officer`}>{t('op.assign.officer')}</label>
              <input
                id={`${id}-officer`}
                value={officer}
                maxLength={100}
                onChange={(e) => setOfficer(e.target.value)}
              />
            </div>
            <button type="submit" disabled={busy}>
              {t('op.assign.submit')}
            </button>
          </div>
          <div role="status">
            {message && (
              <p className={`notice ${message.ok ? 'notice-success' : 'notice-error'}`}>
                {message.text}
              </p>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

function Counts({
  title,
  counts,
  labelOf,
  testId,
}: {
  title: string;
  counts: Record<string, number>;
  labelOf: (code: string) => string;
  testId: string;
}) {
  const { t, formatNumber } = useI18n();
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <div className="summary-block" data-testid={testId}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="empty">{t('sum.none')}</p>
      ) : (
        <dl className="facts">
          {entries.map(([code, n]) => (
            <div key={code} data-code={code} className="summary-count">
              <dt>{labelOf(code)}</dt>
              <dd>{formatNumber(n)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Summary({ summary: s }: { summary: OperationSummary }) {
  const { t, formatNumber, regionName } = useI18n();
  const label = useCodeLabel();
  return (
    <>
      <p>
        {t('sum.totals', {
          assignments: formatNumber(s.assignments),
          held: formatNumber(s.controlsHeld),
          noShows: formatNumber(s.noShows),
          cancelled: formatNumber(s.cancelled),
          open: formatNumber(s.open),
          persons: formatNumber(s.personsMet),
        })}
      </p>
      <table className="table cards-on-phone summary-units">
        <caption>{t('sum.perUnit')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sum.col.unit')}</th>
            <th scope="col" className="num">
              {t('sum.col.assignments')}
            </th>
            <th scope="col" className="num">
              {t('sum.col.controls')}
            </th>
            <th scope="col" className="num">
              {t('sum.col.persons')}
            </th>
            <th scope="col" className="num">
              {t('sum.col.items')}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(s.perUnit).map(([unit, c]) => (
            <tr key={unit} data-unit={unit}>
              <th scope="row">{unitName(unit) ?? unit}</th>
              <td className="num" data-label={t('sum.col.assignments')}>
                {formatNumber(c.assignments)}
              </td>
              <td className="num" data-label={t('sum.col.controls')}>
                {formatNumber(c.controls)}
              </td>
              <td className="num" data-label={t('sum.col.persons')}>
                {formatNumber(c.personsMet)}
              </td>
              <td className="num" data-label={t('sum.col.items')}>
                {formatNumber(c.itemsSeized)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="summary-grid">
        <Counts
          title={t('sum.byRole')}
          counts={s.byRole}
          labelOf={(c) => label('observed', c)}
          testId="summary-roles"
        />
        <Counts
          title={t('sum.nationalities')}
          counts={s.nationalities}
          labelOf={(c) => regionName(c)}
          testId="summary-nationalities"
        />
        <Counts
          title={t('sum.signals')}
          counts={s.signals}
          labelOf={(c) => label('signal', c)}
          testId="summary-signals"
        />
        <Counts
          title={t('sum.referrals')}
          counts={s.referrals}
          labelOf={(c) => label('referral', c)}
          testId="summary-referrals"
        />
        <Counts
          title={t('sum.items')}
          counts={s.items}
          labelOf={(c) => label('item', c)}
          testId="summary-items"
        />
      </div>
    </>
  );
}

/** The contact log: when an ad's number was contacted, which number, what was agreed. */
function ContactLogForm({
  operationId,
  board,
  onSaved,
}: {
  operationId: string;
  board: OperationBoard;
  onSaved: () => void;
}) {
  const { t, errorText } = useI18n();
  const id = useId();
  const [assignment, setAssignment] = useState(board.assignments[0]?.id ?? '');
  const [at, setAt] = useState('');
  const [number, setNumber] = useState('');
  const [agreed, setAgreed] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const a = board.assignments.find((x) => x.id === assignment);
    if (!a) return;
    setMessage(null);
    api
      .putAssignment(operationId, {
        id: a.id,
        target: { type: a.target.type === 'network' ? 'network' : 'ad', id: a.target.id },
        unit: a.unit,
        officer: a.officer,
        status: a.status === 'planned' ? 'contacted' : a.status,
        contacts: [...a.contacts, { at: at ? new Date(at).toISOString() : '', number, agreed }],
      })
      .then(
        () => {
          setNumber('');
          setAgreed('');
          setMessage(t('op.contact.saved'));
          onSaved();
        },
        (err: unknown) => setMessage(errorText(err)),
      );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('op.contact.title')}</h2>
      <p className="muted">{t('op.contact.intro')}</p>
      <form className="stacked-form" onSubmit={submit}>
        <label htmlFor={`${id}-a`}>{t('op.contact.assignment')}</label>
        <select id={`${id}-a`} value={assignment} onChange={(e) => setAssignment(e.target.value)}>
          {board.assignments.map((a) => (
            <option key={a.id} value={a.id}>
              {a.target.title ?? a.target.id} ({a.unit})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-at`}>{t('op.contact.at')}</label>
        <input
          id={`${id}-at`}
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          required
        />
        <label htmlFor={`${id}-n`}>{t('op.contact.number')}</label>
        <input
          id={`${id}-n`}
          inputMode="tel"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          required
        />
        <label htmlFor={`${id}-ag`}>{t('op.contact.agreed')}</label>
        <input
          id={`${id}-ag`}
          maxLength={120}
          value={agreed}
          onChange={(e) => setAgreed(e.target.value)}
          required
        />
        <button type="submit">{t('op.contact.submit')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </section>
  );
}

/** The follow-up: who was met, what was seized (and whether its extraction is in), which networks. */
function FollowUp({ board }: { board: OperationBoard }) {
  const { t } = useI18n();
  const label = useCodeLabel();
  const f = board.followUp;
  const open = board.assignments.filter((a) => OPEN_STATUSES.includes(a.status));
  return (
    <section className="panel" aria-labelledby="followup-title" data-testid="follow-up">
      <h2 id="followup-title">{t('op.followUp')}</h2>
      <h3>{t('op.followUp.open', { n: String(open.length) })}</h3>
      {open.length > 0 && (
        <ul>
          {open.map((a) => (
            <li key={a.id}>
              {a.target.title ?? a.target.id} · {unitName(a.unit) ?? a.unit} ·{' '}
              {label('assignment', a.status)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('op.followUp.persons')}</h3>
      {f.persons.length === 0 ? (
        <p className="empty">—</p>
      ) : (
        <table className="table cards-on-phone followup-persons">
          <thead>
            <tr>
              <th scope="col">{t('op.followUp.control')}</th>
              <th scope="col">{t('op.followUp.role')}</th>
              <th scope="col">{t('op.followUp.nationality')}</th>
              <th scope="col">{t('op.followUp.birthYear')}</th>
              <th scope="col">{t('op.followUp.referral')}</th>
            </tr>
          </thead>
          <tbody>
            {f.persons.map((p) => (
              <tr key={`${p.control}-${p.ref}`}>
                <th scope="row">
                  {unitName(p.unit) ?? p.unit} · {p.ref}
                </th>
                <td>{label('observed', p.role)}</td>
                <td>{p.nationality ?? '—'}</td>
                <td>{p.birthYear ?? '—'}</td>
                <td>{p.referral ? label('referral', p.referral) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('op.followUp.items')}</h3>
      {f.items.length === 0 ? (
        <p className="empty">—</p>
      ) : (
        <ul data-testid="followup-items">
          {f.items.map((i) => (
            <li key={i.evidenceNumber}>
              {i.imported ? (
                <Link to={`/devices/${encodeURIComponent(i.evidenceNumber)}`}>
                  {i.evidenceNumber}
                </Link>
              ) : (
                i.evidenceNumber
              )}{' '}
              · {label('item', i.kind)}
              {i.sealNumber ? ` · ${t('op.followUp.seal', { seal: i.sealNumber })}` : ''} ·{' '}
              {i.imported ? t('op.followUp.imported') : t('op.followUp.notImported')}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('op.followUp.networks')}</h3>
      {f.networks.length === 0 ? (
        <p className="empty">—</p>
      ) : (
        <ul>
          {f.networks.map((n) => (
            <li key={n}>
              <Link to={`/networks/${encodeURIComponent(n)}`}>{n}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Lets the lead add a participant: they then see the operation, nobody else does. */
function ParticipantForm({ operationId }: { operationId: string }) {
  const { t, errorText } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    api.addParticipant(operationId, username.trim()).then(
      () => {
        setMessage(t('op.participant.added', { username: username.trim() }));
        setUsername('');
      },
      (err: unknown) => setMessage(errorText(err)),
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('op.participant.title')}</h2>
      <p className="muted">{t('op.participant.intro')}</p>
      <form className="stacked-form" onSubmit={submit}>
        <label htmlFor={`${id}-u`}>{t('op.participant.username')}</label>
        <input
          id={`${id}-u`}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <button type="submit">{t('op.participant.submit')}</button>
        {message && <p role="status">{message}</p>}
      </form>
    </section>
  );
}
