import { subjectOfState } from './account-limits.ts';
import { isoDay } from '../../shared/billing/calendar.ts';
import type { BillingState } from '../../shared/billing/engine.ts';
import type { BillingSummaryOut, InvoiceOut } from '../../shared/billing-schemas.ts';
import { ADDON_KINDS, PAID_PLAN_IDS, PLANS, addonUnitPrice, isPaidPlan, limitsFor, planPrice } from '../../shared/plans.ts';
import type { AccountRow, BillingStore, ChargeRow } from './billing-store.ts';

/** What the dashboard says when the server has no Stripe keys (issue 13 §4). */
export const HOW_TO_CONNECT_STRIPE =
  'Set STRIPE_SECRET_KEY (a secret or restricted key from the Stripe dashboard) and STRIPE_WEBHOOK_SECRET ' +
  '(the signing secret of a webhook endpoint pointing at /api/v1/webhooks/stripe, with the events invoice.paid, ' +
  'invoice.payment_failed, invoice.voided, invoice.marked_uncollectible, checkout.session.completed, ' +
  'checkout.session.async_payment_succeeded, checkout.session.expired, charge.refunded and charge.dispute.created), then restart the server. ' +
  'Until then the operator assigns plans by hand.';

export function invoiceOut(c: ChargeRow): InvoiceOut {
  return {
    id: c.id, number: c.number, kind: c.kind, status: c.status, currency: c.currency, net: c.net, tax: c.tax, total: c.total,
    createdAt: c.createdAt.toISOString(), paidAt: c.paidAt?.toISOString() ?? null, pdfUrl: `/api/v1/billing/invoices/${c.id}/pdf`, hostedUrl: c.hostedUrl,
  };
}


export function summaryOf(row: AccountRow, store: BillingStore, paymentsConfigured: boolean, now: Date): BillingSummaryOut {
  const s = row.state as BillingState;
  const priceCurrency = s.currency;
  const pricingPlan = isPaidPlan(s.plan) ? s.plan : 'webinar-50';
  return {
    status: s.status,
    plan: s.plan,
    interval: s.interval,
    currency: s.currency,
    everPaid: s.everPaid,
    hasPaymentMethod: s.hasPaymentMethod,
    trialEnds: s.trialEnds === null ? null : isoDay(s.trialEnds),
    periodStart: s.periodStart === null ? null : isoDay(s.periodStart),
    periodEnd: s.nextStart === null ? null : isoDay(s.nextStart - 1),
    addons: { ...s.addons } as Record<string, number>,
    pending: s.pending && { plan: s.pending.plan, interval: s.pending.interval, addons: { ...s.pending.addons } as Record<string, number>, from: s.nextStart === null ? null : isoDay(s.nextStart) },
    promo: s.promo && { ...s.promo },
    suspendedOn: s.suspendedOn === null ? null : isoDay(s.suspendedOn),
    resumeBy: s.resumeBy === null ? null : isoDay(s.resumeBy),
    credit: s.credit,
    balance: store.balance(row.accountId, s.currency),
    payments: { provider: paymentsConfigured ? 'stripe' : 'none', howToConnect: paymentsConfigured ? null : HOW_TO_CONNECT_STRIPE },
    prices: PAID_PLAN_IDS.map((plan) => ({ plan, label: PLANS[plan].label, maxAttendees: PLANS[plan].limits.maxAttendees, month: planPrice(plan, priceCurrency, 'month'), year: planPrice(plan, priceCurrency, 'year') })),
    addonPrices: ADDON_KINDS.map((kind) => ({ kind, month: addonUnitPrice(kind, pricingPlan, priceCurrency, 'month'), year: addonUnitPrice(kind, pricingPlan, priceCurrency, 'year') })),
    invoices: store.charges(row.accountId).map(invoiceOut),
    profile: { buyerName: row.buyerName, buyerAddress: row.buyerAddress, country: row.country, vatId: row.vatId, timeZone: row.timeZone },
    limits: { ...limitsFor(subjectOfState(s, row.timeZone), now) },
  };
}
