import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { isHttpUrl } from '../polls/choice-image.tsx';
import { Link } from '../router.tsx';
import { RatingForm } from '../reports/rating-form.tsx';

/** Seconds before attendees are taken to the organizer's thank-you page (EV-9). */
const REDIRECT_SECONDS = 5;

/**
 * Shown when the host ended the event, or when this person was removed from it. After
 * the end, attendees go on to the organizer's thank-you page by themselves after a few
 * seconds (with a link to go at once); without one, this is the thank-you screen.
 */
export function RoomEndPanel({ kind, thankYouUrl, isStaff, isHost, rating }: { kind: 'ended' | 'removed'; thankYouUrl: string | null; isStaff: boolean; isHost: boolean; rating?: { eventId: number; ticket: string } }) {
  const { t, tp } = useT();
  const target = kind === 'ended' && !isStaff && isHttpUrl(thankYouUrl) ? thankYouUrl : null;
  const [left, setLeft] = useState(REDIRECT_SECONDS);
  // Someone answering the rating question is not taken away mid-answer.
  const [answering, setAnswering] = useState(false);

  useEffect(() => {
    if (!target || answering) return;
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [target, answering]);
  useEffect(() => {
    if (target && left <= 0) window.location.assign(target);
  }, [target, left]);

  return (
    <div className="room-center">
      <section className="card center end-card" data-testid={kind === 'ended' ? 'event-ended' : 'removed'}>
        <h2 className="card-title">{t(kind === 'ended' ? 'ended.title' : 'removed.title')}</h2>
        <p className="muted">{t(kind === 'ended' ? 'ended.text' : 'removed.text')}</p>
        {kind === 'ended' && !isStaff && rating && <RatingForm eventId={rating.eventId} ticket={rating.ticket} onEngage={() => setAnswering(true)} />}
        {target && !answering && <p className="small" role="status">{tp('ended.redirecting', Math.max(0, left))}</p>}
        <div className="button-row center-row">
          {target && <a className="btn btn-primary" href={target} rel="noopener noreferrer">{t('ended.continue')}</a>}
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
