/**
 * Evidence in words and colours, shared by the network page (graph, table) and the ad page's
 * "linked because…" panel, so one link reads the same everywhere.
 */
import { useMemo } from 'react';
import { imageUrl, unitName } from '../api';
import type { EvidenceRole, EvidenceType, EvidenceView } from '../api';
import { contactLabel } from '../contacts';
import { useI18n } from '../i18n';

export const EVIDENCE_TYPES: readonly EvidenceType[] = ['phone', 'handle', 'template', 'photo'];
export const EVIDENCE_ROLES: readonly EvidenceRole[] = ['strong', 'corroborated', 'supporting'];

/** One colour per kind of evidence (graph edges, swatches); each at least 4.5:1 on white. */
export const EVIDENCE_COLOURS: Record<EvidenceType, string> = {
  phone: '#0b4f9c',
  handle: '#6a3fc8',
  template: '#a04a00',
  photo: '#1d6b35',
};

/** Hubs and edges that did not link on their own are drawn dashed (supporting ones also lighter). */
export function isDashed(e: EvidenceView): boolean {
  return e.hub || e.role !== 'strong';
}

/** A police unit code as its name, or the code when it is not one of the ten. */
export function unitLabel(code: string): string {
  return unitName(code) ?? code;
}

/** `telegram:sofia_22` → { kind: 'telegram', value: 'sofia_22' }. */
export function splitHandle(value: string): { kind: string; value: string } {
  const at = value.indexOf(':');
  return at > 0 ? { kind: value.slice(0, at), value: value.slice(at + 1) } : { kind: '', value };
}

/** The two photos of a photo edge (`sha256/sha256`, ad a's copy first). */
export function photoPair(value: string): [string, string] | null {
  const [a, b] = value.split('/');
  return a && b && /^[0-9a-f]{64}$/.test(a) && /^[0-9a-f]{64}$/.test(b) ? [a, b] : null;
}

export function useEvidenceWords() {
  const { t, lang } = useI18n();
  return useMemo(() => {
    const decimals = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    const decimal = (n: number) => decimals.format(n);
    const typeName = (type: EvidenceType) => t(`evidence.type.${type}`);
    const roleName = (role: EvidenceRole) => t(`evidence.role.${role}`);
    const roleText = (role: EvidenceRole) => t(`evidence.roleText.${role}`);
    /** What the two ads share, as a reader would say it: "same number +31…". */
    const sentence = (e: EvidenceView): string => {
      switch (e.type) {
        case 'phone':
          return t('evidence.says.phone', { number: e.value });
        case 'handle': {
          const handle = splitHandle(e.value);
          return t('evidence.says.handle', {
            kind: handle.kind ? contactLabel(t, handle.kind) : '',
            value: handle.value,
          }).replace(/\s+/g, ' ');
        }
        case 'template':
          return e.similarity === null
            ? t('evidence.says.templateNoScore')
            : t('evidence.says.template', { similarity: decimal(e.similarity) });
        case 'photo':
          return e.distance === null
            ? t('evidence.says.photoNoScore')
            : e.distance === 0
              ? t('evidence.says.photoSame')
              : t('evidence.says.photo', { distance: e.distance });
      }
    };
    /** The measure of a template or photo edge ("similarity 0.82", "distance 4"), else ''. */
    const measure = (e: EvidenceView): string => {
      if (e.type === 'template' && e.similarity !== null)
        return t('evidence.similarity', { value: decimal(e.similarity) });
      if (e.type === 'photo' && e.distance !== null)
        return t('evidence.distance', { value: e.distance });
      return '';
    };
    /** The shared thing itself, for a table cell: number, handle; '' for templates and photos. */
    const shared = (e: EvidenceView): string => {
      if (e.type === 'phone') return e.value;
      if (e.type === 'handle') {
        const handle = splitHandle(e.value);
        return handle.kind ? `${contactLabel(t, handle.kind)} ${handle.value}` : handle.value;
      }
      return '';
    };
    return { decimal, typeName, roleName, roleText, sentence, measure, shared };
  }, [t, lang]);
}

export function EvidenceSwatch({ type, dashed = false }: { type: EvidenceType; dashed?: boolean }) {
  return (
    <span
      className={`evidence-swatch${dashed ? ' is-dashed' : ''}`}
      style={{ color: EVIDENCE_COLOURS[type] }}
      aria-hidden="true"
    />
  );
}

/** A role as a small badge; hubs get their own mark. */
export function RoleBadge({ evidence }: { evidence: EvidenceView }) {
  const words = useEvidenceWords();
  const { t } = useI18n();
  return (
    <>
      <span className={`badge badge-role-${evidence.role}`} title={words.roleText(evidence.role)}>
        {words.roleName(evidence.role)}
      </span>
      {evidence.hub && (
        <>
          {' '}
          <span className="badge badge-hub" title={t('evidence.hubText')}>
            {t('evidence.hub')}
          </span>
        </>
      )}
    </>
  );
}

/** The two photos of a photo edge side by side, each under the ad that shows it. */
export function PhotoPairThumbs({
  evidence,
  caption,
}: {
  evidence: EvidenceView;
  caption: (ad: string) => string;
}) {
  const { t } = useI18n();
  const pair = photoPair(evidence.value);
  if (!pair) return null;
  const copies: [string, string][] = [
    [evidence.a, pair[0]],
    [evidence.b, pair[1]],
  ];
  return (
    <ul className="photo-pair">
      {copies.map(([ad, sha256]) => (
        <li key={ad}>
          <a
            className="photo photo-small"
            href={imageUrl(sha256)}
            target="_blank"
            rel="noreferrer noopener"
          >
            <img
              src={imageUrl(sha256)}
              loading="lazy"
              alt={t('evidence.photoAlt', { ad: caption(ad) })}
            />
            <span className="visually-hidden"> {t('ad.newWindow')}</span>
          </a>
          <span className="small">{caption(ad)}</span>
        </li>
      ))}
    </ul>
  );
}
