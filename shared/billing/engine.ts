/**
 * The billing engine: a pure state machine over plain data (BILL-2..6). It decides what
 * is owed and when; the server stores the state, charges what it returns through the
 * payment gateway, and schedules the boundaries as durable jobs. `today` is always a
 * calendar day in the account's zone, computed by the caller from an injected clock.
 *
 * Money rules, in one place:
 * - a period is paid in advance; its plan line carries the promo code's discount;
 * - an upgrade charges list price of the new plan minus what was actually paid for the
 *   old one, both pro rata for the days left (today included), so a discounted or free
 *   period is never credited as if full price had been paid, and a second upgrade in
 *   the same period credits the first one's new price;
 * - monthly → yearly starts a yearly period today, less the unused monthly days;
 * - a downgrade (smaller plan or yearly → monthly) waits for the period end and removes
 *   the promo code when it takes effect (BILL-3); fewer add-ons likewise;
 * - suspending keeps the unused days as a credit for the day the account comes back.
 */
import {
  ADDON_KINDS, MAX_ADDON_QUANTITY, MAX_EXTRA_VIDEO_STREAMS, addonUnitPrice, isPaidPlan, planPrice, planRank,
  type AddonKind, type AddonQuantities, type Currency, type Interval, type PaidPlanId, type PlanId,
} from '../plans.ts';
import { nextPeriodStart, ymd, type Day } from './calendar.ts';
import { prorate } from './proration.ts';

export const BILLING_STATUSES = ['trial', 'active', 'cancelling', 'suspended', 'expired'] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

/** BILL-5: a suspension lasts at most this long; then the account comes back by itself. */
export const MAX_SUSPEND_DAYS = 90;

export interface Promo {
  readonly code: string;
  readonly percentOff: number;
  /** Periods still discounted; null while the code lasts for ever. */
  readonly periodsLeft: number | null;
}

export interface BillingState {
  readonly status: BillingStatus;
  readonly plan: PlanId;
  readonly interval: Interval;
  readonly currency: Currency;
  readonly everPaid: boolean;
  readonly hasPaymentMethod: boolean;
  readonly trialEnds: Day | null;
  /** The paid period: its first day and the first day of the next one. */
  readonly periodStart: Day | null;
  readonly nextStart: Day | null;
  readonly anchorDay: number;
  /** What a whole period of the current plan was actually paid at (net), the base of an upgrade's credit. */
  readonly planPaidBasis: number;
  readonly addons: AddonQuantities;
  readonly pending: { readonly plan: PaidPlanId; readonly interval: Interval; readonly addons: AddonQuantities } | null;
  readonly promo: Promo | null;
  readonly suspendedOn: Day | null;
  readonly resumeBy: Day | null;
  /** Net value of the unused days when the account was suspended; spent on the first charge back. */
  readonly credit: number;
}

export interface ChargeLine {
  readonly code: string;
  readonly description: string;
  readonly quantity: number;
  readonly net: number;
  /** For pro-rata lines: days charged out of the period's days. */
  readonly days?: number;
  readonly periodDays?: number;
}

