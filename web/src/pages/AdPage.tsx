/**
 * One ad: what it says now, its risk with the reasons behind it, the contact details found in it,
 * and every capture over time with its provenance, its photos and each extracted value highlighted
 * where it was read.
 */
import { Fragment, useCallback } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, imageUrl, POLICE_UNITS } from '../api';
import type { AdDetail, AdIdentifier, Capture, CaptureImage, Extraction } from '../api';
import { contactLabel } from '../contacts';
import { fieldLabel, fieldValue, sortFields } from '../fields';
import { kindsOf, MARK_KINDS, segments } from '../highlight';
import type { Highlight, MarkKind } from '../highlight';
import { useI18n } from '../i18n';
import type { Key } from '../i18n';
import { LinkedBecause } from '../networks/LinkedBecause';
import { AdRiskPanel } from '../risk/RiskPanel';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

const AD_ID = /^[0-9a-f]{32}$/;

const UNIT_NAME = new Map<string, string>(POLICE_UNITS.map((u) => [u.code, u.name]));

/** Only web addresses become links; anything else in a capture's url is shown as text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function unitLabel(code: string): string {
  const name = UNIT_NAME.get(code);
  return name ? `${name} (${code})` : code;
}

export function AdPage() {
  const { id = '' } = useParams();
  // A new id is a new page: start from "loading" rather than showing the previous ad.
  return <AdView key={id} id={id} />;
}

function AdView({ id }: { id: string }) {
  const { t } = useI18n();
  const location = useLocation();
  // An id that cannot be an ad is not asked for: it is simply not found.
  const load = useCallback(
    () =>
      AD_ID.test(id) ? api.ad(id) : Promise.reject(new ApiError(404, 'not_found', `no ad ${id}`)),
    [id],
  );
  const { state, reload } = useLoad(load);

  // Back to the list as it was left: its filters and page.
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  const back = typeof from === 'string' && from.startsWith('?') ? from : '';

  return (
    <>
      <p className="back-link">
        <Link to={`/ads${back}`}>
          <span aria-hidden="true">← </span>
          {t('ad.back')}
        </Link>
      </p>
      {/* One heading throughout, so focus set on it during loading stays there. */}
      <PageHeading>
        {state.status === 'ok' ? state.data.title || t('ads.untitled') : t('ad.heading')}
      </PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <ErrorNotice
          error={state.error}
          onRetry={
            state.error instanceof ApiError && state.error.status === 404 ? undefined : reload
          }
        />
      )}
      {state.status === 'ok' && <AdBody ad={state.data} />}
    </>
  );
}

