import { useState } from 'react';
import { eventsApi } from '../../api/endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { EventTime } from '../event-time.tsx';
import { useT, type TextKey } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useLoad } from '../../scheduling/use-load.ts';
import { useRequireSession } from '../../scheduling/require-session.ts';
import { OutboxList } from '../outbox/outbox-list.tsx';
import { SchedulingNav } from '../scheduling-nav.tsx';
import '../../styles/scheduling.css';
import { AppearanceTab } from './appearance-tab.tsx';
import { DetailsTab } from './details-tab.tsx';
import { AccessSection } from './access-section.tsx';
import { InvitationsTab } from './invitations-tab.tsx';
import { RegistrationTab } from './registration-tab.tsx';
import { RemindersTab } from './reminders-tab.tsx';

const TABS = ['details', 'registration', 'invitations', 'reminders', 'appearance', 'mail'] as const;
type Tab = (typeof TABS)[number];
const LABELS: Record<Tab, TextKey> = { details: 'setup.tabDetails', registration: 'setup.tabRegistration', invitations: 'setup.tabInvitations', reminders: 'setup.tabReminders', appearance: 'setup.tabAppearance', mail: 'setup.tabMail' };

/** `/dashboard/events/:id`: everything around one event's hour in the room, tab by tab. */
export function EventSetupPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const signedIn = useRequireSession();
  const [tab, setTab] = useState<Tab>(() => (TABS as readonly string[]).includes(window.location.hash.slice(1)) ? (window.location.hash.slice(1) as Tab) : 'details');
  const { data: event, failure, setData } = useLoad(() => eventsApi.get(eventId), [eventId]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  if (failure !== undefined) return <Alert>{errorText(t, failure, { notFound: 'error.event-not-found' })}</Alert>;
  if (!event) return <p className="page-loading">{t('common.loading')}</p>;

  const choose = (next: Tab) => {
    setTab(next);
    window.history.replaceState(null, '', `#${next}`);
  };
  return (
    <div className="stack" data-testid="event-setup">
      <SchedulingNav />
      <div className="page-head">
        <div>
          <p className="muted small"><Link to="/dashboard">{t('dashboard.title')}</Link> › {t('event.id', { id: event.id })}</p>
          <h1 className="page-title">{event.name}</h1>
          <p className="muted"><EventTime iso={event.startsAt} zone={event.timeZone} /></p>
        </div>
        {(event.kind === 'automated' || event.kind === 'on_demand') && <Link className="btn btn-primary" to={`/dashboard/events/${event.id}/timeline`} data-testid="edit-timeline">{t('auto.editTimeline')}</Link>}
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" className="tab" aria-selected={tab === name} onClick={() => choose(name)}>{t(LABELS[name])}</button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'details' && <DetailsTab event={event} onSaved={setData} />}
        {tab === 'details' && <AccessSection event={event} onSaved={setData} />}
        {tab === 'registration' && <RegistrationTab eventId={event.id} />}
        {tab === 'invitations' && <InvitationsTab eventId={event.id} />}
        {tab === 'reminders' && <RemindersTab eventId={event.id} timeZone={event.timeZone} />}
        {tab === 'appearance' && <AppearanceTab eventId={event.id} />}
        {tab === 'mail' && <OutboxList eventId={event.id} timeZone={event.timeZone} />}
      </div>
    </div>
  );
}
