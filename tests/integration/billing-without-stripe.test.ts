import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSummaryOut } from '../../shared/billing-schemas.ts';
import type { SessionOut } from '../../shared/account-schemas.ts';
import { ApiClient, newOrganizer, signUp } from '../support/api-client.ts';
import { startBillingServer } from '../support/billing-server.ts';

// Without Stripe keys the platform runs as before: the plan page says how to connect
// Stripe, nothing can be bought, the webhook endpoint has no secret to trust, and the
// operator assigns plans by hand.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let operator: ApiClient;

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00', stripe: false, env: { OPERATOR_EMAILS: 'boss@example.com' } });
  operator = new ApiClient(env.url);
  await signUp(operator, { email: 'boss@example.com', name: 'Boss', password: 'correct horse battery' });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('billing without Stripe', () => {
  it('says how to connect Stripe and refuses purchases with a reason', async () => {
    const { api } = await newOrganizer(env.url);
    const s = await api.ok<BillingSummaryOut>('GET', '/billing');
    expect(s.payments.provider).toBe('none');
    expect(s.payments.howToConnect).toContain('STRIPE_SECRET_KEY');
    expect(s.payments.howToConnect).toContain('/api/v1/webhooks/stripe');
    // Every event the webhook acts on is named, refunds and disputes too (they reverse partner commissions).
    for (const type of ['invoice.paid', 'invoice.payment_failed', 'checkout.session.completed', 'checkout.session.expired', 'charge.refunded', 'charge.dispute.created']) expect(s.payments.howToConnect).toContain(type);
    const r = await api.request('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('payments-not-configured');
    expect((await api.request('POST', '/billing/payment-method')).body.code).toBe('payments-not-configured');
    const hook = await fetch(`${env.url}/api/v1/webhooks/stripe`, { method: 'POST', body: '{}' });
    expect(hook.status).toBe(404);
  });

  it('the operator assigns a plan by hand; its limits apply at once; an organizer may not', async () => {
    const { api, session } = await newOrganizer(env.url);
    expect((await api.request('PUT', `/billing/operator/accounts/${session.account.id}/plan`, { plan: 'webinar-250' })).status).toBe(403);
    expect((await operator.request('PUT', `/billing/operator/accounts/${session.account.id}/plan`, { plan: 'webinar-250' })).status).toBe(204);
    const me = await api.ok<SessionOut>('GET', '/auth/me');
    expect(me.account.plan).toBe('webinar-250');
    expect(me.account.limits.maxAttendees).toBe(250);
    expect((await api.ok<BillingSummaryOut>('GET', '/billing')).status).toBe('active');
    expect((await operator.request('PUT', '/billing/operator/accounts/nope/plan', { plan: 'webinar-50' })).status).toBe(404);
  });
});
