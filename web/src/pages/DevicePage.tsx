/**
 * One device: what was imported (format, hashes, owner, warnings) and its chain of custody, then
 * its chats as threads, contacts, calls, one time line and every number on it. Numbers that ads
 * also show are marked with a link to those ads. Each record says where in the evidence it was read.
 */
import { useCallback, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api';
import type { CallView, DeviceDetail, MessageView, Where } from '../api';
import { NumberWithAds } from '../devices/NumberWithAds';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

const CUSTODY = ['seized', 'sealed', 'extracted', 'imported', 'examined', 'returned'] as const;
const DIRECTIONS = ['incoming', 'outgoing', 'missed', 'unknown'] as const;
const NUMBER_ROLES = ['contact', 'call', 'chat', 'message', 'owner'] as const;

/** A value from the API that has a word in the dictionary, or the value itself when it has none. */
function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const TABS = ['overview', 'chats', 'contacts', 'calls', 'timeline', 'numbers'] as const;
type Tab = (typeof TABS)[number];

function WhereNote({ where }: { where: Where }) {
  const { t } = useI18n();
  const text = [where.file, where.table, where.row].filter(Boolean).join(' · ');
  return (
    <span className="where muted" title={t('device.where')}>
      {text}
    </span>
  );
}

export function DevicePage() {
  const { item = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'overview';
  const load = useCallback(() => api.device(item), [item]);
  const { state, reload } = useLoad(load);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return (
      <>
        <PageHeading>{item}</PageHeading>
        <ErrorNotice error={state.error} onRetry={reload} />
      </>
    );
  const d = state.data;
  return (
    <>
      <p className="back-link">
        <Link to="/devices">← {t('nav.devices')}</Link>
      </p>
      <PageHeading>{t('device.title', { item: d.item })}</PageHeading>
      <p className="lead">{t('device.investigation', { name: d.investigation.name })}</p>
      <nav className="tabs" aria-label={t('device.tabs')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setParams(name === 'overview' ? {} : { tab: name })}
          >
            {t(`device.tab.${name}`)}
          </button>
        ))}
      </nav>
      {d.latest === null && tab !== 'overview' ? (
        <p className="empty">{t('devices.notImported')}</p>
      ) : (
        <>
          {tab === 'overview' && <Overview device={d} onChange={reload} />}
          {tab === 'chats' && <Chats item={d.item} />}
          {tab === 'contacts' && <Contacts item={d.item} />}
          {tab === 'calls' && <Calls item={d.item} />}
          {tab === 'timeline' && <Timeline item={d.item} />}
          {tab === 'numbers' && <Numbers item={d.item} />}
        </>
      )}
    </>
  );
}

