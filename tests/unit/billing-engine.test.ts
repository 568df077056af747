import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayIn, dayOf, nextPeriodStart, startOfDay } from '../../shared/billing/calendar.ts';
import { dailyPieces, prorate } from '../../shared/billing/proration.ts';
import { BillingRefusal, allocateUsage, daysLeft, transition, trialState, type BillingState } from '../../shared/billing/engine.ts';
import { taxFor, vatOn } from '../../shared/billing/tax.ts';
import { PAID_PLAN_IDS, PAUSED_LIMITS, PLANS, addonUnitPrice, limitsFor, planPrice, servicePaused } from '../../shared/plans.ts';

const WARSAW = 'Europe/Warsaw';

function paying(plan: 'webinar-50' | 'webinar-100' = 'webinar-50', day = dayOf(2026, 11, 16), interval: 'month' | 'year' = 'month'): BillingState {
  const card = transition(trialState('PLN', dayOf(2026, 12, 31)), { type: 'add-payment-method' }, day).state;
  return transition(card, { type: 'subscribe', plan, interval, currency: 'PLN' }, day).state;
}

describe('plans and limits (BILL-1, ACC-1)', () => {
  it('yearly is exactly twelve months less 20% in every currency', () => {
    for (const plan of PAID_PLAN_IDS) for (const c of ['PLN', 'EUR', 'USD'] as const) {
      expect(planPrice(plan, c, 'year')).toBe(PLANS[plan].monthly![c] * 12 * 0.8);
      expect(Number.isInteger(planPrice(plan, c, 'year'))).toBe(true);
    }
  });
  it('the trial keeps the ACC-1 limits and add-ons raise a paid plan, video capped at 7', () => {
    expect(limitsFor('trial')).toMatchObject({ maxAttendees: 25, maxAttendeesInDiscussion: 5, maxPresenters: 2, maxVideoStreams: 4, recordingMinutes: 30, storageMegabytes: 64 });
    const l = limitsFor({ plan: 'webinar-100', addons: { videoStreams: 9, parallelSessions: 2 } });
    expect(l.maxVideoStreams).toBe(7);
    expect(l.parallelEvents).toBe(3);
  });
  it('a scheduled downgrade applies only from its date', () => {
    const subject = { plan: 'webinar-250' as const, pendingPlan: 'webinar-50' as const, pendingFrom: new Date('2026-12-16T00:00:00Z') };
    expect(limitsFor(subject, new Date('2026-12-15T12:00:00Z')).maxAttendees).toBe(250);
    expect(limitsFor(subject, new Date('2026-12-16T00:00:00Z')).maxAttendees).toBe(50);
  });
  it('a suspended or expired account runs nothing (every limit 0) and has its plan\'s limits again when active or cancelling', () => {
    const subject = { plan: 'webinar-250' as const, addons: { parallelSessions: 2, storage: 1 } };
    for (const status of ['suspended', 'expired']) {
      const l = limitsFor({ ...subject, status });
      expect(l).toEqual(PAUSED_LIMITS);
      expect(servicePaused(l)).toBe(true);
    }
    for (const status of ['trial', 'active', 'cancelling', null]) {
      const l = limitsFor({ ...subject, status });
      expect(l).toMatchObject({ maxAttendees: 250, parallelEvents: 3, storageMegabytes: 5_120 + 10_240 });
      expect(servicePaused(l)).toBe(false);
    }
    // The trial that ran out is expired: nothing runs either; the operator's self-hosted plan is never paused by itself.
    expect(servicePaused(limitsFor({ plan: 'trial', status: 'expired' }))).toBe(true);
    expect(servicePaused(limitsFor('self-hosted'))).toBe(false);
  });
  it('parallel sessions cost more on a bigger plan', () => {
    expect(addonUnitPrice('parallelSessions', 'webinar-250', 'PLN', 'month')).toBeGreaterThan(addonUnitPrice('parallelSessions', 'webinar-50', 'PLN', 'month'));
  });
});