export const CHARGE_KINDS = ['subscription', 'upgrade', 'addon', 'renewal', 'resume', 'usage'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

export interface ChargeDraft {
  readonly kind: ChargeKind;
  readonly currency: Currency;
  readonly lines: readonly ChargeLine[];
  readonly net: number;
  readonly servicePeriod: { readonly from: Day; readonly until: Day };
}

export type BillingCommand =
  | { readonly type: 'add-payment-method' }
  | { readonly type: 'subscribe'; readonly plan: PaidPlanId; readonly interval: Interval; readonly currency: Currency }
  | { readonly type: 'change-plan'; readonly plan: PlanId; readonly interval: Interval }
  | { readonly type: 'set-addon'; readonly kind: AddonKind; readonly quantity: number }
  | { readonly type: 'apply-promo'; readonly promo: Promo }
  | { readonly type: 'cancel' }
  | { readonly type: 'undo-cancel' }
  | { readonly type: 'suspend' }
  | { readonly type: 'resume' }
  | { readonly type: 'period-end' }
  | { readonly type: 'trial-end' }
  /** Dunning gave up: the last retry of an unpaid charge failed (BILL-6: back only with a new payment method). */
  | { readonly type: 'payment-failed' };

export interface Transition {
  readonly state: BillingState;
  readonly charge: ChargeDraft | null;
  /** What happened, for the audit trail and the mails. */
  readonly note: string;
}

/** A command the state does not allow; `code` is stable for clients, `message` says why. */
export class BillingRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export function trialState(currency: Currency, trialEnds: Day | null, plan: PlanId = 'trial'): BillingState {
  return {
    status: plan === 'trial' ? 'trial' : 'active', plan, interval: 'month', currency, everPaid: false, hasPaymentMethod: false,
    trialEnds, periodStart: null, nextStart: null, anchorDay: 1, planPaidBasis: 0, addons: {}, pending: null, promo: null,
    suspendedOn: null, resumeBy: null, credit: 0,
  };
}

export function transition(state: BillingState, command: BillingCommand, today: Day): Transition {
  switch (command.type) {
    case 'add-payment-method':
      return { state: { ...state, hasPaymentMethod: true }, charge: null, note: 'payment method saved' };
    case 'subscribe':
      return subscribe(state, command.plan, command.interval, command.currency, today);
    case 'change-plan':
      return changePlan(state, command.plan, command.interval, today);
    case 'set-addon':
      return setAddon(state, command.kind, command.quantity, today);
    case 'apply-promo':
      if (command.promo.percentOff <= 0 || command.promo.percentOff > 100) throw new BillingRefusal('invalid-promo', 'A promo code takes 1 to 100 percent off.');
      return { state: { ...state, promo: command.promo }, charge: null, note: `promo ${command.promo.code} applied` };
    case 'cancel':
      requireStatus(state, ['active'], 'Only an active paid account can be cancelled.');
      return { state: { ...state, status: 'cancelling' }, charge: null, note: 'cancelled: service to the end of the paid period, no refund' };
    case 'undo-cancel':
      requireStatus(state, ['cancelling'], 'The account is not cancelling.');
      return { state: { ...state, status: 'active' }, charge: null, note: 'cancellation withdrawn' };
    case 'suspend':
      return suspend(state, today);
    case 'resume':
      return resume(state, today);
    case 'period-end':
      return periodEnd(state, today);
    case 'payment-failed':
      if (state.status !== 'active' && state.status !== 'cancelling') return { state, charge: null, note: `nothing to expire while ${state.status}` };
      return { state: { ...state, status: 'expired', hasPaymentMethod: false, periodStart: null, nextStart: null, pending: null }, charge: null, note: 'expired: the payment failed after every retry' };
    case 'trial-end':
      if (state.status !== 'trial') return { state, charge: null, note: 'not on trial' };
      return { state: { ...state, status: 'expired' }, charge: null, note: 'trial ended' };
  }
}

function requireStatus(state: BillingState, allowed: BillingStatus[], message: string): void {
  if (!allowed.includes(state.status)) throw new BillingRefusal(`not-${allowed.join('-or-')}`, message);
}

/** Days of the current period from `today` (inclusive) to its end, and the period's length. */
export function daysLeft(state: BillingState, today: Day): { days: number; periodDays: number } {
  if (state.periodStart === null || state.nextStart === null) return { days: 0, periodDays: 1 };
  const periodDays = state.nextStart - state.periodStart;
  return { days: Math.max(0, Math.min(periodDays, state.nextStart - today)), periodDays };
}

function discounted(amount: number, promo: Promo | null): number {
  if (!promo || promo.periodsLeft === 0) return amount;
  // Discount rounded half up, so the customer never pays a fraction of a grosz more than the percentage says.
  return amount - Math.floor((amount * promo.percentOff * 2 + 100) / 200);
}

function spendPromo(promo: Promo | null): Promo | null {
  if (!promo || promo.periodsLeft === null) return promo;
  return promo.periodsLeft <= 1 ? null : { ...promo, periodsLeft: promo.periodsLeft - 1 };
}

function addonLines(plan: PaidPlanId, currency: Currency, interval: Interval, addons: AddonQuantities): ChargeLine[] {
  return ADDON_KINDS.filter((k) => (addons[k] ?? 0) > 0).map((kind) => {
    const quantity = addons[kind]!;
    return { code: `addon:${kind}`, description: `Add-on ${kind} × ${quantity}`, quantity, net: addonUnitPrice(kind, plan, currency, interval) * quantity };
  });
}

/** A full period from `from`: the plan (less the promo) and every add-on, less any credit. */
function periodCharge(kind: ChargeKind, plan: PaidPlanId, interval: Interval, currency: Currency, addons: AddonQuantities, promo: Promo | null, credit: number, from: Day, until: Day): { charge: ChargeDraft; planPaid: number; creditLeft: number } {
  const list = planPrice(plan, currency, interval);
  const planPaid = discounted(list, promo);
  const lines: ChargeLine[] = [{ code: `plan:${plan}:${interval}`, description: `Plan ${plan}, ${interval === 'month' ? 'monthly' : 'yearly'}`, quantity: 1, net: list }];
  if (planPaid !== list) lines.push({ code: `promo:${promo!.code}`, description: `Promo code ${promo!.code} (−${promo!.percentOff}%)`, quantity: 1, net: planPaid - list });
  lines.push(...addonLines(plan, currency, interval, addons));
  const gross = lines.reduce((s, l) => s + l.net, 0);
  const used = Math.min(credit, gross);
  if (used > 0) lines.push({ code: 'credit', description: 'Unused days carried over', quantity: 1, net: -used });
  return { charge: draft(kind, currency, lines, from, until), planPaid, creditLeft: credit - used };
}

function draft(kind: ChargeKind, currency: Currency, lines: ChargeLine[], from: Day, until: Day): ChargeDraft {
  return { kind, currency, lines, net: lines.reduce((s, l) => s + l.net, 0), servicePeriod: { from, until } };
}

function startPeriod(state: BillingState, kind: ChargeKind, plan: PaidPlanId, interval: Interval, currency: Currency, addons: AddonQuantities, promo: Promo | null, today: Day): Transition {
  const anchorDay = ymd(today).date;
  const nextStart = nextPeriodStart(today, anchorDay, interval);
  const { charge, planPaid, creditLeft } = periodCharge(kind, plan, interval, currency, addons, promo, state.credit, today, nextStart);
  return {
    state: {
      ...state, status: 'active', plan, interval, currency, everPaid: true, trialEnds: null, periodStart: today, nextStart, anchorDay,
      planPaidBasis: planPaid, addons, pending: null, promo: spendPromo(promo), suspendedOn: null, resumeBy: null, credit: creditLeft,
    },
    charge,
    note: `${kind}: ${plan} ${interval}ly from day ${today}`,
  };
}

function subscribe(state: BillingState, plan: PaidPlanId, interval: Interval, currency: Currency, today: Day): Transition {
  requireStatus(state, ['trial', 'expired'], 'The account already has a paid plan: change the plan instead.');
  if (!isPaidPlan(plan)) throw new BillingRefusal('not-for-sale', 'This plan cannot be bought.');
  if (!state.hasPaymentMethod) throw new BillingRefusal('no-payment-method', 'Add a payment method first.');
  return startPeriod(state, 'subscription', plan, interval, currency, state.status === 'expired' ? {} : state.addons, state.promo, today);
}

function changePlan(state: BillingState, plan: PlanId, interval: Interval, today: Day): Transition {
  if (plan === 'trial') throw new BillingRefusal(state.everPaid ? 'trial-after-paid' : 'already-trial', state.everPaid ? 'A paid account can never go back to the free trial.' : 'The account is on the trial already.');
  if (!isPaidPlan(plan)) throw new BillingRefusal('not-for-sale', 'This plan cannot be bought.');
  requireStatus(state, ['active'], 'Only an active paid account can change its plan.');
  if (!isPaidPlan(state.plan)) throw new BillingRefusal('not-for-sale', 'This account\'s plan is assigned by the operator.');
  const bigger = planRank(plan) > planRank(state.plan);
  const smaller = planRank(plan) < planRank(state.plan);
  const longer = state.interval === 'month' && interval === 'year';
  const shorter = state.interval === 'year' && interval === 'month';
  if (!bigger && !smaller && !longer && !shorter) {
    if (state.pending) return { state: { ...state, pending: null }, charge: null, note: 'scheduled change withdrawn' };
    throw new BillingRefusal('same-plan', 'The account has this plan already.');
  }
  // BILL-3: anything smaller or shorter waits for the next period.
  if (smaller || shorter) {
    return { state: { ...state, pending: { plan, interval, addons: state.pending?.addons ?? state.addons } }, charge: null, note: `downgrade to ${plan} ${interval}ly scheduled for day ${state.nextStart}` };
  }
  const { days, periodDays } = daysLeft(state, today);
  if (longer) {
    // Monthly → yearly: a yearly period starts today, less the unused monthly days.
    const credit = prorate(state.planPaidBasis, days, periodDays) + addonsValue(state.plan, state.currency, state.interval, state.addons, days, periodDays);
    return { ...startPeriod({ ...state, credit: state.credit + credit }, 'upgrade', plan, interval, state.currency, state.addons, state.promo, today), note: `upgrade to ${plan} yearly from day ${today}` };
  }
  // Same interval, bigger plan: the difference for the days left; seats grow at once (BILL-9).
  const newList = planPrice(plan, state.currency, state.interval);
  const lines: ChargeLine[] = [
    { code: `plan:${plan}:${state.interval}`, description: `Plan ${plan}, ${days} of ${periodDays} days`, quantity: 1, net: prorate(newList, days, periodDays), days, periodDays },
    { code: `credit:${state.plan}`, description: `Unused days of plan ${state.plan}`, quantity: 1, net: -prorate(state.planPaidBasis, days, periodDays), days, periodDays },
  ];
  // Parallel sessions cost more on a bigger plan (BILL-2): their difference too.
  const ps = state.addons.parallelSessions ?? 0;
  if (ps > 0) {
    const diff = prorate(addonUnitPrice('parallelSessions', plan, state.currency, state.interval) * ps, days, periodDays) - prorate(addonUnitPrice('parallelSessions', state.plan, state.currency, state.interval) * ps, days, periodDays);
    lines.push({ code: 'addon:parallelSessions', description: `Parallel sessions × ${ps} on the bigger plan, ${days} of ${periodDays} days`, quantity: ps, net: diff, days, periodDays });
  }
  const charge = draft('upgrade', state.currency, lines, today, state.nextStart!);
  if (charge.net < 0) throw new BillingRefusal('negative-upgrade', 'This change would cost less: schedule it as a downgrade.');
  return {
    state: { ...state, plan, planPaidBasis: newList, pending: state.pending && planRank(state.pending.plan) <= planRank(plan) ? null : state.pending },
    charge,
    note: `upgrade to ${plan} on day ${today}`,
  };
}

function addonsValue(plan: PlanId, currency: Currency, interval: Interval, addons: AddonQuantities, days: number, periodDays: number): number {
  if (!isPaidPlan(plan)) return 0;
  return ADDON_KINDS.reduce((s, k) => s + prorate(addonUnitPrice(k, plan, currency, interval) * (addons[k] ?? 0), days, periodDays), 0);
}

function setAddon(state: BillingState, kind: AddonKind, quantity: number, today: Day): Transition {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_ADDON_QUANTITY) throw new BillingRefusal('invalid-quantity', `quantity must be a whole number from 0 to ${MAX_ADDON_QUANTITY}.`);
  if (kind === 'videoStreams' && quantity > MAX_EXTRA_VIDEO_STREAMS) throw new BillingRefusal('too-many-streams', `At most ${MAX_EXTRA_VIDEO_STREAMS} extra video streams (7 in all).`);
  requireStatus(state, ['active'], 'Add-ons are bought on an active paid plan.');
  if (!isPaidPlan(state.plan)) throw new BillingRefusal('not-for-sale', 'This account\'s plan is assigned by the operator.');
  const now = state.addons[kind] ?? 0;
  if (quantity === now) throw new BillingRefusal('same-quantity', 'The account has this many already.');
  if (quantity < now) {
    const base = state.pending ?? { plan: state.plan, interval: state.interval, addons: state.addons };
    return { state: { ...state, pending: { ...base, addons: { ...base.addons, [kind]: quantity } } }, charge: null, note: `${kind} reduced to ${quantity} from day ${state.nextStart}` };
  }
  // BILL-4: the added units pro rata for the days left (today included), then with the period.
  const { days, periodDays } = daysLeft(state, today);
  const added = quantity - now;
  const net = prorate(addonUnitPrice(kind, state.plan, state.currency, state.interval) * added, days, periodDays);
  const charge = draft('addon', state.currency, [{ code: `addon:${kind}`, description: `Add-on ${kind} × ${added}, ${days} of ${periodDays} days`, quantity: added, net, days, periodDays }], today, state.nextStart!);
  const pending = state.pending ? { ...state.pending, addons: { ...state.pending.addons, [kind]: Math.max(quantity, state.pending.addons[kind] ?? 0) } } : null;
  return { state: { ...state, addons: { ...state.addons, [kind]: quantity }, pending }, charge, note: `${kind} raised to ${quantity}` };
}

