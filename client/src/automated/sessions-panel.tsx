import { useState } from 'react';
import { CalendarPlus, Repeat } from 'lucide-react';
import { WEEKDAYS, type SessionsOut, type Weekday } from '../../../shared/automated-sessions.ts';
import { instantToWallTime, wallTimeToInstant } from '../../../shared/time.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { EventTime } from '../dashboard/event-time.tsx';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { automatedApi } from './automated-api.ts';

/** Sessions of an automated webinar: one by one, or a weekly rule in the event's zone (AUTO-1). */
export function SessionsPanel({ eventId, timeZone }: { eventId: number; timeZone: string }) {
  const { t } = useT();
  const { data, failure, setData, reload } = useLoad(() => automatedApi.sessions(eventId), [eventId]);
  const [when, setWhen] = useState('');
  const [days, setDays] = useState<Weekday[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [time, setTime] = useState('10:00');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<SessionsOut | unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'sessions' in result) setData(result as SessionsOut);
      else await reload();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  if (failure !== undefined) return <Alert>{errorText(t, failure)}</Alert>;
  if (!data) return <p className="muted">{t('common.loading')}</p>;
  const toIso = (local: string) => wallTimeToInstant(local, timeZone).toISOString();
  return (
    <section className="card stack" aria-label={t('auto.sessions')} data-testid="sessions-panel">
      <h2 className="card-title">{t('auto.sessions')}</h2>
      <p className="muted small">{t('auto.sessionsIntro')}</p>
      {error && <Alert>{error}</Alert>}
      <ul className="tl-sessions">
        {data.sessions.map((s) => (
          <li key={s.id}>
            <a href={s.roomUrl}>#{s.id}</a> <EventTime iso={s.startsAt} zone={timeZone} /> {s.primary && <span className="muted small">({t('auto.sessionPrimary')})</span>}
            {' '}<span className="muted small">{t('auto.sessionRegistrants', { count: s.registrants, attendees: s.attendees })}</span>
            {s.status === 'waiting' && (
              <Button size="sm" variant="ghost" disabled={busy || !when} onClick={() => void run(() => automatedApi.moveSession(eventId, s.id, toIso(when)))}>{t('auto.reschedule')}</Button>
            )}
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <TextField type="datetime-local" label={`${t('auto.ruleTime', { zone: timeZone })}`} value={when} onChange={(e) => setWhen(e.target.value)}
          min={instantToWallTime(new Date(), timeZone)} />
        <Button disabled={busy || !when} onClick={() => void run(() => automatedApi.addSession(eventId, toIso(when)))}><CalendarPlus size={16} aria-hidden="true" /> {t('auto.addSession')}</Button>
      </div>
      <fieldset className="tl-rule">
        <legend className="field-label"><Repeat size={16} aria-hidden="true" /> {t('auto.rule')}</legend>
        <div className="button-row" role="group" aria-label={t('auto.ruleDays')}>
          {WEEKDAYS.map((d) => (
            <label key={d} className="checkbox">
              <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />
              {t(`auto.day.${d}` as TextKey)}
            </label>
          ))}
        </div>
        <div className="inline-form">
          <TextField type="time" label={t('auto.ruleTime', { zone: timeZone })} value={time} onChange={(e) => setTime(e.target.value)} />
          <Button disabled={busy || days.length === 0} onClick={() => void run(() => automatedApi.setRule(eventId, { weekdays: WEEKDAYS.filter((d) => days.includes(d)), time, from: instantToWallTime(new Date(), timeZone).slice(0, 10), until: null }))}>{t('auto.ruleSave')}</Button>
          {data.rule && <Button variant="ghost" disabled={busy} onClick={() => void run(() => automatedApi.setRule(eventId, null))}>{t('auto.ruleRemove')}</Button>}
        </div>
      </fieldset>
    </section>
  );
}
