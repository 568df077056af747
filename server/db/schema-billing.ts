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
  createdAt: createdAt(),
  paidAt: timestamp('paid_at'),
}, (t) => [index('billing_charges_account_idx').on(t.accountId), uniqueIndex('billing_charges_number_idx').on(t.number)]);

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