function suspend(state: BillingState, today: Day): Transition {
  requireStatus(state, ['active'], 'Only an active paid account can be suspended.');
  const { days, periodDays } = daysLeft(state, today);
  const credit = prorate(state.planPaidBasis, days, periodDays) + addonsValue(state.plan, state.currency, state.interval, state.addons, days, periodDays);
  return {
    state: { ...state, status: 'suspended', suspendedOn: today, resumeBy: today + MAX_SUSPEND_DAYS, credit: state.credit + credit, periodStart: null, nextStart: null },
    charge: null,
    note: `suspended until day ${today + MAX_SUSPEND_DAYS} at the latest; ${days} unused days kept as credit`,
  };
}

function resume(state: BillingState, today: Day): Transition {
  requireStatus(state, ['suspended'], 'The account is not suspended.');
  const plan = state.pending?.plan ?? (state.plan as PaidPlanId);
  const interval = state.pending?.interval ?? state.interval;
  const addons = state.pending?.addons ?? state.addons;
  const promo = state.pending && planRank(state.pending.plan) < planRank(state.plan) ? null : state.promo;
  return { ...startPeriod(state, 'resume', plan, interval, state.currency, addons, promo, today), note: `back from suspension on day ${today}` };
}

function periodEnd(state: BillingState, today: Day): Transition {
  if (state.nextStart === null || today < state.nextStart) return { state, charge: null, note: 'period not over' };
  // BILL-6: an expired account comes back only with a new payment method, so the old one is forgotten here.
  if (state.status === 'cancelling') return { state: { ...state, status: 'expired', hasPaymentMethod: false, periodStart: null, nextStart: null, pending: null }, charge: null, note: 'cancelled account expired at the period end' };
  if (state.status !== 'active') return { state, charge: null, note: `no renewal while ${state.status}` };
  const pending = state.pending;
  const plan = pending?.plan ?? (state.plan as PaidPlanId);
  const interval = pending?.interval ?? state.interval;
  const addons = pending?.addons ?? state.addons;
  // BILL-3: a downgrade cancels every promo code, when it takes effect.
  const downgraded = pending !== null && (planRank(pending.plan) < planRank(state.plan) || (state.interval === 'year' && pending.interval === 'month'));
  const promo = downgraded ? null : state.promo;
  const from = state.nextStart;
  const until = nextPeriodStart(from, state.anchorDay, interval);
  const { charge, planPaid, creditLeft } = periodCharge('renewal', plan, interval, state.currency, addons, promo, state.credit, from, until);
  return {
    state: { ...state, plan, interval, addons, pending: null, promo: spendPromo(promo), periodStart: from, nextStart: until, planPaidBasis: planPaid, credit: creditLeft },
    charge,
    note: downgraded ? `renewed on ${plan} ${interval}ly; promo codes removed by the downgrade` : `renewed on ${plan} ${interval}ly`,
  };
}

/** BILL-8: a usage charge is taken from the prepaid balance first, the rest from the card. */
export function allocateUsage(amount: number, balance: number): { fromBalance: number; toCard: number } {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative integer');
  const fromBalance = Math.min(amount, Math.max(0, balance));
  return { fromBalance, toCard: amount - fromBalance };
}
