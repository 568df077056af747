import * as v from 'valibot';

/**
 * Paid webinars (PAID-1..3): ticket prices per currency, in minor units. The maxima are
 * PAID-1's; the minima are Stripe's smallest charge per currency (docs.stripe.com/currencies),
 * and for RUB, ILS and PHP, which that table does not list, about half a US dollar.
 */
export const TICKET_CURRENCIES = ['USD', 'EUR', 'GBP', 'PLN', 'RUB', 'AUD', 'CAD', 'CZK', 'DKK', 'HKD', 'ILS', 'MXN', 'NOK', 'NZD', 'PHP', 'SGD', 'SEK', 'CHF', 'THB'] as const;
export type TicketCurrency = (typeof TICKET_CURRENCIES)[number];

const major = (n: number) => n * 100;
export const TICKET_MAX: Readonly<Record<TicketCurrency, number>> = {
  USD: major(1000), EUR: major(1000), GBP: major(1000), PLN: major(4000), RUB: major(100_000), AUD: major(1500), CAD: major(1500), CZK: major(23_000), DKK: major(6500),
  HKD: major(10_000), ILS: major(37_000), MXN: major(20_000), NOK: major(8500), NZD: major(1500), PHP: major(53_000), SGD: major(1400), SEK: major(9000), CHF: major(1000), THB: major(33_000),
};
export const TICKET_MIN: Readonly<Record<TicketCurrency, number>> = {
  USD: 50, EUR: 50, GBP: 30, PLN: 200, RUB: 5000, AUD: 50, CAD: 50, CZK: 1500, DKK: 250, HKD: 400, ILS: 200, MXN: 1000, NOK: 300, NZD: 50, PHP: 3000, SGD: 50, SEK: 300, CHF: 50, THB: 1000,
};

/** A seat is held this long while the buyer is on Stripe's page (Checkout's shortest expiry is 30 minutes). */
export const HOLD_MINUTES = 30;

export const TicketPriceBody = v.pipe(
  v.strictObject({
    currency: v.picklist(TICKET_CURRENCIES, 'Choose a currency Stripe can charge.'),
    amount: v.pipe(v.number('The price is a number of minor units, e.g. 4900 for 49.00.'), v.integer('The price is in minor units (grosze, cents): a whole number.'), v.minValue(1, 'The price must be above zero.')),
    seats: v.pipe(v.number(), v.integer(), v.minValue(1, 'At least one seat.'), v.maxValue(100_000, 'At most 100 000 seats.')),
  }),
  v.forward(v.check((b) => b.amount <= TICKET_MAX[b.currency], 'This price is above the maximum for the currency (PAID-1).'), ['amount']),
  v.forward(v.check((b) => b.amount >= TICKET_MIN[b.currency], 'This price is below Stripe\'s minimum charge for the currency.'), ['amount']),
);
export type TicketPriceBody = v.InferOutput<typeof TicketPriceBody>;

export const SellerStripeBody = v.strictObject({
  secretKey: v.pipe(v.string(), v.trim(), v.regex(/^(rk|sk)_(test|live)_[A-Za-z0-9_]{4,200}$/, 'Paste a restricted key (rk_live_…) from your Stripe dashboard.')),
  webhookSecret: v.pipe(v.string(), v.trim(), v.regex(/^whsec_[A-Za-z0-9_]{4,200}$/, 'Paste the webhook signing secret (whsec_…).')),
});

export const TicketCheckoutBody = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('Enter a valid e-mail address.')),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter your name.'), v.maxLength(100)),
});

export const TicketOrderOut = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  status: v.string(),
  currency: v.string(),
  amount: v.number(),
  checkoutUrl: v.nullable(v.string()),
  createdAt: v.string(),
  fulfilledAt: v.nullable(v.string()),
});
export type TicketOrderOut = v.InferOutput<typeof TicketOrderOut>;

export const TicketSalesOut = v.object({
  price: v.nullable(v.object({ currency: v.string(), amount: v.number(), seats: v.number() })),
  seatsTaken: v.number(),
  orders: v.array(TicketOrderOut),
  webhookUrl: v.string(),
  stripeConnected: v.boolean(),
});
export type TicketSalesOut = v.InferOutput<typeof TicketSalesOut>;