function Overview({ device, onChange }: { device: DeviceDetail; onChange: () => void }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const latest = device.latest;
  const id = useId();
  return (
    <>
      {latest && (
        <section className="panel" aria-labelledby={`${id}-import`}>
          <h2 id={`${id}-import`}>{t('device.import')}</h2>
          <dl className="facts" data-testid="device-counts">
            <dt>{t('device.format')}</dt>
            <dd>{t(`devices.format.${latest.format}`)}</dd>
            <dt>{t('device.owner')}</dt>
            <dd translate="no">
              {[...latest.owner.phones, ...latest.owner.accounts].join(', ') || '—'}
            </dd>
            {(['messages', 'chats', 'contacts', 'calls', 'accounts', 'media'] as const).map((k) => (
              <div key={k} className="fact">
                <dt>{t(`device.count.${k}`)}</dt>
                <dd data-count={k}>{formatNumber(latest.counts[k])}</dd>
              </div>
            ))}
          </dl>
          {latest.warnings.length > 0 && (
            <div className="notice notice-warning" role="note">
              <p>{t('device.warnings', { n: formatNumber(latest.warnings.length) })}</p>
              <ul>
                {latest.warnings.map((w, i) => (
                  <li key={i}>
                    <code className="break">{w.file}</code>: {w.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <details>
            <summary>{t('device.files', { n: formatNumber(latest.files.length) })}</summary>
            <table className="table files-table">
              <thead>
                <tr>
                  <th scope="col">{t('device.file')}</th>
                  <th scope="col" className="num">
                    {t('device.bytes')}
                  </th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {latest.files.map((f) => (
                  <tr key={f.path}>
                    <td className="break">{f.path}</td>
                    <td className="num">{formatNumber(f.bytes)}</td>
                    <td>
                      <code className="break">{f.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}
      <section className="panel" aria-labelledby={`${id}-custody`}>
        <h2 id={`${id}-custody`}>{t('device.custody')}</h2>
        <p className="muted">{t('device.custody.intro')}</p>
        <ol className="custody" data-testid="custody">
          {device.custody.map((s, i) => (
            <li key={i} data-event={s.event}>
              <strong>{oneOf(CUSTODY, s.event) ? t(`custody.${s.event}`) : s.event}</strong> ·{' '}
              {formatDateTime(s.at)} · {s.by}
              {typeof s.detail.note === 'string' && <> · {s.detail.note}</>}
              {s.event === 'imported' && typeof s.detail.software === 'string' && (
                <span className="muted"> · {s.detail.software}</span>
              )}
            </li>
          ))}
        </ol>
        <CustodyForm item={device.item} onDone={onChange} />
      </section>
      <section className="panel" aria-labelledby={`${id}-imports`}>
        <h2 id={`${id}-imports`}>{t('device.imports')}</h2>
        <ul>
          {device.imports.map((i) => (
            <li key={i.import}>
              {t('device.importLine', {
                n: String(i.import),
                by: i.importedBy,
                at: formatDateTime(i.startedAt),
                status: i.status,
                software: i.software,
              })}
              {i.container && (
                <>
                  {' '}
                  <code className="break">{i.container.sha256}</code>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

const STEPS = ['seized', 'sealed', 'extracted', 'examined', 'returned'] as const;

function CustodyForm({ item, onDone }: { item: string; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [event, setEvent] = useState<string>('examined');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    api.recordCustody(item, { event, ...(note.trim() ? { note: note.trim() } : {}) }).then(
      () => {
        setNote('');
        onDone();
      },
      (err: unknown) => setError(err),
    );
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={`${id}-event`}>{t('device.custody.add')}</label>
      <select id={`${id}-event`} value={event} onChange={(e) => setEvent(e.target.value)}>
        {STEPS.map((s) => (
          <option key={s} value={s}>
            {t(`custody.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>{t('device.custody.note')}</label>
      <input
        id={`${id}-note`}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit">{t('device.custody.submit')}</button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}

function Message({ m, ads }: { m: MessageView; ads: Record<string, string[]> }) {
  const { t, formatDateTime } = useI18n();
  return (
    <li className={`message message-${m.direction}`} data-testid="message">
      <div className="message-head">
        {m.sender ? (
          <NumberWithAds party={m.sender} ads={ads} />
        ) : m.direction === 'outgoing' ? (
          t('device.fromOwner')
        ) : (
          t('devices.unknownSender')
        )}{' '}
        <time dateTime={m.at ?? undefined} title={`${m.atOriginal} (${m.atZone})`}>
          {m.at ? formatDateTime(m.at) : m.atOriginal}
        </time>
      </div>
      {m.text !== null && <p className="message-text">{m.text}</p>}
      {m.attachments.map((a, i) => (
        <p key={i} className="attachment">
          📎 {a.fileName ?? '?'} {a.mimeType ? `(${a.mimeType}` : ''}
          {a.bytes !== null ? `, ${a.bytes} B)` : a.mimeType ? ')' : ''}
        </p>
      ))}
      <WhereNote where={m.where} />
    </li>
  );
}

function Loaded<T>({
  load,
  children,
}: {
  load: () => Promise<T>;
  children: (data: T) => ReactNode;
}) {
  const { state, reload } = useLoad(load);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  return <>{children(state.data)}</>;
}

function Chats({ item }: { item: string }) {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const app = params.get('app');
  const chat = params.get('chat');
  const load = useCallback(() => api.deviceChats(item), [item]);
  return (
    <Loaded load={load}>
      {(data) => (
        <div className="threads">
          <ul className="thread-list" aria-label={t('device.tab.chats')}>
            {data.chats.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  aria-current={c.app === app && c.key === chat}
                  onClick={() => setParams({ tab: 'chats', app: c.app, chat: c.key })}
                >
                  <strong>
                    {c.subject ??
                      c.participants.map((p) => p.name ?? p.e164 ?? p.raw).join(', ') ??
                      c.key}
                  </strong>
                  <span className="muted">
                    {' '}
                    {c.app} · {c.group ? t('device.chat.group') : t('device.chat.direct')} ·{' '}
                    {t('device.chat.messages', { n: formatNumber(c.messages) })}
                  </span>
                </button>
                {c.participants.some((p) => p.e164 && data.adsByNumber[p.e164]) && (
                  <span className="badge badge-in-ads">{t('devices.inAds.short')}</span>
                )}
              </li>
            ))}
          </ul>
          <div className="thread">
            {app && chat !== null ? (
              <Thread item={item} app={app} chat={chat} />
            ) : (
              <p className="muted">{t('device.chat.pick')}</p>
            )}
          </div>
        </div>
      )}
    </Loaded>
  );
}

function Thread({ item, app, chat }: { item: string; app: string; chat: string }) {
  const load = useCallback(
    () => api.deviceMessages(item, { app, chat, limit: 1000 }),
    [item, app, chat],
  );
  return (
    <Loaded load={load}>
      {(data) => (
        <ol className="messages">
          {data.messages.map((m) => (
            <Message key={m.id} m={m} ads={data.adsByNumber} />
          ))}
        </ol>
      )}
    </Loaded>
  );
}

function Contacts({ item }: { item: string }) {
  const { t } = useI18n();
  const load = useCallback(() => api.deviceContacts(item), [item]);
  return (
    <Loaded load={load}>
      {(data) => (
        <>
          <table className="table contacts-table cards-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('device.contact.name')}</th>
                <th scope="col">{t('device.contact.numbers')}</th>
                <th scope="col">{t('device.contact.emails')}</th>
                <th scope="col">{t('device.contact.app')}</th>
                <th scope="col">{t('device.where')}</th>
              </tr>
            </thead>
            <tbody>
              {data.contacts.map((c) => (
                <tr key={c.id} data-testid="contact">
                  <th scope="row">{c.name ?? '—'}</th>
                  <td>
                    {c.phones.map((p, i) => (
                      <span key={i} className="cell-line">
                        <NumberWithAds party={p} ads={data.adsByNumber} />
                        {p.label ? <span className="muted"> {p.label}</span> : null}
                      </span>
                    ))}
                  </td>
                  <td>{c.emails.join(', ')}</td>
                  <td>{c.app}</td>
                  <td>
                    <WhereNote where={c.where} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.accounts.length > 0 && (
            <>
              <h2>{t('device.accounts')}</h2>
              <ul>
                {data.accounts.map((a) => (
                  <li key={a.id}>
                    {a.app}: <span translate="no">{a.identifier}</span>
                    {a.displayName ? ` (${a.displayName})` : ''} <WhereNote where={a.where} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Loaded>
  );
}

function CallRow({ c, ads }: { c: CallView; ads: Record<string, string[]> }) {
  const { t, formatDateTime } = useI18n();
  return (
    <tr data-testid="call">
      <td>
        <time dateTime={c.at ?? undefined} title={`${c.atOriginal} (${c.atZone})`}>
          {c.at ? formatDateTime(c.at) : c.atOriginal}
        </time>
      </td>
      <td>{oneOf(DIRECTIONS, c.direction) ? t(`device.direction.${c.direction}`) : c.direction}</td>
      <td>{c.party ? <NumberWithAds party={c.party} ads={ads} /> : '—'}</td>
      <td className="num">{c.durationSeconds ?? ''}</td>
      <td>
        {c.app}
        {c.video ? ' · video' : ''}
      </td>
      <td>
        <WhereNote where={c.where} />
      </td>
    </tr>
  );
}

function Calls({ item }: { item: string }) {
  const { t } = useI18n();
  const load = useCallback(() => api.deviceCalls(item), [item]);
  return (
    <Loaded load={load}>
      {(data) => (
        <table className="table calls-table cards-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('device.call.at')}</th>
              <th scope="col">{t('device.call.direction')}</th>
              <th scope="col">{t('device.call.party')}</th>
              <th scope="col" className="num">
                {t('device.call.seconds')}
              </th>
              <th scope="col">{t('device.contact.app')}</th>
              <th scope="col">{t('device.where')}</th>
            </tr>
          </thead>
          <tbody>
            {data.calls.map((c) => (
              <CallRow key={c.id} c={c} ads={data.adsByNumber} />
            ))}
          </tbody>
        </table>
      )}
    </Loaded>
  );
}

function Timeline({ item }: { item: string }) {
  const { t, formatDateTime } = useI18n();
  const load = useCallback(() => api.deviceTimeline(item, { limit: 1000 }), [item]);
  return (
    <Loaded load={load}>
      {(data) => (
        <ol className="timeline" data-testid="timeline">
          {data.events.map((e) =>
            e.type === 'message' && e.message ? (
              <Message key={`m${e.message.id}`} m={e.message} ads={{}} />
            ) : e.call ? (
              <li key={`c${e.call.id}`} className="timeline-call">
                📞 {e.call.at ? formatDateTime(e.call.at) : e.call.atOriginal} ·{' '}
                {oneOf(DIRECTIONS, e.call.direction)
                  ? t(`device.direction.${e.call.direction}`)
                  : e.call.direction}{' '}
                · {e.call.party?.e164 ?? e.call.party?.raw ?? '—'}
              </li>
            ) : null,
          )}
        </ol>
      )}
    </Loaded>
  );
}

function Numbers({ item }: { item: string }) {
  const { t, formatNumber } = useI18n();
  const load = useCallback(() => api.deviceNumbers(item), [item]);
  return (
    <Loaded load={load}>
      {(data) => (
        <table className="table numbers-table cards-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('device.number')}</th>
              <th scope="col">{t('device.number.where')}</th>
              <th scope="col">{t('device.number.ads')}</th>
            </tr>
          </thead>
          <tbody>
            {data.numbers.map((n) => (
              <tr key={n.e164} data-number={n.e164}>
                <th scope="row" translate="no">
                  {n.e164}
                </th>
                <td>
                  {Object.entries(n.roles)
                    .map(
                      ([role, count]) =>
                        `${oneOf(NUMBER_ROLES, role) ? t(`device.role.${role}`) : role} ${formatNumber(count)}`,
                    )
                    .join(', ')}
                </td>
                <td>
                  {n.adCount > 0 ? (
                    <Link to={`/ads?phone=${encodeURIComponent(n.e164)}`} data-testid="number-ads">
                      {t('devices.inAds', { n: formatNumber(n.adCount) })}
                    </Link>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Loaded>
  );
}
