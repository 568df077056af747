import { useEffect, useState } from 'react';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/**
 * The registration confirmation: the personal link goes out by e-mail, and right here
 * "Add to calendar" (always) and "Join now" (while the event is live: nobody should
 * wait for an e-mail to enter an event that is on). The link itself is never in this
 * page (whoever typed an address would get its holder's seat), so "Join now" opens the
 * join page; a token event, which opens only with the link, points to the e-mail instead.
 */
export function RegistrationDone({ eventId, email, created, confirmationEmail }: { eventId: number; email: string; created: boolean; confirmationEmail: 'queued' | 'kept' | 'none' | undefined }) {
  const { t } = useT();
  const mailKept = confirmationEmail === 'kept';
  // undefined while the event's state is asked for; null when it is not live.
  const [live, setLive] = useState<{ access: string } | null | undefined>();
  useEffect(() => {
    let current = true;
    eventsApi.entry(eventId).then((entry) => current && setLive(entry.status === 'live' ? { access: entry.accessType } : null), () => current && setLive(null));
    return () => {
      current = false;
    };
  }, [eventId]);

  return (
    <>
      <Alert tone="success">
        <strong data-testid="registration-done">{t(created ? 'registration.doneTitle' : 'registration.alreadyTitle')}</strong>{' '}
        {/* Honest about e-mail: without delivery set up, no link is on its way. */}
        {mailKept ? <span data-testid="registration-mail-kept">{t('mail.registration.kept')}</span>
          // Registered before: nothing new was sent, so the page does not say a link is on its way.
          : confirmationEmail === 'none' ? <span data-testid="registration-nothing-sent">{t('registration.alreadyText')}</span>
            : t('registration.doneText', { email })}
      </Alert>
      {/* A token event opens only with the personal link, which this page does not have: "Join now" would be a dead end. */}
      {live?.access === 'token' && !mailKept && <p className="small" data-testid="registration-live-use-link">{t('registration.liveUseLink')}</p>}
      <div className="button-row" data-testid="registration-links" data-live={live === undefined ? undefined : String(live !== null)}>
        {live && live.access !== 'token' && <Link to={`/room/${eventId}`} className="btn btn-primary" data-testid="registration-join-now">{t('ics.join')}</Link>}
        <a className="btn btn-secondary" href={`/api/v1/events/${eventId}/calendar.ics`} download data-testid="add-to-calendar">{t('ics.add')}</a>
      </div>
    </>
  );
}
