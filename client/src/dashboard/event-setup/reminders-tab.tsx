import { useState } from 'react';
import { schedulingApi, type ReminderSettings } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { EventTime } from '../event-time.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useAction } from '../../scheduling/use-action.ts';
import { useLoad } from '../../scheduling/use-load.ts';

/** "1d, 15m" ↔ minutes: how organizers think of reminder times. */
export function parseOffsets(text: string): number[] | undefined {
  const out: number[] = [];
  for (const piece of text.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^(\d+)\s*(d|h|m|min)?$/i.exec(piece);
    if (!m) return undefined;
    const unit = (m[2] ?? 'm').toLowerCase();
    out.push(Number(m[1]) * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1));
  }
  return out;
}
const formatOffset = (minutes: number) => (minutes % 1440 === 0 ? `${minutes / 1440}d` : minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`);

/** Reminder e-mails before the start and the thank-you e-mail after the end (EV-9). */
export function RemindersTab({ eventId, timeZone }: { eventId: number; timeZone: string }) {
  const { t } = useT();
  const { data, failure } = useLoad(() => schedulingApi.reminders(eventId), [eventId]);
  if (failure !== undefined) return <Alert>{errorText(t, failure)}</Alert>;
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;
  return <RemindersForm eventId={eventId} initial={data} timeZone={timeZone} />;
}

function RemindersForm({ eventId, initial, timeZone }: { eventId: number; initial: ReminderSettings; timeZone: string }) {
  const { t } = useT();
  const [settings, setSettings] = useState(initial);
  const [text, setText] = useState(initial.minutesBefore.map(formatOffset).join(', '));
  const [thankYou, setThankYou] = useState(initial.thankYouEmail);
  const [invalid, setInvalid] = useState(false);
  const { busy, failure, run } = useAction();

  const save = async () => {
    const minutes = parseOffsets(text);
    setInvalid(!minutes);
    if (minutes) await run(async () => setSettings(await schedulingApi.saveReminders(eventId, { minutesBefore: minutes, thankYouEmail: thankYou })));
  };

  return (
    <section className="card stack">
      <h2 className="card-title">{t('setup.reminders')}</h2>
      <TextField label={t('setup.reminderTimes')} hint={t('setup.reminderTimesHint')} value={text} onChange={(e) => setText(e.target.value)} error={invalid ? t('setup.reminderTimesInvalid') : undefined} />
      <label className="checkbox"><input type="checkbox" checked={thankYou} onChange={(e) => setThankYou(e.target.checked)} />{t('setup.thankYouEmail')}</label>
      <div><Button variant="primary" loading={busy} onClick={() => void save()}>{t('setup.save')}</Button></div>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <h3 className="subheading">{t('setup.planned')}</h3>
      {settings.planned.length === 0 ? <p className="muted small">{t('setup.nothingPlanned')}</p> : (
        <ul className="plain-list">
          {settings.planned.map((p) => <li key={p.runAt} className="list-row">{formatOffset(p.minutes)} · <EventTime iso={p.runAt} zone={timeZone} /></li>)}
        </ul>
      )}
    </section>
  );
}
