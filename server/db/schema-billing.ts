import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns.ts';

/**
 * Billing records (BILL-*). Every table is named `billing_*` so erasure (GDPR) can tell
 * them apart: they are kept for legal claims. Money is integer minor units.
 */

/** One row per account: the billing engine's state (shared/billing/engine.ts) as JSON, plus what queries need. */
export const billingAccounts = sqliteTable('billing_accounts', {
  accountId: text('account_id').primaryKey(),
  status: text('status').notNull(),
  state: text('state', { mode: 'json' }).notNull(),
  timeZone: text('time_zone').notNull(),
  country: text('country').notNull(),
  vatId: text('vat_id'),
  /** The buyer's name and address as printed on invoices (a company's legal name for reverse charge). */
  buyerName: text('buyer_name'),
  buyerAddress: text('buyer_address'),
  gatewayCustomerId: text('gateway_customer_id'),
  updatedAt: timestamp('updated_at').notNull(),
});

/** A charge: what the engine decided, with VAT, its invoice number once paid, and its gateway invoice. */
export const billingCharges = sqliteTable('billing_charges', {
  id: id(),
  accountId: text('account_id').notNull(),
  kind: text('kind').notNull(),
  /** open → paid | failed; paid never goes back (webhooks only move states forward). */
  status: text('status').notNull(),
  currency: text('currency').notNull(),
  net: integer('net').notNull(),
  tax: integer('tax').notNull(),
  total: integer('total').notNull(),
  taxRateBp: integer('tax_rate_bp').notNull(),
  reverseCharge: integer('reverse_charge', { mode: 'boolean' }).notNull(),
  taxNote: text('tax_note').notNull(),
  lines: text('lines', { mode: 'json' }).notNull(),
  serviceFrom: text('service_from').notNull(),
  serviceUntil: text('service_until').notNull(),
  number: text('number'),
  gatewayInvoiceId: text('gateway_invoice_id'),
  /** The PaymentIntent that paid the invoice: refunds and refund webhooks are matched by it. */
  gatewayPaymentRef: text('gateway_payment_ref'),
  /** Refunded so far, minor units (a partial refund keeps the charge paid). */
  refunded: integer('refunded').notNull().default(0),
  /** Stripe's hosted invoice page, when Stripe issued one. */
  hostedUrl: text('hosted_url'),
  failure: text('failure'),
  /** Part of the total paid from the prepaid balance (BILL-8 usage charges); the card pays the rest. */
  balancePaid: integer('balance_paid').notNull().default(0),
  /** Dunning: the retry attempt a job asked for and the collector has not made yet (null: none waiting). */
  retryDue: integer('retry_due'),
  /** Dunning: retries made so far. */
  retries: integer('retries').notNull().default(0),
  createdAt: createdAt(),
  paidAt: timestamp('paid_at'),
}, (t) => [index('billing_charges_account_idx').on(t.accountId), index('billing_charges_gateway_idx').on(t.gatewayInvoiceId), index('billing_charges_status_idx').on(t.status), uniqueIndex('billing_charges_number_idx').on(t.number)]);

/** Stripe event ids already applied: written in the transaction of their effect, so a redelivery does nothing. */
export const billingWebhookEvents = sqliteTable('billing_webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at').notNull(),
});

/** Invoice numbers per seller and year (BILL-7): FV/2026/000001. */
export const billingInvoiceCounters = sqliteTable('billing_invoice_counters', {
  key: text('key').primaryKey(),
  last: integer('last').notNull(),
});

/** Prepaid balance (BILL-8), append-only: the balance is the sum; `(kind, ref)` counts each top-up or usage once. */
export const billingBalanceEntries = sqliteTable('billing_balance_entries', {
  id: id(),
  accountId: text('account_id').notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  kind: text('kind').notNull(),
  ref: text('ref').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('billing_balance_ref_idx').on(t.kind, t.ref)]);

/**
 * Legacy: billing's jobs before they joined the shared `jobs` loop. Kept so a database
 * from that time is drained at start-up (pending rows move to `jobs` and become `moved`);
 * nothing writes new rows here.
 */
export const billingJobs = sqliteTable('billing_jobs', {
  id: id(),
  kind: text('kind').notNull(),
  accountId: text('account_id').notNull(),
  runAt: timestamp('run_at').notNull(),
  status: text('status').notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('billing_jobs_dedupe_idx').on(t.dedupeKey), index('billing_jobs_due_idx').on(t.status, t.runAt)]);

/** Promo codes the operator issues (BILL-3: a downgrade cancels them). `periods` null: the code lasts while the plan does. */
export const billingPromoCodes = sqliteTable('billing_promo_codes', {
  code: text('code').primaryKey(),
  percentOff: integer('percent_off').notNull(),
  periods: integer('periods'),
  createdAt: createdAt(),
});

