/**
 * On an ad page: the network the ad belongs to and, for every ad it is linked to, each piece of
 * evidence in words ("same number +31…", "same photo, distance 4"), hubs marked as counting only
 * with corroboration.
 */
import { useCallback } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api';
import type { AdLinks, EvidenceView } from '../api';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, useLoad } from '../ui';
import { EvidenceSwatch, isDashed, PhotoPairThumbs, RoleBadge, useEvidenceWords } from './evidence';

export function LinkedBecause({ adId }: { adId: string }) {
  const { t } = useI18n();
  const load = useCallback(() => api.adLinks(adId), [adId]);
  const { state, reload } = useLoad(load);

  return (
    <section className="panel linked-because" aria-labelledby="ad-links">
      <h2 id="ad-links">{t('links.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' &&
        (state.error instanceof ApiError && state.error.status === 403 ? (
          <p className="muted">{t('links.noAccess')}</p>
        ) : (
          <ErrorNotice error={state.error} onRetry={reload} />
        ))}
      {state.status === 'ok' && <Links adId={adId} links={state.data} />}
    </section>
  );
}

function Links({ adId, links }: { adId: string; links: AdLinks }) {
  const { t, formatNumber } = useI18n();
  if (!links.network && links.links.length === 0) return <p className="empty">{t('links.none')}</p>;
  const titleOf = (ad: string) => {
    if (ad === adId) return t('links.thisAd');
    const link = links.links.find((l) => l.ad === ad);
    return link?.title || link?.name || ad.slice(0, 8);
  };
  return (
    <>
      {links.network && (
        <p className="links-network">
          {t('links.partOf')}{' '}
          <Link to={`/networks/${encodeURIComponent(links.network.id)}`}>
            <code>{links.network.id}</code>
          </Link>{' '}
          <span className="muted">
            (
            {links.network.ads === 1
              ? t('links.adsOne')
              : t('links.ads', { count: formatNumber(links.network.ads) })}
            )
          </span>
        </p>
      )}
      {links.links.length === 0 ? (
        <p className="muted">{t('links.noDirect')}</p>
      ) : (
        <>
          <p className="muted">{t('links.intro')}</p>
          <ul className="link-list">
            {links.links.map((link) => (
              <li key={link.ad} className="link-item">
                <h3 className="link-ad">
                  <Link to={`/ads/${link.ad}`}>{link.title || t('ads.untitled')}</Link>
                  {link.name && <span className="muted"> · {link.name}</span>}
                </h3>
                <ul className="link-evidence">
                  {link.evidence.map((evidence, i) => (
                    <EvidenceItem key={i} evidence={evidence} caption={titleOf} />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function EvidenceItem({
  evidence,
  caption,
}: {
  evidence: EvidenceView;
  caption: (ad: string) => string;
}) {
  const { t } = useI18n();
  const words = useEvidenceWords();
  return (
    <li className={evidence.hub ? 'is-hub' : undefined}>
      <span className="evidence-line">
        <EvidenceSwatch type={evidence.type} dashed={isDashed(evidence)} />
        <span className="evidence-sentence">{words.sentence(evidence)}</span>{' '}
        <RoleBadge evidence={evidence} />
      </span>
      {evidence.hub && <span className="small hub-text">{t('links.hubNeedsCorroboration')}</span>}
      {evidence.type === 'photo' && <PhotoPairThumbs evidence={evidence} caption={caption} />}
    </li>
  );
}
