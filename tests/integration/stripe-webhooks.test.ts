import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { BillingSummaryOut, CommandOut } from '../../shared/billing-schemas.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { WEBHOOK_SECRET, deliver, saveCard, startBillingServer } from '../support/billing-server.ts';

// Stripe webhooks at /api/v1/webhooks/stripe: signature on the raw body first, the event
// id stored with its effect, any order ends in the state Stripe's API reports.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let api: ApiClient;
let invoiceId: string;
let chargeId: string;

const count = (table: string) => (env.server.database.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))).n;
const charge = async () => (await api.ok<BillingSummaryOut>('GET', '/billing')).invoices.find((i) => i.id === chargeId)!;

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00Z' });
  ({ api } = await newOrganizer(env.url));
  await saveCard(api, env.url, env.stripe!);
  // 3-D Secure pending: the invoice stays open until Stripe tells us, by webhook, that it was paid.
  env.stripe!.payOutcome = 'open';
  const r = await api.ok<CommandOut>('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
  chargeId = r.charge!.id;
  expect(r.charge!.status).toBe('open');
  invoiceId = [...env.stripe!.invoices.keys()].pop()!;
}, 60_000);
afterAll(async () => env?.cleanup());

describe('Stripe webhooks', () => {
  it('the saved card came through the signed setup event', async () => {
    expect((await api.ok<BillingSummaryOut>('GET', '/billing')).hasPaymentMethod).toBe(true);
  });

  it('each "add a card" gets a setup session of its own (a later card, BILL-6, never replays the completed first one)', async () => {
    const first = await api.ok<{ url: string }>('POST', '/billing/payment-method');
    const second = await api.ok<{ url: string }>('POST', '/billing/payment-method');
    expect(second.url).not.toBe(first.url);
    const keys = env.stripe!.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions').map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k?.startsWith('setup:'))).toBe(true);
  });

  it('refuses a tampered, unsigned, re-serialised or 301-second-old event with 401 and no effect', async () => {
    env.stripe!.setInvoiceStatus(invoiceId, 'paid');
    const events = count('billing_webhook_events');
    const good = env.stripe!.signedEvent('invoice.paid', { id: invoiceId, object: 'invoice' }, WEBHOOK_SECRET);
    const tampered = good.body.replace('invoice.paid', 'invoice.paid ');
    expect((await deliver(env.url, tampered, good.header)).status).toBe(401);
    expect((await deliver(env.url, good.body, undefined)).status).toBe(401);
    const reserialised = JSON.stringify(JSON.parse(good.body), null, 2);
    expect((await deliver(env.url, reserialised, good.header)).status).toBe(401);
    const wrongSecret = env.stripe!.signedEvent('invoice.paid', { id: invoiceId }, 'whsec_someone_else');
    expect((await deliver(env.url, wrongSecret.body, wrongSecret.header)).status).toBe(401);
    const old = env.stripe!.signedEvent('invoice.paid', { id: invoiceId }, WEBHOOK_SECRET, { timestamp: Math.floor(env.clock.now().getTime() / 1000) - 301 });
    const refused = await deliver(env.url, old.body, old.header);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid-signature');
    expect(count('billing_webhook_events')).toBe(events);
    expect((await charge()).status).toBe('open');
  });

  it('an old payment_failed delivered after Stripe already reports paid ends paid (state re-fetched)', async () => {
    const failed = env.stripe!.signedEvent('invoice.payment_failed', { id: invoiceId, object: 'invoice', status: 'open' }, WEBHOOK_SECRET);
    expect((await deliver(env.url, failed.body, failed.header)).status).toBe(200);
    const c = await charge();
    expect(c.status).toBe('paid');
    expect(c.number).toBe('FV/2026/000001');
  });

  it('the paid event, delivered twice and then twice at once, has one effect', async () => {
    const paid = env.stripe!.signedEvent('invoice.paid', { id: invoiceId, object: 'invoice', status: 'paid' }, WEBHOOK_SECRET);
    expect((await deliver(env.url, paid.body, paid.header)).body.outcome).toBe('applied');
    expect((await deliver(env.url, paid.body, paid.header)).body.outcome).toBe('duplicate');
    const again = env.stripe!.signedEvent('invoice.paid', { id: invoiceId, object: 'invoice', status: 'paid' }, WEBHOOK_SECRET);
    const both = await Promise.all([deliver(env.url, again.body, again.header), deliver(env.url, again.body, again.header)]);
    expect(both.map((b) => b.body.outcome).sort()).toEqual(['applied', 'duplicate']);
    const c = await charge();
    expect(c.number).toBe('FV/2026/000001');
    expect(count('billing_invoice_counters')).toBe(1);
    expect(env.server.database.db.get<{ last: number }>(sql`select last from billing_invoice_counters`).last).toBe(1);
  });

  it('a late failure after paid never moves the charge back', async () => {
    env.stripe!.setInvoiceStatus(invoiceId, 'open'); // even if the API were stale, paid stays paid
    const failed = env.stripe!.signedEvent('invoice.payment_failed', { id: invoiceId, object: 'invoice' }, WEBHOOK_SECRET);
    expect((await deliver(env.url, failed.body, failed.header)).status).toBe(200);
    expect((await charge()).status).toBe('paid');
    env.stripe!.setInvoiceStatus(invoiceId, 'paid');
  });

  it('an event with no effect here is acknowledged and recorded once', async () => {
    const other = env.stripe!.signedEvent('customer.created', { id: 'cus_x', object: 'customer' }, WEBHOOK_SECRET);
    expect((await deliver(env.url, other.body, other.header)).body.outcome).toBe('ignored');
    expect((await deliver(env.url, other.body, other.header)).body.outcome).toBe('duplicate');
  });

  it('a payment failure on an open invoice marks the charge failed, and a later payment moves it to paid', async () => {
    env.stripe!.payOutcome = 'open';
    const up = await api.ok<CommandOut>('POST', '/billing/commands', { type: 'set-addon', kind: 'storage', quantity: 1 });
    const id = up.charge!.id;
    const inv = [...env.stripe!.invoices.keys()].pop()!;
    const failed = env.stripe!.signedEvent('invoice.payment_failed', { id: inv, object: 'invoice' }, WEBHOOK_SECRET);
    await deliver(env.url, failed.body, failed.header);
    const summary = await api.ok<BillingSummaryOut>('GET', '/billing');
    expect(summary.invoices.find((i) => i.id === id)!.status).toBe('failed');
    env.stripe!.setInvoiceStatus(inv, 'paid');
    const paid = env.stripe!.signedEvent('invoice.paid', { id: inv, object: 'invoice' }, WEBHOOK_SECRET);
    await deliver(env.url, paid.body, paid.header);
    const after = (await api.ok<BillingSummaryOut>('GET', '/billing')).invoices.find((i) => i.id === id)!;
    expect(after.status).toBe('paid');
    expect(after.number).toBe('FV/2026/000002');
  });
});
