import { useState } from 'react';
import type { EventOut } from '../../../shared/event-schemas.ts';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { Button } from '../components/button.tsx';
import { EventTime } from './event-time.tsx';
import { useT } from '../i18n/i18n.tsx';
import { EventEditForm } from './event-edit-form.tsx';
import { EventPollsPanel } from './event-polls-panel.tsx';
import { Link, navigate } from '../router.tsx';
import { TokenPanel } from './token-panel.tsx';

type Drawer = 'tokens' | 'polls' | 'edit';

/** One event in the dashboard list: when, what kind, who may enter, its links, and its polls and settings below. */
export function EventCard({ event, onDelete, onUpdated }: { event: EventOut; onDelete: (event: EventOut) => Promise<void>; onUpdated: (event: EventOut) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState<Drawer>();
  const toggle = (drawer: Drawer) => setOpen((current) => (current === drawer ? undefined : drawer));
  const titleId = `event-${event.id}-title`;

  return (
    <article className="event-card" aria-labelledby={titleId} data-testid="event-card" data-event-id={event.id}>
      <div className="event-head">
        <div className="event-info">
          <h3 id={titleId} className="event-name">{event.name}</h3>
          <p className="event-when">
            <EventTime iso={event.startsAt} zone={event.timeZone} />
            <span className="dot-sep" aria-hidden="true">·</span>
            <span>{t('event.duration', { count: event.durationMinutes })}</span>
          </p>
          <div className="badges">
            <span className="badge">{t(`kind.${event.kind}`)}</span>
            <span className={`badge badge-access-${event.accessType}`}>{t(`accessShort.${event.accessType}`)}</span>
            <span className="badge badge-plain">{t('event.id', { id: event.id })}</span>
          </div>
        </div>
        <Button variant="primary" onClick={() => navigate(`/room/${event.id}?as=host`)} data-testid="enter-room">
          {t('event.enterRoom')}
        </Button>
      </div>

      <div className="event-link">
        <span className="event-link-label">{t('event.roomLink')}</span>
        <code className="event-link-url" data-testid="room-link">{event.roomUrl}</code>
      </div>

      <div className="event-actions">
        <CopyButton text={event.roomUrl} label={t('event.copyRoomLink')} data-testid="copy-room-link" />
        <CopyButton text={event.presenterUrl} label={t('event.copyPresenterLink')} variant="ghost" />
        {event.accessType === 'token' && (
          <Button variant="ghost" size="sm" aria-expanded={open === 'tokens'} onClick={() => toggle('tokens')}>
            {t('event.tokens')} {open === 'tokens' ? '▴' : '▾'}
          </Button>
        )}
        <Button variant="ghost" size="sm" aria-expanded={open === 'polls'} onClick={() => toggle('polls')} data-testid="event-polls-toggle">
          {t('eventPolls.button')} {open === 'polls' ? '▴' : '▾'}
        </Button>
        <Button variant="ghost" size="sm" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
          {t('eventEdit.button')} {open === 'edit' ? '▴' : '▾'}
        </Button>
        {/* Scheduling: registration, invitations, reminders, appearance. */}
        <Link to={`/dashboard/events/${event.id}`} className="btn btn-ghost btn-sm" data-testid="manage-event">{t('schedulingNav.manage')}</Link>
        <span className="spacer" />
        <ConfirmInline
          trigger={t('event.delete')}
          question={t('event.confirmDelete', { name: event.name })}
          confirmLabel={t('event.confirmDeleteYes')}
          onConfirm={() => onDelete(event)}
        />
      </div>

      {open === 'tokens' && <TokenPanel eventId={event.id} />}
      {open === 'polls' && <EventPollsPanel eventId={event.id} />}
      {open === 'edit' && (
        <EventEditForm event={event} onCancel={() => setOpen(undefined)} onSaved={(updated) => {
          onUpdated(updated);
          setOpen(undefined);
        }} />
      )}
    </article>
  );
}
