import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts } from '../db/schema-accounts.ts';
import { billingAccounts, billingSubAccounts } from '../db/schema-billing.ts';
import { startOfDay } from '../../shared/billing/calendar.ts';
import type { BillingState } from '../../shared/billing/engine.ts';
import { PAUSED_STATUSES, type LimitsSubject, type PlanId } from '../../shared/plans.ts';

type Reader = Pick<Db, 'select'>;

/** What `limitsFor` needs from the billing engine's state: the plan, the add-ons bought, a change waiting for the period end. */
export function subjectOfState(state: BillingState, timeZone: string): LimitsSubject {
  return {
    plan: state.plan,
    addons: state.addons,
    status: state.status,
    pendingPlan: state.pending?.plan ?? null,
    pendingAddons: state.pending?.addons ?? null,
    pendingFrom: state.pending && state.nextStart !== null ? startOfDay(state.nextStart, timeZone) : null,
  };
}

/**
 * The account as every limit enforcer hands it to `limitsFor(account, at)`: rooms
 * (attendees, discussion, presenters, cameras, parallel events), the file library
 * (storage) and recording (minutes). An account billing has never touched has its plan
 * and no add-ons; `fallbackPlan` is the plan the caller already read, if any.
 */
export function limitsSubject(db: Reader, accountId: string, fallbackPlan?: PlanId): LimitsSubject {
  const own = ownSubject(db, accountId, fallbackPlan);
  // A sub-account's package is paid by its main account (ACC-3): when that one is suspended or expired, so is the sub-account.
  const parent = db.select({ id: billingSubAccounts.parentAccountId }).from(billingSubAccounts).where(eq(billingSubAccounts.accountId, accountId)).get();
  if (!parent) return own;
  const parentStatus = db.select({ status: billingAccounts.status }).from(billingAccounts).where(eq(billingAccounts.accountId, parent.id)).get()?.status;
  return parentStatus && PAUSED_STATUSES.includes(parentStatus) ? { ...own, status: parentStatus } : own;
}

function ownSubject(db: Reader, accountId: string, fallbackPlan?: PlanId): LimitsSubject {
  const row = db.select({ state: billingAccounts.state, timeZone: billingAccounts.timeZone }).from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get();
  if (row) return subjectOfState(row.state as BillingState, row.timeZone);
  const plan = fallbackPlan ?? (db.select({ plan: accounts.plan }).from(accounts).where(eq(accounts.id, accountId)).get()?.plan as PlanId | undefined) ?? 'trial';
  return { plan };
}
