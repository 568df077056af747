import { useState, type FormEvent } from 'react';
import { STANDARD_FIELDS, type RegistrationFormOut, type StandardField } from '../../../shared/registration-schemas.ts';
import { schedulingApi } from '../api/scheduling-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDateTimeWithZone, viewerTimeZone } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { looksLikeEmail } from '../pages/auth-validation.ts';

const FIELD_LABELS: Record<StandardField, TextKey> = { firstName: 'registration.firstName', lastName: 'registration.lastName', company: 'registration.company', phone: 'registration.phone' };
const AUTOCOMPLETE: Record<StandardField, string> = { firstName: 'given-name', lastName: 'family-name', company: 'organization', phone: 'tel' };

/** The registration form: e-mail, the standard fields the organizer chose, and the custom questions. */
export function RegistrationForm({ eventId, form, onRegistered }: { eventId: number; form: RegistrationFormOut; onRegistered: (result: { email: string; created: boolean; confirmationEmail?: 'queued' | 'kept' | 'none' }) => void }) {
  const { t, lang } = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const [answers, setAnswers] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const shown = STANDARD_FIELDS.filter((f) => form.fields[f] !== 'off');
  // A webinar with sessions: the registrant picks one (the only one needs no choice).
  const picking = form.sessions.length > 1;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!looksLikeEmail(values.email ?? '')) found.email = t('validation.email');
    if (picking && !values.sessionId) found.sessionId = t('auto.sessionRequired');
    for (const f of shown) if (form.fields[f] === 'required' && !values[f]?.trim()) found[f] = t('validation.required');
    for (const q of form.questions) {
      const a = answers[q.id];
      if (q.required && (q.type === 'consent' ? a !== true : !(typeof a === 'string' && a.trim()))) found[`answers.${q.id}`] = t('validation.required');
    }
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const result = await schedulingApi.register(eventId, {
        email: values.email!.trim(),
        ...Object.fromEntries(shown.map((f) => [f, values[f]?.trim() ?? ''])),
        answers,
        language: lang,
        timeZone: viewerTimeZone(),
        ...(picking && { sessionId: Number(values.sessionId) }),
      });
      onRegistered(result);
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      {picking && (
        <SelectField label={t('auto.sessionPick')} name="sessionId" value={values.sessionId ?? ''} onChange={(e) => setValues((v) => ({ ...v, sessionId: e.target.value }))} error={errors.sessionId} required>
          <option value="">{t('auto.sessionChoose')}</option>
          {form.sessions.map((session) => <option key={session.id} value={String(session.id)}>{formatDateTimeWithZone(session.startsAt, lang, form.event.timeZone)}</option>)}
        </SelectField>
      )}
      <TextField label={t('registration.email')} name="email" type="email" autoComplete="email" value={values.email ?? ''} onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))} error={errors.email} required />
      {shown.map((f) => (
        <TextField key={f} label={t(FIELD_LABELS[f])} name={f} autoComplete={AUTOCOMPLETE[f]} type={f === 'phone' ? 'tel' : 'text'} value={values[f] ?? ''}
          onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} error={errors[f]} optional={form.fields[f] === 'optional'} maxLength={200} />
      ))}
      {form.questions.map((q) => {
        const error = errors[`answers.${q.id}`];
        if (q.type === 'consent') {
          return (
            <div key={q.id} className={`field${error ? ' has-error' : ''}`}>
              <label className="checkbox">
                <input type="checkbox" checked={answers[q.id] === true} onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.checked }))} />
                {q.label}
              </label>
              {error && <p className="field-error">{error}</p>}
            </div>
          );
        }
        if (q.type === 'choice') {
          return (
            <SelectField key={q.id} label={q.label} value={String(answers[q.id] ?? '')} onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.value }))} error={error} optional={!q.required}>
              <option value="">{t('registration.choose')}</option>
              {q.choices?.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
            </SelectField>
          );
        }
        return <TextField key={q.id} label={q.label} value={String(answers[q.id] ?? '')} onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.value }))} error={error} optional={!q.required} maxLength={2000} />;
      })}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <Button type="submit" variant="primary" block loading={busy}>{t('registration.submit')}</Button>
    </form>
  );
}
