/**
 * "Risk" on the ad and network pages: the risk, the model version that gave it, and every
 * contribution (signed, in log-odds, from the baseline up to the total) with the evidence behind
 * it. On the ad page the words that fired are marked in the ad's text; on the network page the
 * network-level indicators found when it was linked are part of this panel, counted or not.
 */
import { Fragment, useCallback, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api';
import type { AdDetail, ContributionView, IndicatorHit, NetworkDetail, RiskView } from '../api';
import { fieldLabel, fieldValue, sortFields } from '../fields';
import { segments } from '../highlight';
import type { Highlight } from '../highlight';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, useLoad } from '../ui';
import type { Load } from '../ui';
import { useIndicators } from './catalogue';
import { EvidenceList, RiskMeter, Signed, useFactText, useRiskWords, WithCommand } from './words';

type RiskMark = 'risk-up' | 'risk-down';

/** Raising contributions first (largest first), then lowering ones (most lowering first). */
function ordered(contributions: readonly ContributionView[]): ContributionView[] {
  return [...contributions].sort(
    (a, b) =>
      Number(b.contribution >= 0) - Number(a.contribution >= 0) ||
      Math.abs(b.contribution) - Math.abs(a.contribution),
  );
}

export function AdRiskPanel({ ad }: { ad: AdDetail }) {
  const load = useCallback(() => api.adRisk(ad.id), [ad.id]);
  const { state, reload } = useLoad(load);
  const latest = ad.captureList.at(-1);
  return (
    <RiskSection id="ad-risk" state={state} reload={reload}>
      {(risk) => (
        <>
          <RiskSummary risk={risk} />
          <Contributions risk={risk} kind="ad" />
          {latest && (
            <MarkedText
              risk={risk}
              fields={latest.fields}
              textLang={latest.extracted.language.language ?? undefined}
            />
          )}
        </>
      )}
    </RiskSection>
  );
}

export function NetworkRiskPanel({ network }: { network: NetworkDetail }) {
  const { t } = useI18n();
  const load = useCallback(() => api.networkRisk(network.id), [network.id]);
  const { state, reload } = useLoad(load);
  const members = useMemo(() => new Map(network.members.map((m) => [m.id, m])), [network]);
  const adLabel = useCallback(
    (ad: string) => {
      const member = members.get(ad);
      return member?.title || member?.name || ad.slice(0, 8);
    },
    [members],
  );
  return (
    <RiskSection
      id="network-risk"
      state={state}
      reload={reload}
      notAssessed={
        network.indicators.length > 0 && (
          <>
            <h3 className="subheading">{t('risk.found.title')}</h3>
            <p className="muted">{t('risk.found.intro')}</p>
            <Uncounted hits={network.indicators} why="notAssessed" adLabel={adLabel} />
          </>
        )
      }
    >
      {(risk) => {
        const counted = new Set(risk.contributions.map((c) => c.code));
        const uncounted = network.indicators.filter((h) => !counted.has(h.code));
        return (
          <>
            <RiskSummary risk={risk} />
            <Contributions risk={risk} kind="network" ads={network.ads} adLabel={adLabel} />
            {uncounted.length > 0 && (
              <>
                <h3 className="subheading">{t('risk.notCounted.title')}</h3>
                <p className="muted">{t('risk.notCounted.intro')}</p>
                <Uncounted hits={uncounted} why="model" adLabel={adLabel} />
              </>
            )}
          </>
        );
      }}
    </RiskSection>
  );
}

