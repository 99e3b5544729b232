/**
 * One network: what it is, its risk with its indicators, its ads, every piece of evidence that
 * links them (as a graph and as a table, each link with its role), the text templates with their
 * slots, the reused photos side by side, where its ads were week by week (table and map), and the
 * numbers and names it used.
 */
import { Fragment, lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, imageUrl, POLICE_UNITS } from '../api';
import type {
  EvidenceView,
  MovementWeek,
  NetworkDetail,
  NetworkMember,
  SharedPhoto,
  TemplateSlotView,
} from '../api';
import { useI18n } from '../i18n';
import type { Key } from '../i18n';
import {
  EVIDENCE_ROLES,
  EVIDENCE_TYPES,
  EvidenceSwatch,
  isDashed,
  RoleBadge,
  unitLabel,
  useEvidenceWords,
} from '../networks/evidence';
import { NetworkRiskPanel } from '../risk/RiskPanel';
import { ErrorBoundary, ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

// The heavy parts (WebGL graph, map) load on their own, after the page's text.
const EvidenceGraph = lazy(() => import('../networks/EvidenceGraph'));
const MovementMap = lazy(() => import('../networks/MovementMap'));

const NETWORK_ID = /^net-[0-9a-f]{32}$/;

/** Roles in the order the table lists them: what linked first, then what only supports. */
const ROLE_ORDER = new Map(EVIDENCE_ROLES.map((role, i) => [role, i]));
const TYPE_ORDER = new Map(EVIDENCE_TYPES.map((type, i) => [type, i]));

export function NetworkPage() {
  const { id = '' } = useParams();
  // A new id is a new page: start from "loading" rather than showing the previous network.
  return <NetworkView key={id} id={id} />;
}

function NetworkView({ id }: { id: string }) {
  const { t } = useI18n();
  const location = useLocation();
  // An id that cannot be a network is not asked for: it is simply not found.
  const load = useCallback(
    () =>
      NETWORK_ID.test(id)
        ? api.network(id)
        : Promise.reject(new ApiError(404, 'not_found', `no network ${id}`)),
    [id],
  );
  const { state, reload } = useLoad(load);

  // Back to the list as it was left: its filters and page.
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  const back = typeof from === 'string' && from.startsWith('?') ? from : '';
  const shownId = state.status === 'ok' ? state.data.id : id;

  return (
    <>
      <p className="back-link">
        <Link to={`/networks${back}`}>
          <span aria-hidden="true">← </span>
          {t('network.back')}
        </Link>
      </p>
      <PageHeading>{t('network.heading', { id: shownId })}</PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <ErrorNotice
          error={state.error}
          onRetry={
            state.error instanceof ApiError && state.error.status === 404 ? undefined : reload
          }
        />
      )}
      {state.status === 'ok' && <NetworkBody network={state.data} requested={id} />}
    </>
  );
}

