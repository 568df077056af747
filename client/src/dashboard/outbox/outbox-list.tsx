import { useState } from 'react';
import type { OutboxMessageFullOut, OutboxMessageOut } from '../../../../shared/mail-schemas.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { viewerTimeZone } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useLoad } from '../../scheduling/use-load.ts';
import { EventTime } from '../event-time.tsx';
import { MailOutcomeNote } from './mail-outcome-note.tsx';
import '../../styles/mail.css';

const STATUS_TONE: Record<OutboxMessageOut['status'], string> = { outbox: 'badge-warning', queued: 'badge-accent', sending: 'badge-accent', sent: 'badge-success', failed: 'badge-danger' };

/**
 * The e-mail the account sent or holds: subject, recipient, preview, attachments, and
 * what became of it (kept, queued, sent, failed with the reason) after how many
 * attempts, with "Send again". In an event's E-mail tab only that event's messages,
 * their times in the event's zone.
 */
export function OutboxList({ eventId, timeZone }: { eventId?: number; timeZone?: string }) {
  const { t } = useT();
  const { data, failure, reload } = useLoad(() => schedulingApi.outbox(eventId), [eventId]);
  const [open, setOpen] = useState<OutboxMessageFullOut>();
  const [resent, setResent] = useState<OutboxMessageOut>();
  const [actionFailure, setActionFailure] = useState<unknown>();
  const zone = timeZone ?? viewerTimeZone();
  if (failure !== undefined) return <Alert>{errorText(t, failure)}</Alert>;
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;
  const resend = async (m: OutboxMessageOut) => {
    setActionFailure(undefined);
    try {
      setResent(await schedulingApi.resendMessage(m.id));
      await reload();
    } catch (err) {
      setActionFailure(err);
    }
  };
  return (
    <section className="card stack" data-testid="outbox">
      <div className="card-head">
        <h2 className="card-title">{t('outbox.title')}</h2>
        <Button size="sm" variant="ghost" onClick={() => void reload()}>{t('outbox.refresh')}</Button>
      </div>
      {data.delivery === 'outbox' && <MailOutcomeNote delivery="outbox" />}
      {eventId !== undefined && <p className="muted small">{t('mail.eventFilter', { count: data.messages.length })} <Link to="/dashboard/outbox">{t('mail.showAll')}</Link></p>}
      {resent && <Alert tone={resent.status === 'outbox' ? 'warning' : 'success'}>{t(resent.status === 'outbox' ? 'mail.resent.kept' : 'mail.resent.queued')}</Alert>}
      {actionFailure !== undefined && <Alert>{errorText(t, actionFailure)}</Alert>}
      {data.messages.length === 0 && <p className="muted small">{t('outbox.empty')}</p>}
      <ul className="plain-list">
        {data.messages.map((m) => (
          <li key={m.id} className="list-row" data-testid="outbox-message" data-status={m.status}>
            <div className="list-row-main">
              <span className="list-row-title">{m.subject}</span>
              <span className="muted small">
                {t('outbox.to', { to: m.to })} · <EventTime iso={m.sentAt ?? m.createdAt} zone={zone} /> · <span className={`badge badge-xs ${STATUS_TONE[m.status]}`} data-testid="outbox-status">{t(`mail.status.${m.status}`)}</span>
                {m.attempts > 0 && <> · {t('mail.attempts', { count: m.attempts })}</>}
                {m.attachments.map((a) => <span key={a.filename} className="badge badge-xs badge-plain">{a.filename}</span>)}
              </span>
              <span className="small muted">{m.preview.slice(0, 160)}</span>
              {m.lastError && <span className="small field-error">{t('mail.failedReason', { reason: m.lastError })}</span>}
            </div>
            <div className="list-row-actions">
              <Button size="sm" variant="secondary" onClick={() => void schedulingApi.message(m.id).then(setOpen)}>{t('outbox.open')}</Button>
              {m.status !== 'sending' && <Button size="sm" variant="ghost" onClick={() => void resend(m)}>{t('mail.resend')}</Button>}
            </div>
          </li>
        ))}
      </ul>
      {open && (
        <div className="stack" data-testid="outbox-open">
          <div className="card-head">
            <h3 className="card-title">{open.subject}</h3>
            <Button size="sm" variant="ghost" onClick={() => setOpen(undefined)}>{t('common.close')}</Button>
          </div>
          {/* The HTML part in a sandboxed frame: no scripts, no same-origin access. */}
          <iframe className="mail-frame" sandbox="" srcDoc={open.html} title={open.subject} />
          <pre className="mail-preview" data-testid="outbox-text">{open.text}</pre>
          {open.attachments.map((a) => (
            <a key={a.filename} className="btn btn-ghost btn-sm" download={a.filename} href={`data:${a.contentType.split(';')[0]};base64,${a.content}`}>{a.filename}</a>
          ))}
        </div>
      )}
    </section>
  );
}
