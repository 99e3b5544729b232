/**
 * The ads list: search and filters, all kept in the URL's query string so a filtered list can be
 * bookmarked, shared and reached again with the back button.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, POLICE_UNITS } from '../api';
import type { AdQuery, AdSummary } from '../api';
import { useI18n } from '../i18n';
import { filterInputProps, normaliseMunicipality, readPage, useListing } from '../listing';
import type { Key } from '../i18n';
import { ErrorNotice, Loading, PageHeading, Paging } from '../ui';

const PAGE_SIZE = 50;

/** The filters, by their name in both the page's URL and the API's query string. */
const FILTERS = ['q', 'source', 'unit', 'municipality', 'from', 'to', 'phone'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;
/** The filters folded under "more filters". */
const MORE_FILTERS: readonly FilterName[] = ['municipality', 'source', 'from', 'to'];

function readFilters(params: URLSearchParams): Filters {
  const filters = {} as Filters;
  for (const name of FILTERS) filters[name] = params.get(name)?.trim() ?? '';
  return filters;
}

/** The URL query string for these filters and page, without empty values. */
function toSearch(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

function toQuery(search: string): AdQuery {
  const params = new URLSearchParams(search);
  const filters = readFilters(params);
  const query: AdQuery = { limit: PAGE_SIZE, offset: (readPage(params) - 1) * PAGE_SIZE };
  for (const name of FILTERS) if (filters[name]) query[name] = filters[name];
  return query;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function AdsPage() {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const page = readPage(searchParams);
  const search = toSearch(filters, page);

  return (
    <>
      <PageHeading>{t('nav.ads')}</PageHeading>
      <p className="lead">{t('ads.intro')}</p>
      <section className="panel" aria-labelledby="ads-filter">
        <h2 id="ads-filter">{t('ads.filter.title')}</h2>
        {/* Keyed by the URL: going back or forward shows that URL's filters in the form. */}
        <FilterForm key={toSearch(filters, 1)} filters={filters} />
      </section>
      <section className="panel" aria-labelledby="ads-results">
        <h2 id="ads-results">{t('ads.results.title')}</h2>
        <Results search={search} />
      </section>
    </>
  );
}

/** Kept as keys, so the messages follow a change of language. */
type FieldErrors = Partial<Record<FilterName, Key>>;

function FilterForm({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FieldErrors>({});
  // The less used filters fold away, unless one of them is in use.
  const activeMore = MORE_FILTERS.filter((name) => filters[name]).length;
  const [more, setMore] = useState(activeMore > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = {} as Filters;
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
    if (Object.keys(found).length > 0) {
      if (MORE_FILTERS.some((name) => found[name])) setMore(true);
      return;
    }
    // New filters start at the first page.
    void navigate({ pathname: '/ads', search: toSearch(next, 1) });
  };

  const describe = (name: FilterName, hint: boolean) =>
    filterInputProps(id, name, filters[name], errors, hint);

  const hintOf = (name: FilterName, key: Key) => (
    <p className="hint" id={`${id}-${name}-hint`}>
      {t(key)}
    </p>
  );

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

  return (
    <form className="form ads-filter" role="search" noValidate onSubmit={submit}>
      {Object.keys(errors).length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>{t('ads.filter.checkFields')}</p>
        </div>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('ads.filter.q')}</label>
          <input type="search" {...describe('q', true)} />
          {hintOf('q', 'ads.filter.qHint')}
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
          <label htmlFor={`${id}-phone`}>{t('ads.filter.phone')}</label>
          <input type="text" inputMode="tel" autoComplete="off" {...describe('phone', true)} />
          {hintOf('phone', 'ads.filter.phoneHint')}
        </div>
      </div>
      <details
        className="more-filters"
        open={more}
        onToggle={(event) => setMore(event.currentTarget.open)}
      >
        <summary>
          {activeMore > 0
            ? t('ads.filter.moreActive', { count: activeMore })
            : t('ads.filter.more')}
        </summary>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-municipality`}>{t('ads.filter.municipality')}</label>
            <input
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              {...describe('municipality', true)}
            />
            {hintOf('municipality', 'ads.filter.municipalityHint')}
            {errorOf('municipality')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-source`}>{t('ads.filter.source')}</label>
            <input
              type="text"
              autoComplete="off"
              spellCheck={false}
              {...describe('source', true)}
            />
            {hintOf('source', 'ads.filter.sourceHint')}
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
      </details>
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t('ads.filter.submit')}
        </button>
        <Link className="button-link" to="/ads">
          {t('ads.filter.clear')}
        </Link>
      </div>
    </form>
  );
}

const fetchList = (search: string) => api.ads(toQuery(search));

/** The list for one URL. While the next one loads, the previous stays in view, dimmed. */
function Results({ search }: { search: string }) {
  const { t } = useI18n();
  const { result, retry } = useListing(search, fetchList);

  const current = result?.search === search ? result.load : null;
  if (current?.status === 'error') return <ErrorNotice error={current.error} onRetry={retry} />;
  // Until this URL's answer is in, the last list shown stays (dimmed), so nothing jumps.
  if (result?.load.status !== 'ok') return <Loading />;
  const shown = result.load.data;
  const params = new URLSearchParams(result.search);
  const filters = readFilters(params);
  const page = readPage(params);

  const filtered = FILTERS.some((name) => filters[name]);
  const pages = Math.max(1, Math.ceil(shown.total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = (page - 1) * PAGE_SIZE + shown.items.length;

  return (
    <div className={current ? undefined : 'stale'} aria-busy={current ? undefined : true}>
      <div className="results-status" role="status">
        {!current ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <p className="results-count">
            <strong>
              {shown.total === 1
                ? t('ads.results.countOne')
                : t('ads.results.count', { total: shown.total })}
            </strong>
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
        <p className="empty">{t(filtered ? 'ads.results.empty' : 'ads.results.emptyAll')}</p>
      ) : shown.items.length === 0 ? (
        <p className="empty">{t('ads.results.pastEnd')}</p>
      ) : (
        <AdsTable items={shown.items} />
      )}
      {pages > 1 && <Paging page={page} pages={pages} searchFor={(n) => toSearch(filters, n)} />}
    </div>
  );
}

function AdsTable({ items }: { items: AdSummary[] }) {
  const { t, formatDateTime, formatEuro, formatNumber } = useI18n();
  const location = useLocation();
  // The ad page links back to this very list: filters and page.
  const backTo = { from: location.search };

  return (
    <div
      className="table-scroll ads-table-wrap"
      role="region"
      aria-labelledby="ads-results"
      tabIndex={0}
    >
      <table className="table ads-table cards-on-phone">
        <thead>
          <tr>
            <th scope="col">{t('ads.col.lastSeen')}</th>
            <th scope="col">{t('ads.col.title')}</th>
            <th scope="col">{t('ads.col.name')}</th>
            <th scope="col">{t('ads.col.place')}</th>
            <th scope="col" className="num">
              {t('ads.col.age')}
            </th>
            <th scope="col" className="num">
              {t('ads.col.price')}
            </th>
            <th scope="col" className="num">
              {t('ads.col.captures')}
            </th>
            <th scope="col">{t('ads.col.source')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ad) => (
            <tr key={ad.id}>
              {/* Each cell's content in one element: on a phone the label is put before it. */}
              <td data-label={t('ads.col.lastSeen')}>
                <time dateTime={ad.lastSeen}>{formatDateTime(ad.lastSeen)}</time>
              </td>
              <th scope="row">
                <Link to={`/ads/${ad.id}`} state={backTo}>
                  {ad.title || t('ads.untitled')}
                </Link>
              </th>
              <td data-label={t('ads.col.name')}>
                <span>{ad.name ?? '—'}</span>
              </td>
              <td data-label={t('ads.col.place')}>
                <span>
                  <Place ad={ad} />
                </span>
              </td>
              <td data-label={t('ads.col.age')} className="num">
                <span>{ad.age === null ? '—' : formatNumber(ad.age)}</span>
              </td>
              <td data-label={t('ads.col.price')} className="num">
                <span>{ad.priceEurPerHour === null ? '—' : formatEuro(ad.priceEurPerHour)}</span>
              </td>
              <td data-label={t('ads.col.captures')} className="num">
                <span>{formatNumber(ad.captures)}</span>
              </td>
              <td data-label={t('ads.col.source')}>
                <span>
                  {ad.source}
                  <span className="muted small"> #{ad.sourceId}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Place({ ad }: { ad: AdSummary }) {
  const { t } = useI18n();
  if (!ad.municipality) {
    if (!ad.location) return <>—</>;
    return (
      <>
        {ad.location}
        <span className="cell-sub muted">{t('ads.unresolved')}</span>
      </>
    );
  }
  return (
    <>
      {ad.municipality}
      {ad.policeUnitName && <span className="cell-sub muted">{ad.policeUnitName}</span>}
    </>
  );
}
