import { useEffect, useState, type FormEvent } from 'react';
import { accountSecurityApi } from '../api/account-security-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorCode, errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { MIN_PASSWORD } from '../pages/auth-validation.ts';
import { Link, useLocation } from '../router.tsx';
import { useAction } from '../scheduling/use-action.ts';

/**
 * `/reset-password#<token>`: the page the e-mailed link opens. The token travels in the
 * fragment, so it never reaches server logs or a Referer; the page checks it first, so a
 * used or expired link says so before anyone types a new password.
 */
export function ResetPasswordPage() {
  const { t } = useT();
  const { hash } = useLocation();
  const token = hash;
  const [state, setState] = useState<'checking' | 'ready' | 'done'>('checking');
  const [refusal, setRefusal] = useState<unknown>();
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const { busy, failure, run } = useAction();

  useEffect(() => {
    let live = true;
    accountSecurityApi.checkReset(token).then(() => live && setState('ready'), (err: unknown) => {
      if (!live) return;
      setRefusal(err);
      setState('ready');
    });
    return () => {
      live = false;
    };
  }, [token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    await run(async () => {
      await accountSecurityApi.reset(token, password);
      setState('done');
    });
  };
  // The link is refused when checked on opening, or when the new password was sent (used meanwhile elsewhere);
  // any other failure leaves the form to try again.
  const refused = refusal ?? (errorCode(failure)?.startsWith('reset-link') ? failure : undefined);
  const otherFailure = refused === undefined ? failure : undefined;

  return (
    <div className="narrow">
      <section className="card auth-card">
        <h1 className="card-title">{t('acct.resetTitle')}</h1>
        {state === 'checking' && <p className="muted" role="status">{t('acct.checking')}</p>}
        {state === 'done' && <Alert tone="success">{t('acct.resetDone')} <Link to="/login">{t('nav.logIn')}</Link></Alert>}
        {state === 'ready' && refused !== undefined && (
          <Alert>{errorText(t, refused)} <Link to="/forgot-password">{t('acct.askAgain')}</Link></Alert>
        )}
        {state === 'ready' && refused === undefined && (
          <form onSubmit={(e) => void submit(e)} noValidate className="form">
            <TextField label={t('acct.newPassword')} type="password" name="new-password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={tooShort ? t('validation.passwordShort') : undefined} hint={t('auth.passwordHint')} autoFocus required minLength={MIN_PASSWORD} />
            {otherFailure !== undefined && <Alert>{errorText(t, otherFailure)}</Alert>}
            <Button type="submit" variant="primary" block loading={busy}>{t('acct.resetButton')}</Button>
          </form>
        )}
      </section>
    </div>
  );
}