function AdBody({ ad }: { ad: AdDetail }) {
  const { t } = useI18n();
  // The server lists captures oldest first; the newest is the most relevant.
  const captures = ad.captureList.map((capture, index) => ({ capture, n: index + 1 })).reverse();
  const latest = captures[0]?.capture;

  return (
    <>
      <AdFacts ad={ad} />

      <AdRiskPanel ad={ad} />

      <LinkedBecause adId={ad.id} />

      <section className="panel" aria-labelledby="ad-extracted">
        <h2 id="ad-extracted">{t('ad.extracted.title')}</h2>
        <p className="muted">{t('ad.extracted.intro')}</p>
        <Identifiers identifiers={ad.identifiers} />
        {latest && (
          <>
            <h3 className="subheading">{t('ad.extracted.latest')}</h3>
            <Readings capture={latest} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="ad-captures">
        <h2 id="ad-captures">{t('ad.captures.title')}</h2>
        <p className="muted">{t('ad.captures.intro')}</p>
        <Legend />
        <ol className="captures">
          {captures.map(({ capture, n }) => (
            <li key={capture.id}>
              <CaptureCard capture={capture} n={n} count={ad.captureList.length} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function AdFacts({ ad }: { ad: AdDetail }) {
  const { t, formatDateTime, formatEuro, formatNumber, languageName } = useI18n();
  const unknown = <span className="muted">{t('ad.unknown')}</span>;
  const facts: { key: string; label: string; value: ReactNode }[] = [
    { key: 'source', label: t('ad.source'), value: ad.source },
    { key: 'sourceId', label: t('ad.sourceId'), value: <code>{ad.sourceId}</code> },
    ...(ad.url
      ? [
          {
            key: 'url',
            label: t('ad.url'),
            value: isWebUrl(ad.url) ? (
              <a className="break" href={ad.url} target="_blank" rel="noreferrer noopener">
                {ad.url}
                <span className="visually-hidden"> {t('ad.newWindow')}</span>
              </a>
            ) : (
              <span className="break">{ad.url}</span>
            ),
          },
        ]
      : []),
    {
      key: 'firstSeen',
      label: t('ad.firstSeen'),
      value: <time dateTime={ad.firstSeen}>{formatDateTime(ad.firstSeen)}</time>,
    },
    {
      key: 'lastSeen',
      label: t('ad.lastSeen'),
      value: <time dateTime={ad.lastSeen}>{formatDateTime(ad.lastSeen)}</time>,
    },
    { key: 'location', label: t('ad.location'), value: ad.location ?? unknown },
    {
      key: 'municipality',
      label: t('ad.municipality'),
      value: ad.municipalityCode
        ? `${ad.municipality ?? ad.municipalityCode} (${ad.municipalityCode})`
        : unknown,
    },
    {
      key: 'unit',
      label: t('ad.unit'),
      value: ad.policeUnit ? `${ad.policeUnitName ?? ad.policeUnit} (${ad.policeUnit})` : unknown,
    },
    { key: 'age', label: t('ad.age'), value: ad.age === null ? unknown : formatNumber(ad.age) },
    {
      key: 'price',
      label: t('ad.price'),
      value: ad.priceEurPerHour === null ? unknown : formatEuro(ad.priceEurPerHour),
    },
    {
      key: 'language',
      label: t('ad.language'),
      value: ad.language ? languageName(ad.language) : unknown,
    },
    { key: 'captures', label: t('ad.captureCount'), value: formatNumber(ad.captures) },
  ];
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

function Identifiers({ identifiers }: { identifiers: AdIdentifier[] }) {
  const { t, formatDateTime } = useI18n();
  if (identifiers.length === 0) return <p className="empty">{t('ad.extracted.empty')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="ad-extracted" tabIndex={0}>
      <table className="table identifiers">
        <thead>
          <tr>
            <th scope="col">{t('ad.id.kind')}</th>
            <th scope="col">{t('ad.id.value')}</th>
            <th scope="col">{t('ad.id.firstSeen')}</th>
            <th scope="col">{t('ad.id.lastSeen')}</th>
          </tr>
        </thead>
        <tbody>
          {identifiers.map((id) => (
            <tr key={`${id.kind}:${id.value}`}>
              <td>{contactLabel(t, id.kind)}</td>
              <th scope="row">
                <span className="break" translate="no">
                  {id.value}
                </span>
                {id.kind === 'phone' && (
                  <Link
                    className="cell-sub"
                    to={{
                      pathname: '/ads',
                      search: `?${new URLSearchParams({ phone: id.value })}`,
                    }}
                  >
                    {t('ad.id.others')}
                  </Link>
                )}
              </th>
              <td>
                <time dateTime={id.firstSeen}>{formatDateTime(id.firstSeen)}</time>
              </td>
              <td>
                <time dateTime={id.lastSeen}>{formatDateTime(id.lastSeen)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div className="legend">
      <h3 className="legend-title" id="ad-legend">
        {t('legend.title')}
      </h3>
      <ul aria-labelledby="ad-legend">
        {MARK_KINDS.map((kind) => (
          <li key={kind}>
            <span className={`swatch mark mark-${kind}`} aria-hidden="true">
              abc
            </span>
            {t(`legend.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The regions extraction names when an ad states no single country. */
const ORIGIN_REGIONS = new Map<string, Key>([
  ['latina', 'origin.latina'],
  ['african', 'origin.african'],
  ['asian', 'origin.asian'],
  ['eastern-european', 'origin.eastern-european'],
]);

/** Words for what extraction read, shared by the highlights' tooltips and the chips. */
function useReadings() {
  const i18n = useI18n();
  const { t, formatEuro, regionName } = i18n;
  return {
    phone: (p: Extraction['phones'][number]) =>
      p.obscured
        ? t('mark.phoneObscured', { number: p.e164, forms: p.forms.join(', ') })
        : t('mark.phone', { number: p.e164 }),
    contact: (c: Extraction['contacts'][number]) =>
      t('mark.contact', { kind: contactLabel(t, c.kind), value: c.value }),
    age: (years: number) => t('mark.age', { years }),
    price: (p: NonNullable<Extraction['price']>) =>
      p.minutes !== null && p.eurPerHour !== null
        ? t('mark.price', {
            amount: formatEuro(p.amount),
            minutes: p.minutes,
            perHour: formatEuro(p.eurPerHour),
          })
        : t('mark.priceNoDuration', { amount: formatEuro(p.amount) }),
    origin: (code: string) => {
      if (/^[A-Z]{2}$/.test(code)) return `${regionName(code)} (${code})`;
      const key = ORIGIN_REGIONS.get(code);
      return key ? t(key) : code;
    },
  };
}

/** Every extracted value as highlights, grouped by the field it was read from. */
function useHighlights(capture: Capture): Map<string, Highlight[]> {
  const { t } = useI18n();
  const read = useReadings();
  const x = capture.extracted;
  const byField = new Map<string, Highlight[]>();
  const add = (
    kind: MarkKind,
    span: { field: string; start: number; end: number },
    label: string,
  ) => {
    const list = byField.get(span.field) ?? [];
    list.push({ kind, start: span.start, end: span.end, label });
    byField.set(span.field, list);
  };

  for (const p of x.phones) for (const s of p.spans) add('phone', s, read.phone(p));
  for (const c of x.contacts) for (const s of c.spans) add('contact', s, read.contact(c));
  if (x.age) add('age', x.age.span, read.age(x.age.years));
  if (x.price) add('price', x.price.span, read.price(x.price));
  for (const s of x.services)
    for (const span of s.spans) add('service', span, t('mark.service', { code: s.code }));
  for (const o of x.origins)
    for (const span of o.spans)
      add('origin', span, t('mark.origin', { origin: read.origin(o.code) }));
  const place = x.place;
  if (place.status === 'resolved' || place.status === 'ambiguous') {
    const text =
      fieldValue(capture.fields, place.span.field)?.slice(place.span.start, place.span.end) ?? '';
    add(
      'place',
      place.span,
      place.status === 'resolved'
        ? t('mark.place', {
            text,
            code: place.municipalityCode,
            municipality: place.municipality,
            unit: place.policeUnit,
          })
        : t('mark.placeAmbiguous', {
            text,
            candidates: place.candidates.join(', '),
            reason: place.reason,
          }),
    );
  }
  return byField;
}

function Highlighted({ text, highlights }: { text: string; highlights: Highlight[] }) {
  return (
    <>
      {segments(text, highlights).map((segment) => {
        if (segment.highlights.length === 0)
          return <Fragment key={segment.start}>{segment.text}</Fragment>;
        const kinds = kindsOf(segment.highlights);
        const labels = [...new Set(segment.highlights.map((h) => h.label))];
        return (
          <mark
            key={segment.start}
            className={['mark', ...kinds.map((kind) => `mark-${kind}`)].join(' ')}
            data-kinds={kinds.join(' ')}
            title={labels.join('\n')}
          >
            {segment.text}
          </mark>
        );
      })}
    </>
  );
}

function CaptureCard({ capture, n, count }: { capture: Capture; n: number; count: number }) {
  const { t, formatDateTime } = useI18n();
  const highlights = useHighlights(capture);
  const changed = new Set(capture.changed);
  const fields = sortFields([...Object.keys(capture.fields), ...capture.changed]);
  const headingId = `capture-${capture.id}`;
  const textLang = capture.extracted.language.language ?? undefined;
  const time = formatDateTime(capture.capturedAt);

  return (
    <article className="capture" aria-labelledby={headingId} data-capture={n}>
      <header className="capture-header">
        <h3 id={headingId}>
          {t('ad.capture.heading', { n, count })}
          <span className="capture-time">
            {' · '}
            <time dateTime={capture.capturedAt}>{time}</time>
          </span>
        </h3>
        <ChangeSummary capture={capture} n={n} />
      </header>

      <dl className="provenance">
        <div>
          <dt>{t('ad.capture.file')}</dt>
          <dd>
            <code className="break">
              {capture.file}:{capture.line}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('ad.capture.run')}</dt>
          <dd>
            <code className="break">{capture.importRunId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('ad.capture.encoding')}</dt>
          <dd>{capture.encoding}</dd>
        </div>
        <div>
          <dt>{t('ad.capture.hash')}</dt>
          <dd>
            <code className="break">{capture.id}</code>
          </dd>
        </div>
      </dl>

      <h4>{t('ad.capture.read')}</h4>
      <Readings capture={capture} />

      <h4>{t('ad.capture.photos')}</h4>
      {capture.images.length === 0 ? (
        <p className="muted">{t('ad.capture.noPhotos')}</p>
      ) : (
        <ul className="photos">
          {[...capture.images]
            .sort((a, b) => a.position - b.position)
            .map((image) => (
              <li key={image.position}>
                <Photo image={image} n={image.position + 1} time={time} />
              </li>
            ))}
        </ul>
      )}

      <h4>{t('ad.capture.fields')}</h4>
      <dl className="capture-fields">
        {fields.map((field) => {
          const value = fieldValue(capture.fields, field);
          const isChanged = changed.has(field);
          return (
            <div key={field} className={isChanged ? 'capture-field is-changed' : 'capture-field'}>
              <dt>
                {fieldLabel(t, field)}
                {isChanged && (
                  <span className="badge badge-changed">{t('ad.capture.changedBadge')}</span>
                )}
              </dt>
              {value === undefined ? (
                <dd className="muted">{t('ad.capture.removed')}</dd>
              ) : (
                <dd
                  className="field-value"
                  lang={field === 'title' || field === 'text' ? textLang : undefined}
                >
                  <Highlighted text={value} highlights={highlights.get(field) ?? []} />
                </dd>
              )}
            </div>
          );
        })}
      </dl>
    </article>
  );
}

function ChangeSummary({ capture, n }: { capture: Capture; n: number }) {
  const { t } = useI18n();
  if (n === 1) return <p className="capture-change muted">{t('ad.capture.first')}</p>;
  if (capture.changed.length === 0)
    return <p className="capture-change muted">{t('ad.capture.unchanged')}</p>;
  return (
    <p className="capture-change">
      {t('ad.capture.changed')}{' '}
      {sortFields(capture.changed).map((field, index) => (
        <Fragment key={field}>
          {index > 0 && ', '}
          <strong>{fieldLabel(t, field)}</strong>
        </Fragment>
      ))}
    </p>
  );
}

/** How a place was resolved (src/intake/ads/types.ts PlaceResolution `via`). */
const PLACE_VIA = new Map<string, Key>([
  ['municipality', 'place.via.municipality'],
  ['town', 'place.via.town'],
  ['alias', 'place.via.alias'],
  ['district', 'place.via.district'],
  ['context', 'place.via.context'],
]);

function Readings({ capture }: { capture: Capture }) {
  const { t, languageName } = useI18n();
  const viaLabel = (via: string) => {
    const key = PLACE_VIA.get(via);
    return key ? t(key) : via;
  };
  const read = useReadings();
  const x = capture.extracted;
  const place = x.place;

  let placeValue: ReactNode;
  if (place.status === 'resolved') {
    placeValue = (
      <>
        {t('place.resolved', {
          municipality: place.municipality,
          code: place.municipalityCode,
          unit: unitLabel(place.policeUnit),
        })}
        {place.via && (
          <span className="chip-note"> · {t('place.via', { via: viaLabel(place.via) })}</span>
        )}
      </>
    );
  } else if (place.status === 'ambiguous') {
    placeValue = (
      <>
        {t('place.ambiguous', { candidates: place.candidates.join(', ') })}
        <span className="chip-note"> · {place.reason}</span>
      </>
    );
  } else {
    placeValue = (
      <>
        {t('place.unknown')}
        {place.reason && <span className="chip-note"> · {place.reason}</span>}
      </>
    );
  }

  const language = x.language.language
    ? `${languageName(x.language.language)}${x.language.script && x.language.script !== 'Latn' ? ` (${x.language.script})` : ''}`
    : t('read.languageUnknown');

  const chips: { key: string; label: string; value: ReactNode; kind?: MarkKind }[] = [
    { key: 'place', label: t('read.place'), value: placeValue, kind: 'place' },
    { key: 'language', label: t('read.language'), value: language },
  ];
  if (x.age) chips.push({ key: 'age', label: t('read.age'), value: x.age.years, kind: 'age' });
  if (x.price)
    chips.push({ key: 'price', label: t('read.price'), value: read.price(x.price), kind: 'price' });
  for (const s of x.services)
    chips.push({
      key: `service:${s.code}`,
      label: t('read.services'),
      value: s.code,
      kind: 'service',
    });
  for (const o of x.origins)
    chips.push({
      key: `origin:${o.code}`,
      label: t('read.origins'),
      value: read.origin(o.code),
      kind: 'origin',
    });

  return (
    <ul className="chips">
      {chips.map((chip) => (
        <li
          key={chip.key}
          className={`chip${chip.kind ? ` chip-${chip.kind}` : ''}${chip.key === 'place' ? ` chip-place-${place.status}` : ''}`}
        >
          <span className="chip-label">{chip.label}</span> <span>{chip.value}</span>
        </li>
      ))}
    </ul>
  );
}

const PHOTO_STATUS = new Map<string, Key>([
  ['stored', 'ad.photo.status.stored'],
  ['missing', 'ad.photo.status.missing'],
  ['unreadable', 'ad.photo.status.unreadable'],
  ['not fetched', 'ad.photo.status.notFetched'],
  ['not read', 'ad.photo.status.notRead'],
  ['pending', 'ad.photo.status.pending'],
]);

function Photo({ image, n, time }: { image: CaptureImage; n: number; time: string }) {
  const { t } = useI18n();
  if (image.status === 'stored' && image.sha256) {
    const src = imageUrl(image.sha256);
    return (
      <a className="photo" href={src} target="_blank" rel="noreferrer noopener">
        <img src={src} loading="lazy" alt={t('ad.photo.alt', { n, time })} />
        <span className="visually-hidden"> {t('ad.newWindow')}</span>
      </a>
    );
  }
  const status = PHOTO_STATUS.get(image.status);
  return (
    <div className="photo photo-absent">
      <span className="badge badge-off">{status ? t(status) : image.status}</span>
      <code className="break">{image.reference}</code>
      {image.problem && <span className="small">{image.problem}</span>}
    </div>
  );
}
