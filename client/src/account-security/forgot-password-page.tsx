import { useState, type FormEvent } from 'react';
import { accountSecurityApi } from '../api/account-security-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { looksLikeEmail } from '../pages/auth-validation.ts';
import { Link } from '../router.tsx';
import { useAction } from '../scheduling/use-action.ts';
import type { MailDelivery } from '../../../shared/mail-schemas.ts';

/** `/forgot-password`: asks for a reset link. The answer reads the same whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useT();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { busy, failure, setFailure, run } = useAction();
  const [done, setDone] = useState<{ email: string; delivery: MailDelivery }>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (!looksLikeEmail(email)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    await run(async () => {
      const answer = await accountSecurityApi.requestReset(email);
      setDone({ email, delivery: answer.delivery });
    });
  };

  return (
    <div className="narrow">
      <section className="card auth-card">
        <h1 className="card-title">{t('acct.forgotTitle')}</h1>
        {done ? (
          <>
            <Alert tone="success">{t('acct.forgotDone', { email: done.email })}</Alert>
            {done.delivery === 'outbox' && <Alert tone="warning">{t('acct.forgotKept')}</Alert>}
          </>
        ) : (
          <>
            <p className="muted">{t('acct.forgotText')}</p>
            {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
            <form onSubmit={(e) => void submit(e)} noValidate className="form">
              <TextField label={t('auth.email')} type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={invalid ? t('validation.email') : undefined} autoFocus required />
              <Button type="submit" variant="primary" block loading={busy}>{t('acct.forgotButton')}</Button>
            </form>
          </>
        )}
        <p className="auth-switch"><Link to="/login">{t('nav.logIn')}</Link></p>
      </section>
    </div>
  );
}
