import { useState, type FormEvent } from 'react';
import { authApi } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { looksLikeEmail, safeNext } from './auth-validation.ts';

export function LoginPage() {
  const { t } = useT();
  const { setSession } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, TextKey>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, TextKey> = {};
    if (!looksLikeEmail(email)) found.email = 'validation.email';
    if (!password) found.password = 'validation.required';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      setSession(await authApi.login({ email, password }));
      navigate(safeNext(search.get('next')), { replace: true });
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <section className="card auth-card">
        <h1 className="card-title">{t('auth.loginTitle')}</h1>
        <p className="muted">{t('auth.loginSubtitle')}</p>
        {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <TextField label={t('auth.email')} type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email && t(errors.email)} autoFocus required />
          <TextField label={t('auth.password')} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password && t(errors.password)} required />
          <Button type="submit" variant="primary" block loading={busy}>{t('auth.loginButton')}</Button>
        </form>
        <p className="auth-switch"><Link to="/forgot-password" data-testid="forgot-password">{t('acct.forgot')}</Link></p>
        <p className="auth-switch">
          {t('auth.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
        </p>
      </section>
    </div>
  );
}
