import { useState, type FormEvent } from 'react';
import type { EventOut } from '../../../../shared/event-schemas.ts';
import { instantToWallTime, wallTimeToInstant } from '../../../../shared/time.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useAction } from '../../scheduling/use-action.ts';
import { TimeZonePicker } from '../time-zone-picker.tsx';
import { MailOutcomeNote } from '../outbox/mail-outcome-note.tsx';

type Draft = { name: string; local: string; timeZone: string; duration: string; description: string; agenda: string; waitingMessage: string; thankYouUrl: string };
const draftOf = (e: EventOut): Draft => ({ name: e.name, local: instantToWallTime(new Date(e.startsAt), e.timeZone), timeZone: e.timeZone, duration: String(e.durationMinutes), description: e.description, agenda: e.agenda, waitingMessage: e.waitingMessage, thankYouUrl: e.thankYouUrl ?? '' });

/**
 * Edit or reschedule (EV-2), with the waiting room's agenda and message (EV-7) and the
 * thank-you address (EV-9). When people are invited or registered, saving asks whether
 * to send them the updated invitation, as the help centre describes.
 */
export function DetailsTab({ event, onSaved }: { event: EventOut; onSaved: (event: EventOut) => void }) {
  const { t } = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(event));
  const [asking, setAsking] = useState<number>();
  const [notice, setNotice] = useState<string>();
  // Updated invitations with no e-mail delivery set up are kept in the outbox: the notice says so.
  const [updatesKept, setUpdatesKept] = useState(false);
  const { busy, failure, setFailure, run } = useAction();
  const set = (field: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  const save = (notify: boolean) => run(async () => {
    const saved = await schedulingApi.update(event.id, {
      name: draft.name.trim(), startsAt: wallTimeToInstant(draft.local, draft.timeZone).toISOString(), timeZone: draft.timeZone,
      durationMinutes: Number(draft.duration), description: draft.description, agenda: draft.agenda, waitingMessage: draft.waitingMessage,
      thankYouUrl: draft.thankYouUrl.trim() || null, notify,
    });
    onSaved(saved);
    setDraft(draftOf(saved));
    const kept = notify && (await schedulingApi.mailSettings()).delivery === 'outbox';
    setUpdatesKept(kept);
    setNotice(t(notify && !kept ? 'setup.savedNotified' : 'setup.saved'));
    setAsking(undefined);
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    try {
      const [registered, invited] = await Promise.all([schedulingApi.guests(event.id, 'registration'), schedulingApi.guests(event.id, 'invitation')]);
      const people = registered.guests.length + invited.guests.length;
      if (people > 0) setAsking(people);
      else await save(false);
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <section className="card">
      <form className="form form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <TextField className="span-2" label={t('eventForm.name')} value={draft.name} onChange={set('name')} required maxLength={200} />
        <TextField label={t('eventForm.startsAt')} name="startsAt" type="datetime-local" value={draft.local} onChange={set('local')} required />
        <TimeZonePicker label={t('eventForm.timeZone')} value={draft.timeZone} onChange={(zone) => set('timeZone')({ target: { value: zone } })} />
        <TextField label={t('eventForm.duration')} type="number" min={5} max={1440} value={draft.duration} onChange={set('duration')} />
        <TextField label={t('eventForm.thankYouUrl')} type="url" placeholder="https://" value={draft.thankYouUrl} onChange={set('thankYouUrl')} hint={t('setup.thankYouHint')} optional />
        <TextAreaField className="span-2" label={t('eventForm.description')} rows={3} value={draft.description} onChange={set('description')} optional />
        <TextAreaField label={t('eventForm.agenda')} rows={3} value={draft.agenda} onChange={set('agenda')} hint={t('eventForm.agendaHint')} optional />
        <TextAreaField label={t('eventForm.waitingMessage')} rows={3} value={draft.waitingMessage} onChange={set('waitingMessage')} hint={t('eventForm.waitingMessageHint')} optional />
        {failure !== undefined && <div className="span-2"><Alert>{errorText(t, failure)}</Alert></div>}
        {notice && <div className="span-2"><Alert tone="success">{notice}</Alert></div>}
        {notice && updatesKept && <div className="span-2"><MailOutcomeNote delivery="outbox" /></div>}
        {asking !== undefined ? (
          <div className="span-2 alert alert-info" role="alertdialog" aria-label={t('setup.notifyQuestion', { count: asking })}>
            <p>{t('setup.notifyQuestion', { count: asking })}</p>
            <div className="button-row">
              <Button variant="primary" loading={busy} onClick={() => void save(true)}>{t('setup.notifyYes')}</Button>
              <Button variant="secondary" disabled={busy} onClick={() => void save(false)}>{t('setup.notifyNo')}</Button>
              <Button variant="ghost" disabled={busy} onClick={() => setAsking(undefined)}>{t('common.cancel')}</Button>
            </div>
          </div>
        ) : (
          <div className="form-actions span-2"><Button type="submit" variant="primary" loading={busy}>{t('setup.save')}</Button></div>
        )}
      </form>
    </section>
  );
}