describe('calendar', () => {
  it('a period anchored on the 31st ends with the short months and comes back to the 31st', () => {
    const jan31 = dayOf(2027, 1, 31);
    const feb = nextPeriodStart(jan31, 31, 'month');
    expect(feb).toBe(dayOf(2027, 2, 28));
    expect(nextPeriodStart(feb, 31, 'month')).toBe(dayOf(2027, 3, 31));
    expect(nextPeriodStart(dayOf(2028, 1, 31), 31, 'month')).toBe(dayOf(2028, 2, 29));
  });
  it('a yearly period begun on 29 February renews on 28 February, and on the 29th in a leap year', () => {
    expect(nextPeriodStart(dayOf(2028, 2, 29), 29, 'year')).toBe(dayOf(2029, 2, 28));
    expect(nextPeriodStart(dayOf(2031, 2, 28), 29, 'year')).toBe(dayOf(2032, 2, 29));
  });
  it('both DST changes in Europe/Warsaw keep whole days: local midnight and day counts', () => {
    // Spring forward on 28 March 2027, fall back on 31 October 2027.
    const mar27 = startOfDay(dayOf(2027, 3, 27), WARSAW);
    const mar29 = startOfDay(dayOf(2027, 3, 29), WARSAW);
    expect(mar27.toISOString()).toBe('2027-03-26T23:00:00.000Z');
    expect(mar29.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfDay(dayOf(2027, 11, 1), WARSAW).toISOString()).toBe('2027-10-31T23:00:00.000Z');
    // 23:30 local on the DST day is still that day.
    expect(dayIn(new Date('2027-03-28T21:30:00Z'), WARSAW)).toBe(dayOf(2027, 3, 28));
    expect(dayIn(new Date('2027-10-31T22:30:00Z'), WARSAW)).toBe(dayOf(2027, 10, 31));
    // A period over each change is charged by days, not hours.
    const s = paying('webinar-50', dayOf(2027, 3, 15));
    expect(daysLeft(s, dayOf(2027, 3, 29))).toEqual({ days: 17, periodDays: 31 });
    const o = paying('webinar-50', dayOf(2027, 10, 15));
    expect(daysLeft(o, dayOf(2027, 11, 1))).toEqual({ days: 14, periodDays: 31 });
  });
});

describe('proration by days', () => {
  it('the spec example: period ends on the 15th, bought on the 23rd → 23rd..15th (23 of 30 days)', () => {
    const s = paying('webinar-50', dayOf(2026, 11, 16));
    const t = transition(s, { type: 'set-addon', kind: 'videoStreams', quantity: 1 }, dayOf(2026, 11, 23));
    expect(t.charge!.lines[0]).toMatchObject({ days: 23, periodDays: 30, net: prorate(4_000, 23, 30) });
    expect(t.charge!.net).toBe(3_067);
    expect(t.charge!.servicePeriod.until).toBe(dayOf(2026, 12, 16));
  });
  it('upgrade after a 100%-off period charges the full remaining price, not a credit for money never paid', () => {
    const trial = transition(trialState('PLN', null), { type: 'add-payment-method' }, 0).state;
    const withPromo = transition(trial, { type: 'apply-promo', promo: { code: 'FREE1', percentOff: 100, periodsLeft: 1 } }, 0).state;
    const s = transition(withPromo, { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' }, dayOf(2026, 11, 16));
    expect(s.charge!.net).toBe(0);
    const up = transition(s.state, { type: 'change-plan', plan: 'webinar-100', interval: 'month' }, dayOf(2026, 11, 26));
    expect(up.charge!.net).toBe(prorate(19_900, 20, 30));
  });
  it('two upgrades in one period: the second credits the first one\'s new price', () => {
    const s = paying('webinar-50', dayOf(2026, 11, 16));
    const a = transition(s, { type: 'change-plan', plan: 'webinar-100', interval: 'month' }, dayOf(2026, 11, 21));
    expect(a.charge!.net).toBe(prorate(19_900, 25, 30) - prorate(12_500, 25, 30));
    const b = transition(a.state, { type: 'change-plan', plan: 'webinar-250', interval: 'month' }, dayOf(2026, 12, 1));
    expect(b.charge!.net).toBe(prorate(44_900, 15, 30) - prorate(19_900, 15, 30));
    // Same day: the two together cost exactly what one upgrade would.
    const c = transition(a.state, { type: 'change-plan', plan: 'webinar-250', interval: 'month' }, dayOf(2026, 11, 21));
    const direct = transition(s, { type: 'change-plan', plan: 'webinar-250', interval: 'month' }, dayOf(2026, 11, 21));
    expect(a.charge!.net + c.charge!.net).toBe(direct.charge!.net);
  });
  it('monthly → yearly starts a yearly period today, less the unused monthly days', () => {
    const s = paying('webinar-50', dayOf(2026, 11, 16));
    const t = transition(s, { type: 'change-plan', plan: 'webinar-50', interval: 'year' }, dayOf(2026, 12, 1));
    expect(t.charge!.net).toBe(planPrice('webinar-50', 'PLN', 'year') - prorate(12_500, 15, 30));
    expect(t.state.periodStart).toBe(dayOf(2026, 12, 1));
    expect(t.state.nextStart).toBe(dayOf(2027, 12, 1));
  });
  it('a paid account can never go back to the trial', () => {
    expect(() => transition(paying(), { type: 'change-plan', plan: 'trial', interval: 'month' }, dayOf(2026, 11, 20))).toThrow(BillingRefusal);
  });
  it('property: no charge is negative and daily pieces add up to the price within one unit a day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 366 }), fc.integer({ min: 0, max: 400 }), (amount, periodDays, days) => {
      const p = prorate(amount, days, periodDays);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(amount);
      const sum = dailyPieces(amount, periodDays).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - amount)).toBeLessThanOrEqual(periodDays);
    }));
  });
  it('property: any sequence of commands never yields a negative charge nor returns a paid account to the trial', () => {
    const command = fc.oneof(
      fc.record({ type: fc.constant('change-plan' as const), plan: fc.constantFrom(...PAID_PLAN_IDS, 'trial' as const), interval: fc.constantFrom('month' as const, 'year' as const) }),
      fc.record({ type: fc.constant('set-addon' as const), kind: fc.constantFrom('parallelSessions' as const, 'videoStreams' as const, 'storage' as const), quantity: fc.integer({ min: 0, max: 3 }) }),
      fc.constantFrom({ type: 'suspend' as const }, { type: 'resume' as const }, { type: 'cancel' as const }, { type: 'period-end' as const }),
    );
    fc.assert(fc.property(fc.array(fc.tuple(command, fc.integer({ min: 0, max: 40 })), { maxLength: 25 }), (steps) => {
      let state = paying();
      let day = dayOf(2026, 11, 16);
      for (const [cmd, advance] of steps) {
        day += advance;
        try {
          const t = transition(state, cmd, day);
          if (t.charge) expect(t.charge.net).toBeGreaterThanOrEqual(0);
          state = t.state;
        } catch (e) {
          if (!(e instanceof BillingRefusal)) throw e;
        }
        expect(state.status).not.toBe('trial');
        if (state.status === 'suspended') expect(day - state.suspendedOn!).toBeLessThanOrEqual(400);
      }
    }), { numRuns: 200 });
  });
});

