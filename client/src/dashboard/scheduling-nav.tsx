import { useT, type TextKey } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';

/** Every account-wide page of the dashboard, in one row; the page you are on is marked. */
const SECTIONS: { to: string; key: TextKey }[] = [
  { to: '/dashboard', key: 'dashboard.title' },
  { to: '/dashboard/timeline', key: 'schedulingNav.timeline' },
  { to: '/dashboard/address-book', key: 'schedulingNav.addressBook' },
  { to: '/dashboard/outbox', key: 'schedulingNav.outbox' },
  { to: '/dashboard/recordings', key: 'recordings.nav' },
  { to: '/dashboard/files', key: 'files.nav' },
  { to: '/dashboard/callme', key: 'callmeAdmin.nav' },
  { to: '/dashboard/statistics', key: 'reportsNav.statistics' },
  { to: '/dashboard/webhooks', key: 'reportsNav.webhooks' },
  { to: '/dashboard/privacy', key: 'reportsNav.privacy' },
  { to: '/dashboard/billing', key: 'billing.link' },
];

export function SchedulingNav() {
  const { t } = useT();
  const { path } = useLocation();
  const here = path.replace(/\/+$/, '') || '/';
  return (
    <nav className="sub-nav" aria-label={t('schedulingNav.label')}>
      {SECTIONS.map(({ to, key }) => (
        <Link key={to} to={to} className={`btn btn-sm ${here === to ? 'btn-secondary' : 'btn-ghost'}`} aria-current={here === to ? 'page' : undefined}>{t(key)}</Link>
      ))}
    </nav>
  );
}
