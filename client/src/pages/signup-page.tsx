import { useState, type FormEvent } from 'react';
import { accountSecurityApi, isPending } from '../api/account-security-endpoints.ts';
import { authApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorCode, errorText, fieldErrors } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { looksLikeEmail, MIN_PASSWORD, safeNext } from './auth-validation.ts';

export function SignupPage() {
  const { t } = useT();
  const { setSession } = useSession();
  const { search } = useLocation();
  const [form, setForm] = useState({ name: '', email: '', password: '', accountName: '' });
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [pendingEmail, setPendingEmail] = useState<string>();
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, TextKey> = {};
    if (!form.name.trim()) found.name = 'validation.name';
    if (!looksLikeEmail(form.email)) found.email = 'validation.email';
    if (form.password.length < MIN_PASSWORD) found.password = 'validation.passwordShort';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const accountName = form.accountName.trim();
      const answer = await accountSecurityApi.signup({ name: form.name, email: form.email, password: form.password, ...(accountName && { accountName }) });
      // With e-mail verification on, the account is usable once the e-mailed link is opened.
      if (isPending(answer) && answer.verificationRequired) {
        setPendingEmail(answer.email);
        setBusy(false);
        return;
      }
      // Without it, the same answer for a new and a known address: the log-in with this password tells them apart, for its owner only.
      if (isPending(answer)) {
        try {
          setSession(await authApi.login({ email: form.email, password: form.password }));
        } catch {
          setFailure({ code: 'signup-then-login' });
          setBusy(false);
          return;
        }
      } else setSession(answer);
      navigate(safeNext(search.get('next')), { replace: true });
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(err);
      setBusy(false);
    }
  };

  if (pendingEmail) {
    return (
      <div className="narrow">
        <section className="card auth-card">
          <h1 className="card-title">{t('acct.checkInboxTitle')}</h1>
          <Alert tone="success">{t('acct.checkInboxText', { email: pendingEmail })}</Alert>
          <p className="auth-switch"><Link to="/login">{t('nav.logIn')}</Link></p>
        </section>
      </div>
    );
  }

  return (
    <div className="narrow">
      <section className="card auth-card">
        <h1 className="card-title">{t('auth.signupTitle')}</h1>
        <p className="muted">{t('auth.signupSubtitle')}</p>
        {failure !== undefined && <Alert>{errorText(t, failure)}{errorCode(failure) === 'email-taken' && <> <Link to="/login">{t('nav.logIn')}</Link></>}</Alert>}
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <TextField label={t('auth.name')} name="name" autoComplete="name" value={form.name} onChange={set('name')} error={errors.name && t(errors.name)} autoFocus required />
          <TextField label={t('auth.email')} type="email" name="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.email && t(errors.email)} required />
          <TextField label={t('auth.password')} type="password" name="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errors.password && t(errors.password)} hint={t('auth.passwordHint')} required minLength={MIN_PASSWORD} />
          <TextField label={t('auth.accountName')} name="organization" autoComplete="organization" value={form.accountName} onChange={set('accountName')} optional />
          <Button type="submit" variant="primary" block loading={busy}>{t('auth.signupButton')}</Button>
        </form>
        <p className="auth-switch">
          {t('auth.haveAccount')} <Link to="/login">{t('nav.logIn')}</Link>
        </p>
      </section>
    </div>
  );
}
