import * as v from 'valibot';
import { ADDON_KINDS, CURRENCIES, INTERVALS, MAX_ADDON_QUANTITY, PAID_PLAN_IDS, PLAN_IDS } from './plans.ts';

/**
 * REST bodies and answers of the plan page (issue 13). A client names a plan, an
 * interval, an add-on and a quantity; it never sends an amount: the server decides
 * every price from `shared/plans.ts` and the engine.
 */
const Plan = v.picklist(PLAN_IDS, 'Choose one of the plans.');
const PaidPlan = v.picklist(PAID_PLAN_IDS, 'Choose one of the paid plans.');
const Interval = v.picklist(INTERVALS, 'Choose month or year.');
const Quantity = v.pipe(v.number('The quantity must be a number.'), v.integer('The quantity must be a whole number.'), v.minValue(0, 'The quantity cannot be negative.'), v.maxValue(MAX_ADDON_QUANTITY, `At most ${MAX_ADDON_QUANTITY}.`));

export const BillingCommandBody = v.variant('type', [
  v.strictObject({ type: v.literal('subscribe'), plan: PaidPlan, interval: Interval, currency: v.picklist(CURRENCIES, 'Choose PLN, EUR or USD.') }),
  v.strictObject({ type: v.literal('change-plan'), plan: Plan, interval: Interval }),
  v.strictObject({ type: v.literal('set-addon'), kind: v.picklist(ADDON_KINDS, 'Choose an add-on.'), quantity: Quantity }),
  v.strictObject({ type: v.literal('apply-promo'), code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9-]{2,32}$/, 'A promo code has 2 to 32 letters, digits or dashes.')) }),
  v.strictObject({ type: v.literal('cancel') }),
  v.strictObject({ type: v.literal('undo-cancel') }),
  v.strictObject({ type: v.literal('suspend') }),
  v.strictObject({ type: v.literal('resume') }),
], 'Unknown command.');
export type BillingCommandBody = v.InferOutput<typeof BillingCommandBody>;

export const BillingProfileBody = v.strictObject({
  buyerName: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the name for invoices.'), v.maxLength(200)),
  buyerAddress: v.pipe(v.string(), v.trim(), v.maxLength(500)),
  country: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as PL.')),
  vatId: v.nullable(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/, 'A VAT id starts with the country code, e.g. DE136695976.'))),
  timeZone: v.pipe(v.string(), v.check((z) => { try { new Intl.DateTimeFormat('en', { timeZone: z }); return true; } catch { return false; } }, 'Unknown time zone.')),
});
export type BillingProfileBody = v.InferOutput<typeof BillingProfileBody>;

export const PromoCodeBody = v.strictObject({
  code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9-]{2,32}$/, 'A promo code has 2 to 32 letters, digits or dashes.')),
  percentOff: v.pipe(v.number(), v.integer(), v.minValue(1, 'At least 1%.'), v.maxValue(100, 'At most 100%.')),
  periods: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36))),
});

export const OperatorPlanBody = v.strictObject({ plan: Plan });

const Line = v.object({ code: v.string(), description: v.string(), quantity: v.number(), net: v.number(), days: v.optional(v.number()), periodDays: v.optional(v.number()) });

export const ChargePreviewOut = v.object({
  kind: v.string(),
  currency: v.string(),
  lines: v.array(Line),
  net: v.number(),
  taxRateBp: v.number(),
  tax: v.number(),
  total: v.number(),
  reverseCharge: v.boolean(),
  taxNote: v.string(),
  serviceFrom: v.string(),
  serviceUntil: v.string(),
});
export type ChargePreviewOut = v.InferOutput<typeof ChargePreviewOut>;

export const InvoiceOut = v.object({
  id: v.string(),
  number: v.nullable(v.string()),
  kind: v.string(),
  status: v.string(),
  currency: v.string(),
  net: v.number(),
  tax: v.number(),
  total: v.number(),
  createdAt: v.string(),
  paidAt: v.nullable(v.string()),
  pdfUrl: v.string(),
  hostedUrl: v.nullable(v.string()),
});
export type InvoiceOut = v.InferOutput<typeof InvoiceOut>;

