/**
 * Plans, their prices and their limits, held as data in one place (ACC-1, BILL-1). Every
 * rule that depends on what an account has paid for asks `limitsFor(account, at)`;
 * nothing else in the code base writes these numbers down.
 *
 * Paid plans are priced by the most attendees of one event (BILL-1), net of VAT, in
 * integer minor units per currency; the yearly price is twelve months less 20%.
 */
export const PAID_PLAN_IDS = ['webinar-50', 'webinar-100', 'webinar-250', 'webinar-500', 'webinar-1000'] as const;
export const PLAN_IDS = ['trial', 'self-hosted', ...PAID_PLAN_IDS] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];

export const CURRENCIES = ['PLN', 'EUR', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const INTERVALS = ['month', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Yearly billing is 20% cheaper than twelve monthly periods (BILL-1). */
export const YEARLY_DISCOUNT_PERCENT = 20;

export interface PlanLimits {
  /** Most attendees in one event (BILL-1 prices plans by this). */
  readonly maxAttendees: number;
  /** Discussion mode is allowed only while the event has at most this many attendees (ROOM-3). */
  readonly maxAttendeesInDiscussion: number;
  readonly maxPresenters: number;
  /** Cameras published at once (ROOM-5); the add-on raises it to 7. */
  readonly maxVideoStreams: number;
  /** ROOM-16: cameras may send HD (720p) instead of the standard 360p. */
  readonly hdVideo: boolean;
  readonly recordingMinutes: number;
  readonly storageMegabytes: number;
  /** Events that may run at the same time (EV-12); more only with the parallel-sessions add-on. */
  readonly parallelEvents: number;
  /** Sub-accounts the main account may hold (ACC-3); each one is bought as an add-on. */
  readonly subAccounts: number;
}

export interface PlanDefinition {
  readonly label: string;
  readonly trialDays?: number;
  readonly limits: PlanLimits;
  /** Net monthly price per currency, minor units; absent for plans that are not sold. */
  readonly monthly?: Readonly<Record<Currency, number>>;
}

const TRIAL_LIMITS: PlanLimits = {
  maxAttendees: 25,
  maxAttendeesInDiscussion: 5,
  maxPresenters: 2,
  maxVideoStreams: 4,
  hdVideo: false,
  recordingMinutes: 30,
  storageMegabytes: 64,
  parallelEvents: 1,
  subAccounts: 0,
};

function paid(maxAttendees: number, presenters: number, recordingMinutes: number, storageMegabytes: number, monthly: Record<Currency, number>): PlanDefinition {
  return {
    label: `Webinar ${maxAttendees}`,
    limits: { maxAttendees, maxAttendeesInDiscussion: 25, maxPresenters: presenters, maxVideoStreams: 4, hdVideo: true, recordingMinutes, storageMegabytes, parallelEvents: 1, subAccounts: 0 },
    monthly,
  };
}

export const PLANS: Readonly<Record<PlanId, PlanDefinition>> = {
  trial: { label: 'Free trial', trialDays: 30, limits: TRIAL_LIMITS },
  /**
   * For an operator who runs the platform for their own organisation and sells nothing:
   * set DEFAULT_PLAN=self-hosted and new accounts get it. Discussion stays at 25
   * attendees (ROOM-3: beyond that, everyone talking is not a meeting any more).
   */
  'self-hosted': {
    label: 'Self-hosted',
    limits: { maxAttendees: 10_000, maxAttendeesInDiscussion: 25, maxPresenters: 10, maxVideoStreams: 7, hdVideo: true, recordingMinutes: 100_000, storageMegabytes: 1_000_000, parallelEvents: 100, subAccounts: 100 },
  },
  // Monthly prices end in 0 or 5 minor units so the yearly price (× 12 × 0.8) is exact.
  'webinar-50': paid(50, 4, 600, 1_024, { PLN: 12_500, EUR: 2_900, USD: 3_500 }),
  'webinar-100': paid(100, 4, 1_200, 2_048, { PLN: 19_900, EUR: 4_900, USD: 5_500 }),
  'webinar-250': paid(250, 6, 3_000, 5_120, { PLN: 44_900, EUR: 10_500, USD: 11_500 }),
  'webinar-500': paid(500, 8, 6_000, 10_240, { PLN: 84_900, EUR: 19_500, USD: 21_500 }),
  'webinar-1000': paid(1000, 10, 12_000, 20_480, { PLN: 159_900, EUR: 37_500, USD: 41_500 }),
};

export function isPaidPlan(plan: PlanId): plan is PaidPlanId {
  return (PAID_PLAN_IDS as readonly string[]).includes(plan);
}

/** Net price of one period of a paid plan, minor units. */
export function planPrice(plan: PaidPlanId, currency: Currency, interval: Interval): number {
  const monthly = PLANS[plan].monthly![currency];
  return interval === 'month' ? monthly : yearlyFromMonthly(monthly);
}

/** 12 months less 20%, exact in integers when the monthly price is a multiple of 5. */
export function yearlyFromMonthly(monthly: number): number {
  return (monthly * 12 * (100 - YEARLY_DISCOUNT_PERCENT)) / 100;
}

/** Plans ordered by size: a move to a later one is an upgrade (BILL-2), to an earlier one a downgrade (BILL-3). */
export function planRank(plan: PlanId): number {
  return PLAN_IDS.indexOf(plan);
}

// ---- Add-ons (BILL-4) ----

export const ADDON_KINDS = ['parallelSessions', 'videoStreams', 'storage', 'subAccounts'] as const;
export type AddonKind = (typeof ADDON_KINDS)[number];
export type AddonQuantities = Readonly<Partial<Record<AddonKind, number>>>;

/** ROOM-5: at most 3 streams more than the default 4. */
export const MAX_EXTRA_VIDEO_STREAMS = 3;
/** One storage unit adds this much (BILL-4 "extra file storage"). */
export const STORAGE_UNIT_MEGABYTES = 10_240;
/** Upper bound on any add-on quantity: past it a request is a typo or an attack. */
export const MAX_ADDON_QUANTITY = 100;

/** Net monthly unit price of an add-on; parallel sessions cost a share of the plan's price, so it rises with the plan (BILL-2). */
export function addonMonthlyUnitPrice(kind: AddonKind, plan: PaidPlanId, currency: Currency): number {
  const flat: Record<Exclude<AddonKind, 'parallelSessions'>, Record<Currency, number>> = {
    videoStreams: { PLN: 4_000, EUR: 1_000, USD: 1_000 },
    storage: { PLN: 2_000, EUR: 500, USD: 500 },
    subAccounts: { PLN: 6_000, EUR: 1_500, USD: 1_500 },
  };
  // Half the plan's monthly price, rounded down to a multiple of 5 so the yearly price stays exact.
  if (kind === 'parallelSessions') return Math.floor(PLANS[plan].monthly![currency] / 2 / 5) * 5;
  return flat[kind][currency];
}

export function addonUnitPrice(kind: AddonKind, plan: PaidPlanId, currency: Currency, interval: Interval): number {
  const monthly = addonMonthlyUnitPrice(kind, plan, currency);
  return interval === 'month' ? monthly : yearlyFromMonthly(monthly);
}

// ---- Usage charges (BILL-8): taken from the prepaid balance first ----

export const USAGE_KINDS = ['toll-free-minutes'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];
/** Net price of one unit of usage (a minute of a toll-free call), minor units. */
export const USAGE_UNIT_PRICES: Readonly<Record<UsageKind, Readonly<Record<Currency, number>>>> = {
  'toll-free-minutes': { PLN: 45, EUR: 10, USD: 12 },
};

// ---- The one answer to every limit question ----

/** What `limitsFor` needs to know about an account; a plan id alone still works (older callers). */
export interface LimitsSubject {
  readonly plan: PlanId;
  readonly addons?: AddonQuantities;
  /** A downgrade waiting for the period end (BILL-3): it applies from `pendingFrom` on. */
  readonly pendingPlan?: PlanId | null;
  readonly pendingFrom?: Date | null;
  /** Add-on quantities taking effect with the next period (a reduced add-on). */
  readonly pendingAddons?: AddonQuantities | null;
  /** The billing status: a suspended or expired account keeps its data but runs nothing (BILL-5, BILL-6). */
  readonly status?: string | null;
}

/** Billing statuses in which the account keeps its data and links but has no service (BILL-5 suspend, BILL-6 expired). */
export const PAUSED_STATUSES: readonly string[] = ['suspended', 'expired'];

/**
 * The limits of a suspended or expired account: nothing new runs (no event starts, no
 * upload, no recording, no camera), while what is stored stays (BILL-5: data and event
 * links kept). Back to the plan's limits the moment the account is active again.
 */
export const PAUSED_LIMITS: PlanLimits = {
  maxAttendees: 0,
  maxAttendeesInDiscussion: 0,
  maxPresenters: 0,
  maxVideoStreams: 0,
  hdVideo: false,
  recordingMinutes: 0,
  storageMegabytes: 0,
  parallelEvents: 0,
  subAccounts: 0,
};

/** True when the limits are those of a suspended or expired account. */
export function servicePaused(limits: PlanLimits): boolean {
  return limits.parallelEvents === 0 && limits.maxAttendees === 0;
}

/**
 * The limits an account has at the instant `at`: its plan (or the downgrade that has
 * taken effect by then) plus the add-ons it has bought; nothing while it is suspended
 * or expired. Rooms, uploads, recordings, scheduling and sub-accounts all ask here.
 */
export function limitsFor(account: PlanId | LimitsSubject, at: Date = new Date()): PlanLimits {
  const subject: LimitsSubject = typeof account === 'string' ? { plan: account } : account;
  if (subject.status && PAUSED_STATUSES.includes(subject.status)) return PAUSED_LIMITS;
  const pendingApplies = subject.pendingFrom != null && subject.pendingFrom.getTime() <= at.getTime();
  const plan = pendingApplies && subject.pendingPlan ? subject.pendingPlan : subject.plan;
  const addons = pendingApplies && subject.pendingAddons ? subject.pendingAddons : (subject.addons ?? {});
  const base = PLANS[plan].limits;
  if (!isPaidPlan(plan)) return base;
  return {
    ...base,
    parallelEvents: base.parallelEvents + (addons.parallelSessions ?? 0),
    maxVideoStreams: base.maxVideoStreams + Math.min(MAX_EXTRA_VIDEO_STREAMS, addons.videoStreams ?? 0),
    storageMegabytes: base.storageMegabytes + (addons.storage ?? 0) * STORAGE_UNIT_MEGABYTES,
    subAccounts: base.subAccounts + (addons.subAccounts ?? 0),
  };
}
