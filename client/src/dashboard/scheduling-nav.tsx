import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/** Links to the organizer's scheduling pages: timeline, address book, e-mail. */
export function SchedulingNav() {
  const { t } = useT();
  return (
    <nav className="sub-nav" aria-label={t('schedulingNav.label')}>
      <Link to="/dashboard" className="btn btn-ghost btn-sm">{t('dashboard.title')}</Link>
      <Link to="/dashboard/timeline" className="btn btn-ghost btn-sm">{t('schedulingNav.timeline')}</Link>
      <Link to="/dashboard/address-book" className="btn btn-ghost btn-sm">{t('schedulingNav.addressBook')}</Link>
      <Link to="/dashboard/outbox" className="btn btn-ghost btn-sm">{t('schedulingNav.outbox')}</Link>
      <Link to="/dashboard/recordings" className="btn btn-ghost btn-sm">{t('recordings.nav')}</Link>
      <Link to="/dashboard/files" className="btn btn-ghost btn-sm">{t('files.nav')}</Link>
      <Link to="/dashboard/callme" className="btn btn-ghost btn-sm">{t('callmeAdmin.nav')}</Link>
    </nav>
  );
}
