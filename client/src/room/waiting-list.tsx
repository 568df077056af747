import { Clock } from 'lucide-react';
import type { WaitingEntry } from '../../../shared/room-messages.ts';
import { formatClock } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';

/** The header's count of people in the waiting room, for the host and presenters. */
export function WaitingCount({ entries }: { entries: WaitingEntry[] }) {
  const { tp } = useT();
  return <span className="badge badge-waiting" data-testid="waiting-count"><Clock size={13} aria-hidden="true" />{tp('waitingList.count', entries.length)}</span>;
}

/**
 * Who waits before the start (ROOM-2), live: name and since when, the earliest first.
 * Shown to the host and presenters above the stage until the event starts.
 */
export function WaitingList({ entries }: { entries: WaitingEntry[] }) {
  const { t, tp, lang } = useT();
  return (
    <section className="waiting-list" aria-labelledby="waiting-list-title" data-testid="waiting-list">
      <h2 id="waiting-list-title" className="waiting-list-title">
        {t('waitingList.title')}: {tp('waitingList.count', entries.length)}
      </h2>
      {entries.length === 0 ? (
        <p className="muted small">{t('waitingList.empty')}</p>
      ) : (
        <>
          <ul className="waiting-list-people" aria-live="polite">
            {entries.map((entry) => (
              <li key={entry.id} className="waiting-list-person" data-testid="waiting-person">
                <span className="waiting-list-name">{entry.name}</span>
                <time className="muted small" dateTime={entry.since}>{t('waitingList.since', { time: formatClock(entry.since, lang) })}</time>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('waitingList.hint')}</p>
        </>
      )}
    </section>
  );
}
