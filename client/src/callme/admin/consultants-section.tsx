import { useEffect, useState, type FormEvent } from 'react';
import type { ConsultantOut } from '../../../../shared/callme-schemas.ts';
import { ApiError, request } from '../../api/http.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { uploadPicture } from './upload-picture.ts';

/** The account's consultants (CALL-4): add, switch "may receive calls" and "e-mail me the history", photo, delete. */
export function ConsultantsSection() {
  const { t } = useT();
  const [list, setList] = useState<ConsultantOut[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const load = () => request<{ consultants: ConsultantOut[] }>('GET', '/callme/consultants').then((r) => setList(r.consultants)).catch((e: unknown) => setError((e as Error).message));
  useEffect(() => { void load(); }, []);
  const replace = (c: ConsultantOut) => setList((l) => l?.map((x) => (x.id === c.id ? c : x)));
  // The switch flips at once (a controlled box would otherwise spring back until the server answers) and returns to
  // what the server holds when the change is refused.
  const patch = (c: ConsultantOut, body: Partial<ConsultantOut>) => {
    replace({ ...c, ...body });
    return request<ConsultantOut>('PATCH', `/callme/consultants/${c.id}`, body).then(replace).catch((e: unknown) => { replace(c); setError((e as Error).message); });
  };
  return (
    <section className="callme-card" aria-labelledby="callme-admin-consultants">
      <h2 id="callme-admin-consultants" className="callme-h2">{t('callmeAdmin.consultants')}</h2>
      {error && <Alert>{error}</Alert>}
      {!list ? <p role="status">{t('common.loading')}</p> : list.length === 0 ? <p className="callme-muted">{t('callmeAdmin.noConsultants', { url: `${window.location.origin}/consultant` })}</p> : (
        <ul className="callme-people">
          {list.map((c) => (
            <li key={c.id} className="callme-person" data-testid="admin-consultant">
              {c.photoUrl ? <img className="callme-avatar" src={`${c.photoUrl}?v=${Date.now()}`} alt="" /> : <span className="callme-avatar" aria-hidden="true">{c.firstName.slice(0, 1)}</span>}
              <span>{c.firstName} {c.lastName} · {c.email}</span>
              <label className="checkbox"><input type="checkbox" checked={c.mayReceiveCalls} onChange={(e) => void patch(c, { mayReceiveCalls: e.target.checked })} />{t('callmeAdmin.mayReceiveCalls')}</label>
              <label className="checkbox"><input type="checkbox" checked={c.emailChatHistory} onChange={(e) => void patch(c, { emailChatHistory: e.target.checked })} />{t('callmeAdmin.emailChatHistory')}</label>
              <label className="btn btn-sm btn-secondary">{t('callmeAdmin.photo')}
                <input type="file" accept="image/png,image/jpeg,image/gif" className="visually-hidden" onChange={(e) => { const f = e.target.files?.[0]; if (f) uploadPicture<ConsultantOut>(`/callme/consultants/${c.id}/photo`, f).then(replace).catch((err: unknown) => setError((err as Error).message)); }} />
              </label>
              <Button size="sm" variant="danger" onClick={() => void request('DELETE', `/callme/consultants/${c.id}`).then(load)}>{t('callmeAdmin.delete')}</Button>
            </li>
          ))}
        </ul>
      )}
      {adding ? <NewConsultant onDone={(c) => { setAdding(false); if (c) setList((l) => [...(l ?? []), c]); }} /> : <Button onClick={() => setAdding(true)}>{t('callmeAdmin.newConsultant')}</Button>}
    </section>
  );
}

function NewConsultant({ onDone }: { onDone(c?: ConsultantOut): void }) {
  const { t } = useT();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '', mayReceiveCalls: true, emailChatHistory: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await request<ConsultantOut>('POST', '/callme/consultants', form));
    } catch (error) {
      setErrors(error instanceof ApiError && error.fields.length ? Object.fromEntries(error.fields.map((f) => [f.field, f.message])) : { form: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const text = (key: 'firstName' | 'lastName' | 'email' | 'password', label: string, type = 'text', max = 40) => (
    <TextField label={label} type={type} value={form[key]} maxLength={max} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} error={errors[key]} required />
  );
  return (
    <form className="callme-admin-form" onSubmit={(e) => void submit(e)} noValidate>
      {text('firstName', t('callmeAdmin.firstName'))}
      {text('lastName', t('callmeAdmin.lastName'))}
      {text('email', t('callmeAdmin.email'), 'email', 64)}
      {text('password', t('callmeAdmin.password'), 'password', 200)}
      <label className="checkbox"><input type="checkbox" checked={form.mayReceiveCalls} onChange={(e) => setForm((f) => ({ ...f, mayReceiveCalls: e.target.checked }))} />{t('callmeAdmin.mayReceiveCalls')}</label>
      <label className="checkbox"><input type="checkbox" checked={form.emailChatHistory} onChange={(e) => setForm((f) => ({ ...f, emailChatHistory: e.target.checked }))} />{t('callmeAdmin.emailChatHistory')}</label>
      {errors.form && <Alert>{errors.form}</Alert>}
      <div className="callme-actions">
        <Button type="submit" variant="primary" loading={busy}>{t('callmeAdmin.add')}</Button>
        <Button onClick={() => onDone()}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
