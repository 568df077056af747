import { useState } from 'react';
import type { OutboxMessageFullOut } from '../../../../shared/mail-schemas.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useLoad } from '../../scheduling/use-load.ts';

/**
 * The e-mail the account sent or holds: subject, recipient, preview, attachments and
 * status. Without a mail provider this is where every message is read.
 */
export function OutboxList({ eventId }: { eventId?: number }) {
  const { t, lang } = useT();
  const { data, failure, reload } = useLoad(() => schedulingApi.outbox(eventId), [eventId]);
  const [open, setOpen] = useState<OutboxMessageFullOut>();
  if (failure !== undefined) return <Alert>{errorText(t, failure)}</Alert>;
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <section className="card stack" data-testid="outbox">
      <div className="card-head">
        <h2 className="card-title">{t('outbox.title')}</h2>
        <Button size="sm" variant="ghost" onClick={() => void reload()}>{t('outbox.refresh')}</Button>
      </div>
      {data.delivery === 'outbox' && <Alert tone="info">{t('outbox.localOnly')}</Alert>}
      {data.messages.length === 0 && <p className="muted small">{t('outbox.empty')}</p>}
      <ul className="plain-list">
        {data.messages.map((m) => (
          <li key={m.id} className="list-row" data-testid="outbox-message">
            <div className="list-row-main">
              <span className="list-row-title">{m.subject}</span>
              <span className="muted small">{t('outbox.to', { to: m.to })} · {formatDateTime(m.createdAt, lang)} · <span className="badge badge-xs">{t(`outbox.status.${m.status}`)}</span>{m.attachments.map((a) => <span key={a.filename} className="badge badge-xs badge-plain">{a.filename}</span>)}</span>
              <span className="small muted">{m.preview.slice(0, 160)}</span>
              {m.lastError && <span className="small field-error">{m.lastError}</span>}
            </div>
            <Button size="sm" variant="secondary" onClick={() => void schedulingApi.message(m.id).then(setOpen)}>{t('outbox.open')}</Button>
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
