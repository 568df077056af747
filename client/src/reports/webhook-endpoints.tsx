import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENT_TYPES, type WebhookEndpointOut, type WebhookEventType } from '../../../shared/webhook-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { useAction } from '../scheduling/use-action.ts';
import { webhooksApi } from './reports-api.ts';

/** The endpoints of the account: add one (URL and events), switch one off, remove it, copy its signing secret. */
export function WebhookEndpoints({ endpoints, onChange }: { endpoints: WebhookEndpointOut[]; onChange: () => Promise<void> }) {
  const { t } = useT();
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<Set<WebhookEventType>>(new Set(['event.ended']));
  const add = useAction();
  const change = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run(async () => {
      await webhooksApi.create({ url, events: [...types] });
      setUrl('');
      await onChange();
    });
  };
  const toggle = (type: WebhookEventType) => setTypes((s) => {
    const next = new Set(s);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    return next;
  });
  return (
    <section className="card stack" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title" className="card-title">{t('webhooks.endpoints')}</h2>
      <p className="muted small">{t('webhooks.intro')}</p>
      {endpoints.length === 0 && <p className="muted">{t('webhooks.noEndpoints')}</p>}
      {change.failure !== undefined && <Alert>{errorText(t, change.failure)}</Alert>}
      {endpoints.map((endpoint) => (
        <article key={endpoint.id} className="card-head" data-testid="webhook-endpoint">
          <div>
            <p><strong>{endpoint.url}</strong> {!endpoint.enabled && <span className="badge badge-muted badge-xs">{t('webhooks.off')}</span>}</p>
            <p className="muted small">{endpoint.events.join(', ')}</p>
          </div>
          <div className="button-row">
            <CopyButton text={endpoint.secret} label={t('webhooks.copySecret')} />
            <Button size="sm" variant="ghost" loading={change.busy} onClick={() => void change.run(async () => {
              await webhooksApi.update(endpoint.id, { enabled: !endpoint.enabled });
              await onChange();
            })}>{endpoint.enabled ? t('webhooks.switchOff') : t('webhooks.switchOn')}</Button>
            <ConfirmInline trigger={t('webhooks.remove')} question={t('webhooks.removeQuestion')} confirmLabel={t('webhooks.remove')} onConfirm={async () => {
              await change.run(async () => {
                await webhooksApi.remove(endpoint.id);
                await onChange();
              });
            }} />
          </div>
        </article>
      ))}
      <form className="stack" onSubmit={submit} aria-labelledby="endpoint-add-title">
        <h3 id="endpoint-add-title" className="small">{t('webhooks.add')}</h3>
        <TextField label={t('webhooks.url')} type="url" required placeholder="https://crm.example.com/hooks" value={url} onChange={(e) => setUrl(e.target.value)} error={add.failure !== undefined ? errorText(t, add.failure) : undefined} />
        <fieldset className="checkbox-group">
          <legend className="field-label">{t('webhooks.events')}</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox-row">
              <input type="checkbox" checked={types.has(type)} onChange={() => toggle(type)} /> <code>{type}</code> <span className="muted small">{t(`webhooks.type.${type}` as 'webhooks.type.event.ended')}</span>
            </label>
          ))}
        </fieldset>
        <div><Button type="submit" variant="primary" loading={add.busy} disabled={types.size === 0}>{t('webhooks.add')}</Button></div>
      </form>
    </section>
  );
}
