import { useState } from 'react';
import { CheckCircle2, Mail, RotateCcw, XCircle } from 'lucide-react';
import type { EventOut } from '../../../shared/event-schemas.ts';
import { TICKET_CURRENCIES, type TicketCurrency } from '../../../shared/billing-tickets.ts';
import { formatMoney } from '../../../shared/billing-money.ts';
import { request } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { navigate, useLocation } from '../router.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi } from './billing-api.ts';
import { BillingNav } from './billing-nav.tsx';
import { useAction } from './use-action.ts';
import './billing.css';

/** `/dashboard/billing/tickets?event=…`: the organizer's own Stripe, a ticket price per event, and each attendee's payment (PAID-1..3). */
export function TicketsPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { search } = useLocation();
  const events = useLoad(() => request<{ events: EventOut[] }>('GET', '/events'), []);
  const eventId = Number(search.get('event')) || undefined;
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <div className="stack" data-testid="tickets-page">
      <h1 className="page-title">{t('billing.tickets.title')}</h1>
      <BillingNav />
      <StripeKeysCard />
      <section className="card stack">
        <SelectField label={t('billing.tickets.event')} value={eventId ?? ''} onChange={(e) => navigate(`/dashboard/billing/tickets${e.target.value ? `?event=${e.target.value}` : ''}`)}>
          <option value="">{t('billing.tickets.chooseEvent')}</option>
          {events.data?.events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </SelectField>
        {events.data?.events.length === 0 && <p className="muted small">{t('billing.tickets.noEvents')}</p>}
      </section>
      {eventId !== undefined && <EventSales key={eventId} eventId={eventId} />}
    </div>
  );
}

function StripeKeysCard() {
  const { t } = useT();
  const [keys, setKeys] = useState({ secretKey: '', webhookSecret: '' });
  const action = useAction();
  return (
    <section className="card stack" aria-labelledby="stripe-keys-title">
      <h2 id="stripe-keys-title" className="card-title">{t('billing.tickets.stripe')}</h2>
      <p className="muted small">{t('billing.tickets.stripeHint')}</p>
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void action.run('keys', () => billingApi.connectStripe(keys)).then(() => setKeys({ secretKey: '', webhookSecret: '' })); }}>
        <TextField label={t('billing.tickets.secretKey')} type="password" autoComplete="off" value={keys.secretKey} onChange={(e) => setKeys((k) => ({ ...k, secretKey: e.target.value }))} />
        <TextField label={t('billing.tickets.webhookSecret')} type="password" autoComplete="off" value={keys.webhookSecret} onChange={(e) => setKeys((k) => ({ ...k, webhookSecret: e.target.value }))} />
        {action.error !== undefined && <Alert>{errorText(t, action.error)}</Alert>}
        {action.done && <Alert tone="success">{t('billing.tickets.stripeSaved')}</Alert>}
        <div><Button type="submit" variant="primary" loading={action.busy === 'keys'} disabled={!keys.secretKey || !keys.webhookSecret}>{t('billing.save')}</Button></div>
      </form>
    </section>
  );
}

