import { and, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../db/database.ts';
import { billingSellerStripe, billingTicketOrders, billingTicketPrices, billingWebhookEvents } from '../db/schema-billing.ts';
import { eventTokens } from '../db/schema-events.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict, notFound } from '../domain/app-error.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import { newId, randomToken } from '../domain/secrets.ts';
import type { Logger } from '../logger.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { escapeHtml } from '../mail/templates/layout.ts';
import { HOLD_MINUTES, type TicketOrderOut, type TicketPriceBody } from '../../shared/billing-tickets.ts';
import { formatMoney } from '../../shared/billing-money.ts';
import type { BillingTx } from './billing-jobs.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import type { SealedSecrets } from './sealed-secrets.ts';
import { verifyStripeWebhook } from './stripe-gateway.ts';

type OrderRow = typeof billingTicketOrders.$inferSelect;
/** Orders that take a seat: a live hold, a paid ticket, one confirmed by hand. */
const SEAT_TAKING = ['held', 'paid', 'confirmed'] as const;


/**
 * Paid webinars (PAID-1..3) on the organizer's own Stripe account. Seats are counted in
 * an IMMEDIATE transaction with the hold that takes one, so concurrent checkouts can
 * never sell more than the event has; fulfilment is one conditional UPDATE, so the
 * success page and the webhook racing give one ticket, one token and one e-mail.
 */
export class TicketService {
  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly sealed: SealedSecrets,
    private readonly gatewayFor: (secretKey: string) => PaymentGateway,
    private readonly mail: MailQueue,
    private readonly baseUrl: () => string,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  connectStripe(caller: Caller, keys: { secretKey: string; webhookSecret: string }): void {
    const row = { accountId: caller.accountId, secretKeySealed: this.sealed.seal(keys.secretKey), webhookSecretSealed: this.sealed.seal(keys.webhookSecret), updatedAt: this.now() };
    this.db.insert(billingSellerStripe).values(row).onConflictDoUpdate({ target: billingSellerStripe.accountId, set: row }).run();
  }

  setPrice(caller: Caller, publicId: number, body: TicketPriceBody): void {
    const event = this.events.owned(caller, publicId);
    const row = { eventId: event.id, accountId: caller.accountId, ...body, updatedAt: this.now() };
    this.db.insert(billingTicketPrices).values(row).onConflictDoUpdate({ target: billingTicketPrices.eventId, set: row }).run();
  }

  sales(caller: Caller, publicId: number) {
    const event = this.events.owned(caller, publicId);
    const price = this.db.select().from(billingTicketPrices).where(eq(billingTicketPrices.eventId, event.id)).get();
    const orders = this.db.select().from(billingTicketOrders).where(eq(billingTicketOrders.eventId, event.id)).orderBy(desc(billingTicketOrders.createdAt)).all();
    return {
      price: price ? { currency: price.currency, amount: price.amount, seats: price.seats } : null,
      seatsTaken: this.taken(this.db, event.id),
      orders: orders.map(orderOut),
      webhookUrl: `${this.baseUrl()}/api/v1/webhooks/stripe/accounts/${caller.accountId}`,
      stripeConnected: this.keys(caller.accountId) !== undefined,
    };
  }

  /** Registration → a held seat → Stripe Checkout. The same buyer submitting twice gets the same page, not a second seat. */
  async checkout(publicId: number, buyer: { email: string; name: string }): Promise<{ orderId: string; url: string }> {
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');
    const keys = this.keys(event.accountId);
    const price = this.db.select().from(billingTicketPrices).where(eq(billingTicketPrices.eventId, event.id)).get();
    if (!price || !keys) throw new AppError('tickets-not-for-sale', 404, 'This event does not sell tickets.');
    const now = this.now();
    const decided = this.db.transaction((tx) => {
      this.releaseExpired(tx, event.id);
      const mine = tx.select().from(billingTicketOrders).where(and(eq(billingTicketOrders.eventId, event.id), eq(billingTicketOrders.email, buyer.email), inArray(billingTicketOrders.status, [...SEAT_TAKING]))).get();
      if (mine && mine.status !== 'held') throw conflict('already-bought', 'This address has a ticket already.');
      if (mine) return { order: mine, fresh: false };
      if (this.taken(tx, event.id) >= price.seats) throw conflict('sold-out', 'All seats are taken.');
      const order: OrderRow = {
        id: newId(), eventId: event.id, accountId: event.accountId, email: buyer.email, name: buyer.name, status: 'held', currency: price.currency, amount: price.amount,
        checkoutSessionId: null, checkoutUrl: null, paymentIntentId: null, holdUntil: new Date(now.getTime() + HOLD_MINUTES * 60_000), fulfilledAt: null, tokenId: null, createdAt: now,
      };
      tx.insert(billingTicketOrders).values(order).run();
      return { order, fresh: true };
    }, { behavior: 'immediate' });
    const { order } = decided;
    if (order.checkoutUrl) return { orderId: order.id, url: order.checkoutUrl };
    try {
      const back = `${this.baseUrl()}/tickets/return?order=${order.id}`;
      const session = await this.gatewayFor(keys.secretKey).checkout(`ticket:${order.id}`, {
        currency: order.currency, amount: order.amount, description: `Ticket: ${event.name}`, successUrl: back, cancelUrl: `${this.baseUrl()}/register/${event.publicId}`,
        // Stripe's shortest expiry is 30 minutes from its own clock: a minute more, so our hold ends first.
        expiresAt: new Date(order.holdUntil.getTime() + 60_000),
      });
      if (!session.url) throw new Error('no Checkout URL');
      this.db.update(billingTicketOrders).set({ checkoutSessionId: session.id, checkoutUrl: session.url }).where(eq(billingTicketOrders.id, order.id)).run();
      return { orderId: order.id, url: session.url };
    } catch (error) {
      // Nothing partial: the seat goes back at once.
      this.db.update(billingTicketOrders).set({ status: 'cancelled' }).where(and(eq(billingTicketOrders.id, order.id), eq(billingTicketOrders.status, 'held'))).run();
      this.logger.warn(`ticket checkout for ${event.id} failed: ${(error as Error).message}`);
      throw new AppError('gateway-error', 502, 'Stripe could not open the payment page; try again.');
    }
  }

  /** The success page: the buyer is back from Stripe. Fulfils only if Stripe says the session is paid. */
  async returned(orderId: string): Promise<TicketOrderOut> {
    const order = this.db.select().from(billingTicketOrders).where(eq(billingTicketOrders.id, orderId)).get();
    if (!order) throw notFound('Order');
    const keys = this.keys(order.accountId);
    if (order.checkoutSessionId && keys && !order.fulfilledAt) {
      const session = await this.gatewayFor(keys.secretKey).retrieveCheckout(order.checkoutSessionId);
      if (session.paymentStatus === 'paid') this.db.transaction((tx) => this.fulfil(tx, order.id, 'paid', session.paymentIntentId), { behavior: 'immediate' });
    }
    return orderOut(this.db.select().from(billingTicketOrders).where(eq(billingTicketOrders.id, orderId)).get()!);
  }

  /** `POST /webhooks/stripe/accounts/:accountId`: the organizer's Stripe, verified with the organizer's secret. */
  async webhook(accountId: string, rawBody: string, signature: string | undefined): Promise<'applied' | 'duplicate' | 'ignored'> {
    const keys = this.keys(accountId);
    if (!keys) throw new AppError('not-configured', 404, 'This account sells no tickets.');
    let event: Stripe.Event;
    try {
      event = await verifyStripeWebhook(rawBody, signature, keys.webhookSecret, this.now().getTime());
    } catch (error) {
      throw new AppError('invalid-signature', 401, `Not a genuine Stripe webhook: ${(error as Error).message}`);
    }
    let effect: ((tx: BillingTx) => void) | undefined;
    if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded' || event.type === 'checkout.session.expired') {
      const session = await this.gatewayFor(keys.secretKey).retrieveCheckout((event.data.object as { id: string }).id);
      const orderId = session.ref?.startsWith('ticket:') ? session.ref.slice(7) : undefined;
      if (orderId && session.paymentStatus === 'paid') effect = (tx) => this.fulfil(tx, orderId, 'paid', session.paymentIntentId);
      else if (orderId && session.status === 'expired') effect = (tx) => void tx.update(billingTicketOrders).set({ status: 'expired' }).where(and(eq(billingTicketOrders.id, orderId), eq(billingTicketOrders.status, 'held'))).run();
    }
    return this.db.transaction((tx) => {
      const fresh = tx.insert(billingWebhookEvents).values({ id: `${accountId}:${event.id}`, type: event.type, receivedAt: this.now() }).onConflictDoNothing().run();
      if (fresh.changes === 0) return 'duplicate';
      if (!effect) return 'ignored';
      effect(tx);
      return 'applied';
    }, { behavior: 'immediate' });
  }

  /** The organizer confirms a payment made elsewhere, or rejects someone (who is told). */
  decide(caller: Caller, publicId: number, orderId: string, decision: 'confirm' | 'reject'): TicketOrderOut {
    const event = this.events.owned(caller, publicId);
    this.db.transaction((tx) => {
      const order = tx.select().from(billingTicketOrders).where(and(eq(billingTicketOrders.id, orderId), eq(billingTicketOrders.eventId, event.id))).get();
      if (!order) throw notFound('Order');
      if (decision === 'confirm') {
        if (order.status !== 'held' && order.status !== 'expired' && order.status !== 'rejected') throw conflict('not-pending', 'This order is not waiting for a decision.');
        this.fulfil(tx, order.id, 'confirmed', null);
      } else {
        if (order.status === 'rejected') return;
        tx.update(billingTicketOrders).set({ status: 'rejected' }).where(eq(billingTicketOrders.id, order.id)).run();
        if (order.tokenId) tx.delete(eventTokens).where(eq(eventTokens.id, order.tokenId)).run();
        this.mail.enqueue({ accountId: order.accountId, eventId: event.id, kind: 'ticket-rejected', to: order.email, dedupeKey: `ticket-rejected:${order.id}`, content: {
          subject: `Your registration for ${event.name} was not accepted`, html: `<p>The organizer of <strong>${escapeHtml(event.name)}</strong> did not accept your registration.</p>`,
          text: `The organizer of ${event.name} did not accept your registration.`, attachments: [], headers: {},
        } }, tx);
      }
    }, { behavior: 'immediate' });
    return orderOut(this.db.select().from(billingTicketOrders).where(eq(billingTicketOrders.id, orderId)).get()!);
  }

  /** Refunds are never automatic: this is the organizer's "Refund" button. */
  async refund(caller: Caller, publicId: number, orderId: string): Promise<TicketOrderOut> {
    const event = this.events.owned(caller, publicId);
    const order = this.db.select().from(billingTicketOrders).where(and(eq(billingTicketOrders.id, orderId), eq(billingTicketOrders.eventId, event.id))).get();
    if (!order) throw notFound('Order');
    if (order.status !== 'paid' || !order.paymentIntentId) throw conflict('not-refundable', 'Only a ticket paid through Stripe can be refunded here.');
    await this.gatewayFor(this.keys(caller.accountId)!.secretKey).refund(`ticket:${order.id}`, order.paymentIntentId);
    this.db.update(billingTicketOrders).set({ status: 'refunded' }).where(and(eq(billingTicketOrders.id, order.id), eq(billingTicketOrders.status, 'paid'))).run();
    return orderOut(this.db.select().from(billingTicketOrders).where(eq(billingTicketOrders.id, orderId)).get()!);
  }

  /** The organizer's "resend confirmation": the same Join link and personal token, mailed again. */
  resend(caller: Caller, publicId: number, orderId: string): TicketOrderOut {
    const event = this.events.owned(caller, publicId);
    const order = this.db.select().from(billingTicketOrders).where(and(eq(billingTicketOrders.id, orderId), eq(billingTicketOrders.eventId, event.id))).get();
    if (!order) throw notFound('Order');
    const token = order.tokenId ? this.db.select({ token: eventTokens.token }).from(eventTokens).where(eq(eventTokens.id, order.tokenId)).get()?.token : undefined;
    if ((order.status !== 'paid' && order.status !== 'confirmed') || !token) throw conflict('no-ticket', 'Only a paid or confirmed ticket has a confirmation to resend.');
    const mail = this.ticketMail(event, order, token);
    this.mail.enqueue({ ...mail, dedupeKey: `${mail.dedupeKey}:resend:${this.now().getTime()}` });
    return orderOut(order);
  }

  /**
   * The organizer called the event off (it is about to be deleted): everyone holding or
   * paying for a seat is told, in the delete's turn. Refunds stay a decision of the
   * organizer (PAID-3: never automatic); the orders are kept, marked cancelled.
   */
  eventCancelled(event: EventRow): void {
    const orders = this.db.select().from(billingTicketOrders).where(and(eq(billingTicketOrders.eventId, event.id), inArray(billingTicketOrders.status, [...SEAT_TAKING]))).all();
    if (orders.length === 0) return;
    this.db.transaction((tx) => {
      for (const o of orders) {
        tx.update(billingTicketOrders).set({ status: 'event-cancelled' }).where(eq(billingTicketOrders.id, o.id)).run();
        const paid = o.status === 'held' ? '' : ` You paid ${formatMoney(o.amount, o.currency)}; the organizer will contact you about a refund.`;
        this.mail.enqueue({ accountId: o.accountId, kind: 'ticket-event-cancelled', to: o.email, dedupeKey: `ticket-event-cancelled:${o.id}`, content: {
          subject: `Cancelled: ${event.name}`, html: `<p><strong>${escapeHtml(event.name)}</strong> has been cancelled by its organizer.${escapeHtml(paid)}</p>`,
          text: `${event.name} has been cancelled by its organizer.${paid}\n`, attachments: [], headers: {},
        } }, tx);
      }
    }, { behavior: 'immediate' });
  }

  /**
   * Reconciliation: a held order whose webhook never came is re-fetched from the
   * organizer's Stripe once its hold is a few minutes old: paid → fulfilled (once),
   * expired → the seat is free again.
   */
  async reconcile(): Promise<void> {
    const stale = this.db.select().from(billingTicketOrders)
      .where(and(eq(billingTicketOrders.status, 'held'), sql`${billingTicketOrders.checkoutSessionId} is not null`, lte(billingTicketOrders.createdAt, new Date(this.now().getTime() - 5 * 60_000)))).limit(200).all();
    for (const order of stale) {
      const keys = this.keys(order.accountId);
      if (!keys) continue;
      try {
        const session = await this.gatewayFor(keys.secretKey).retrieveCheckout(order.checkoutSessionId!);
        if (session.paymentStatus === 'paid') this.db.transaction((tx) => this.fulfil(tx, order.id, 'paid', session.paymentIntentId), { behavior: 'immediate' });
        else if (session.status === 'expired') this.db.update(billingTicketOrders).set({ status: 'expired' }).where(and(eq(billingTicketOrders.id, order.id), eq(billingTicketOrders.status, 'held'))).run();
      } catch (error) {
        this.logger.warn(`ticket order ${order.id} not reconciled: ${(error as Error).message}`);
      }
    }
  }

  private keys(accountId: string): { secretKey: string; webhookSecret: string } | undefined {
    const row = this.db.select().from(billingSellerStripe).where(eq(billingSellerStripe.accountId, accountId)).get();
    return row && { secretKey: this.sealed.open(row.secretKeySealed), webhookSecret: this.sealed.open(row.webhookSecretSealed) };
  }

  private releaseExpired(tx: BillingTx, eventId: string): void {
    tx.update(billingTicketOrders).set({ status: 'expired' }).where(and(eq(billingTicketOrders.eventId, eventId), eq(billingTicketOrders.status, 'held'), lte(billingTicketOrders.holdUntil, this.now()))).run();
  }

  private taken(db: Pick<Db, 'select'>, eventId: string): number {
    const live = or(inArray(billingTicketOrders.status, ['paid', 'confirmed']), and(eq(billingTicketOrders.status, 'held'), gt(billingTicketOrders.holdUntil, this.now())));
    return Number(db.select({ n: sql<number>`count(*)` }).from(billingTicketOrders).where(and(eq(billingTicketOrders.eventId, eventId), live)).get()?.n ?? 0);
  }

  /**
   * Once per order: the conditional UPDATE on `fulfilled_at IS NULL` decides who issues
   * the token and the e-mail. A payment arriving after the hold lapsed takes a seat only
   * if one is free; otherwise it waits for the organizer (who refunds it by hand).
   */
  private fulfil(tx: BillingTx, orderId: string, status: 'paid' | 'confirmed', paymentIntentId: string | null): void {
    const order = tx.select().from(billingTicketOrders).where(eq(billingTicketOrders.id, orderId)).get();
    if (!order || order.fulfilledAt) return;
    const price = tx.select().from(billingTicketPrices).where(eq(billingTicketPrices.eventId, order.eventId)).get();
    if (order.status !== 'held' && price && this.taken(tx, order.eventId) >= price.seats) {
      tx.update(billingTicketOrders).set({ status: 'overbooked', paymentIntentId }).where(eq(billingTicketOrders.id, order.id)).run();
      return;
    }
    const now = this.now();
    const won = tx.update(billingTicketOrders).set({ status, fulfilledAt: now, paymentIntentId }).where(and(eq(billingTicketOrders.id, order.id), sql`${billingTicketOrders.fulfilledAt} is null`)).run();
    if (won.changes === 0) return;
    const event = this.events.byId(order.eventId);
    const token = randomToken();
    const tokenId = newId();
    tx.insert(eventTokens).values({ id: tokenId, eventId: order.eventId, token, label: order.email, singleUse: false, usedAt: null, participantId: null, createdAt: now }).run();
    tx.update(billingTicketOrders).set({ tokenId }).where(eq(billingTicketOrders.id, order.id)).run();
    if (event) this.mail.enqueue(this.ticketMail(event, order, token), tx);
  }

  private ticketMail(event: EventRow, order: OrderRow, token: string) {
    const link = `${this.baseUrl()}/room/${event.publicId}#token=${token}`;
    const paid = formatMoney(order.amount, order.currency);
    return {
      accountId: order.accountId, eventId: event.id, kind: 'ticket', to: order.email, dedupeKey: `ticket:${order.id}`,
      content: {
        subject: `Your ticket: ${event.name}`,
        html: `<p>Hello ${escapeHtml(order.name)},</p><p>your ticket for <strong>${escapeHtml(event.name)}</strong> (${escapeHtml(paid)}) is confirmed.</p><p><a href="${link}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">Join</a></p><p>This link is personal: do not share it.</p>`,
        text: `Hello ${order.name},\n\nyour ticket for ${event.name} (${paid}) is confirmed.\n\nJoin: ${link}\n\nThis link is personal: do not share it.\n`,
        attachments: [], headers: {},
      },
    };
  }
}

function orderOut(o: OrderRow): TicketOrderOut {
  return { id: o.id, email: o.email, name: o.name, status: o.status, currency: o.currency, amount: o.amount, checkoutUrl: o.status === 'held' ? o.checkoutUrl : null, createdAt: o.createdAt.toISOString(), fulfilledAt: o.fulfilledAt?.toISOString() ?? null };
}
