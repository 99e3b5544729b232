/**
 * Risk in numbers and words, shared by the triage list, the risk panels and the indicators page:
 * the risk as a percentage with a bar, contributions signed, evidence as the words or the fact
 * behind a hit, and reviews.
 */
import { Fragment, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { unitName } from '../api';
import type { ContributionView, IndicatorEvidence, ReviewStatus, ReviewView } from '../api';
import { fieldLabel } from '../fields';
import { useI18n } from '../i18n';
import { useIndicators } from './catalogue';

export const REVIEW_STATUSES: readonly ReviewStatus[] = ['reviewed', 'not_relevant', 'selected'];

/** The command that assesses everything (src/cli/assess.ts). */
export const ASSESS_COMMAND = 'schakel assess run';

/** A risk at or above this is "flagged" (as in the fairness report). */
export const FLAGGED = 0.5;

export function riskLevel(risk: number): 'high' | 'medium' | 'low' {
  return risk >= FLAGGED ? 'high' : risk >= 0.2 ? 'medium' : 'low';
}

export function useRiskWords() {
  const { lang } = useI18n();
  return useMemo(() => {
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    const whole = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const fine = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    });
    const plain = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return {
      /** 0.734 → "73%"; below 1% one decimal, so a small risk does not read as none. */
      percent: (share: number) => (share > 0 && share < 0.01 ? fine : whole).format(share),
      /** Log-odds with their sign: "+0,40", "−0,30". */
      signed: (value: number) => signed.format(value).replace('-', '−'),
      /** Log-odds without a forced sign. */
      decimal: (value: number) => plain.format(value).replace('-', '−'),
    };
  }, [lang]);
}

/** The risk as a percentage with a small bar (the bar is decoration; the number says it). */
export function RiskMeter({ risk, large = false }: { risk: number; large?: boolean }) {
  const words = useRiskWords();
  const width = Math.min(100, Math.max(0, risk * 100));
  return (
    <span className={`risk-meter${large ? ' risk-meter-large' : ''}`} data-level={riskLevel(risk)}>
      <span className="risk-value">{words.percent(risk)}</span>
      <span className="risk-bar" aria-hidden="true">
        <span className="risk-bar-fill" style={{ width: `${width}%` }} />
      </span>
    </span>
  );
}

/** Raises or lowers, in a sign, an arrow, a colour and a word: never the colour alone. */
export function Signed({ value }: { value: number }) {
  const { t } = useI18n();
  const words = useRiskWords();
  const up = value >= 0;
  return (
    <span className={`signed ${up ? 'is-up' : 'is-down'}`}>
      <span aria-hidden="true">{up ? '▲' : '▼'} </span>
      {words.signed(value)}
      <span className="visually-hidden"> ({t(up ? 'risk.up' : 'risk.down')})</span>
    </span>
  );
}

const FORMS = [
  'letters',
  'keycap',
  'fullwidth',
  'unicode-digits',
  'spelled',
  'stars',
  'spaced',
] as const;

/**
 * The fact behind a hit in the reader's language (from `fact`); the server's English sentence
 * (`detail`) when the evidence predates facts as data or names a fact this app does not know.
 */
export function useFactText(): (e: IndicatorEvidence) => string | null {
  const { t, regionName } = useI18n();
  return (e) => {
    const f = e.fact;
    if (!f) return e.detail ?? null;
    const list = (names: readonly string[]) => names.join(', ');
    switch (f.key) {
      case 'obscured_phone': {
        const forms = f.forms
          .filter((x): x is (typeof FORMS)[number] => (FORMS as readonly string[]).includes(x))
          .map((x) => t(`fact.form.${x}`));
        return t(forms.length > 0 ? 'fact.obscured_phone.how' : 'fact.obscured_phone', {
          phone: f.phone,
          how: forms.join(', '),
        });
      }
      case 'foreign_number':
        return t(f.unit ? 'fact.foreign_number' : 'fact.foreign_number.nowhere', {
          phone: f.phone,
          country: f.country ? regionName(f.country) : t('fact.unknownCountry'),
          unit: f.unit ? (unitName(f.unit) ?? f.unit) : '',
        });
      case 'messages_only':
        return t('fact.messages_only', { phone: f.phone });
      case 'whatsapp_only':
        return t('fact.whatsapp_only', { contact: f.contact });
      case 'one_number_many_names':
        return t('fact.one_number_many_names', {
          phone: f.phone,
          n: f.names.length,
          names: list(f.names),
        });
      case 'photos_reused_names':
        return t('fact.photos_reused_names', { distance: f.distance, a: f.a, b: f.b });
      case 'rotation':
        return t('fact.rotation', {
          name: f.name,
          from: f.from,
          to: f.to,
          places: f.places.join(' → '),
          municipalities: f.municipalities,
          units: f.units,
        });
      case 'simultaneous_distant':
        return t('fact.simultaneous_distant', {
          phone: f.phone,
          week: f.week,
          a: f.a,
          b: f.b,
          km: f.km,
        });
      case 'template_many_names':
        return t('fact.template_many_names', {
          ads: f.ads,
          n: f.names.length,
          names: list(f.names.slice(0, 8)),
        });
      default:
        return e.detail ?? null;
    }
  };
}