describe('balance and VAT', () => {
  it('reverse charge needs a VAT id of valid format from the buyer\'s own country', () => {
    const at = new Date('2026-11-16T12:00:00Z');
    expect(taxFor('PL', { country: 'DE', vatId: 'DE136695976' }, at)).toMatchObject({ rateBp: 0, reverseCharge: true });
    // A valid French id on a German buyer: not a German business, so the seller's rate.
    expect(taxFor('PL', { country: 'DE', vatId: 'FR40303265045' }, at)).toMatchObject({ rateBp: 2300, reverseCharge: false });
    expect(taxFor('PL', { country: 'FR', vatId: 'FR40303265045' }, at)).toMatchObject({ rateBp: 0, reverseCharge: true });
  });
  it('usage comes from the balance first, the rest from the card', () => {
    expect(allocateUsage(1_000, 300)).toEqual({ fromBalance: 300, toCard: 700 });
    expect(allocateUsage(200, 300)).toEqual({ fromBalance: 200, toCard: 0 });
  });
  it('VAT: domestic 23%, EU business with a valid VAT id reverse-charged, outside the EU out of scope, dated rates', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(taxFor('PL', { country: 'PL' }, at).rateBp).toBe(2300);
    expect(taxFor('PL', { country: 'DE', vatId: 'DE136695976' }, at)).toMatchObject({ rateBp: 0, reverseCharge: true });
    expect(taxFor('PL', { country: 'DE', vatId: 'DE000000000' }, at).reverseCharge).toBe(false);
    expect(taxFor('PL', { country: 'US' }, at).rateBp).toBe(0);
    expect(taxFor('SK', { country: 'SK' }, new Date('2024-06-01')).rateBp).toBe(2000);
    expect(taxFor('SK', { country: 'SK' }, at).rateBp).toBe(2300);
    expect(vatOn(12_500, 2300)).toBe(2_875);
  });
});