const PriceOut = v.object({ plan: v.string(), label: v.string(), maxAttendees: v.number(), month: v.number(), year: v.number() });
const AddonPriceOut = v.object({ kind: v.string(), month: v.number(), year: v.number() });

export const BillingSummaryOut = v.object({
  status: v.string(),
  plan: v.string(),
  interval: v.string(),
  currency: v.string(),
  everPaid: v.boolean(),
  hasPaymentMethod: v.boolean(),
  trialEnds: v.nullable(v.string()),
  periodStart: v.nullable(v.string()),
  /** The paid period's last day (service lasts through it). */
  periodEnd: v.nullable(v.string()),
  addons: v.record(v.string(), v.number()),
  pending: v.nullable(v.object({ plan: v.string(), interval: v.string(), addons: v.record(v.string(), v.number()), from: v.nullable(v.string()) })),
  promo: v.nullable(v.object({ code: v.string(), percentOff: v.number(), periodsLeft: v.nullable(v.number()) })),
  suspendedOn: v.nullable(v.string()),
  resumeBy: v.nullable(v.string()),
  credit: v.number(),
  balance: v.number(),
  payments: v.object({ provider: v.picklist(['stripe', 'none']), howToConnect: v.nullable(v.string()) }),
  prices: v.array(PriceOut),
  addonPrices: v.array(AddonPriceOut),
  invoices: v.array(InvoiceOut),
  profile: v.object({ buyerName: v.nullable(v.string()), buyerAddress: v.nullable(v.string()), country: v.string(), vatId: v.nullable(v.string()), timeZone: v.string() }),
  limits: v.record(v.string(), v.union([v.number(), v.boolean()])),
});
export type BillingSummaryOut = v.InferOutput<typeof BillingSummaryOut>;

export const CommandOut = v.object({ note: v.string(), charge: v.nullable(InvoiceOut), summary: BillingSummaryOut });
export type CommandOut = v.InferOutput<typeof CommandOut>;

export const RedirectOut = v.object({ url: v.string() });

// ---- Prepaid balance (BILL-8) ----

/** A top-up's amount in the account's currency, minor units: the server picks the currency and checks the range. */
export const TOPUP_MIN = { PLN: 2_000, EUR: 500, USD: 500 } as const;
export const TOPUP_MAX = { PLN: 2_000_000, EUR: 500_000, USD: 500_000 } as const;
export const TopupBody = v.strictObject({
  amount: v.pipe(v.number('The amount is a number of minor units, e.g. 10000 for 100.00.'), v.integer('The amount is in minor units (grosze, cents): a whole number.'), v.minValue(1, 'The amount must be above zero.'), v.maxValue(2_000_000, 'That is more than one top-up may be.')),
});
export const TopupOut = v.object({ id: v.string(), status: v.string(), currency: v.string(), amount: v.number(), url: v.nullable(v.string()), createdAt: v.string(), paidAt: v.nullable(v.string()) });
export type TopupOut = v.InferOutput<typeof TopupOut>;
export const BalanceOut = v.object({
  currency: v.string(),
  balance: v.number(),
  min: v.number(),
  max: v.number(),
  topups: v.array(TopupOut),
  entries: v.array(v.object({ kind: v.string(), amount: v.number(), ref: v.string(), createdAt: v.string() })),
});
export type BalanceOut = v.InferOutput<typeof BalanceOut>;

export const OperatorAccountsOut = v.object({
  accounts: v.array(v.object({ id: v.string(), name: v.string(), email: v.nullable(v.string()), plan: v.string(), status: v.string(), createdAt: v.string() })),
});
export type OperatorAccountsOut = v.InferOutput<typeof OperatorAccountsOut>;
