import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Key } from '../i18n';
import { PageHeading } from '../ui';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/ads">{t('notFound.back')}</Link>
      </p>
    </>
  );
}

/** Shown to a user whose roles do not allow a page (the API refuses them in any case). */
export function NoAccessPage({
  heading = 'nav.admin',
  text = 'noAccess.text',
}: {
  heading?: Key;
  text?: Key;
}) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t(heading)}</PageHeading>
      <div className="notice notice-error" role="alert">
        <p>{t(text)}</p>
      </div>
    </>
  );
}
