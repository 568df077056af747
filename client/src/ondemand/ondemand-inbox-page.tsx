import { useEffect, useState } from 'react';
import type { MessageOut } from '../../../shared/ondemand-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextAreaField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { ondemandApi } from './ondemand-api.ts';
import { OnDemandNav } from './ondemand-nav.tsx';
import './ondemand.css';

/** While an answer's e-mail is on its way, the inbox looks again this often. */
const REFRESH_MS = 3000;

/** `/dashboard/events/:id/on-demand/inbox`: viewers' messages; each answer is e-mailed, with its real status. */
export function OnDemandInboxPage({ eventId }: { eventId: number }) {
  const { t, lang } = useT();
  const signedIn = useRequireSession();
  const inbox = useLoad(() => ondemandApi.inbox(eventId), [eventId]);
  const pending = inbox.data?.messages.some((m) => m.mailStatus === 'queued' || m.mailStatus === 'sending');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void inbox.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, inbox.reload]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="stack">
      <OnDemandNav eventId={eventId} current="inbox" />
      <h1 className="page-title">{t('od.inbox.title')}</h1>
      {inbox.data && <p className="muted">{t('od.inbox.delivery', { delivery: inbox.data.delivery })}</p>}
      {inbox.failure !== undefined && <Alert>{errorText(t, inbox.failure)}</Alert>}
      {!inbox.data && inbox.failure === undefined && <p className="muted" role="status">{t('common.loading')}</p>}
      {inbox.data?.messages.length === 0 && <p className="muted">{t('od.inbox.empty')}</p>}
      <ul className="stack" aria-label={t('od.inbox.title')}>
        {inbox.data?.messages.map((m) => <InboxMessage key={m.id} eventId={eventId} message={m} when={when} onAnswered={() => void inbox.reload()} />)}
      </ul>
    </div>
  );
}

function InboxMessage({ eventId, message, when, onAnswered }: { eventId: number; message: MessageOut; when: (iso: string) => string; onAnswered: () => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const send = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await ondemandApi.answer(eventId, message.id, text.trim());
      onAnswered();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="od-message stack" data-testid="inbox-message">
      <p><strong>{message.viewerName || message.viewerEmail}</strong> <span className="muted small">{message.viewerEmail} · {when(message.createdAt)}</span></p>
      <p>{message.text}</p>
      {message.answer !== null ? (
        <div className="stack">
          <p className="muted small">{t('od.inbox.answered', { when: when(message.answeredAt!) })}</p>
          <blockquote>{message.answer}</blockquote>
          {message.mailStatus && <p data-testid="mail-status" data-status={message.mailStatus}>{t(`od.inbox.mail.${message.mailStatus}` as TextKey)}{message.mailError ? `: ${message.mailError}` : ''}</p>}
        </div>
      ) : (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <TextAreaField label={t('od.inbox.answer')} value={text} maxLength={5000} rows={3} onChange={(e) => setText(e.target.value)} />
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          <div><Button type="submit" variant="primary" loading={busy} disabled={!text.trim()}>{t('od.inbox.send')}</Button></div>
        </form>
      )}
    </li>
  );
}
