import { useState, type FormEvent } from 'react';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useAction } from '../scheduling/use-action.ts';
import { useSession } from '../session.tsx';
import '../styles/scheduling.css';
import './reports.css';
import { ReportsNav } from './reports-nav.tsx';
import { downloadUrl, privacyApi } from './reports-api.ts';

/** Saves JSON as a file the way a download link would. */
function saveJson(data: unknown, name: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

/** `/dashboard/privacy`: one attendee's data by e-mail (export, correct, erase) and the account's own (GDPR-1, GDPR-2). */
export function PrivacyPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { session } = useSession();
  const [email, setEmail] = useState('');
  const [newName, setNewName] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [keepText, setKeepText] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);
  const [accountConfirm, setAccountConfirm] = useState('');
  const [done, setDone] = useState<string>();
  const attendee = useAction();
  const account = useAction();
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;

  const act = (work: () => Promise<string>) => (e?: FormEvent) => {
    e?.preventDefault();
    setDone(undefined);
    void attendee.run(async () => setDone(await work()));
  };
  return (
    <div className="stack" data-testid="privacy-page">
      <ReportsNav />
      <h1 className="page-title">{t('privacy.title')}</h1>
      <section className="card stack" aria-labelledby="attendee-title">
        <h2 id="attendee-title" className="card-title">{t('privacy.attendee')}</h2>
        <p className="muted small">{t('privacy.attendeeIntro')}</p>
        <form className="stack" onSubmit={act(async () => {
          saveJson(await privacyApi.exportAttendee(email), `attendee-${email}.json`);
          return t('privacy.exported');
        })}>
          <TextField label={t('privacy.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <div className="button-row">
            <Button type="submit" variant="primary" loading={attendee.busy}>{t('privacy.export')}</Button>
          </div>
        </form>
        <form className="stack" onSubmit={act(async () => {
          const result = await privacyApi.rectifyAttendee({ email, ...(newName.trim() && { newName }), ...(newEmail.trim() && { newEmail }) });
          return t('privacy.rectified', { count: sum(result.updated) });
        })}>
          <h3 className="small">{t('privacy.rectify')}</h3>
          <TextField label={t('privacy.newName')} optional value={newName} onChange={(e) => setNewName(e.target.value)} />
          <TextField label={t('privacy.newEmail')} optional type="email" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} />
          <div><Button type="submit" loading={attendee.busy} disabled={!email || (!newName.trim() && !newEmail.trim())}>{t('privacy.rectify')}</Button></div>
        </form>
        <div className="stack">
          <h3 className="small">{t('privacy.erase')}</h3>
          <label className="checkbox-row"><input type="checkbox" checked={keepText} onChange={(e) => setKeepText(e.target.checked)} /> {t('privacy.keepText')}</label>
          {!confirmErase
            ? <div><Button variant="danger" disabled={!email} onClick={() => setConfirmErase(true)}>{t('privacy.erase')}</Button></div>
            : (
              <div className="button-row" role="group" aria-label={t('privacy.eraseQuestion', { email })}>
                <span>{t('privacy.eraseQuestion', { email })}</span>
                <Button variant="danger" loading={attendee.busy} onClick={() => {
                  setConfirmErase(false);
                  act(async () => {
                    const result = await privacyApi.eraseAttendee({ email, keepText });
                    return t('privacy.erased', { deleted: sum(result.deleted), anonymised: sum(result.anonymised) });
                  })();
                }}>{t('privacy.eraseConfirm')}</Button>
                <Button variant="ghost" onClick={() => setConfirmErase(false)}>{t('common.cancel')}</Button>
              </div>
            )}
        </div>
        {attendee.failure !== undefined && <Alert>{errorText(t, attendee.failure, { notFound: 'privacy.notFound' })}</Alert>}
        {done && <Alert tone="success">{done}</Alert>}
      </section>
      <section className="card stack" aria-labelledby="account-title">
        <h2 id="account-title" className="card-title">{t('privacy.account')}</h2>
        <p className="muted small">{t('privacy.accountIntro')}</p>
        <div><a className="btn btn-secondary" href={downloadUrl.accountExport()} download>{t('privacy.accountExport')}</a></div>
        <form className="stack" onSubmit={(e) => {
          e.preventDefault();
          void account.run(async () => {
            await privacyApi.eraseAccount(accountConfirm);
            window.location.assign('/');
          });
        }}>
          <TextField label={t('privacy.accountConfirm', { name: session?.account.name ?? '' })} value={accountConfirm} onChange={(e) => setAccountConfirm(e.target.value)} error={account.failure !== undefined ? errorText(t, account.failure) : undefined} />
          <div><Button type="submit" variant="danger" loading={account.busy} disabled={accountConfirm.trim() !== (session?.account.name ?? '').trim()}>{t('privacy.accountErase')}</Button></div>
        </form>
      </section>
    </div>
  );
}
