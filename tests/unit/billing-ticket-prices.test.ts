import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { TICKET_CURRENCIES, TICKET_MAX, TICKET_MIN, TicketPriceBody } from '../../shared/billing-tickets.ts';

/** PAID-1's per-ticket maxima, in major units, exactly as SPEC.md lists them. */
const SPEC_MAX: Record<string, number> = {
  USD: 1000, EUR: 1000, GBP: 1000, PLN: 4000, RUB: 100000, AUD: 1500, CAD: 1500, CZK: 23000, DKK: 6500,
  HKD: 10000, ILS: 37000, MXN: 20000, NOK: 8500, NZD: 1500, PHP: 53000, SGD: 1400, SEK: 9000, CHF: 1000, THB: 33000,
};

const check = (currency: string, amount: number) => v.safeParse(TicketPriceBody, { currency, amount, seats: 10 });

describe('ticket prices (PAID-1): the server checks every currency', () => {
  it('sells in exactly the 19 currencies of PAID-1, each with its maximum', () => {
    expect([...TICKET_CURRENCIES].sort()).toEqual(Object.keys(SPEC_MAX).sort());
    for (const c of TICKET_CURRENCIES) expect(TICKET_MAX[c], c).toBe(SPEC_MAX[c]! * 100);
  });

  it('in every currency: the maximum and Stripe\'s minimum are accepted, one minor unit above or below is refused with a reason', () => {
    for (const c of TICKET_CURRENCIES) {
      expect(check(c, TICKET_MAX[c]).success, `${c} max`).toBe(true);
      expect(check(c, TICKET_MIN[c]).success, `${c} min`).toBe(true);
      const above = check(c, TICKET_MAX[c] + 1);
      expect(above.success, `${c} above`).toBe(false);
      expect(above.issues?.[0]?.message).toContain('above the maximum');
      const below = check(c, TICKET_MIN[c] - 1);
      expect(below.success, `${c} below`).toBe(false);
      expect(below.issues?.map((i) => i.message).join(' ')).toMatch(/minimum|above zero/);
      expect(TICKET_MIN[c]).toBeLessThan(TICKET_MAX[c]);
    }
  });

  it('refuses a fractional, zero, negative or huge amount, an unknown currency and extra fields', () => {
    for (const body of [
      { currency: 'PLN', amount: 4900.5, seats: 10 },
      { currency: 'PLN', amount: 0, seats: 10 },
      { currency: 'PLN', amount: -4900, seats: 10 },
      { currency: 'PLN', amount: Number.MAX_SAFE_INTEGER, seats: 10 },
      { currency: 'JPY', amount: 4900, seats: 10 },
      { currency: 'pln', amount: 4900, seats: 10 },
      { currency: 'PLN', amount: 4900, seats: 10, total: 1 },
    ]) expect(v.safeParse(TicketPriceBody, body).success, JSON.stringify(body)).toBe(false);
  });
});
