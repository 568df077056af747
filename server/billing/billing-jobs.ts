import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { billingJobs } from '../db/schema-billing.ts';
import { newId } from '../domain/secrets.ts';

export type BillingTx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type BillingJobRow = typeof billingJobs.$inferSelect;

/** The time-based steps of an account's life (BILL-2..6): each runs the engine at its boundary. */
export const BILLING_JOB_KINDS = ['period-end', 'resume', 'trial-end', 'payouts', 'sub-account-delete'] as const;
export type BillingJobKind = (typeof BILLING_JOB_KINDS)[number];

const MAX_ATTEMPTS = 8;

/**
 * Durable billing jobs in SQLite: scheduled in the transaction that changed the account,
 * claimed by a conditional UPDATE so two loops never run one twice, retried with back-off
 * when the handler throws (its writes roll back with it).
 */
export class BillingJobs {
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** Schedules once per key: the same renewal planned twice is one job. */
  add(tx: Pick<Db, 'insert'>, job: { kind: BillingJobKind; accountId: string; runAt: Date; key: string }): void {
    tx.insert(billingJobs).values({
      id: newId(), kind: job.kind, accountId: job.accountId, runAt: job.runAt, status: 'pending', dedupeKey: job.key, createdAt: this.now(),
    }).onConflictDoNothing().run();
  }

  due(limit = 50): BillingJobRow[] {
    return this.db.select().from(billingJobs).where(and(eq(billingJobs.status, 'pending'), lte(billingJobs.runAt, this.now()))).orderBy(asc(billingJobs.runAt)).limit(limit).all();
  }

  pendingFor(accountId: string): BillingJobRow[] {
    return this.db.select().from(billingJobs).where(and(eq(billingJobs.accountId, accountId), eq(billingJobs.status, 'pending'))).orderBy(asc(billingJobs.runAt)).all();
  }

  /** Claims the job and runs `work` in one IMMEDIATE transaction; false when another loop had it. */
  run(job: BillingJobRow, work: (tx: BillingTx) => void): boolean {
    return this.db.transaction((tx) => {
      const claimed = tx.update(billingJobs).set({ status: 'done', attempts: job.attempts + 1 })
        .where(and(eq(billingJobs.id, job.id), eq(billingJobs.status, 'pending'))).run();
      if (claimed.changes === 0) return false;
      work(tx);
      return true;
    }, { behavior: 'immediate' });
  }

  failed(job: BillingJobRow, error: unknown): void {
    const attempts = job.attempts + 1;
    this.db.update(billingJobs).set({
      attempts,
      lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
      status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      runAt: new Date(this.now().getTime() + 60_000 * 2 ** (attempts - 1)),
    }).where(and(eq(billingJobs.id, job.id), eq(billingJobs.status, 'pending'))).run();
  }
}
