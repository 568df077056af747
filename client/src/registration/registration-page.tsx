import { useEffect, useState } from 'react';
import type { RegistrationFormOut } from '../../../shared/registration-schemas.ts';
import { ApiError } from '../api/http.ts';
import { schedulingApi } from '../api/scheduling-endpoints.ts';
import { BrandedFrame } from '../branding/branded-frame.tsx';
import { Alert } from '../components/alert.tsx';
import { PageShell } from '../components/page-shell.tsx';
import { errorText } from '../i18n/error-text.ts';
import { EventTime } from '../dashboard/event-time.tsx';
import { useT } from '../i18n/i18n.tsx';
import { RegistrationForm } from './registration-form.tsx';
import { RegistrationDone } from './registration-done.tsx';

type State = { state: 'loading' } | { state: 'ready'; form: RegistrationFormOut } | { state: 'closed' } | { state: 'error'; error: unknown };

/** `/register/:id`: the public registration page of an event (EV-5), in the event's branding. */
export function RegistrationPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const [state, setState] = useState<State>({ state: 'loading' });
  const [done, setDone] = useState<{ email: string; created: boolean; confirmationEmail?: 'queued' | 'kept' | 'none' }>();

  useEffect(() => {
    let current = true;
    schedulingApi.form(eventId).then(
      (form) => current && setState({ state: 'ready', form }),
      (error: unknown) => current && setState(error instanceof ApiError && (error.code === 'registration-closed' || error.code === 'not-found') ? { state: 'closed' } : { state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [eventId]);

  return (
    <BrandedFrame eventId={eventId}>
      <PageShell>
        <div className="narrow">
          {state.state === 'loading' && <p className="page-loading">{t('common.loading')}</p>}
          {state.state === 'closed' && <Alert tone="info">{t('registration.closed')}</Alert>}
          {state.state === 'error' && <Alert>{errorText(t, state.error)}</Alert>}
          {state.state === 'ready' && (
            <section className="card entry-card" aria-labelledby="registration-title">
              <header className="entry-head">
                <span className="badge">{t('registration.badge')}</span>
                <h1 id="registration-title" className="entry-title" data-testid="registration-event-name">{state.form.event.name}</h1>
                <p>
                  <EventTime iso={state.form.event.startsAt} zone={state.form.event.timeZone} />
                </p>
                {state.form.event.description && <p className="preserve-lines muted">{state.form.event.description}</p>}
              </header>
              {done ? (
                <RegistrationDone eventId={eventId} email={done.email} created={done.created} confirmationEmail={done.confirmationEmail} />
              ) : (
                <RegistrationForm eventId={eventId} form={state.form} onRegistered={setDone} />
              )}
            </section>
          )}
        </div>
      </PageShell>
    </BrandedFrame>
  );
}
