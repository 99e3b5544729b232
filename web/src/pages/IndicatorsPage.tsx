/**
 * The indicator catalogue: what each indicator means, how it is found, its default and active
 * weight and the source of that weight, with a switch to leave it out of the score (audited; a
 * new model version; everything re-scored). Below it the fairness check: how scores are spread
 * per police unit and per stated nationality or ethnicity.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import type { FairnessGroup, IndicatorSwitch, IndicatorView } from '../api';
import { useI18n } from '../i18n';
import type { Key } from '../i18n';
import { unitLabel } from '../networks/evidence';
import { useIndicators } from '../risk/catalogue';
import { useRiskWords } from '../risk/words';
import { ErrorNotice, Loading, PageHeading, useLoad } from '../ui';

const LEVELS = ['ad', 'network'] as const;

/** The regions extraction names when an ad states no single country. */
const ORIGIN_REGIONS = new Map<string, Key>([
  ['latina', 'origin.latina'],
  ['african', 'origin.african'],
  ['asian', 'origin.asian'],
  ['eastern-european', 'origin.eastern-european'],
]);

type Outcome =
  | { status: 'done'; code: string; enabled: boolean; result: IndicatorSwitch }
  | { status: 'error'; error: unknown };

export function IndicatorsPage({ canSwitch }: { canSwitch: boolean }) {
  const { t, formatNumber } = useI18n();
  const catalogue = useIndicators();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Bumped after a switch: the fairness figures are re-read under the new model.
  const [version, setVersion] = useState(0);

  const toggle = async (indicator: IndicatorView) => {
    const enabled = !indicator.enabled;
    setBusy(indicator.code);
    setOutcome(null);
    try {
      const result = await api.setIndicator(indicator.code, enabled);
      setOutcome({ status: 'done', code: indicator.code, enabled, result });
      catalogue.reload();
      setVersion((v) => v + 1);
    } catch (error) {
      setOutcome({ status: 'error', error });
    } finally {
      setBusy(null);
    }
  };

  const note = t('indicators.englishNote');
  const indicators = catalogue.state.status === 'ok' ? catalogue.state.data : null;
  return (
    <>
      <p className="back-link">
        <Link to="/triage">
          <span aria-hidden="true">← </span>
          {t('indicators.back')}
        </Link>
      </p>
      <PageHeading>{t('indicators.title')}</PageHeading>
      <p className="lead">{t('indicators.intro')}</p>
      {note && <p className="muted">{note}</p>}
      {!canSwitch && <p className="muted">{t('indicators.noPermission')}</p>}

      <div role="status" className="switch-status">
        {busy && <p className="loading">{t('indicators.busy')}</p>}
        {outcome?.status === 'done' && (
          <div className="notice notice-success" data-testid="switch-done">
            <p>
              {t(outcome.enabled ? 'indicators.doneOn' : 'indicators.doneOff', {
                name: catalogue.name(outcome.code),
                model: outcome.result.model,
                ads: formatNumber(outcome.result.ads),
                networks: formatNumber(outcome.result.networks),
              })}
            </p>
          </div>
        )}
      </div>
      {outcome?.status === 'error' && <ErrorNotice error={outcome.error} />}

      {catalogue.state.status === 'loading' && <Loading />}
      {catalogue.state.status === 'error' && (
        <ErrorNotice error={catalogue.state.error} onRetry={catalogue.reload} />
      )}
      {indicators &&
        LEVELS.map((level) => {
          const list = indicators.filter((d) => d.level === level);
          if (list.length === 0) return null;
          return (
            <section key={level} className="panel" aria-labelledby={`indicators-${level}`}>
              <h2 id={`indicators-${level}`}>{t(`indicators.${level}`)}</h2>
              <p className="muted">{t(`indicators.${level}Intro`)}</p>
              <ul className="indicator-list">
                {list.map((indicator) => (
                  <li key={indicator.code}>
                    <IndicatorCard
                      indicator={indicator}
                      canSwitch={canSwitch}
                      busy={busy}
                      onToggle={(d) => void toggle(d)}
                    />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}

      <Fairness key={version} />
    </>
  );
}

function IndicatorCard({
  indicator: d,
  canSwitch,
  busy,
  onToggle,
}: {
  indicator: IndicatorView;
  canSwitch: boolean;
  busy: string | null;
  onToggle: (indicator: IndicatorView) => void;
}) {
  const { t, lang, languageName } = useI18n();
  const words = useRiskWords();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const headingId = `indicator-${d.code}`;
  const name = d.name[lang];

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <article
      className={`indicator${d.enabled ? '' : ' is-off'}`}
      aria-labelledby={headingId}
      data-code={d.code}
    >
      <header className="indicator-header">
        <h3 id={headingId}>{name}</h3>
        <code>{d.code}</code>
        <span className={`badge ${d.enabled ? 'badge-on' : 'badge-off'}`}>
          {t(d.enabled ? 'indicators.on' : 'indicators.off')}
        </span>
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={d.enabled}
          aria-label={`${t('indicators.switch')}: ${name}`}
          disabled={!canSwitch || busy !== null}
          onClick={() => setConfirming(true)}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span aria-hidden="true">{t('indicators.switch')}</span>
        </button>
      </header>
      {confirming && (
        <div className="notice notice-info confirm" role="group" aria-labelledby={`${headingId}-q`}>
          <p id={`${headingId}-q`}>
            {t(d.enabled ? 'indicators.confirmOff' : 'indicators.confirmOn', { name })}
          </p>
          <div className="form-actions">
            <button
              ref={confirmRef}
              type="button"
              className="button-primary button-small"
              disabled={busy !== null}
              onClick={() => {
                setConfirming(false);
                onToggle(d);
              }}
            >
              {t(d.enabled ? 'indicators.doOff' : 'indicators.doOn')}
            </button>
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => setConfirming(false)}
            >
              {t('indicators.cancel')}
            </button>
          </div>
        </div>
      )}
      <p>{d.description[lang]}</p>
      <dl className="indicator-facts">
        <div>
          <dt>{t('indicators.level')}</dt>
          <dd>{t(`indicators.level.${d.level}`)}</dd>
        </div>
        <div>
          <dt>{t('indicators.languages')}</dt>
          <dd>
            {d.languages.length === 0
              ? t('indicators.languagesNone')
              : d.languages.map(languageName).join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('indicators.defaultWeight')}</dt>
          <dd>{words.signed(d.defaultWeight)}</dd>
        </div>
        <div>
          <dt>{t('indicators.weight')}</dt>
          <dd data-testid="active-weight">
            {words.signed(d.weight)}
            {!d.enabled && <span className="muted"> ({t('indicators.off')})</span>}
          </dd>
        </div>
        <div className="wide">
          <dt>{t('indicators.detection')}</dt>
          <dd lang="en">{d.detection}</dd>
        </div>
        <div className="wide">
          <dt>{t('indicators.source')}</dt>
          <dd>
            <span className="badge badge-source">{sourceKind(t, d.source.kind)}</span>{' '}
            <cite lang="en">{d.source.citation}</cite>
          </dd>
        </div>
        <div className="wide">
          <dt>{t('indicators.finding')}</dt>
          <dd lang="en">{d.source.finding}</dd>
        </div>
      </dl>
    </article>
  );
}

const SOURCE_KINDS = new Map<string, Key>([
  ['study', 'indicators.source.study'],
  ['signal-list', 'indicators.source.signal-list'],
  ['expert-prior', 'indicators.source.expert-prior'],
]);

function sourceKind(t: (key: Key) => string, kind: string): string {
  const key = SOURCE_KINDS.get(kind);
  return key ? t(key) : kind;
}

function Fairness() {
  const { t, regionName } = useI18n();
  const { state, reload } = useLoad(api.fairness);

  const origin = (group: string) => {
    if (group === 'none') return t('fairness.none');
    if (/^[A-Z]{2}$/.test(group)) return `${regionName(group)} (${group})`;
    const key = ORIGIN_REGIONS.get(group);
    return key ? t(key) : group;
  };
  const unit = (group: string) => (group === 'unknown' ? t('fairness.unknown') : unitLabel(group));

  return (
    <section className="panel" aria-labelledby="fairness" id="fairness-section">
      <h2 id="fairness">{t('fairness.title')}</h2>
      <p className="fairness-why">{t('fairness.intro')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ok' && (
        <>
          <p className="muted">{t('fairness.model', { model: state.data.model })}</p>
          <h3 className="subheading" id="fairness-units">
            {t('fairness.byUnit')}
          </h3>
          <FairnessTable
            labelledBy="fairness-units"
            groupHeading={t('fairness.col.unit')}
            groups={state.data.byPoliceUnit}
            name={unit}
          />
          <h3 className="subheading" id="fairness-origins">
            {t('fairness.byOrigin')}
          </h3>
          <p className="muted small">{t('fairness.byOriginNote')}</p>
          <FairnessTable
            labelledBy="fairness-origins"
            groupHeading={t('fairness.col.origin')}
            groups={state.data.byOrigin}
            name={origin}
          />
        </>
      )}
    </section>
  );
}

function FairnessTable({
  labelledBy,
  groupHeading,
  groups,
  name,
}: {
  labelledBy: string;
  groupHeading: string;
  groups: FairnessGroup[];
  name: (group: string) => string;
}) {
  const { t, formatNumber } = useI18n();
  const words = useRiskWords();
  if (groups.length === 0) return <p className="empty">{t('fairness.empty')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className="table fairness-table">
        <thead>
          <tr>
            <th scope="col">{groupHeading}</th>
            <th scope="col" className="num">
              {t('fairness.col.ads')}
            </th>
            <th scope="col" className="num">
              {t('fairness.col.mean')}
            </th>
            <th scope="col" className="num">
              {t('fairness.col.median')}
            </th>
            <th scope="col" className="num">
              {t('fairness.col.p90')}
            </th>
            <th scope="col" className="num">
              {t('fairness.col.flagged')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{name(g.group)}</th>
              <td className="num">{formatNumber(g.ads)}</td>
              <td className="num">{words.percent(g.mean)}</td>
              <td className="num">{words.percent(g.median)}</td>
              <td className="num">{words.percent(g.p90)}</td>
              <td className="num">{words.percent(g.flagged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
