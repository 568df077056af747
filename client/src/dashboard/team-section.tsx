import { useEffect, useState, type FormEvent } from 'react';
import type { UserOut } from '../../../shared/account-schemas.ts';
import { accountApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText, fieldErrors } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { looksLikeEmail, MIN_PASSWORD } from '../pages/auth-validation.ts';

/** The account's logins (multi-user): see who has one and add another. */
export function TeamSection({ currentUserId }: { currentUserId: string }) {
  const { t } = useT();
  const [users, setUsers] = useState<UserOut[] | undefined>();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const [failure, setFailure] = useState<unknown>();
  const [added, setAdded] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  useEffect(() => {
    let current = true;
    accountApi.listUsers().then(
      (answer) => current && setUsers(answer.users),
      (err: unknown) => current && setFailure(err),
    );
    return () => {
      current = false;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, TextKey> = {};
    if (!form.name.trim()) found.name = 'validation.name';
    if (!looksLikeEmail(form.email)) found.email = 'validation.email';
    if (form.password.length < MIN_PASSWORD) found.password = 'validation.passwordShort';
    setErrors(found);
    setFailure(undefined);
    setAdded(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const user = await accountApi.addUser(form);
      setUsers((list) => [...(list ?? []), user]);
      setAdded(user.name);
      setForm({ name: '', email: '', password: '' });
      setOpen(false);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="team-title">
      <div className="card-head">
        <h2 id="team-title" className="card-title">{t('team.title')}</h2>
        {!open && <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>+ {t('team.add')}</Button>}
      </div>
      <p className="muted small">{t('team.intro')}</p>
      {added && <Alert tone="success">{t('team.added', { name: added })}</Alert>}
      {users && (
        <ul className="plain-list">
          {users.map((user) => (
            <li key={user.id} className="list-row">
              <div className="list-row-main">
                <span className="list-row-title">{user.name}{user.id === currentUserId && <span className="muted"> ({t('room.you')})</span>}</span>
                <span className="muted small">{user.email}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          <TextField label={t('auth.name')} value={form.name} onChange={set('name')} error={errors.name && t(errors.name)} autoComplete="off" autoFocus />
          <TextField label={t('auth.email')} type="email" value={form.email} onChange={set('email')} error={errors.email && t(errors.email)} autoComplete="off" />
          <TextField label={t('auth.password')} type="password" value={form.password} onChange={set('password')} error={errors.password && t(errors.password)} hint={t('auth.passwordHint')} autoComplete="new-password" />
          <div className="form-actions">
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={busy}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" loading={busy}>{t('team.submit')}</Button>
          </div>
        </form>
      )}
      {!open && failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
    </section>
  );
}