function RiskSection({
  id,
  state,
  reload,
  notAssessed,
  children,
}: {
  id: string;
  state: Load<RiskView | null>;
  reload: () => void;
  /** Shown under "not assessed yet". */
  notAssessed?: ReactNode;
  children: (risk: RiskView) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="panel risk-panel" aria-labelledby={id}>
      <h2 id={id}>{t('risk.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' &&
        (state.error instanceof ApiError && state.error.status === 403 ? (
          <p className="muted">{t('risk.noAccess')}</p>
        ) : (
          <ErrorNotice error={state.error} onRetry={reload} />
        ))}
      {state.status === 'ok' && state.data === null && (
        <>
          <div className="notice notice-info" role="note" data-testid="risk-not-assessed">
            <p>
              <strong>{t('risk.notAssessed')}</strong>{' '}
              <WithCommand text={t('risk.notAssessedHow')} />
            </p>
          </div>
          {notAssessed}
        </>
      )}
      {state.status === 'ok' && state.data !== null && (
        <>
          <p className="muted">
            {t('risk.intro')} <Link to="/indicators">{t('risk.indicatorsLink')}</Link>
          </p>
          {children(state.data)}
        </>
      )}
    </section>
  );
}

function RiskSummary({ risk }: { risk: RiskView }) {
  const { t, formatDateTime } = useI18n();
  const words = useRiskWords();
  return (
    <div className="risk-summary">
      <div className="risk-headline">
        <span className="risk-headline-label">{t('risk.value')}</span>
        <RiskMeter risk={risk.risk} large />
      </div>
      <dl className="facts risk-facts">
        <div>
          <dt>{t('risk.model')}</dt>
          <dd>
            <code data-testid="risk-model">{risk.model}</code>
          </dd>
        </div>
        <div>
          <dt>{t('risk.assessedAt')}</dt>
          <dd>
            <time dateTime={risk.assessedAt}>{formatDateTime(risk.assessedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('risk.logit')}</dt>
          <dd>{words.decimal(risk.logit)}</dd>
        </div>
      </dl>
    </div>
  );
}

function Contributions({
  risk,
  kind,
  ads = 1,
  adLabel,
}: {
  risk: RiskView;
  kind: 'ad' | 'network';
  /** Ads in the network, for presence as a count. */
  ads?: number;
  adLabel?: (ad: string) => string;
}) {
  const { t, formatNumber } = useI18n();
  const words = useRiskWords();
  const catalogue = useIndicators();
  const rows = ordered(risk.contributions);
  const baseline = risk.logit - risk.contributions.reduce((s, c) => s + c.contribution, 0);
  const headingId = `${kind}-risk-contributions`;

  const presence = (c: ContributionView) => {
    if (catalogue.byCode.get(c.code)?.level === 'network') return t('risk.presenceNetwork');
    return t('risk.presenceShare', {
      count: formatNumber(Math.round(c.presence * ads)),
      total: formatNumber(ads),
      share: words.percent(c.presence),
    });
  };

  return (
    <>
      <h3 className="subheading" id={headingId}>
        {t('risk.contributions.title')}
      </h3>
      {rows.length === 0 && <p className="empty">{t('risk.none')}</p>}
      <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="table contributions-table">
          <thead>
            <tr>
              <th scope="col">{t('risk.col.indicator')}</th>
              <th scope="col" className="num">
                {t('risk.col.weight')}
              </th>
              {kind === 'network' && <th scope="col">{t('risk.col.presence')}</th>}
              <th scope="col" className="num">
                {t('risk.col.contribution')}
              </th>
              <th scope="col">{t('risk.col.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="is-baseline">
              <th scope="row">
                {t('risk.baseline')}
                <span className="cell-sub muted">{t('risk.baselineText')}</span>
              </th>
              <td className="num">—</td>
              {kind === 'network' && <td>—</td>}
              <td className="num">{words.signed(baseline)}</td>
              <td className="muted">{t('risk.baselineNote')}</td>
            </tr>
            {rows.map((c) => (
              <tr
                key={c.code}
                className={c.contribution >= 0 ? 'is-up' : 'is-down'}
                data-code={c.code}
              >
                <th scope="row">
                  <span title={catalogue.description(c.code)}>{catalogue.name(c.code)}</span>
                  <span className="cell-sub muted">
                    <code>{c.code}</code>
                  </span>
                </th>
                <td className="num">{words.signed(c.weight)}</td>
                {kind === 'network' && <td>{presence(c)}</td>}
                <td className="num">
                  <Signed value={c.contribution} />
                </td>
                <td>
                  <EvidenceList evidence={c.evidence} adLabel={adLabel} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('risk.total')}</th>
              <td />
              {kind === 'network' && <td />}
              <td className="num">
                <strong>{words.signed(risk.logit)}</strong>
              </td>
              <td>{t('risk.totalText', { risk: words.percent(risk.risk) })}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

/**
 * The ad's newest capture with the words each indicator fired on marked, field by field. Evidence
 * whose words no longer stand at that place (the ad changed after it was assessed) is not marked.
 */
function MarkedText({
  risk,
  fields,
  textLang,
}: {
  risk: RiskView;
  fields: Record<string, string>;
  /** The language of title and text, for the browser and screen readers. */
  textLang: string | undefined;
}) {
  const { t } = useI18n();
  const catalogue = useIndicators();
  const words = useRiskWords();
  const factText = useFactText();
  const byField = new Map<string, Highlight<RiskMark>[]>();
  for (const c of risk.contributions)
    for (const e of c.evidence) {
      if (e.field === undefined || e.start === undefined || e.end === undefined) continue;
      const value = fieldValue(fields, e.field);
      if (value === undefined || (e.text !== undefined && value.slice(e.start, e.end) !== e.text))
        continue;
      const list = byField.get(e.field) ?? [];
      list.push({
        kind: c.contribution >= 0 ? 'risk-up' : 'risk-down',
        start: e.start,
        end: e.end,
        label: [`${catalogue.name(c.code)} (${words.signed(c.contribution)})`, factText(e) ?? '']
          .filter(Boolean)
          .join(': '),
      });
      byField.set(e.field, list);
    }
  if (byField.size === 0) return null;
  return (
    <>
      <h3 className="subheading">{t('risk.marked.title')}</h3>
      <p className="muted">{t('risk.marked.intro')}</p>
      <dl className="capture-fields risk-marked">
        {sortFields(byField.keys()).map((field) => (
          <div key={field} className="capture-field">
            <dt>{fieldLabel(t, field)}</dt>
            <dd
              className="field-value"
              lang={field === 'title' || field === 'text' ? textLang : undefined}
            >
              {segments(fieldValue(fields, field) ?? '', byField.get(field) ?? []).map(
                (segment) => {
                  if (segment.highlights.length === 0)
                    return <Fragment key={segment.start}>{segment.text}</Fragment>;
                  const up = segment.highlights.some((h) => h.kind === 'risk-up');
                  return (
                    <mark
                      key={segment.start}
                      className={`mark ${up ? 'mark-risk-up' : 'mark-risk-down'}`}
                      title={[...new Set(segment.highlights.map((h) => h.label))].join('\n')}
                    >
                      {segment.text}
                    </mark>
                  );
                },
              )}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Network-level indicators found when linking that the score does not (or not yet) count. */
function Uncounted({
  hits,
  why,
  adLabel,
}: {
  hits: readonly IndicatorHit[];
  why: 'notAssessed' | 'model';
  adLabel: (ad: string) => string;
}) {
  const { t } = useI18n();
  const catalogue = useIndicators();
  return (
    <ul className="uncounted">
      {hits.map((hit) => {
        const view = catalogue.byCode.get(hit.code);
        const reason =
          why === 'notAssessed'
            ? t('risk.notCounted.notAssessed')
            : view && !view.enabled
              ? t('risk.notCounted.off')
              : t('risk.notCounted.notInModel');
        return (
          <li key={hit.code} data-code={hit.code}>
            <strong title={catalogue.description(hit.code)}>{catalogue.name(hit.code)}</strong>{' '}
            <span className="badge badge-off">{reason}</span>
            <EvidenceList evidence={hit.evidence} adLabel={adLabel} />
          </li>
        );
      })}
    </ul>
  );
}
