import { useState, type FormEvent } from 'react';
import type { InviteOut, ResentGuestOut } from '../../../../shared/invitation-schemas.ts';
import { MailOutcomeNote } from '../outbox/mail-outcome-note.tsx';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useAction } from '../../scheduling/use-action.ts';
import { useLoad } from '../../scheduling/use-load.ts';
import { GuestTable } from './guest-table.tsx';

/**
 * Invitations (EV-6): presenters or attendees, pasted or typed addresses (one per line or
 * any separator), contacts and groups of the address book; the list with resend.
 */
export function InvitationsTab({ eventId }: { eventId: number }) {
  const { t, lang } = useT();
  const invitees = useLoad(() => schedulingApi.guests(eventId, 'invitation'), [eventId]);
  const book = useLoad(async () => ({ ...(await schedulingApi.contacts()), ...(await schedulingApi.groups()) }), []);
  const [role, setRole] = useState<'attendee' | 'presenter'>('attendee');
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<'en' | 'pl'>(lang);
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [result, setResult] = useState<InviteOut>();
  const [resent, setResent] = useState<ResentGuestOut>();
  const { busy, failure, setFailure, run } = useAction();
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setResult(await schedulingApi.invite(eventId, { role, text, contactIds, groupIds, language }));
      setText('');
      setContactIds([]);
      setGroupIds([]);
      await invitees.reload();
    });
  };

  return (
    <div className="stack">
      <section className="card">
        <h2 className="card-title">{t('setup.invite')}</h2>
        <form className="form" onSubmit={submit} noValidate>
          <div className="form form-grid">
            <SelectField label={t('setup.inviteAs')} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="attendee">{t('role.attendee')}</option>
              <option value="presenter">{t('role.presenter')}</option>
            </SelectField>
            <SelectField label={t('setup.mailLanguage')} value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
              <option value="en">English</option>
              <option value="pl">Polski</option>
            </SelectField>
          </div>
          <TextAreaField label={t('setup.addresses')} hint={t('setup.addressesHint')} rows={4} value={text} onChange={(e) => setText(e.target.value)} name="addresses" />
          {book.data && (book.data.groups.length > 0 || book.data.contacts.length > 0) && (
            <details>
              <summary>{t('setup.fromAddressBook')}</summary>
              <div className="stack">
                {book.data.groups.map((g) => (
                  <label key={g.id} className="checkbox"><input type="checkbox" checked={groupIds.includes(g.id)} onChange={() => setGroupIds((l) => toggle(l, g.id))} />{t('setup.group', { name: g.name, count: g.size })}</label>
                ))}
                {book.data.contacts.map((c) => (
                  <label key={c.id} className="checkbox"><input type="checkbox" checked={contactIds.includes(c.id)} onChange={() => setContactIds((l) => toggle(l, c.id))} />{`${c.firstName} ${c.lastName}`.trim() || c.email} <span className="muted small">{c.email}</span></label>
                ))}
              </div>
            </details>
          )}
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          {result && (
            <>
              <Alert tone={result.invalid.length ? 'warning' : 'info'}>
                {t('mail.invitations', { count: result.invited.length })}
                {result.alreadyInvited.length > 0 && ` ${t('setup.alreadyInvited', { list: result.alreadyInvited.join(', ') })}`}
                {result.invalid.length > 0 && ` ${t('setup.invalidAddresses', { list: result.invalid.join(', ') })}`}
              </Alert>
              {result.invited.length > 0 && <MailOutcomeNote outcome={result.mail} what="invitation" />}
            </>
          )}
          <div className="form-actions"><Button type="submit" variant="primary" loading={busy}>{t('setup.sendInvitations')}</Button></div>
        </form>
      </section>
      <section className="card">
        <h2 className="card-title">{t('setup.invitees')}</h2>
        {resent && <MailOutcomeNote outcome={resent.mail} what="invitation" />}
        {invitees.data && (
          <GuestTable guests={invitees.data.guests}
            onResend={async (g) => { try { setResent(await schedulingApi.resend(eventId, g.id)); await invitees.reload(); } catch (err) { setFailure(err); } }}
            onRemove={async (g) => { await schedulingApi.removeGuest(eventId, g.id); await invitees.reload(); }} />
        )}
      </section>
    </div>
  );
}
