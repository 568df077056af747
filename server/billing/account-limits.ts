import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts } from '../db/schema-accounts.ts';
import { billingAccounts } from '../db/schema-billing.ts';
import { startOfDay } from '../../shared/billing/calendar.ts';
import type { BillingState } from '../../shared/billing/engine.ts';
import type { LimitsSubject, PlanId } from '../../shared/plans.ts';

type Reader = Pick<Db, 'select'>;

/** What `limitsFor` needs from the billing engine's state: the plan, the add-ons bought, a change waiting for the period end. */
export function subjectOfState(state: BillingState, timeZone: string): LimitsSubject {
  return {
    plan: state.plan,
    addons: state.addons,
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
  const row = db.select({ state: billingAccounts.state, timeZone: billingAccounts.timeZone }).from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get();
  if (row) return subjectOfState(row.state as BillingState, row.timeZone);
  const plan = fallbackPlan ?? (db.select({ plan: accounts.plan }).from(accounts).where(eq(accounts.id, accountId)).get()?.plan as PlanId | undefined) ?? 'trial';
  return { plan };
}
