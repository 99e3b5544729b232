/** A number from a device, marked (with a link to the ads) when ads show the same number. */
import { Link } from 'react-router';
import type { PartyView } from '../api';
import { useI18n } from '../i18n';

export function NumberWithAds({ party, ads }: { party: PartyView; ads: Record<string, string[]> }) {
  const { t, formatNumber } = useI18n();
  const found = party.e164 ? ads[party.e164] : undefined;
  return (
    <span className="device-number">
      {party.name ? <span>{party.name} </span> : null}
      <span translate="no">{party.e164 ?? party.raw}</span>
      {found && found.length > 0 && party.e164 && (
        <Link
          className="badge badge-in-ads"
          to={`/ads?phone=${encodeURIComponent(party.e164)}`}
          title={t('devices.inAds.title')}
          data-testid="in-ads"
        >
          {t('devices.inAds', { n: formatNumber(found.length) })}
        </Link>
      )}
    </span>
  );
}
