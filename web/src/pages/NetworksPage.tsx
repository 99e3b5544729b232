/**
 * The networks list: groups of ads with one advertiser behind them, filtered and sorted through the
 * URL's query string (bookmarkable, back-button safe), like the ads list.
 */
import { useId } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, POLICE_UNITS } from '../api';
import type { NetworkListQuery, NetworkSummary } from '../api';
import { useI18n } from '../i18n';
import { readPage, useListing } from '../listing';
import { EVIDENCE_TYPES, EvidenceSwatch, unitLabel, useEvidenceWords } from '../networks/evidence';
import { ErrorNotice, Loading, PageHeading, Paging } from '../ui';

const PAGE_SIZE = 50;

const SORTS = ['ads', 'units', 'lastSeen', 'firstSeen'] as const;
type Sort = (typeof SORTS)[number];
const DEFAULT_SORT: Sort = 'ads';

/** The most police units a network can span. */
const MAX_UNITS = POLICE_UNITS.length;

interface Filters {
  q: string;
  unit: string;
  /** '' or 2…10. */
  minUnits: string;
  sort: Sort;
}

function isSort(value: string | null): value is Sort {
  return (SORTS as readonly (string | null)[]).includes(value);
}

function readFilters(params: URLSearchParams): Filters {
  const sort = params.get('sort');
  const minUnits = Number.parseInt(params.get('minUnits') ?? '', 10);
  return {
    q: params.get('q')?.trim() ?? '',
    unit: params.get('unit')?.trim() ?? '',
    minUnits: minUnits >= 2 && minUnits <= MAX_UNITS ? String(minUnits) : '',
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

/** The URL query string for these filters and page, without empty or default values. */
function toSearch(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.unit) params.set('unit', filters.unit);
  if (filters.minUnits) params.set('minUnits', filters.minUnits);
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

function toQuery(search: string): NetworkListQuery {
  const params = new URLSearchParams(search);
  const filters = readFilters(params);
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.minUnits ? { minUnits: Number(filters.minUnits) } : {}),
    sort: filters.sort,
    limit: PAGE_SIZE,
    offset: (readPage(params) - 1) * PAGE_SIZE,
  };
}

export function NetworksPage() {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const page = readPage(searchParams);
  const search = toSearch(filters, page);

  return (
    <>
      <PageHeading>{t('nav.networks')}</PageHeading>
      <p className="lead">{t('networks.intro')}</p>
      <section className="panel" aria-labelledby="networks-filter">
        <h2 id="networks-filter">{t('networks.filter.title')}</h2>
        {/* Keyed by the URL: going back or forward shows that URL's filters in the form. */}
        <FilterForm key={toSearch(filters, 1)} filters={filters} />
      </section>
      <section className="panel" aria-labelledby="networks-results">
        <h2 id="networks-results">{t('networks.results.title')}</h2>
        <Results search={search} />
      </section>
    </>
  );
}

