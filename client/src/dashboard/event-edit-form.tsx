import { useState, type FormEvent } from 'react';
import type { EventOut } from '../../../shared/event-schemas.ts';
import { eventsApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextAreaField, TextField } from '../components/field.tsx';
import { errorText, fieldErrors } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';

/**
 * Edits what the waiting room shows (agenda, message; EV-7) and where attendees go
 * after the end (EV-9). Clearing the thank-you address sends null, so attendees get our
 * own thank-you screen again.
 */
export function EventEditForm({ event, onSaved, onCancel }: { event: EventOut; onSaved: (event: EventOut) => void; onCancel: () => void }) {
  const { t } = useT();
  const [agenda, setAgenda] = useState(event.agenda);
  const [waitingMessage, setWaitingMessage] = useState(event.waitingMessage);
  const [thankYouUrl, setThankYouUrl] = useState(event.thankYouUrl ?? '');
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const prefix = `edit-${event.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const url = thankYouUrl.trim();
    if (url && !/^https?:\/\/\S+$/i.test(url)) {
      setErrors({ thankYouUrl: 'validation.url' });
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      onSaved(await eventsApi.update(event.id, { agenda: agenda.trim(), waitingMessage: waitingMessage.trim(), thankYouUrl: url || null }));
    } catch (err) {
      setErrors(fieldErrors(err, { thankYouUrl: 'validation.url' }));
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form event-edit" onSubmit={(e) => void submit(e)} noValidate data-testid="event-edit">
      <h4 className="subheading">{t('eventEdit.title')}</h4>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <TextAreaField id={`${prefix}-agenda`} label={t('eventForm.agenda')} rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} hint={t('eventForm.agendaHint')} optional maxLength={5000} />
      <TextAreaField id={`${prefix}-message`} label={t('eventForm.waitingMessage')} rows={2} value={waitingMessage} onChange={(e) => setWaitingMessage(e.target.value)} hint={t('eventForm.waitingMessageHint')} optional maxLength={1000} />
      <TextField id={`${prefix}-thanks`} label={t('eventForm.thankYouUrl')} type="url" inputMode="url" placeholder="https://" value={thankYouUrl} onChange={(e) => setThankYouUrl(e.target.value)}
        error={errors.thankYouUrl ? t(errors.thankYouUrl) : undefined} hint={t('eventForm.thankYouUrlHint')} optional maxLength={2000} />
      <div className="form-actions">
        <Button variant="ghost" onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" loading={busy}>{t('eventEdit.save')}</Button>
      </div>
    </form>
  );
}
