/**
 * Apparaten: the seized devices of the investigations the user is a member of, with what their
 * latest import holds, and a full-text search over all their messages.
 */
import { useCallback, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import type { DeviceSearchView } from '../api';
import { NumberWithAds } from '../devices/NumberWithAds';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

export function DevicesPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const load = useCallback(() => api.devices(), []);
  const { state, reload } = useLoad(load);
  const id = useId();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'ok'; q: string; data: DeviceSearchView }
    | { status: 'error'; error: unknown }
  >({ status: 'idle' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = q.trim();
    if (!query) return;
    setSearch({ status: 'loading' });
    api.deviceSearch({ q: query }).then(
      (data) => setSearch({ status: 'ok', q: query, data }),
      (error: unknown) => setSearch({ status: 'error', error }),
    );
  };

  return (
    <>
      <PageHeading>{t('nav.devices')}</PageHeading>
      <p className="lead">{t('devices.intro')}</p>
      <form className="filters panel" role="search" onSubmit={submit}>
        <label htmlFor={`${id}-q`}>{t('devices.search.label')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('devices.search.submit')}</button>
      </form>
      {search.status === 'loading' && <Loading />}
      {search.status === 'error' && <ErrorNotice error={search.error} />}
      {search.status === 'ok' && (
        <section className="panel" aria-labelledby={`${id}-hits`}>
          <h2 id={`${id}-hits`}>
            {t('devices.search.hits', { n: formatNumber(search.data.hits.length), q: search.q })}
          </h2>
          {search.data.hits.length === 0 ? (
            <p className="empty">{t('devices.search.none')}</p>
          ) : (
            <ul className="search-hits">
              {search.data.hits.map((h) => (
                <li key={h.id} data-testid="search-hit">
                  <Link
                    to={`/devices/${encodeURIComponent(h.item)}?tab=chats&app=${encodeURIComponent(h.app)}&chat=${encodeURIComponent(h.chatKey ?? '')}`}
                  >
                    {h.item}
                  </Link>{' '}
                  <span className="muted">
                    {h.at ? formatDateTime(h.at) : h.atOriginal} ·{' '}
                    {h.sender ? (
                      <NumberWithAds party={h.sender} ads={{}} />
                    ) : (
                      t('devices.unknownSender')
                    )}
                  </span>
                  <blockquote>{h.text}</blockquote>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ok' &&
        (state.data.devices.length === 0 ? (
          <p className="empty">{t('devices.empty')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-label={t('nav.devices')} tabIndex={0}>
            <table className="table devices-table cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t('devices.col.item')}</th>
                  <th scope="col">{t('devices.col.investigation')}</th>
                  <th scope="col">{t('devices.col.format')}</th>
                  <th scope="col">{t('devices.col.owner')}</th>
                  <th scope="col" className="num">
                    {t('devices.col.messages')}
                  </th>
                  <th scope="col" className="num">
                    {t('devices.col.contacts')}
                  </th>
                  <th scope="col" className="num">
                    {t('devices.col.calls')}
                  </th>
                  <th scope="col">{t('devices.col.warnings')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.devices.map((d) => (
                  <tr key={d.item} data-item={d.item}>
                    <th scope="row">
                      <Link to={`/devices/${encodeURIComponent(d.item)}`}>{d.item}</Link>
                    </th>
                    <td>{d.investigation.name}</td>
                    <td>
                      {d.latest ? t(`devices.format.${d.latest.format}`) : t('devices.notImported')}
                    </td>
                    <td translate="no">
                      {d.latest
                        ? [...d.latest.owner.phones, ...d.latest.owner.accounts].join(', ')
                        : ''}
                    </td>
                    <td className="num">
                      {d.latest ? formatNumber(d.latest.counts.messages) : ''}
                    </td>
                    <td className="num">
                      {d.latest ? formatNumber(d.latest.counts.contacts) : ''}
                    </td>
                    <td className="num">{d.latest ? formatNumber(d.latest.counts.calls) : ''}</td>
                    <td>
                      {d.latest && d.latest.warnings.length > 0
                        ? formatNumber(d.latest.warnings.length)
                        : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