function EventSales({ eventId }: { eventId: number }) {
  const { t, lang } = useT();
  const sales = useLoad(() => billingApi.sales(eventId), [eventId]);
  const [price, setPrice] = useState<{ currency: TicketCurrency; amount: string; seats: string } | null>(null);
  const action = useAction();
  const s = sales.data;
  if (sales.failure !== undefined) return <Alert>{errorText(t, sales.failure)}</Alert>;
  if (!s) return <p className="page-loading">{t('common.loading')}</p>;
  const form = price ?? { currency: (s.price?.currency ?? 'PLN') as TicketCurrency, amount: s.price ? (s.price.amount / 100).toFixed(2) : '', seats: String(s.price?.seats ?? 100) };
  const act = (name: string, work: () => Promise<unknown>) => void action.run(name, async () => {
    await work();
    await sales.reload();
  });
  return (
    <>
      <section className="card stack" aria-labelledby="price-title">
        <h2 id="price-title" className="card-title">{t('billing.tickets.price')}</h2>
        {!s.stripeConnected && <Alert tone="warning">{t('billing.tickets.connectFirst')}</Alert>}
        <p className="muted small">{t('billing.tickets.webhookUrl')} <code>{s.webhookUrl}</code> <CopyButton text={s.webhookUrl} label={t('billing.copy')} /></p>
        <form className="billing-row" onSubmit={(e) => { e.preventDefault(); act('price', () => billingApi.setPrice(eventId, { currency: form.currency, amount: Math.round(Number(form.amount.replace(',', '.')) * 100), seats: Number(form.seats) })); }}>
          <SelectField label={t('billing.tickets.currency')} value={form.currency} onChange={(e) => setPrice({ ...form, currency: e.target.value as TicketCurrency })}>
            {TICKET_CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </SelectField>
          <TextField label={t('billing.tickets.amount')} inputMode="decimal" value={form.amount} onChange={(e) => setPrice({ ...form, amount: e.target.value })} />
          <TextField label={t('billing.tickets.seats')} type="number" min={1} value={form.seats} onChange={(e) => setPrice({ ...form, seats: e.target.value })} />
          <Button type="submit" variant="primary" size="sm" loading={action.busy === 'price'}>{t('billing.save')}</Button>
        </form>
        {s.price && <p data-testid="seats-taken">{t('billing.tickets.seatsTaken', { taken: s.seatsTaken, seats: s.price.seats })}</p>}
      </section>
      <section className="card stack" aria-labelledby="orders-title">
        <h2 id="orders-title" className="card-title">{t('billing.tickets.orders')}</h2>
        <div aria-live="polite">
          {action.error !== undefined && <Alert>{errorText(t, action.error)}</Alert>}
          {action.done && <Alert tone="success">{t('billing.done')}</Alert>}
        </div>
        {s.orders.length === 0 && <p className="muted small">{t('billing.tickets.noOrders')}</p>}
        <ul className="plain-list">
          {s.orders.map((o) => (
            <li key={o.id} className="list-row" data-testid="ticket-order">
              <div className="list-row-main">
                <span className="list-row-title">{o.name} · {o.email}</span>
                <span className="muted small">{formatDate(o.createdAt, lang)} · {formatMoney(o.amount, o.currency)} · <span className="badge badge-xs" data-testid="order-status">{t(`billing.order.${o.status}` as TextKey)}</span></span>
              </div>
              <div className="billing-row">
                {['held', 'expired', 'rejected', 'overbooked'].includes(o.status) && <Button size="sm" loading={action.busy === `confirm:${o.id}`} onClick={() => act(`confirm:${o.id}`, () => billingApi.decide(eventId, o.id, 'confirm'))}><CheckCircle2 size={14} aria-hidden /> {t('billing.tickets.confirm')}</Button>}
                {o.status !== 'rejected' && o.status !== 'refunded' && <Button size="sm" variant="ghost" loading={action.busy === `reject:${o.id}`} onClick={() => act(`reject:${o.id}`, () => billingApi.decide(eventId, o.id, 'reject'))}><XCircle size={14} aria-hidden /> {t('billing.tickets.reject')}</Button>}
                {(o.status === 'paid' || o.status === 'confirmed') && <Button size="sm" variant="ghost" loading={action.busy === `resend:${o.id}`} onClick={() => act(`resend:${o.id}`, () => billingApi.resendTicket(eventId, o.id))}><Mail size={14} aria-hidden /> {t('billing.tickets.resend')}</Button>}
                {o.status === 'paid' && <Button size="sm" variant="ghost" className="btn-danger-text" loading={action.busy === `refund:${o.id}`} onClick={() => act(`refund:${o.id}`, () => billingApi.refundTicket(eventId, o.id))}><RotateCcw size={14} aria-hidden /> {t('billing.tickets.refund')}</Button>}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
