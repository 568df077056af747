import Stripe from 'stripe';
import type { GatewayLine, GatewayResult, PaymentGateway } from './payment-gateway.ts';

/** The API version we wrote against, pinned so Stripe's changes reach us only when we choose. */
export const STRIPE_API_VERSION = '2026-10-28.endive';

export interface StripeOptions {
  readonly secretKey: string;
  /** Tests only (stripe-mock, a capture server): http://127.0.0.1:<port>. */
  readonly apiBase?: string;
  readonly maxNetworkRetries?: number;
}

export function stripeClient(options: StripeOptions): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  return new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    ...(base && { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(':', '') as 'http' | 'https' }),
  });
}

function result(object: { id: string; lastResponse?: { idempotencyKey?: string } }): GatewayResult {
  return { id: object.id, idempotencyKey: object.lastResponse?.idempotencyKey };
}

/** The gateway on the Stripe SDK. Keys: `<our object>:<our id>:<step>`, stable across retries. */
export class StripeGateway implements PaymentGateway {
  readonly kind = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(options: StripeOptions) {
    this.stripe = stripeClient(options);
  }

  async ensureCustomer(accountId: string, email: string, name: string): Promise<GatewayResult> {
    const c = await this.stripe.customers.create({ email, name, metadata: { account_id: accountId } }, { idempotencyKey: `customer:${accountId}` });
    return result(c);
  }

  async setupSession(accountId: string, customerId: string, successUrl: string, cancelUrl: string, attempt: string) {
    const s = await this.stripe.checkout.sessions.create({
      mode: 'setup', customer: customerId, currency: 'pln', success_url: successUrl, cancel_url: cancelUrl, client_reference_id: accountId,
    }, { idempotencyKey: `setup:${accountId}:${attempt}` });
    return { ...result(s), url: s.url };
  }

  async chargeOffSession(chargeId: string, customerId: string, currency: string, lines: readonly GatewayLine[]) {
    const cur = currency.toLowerCase();
    const invoice = await this.stripe.invoices.create({
      customer: customerId, currency: cur, auto_advance: false, collection_method: 'charge_automatically',
      pending_invoice_items_behavior: 'exclude', metadata: { charge_id: chargeId },
    }, { idempotencyKey: `charge:${chargeId}:invoice` });
    for (const [n, line] of lines.entries()) {
      await this.stripe.invoiceItems.create({ customer: customerId, invoice: invoice.id, currency: cur, amount: line.net, description: line.description, metadata: { charge_id: chargeId } }, { idempotencyKey: `charge:${chargeId}:line:${n}` });
    }
    const finalized = await this.stripe.invoices.finalizeInvoice(invoice.id, {}, { idempotencyKey: `charge:${chargeId}:finalize` });
    try {
      const paid = await this.stripe.invoices.pay(invoice.id, { off_session: true }, { idempotencyKey: `charge:${chargeId}:pay` });
      return { id: paid.id, idempotencyKey: invoice.lastResponse?.idempotencyKey, status: paid.status ?? 'open', hostedUrl: paid.hosted_invoice_url ?? null };
    } catch (error) {
      // A decline leaves a finalised, open invoice: dunning retries that very invoice, so its id must come back.
      const e = error as { statusCode?: number; message?: string };
      if (e.statusCode !== 402) throw error;
      return { id: invoice.id, idempotencyKey: invoice.lastResponse?.idempotencyKey, status: 'open', hostedUrl: finalized.hosted_invoice_url ?? null, declined: e.message ?? 'The card was declined.' };
    }
  }

  async checkout(ref: string, input: { currency: string; amount: number; description: string; successUrl: string; cancelUrl: string; expiresAt: Date; kind?: string }) {
    const s = await this.stripe.checkout.sessions.create({
      mode: 'payment', client_reference_id: ref, success_url: input.successUrl, cancel_url: input.cancelUrl,
      expires_at: Math.floor(input.expiresAt.getTime() / 1000), metadata: { ref, ...(input.kind && { kind: input.kind }) },
      line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amount, product_data: { name: input.description } } }],
    }, { idempotencyKey: `checkout:${ref}` });
    return { ...result(s), url: s.url };
  }

  async retryPayment(chargeId: string, invoiceId: string, attempt: number) {
    const paid = await this.stripe.invoices.pay(invoiceId, { off_session: true }, { idempotencyKey: `charge:${chargeId}:pay:retry:${attempt}` });
    return { ...result(paid), status: paid.status ?? 'open' };
  }

  async voidInvoice(chargeId: string, invoiceId: string) {
    const voided = await this.stripe.invoices.voidInvoice(invoiceId, {}, { idempotencyKey: `charge:${chargeId}:void` });
    return { ...result(voided), status: voided.status ?? 'void' };
  }

  async refund(refundRef: string, paymentIntentId: string, amount?: number): Promise<GatewayResult> {
    const r = await this.stripe.refunds.create({ payment_intent: paymentIntentId, ...(amount !== undefined && { amount }) }, { idempotencyKey: `refund:${refundRef}` });
    return result(r);
  }

  async retrieveCheckout(sessionId: string) {
    const s = await this.stripe.checkout.sessions.retrieve(sessionId);
    const pi = typeof s.payment_intent === 'string' ? s.payment_intent : s.payment_intent?.id ?? null;
    return { id: s.id, ref: s.client_reference_id, status: s.status, paymentStatus: s.payment_status, paymentIntentId: pi };
  }

  async completeSetup(sessionId: string) {
    const session = await this.stripe.checkout.sessions.retrieve(sessionId, { expand: ['setup_intent'] });
    const intent = session.setup_intent;
    const paymentMethod = intent && typeof intent === 'object' ? (typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id) : undefined;
    const customerId = typeof session.customer === 'string' ? session.customer : session.customer?.id ?? null;
    const complete = session.status === 'complete' && !!paymentMethod && !!customerId;
    if (complete) {
      await this.stripe.customers.update(customerId!, { invoice_settings: { default_payment_method: paymentMethod! } }, { idempotencyKey: `setup-done:${sessionId}` });
    }
    return { accountId: session.client_reference_id, customerId, complete };
  }

  async retrieveInvoice(invoiceId: string) {
    const i = await this.stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
    const payment = i.payments?.data.find((p) => p.status === 'paid')?.payment;
    const pi = payment?.payment_intent;
    return { id: i.id, status: i.status, chargeId: i.metadata?.charge_id, paymentIntentId: (typeof pi === 'string' ? pi : pi?.id) ?? null };
  }

  async retrieveCharge(chargeId: string) {
    const c = await this.stripe.charges.retrieve(chargeId);
    const pi = typeof c.payment_intent === 'string' ? c.payment_intent : c.payment_intent?.id ?? null;
    return { id: c.id, paymentIntentId: pi, amountRefunded: c.amount_refunded, disputed: c.disputed };
  }
}

/**
 * Verifies a Stripe webhook on the raw body (never a re-serialised object) with a
 * 300-second tolerance measured on our injected clock. Throws when it is not genuine.
 */
export async function verifyStripeWebhook(rawBody: string, header: string | undefined, secret: string, nowMs: number): Promise<Stripe.Event> {
  if (!header) throw new Error('No Stripe-Signature header');
  return Stripe.webhooks.constructEventAsync(rawBody, header, secret, 300, undefined, nowMs);
}
