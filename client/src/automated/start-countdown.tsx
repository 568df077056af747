import { Clock } from 'lucide-react';
import { useT } from '../i18n/i18n.tsx';
import { formatCountdown, useNow } from '../room/use-now.ts';

/**
 * The waiting room of an automated webinar counts down to its start: it starts by its
 * schedule, so the time left is exact. Honest by default: it says the presentation is
 * recorded, and shows no invented audience.
 */
export function StartCountdown({ startsAt }: { startsAt: string }) {
  const { t } = useT();
  const start = Date.parse(startsAt);
  const now = useNow(true);
  const left = start - now;
  return (
    <div className="waiting-block" data-testid="start-countdown">
      <p className="badge">{t('auto.recordedLabel')}</p>
      <p className="waiting-status-title" role="timer" aria-live="off">
        <Clock size={16} aria-hidden="true" /> {left > 0 ? t('auto.startsIn', { time: formatCountdown(left) }) : t('auto.startingNow')}
      </p>
    </div>
  );
}
