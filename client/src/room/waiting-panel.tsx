import { EventTime } from '../dashboard/event-time.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { WaitingView } from './use-room-connection.ts';
import { StartCountdown } from '../automated/start-countdown.tsx';

/**
 * The lobby before the start: when it begins, what the organizer wants people to know,
 * and the reassurance that they will be let in by themselves. Organizer texts are shown
 * as plain text, line breaks kept.
 */
export function WaitingPanel({ waiting, fallbackName, fallbackStartsAt, fallbackTimeZone, kind }: { waiting: WaitingView | undefined; fallbackName: string; fallbackStartsAt: string; fallbackTimeZone: string; kind?: string }) {
  const { t } = useT();
  return (
    <div className="room-center">
      <section className="card waiting-card" data-testid="waiting-room" aria-labelledby="waiting-title">
        <span className="badge badge-accent">{t('waiting.badge')}</span>
        <h2 id="waiting-title" className="waiting-title">{waiting?.eventName || fallbackName}</h2>
        <p className="waiting-when">
          <EventTime iso={waiting?.startsAt ?? fallbackStartsAt} zone={waiting?.timeZone || fallbackTimeZone} />
        </p>
        {kind === 'automated' && <StartCountdown startsAt={waiting?.startsAt ?? fallbackStartsAt} />}
        <div className="waiting-status" role="status">
          <span className="pulse" aria-hidden="true" />
          <div>
            <p className="waiting-status-title">{t('waiting.title')}</p>
            <p className="muted small">{t('waiting.text')}</p>
          </div>
        </div>
        {waiting?.message && (
          <div className="waiting-block">
            <h3 className="subheading">{t('waiting.message')}</h3>
            <p className="preserve-lines">{waiting.message}</p>
          </div>
        )}
        {waiting?.agenda && (
          <div className="waiting-block">
            <h3 className="subheading">{t('waiting.agenda')}</h3>
            <p className="preserve-lines">{waiting.agenda}</p>
          </div>
        )}
      </section>
    </div>
  );
}
