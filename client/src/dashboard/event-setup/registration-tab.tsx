import { useState } from 'react';
import { FIELD_MODES, QUESTION_TYPES, STANDARD_FIELDS, type RegistrationQuestion, type RegistrationSettingsOut } from '../../../../shared/registration-schemas.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT, type TextKey } from '../../i18n/i18n.tsx';
import { useAction } from '../../scheduling/use-action.ts';
import { useLoad } from '../../scheduling/use-load.ts';
import { GuestTable } from './guest-table.tsx';
import type { ResentGuestOut } from '../../../../shared/invitation-schemas.ts';
import { MailOutcomeNote } from '../outbox/mail-outcome-note.tsx';

type QuestionDraft = Omit<RegistrationQuestion, 'id' | 'choices'> & { id?: string; choices: string };
const FIELD_LABELS = { firstName: 'registration.firstName', lastName: 'registration.lastName', company: 'registration.company', phone: 'registration.phone' } as const;

/** Registration on/off, its fields and questions, and the registrants (EV-5). */
export function RegistrationTab({ eventId }: { eventId: number }) {
  const { t } = useT();
  const settings = useLoad(() => schedulingApi.registration(eventId), [eventId]);
  const registrants = useLoad(() => schedulingApi.guests(eventId, 'registration'), [eventId]);
  const [failure, setFailure] = useState<unknown>();
  const [resent, setResent] = useState<ResentGuestOut>();

  if (!settings.data) return settings.failure !== undefined ? <Alert>{errorText(t, settings.failure)}</Alert> : <p className="page-loading">{t('common.loading')}</p>;
  return (
    <div className="stack">
      <SettingsForm eventId={eventId} settings={settings.data} onSaved={settings.setData} />
      <section className="card">
        <div className="card-head">
          <h2 className="card-title">{t('setup.registrants')}</h2>
          <a className="btn btn-secondary btn-sm" href={`/api/v1/events/${eventId}/registrants.csv`} download>{t('setup.exportCsv')}</a>
        </div>
        {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
        {resent && <MailOutcomeNote outcome={resent.mail} />}
        {registrants.data && (
          <GuestTable guests={registrants.data.guests}
            extra={settings.data.questions.map((q) => ({ label: q.label, value: (g) => { const a = g.answers[q.id]; return typeof a === 'boolean' ? (a ? '✓' : '—') : (a ?? '—'); } }))}
            onResend={async (g) => { try { setResent(await schedulingApi.resend(eventId, g.id)); await registrants.reload(); } catch (err) { setFailure(err); } }}
            onRemove={async (g) => { await schedulingApi.removeGuest(eventId, g.id); await registrants.reload(); }} />
        )}
      </section>
    </div>
  );
}

function SettingsForm({ eventId, settings, onSaved }: { eventId: number; settings: RegistrationSettingsOut; onSaved: (s: RegistrationSettingsOut) => void }) {
  const { t } = useT();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [fields, setFields] = useState(settings.fields);
  const [questions, setQuestions] = useState<QuestionDraft[]>(settings.questions.map((q) => ({ ...q, choices: (q.choices ?? []).join(', ') })));
  const { busy, failure, run } = useAction();
  const [saved, setSaved] = useState(false);
  const change = (i: number, patch: Partial<QuestionDraft>) => setQuestions((list) => list.map((q, j) => (i === j ? { ...q, ...patch } : q)));

  const save = () => run(async () => {
    setSaved(false);
    onSaved(await schedulingApi.saveRegistration(eventId, {
      enabled, fields,
      questions: questions.map((q) => ({ ...(q.id && { id: q.id }), type: q.type, label: q.label, required: q.required, ...(q.type === 'choice' && { choices: q.choices.split(',').map((c) => c.trim()).filter(Boolean) }) })),
    }));
    setSaved(true);
  });

  return (
    <section className="card stack">
      <h2 className="card-title">{t('setup.registrationSettings')}</h2>
      <label className="checkbox"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="registration-enabled" />{t('setup.registrationOn')}</label>
      <div className="event-link">
        <code className="event-link-url" data-testid="registration-url">{settings.registrationUrl}</code>
        <CopyButton text={settings.registrationUrl} label={t('setup.copyLink')} variant="ghost" />
      </div>
      <div className="form form-grid">
        {STANDARD_FIELDS.map((f) => (
          <SelectField key={f} label={t(FIELD_LABELS[f])} value={fields[f]} onChange={(e) => setFields((x) => ({ ...x, [f]: e.target.value as typeof fields[typeof f] }))}>
            {FIELD_MODES.map((mode) => <option key={mode} value={mode}>{t(`setup.field.${mode}` as TextKey)}</option>)}
          </SelectField>
        ))}
      </div>
      <h3 className="subheading">{t('setup.questions')}</h3>
      {questions.map((q, i) => (
        <div key={i} className="stack">
          <div className="question-row">
            <TextField label={t('setup.questionLabel')} value={q.label} onChange={(e) => change(i, { label: e.target.value })} maxLength={500} />
            <SelectField label={t('setup.questionType')} value={q.type} onChange={(e) => change(i, { type: e.target.value as QuestionDraft['type'] })}>
              {QUESTION_TYPES.map((type) => <option key={type} value={type}>{t(`setup.questionType.${type}` as TextKey)}</option>)}
            </SelectField>
            <label className="checkbox"><input type="checkbox" checked={q.required} onChange={(e) => change(i, { required: e.target.checked })} />{t('setup.required')}</label>
            <Button size="sm" variant="ghost" onClick={() => setQuestions((list) => list.filter((_, j) => j !== i))}>{t('setup.remove')}</Button>
          </div>
          {q.type === 'choice' && <TextField label={t('setup.choices')} hint={t('setup.choicesHint')} value={q.choices} onChange={(e) => change(i, { choices: e.target.value })} />}
        </div>
      ))}
      <div className="button-row">
        <Button size="sm" onClick={() => setQuestions((list) => [...list, { type: 'text', label: '', required: false, choices: '' }])}>+ {t('setup.addQuestion')}</Button>
        <span className="spacer" />
        <Button variant="primary" loading={busy} onClick={() => void save()} data-testid="save-registration">{t('setup.save')}</Button>
      </div>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {saved && <Alert tone="success">{t('setup.saved')}</Alert>}
    </section>
  );
}
