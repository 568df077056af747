import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, request } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { ConsultantCallbacksPage } from './consultant-callbacks.tsx';
import { ConsultantChatsPage } from './consultant-chats.tsx';
import { CallBar, IncomingCallDialog } from './incoming-call.tsx';
import { ConsultantDeskProvider, useConsultantStart, useDesk } from './use-consultant-desk.tsx';
import './callme.css';

/** The consultant app (CALL-4, CALL-5): its own log-in, and one shell around every page with the call dialog. */
export function ConsultantApp() {
  const { t } = useT();
  const { start, reload } = useConsultantStart();
  if (start === undefined) return <main className="callme-page"><p role="status">{t('common.loading')}</p></main>;
  if (start === null) return <ConsultantLogin onDone={reload} />;
  return (
    <ConsultantDeskProvider start={start}>
      <Shell onLogout={reload} />
    </ConsultantDeskProvider>
  );
}

function Shell({ onLogout }: { onLogout(): void }) {
  const { t } = useT();
  const { path } = useLocation();
  const desk = useDesk();
  const page: ReactNode = path.startsWith('/consultant/callbacks') ? <ConsultantCallbacksPage /> : <ConsultantChatsPage />;
  const nav = (to: string, key: 'consultant.nav.chats' | 'consultant.nav.callbacks') => <Link to={to} className="callme-nav-link" aria-current={path === to ? 'page' : undefined}>{t(key)}</Link>;
  return (
    <div className="callme-app">
      <header className="callme-app-header">
        <strong>{t('consultant.title')}</strong>
        <nav aria-label={t('consultant.title')}>{nav('/consultant', 'consultant.nav.chats')}{nav('/consultant/callbacks', 'consultant.nav.callbacks')}</nav>
        <div className="callme-status-switch" role="radiogroup" aria-label={t('consultant.status')} data-testid="consultant-status" data-status={desk.status}>
          {(['available', 'busy'] as const).map((s) => (
            <button key={s} type="button" role="radio" aria-checked={desk.status === s} className={`callme-status-option callme-dot-${s}`} disabled={s === 'available' && desk.call?.state === 'connected'} onClick={() => desk.setStatus(s)}>
              {t(s === 'available' ? 'callme.available' : 'callme.busy')}
            </button>
          ))}
        </div>
        <span className="callme-muted">{desk.me.firstName} {desk.me.lastName}</span>
        <LanguageSwitch />
        <Button size="sm" variant="ghost" onClick={() => void request('POST', '/callme/consultant/logout').finally(onLogout)}>{t('consultant.logOut')}</Button>
      </header>
      {desk.connection === 'reconnecting' && <p className="callme-reconnecting" role="status" data-testid="consultant-reconnecting">{t('callme.reconnecting')}</p>}
      {desk.error && <Alert>{desk.error}</Alert>}
      {desk.notice === 'call-interrupted' && (
        <Alert tone="warning">{t('consultant.callInterrupted')} <Button size="sm" variant="ghost" onClick={desk.dismissNotice}>{t('consultant.dismiss')}</Button></Alert>
      )}
      <CallBar />
      <main className="callme-app-main" id="main">{page}</main>
      <IncomingCallDialog />
    </div>
  );
}

function ConsultantLogin({ onDone }: { onDone(): void }) {
  const { t } = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await request('POST', '/callme/consultant/login', { email, password });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'wrong-credentials' ? t('consultant.wrongCredentials') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="callme-page" id="main">
      <form className="callme-card callme-login" onSubmit={(e) => void submit(e)}>
        <h1 className="callme-h2">{t('consultant.login')}</h1>
        <TextField label={t('consultant.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <TextField label={t('consultant.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && <Alert>{error}</Alert>}
        <Button type="submit" variant="primary" loading={busy}>{t('consultant.logIn')}</Button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
