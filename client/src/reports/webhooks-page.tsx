import { useEffect } from 'react';
import type { WebhookDeliveryOut } from '../../../shared/webhook-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useAction } from '../scheduling/use-action.ts';
import { useLoad } from '../scheduling/use-load.ts';
import '../styles/scheduling.css';
import './reports.css';
import { ReportsNav } from './reports-nav.tsx';
import { webhooksApi } from './reports-api.ts';
import { WebhookEndpoints } from './webhook-endpoints.tsx';

const REFRESH_MS = 5_000;

/** `/dashboard/webhooks`: outgoing webhooks (POST-4): endpoints, and the delivery log with "Resend". */
export function WebhooksPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const endpoints = useLoad(() => webhooksApi.endpoints(), []);
  const log = useLoad(() => webhooksApi.deliveries(), []);
  const pending = log.data?.deliveries.some((d) => d.status === 'pending') ?? false;
  // While something is still being retried, the log follows it.
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void log.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, log.reload]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <div className="stack" data-testid="webhooks-page">
      <ReportsNav />
      <h1 className="page-title">{t('webhooks.title')}</h1>
      {endpoints.failure !== undefined && <Alert>{errorText(t, endpoints.failure)}</Alert>}
      {endpoints.data && <WebhookEndpoints endpoints={endpoints.data.endpoints} onChange={async () => {
        await endpoints.reload();
        await log.reload();
      }} />}
      <DeliveryLog deliveries={log.data?.deliveries} failure={log.failure} onChange={log.reload} />
    </div>
  );
}

function DeliveryLog({ deliveries, failure, onChange }: { deliveries: WebhookDeliveryOut[] | undefined; failure: unknown; onChange: () => Promise<void> }) {
  const { t, lang } = useT();
  const resend = useAction();
  return (
    <section className="card stack" aria-labelledby="log-title">
      <div className="card-head">
        <h2 id="log-title" className="card-title">{t('webhooks.log')}</h2>
        <Button size="sm" variant="ghost" onClick={() => void onChange()}>{t('webhooks.refresh')}</Button>
      </div>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {resend.failure !== undefined && <Alert>{errorText(t, resend.failure)}</Alert>}
      {deliveries?.length === 0 && <p className="muted">{t('webhooks.noDeliveries')}</p>}
      {deliveries && deliveries.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="delivery-log">
            <thead><tr><th>{t('webhooks.col.time')}</th><th>{t('webhooks.col.event')}</th><th>{t('webhooks.col.url')}</th><th>{t('webhooks.col.status')}</th><th>{t('webhooks.col.code')}</th><th>{t('webhooks.col.attempts')}</th><th>{t('webhooks.col.detail')}</th><th><span className="visually-hidden">{t('webhooks.resend')}</span></th></tr></thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <td>{formatDateTime(d.createdAt, lang)}</td>
                  <td><code>{d.eventType}</code></td>
                  <td className="small">{d.url}</td>
                  <td className={`status-${d.status}`}>{t(`webhooks.status.${d.status}` as 'webhooks.status.pending')}</td>
                  <td>{d.lastStatusCode ?? '—'}</td>
                  <td>{d.attempts}</td>
                  <td className="small">
                    {d.lastError ?? ''}
                    {d.nextAttemptAt && <span className="muted"> {t('webhooks.nextAttempt', { at: formatDateTime(d.nextAttemptAt, lang) })}</span>}
                  </td>
                  <td><Button size="sm" loading={resend.busy} onClick={() => void resend.run(async () => {
                    await webhooksApi.resend(d.id);
                    await onChange();
                  })}>{t('webhooks.resend')}</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
