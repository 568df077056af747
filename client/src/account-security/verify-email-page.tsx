import { useEffect, useState } from 'react';
import { accountSecurityApi } from '../api/account-security-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';

/** `/verify-email#<token>`: confirms a new sign-up's address (a POST, so a mail scanner opening the link confirms nothing). */
export function VerifyEmailPage() {
  const { t } = useT();
  const { hash } = useLocation();
  const [result, setResult] = useState<{ email: string } | { failure: unknown }>();

  useEffect(() => {
    let live = true;
    accountSecurityApi.verifyEmail(hash).then((r) => live && setResult(r), (failure: unknown) => live && setResult({ failure }));
    return () => {
      live = false;
    };
  }, [hash]);

  return (
    <div className="narrow">
      <section className="card auth-card">
        <h1 className="card-title">{t('acct.verifyTitle')}</h1>
        {!result && <p className="muted" role="status">{t('acct.checking')}</p>}
        {result && 'email' in result && <Alert tone="success">{t('acct.verifyDone', { email: result.email })} <Link to="/login">{t('nav.logIn')}</Link></Alert>}
        {result && 'failure' in result && <Alert>{errorText(t, result.failure)} <Link to="/signup">{t('nav.signUp')}</Link></Alert>}
      </section>
    </div>
  );
}
