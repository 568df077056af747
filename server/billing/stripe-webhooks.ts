import type Stripe from 'stripe';
import type { Db } from '../db/database.ts';
import { billingWebhookEvents } from '../db/schema-billing.ts';
import { AppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { BillingTx } from './billing-jobs.ts';
import type { BillingService } from './billing-service.ts';
import type { BillingStore } from './billing-store.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { verifyStripeWebhook } from './stripe-gateway.ts';
import type { PartnerService } from './partner-service.ts';

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

/** Effects other parts of billing (tickets, top-ups) register for Checkout sessions in payment mode. */
export type CheckoutHandler = (tx: BillingTx, session: { id: string; ref: string; kind: string; status: 'paid' | 'expired' }) => void;

/**
 * Stripe webhooks (issue 13 §4). The order of work is the point:
 * 1. the signature is checked on the raw body, on our clock (300 s tolerance), before anything else;
 * 2. the object is re-fetched from Stripe when its state matters, so deliveries in any
 *    order end in the state the API reports;
 * 3. the event id is inserted in the same transaction as its effect: a second delivery
 *    finds the id and does nothing, and a failed effect rolls the id back so Stripe retries.
 */
export class StripeWebhooks {
  private readonly checkoutHandlers = new Map<string, CheckoutHandler>();

  constructor(
    private readonly db: Db,
    private readonly store: BillingStore,
    private readonly service: BillingService,
    private readonly gateway: PaymentGateway,
    private readonly secret: string,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly partners: PartnerService,
  ) {}

  onCheckout(kind: string, handler: CheckoutHandler): void {
    this.checkoutHandlers.set(kind, handler);
  }

  async handle(rawBody: string, signature: string | undefined): Promise<WebhookOutcome> {
    let event: Stripe.Event;
    try {
      event = await verifyStripeWebhook(rawBody, signature, this.secret, this.now().getTime());
    } catch (error) {
      throw new AppError('invalid-signature', 401, `Not a genuine Stripe webhook: ${(error as Error).message}`);
    }
    const effect = await this.prepare(event);
    return this.db.transaction((tx) => {
      const fresh = tx.insert(billingWebhookEvents).values({ id: event.id, type: event.type, receivedAt: this.now() }).onConflictDoNothing().run();
      if (fresh.changes === 0) return 'duplicate';
      if (!effect) return 'ignored';
      effect(tx);
      return 'applied';
    }, { behavior: 'immediate' });
  }

  /** Reads what must be read from Stripe (async, before the transaction) and returns the effect to apply. */
  private async prepare(event: Stripe.Event): Promise<((tx: BillingTx) => void) | undefined> {
    switch (event.type) {
      case 'invoice.paid':
      case 'invoice.payment_succeeded':
      case 'invoice.payment_failed':
      case 'invoice.voided':
      case 'invoice.marked_uncollectible': {
        const invoice = await this.gateway.retrieveInvoice((event.data.object as { id: string }).id);
        return (tx) => applyInvoice(tx, this.store, invoice, event.type === 'invoice.payment_failed');
      }
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.expired': {
        const session = event.data.object as Stripe.Checkout.Session;
        if (session.mode === 'setup') {
          if (event.type !== 'checkout.session.completed') return undefined;
          const setup = await this.gateway.completeSetup(session.id);
          if (!setup.complete || !setup.accountId) return undefined;
          return (tx) => {
            const row = this.store.account(setup.accountId!, tx);
            if (row.gatewayCustomerId !== setup.customerId) return; // a session of another customer: not ours to apply
            this.service.paymentMethodSaved(tx, setup.accountId!);
          };
        }
        const kind = session.metadata?.kind ?? '';
        const handler = this.checkoutHandlers.get(kind);
        const ref = session.metadata?.ref ?? session.client_reference_id;
        if (!handler || !ref) return undefined;
        const status = event.type === 'checkout.session.expired' ? 'expired' : session.payment_status === 'paid' ? 'paid' : undefined;
        if (!status) return undefined;
        return (tx) => handler(tx, { id: session.id, ref, kind, status });
      }
      case 'charge.refunded':
      case 'charge.dispute.created': {
        const object = event.data.object as { id: string; charge?: string | { id: string } };
        const stripeChargeId = event.type === 'charge.refunded' ? object.id : typeof object.charge === 'string' ? object.charge : object.charge?.id;
        if (!stripeChargeId) return undefined;
        const paid = await this.gateway.retrieveCharge(stripeChargeId);
        if (!paid.paymentIntentId) return undefined;
        return (tx) => {
          const charge = this.store.chargeByPayment(paid.paymentIntentId!, tx);
          if (!charge) return;
          // A dispute takes the whole commission back; a refund its share.
          const refunded = paid.disputed ? charge.total : paid.amountRefunded;
          this.store.setRefunded(tx, charge, refunded);
          this.partners.reverse(tx, charge, refunded);
        };
      }
      default:
        this.logger.debug(`stripe event ${event.type} has no effect here`);
        return undefined;
    }
  }
}

/**
 * Moves our charge to where Stripe's invoice (as re-fetched) stands: paid, or failed
 * when voided or uncollectible, or when a payment failed on a still-open invoice. States
 * only move forward. Shared by the webhook and the reconciliation job.
 */
export function applyInvoice(tx: BillingTx, store: BillingStore, invoice: { id: string; status: string | null; chargeId: string | undefined; paymentIntentId: string | null }, paymentFailed: boolean): void {
  const charge = store.chargeByInvoice(invoice.id, tx) ?? (invoice.chargeId ? store.charge(invoice.chargeId, tx) : undefined);
  if (!charge) return;
  if (invoice.paymentIntentId && !charge.gatewayPaymentRef) store.setPaymentRef(tx, charge.id, invoice.paymentIntentId);
  if (invoice.status === 'paid') store.markPaid(tx, store.charge(charge.id, tx)!);
  else if (invoice.status === 'void' || invoice.status === 'uncollectible') store.markFailed(tx, charge, `Stripe marked the invoice ${invoice.status}.`);
  else if (paymentFailed && invoice.status === 'open') store.markFailed(tx, charge, 'The payment failed.');
}
