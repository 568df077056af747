import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeGateway, stripeClient } from '../../server/billing/stripe-gateway.ts';
import { startStripeMock } from '../support/stripe-mock.ts';

// Contract: every gateway call is a well-formed Stripe request (stripe-mock validates
// paths, parameters and enums against Stripe's OpenAPI spec), answered 2xx with the
// object type we expect, and carries our own idempotency key.
let mock: Awaited<ReturnType<typeof startStripeMock>>;
let gateway: StripeGateway;

beforeAll(async () => {
  mock = await startStripeMock();
  gateway = new StripeGateway({ secretKey: 'sk_test_123', apiBase: mock.url, maxNetworkRetries: 0 });
}, 40_000);
afterAll(async () => mock?.stop());

describe('StripeGateway against stripe-mock', () => {
  it('creates a customer with our idempotency key', async () => {
    const r = await gateway.ensureCustomer('acc_1', 'a@example.com', 'Acme');
    expect(r.id).toMatch(/^cus_/);
    expect(r.idempotencyKey).toBe('customer:acc_1');
  });
  it('opens Checkout in setup mode for a card', async () => {
    const r = await gateway.setupSession('acc_1', 'cus_123', 'http://127.0.0.1/ok', 'http://127.0.0.1/back', 'att_1');
    expect(r.id).toMatch(/^cs_/);
    expect(r.idempotencyKey).toBe('setup:acc_1:att_1');
  });
  it('charges our exact lines as a one-off invoice, finalised and paid off-session', async () => {
    const r = await gateway.chargeOffSession('ch_42', 'cus_123', 'PLN', [{ description: 'Plan webinar-50', net: 12_500 }, { description: 'VAT 23%', net: 2_875 }]);
    expect(r.id).toMatch(/^in_/);
    expect(r.idempotencyKey).toBe('charge:ch_42:invoice');
    expect(typeof r.status).toBe('string');
  });
  it('opens Checkout in payment mode for a ticket', async () => {
    const r = await gateway.checkout('order_7', { currency: 'EUR', amount: 4_900, description: 'Ticket', successUrl: 'http://127.0.0.1/ok', cancelUrl: 'http://127.0.0.1/no', expiresAt: new Date(Date.now() + 3_600_000) });
    expect(r.id).toMatch(/^cs_/);
    expect(r.idempotencyKey).toBe('checkout:order_7');
  });
  it('refunds by hand with our key', async () => {
    const r = await gateway.refund('order_7', 'pi_123', 1_000);
    expect(r.id).toMatch(/^re_/);
    expect(r.idempotencyKey).toBe('refund:order_7');
  });
  it('re-fetches an invoice for a webhook', async () => {
    const r = await gateway.retrieveInvoice('in_123');
    expect(r.id).toMatch(/^in_/);
  });
  it('completes a card setup: re-fetches the session with its setup intent and sets the default card with our key', async () => {
    const r = await gateway.completeSetup('cs_123');
    expect(typeof r.complete).toBe('boolean');
    const stripe = stripeClient({ secretKey: 'sk_test_123', apiBase: mock.url, maxNetworkRetries: 0 });
    const c = await stripe.customers.update('cus_123', { invoice_settings: { default_payment_method: 'pm_123' } }, { idempotencyKey: 'setup-done:cs_123' });
    expect(c.object).toBe('customer');
    expect(c.lastResponse.idempotencyKey).toBe('setup-done:cs_123');
  });
  it('re-fetches a Checkout session for ticket fulfilment', async () => {
    const r = await gateway.retrieveCheckout('cs_123');
    expect(r.id).toMatch(/^cs_/);
    expect(typeof r.paymentStatus).toBe('string');
  });
  it('re-fetches a card payment for a refund or dispute webhook', async () => {
    const r = await gateway.retrieveCharge('ch_123');
    expect(r.id).toMatch(/^ch_/);
    expect(typeof r.amountRefunded).toBe('number');
  });
  it('opens Checkout in payment mode for a balance top-up, its kind in the metadata', async () => {
    const r = await gateway.checkout('topup:tp_1', { kind: 'topup', currency: 'PLN', amount: 10_000, description: 'Top-up', successUrl: 'http://127.0.0.1/ok', cancelUrl: 'http://127.0.0.1/no', expiresAt: new Date(Date.now() + 3_600_000) });
    expect(r.id).toMatch(/^cs_/);
    expect(r.idempotencyKey).toBe('checkout:topup:tp_1');
  });
  it('retries a failed invoice payment off-session with a key per attempt (dunning)', async () => {
    const r = await gateway.retryPayment('ch_42', 'in_123', 2);
    expect(r.id).toMatch(/^in_/);
    expect(r.idempotencyKey).toBe('charge:ch_42:pay:retry:2');
    expect(typeof r.status).toBe('string');
  });
  it('voids the invoice when dunning gives up', async () => {
    const r = await gateway.voidInvoice('ch_42', 'in_123');
    expect(r.id).toMatch(/^in_/);
    expect(r.idempotencyKey).toBe('charge:ch_42:void');
  });
  it('a parameter Stripe does not know is refused with a 400', async () => {
    const stripe = stripeClient({ secretKey: 'sk_test_123', apiBase: mock.url, maxNetworkRetries: 0 });
    await expect(stripe.checkout.sessions.create({ mode: 'nonsense' as 'payment', success_url: 'http://x' })).rejects.toMatchObject({ statusCode: 400 });
  });
});
