import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/** Links between the dashboard and the after-the-event pages: statistics, webhooks, data protection. */
export function ReportsNav({ home = true }: { home?: boolean }) {
  const { t } = useT();
  return (
    <nav className="sub-nav" aria-label={t('reportsNav.label')}>
      {home && <Link to="/dashboard" className="btn btn-ghost btn-sm">{t('dashboard.title')}</Link>}
      <Link to="/dashboard/statistics" className="btn btn-ghost btn-sm">{t('reportsNav.statistics')}</Link>
      <Link to="/dashboard/webhooks" className="btn btn-ghost btn-sm">{t('reportsNav.webhooks')}</Link>
      <Link to="/dashboard/privacy" className="btn btn-ghost btn-sm">{t('reportsNav.privacy')}</Link>
    </nav>
  );
}
