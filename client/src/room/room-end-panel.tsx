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
 * seconds (with a link to go at once); without one, this is the thank-you screen and
 * its button leads back to the event's page.
 */
export function RoomEndPanel({ kind, thankYouUrl, isStaff, isHost, eventId, rating }: { kind: 'ended' | 'removed'; thankYouUrl: string | null; isStaff: boolean; isHost: boolean; eventId: number; rating?: { eventId: number; ticket: string } }) {
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
          ) : !target && (
            // The organizer's page, never the platform's home: a guest came for this event.
            <a href={`/room/${eventId}`} className="btn btn-secondary" data-testid="back-to-event">{t('ended.backToEvent')}</a>
          )}
        </div>
      </section>
    </div>
  );
}
