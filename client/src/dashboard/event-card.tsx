import { useState } from 'react';
import type { EventOut } from '../../../shared/event-schemas.ts';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { Button } from '../components/button.tsx';
import { EventTime } from './event-time.tsx';
import { useT } from '../i18n/i18n.tsx';
import { EventPollsPanel } from './event-polls-panel.tsx';
import { EventReportSummary } from './event-report-summary.tsx';
import { Link, navigate } from '../router.tsx';
import { TokenPanel } from './token-panel.tsx';

type Drawer = 'tokens' | 'polls' | 'report';

/**
 * One event in the dashboard list: when, what kind, who may enter (with the password to
 * send out), its links, and its polls and personal links below. "Edit" opens the event's
 * details, where everything can be changed; an ended event offers its report instead of
 * the room.
 */
export function EventCard({ event, onDelete }: { event: EventOut; onDelete: (event: EventOut) => Promise<void> }) {
  const { t } = useT();
  const [open, setOpen] = useState<Drawer>();
  const toggle = (drawer: Drawer) => setOpen((current) => (current === drawer ? undefined : drawer));
  const titleId = `event-${event.id}-title`;
  const ended = event.status === 'ended';

  return (
    <article className="event-card" aria-labelledby={titleId} data-testid="event-card" data-event-id={event.id} data-status={event.status}>
      <div className="event-head">
        <div className="event-info">
          <h3 id={titleId} className="event-name">{event.name}</h3>
          <p className="event-when">
            <EventTime iso={event.startsAt} zone={event.timeZone} />
            <span className="dot-sep" aria-hidden="true">·</span>
            <span>{t('event.duration', { count: event.durationMinutes })}</span>
          </p>
          <div className="badges">
            {ended && <span className="badge badge-muted" data-testid="event-ended-badge">{t('card.ended')}</span>}
            {event.status === 'live' && <span className="badge badge-live">{t('room.live')}</span>}
            <span className="badge">{t(`kind.${event.kind}`)}</span>
            <span className={`badge badge-access-${event.accessType}`}>{t(`accessShort.${event.accessType}`)}</span>
            <span className="badge badge-plain">{t('event.id', { id: event.id })}</span>
          </div>
        </div>
        {ended ? (
          <Button variant="primary" aria-expanded={open === 'report'} onClick={() => toggle('report')} data-testid="event-report">
            {t('card.report')}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => navigate(`/room/${event.id}?as=host`)} data-testid="enter-room">
            {t('event.enterRoom')}
          </Button>
        )}
      </div>

      <div className="event-link">
        <span className="event-link-label">{t('event.roomLink')}</span>
        <code className="event-link-url" data-testid="room-link">{event.roomUrl}</code>
      </div>
      {event.password !== null && (
        <div className="event-link">
          <span className="event-link-label">{t('card.password')}</span>
          <code className="event-link-url" data-testid="event-password">{event.password}</code>
          <CopyButton text={event.password} label={t('card.copyPassword')} variant="ghost" data-testid="copy-password" />
        </div>
      )}

      <div className="event-actions">
        <CopyButton text={event.roomUrl} label={t('event.copyRoomLink')} data-testid="copy-room-link" />
        {event.sharedPresenterLink && <CopyButton text={event.presenterUrl} label={t('event.copyPresenterLink')} variant="ghost" />}
        <Button variant="ghost" size="sm" aria-expanded={open === 'tokens'} onClick={() => toggle('tokens')} data-testid="event-tokens-toggle">
          {t(event.accessType === 'token' ? 'event.tokens' : 'card.personalLinks')} {open === 'tokens' ? '▴' : '▾'}
        </Button>
        <Button variant="ghost" size="sm" aria-expanded={open === 'polls'} onClick={() => toggle('polls')} data-testid="event-polls-toggle">
          {t('eventPolls.button')} {open === 'polls' ? '▴' : '▾'}
        </Button>
        {/* One place to change everything: details, access and password, registration, invitations, reminders, appearance. */}
        <Link to={`/dashboard/events/${event.id}`} className="btn btn-ghost btn-sm" data-testid="manage-event">{t('card.edit')}</Link>
        {event.kind === 'on_demand' && <Link to={`/dashboard/events/${event.id}/on-demand`} className="btn btn-ghost btn-sm">{t('od.manage')}</Link>}
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
      {open === 'report' && <EventReportSummary eventId={event.id} />}
    </article>
  );
}
