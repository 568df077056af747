import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { jobs } from '../db/schema-mail.ts';
import { newId } from '../domain/secrets.ts';

export type JobRow = typeof jobs.$inferSelect;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: Date;
  eventId?: string | null;
  /** A job with a key is created once: scheduling the same reminder twice is harmless. */
  dedupeKey?: string;
}

/** Retry of a job whose handler threw: 1, 2, 4 … minutes, 8 attempts. */
const MAX_ATTEMPTS = 8;

/** The durable jobs table: what is due, claimed and finished, all in SQLite so a restart loses nothing. */
export class JobsStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  add(job: NewJob, db: Pick<Db, 'insert'> = this.db): boolean {
    return db.insert(jobs).values({
      id: newId(),
      kind: job.kind,
      payload: job.payload,
      runAt: job.runAt,
      status: 'pending',
      eventId: job.eventId ?? null,
      dedupeKey: job.dedupeKey ?? null,
      createdAt: this.now(),
    }).onConflictDoNothing().run().changes > 0;
  }

  /** Pending jobs of an event of some kind are dropped (a reschedule replaces its reminders). */
  cancelForEvent(eventId: string, kind: string, db: Pick<Db, 'update'> = this.db): void {
    db.update(jobs).set({ status: 'cancelled', finishedAt: this.now() })
      .where(and(eq(jobs.eventId, eventId), eq(jobs.kind, kind), eq(jobs.status, 'pending'))).run();
  }

  due(limit: number): JobRow[] {
    return this.db.select().from(jobs).where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, this.now()))).orderBy(jobs.runAt).limit(limit).all();
  }

  pendingForEvent(eventId: string): JobRow[] {
    return this.db.select().from(jobs).where(and(eq(jobs.eventId, eventId), eq(jobs.status, 'pending'))).orderBy(jobs.runAt).all();
  }

  /**
   * Runs `work` and marks the job done in one IMMEDIATE transaction, after claiming it
   * with a conditional UPDATE: a second process (or a second tick) finds it no longer
   * pending and does nothing, and whatever the handler wrote (mail rows) commits
   * together with "done", so a crash can neither lose the work nor do it twice.
   * Returns false when someone else had it.
   */
  runClaimed(job: JobRow, work: (tx: Tx) => void): boolean {
    return this.db.transaction((tx) => {
      const claimed = tx.update(jobs).set({ status: 'done', finishedAt: this.now(), attempts: job.attempts + 1 })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'pending'))).run();
      if (claimed.changes === 0) return false;
      work(tx);
      return true;
    }, { behavior: 'immediate' });
  }

  /** After a handler failed (its writes rolled back): try later, or give up. */
  failed(job: JobRow, error: unknown): void {
    const attempts = job.attempts + 1;
    const giveUp = attempts >= MAX_ATTEMPTS;
    this.db.update(jobs).set({
      attempts,
      lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
      status: giveUp ? 'failed' : 'pending',
      runAt: new Date(this.now().getTime() + 60_000 * 2 ** (attempts - 1)),
      ...(giveUp && { finishedAt: this.now() }),
    }).where(and(eq(jobs.id, job.id), eq(jobs.status, 'pending'))).run();
  }
}
