/**
 * Triage: networks or ads in order of risk, with their main reasons and what analysts decided
 * about them. Filters live in the URL's query string (bookmarkable, back-button safe), like the ads
 * and networks lists; a decision is recorded with a reason and shows in its row at once.
 */
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, POLICE_UNITS } from '../api';
import type { ReviewStatus, TriageItem, TriageQuery, User } from '../api';
import { useI18n } from '../i18n';
import { filterInputProps, normaliseMunicipality, readPage, useListing } from '../listing';
import type { Key } from '../i18n';
import { unitLabel } from '../networks/evidence';
import { useIndicators } from '../risk/catalogue';
import {
  REVIEW_STATUSES,
  ReasonChips,
  ReviewStatusView,
  RiskMeter,
  WithCommand,
} from '../risk/words';
import { ErrorNotice, Loading, PageHeading, Paging } from '../ui';

const PAGE_SIZE = 50;

type Kind = TriageItem['kind'];
const KINDS: readonly Kind[] = ['network', 'ad'];
const DEFAULT_KIND: Kind = 'network';

/** The filters, by their name in both the page's URL and the API's query string. */
const FILTERS = ['unit', 'municipality', 'source', 'from', 'to', 'indicator', 'reviewed'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string> & { kind: Kind };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function emptyFilters(kind: Kind): Filters {
  const filters = { kind } as Filters;
  for (const name of FILTERS) filters[name] = '';
  return filters;
}

function readFilters(params: URLSearchParams): Filters {
  const filters = emptyFilters(params.get('kind') === 'ad' ? 'ad' : DEFAULT_KIND);
  for (const name of FILTERS) filters[name] = params.get(name)?.trim() ?? '';
  if (filters.reviewed !== 'true' && filters.reviewed !== 'false') filters.reviewed = '';
  return filters;
}

/** The URL query string for these filters and page, without empty or default values. */
function toSearch(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.kind !== DEFAULT_KIND) params.set('kind', filters.kind);
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

function toQuery(search: string): TriageQuery {
  const params = new URLSearchParams(search);
  const f = readFilters(params);
  return {
    kind: f.kind,
    ...(f.unit ? { unit: f.unit } : {}),
    ...(/^GM\d{4}$/.test(f.municipality) ? { municipality: f.municipality } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...(DATE.test(f.from) ? { from: f.from } : {}),
    ...(DATE.test(f.to) ? { to: f.to } : {}),
    ...(f.indicator ? { indicator: f.indicator } : {}),
    ...(f.reviewed ? { reviewed: f.reviewed === 'true' } : {}),
    limit: PAGE_SIZE,
    offset: (readPage(params) - 1) * PAGE_SIZE,
  };
}

export function TriagePage({ user }: { user: User }) {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const page = readPage(searchParams);
  const search = toSearch(filters, page);

  return (
    <>
      <PageHeading>{t('nav.triage')}</PageHeading>
      <p className="lead">{t('triage.intro')}</p>
      <p>
        <Link to="/indicators">{t('triage.indicatorsLink')}</Link>
      </p>
      <KindSwitch filters={filters} />
      <section className="panel" aria-labelledby="triage-filter">
        <h2 id="triage-filter">{t('triage.filter.title')}</h2>
        {/* Keyed by the URL: going back or forward shows that URL's filters in the form. */}
        <FilterForm key={toSearch(filters, 1)} filters={filters} />
      </section>
      <section className="panel" aria-labelledby="triage-results">
        <h2 id="triage-results">{t('triage.results.title')}</h2>
        <Results search={search} user={user} />
      </section>
    </>
  );
}

/** Networks or ads: two links, so the choice is in the URL too; the other filters stay. */
function KindSwitch({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('triage.kind.label')}>
      {KINDS.map((kind) => (
        <Link
          key={kind}
          to={{ search: toSearch({ ...filters, kind }, 1) }}
          aria-current={filters.kind === kind ? 'page' : undefined}
        >
          {t(`triage.kind.${kind}`)}
        </Link>
      ))}
    </div>
  );
}

/** Kept as keys, so the messages follow a change of language. */
type FieldErrors = Partial<Record<FilterName, Key>>;

function FilterForm({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const catalogue = useIndicators();
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = emptyFilters(filters.kind);
    for (const name of FILTERS) {
      const value = data.get(name);
      next[name] = typeof value === 'string' ? value.trim() : '';
    }
    if (next.municipality) next.municipality = normaliseMunicipality(next.municipality);

    const found: FieldErrors = {};
    if (next.municipality && !/^GM\d{4}$/.test(next.municipality))
      found.municipality = 'ads.filter.municipalityInvalid';
    if (next.from && !DATE.test(next.from)) found.from = 'ads.filter.dateInvalid';
    if (next.to && !DATE.test(next.to)) found.to = 'ads.filter.dateInvalid';
    else if (next.from && next.to && next.to < next.from) found.to = 'ads.filter.dateOrder';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    // New filters start at the first page.
    void navigate({ pathname: '/triage', search: toSearch(next, 1) });
  };

  const describe = (name: FilterName, hint: boolean) =>
    filterInputProps(id, name, filters[name], errors, hint);

  const errorOf = (name: FilterName) => {
    const error = errors[name];
    return (
      error && (
        <p className="field-error" id={`${id}-${name}-error`}>
          {t(error)}
        </p>
      )
    );
  };

  const indicators = catalogue.state.status === 'ok' ? catalogue.state.data : [];
  const byLevel = (level: 'ad' | 'network') =>
    indicators
      .filter((d) => d.level === level)
      .sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
  // Ads carry ad-level indicators only; a network may show both.
  const levels: ('ad' | 'network')[] = filters.kind === 'ad' ? ['ad'] : ['ad', 'network'];
  // An indicator in the URL is kept in the list even before the catalogue is in.
  const listed = new Set(indicators.map((d) => d.code));

  return (
    <form className="form ads-filter" role="search" noValidate onSubmit={submit}>
      {Object.keys(errors).length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>{t('ads.filter.checkFields')}</p>
        </div>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-indicator`}>{t('triage.filter.indicator')}</label>
          {/* Keyed by the catalogue: the URL's choice is selected once its option exists. */}
          <select key={indicators.length} {...describe('indicator', false)}>
            <option value="">{t('triage.filter.anyIndicator')}</option>
            {filters.indicator && !listed.has(filters.indicator) && (
              <option value={filters.indicator}>{filters.indicator}</option>
            )}
            {levels.map((level) => (
              <optgroup
                key={level}
                label={t(
                  level === 'ad' ? 'triage.filter.adIndicators' : 'triage.filter.networkIndicators',
                )}
              >
                {byLevel(level).map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name[lang]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('ads.filter.unit')}</label>
          <select {...describe('unit', false)}>
            <option value="">{t('ads.filter.allUnits')}</option>
            {POLICE_UNITS.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reviewed`}>{t('triage.filter.reviewed')}</label>
          <select {...describe('reviewed', false)}>
            <option value="">{t('triage.filter.reviewedAll')}</option>
            <option value="false">{t('triage.filter.reviewedNo')}</option>
            <option value="true">{t('triage.filter.reviewedYes')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-municipality`}>{t('ads.filter.municipality')}</label>
          <input
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            {...describe('municipality', true)}
          />
          <p className="hint" id={`${id}-municipality-hint`}>
            {t('ads.filter.municipalityHint')}
          </p>
          {errorOf('municipality')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('ads.filter.source')}</label>
          <input type="text" autoComplete="off" spellCheck={false} {...describe('source', true)} />
          <p className="hint" id={`${id}-source-hint`}>
            {t('ads.filter.sourceHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('ads.filter.from')}</label>
          <input type="date" {...describe('from', false)} />
          {errorOf('from')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('ads.filter.to')}</label>
          <input type="date" {...describe('to', false)} />
          {errorOf('to')}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t('triage.filter.submit')}
        </button>
        <Link className="button-link" to={{ search: toSearch(emptyFilters(filters.kind), 1) }}>
          {t('ads.filter.clear')}
        </Link>
      </div>
    </form>
  );
}

const fetchList = (search: string) => api.triage(toQuery(search));

/** The list for one URL. While the next one loads, the previous stays in view, dimmed. */
function Results({ search, user }: { search: string; user: User }) {
  const { t } = useI18n();
  const { result, retry, update } = useListing(search, fetchList);

  /** A recorded decision, shown in its row without reloading the list (the order stays). */
  const reviewed = (item: TriageItem, review: NonNullable<TriageItem['review']>) =>
    update((data) => ({
      ...data,
      items: data.items.map((i) =>
        i.kind === item.kind && i.id === item.id ? { ...i, review } : i,
      ),
    }));

  const current = result?.search === search ? result.load : null;
  if (current?.status === 'error') return <ErrorNotice error={current.error} onRetry={retry} />;
  if (result?.load.status !== 'ok') return <Loading />;
  const shown = result.load.data;
  const params = new URLSearchParams(result.search);
  const filters = readFilters(params);
  const page = readPage(params);

  const filtered = FILTERS.some((name) => filters[name]);
  const pages = Math.max(1, Math.ceil(shown.total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = (page - 1) * PAGE_SIZE + shown.items.length;
  const count =
    filters.kind === 'ad'
      ? shown.total === 1
        ? t('ads.results.countOne')
        : t('ads.results.count', { total: shown.total })
      : shown.total === 1
        ? t('networks.results.countOne')
        : t('networks.results.count', { total: shown.total });

  return (
    <div className={current ? undefined : 'stale'} aria-busy={current ? undefined : true}>
      <div className="results-status" role="status">
        {!current ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <p className="results-count">
            <strong>{count}</strong>
            {shown.items.length > 0 && shown.total > PAGE_SIZE && (
              <span className="muted">
                {' '}
                · {t('ads.results.range', { first, last, total: shown.total })}
              </span>
            )}
          </p>
        )}
      </div>
      {shown.total === 0 ? (
        <p className="empty">
          {filtered ? (
            t('triage.results.empty')
          ) : (
            <WithCommand text={t('triage.results.emptyAll')} />
          )}
        </p>
      ) : shown.items.length === 0 ? (
        <p className="empty">{t('ads.results.pastEnd')}</p>
      ) : (
        <TriageTable kind={filters.kind} items={shown.items} user={user} onReviewed={reviewed} />
      )}
      {pages > 1 && <Paging page={page} pages={pages} searchFor={(n) => toSearch(filters, n)} />}
    </div>
  );
}

function TriageTable({
  kind,
  items,
  user,
  onReviewed,
}: {
  kind: Kind;
  items: TriageItem[];
  user: User;
  onReviewed: (item: TriageItem, review: NonNullable<TriageItem['review']>) => void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const location = useLocation();
  // The pages behind the links come back to this very list.
  const backTo = { from: location.search };
  const [form, setForm] = useState<{ id: string; status: ReviewStatus } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const columns = kind === 'network' ? 7 : 6;

  /** What a row is called: an ad's title, a network's id. */
  const label = (item: TriageItem) => (item.kind === 'ad' ? item.label : item.id);

  return (
    <>
      <p className="visually-hidden" role="status">
        {done}
      </p>
      <div
        className="table-scroll triage-table-wrap"
        role="region"
        aria-labelledby="triage-results"
        tabIndex={0}
      >
        <table className="table triage-table cards-on-phone" data-kind={kind}>
          <thead>
            <tr>
              <th scope="col">{t('triage.col.risk')}</th>
              <th scope="col">{t(kind === 'ad' ? 'triage.col.ad' : 'triage.col.network')}</th>
              <th scope="col">{t('triage.col.units')}</th>
              {kind === 'network' && (
                <th scope="col" className="num">
                  {t('triage.col.ads')}
                </th>
              )}
              <th scope="col">{t('triage.col.lastSeen')}</th>
              <th scope="col">{t('triage.col.reasons')}</th>
              <th scope="col">{t('triage.col.review')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const open = form?.id === item.id ? form : null;
              const href =
                item.kind === 'ad'
                  ? `/ads/${encodeURIComponent(item.id)}`
                  : `/networks/${encodeURIComponent(item.id)}`;
              return (
                <Fragment key={item.id}>
                  <tr data-id={item.id} className={open ? 'has-form' : undefined}>
                    <td data-label={t('triage.col.risk')}>
                      <RiskMeter risk={item.risk} />
                    </td>
                    <th scope="row">
                      <Link to={href} state={backTo}>
                        {item.kind === 'ad' ? (
                          label(item)
                        ) : (
                          <code className="break">{item.id}</code>
                        )}
                      </Link>
                      {item.kind === 'ad' && item.networkId && (
                        <span className="cell-sub">
                          {t('triage.inNetwork')}{' '}
                          <Link to={`/networks/${encodeURIComponent(item.networkId)}`}>
                            <code title={item.networkId}>{item.networkId.slice(0, 12)}…</code>
                          </Link>
                        </span>
                      )}
                    </th>
                    <td data-label={t('triage.col.units')}>
                      {item.policeUnits.map(unitLabel).join(', ') || '—'}
                    </td>
                    {item.kind === 'network' && (
                      <td data-label={t('triage.col.ads')} className="num">
                        {formatNumber(item.ads)}
                      </td>
                    )}
                    <td data-label={t('triage.col.lastSeen')}>
                      <time dateTime={item.lastSeen}>{formatDateTime(item.lastSeen)}</time>
                    </td>
                    {/* Each cell's content in one element: on a phone the label is put before it. */}
                    <td data-label={t('triage.col.reasons')} className="reasons-cell">
                      <div>
                        <ReasonChips reasons={item.reasons} kind={item.kind} />
                      </div>
                    </td>
                    <td data-label={t('triage.col.review')} className="review-cell">
                      <div>
                        <ReviewStatusView review={item.review} />
                        <div
                          className="row-actions review-actions"
                          role="group"
                          aria-label={t('triage.actionsFor', { label: label(item) })}
                        >
                          {REVIEW_STATUSES.map((status) => (
                            <button
                              key={status}
                              type="button"
                              className="button-secondary button-small"
                              aria-expanded={open?.status === status}
                              onClick={() =>
                                setForm(open?.status === status ? null : { id: item.id, status })
                              }
                            >
                              {t(`review.action.${status}`)}
                            </button>
                          ))}
                        </div>
                      </div>
                    </td>
                  </tr>
                  {open && (
                    <tr className="review-form-row">
                      <td colSpan={columns}>
                        <ReviewForm
                          item={item}
                          label={label(item)}
                          status={open.status}
                          user={user}
                          onCancel={() => setForm(null)}
                          onDone={(review) => {
                            onReviewed(item, review);
                            setForm(null);
                            setDone(
                              t('review.done', {
                                label: label(item),
                                status: t(`review.status.${review.status}`),
                              }),
                            );
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ReviewForm({
  item,
  label,
  status,
  user,
  onCancel,
  onDone,
}: {
  item: TriageItem;
  label: string;
  status: ReviewStatus;
  user: User;
  onCancel: () => void;
  onDone: (review: NonNullable<TriageItem['review']>) => void;
}) {
  const { t, errorText } = useI18n();
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    input.current?.focus();
  }, [status]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = input.current?.value.trim() ?? '';
    setMissing(!reason);
    setFailed(null);
    if (!reason) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.review({ kind: item.kind, id: item.id, status, reason });
      // The server records the account name and its own clock; this shows the same until reload.
      onDone({ status, reason, by: user.username, at: new Date().toISOString() });
    } catch (error) {
      setFailed(
        error instanceof ApiError && error.fields.some((f) => f.field === 'reason')
          ? t('review.form.required')
          : errorText(error),
      );
      setBusy(false);
    }
  };

  const describedBy = [`${id}-hint`, missing ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form className="form review-form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="review-form-title">
        <strong>{t('review.form.title', { label, status: t(`review.status.${status}`) })}</strong>
      </p>
      {failed && (
        <div className="notice notice-error" role="alert">
          <p>{failed}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('review.form.reason')}</label>
        <textarea
          ref={input}
          id={`${id}-reason`}
          name="reason"
          rows={2}
          maxLength={500}
          required
          aria-required="true"
          aria-invalid={missing || undefined}
          aria-describedby={describedBy}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('review.form.hint')}
        </p>
        {missing && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {t('review.form.required')}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary button-small" disabled={busy}>
          {busy ? t('review.form.busy') : t('review.form.save')}
        </button>
        <button type="button" className="button-secondary button-small" onClick={onCancel}>
          {t('review.form.cancel')}
        </button>
      </div>
    </form>
  );
}
