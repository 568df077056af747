import { useState, type FormEvent } from 'react';
import { ACCESS_TYPES, EVENT_KINDS, type AccessType, type EventKind, type EventOut } from '../../../../shared/event-schemas.ts';
import { eventsApi } from '../../api/endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useAction } from '../../scheduling/use-action.ts';

/**
 * The kind of event and who can join, changeable after creation (issue 10): the kind, the access type, the password
 * (shown, so it can be sent out; changing it leaves personal links valid), and whether
 * the shared presenter link still opens the room.
 */
export function AccessSection({ event, onSaved }: { event: EventOut; onSaved: (event: EventOut) => void }) {
  const { t } = useT();
  const [kind, setKind] = useState<EventKind>(event.kind);
  const [accessType, setAccessType] = useState<AccessType>(event.accessType);
  const [password, setPassword] = useState(event.password ?? '');
  const [sharedPresenterLink, setSharedPresenterLink] = useState(event.sharedPresenterLink);
  const [missingPassword, setMissingPassword] = useState(false);
  const [saved, setSaved] = useState(false);
  const { busy, failure, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const needsPassword = accessType === 'password' && !password;
    setMissingPassword(needsPassword);
    if (needsPassword) return;
    await run(async () => {
      let updated = await eventsApi.update(event.id, { kind, accessType, ...(accessType === 'password' && password !== event.password && { password }) });
      if (sharedPresenterLink !== updated.sharedPresenterLink) updated = await eventsApi.setSharedPresenterLink(event.id, sharedPresenterLink);
      onSaved(updated);
      setPassword(updated.password ?? '');
      setSaved(true);
    });
  };

  return (
    <section className="card" aria-labelledby="access-title" data-testid="access-section">
      <h2 id="access-title" className="card-title">{t('details.access')}</h2>
      <form className="form form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <SelectField className="span-2" label={t('eventForm.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
          {EVENT_KINDS.map((option) => <option key={option} value={option}>{t(`kind.${option}`)}</option>)}
        </SelectField>
        <SelectField label={t('eventForm.access')} name="accessType" value={accessType} onChange={(e) => setAccessType(e.target.value as AccessType)}
          hint={accessType === 'token' ? t('eventForm.tokenHint') : undefined}>
          {ACCESS_TYPES.map((access) => <option key={access} value={access}>{t(`access.${access}`)}</option>)}
        </SelectField>
        {accessType === 'password' ? (
          <TextField label={t('eventForm.password')} name="eventPassword" type="text" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)}
            error={missingPassword ? t('validation.eventPassword') : undefined} hint={t('details.passwordHint')} required maxLength={128} />
        ) : <div className="hide-sm" aria-hidden="true" />}
        <label className="checkbox span-2">
          <input type="checkbox" checked={sharedPresenterLink} onChange={(e) => setSharedPresenterLink(e.target.checked)} data-testid="shared-presenter-link" />
          {t('details.sharedPresenterLink')}
        </label>
        <p className="muted small span-2">{t('details.sharedPresenterLinkHint')}</p>
        {failure !== undefined && <div className="span-2"><Alert>{errorText(t, failure)}</Alert></div>}
        {saved && <div className="span-2"><Alert tone="success">{t('details.saved')}</Alert></div>}
        <div className="form-actions span-2"><Button type="submit" variant="primary" loading={busy} data-testid="save-access">{t('setup.save')}</Button></div>
      </form>
    </section>
  );
}
