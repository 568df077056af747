import { useEffect, useState } from 'react';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/**
 * The registration confirmation: the personal link goes out by e-mail, and right here
 * "Add to calendar" (always) and "Join now" (while the event is live: nobody should
 * wait for an e-mail to enter an event that is on).
 */
export function RegistrationDone({ eventId, email, created, mailKept }: { eventId: number; email: string; created: boolean; mailKept: boolean }) {
  const { t } = useT();
  const [live, setLive] = useState(false);
  useEffect(() => {
    let current = true;
    eventsApi.entry(eventId).then((entry) => current && setLive(entry.status === 'live'), () => undefined);
    return () => {
      current = false;
    };
  }, [eventId]);

  return (
    <>
      <Alert tone="success">
        <strong data-testid="registration-done">{t(created ? 'registration.doneTitle' : 'registration.alreadyTitle')}</strong>{' '}
        {/* Honest about e-mail: without delivery set up, no link is on its way. */}
        {mailKept ? <span data-testid="registration-mail-kept">{t('mail.registration.kept')}</span> : t('registration.doneText', { email })}
      </Alert>
      <div className="button-row">
        {live && <Link to={`/room/${eventId}`} className="btn btn-primary" data-testid="registration-join-now">{t('ics.join')}</Link>}
        <a className="btn btn-secondary" href={`/api/v1/events/${eventId}/calendar.ics`} download data-testid="add-to-calendar">{t('ics.add')}</a>
      </div>
    </>
  );
}
