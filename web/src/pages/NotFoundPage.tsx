import { Link } from 'react-router';
import { useI18n } from '../i18n';
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

/** Shown at /admin to a user without the admin role (the API refuses them in any case). */
export function NoAccessPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('nav.admin')}</PageHeading>
      <div className="notice notice-error" role="alert">
        <p>{t('noAccess.text')}</p>
      </div>
    </>
  );
}
