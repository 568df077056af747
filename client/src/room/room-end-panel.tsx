import { useEffect } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/** Shown when the host ended the event, or when this person was removed from it. */
export function RoomEndPanel({ kind, thankYouUrl, isHost }: { kind: 'ended' | 'removed'; thankYouUrl: string | null; isHost: boolean }) {
  const { t } = useT();
  const safeUrl = thankYouUrl && /^https?:\/\//i.test(thankYouUrl) ? thankYouUrl : null;
  // Scheduling (EV-9): attendees are taken to the organizer's thank-you page after a moment to read this.
  const redirect = kind === 'ended' && safeUrl && !isHost ? safeUrl : null;
  useEffect(() => {
    if (!redirect) return;
    const timer = setTimeout(() => window.location.assign(redirect), 5000);
    return () => clearTimeout(timer);
  }, [redirect]);
  return (
    <div className="room-center">
      <section className="card center end-card" data-testid={kind === 'ended' ? 'event-ended' : 'removed'}>
        <h2 className="card-title">{t(kind === 'ended' ? 'ended.title' : 'removed.title')}</h2>
        <p className="muted">{t(kind === 'ended' ? 'ended.text' : 'removed.text')}</p>
        {redirect && <p className="muted small">{t('ended.redirecting')}</p>}
        <div className="button-row center-row">
          {kind === 'ended' && safeUrl && !isHost && <a className="btn btn-primary" href={safeUrl} rel="noopener noreferrer">{t('ended.continue')}</a>}
          {isHost ? (
            <Link to="/dashboard" className="btn btn-primary">{t('landing.goToDashboard')}</Link>
          ) : (
            <Link to="/" className="btn btn-secondary">{t('common.backHome')}</Link>
          )}
        </div>
      </section>
    </div>
  );
}
