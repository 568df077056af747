import { useCallback, useEffect, useState } from 'react';
import type { EventOut } from '../../../shared/event-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { AccountSection } from './account-section.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { EventCard } from './event-card.tsx';
import { EventForm } from './event-form.tsx';
import { TeamSection } from './team-section.tsx';
import { ChangePasswordCard } from '../account-security/change-password-card.tsx';
import { MailDeliveryBanner } from './outbox/mail-outcome-note.tsx';
import { schedulingApi } from '../api/scheduling-endpoints.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { SchedulingNav } from './scheduling-nav.tsx';

/** The organizer's home: events on the left, account, API keys and team on the right. */
export function DashboardPage() {
  const { t } = useT();
  const { session } = useSession();
  const [events, setEvents] = useState<EventOut[] | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ key: 'eventForm.created' | 'event.deleted' | 'eventEdit.saved'; name?: string }>();
  // The banner while no e-mail transport is set up for the account.
  const mailDelivery = useLoad(async () => (session ? schedulingApi.mailSettings() : undefined), [session?.user.id]);

  useEffect(() => {
    if (session === null) navigate('/login?next=/dashboard', { replace: true });
  }, [session]);

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      setEvents((await eventsApi.list()).events);
    } catch (err) {
      setFailure(err);
    }
  }, []);

  useEffect(() => {
    if (session) void load();
  }, [session, load]);

  if (!session) return <p className="page-loading">{t('common.loading')}</p>;

  const created = (event: EventOut) => {
    setEvents((list) => [event, ...(list ?? [])]);
    setCreating(false);
    setNotice({ key: 'eventForm.created', name: event.name });
  };

  const remove = async (event: EventOut) => {
    try {
      await eventsApi.remove(event.id);
      setEvents((list) => list?.filter((e) => e.id !== event.id));
      setNotice({ key: 'event.deleted' });
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <div className="dashboard">
      <div className="dashboard-main">
        {/* Scheduling: timeline, address book, e-mail. */}
        <SchedulingNav />
        <MailDeliveryBanner delivery={mailDelivery.data?.delivery} />
        <div className="page-head">
          <div>
            <p className="muted small">{t('dashboard.greeting', { name: session.user.name })}</p>
            <h1 className="page-title">{t('dashboard.title')}</h1>
          </div>
          {!creating && (
            <Button variant="primary" onClick={() => { setCreating(true); setNotice(undefined); }}>
              + {t('dashboard.createEvent')}
            </Button>
          )}
        </div>

        {notice && <Alert tone="success">{t(notice.key, { name: notice.name ?? '' })}</Alert>}
        {creating && <EventForm onCreated={created} onCancel={() => setCreating(false)} />}
        {failure !== undefined && (
          <Alert>
            {events === undefined ? t('dashboard.loadFailed') : errorText(t, failure)}{' '}
            {events === undefined && <button type="button" className="link-button" onClick={() => void load()}>{t('common.retry')}</button>}
          </Alert>
        )}

        {events === undefined && failure === undefined && <p className="page-loading">{t('common.loading')}</p>}
        {events?.length === 0 && !creating && (
          <section className="card empty-state">
            <h2 className="card-title">{t('dashboard.emptyTitle')}</h2>
            <p className="muted">{t('dashboard.emptyText')}</p>
            <Button variant="primary" onClick={() => setCreating(true)}>+ {t('dashboard.createEvent')}</Button>
          </section>
        )}
        {events && events.length > 0 && (
          <div className="event-list" data-testid="event-list">
            {events.map((event) => (
              <EventCard key={event.id} event={event} onDelete={remove} />
            ))}
          </div>
        )}
      </div>

      <aside className="dashboard-side">
        <AccountSection account={session.account} />
        <ApiKeysSection />
        <TeamSection currentUserId={session.user.id} />
        <ChangePasswordCard />
      </aside>
    </div>
  );
}
