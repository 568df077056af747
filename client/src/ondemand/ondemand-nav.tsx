import { CopyButton } from '../components/copy-button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/** Links between the organizer's on-demand pages of one event, and the viewers' link. */
export function OnDemandNav({ eventId, current }: { eventId: number; current: 'settings' | 'inbox' | 'stats' }) {
  const { t } = useT();
  const base = `/dashboard/events/${eventId}/on-demand`;
  const tab = (to: string, key: typeof current, label: string) => (
    <Link to={to} className={`btn btn-sm ${current === key ? 'btn-secondary' : 'btn-ghost'}`} aria-current={current === key ? 'page' : undefined}>{label}</Link>
  );
  const viewerUrl = `${window.location.origin}/watch/${eventId}`;
  return (
    <nav className="sub-nav" aria-label={t('od.nav.label')}>
      <Link to={`/dashboard/events/${eventId}`} className="btn btn-ghost btn-sm">{t('card.edit')}</Link>
      {tab(base, 'settings', t('od.nav.settings'))}
      {tab(`${base}/inbox`, 'inbox', t('od.nav.inbox'))}
      {tab(`${base}/stats`, 'stats', t('od.nav.stats'))}
      <a className="btn btn-ghost btn-sm" href={`/watch/${eventId}`} target="_blank" rel="noreferrer">{t('od.viewerLink')}</a>
      <CopyButton text={viewerUrl} label={t('od.copyViewerLink')} variant="ghost" />
    </nav>
  );
}
