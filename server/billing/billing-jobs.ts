import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { billingJobs } from '../db/schema-billing.ts';
import { jobs } from '../db/schema-mail.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import { JobsStore, type JobRow } from '../jobs/jobs-store.ts';

export type BillingTx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The time-based steps of billing (BILL-2..6, TERMS-1, dunning, reconciliation), each a kind on the shared jobs loop. */
export const BILLING_JOB_KINDS = ['period-end', 'resume', 'trial-end', 'payouts', 'sub-account-delete', 'dunning', 'reconcile'] as const;
export type BillingJobKind = (typeof BILLING_JOB_KINDS)[number];
/** Kinds in the shared `jobs` table are namespaced: `billing.period-end`. */
export const jobKind = (kind: BillingJobKind) => `billing.${kind}`;

/** What every billing job carries: whose it is and when it is due on billing's clock. */
export interface BillingJobPayload {
  readonly accountId: string;
  /** ISO instant on billing's clock (the shared loop's `run_at` is only when to look). */
  readonly dueAt: string;
  readonly chargeId?: string;
  readonly attempt?: number;
}

export interface BillingJob {
  readonly id: string;
  readonly kind: BillingJobKind;
  readonly accountId: string;
  readonly dueAt: Date;
  readonly dedupeKey: string;
  readonly payload: BillingJobPayload;
}

export type BillingJobWork = (tx: BillingTx, job: BillingJob) => void;

/**
 * Billing's durable jobs, kept in the shared `jobs` table and run by the shared loop
 * (server/jobs) through the handlers this class hands out. Scheduled in the transaction
 * that changed the account, deduplicated by key, claimed by the loop's conditional
 * UPDATE; a handler's writes commit with "done" or roll back for a retry.
 *
 * Billing's clock may differ from the loop's (tests move it): a job the loop picks up
 * before it is due on billing's clock is put back for the same wait in real time, and
 * `runDue` runs what is due on billing's clock at once.
 */
export class BillingJobs {
  private readonly store: JobsStore;

  constructor(private readonly db: Db, private readonly now: () => Date) {
    this.store = new JobsStore(db, now);
  }

  /** Schedules once per key: the same renewal planned twice is one job. */
  add(tx: Pick<Db, 'insert'>, job: { kind: BillingJobKind; accountId: string; runAt: Date; key: string; chargeId?: string; attempt?: number }): void {
    const payload: BillingJobPayload = { accountId: job.accountId, dueAt: job.runAt.toISOString(), ...(job.chargeId && { chargeId: job.chargeId }), ...(job.attempt !== undefined && { attempt: job.attempt }) };
    this.store.add({ kind: jobKind(job.kind), payload, runAt: job.runAt, dedupeKey: `billing.${job.key}` }, tx);
  }

  pendingFor(accountId: string): BillingJob[] {
    return this.db.select().from(jobs).where(and(like(jobs.kind, 'billing.%'), eq(jobs.status, 'pending'), sql`json_extract(${jobs.payload}, '$.accountId') = ${accountId}`))
      .orderBy(asc(jobs.runAt)).all().map(toJob);
  }

  /** The shared loop's handlers, one per kind. */
  handlers(work: BillingJobWork): Record<string, JobHandler> {
    return Object.fromEntries(BILLING_JOB_KINDS.map((kind) => [jobKind(kind), (_payload: unknown, tx, row) => this.handle(tx, row, work)]));
  }

  /** Runs every job due on billing's clock now (the shared loop would get there too; tests and the reconciliation pass do not wait). */
  runDue(work: BillingJobWork, onError: (job: BillingJob, error: unknown) => void): number {
    const due = this.db.select().from(jobs).where(and(like(jobs.kind, 'billing.%'), eq(jobs.status, 'pending'), sql`json_extract(${jobs.payload}, '$.dueAt') <= ${this.now().toISOString()}`))
      .orderBy(asc(jobs.runAt)).limit(200).all();
    let ran = 0;
    for (const row of due) {
      try {
        if (this.store.runClaimed(row, (tx) => work(tx, toJob(row)))) ran++;
      } catch (error) {
        onError(toJob(row), error);
        this.store.failed(row, error);
      }
    }
    return ran;
  }

  /**
   * Moves what is left in the old `billing_jobs` table (billing's own loop before it
   * joined the shared one) into `jobs`, in one transaction: pending rows become pending
   * jobs with the same keys, so nothing is lost and nothing runs twice.
   */
  migrateLegacy(): number {
    return this.db.transaction((tx) => {
      const legacy = tx.select().from(billingJobs).where(eq(billingJobs.status, 'pending')).all();
      for (const row of legacy) {
        const kind = (BILLING_JOB_KINDS as readonly string[]).includes(row.kind) ? row.kind as BillingJobKind : undefined;
        if (kind) this.add(tx, { kind, accountId: row.accountId, runAt: row.runAt, key: row.dedupeKey });
        tx.update(billingJobs).set({ status: kind ? 'moved' : 'failed', lastError: kind ? null : `unknown kind ${row.kind}` }).where(eq(billingJobs.id, row.id)).run();
      }
      return legacy.length;
    }, { behavior: 'immediate' });
  }

  private handle(tx: BillingTx, row: JobRow, work: BillingJobWork): void {
    const job = toJob(row);
    const early = job.dueAt.getTime() - this.now().getTime();
    if (early > 0) {
      // Not yet due on billing's clock: the same job again after the same wait, under a key of its own.
      this.store.add({ kind: row.kind, payload: row.payload, runAt: new Date(Date.now() + early), dedupeKey: `${row.dedupeKey ?? row.id}~${row.id}` }, tx);
      return;
    }
    work(tx, job);
  }
}

function toJob(row: JobRow): BillingJob {
  const payload = row.payload as BillingJobPayload;
  return { id: row.id, kind: row.kind.slice('billing.'.length) as BillingJobKind, accountId: payload.accountId, dueAt: new Date(payload.dueAt), dedupeKey: row.dedupeKey ?? row.id, payload };
}
