import { useState, type FormEvent } from 'react';
import { accountSecurityApi } from '../api/account-security-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { MIN_PASSWORD } from '../pages/auth-validation.ts';
import { useAction } from '../scheduling/use-action.ts';

/** The dashboard's password change: the current password is required; other sessions are signed out. */
export function ChangePasswordCard() {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const { busy, failure, setFailure, run } = useAction();
  const [ended, setEnded] = useState<number>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    setEnded(undefined);
    if (next.length < MIN_PASSWORD) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    await run(async () => {
      const answer = await accountSecurityApi.changePassword(current, next);
      setEnded(answer.otherSessionsEnded);
      setCurrent('');
      setNext('');
    });
  };

  return (
    <section className="card" aria-labelledby="change-password-title">
      <h2 id="change-password-title" className="card-title">{t('acct.changeTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="form form-grid">
        <TextField label={t('acct.currentPassword')} type="password" name="current-password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        <TextField label={t('acct.newPassword')} type="password" name="new-password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={tooShort ? t('validation.passwordShort') : undefined} hint={t('auth.passwordHint')} required minLength={MIN_PASSWORD} />
        <div className="form-actions"><Button type="submit" loading={busy}>{t('acct.changeButton')}</Button></div>
      </form>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {ended !== undefined && <Alert tone="success">{t('acct.changeDone', { count: ended })}</Alert>}
    </section>
  );
}