function NetworkBody({ network, requested }: { network: NetworkDetail; requested: string }) {
  const { t } = useI18n();
  const members = useMemo(() => new Map(network.members.map((m) => [m.id, m])), [network]);
  const adLabel = useCallback(
    (ad: string) => {
      const member = members.get(ad);
      return member?.title || member?.name || ad.slice(0, 8);
    },
    [members],
  );

  return (
    <>
      {requested !== network.id && (
        <div className="notice notice-info" role="note" data-testid="formerly">
          <p>{t('network.formerly', { old: requested, id: network.id })}</p>
        </div>
      )}
      <NetworkFacts network={network} />
      {network.hubCorroborated && (
        <div className="notice notice-info" role="note">
          <p>{t('network.hubNotice')}</p>
        </div>
      )}

      <NetworkRiskPanel network={network} />

      <section className="panel" aria-labelledby="network-members">
        <h2 id="network-members">{t('network.members.title')}</h2>
        <Members members={network.members} />
      </section>

      <section className="panel" aria-labelledby="network-graph">
        <h2 id="network-graph">{t('network.graph.title')}</h2>
        <p className="muted">{t('network.graph.intro')}</p>
        <ErrorBoundary>
          <Suspense fallback={<Loading />}>
            <EvidenceGraph network={network} />
          </Suspense>
        </ErrorBoundary>
      </section>

      <section className="panel" aria-labelledby="network-evidence">
        <h2 id="network-evidence">{t('network.evidence.title')}</h2>
        <p className="muted">{t('network.evidence.intro')}</p>
        <EvidenceTable evidence={network.evidenceList} adLabel={adLabel} />
      </section>

      <section className="panel" aria-labelledby="network-templates">
        <h2 id="network-templates">{t('network.templates.title')}</h2>
        {network.templates.length === 0 ? (
          <p className="empty">{t('network.templates.empty')}</p>
        ) : (
          <>
            <p className="muted">{t('network.templates.intro')}</p>
            {network.templates.map((template, n) => (
              <Template key={n} template={template} n={n + 1} adLabel={adLabel} />
            ))}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="network-photos">
        <h2 id="network-photos">{t('network.photos.title')}</h2>
        {network.photos.length === 0 ? (
          <p className="empty">{t('network.photos.empty')}</p>
        ) : (
          <>
            <p className="muted">{t('network.photos.intro')}</p>
            {network.photos.map((photo) => (
              <PhotoGroup key={photo.sha256} photo={photo} adLabel={adLabel} />
            ))}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="network-movement">
        <h2 id="network-movement">{t('network.movement.title')}</h2>
        <Movement movement={network.movement} />
      </section>

      <section className="panel" aria-labelledby="network-used">
        <h2 id="network-used">{t('network.used.title')}</h2>
        <div className="used-lists">
          <UsedList
            heading="network.used.phones"
            items={network.phoneList}
            link={(value) => ({
              pathname: '/ads',
              search: `?${new URLSearchParams({ phone: value })}`,
            })}
          />
          <UsedList heading="network.used.names" items={network.nameList} />
        </div>
      </section>
    </>
  );
}

function NetworkFacts({ network }: { network: NetworkDetail }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const words = useEvidenceWords();
  const facts: { key: string; label: string; value: ReactNode }[] = [
    { key: 'ads', label: t('networks.col.ads'), value: formatNumber(network.ads) },
    {
      key: 'units',
      label: t('networks.col.units'),
      value: network.policeUnits.map(unitLabel).join(', ') || '—',
    },
    {
      key: 'municipalities',
      label: t('networks.col.municipalities'),
      value: formatNumber(network.municipalities),
    },
    { key: 'phones', label: t('networks.col.phones'), value: formatNumber(network.phones) },
    { key: 'names', label: t('networks.col.names'), value: formatNumber(network.names) },
    {
      key: 'firstSeen',
      label: t('networks.col.firstSeen'),
      value: <time dateTime={network.firstSeen}>{formatDateTime(network.firstSeen)}</time>,
    },
    {
      key: 'lastSeen',
      label: t('networks.col.lastSeen'),
      value: <time dateTime={network.lastSeen}>{formatDateTime(network.lastSeen)}</time>,
    },
    {
      key: 'evidence',
      label: t('networks.col.evidence'),
      value:
        EVIDENCE_TYPES.filter((type) => network.evidence[type] > 0)
          .map((type) => `${words.typeName(type)} ${formatNumber(network.evidence[type])}`)
          .join(' · ') || '—',
    },
    {
      key: 'linkedAt',
      label: t('network.linkedAt'),
      value: <time dateTime={network.linkedAt}>{formatDateTime(network.linkedAt)}</time>,
    },
  ];
  if (network.mergedFrom.length > 0)
    facts.push({
      key: 'mergedFrom',
      label: t('network.mergedFrom'),
      value: <code className="break">{network.mergedFrom.map((old) => old).join(', ')}</code>,
    });
  return (
    <dl className="facts panel">
      {facts.map((fact) => (
        <div key={fact.key}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Members({ members }: { members: NetworkMember[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby="network-members" tabIndex={0}>
      <table className="table members-table">
        <thead>
          <tr>
            <th scope="col">{t('ads.col.title')}</th>
            <th scope="col">{t('ads.col.name')}</th>
            <th scope="col">{t('network.members.phones')}</th>
            <th scope="col">{t('ads.col.place')}</th>
            <th scope="col">{t('ads.col.source')}</th>
            <th scope="col">{t('networks.col.firstSeen')}</th>
            <th scope="col">{t('networks.col.lastSeen')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <th scope="row">
                <Link to={`/ads/${member.id}`}>{member.title || t('ads.untitled')}</Link>
              </th>
              <td>{member.name ?? '—'}</td>
              <td translate="no">
                {member.phones.length === 0
                  ? '—'
                  : member.phones.map((phone) => (
                      <span key={phone} className="cell-line">
                        {phone}
                      </span>
                    ))}
              </td>
              <td>
                {member.municipality ?? '—'}
                {member.policeUnit && (
                  <span className="cell-sub muted">{unitLabel(member.policeUnit)}</span>
                )}
              </td>
              <td>{member.source}</td>
              <td>
                <time dateTime={member.firstSeen}>{formatDateTime(member.firstSeen)}</time>
              </td>
              <td>
                <time dateTime={member.lastSeen}>{formatDateTime(member.lastSeen)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EvidenceTable({
  evidence,
  adLabel,
}: {
  evidence: EvidenceView[];
  adLabel: (ad: string) => string;
}) {
  const { t, formatNumber } = useI18n();
  const words = useEvidenceWords();
  const sorted = useMemo(
    () =>
      [...evidence].sort(
        (x, y) =>
          (ROLE_ORDER.get(x.role) ?? 9) - (ROLE_ORDER.get(y.role) ?? 9) ||
          (TYPE_ORDER.get(x.type) ?? 9) - (TYPE_ORDER.get(y.type) ?? 9) ||
          y.weight - x.weight,
      ),
    [evidence],
  );
  if (evidence.length === 0) return <p className="empty">{t('network.evidence.empty')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="network-evidence" tabIndex={0}>
      <table className="table evidence-table">
        <thead>
          <tr>
            <th scope="col">{t('network.evidence.col.type')}</th>
            <th scope="col">{t('network.evidence.col.ads')}</th>
            <th scope="col">{t('network.evidence.col.shared')}</th>
            <th scope="col" className="num">
              {t('network.evidence.col.weight')}
            </th>
            <th scope="col">{t('network.evidence.col.role')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((e) => (
            <tr key={`${e.type}:${e.a}:${e.b}:${e.value}`} data-role={e.role}>
              <td>
                <EvidenceSwatch type={e.type} dashed={isDashed(e)} />
                {words.typeName(e.type)}
              </td>
              <td>
                <Link to={`/ads/${e.a}`}>{adLabel(e.a)}</Link>
                <span aria-hidden="true"> ↔ </span>
                <span className="visually-hidden"> {t('network.evidence.and')} </span>
                <Link to={`/ads/${e.b}`}>{adLabel(e.b)}</Link>
              </td>
              <td>
                {words.shared(e) ? (
                  <span className="break" translate="no">
                    {words.shared(e)}
                  </span>
                ) : (
                  words.sentence(e)
                )}
              </td>
              <td className="num">{formatNumber(Math.round(e.weight * 100) / 100)}</td>
              <td>
                <RoleBadge evidence={e} />
                <span className="cell-sub muted">{words.roleText(e.role)}</span>
                {e.hub && <span className="cell-sub hub-text">{t('evidence.hubText')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Known slot names (src/link/templates.ts), in words; others are shown as they are. */
const SLOT_NAMES = new Map<string, Key>([
  ['name', 'network.slot.name'],
  ['age', 'network.slot.age'],
  ['place', 'network.slot.place'],
  ['price', 'network.slot.price'],
  ['phone', 'network.slot.phone'],
]);

function Template({
  template,
  n,
  adLabel,
}: {
  template: TemplateSlotView;
  n: number;
  adLabel: (ad: string) => string;
}) {
  const { t } = useI18n();
  const words = useEvidenceWords();
  const similarity =
    template.similarity.min === template.similarity.max
      ? words.decimal(template.similarity.min)
      : `${words.decimal(template.similarity.min)}–${words.decimal(template.similarity.max)}`;
  return (
    <article className="template" aria-labelledby={`template-${n}`}>
      <h3 id={`template-${n}`}>
        {t('network.templates.heading', { n, count: template.ads.length, similarity })}
      </h3>
      <p className="small">
        {template.ads.map((ad, i) => (
          <Fragment key={ad}>
            {i > 0 && ', '}
            <Link to={`/ads/${ad}`}>{adLabel(ad)}</Link>
          </Fragment>
        ))}
      </p>
      <p className="template-text">
        {template.parts.map((part, i) =>
          'text' in part ? (
            <Fragment key={i}>{part.text}</Fragment>
          ) : (
            <Slot key={i} slot={part.slot} values={part.values} />
          ),
        )}
      </p>
    </article>
  );
}

/** A slot: its name as a chip; its values on hover (title) and, for keyboards, on expand. */
function Slot({ slot, values }: { slot: string; values: string[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const key = SLOT_NAMES.get(slot);
  const name = key ? t(key) : slot;
  const list = values.filter((v) => v !== '');
  return (
    <>
      <button
        type="button"
        className="slot"
        aria-expanded={open}
        title={t('network.slot.title', { name, values: list.join(' · ') })}
        onClick={() => setOpen((o) => !o)}
      >
        {name}
        <span className="slot-count">{list.length}</span>
      </button>
      {open && (
        <span className="slot-values">
          <span className="visually-hidden">{t('network.slot.valuesOf', { name })}: </span>
          {list.map((value, i) => (
            <span key={i} className="slot-value">
              {value}
            </span>
          ))}
        </span>
      )}
    </>
  );
}

function PhotoGroup({ photo, adLabel }: { photo: SharedPhoto; adLabel: (ad: string) => string }) {
  const { t } = useI18n();
  return (
    <article
      className="photo-group"
      aria-label={t('network.photos.group', { count: photo.copies.length })}
    >
      <h3 className="subheading">
        {t('network.photos.group', { count: photo.copies.length })}
        {photo.hub && (
          <>
            {' '}
            <span className="badge badge-hub" title={t('evidence.hubText')}>
              {t('evidence.hub')}
            </span>
          </>
        )}
      </h3>
      <ul className="photo-copies">
        {photo.copies.map((copy) => (
          <li key={`${copy.ad}:${copy.sha256}`}>
            <a
              className="photo"
              href={imageUrl(copy.sha256)}
              target="_blank"
              rel="noreferrer noopener"
            >
              <img
                src={imageUrl(copy.sha256)}
                loading="lazy"
                alt={t('evidence.photoAlt', { ad: adLabel(copy.ad) })}
              />
              <span className="visually-hidden"> {t('ad.newWindow')}</span>
            </a>
            <Link className="small" to={`/ads/${copy.ad}`}>
              {adLabel(copy.ad)}
            </Link>
            <span className="small muted">
              {copy.distance === 0
                ? t('network.photos.same')
                : t('evidence.distance', { value: copy.distance })}
            </span>
          </li>
        ))}
      </ul>
    </article>
  );
}

function Movement({ movement }: { movement: MovementWeek[] }) {
  const { t, formatNumber, formatDate } = useI18n();
  const weeks = useMemo(
    () => [...movement].sort((a, b) => a.week.localeCompare(b.week)),
    [movement],
  );
  // The latest week first: where the network is now.
  const [selected, setSelected] = useState(Math.max(0, weeks.length - 1));
  const units = useMemo(() => {
    const seen = new Set(weeks.flatMap((w) => w.policeUnits.map((u) => u.code)));
    return POLICE_UNITS.filter((u) => seen.has(u.code));
  }, [weeks]);
  const max = useMemo(
    () => Math.max(1, ...weeks.flatMap((w) => w.policeUnits.map((u) => u.ads))),
    [weeks],
  );
  if (weeks.length === 0) return <p className="empty">{t('network.movement.empty')}</p>;
  const index = Math.min(selected, weeks.length - 1);
  const week = weeks[index] ?? null;
  const weekLabel = (w: MovementWeek) =>
    t('network.movement.weekOf', { week: w.week, start: formatDate(w.start) });

  return (
    <>
      <p className="muted">{t('network.movement.intro')}</p>
      <div className="movement">
        <div className="movement-picker">
          <div className="week-controls">
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => setSelected(Math.max(0, index - 1))}
              disabled={index === 0}
            >
              ← {t('network.movement.previous')}
            </button>
            <label className="week-slider">
              <span className="visually-hidden">{t('network.movement.week')}</span>
              <input
                type="range"
                min={0}
                max={weeks.length - 1}
                step={1}
                value={index}
                aria-valuetext={week ? weekLabel(week) : undefined}
                onChange={(event) => setSelected(Number(event.currentTarget.value))}
                disabled={weeks.length < 2}
              />
            </label>
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => setSelected(Math.min(weeks.length - 1, index + 1))}
              disabled={index === weeks.length - 1}
            >
              {t('network.movement.next')} →
            </button>
          </div>
          <p className="week-current" aria-live="polite">
            <strong>{week ? weekLabel(week) : '—'}</strong>
          </p>
          <ErrorBoundary>
            <Suspense fallback={<Loading />}>
              <MovementMap week={week} max={max} />
            </Suspense>
          </ErrorBoundary>
        </div>
        <div
          className="table-scroll movement-table-wrap"
          role="region"
          aria-labelledby="network-movement"
          tabIndex={0}
        >
          <table className="table movement-table">
            <thead>
              <tr>
                <th scope="col">{t('network.movement.week')}</th>
                {units.map((unit) => (
                  <th key={unit.code} scope="col" className="num" title={unit.name}>
                    {unit.name}
                  </th>
                ))}
                <th scope="col">{t('network.movement.municipalities')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w, i) => {
                const counts = new Map(w.policeUnits.map((u) => [u.code, u.ads]));
                return (
                  <tr key={w.week} className={i === index ? 'is-selected' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={i === index}
                        onClick={() => setSelected(i)}
                      >
                        {w.week}
                      </button>
                      <span className="cell-sub muted">{formatDate(w.start)}</span>
                    </th>
                    {units.map((unit) => (
                      <td key={unit.code} className="num">
                        {counts.get(unit.code) ? formatNumber(counts.get(unit.code)!) : ''}
                      </td>
                    ))}
                    <td>
                      {w.municipalities.map((m) => `${m.name} (${formatNumber(m.ads)})`).join(', ')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

function UsedList({
  heading,
  items,
  link,
}: {
  heading: Key;
  items: { value: string; ads: number }[];
  link?: (value: string) => { pathname: string; search: string };
}) {
  const { t, formatNumber } = useI18n();
  return (
    <div>
      <h3 className="subheading">{t(heading)}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('network.used.none')}</p>
      ) : (
        <table className="table used-table">
          <thead>
            <tr>
              <th scope="col">{t(heading)}</th>
              <th scope="col" className="num">
                {t('networks.col.ads')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.value}>
                <th scope="row" translate="no">
                  {link ? <Link to={link(item.value)}>{item.value}</Link> : item.value}
                </th>
                <td className="num">{formatNumber(item.ads)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
