/** The section pages, for now a heading and what will appear there. */
import { useI18n } from '../i18n';
import { PageHeading } from '../ui';

export type Section = 'ads' | 'networks' | 'operations' | 'devices' | 'picture';

export function SectionPage({ section }: { section: Section }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t(`nav.${section}`)}</PageHeading>
      <p className="lead">{t(`section.${section}.intro`)}</p>
      <p className="muted">{t('section.pending')}</p>
    </>
  );
}