/** One piece of evidence in one line of text, for tooltips. */
export function evidenceLine(e: IndicatorEvidence, fact: string | null = e.detail ?? null): string {
  const quote = e.text ? `“${e.text}”` : '';
  return [quote, fact ?? ''].filter(Boolean).join(' — ');
}

/**
 * The evidence of one contribution: the words as they stand in the ad (with the field), the fact
 * in a sentence, and the ads involved as links.
 */
export function EvidenceList({
  evidence,
  adLabel,
}: {
  evidence: readonly IndicatorEvidence[];
  /** The ad's title when the page knows it; otherwise its id is shortened. */
  adLabel?: (ad: string) => string;
}) {
  const { t } = useI18n();
  const factText = useFactText();
  if (evidence.length === 0) return <span className="muted">—</span>;
  const label = (ad: string) => adLabel?.(ad) ?? ad.slice(0, 8);
  return (
    <ul className="risk-evidence">
      {evidence.map((e, i) => (
        <li key={i}>
          {e.text && (
            <span className="risk-quote-line">
              {e.field && <span className="risk-field">{fieldLabel(t, e.field)}: </span>}
              <q className="risk-quote">{e.text}</q>
            </span>
          )}
          {(e.fact || e.detail) && (
            // Without `fact` the sentence is the server's, in English.
            <span className="risk-detail" lang={e.fact ? undefined : 'en'}>
              {factText(e)}
            </span>
          )}
          {e.ads && e.ads.length > 0 && (
            <span className="risk-ads">
              {t('risk.evidence.in')}{' '}
              {e.ads.map((ad, n) => (
                <Fragment key={ad}>
                  {n > 0 && ', '}
                  <Link to={`/ads/${ad}`}>{label(ad)}</Link>
                </Fragment>
              ))}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The top reasons of a triage row as chips: the indicator's name and its contribution; hovering
 * shows the evidence, clicking (or Enter) unfolds it below.
 */
export function ReasonChips({
  reasons,
  kind,
}: {
  reasons: readonly ContributionView[];
  kind: 'ad' | 'network';
}) {
  const { t } = useI18n();
  const words = useRiskWords();
  const catalogue = useIndicators();
  const factText = useFactText();
  const [open, setOpen] = useState<string | null>(null);
  if (reasons.length === 0) return <span className="muted">{t('triage.noReasons')}</span>;
  const shown = reasons.find((r) => r.code === open) ?? null;
  return (
    <>
      <ul className="reason-chips">
        {reasons.map((r) => {
          const name = catalogue.name(r.code);
          const tooltip = [
            `${name} (${words.signed(r.contribution)})`,
            ...r.evidence.map((e) => evidenceLine(e, factText(e))).filter(Boolean),
          ].join('\n');
          return (
            <li key={r.code}>
              <button
                type="button"
                className={`reason-chip ${r.contribution >= 0 ? 'is-up' : 'is-down'}`}
                aria-expanded={open === r.code}
                title={tooltip}
                data-code={r.code}
                onClick={() => setOpen((o) => (o === r.code ? null : r.code))}
              >
                {name} <span className="reason-value">{words.signed(r.contribution)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {shown && (
        <div className="reason-evidence">
          <p className="small muted">
            {catalogue.description(shown.code)}
            {kind === 'network' && shown.presence < 1 && (
              <> {t('triage.reason.presence', { share: words.percent(shown.presence) })}</>
            )}
          </p>
          <EvidenceList evidence={shown.evidence} />
        </div>
      )}
    </>
  );
}

/** A review's status as a badge, with why, by whom and when. */
export function ReviewStatusView({ review }: { review: ReviewView | null }) {
  const { t, formatDateTime } = useI18n();
  if (!review) return <span className="muted">{t('review.none')}</span>;
  return (
    <>
      <span className={`badge badge-review-${review.status}`}>
        {t(`review.status.${review.status}`)}
      </span>
      <span className="cell-sub review-reason">{review.reason}</span>
      <span className="cell-sub muted">
        {t('review.by', { by: review.by, at: formatDateTime(review.at) })}
      </span>
    </>
  );
}

/** A sentence with `{command}` in it, the command set as code. */
export function WithCommand({
  text,
  command = ASSESS_COMMAND,
}: {
  text: string;
  command?: string;
}) {
  const [before, after = ''] = text.split('{command}');
  const parts: ReactNode[] = [before];
  if (text.includes('{command}')) parts.push(<code key="command">{command}</code>, after);
  return <>{parts}</>;
}
