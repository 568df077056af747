/**
 * The payment boundary (issue 13 §4): our billing engine decides what is owed; a gateway
 * only keeps customers and cards, charges exactly our lines, runs Checkout for one-off
 * payments, refunds by hand, and reads back objects for webhooks. Every call carries our
 * own idempotency key, derived from our ids, so a retried job never charges twice.
 */
export interface GatewayLine { readonly description: string; readonly net: number }

export interface GatewayResult { readonly id: string; readonly idempotencyKey: string | undefined }

export interface PaymentGateway {
  readonly kind: 'stripe' | 'none';
  ensureCustomer(accountId: string, email: string, name: string): Promise<GatewayResult>;
  /**
   * Checkout in setup mode: the customer saves a card for later off-session charges.
   * `attempt` is new for each click (the key of a second card, BILL-6, must not replay the first one's session).
   */
  setupSession(accountId: string, customerId: string, successUrl: string, cancelUrl: string, attempt: string): Promise<GatewayResult & { url: string | null }>;
  /** A one-off invoice with our exact lines (VAT as its own line), finalised and charged off-session. */
  chargeOffSession(chargeId: string, customerId: string, currency: string, lines: readonly GatewayLine[]): Promise<GatewayResult & { status: string; hostedUrl: string | null; declined?: string }>;
  /** Checkout in payment mode (tickets, balance top-ups); `kind` comes back in the webhook's metadata. */
  checkout(ref: string, input: { currency: string; amount: number; description: string; successUrl: string; cancelUrl: string; expiresAt: Date; kind?: string }): Promise<GatewayResult & { url: string | null }>;
  /** Dunning: another off-session attempt on an invoice whose payment failed; `attempt` makes its own idempotency key. */
  retryPayment(chargeId: string, invoiceId: string, attempt: number): Promise<GatewayResult & { status: string }>;
  /** Dunning gave up: the unpaid invoice is voided so it can never be paid by surprise later. */
  voidInvoice(chargeId: string, invoiceId: string): Promise<GatewayResult & { status: string }>;
  /** Refunds are never automatic: only an organizer or the operator asks for one. */
  refund(refundRef: string, paymentIntentId: string, amount?: number): Promise<GatewayResult>;
  /** The invoice as the gateway sees it now (webhooks re-fetch when order matters). */
  retrieveInvoice(invoiceId: string): Promise<{ id: string; status: string | null; chargeId: string | undefined; paymentIntentId: string | null }>;
  /** A card payment as Stripe reports it now: how much of it has been refunded (refund webhooks re-fetch it). */
  retrieveCharge(chargeId: string): Promise<{ id: string; paymentIntentId: string | null; amountRefunded: number; disputed: boolean }>;
  /** A Checkout session as Stripe reports it now: ticket fulfilment and top-ups trust this, never the event payload. */
  retrieveCheckout(sessionId: string): Promise<{ id: string; ref: string | null; status: string | null; paymentStatus: string; paymentIntentId: string | null }>;
  /**
   * After Checkout in setup mode: the card it saved becomes the customer's default for
   * off-session invoices. Re-fetches the session, so a forged or stale event payload counts for nothing.
   */
  completeSetup(sessionId: string): Promise<{ accountId: string | null; customerId: string | null; complete: boolean }>;
}