/** An organizer's own Stripe account for ticket sales (PAID-1): restricted key and webhook secret, sealed with AES-GCM. */
export const billingSellerStripe = sqliteTable('billing_seller_stripe', {
  accountId: text('account_id').primaryKey(),
  secretKeySealed: text('secret_key_sealed').notNull(),
  webhookSecretSealed: text('webhook_secret_sealed').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** The ticket price and seats of a paid event; the server reads the price from here, never from the buyer. */
export const billingTicketPrices = sqliteTable('billing_ticket_prices', {
  eventId: text('event_id').primaryKey(),
  accountId: text('account_id').notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  seats: integer('seats').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * A ticket order (PAID-2, PAID-3): `held` holds a seat until `hold_until` (the Checkout
 * session's expiry); `fulfilled_at` is set once, by whichever of the success page and the
 * webhook comes first, and only that one issues the token and the e-mail.
 */
export const billingTicketOrders = sqliteTable('billing_ticket_orders', {
  id: id(),
  eventId: text('event_id').notNull(),
  accountId: text('account_id').notNull(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  checkoutSessionId: text('checkout_session_id'),
  checkoutUrl: text('checkout_url'),
  paymentIntentId: text('payment_intent_id'),
  holdUntil: timestamp('hold_until').notNull(),
  fulfilledAt: timestamp('fulfilled_at'),
  tokenId: text('token_id'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('billing_ticket_orders_session_idx').on(t.checkoutSessionId), index('billing_ticket_orders_event_idx').on(t.eventId, t.status)]);

/** Partners (TERMS-1): an account that earns `rate_bp` of each paid charge, net of VAT, of the accounts it referred. */
export const billingPartners = sqliteTable('billing_partners', {
  id: id(),
  accountId: text('account_id').notNull(),
  code: text('code').notNull(),
  rateBp: integer('rate_bp').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('billing_partners_account_idx').on(t.accountId), uniqueIndex('billing_partners_code_idx').on(t.code)]);

/** Which partner brought an account: written once at sign-up from the referral cookie (last click wins). */
export const billingReferrals = sqliteTable('billing_referrals', {
  accountId: text('account_id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  signedUpAt: timestamp('signed_up_at').notNull(),
});

/**
 * The commission ledger, append-only: an accrual per paid charge, a reversal per refund
 * or dispute, a clawback when the accrual was paid out already. `(kind, source_ref)` is
 * unique, so a redelivered webhook adds nothing.
 */
export const billingCommissions = sqliteTable('billing_commissions', {
  id: id(),
  partnerId: text('partner_id').notNull(),
  chargeId: text('charge_id').notNull(),
  kind: text('kind').notNull(),
  sourceRef: text('source_ref').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  payoutId: text('payout_id'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('billing_commissions_source_idx').on(t.kind, t.sourceRef), index('billing_commissions_partner_idx').on(t.partnerId)]);

/** A monthly payout the operator makes by hand (bank transfer) and then confirms. */
export const billingPayouts = sqliteTable('billing_payouts', {
  id: id(),
  partnerId: text('partner_id').notNull(),
  period: text('period').notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  status: text('status').notNull(),
  createdAt: createdAt(),
  paidAt: timestamp('paid_at'),
}, (t) => [uniqueIndex('billing_payouts_period_idx').on(t.partnerId, t.period, t.currency)]);

/**
 * Sub-accounts (ACC-2, ACC-3): an account of its own (files, recordings, data) that a
 * main account created, pays for and may enter. `invited` until the invitee sets a
 * password through the activation link; `cancelling` until `delete_at`, then purged.
 */
export const billingSubAccounts = sqliteTable('billing_sub_accounts', {
  accountId: text('account_id').primaryKey(),
  parentAccountId: text('parent_account_id').notNull(),
  status: text('status').notNull(),
  activationHash: text('activation_hash'),
  deleteAt: timestamp('delete_at'),
  createdAt: createdAt(),
}, (t) => [index('billing_sub_accounts_parent_idx').on(t.parentAccountId)]);

/** Who of a main account logged into which sub-account, when, and with which session (the "acting as" bar reads it). */
export const billingSubAccountAudit = sqliteTable('billing_sub_account_audit', {
  id: id(),
  parentAccountId: text('parent_account_id').notNull(),
  parentUserId: text('parent_user_id').notNull(),
  subAccountId: text('sub_account_id').notNull(),
  sessionHash: text('session_hash').notNull(),
  action: text('action').notNull(),
  at: timestamp('at').notNull(),
}, (t) => [index('billing_sub_account_audit_session_idx').on(t.sessionHash)]);

/**
 * A top-up of the prepaid balance (BILL-8) through Checkout in payment mode: `open` until
 * Stripe reports the session paid (webhook, or the reconciliation job re-fetching it),
 * then `paid` once, with its balance entry in the same transaction; `expired` otherwise.
 */
export const billingTopups = sqliteTable('billing_topups', {
  id: id(),
  accountId: text('account_id').notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  status: text('status').notNull(),
  checkoutSessionId: text('checkout_session_id'),
  checkoutUrl: text('checkout_url'),
  createdAt: createdAt(),
  paidAt: timestamp('paid_at'),
}, (t) => [index('billing_topups_account_idx').on(t.accountId), uniqueIndex('billing_topups_session_idx').on(t.checkoutSessionId)]);
