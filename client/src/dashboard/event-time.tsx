import { useT } from '../i18n/i18n.tsx';
import { eventTimeParts } from './time-zones.ts';

/** A time in the event's zone with its name, and the viewer's own time beside it where that differs. */
export function EventTime({ iso, zone }: { iso: string; zone: string }) {
  const { t, lang } = useT();
  const p = eventTimeParts(iso, lang, zone);
  return (
    <span className="event-time" data-testid="event-time">
      <time dateTime={iso}>{p.date} {p.zone}</time>
      {p.yours && <span className="muted"> · {t('tz.yourTime', { time: p.yours })}</span>}
    </span>
  );
}
