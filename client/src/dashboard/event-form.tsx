import { useState, type FormEvent } from 'react';
import { ACCESS_TYPES, EVENT_KINDS, type AccessType, type EventKind, type EventOut } from '../../../shared/event-schemas.ts';
import { wallTimeToInstant } from '../../../shared/time.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../components/field.tsx';
import { errorText, fieldErrors } from '../i18n/error-text.ts';
import { viewerTimeZone } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { nextFullHourLocal } from './time-zones.ts';
import { TimeZonePicker } from './time-zone-picker.tsx';

interface Draft {
  name: string;
  kind: EventKind;
  local: string;
  timeZone: string;
  duration: string;
  accessType: AccessType;
  password: string;
  description: string;
  agenda: string;
  waitingMessage: string;
  thankYouUrl: string;
}

/** The "create event" form. The date is typed as wall-clock time in the chosen zone and sent as an instant. */
export function EventForm({ onCreated, onCancel }: { onCreated: (event: EventOut) => void; onCancel: () => void }) {
  const { t } = useT();
  const [draft, setDraft] = useState<Draft>(() => {
    const zone = viewerTimeZone();
    return { name: '', kind: 'webinar', local: nextFullHourLocal(zone), timeZone: zone, duration: '60', accessType: 'public', password: '', description: '', agenda: '', waitingMessage: '', thankYouUrl: '' };
  });
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(field: K) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value as Draft[K] }));

  const validate = (): Record<string, TextKey> => {
    const found: Record<string, TextKey> = {};
    if (!draft.name.trim()) found.name = 'validation.eventName';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(draft.local)) found.startsAt = 'validation.startsAt';
    const minutes = Number(draft.duration);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 24 * 60) found.durationMinutes = 'validation.duration';
    if (draft.accessType === 'password' && !draft.password) found.password = 'validation.eventPassword';
    if (draft.thankYouUrl.trim() && !/^https?:\/\/\S+$/i.test(draft.thankYouUrl.trim())) found.thankYouUrl = 'validation.url';
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const event = await eventsApi.create({
        name: draft.name.trim(),
        kind: draft.kind,
        startsAt: wallTimeToInstant(draft.local, draft.timeZone).toISOString(),
        timeZone: draft.timeZone,
        durationMinutes: Number(draft.duration),
        accessType: draft.accessType,
        ...(draft.accessType === 'password' && { password: draft.password }),
        ...(draft.description.trim() && { description: draft.description.trim() }),
        ...(draft.agenda.trim() && { agenda: draft.agenda.trim() }),
        ...(draft.waitingMessage.trim() && { waitingMessage: draft.waitingMessage.trim() }),
        ...(draft.thankYouUrl.trim() && { thankYouUrl: draft.thankYouUrl.trim() }),
      });
      onCreated(event);
    } catch (err) {
      setErrors(fieldErrors(err, { password: 'validation.eventPassword', name: 'validation.eventName', thankYouUrl: 'validation.url' }));
      setFailure(err);
      setBusy(false);
    }
  };

  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);

  return (
    <section className="card" aria-labelledby="event-form-title">
      <h2 id="event-form-title" className="card-title">{t('eventForm.title')}</h2>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <form className="form form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <TextField className="span-2" label={t('eventForm.name')} name="name" placeholder={t('eventForm.namePlaceholder')} value={draft.name} onChange={set('name')} error={err('name')} autoFocus required maxLength={200} />
        <SelectField label={t('eventForm.kind')} name="kind" value={draft.kind} onChange={set('kind')}>
          {EVENT_KINDS.map((kind) => <option key={kind} value={kind}>{t(`kind.${kind}`)}</option>)}
        </SelectField>
        <TextField label={t('eventForm.duration')} name="durationMinutes" type="number" inputMode="numeric" min={5} max={1440} step={5} value={draft.duration} onChange={set('duration')} error={err('durationMinutes')} required />
        <TextField label={t('eventForm.startsAt')} name="startsAt" type="datetime-local" value={draft.local} onChange={set('local')} error={err('startsAt')} required />
        <TimeZonePicker label={t('eventForm.timeZone')} value={draft.timeZone} onChange={(zone) => set('timeZone')({ target: { value: zone } })} error={err('timeZone')} />
        <SelectField label={t('eventForm.access')} name="accessType" value={draft.accessType} onChange={set('accessType')}
          hint={draft.accessType === 'token' ? t('eventForm.tokenHint') : undefined}>
          {ACCESS_TYPES.map((access) => <option key={access} value={access}>{t(`access.${access}`)}</option>)}
        </SelectField>
        {draft.accessType === 'password' ? (
          <TextField label={t('eventForm.password')} name="eventPassword" type="text" autoComplete="off" value={draft.password} onChange={set('password')} error={err('password')} hint={t('eventForm.passwordHint')} required maxLength={128} />
        ) : <div className="hide-sm" aria-hidden="true" />}
        <TextAreaField className="span-2" label={t('eventForm.description')} name="description" rows={3} value={draft.description} onChange={set('description')} optional maxLength={5000} />
        <details className="span-2 form-more" open={Boolean(errors.thankYouUrl)}>
          <summary>{t('eventForm.moreOptions')}</summary>
          <div className="form">
            <TextAreaField label={t('eventForm.agenda')} name="agenda" rows={3} value={draft.agenda} onChange={set('agenda')} hint={t('eventForm.agendaHint')} optional maxLength={5000} />
            <TextAreaField label={t('eventForm.waitingMessage')} name="waitingMessage" rows={2} value={draft.waitingMessage} onChange={set('waitingMessage')} hint={t('eventForm.waitingMessageHint')} optional maxLength={1000} />
            <TextField label={t('eventForm.thankYouUrl')} name="thankYouUrl" type="url" inputMode="url" placeholder="https://" value={draft.thankYouUrl} onChange={set('thankYouUrl')} error={err('thankYouUrl')} hint={t('eventForm.thankYouUrlHint')} optional maxLength={2000} />
          </div>
        </details>
        <div className="form-actions span-2">
          <Button variant="ghost" onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" loading={busy}>{t('eventForm.submit')}</Button>
        </div>
      </form>
    </section>
  );
}