function FilterForm({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const sort = text('sort');
    const next: Filters = {
      q: text('q'),
      unit: text('unit'),
      minUnits: text('minUnits'),
      sort: isSort(sort) ? sort : DEFAULT_SORT,
    };
    // New filters start at the first page.
    void navigate({ pathname: '/networks', search: toSearch(next, 1) });
  };

  return (
    <form className="form ads-filter" role="search" noValidate onSubmit={submit}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('networks.filter.q')}</label>
          <input
            type="search"
            id={`${id}-q`}
            name="q"
            autoComplete="off"
            spellCheck={false}
            defaultValue={filters.q}
            aria-describedby={`${id}-q-hint`}
          />
          <p className="hint" id={`${id}-q-hint`}>
            {t('networks.filter.qHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('networks.filter.unit')}</label>
          <select id={`${id}-unit`} name="unit" defaultValue={filters.unit}>
            <option value="">{t('ads.filter.allUnits')}</option>
            {POLICE_UNITS.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-minUnits`}>{t('networks.filter.minUnits')}</label>
          <select id={`${id}-minUnits`} name="minUnits" defaultValue={filters.minUnits}>
            <option value="">{t('networks.filter.anyUnits')}</option>
            {Array.from({ length: MAX_UNITS - 1 }, (_, i) => i + 2).map((n) => (
              <option key={n} value={String(n)}>
                {t('networks.filter.atLeastUnits', { count: n })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('networks.filter.sort')}</label>
          <select id={`${id}-sort`} name="sort" defaultValue={filters.sort}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`networks.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t('networks.filter.submit')}
        </button>
        <Link className="button-link" to="/networks">
          {t('ads.filter.clear')}
        </Link>
      </div>
    </form>
  );
}

const fetchList = (search: string) => api.networks(toQuery(search));

/** The list for one URL. While the next one loads, the previous stays in view, dimmed. */
function Results({ search }: { search: string }) {
  const { t } = useI18n();
  const { result, retry } = useListing(search, fetchList);

  const current = result?.search === search ? result.load : null;
  if (current?.status === 'error') return <ErrorNotice error={current.error} onRetry={retry} />;
  if (result?.load.status !== 'ok') return <Loading />;
  const shown = result.load.data;
  const params = new URLSearchParams(result.search);
  const filters = readFilters(params);
  const page = readPage(params);

  const filtered = Boolean(filters.q || filters.unit || filters.minUnits);
  const pages = Math.max(1, Math.ceil(shown.total / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = (page - 1) * PAGE_SIZE + shown.networks.length;

  return (
    <div className={current ? undefined : 'stale'} aria-busy={current ? undefined : true}>
      <div className="results-status" role="status">
        {!current ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <p className="results-count">
            <strong>
              {shown.total === 1
                ? t('networks.results.countOne')
                : t('networks.results.count', { total: shown.total })}
            </strong>
            {shown.networks.length > 0 && shown.total > PAGE_SIZE && (
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
          {t(filtered ? 'networks.results.empty' : 'networks.results.emptyAll')}
        </p>
      ) : shown.networks.length === 0 ? (
        <p className="empty">{t('ads.results.pastEnd')}</p>
      ) : (
        <NetworksTable networks={shown.networks} />
      )}
      {pages > 1 && <Paging page={page} pages={pages} searchFor={(n) => toSearch(filters, n)} />}
    </div>
  );
}

function NetworksTable({ networks }: { networks: NetworkSummary[] }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const words = useEvidenceWords();
  const location = useLocation();
  const noteId = useId();
  // The network page links back to this very list: filters and page.
  const backTo = { from: location.search };
  const anyHub = networks.some((n) => n.hubCorroborated);

  return (
    <>
      <div
        className="table-scroll networks-table-wrap"
        role="region"
        aria-labelledby="networks-results"
        tabIndex={0}
      >
        <table className="table networks-table">
          <thead>
            <tr>
              <th scope="col">{t('networks.col.id')}</th>
              <th scope="col" className="num">
                {t('networks.col.ads')}
              </th>
              <th scope="col">{t('networks.col.units')}</th>
              <th scope="col" className="num">
                {t('networks.col.municipalities')}
              </th>
              <th scope="col" className="num">
                {t('networks.col.phones')}
              </th>
              <th scope="col" className="num">
                {t('networks.col.names')}
              </th>
              <th scope="col">{t('networks.col.firstSeen')}</th>
              <th scope="col">{t('networks.col.lastSeen')}</th>
              <th scope="col">{t('networks.col.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {networks.map((network) => (
              <tr key={network.id}>
                <th scope="row">
                  <Link to={`/networks/${encodeURIComponent(network.id)}`} state={backTo}>
                    <code>{network.id}</code>
                  </Link>
                  {network.hubCorroborated && (
                    <span
                      className="badge badge-hub cell-badge"
                      title={t('networks.hubNote')}
                      aria-describedby={noteId}
                    >
                      {t('networks.hubMarker')}
                    </span>
                  )}
                </th>
                <td data-label={t('networks.col.ads')} className="num">
                  <span>{formatNumber(network.ads)}</span>
                </td>
                <td data-label={t('networks.col.units')}>
                  <span>{network.policeUnits.map(unitLabel).join(', ') || '—'}</span>
                </td>
                <td data-label={t('networks.col.municipalities')} className="num">
                  <span>{formatNumber(network.municipalities)}</span>
                </td>
                <td data-label={t('networks.col.phones')} className="num">
                  <span>{formatNumber(network.phones)}</span>
                </td>
                <td data-label={t('networks.col.names')} className="num">
                  <span>{formatNumber(network.names)}</span>
                </td>
                <td data-label={t('networks.col.firstSeen')}>
                  <time dateTime={network.firstSeen}>{formatDateTime(network.firstSeen)}</time>
                </td>
                <td data-label={t('networks.col.lastSeen')}>
                  <time dateTime={network.lastSeen}>{formatDateTime(network.lastSeen)}</time>
                </td>
                <td data-label={t('networks.col.evidence')}>
                  <ul className="evidence-counts">
                    {EVIDENCE_TYPES.filter((type) => network.evidence[type] > 0).map((type) => (
                      <li key={type}>
                        <EvidenceSwatch type={type} />
                        {words.typeName(type)} {formatNumber(network.evidence[type])}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anyHub && (
        <p className="hint table-note" id={noteId}>
          <span className="badge badge-hub">{t('networks.hubMarker')}</span> {t('networks.hubNote')}
        </p>
      )}
    </>
  );
}
