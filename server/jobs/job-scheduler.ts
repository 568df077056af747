import type { Logger } from '../logger.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import type { JobRow, JobsStore, Tx } from './jobs-store.ts';

/** A job handler writes what the job produces (mail rows, further jobs) inside the claim's transaction. */
export type JobHandler = (payload: any, tx: Tx, job: JobRow) => void;

const BATCH = 50;

/**
 * The small loop that runs due jobs and sends queued mail. Started by `startServer`,
 * stopped by its `stop()`. It looks at the table every `intervalMs` and at once when
 * woken (a request that queued work for now), and on start, so jobs that fell due
 * while the server was down run as soon as it is back.
 */
export class JobScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private again = false;

  constructor(
    private readonly store: JobsStore,
    private readonly mail: MailQueue,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Runs a tick soon (on the next turn of the event loop), without waiting for the interval. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: every due job, then the mail that is due. Exposed for tests. */
  async tick(): Promise<void> {
    for (const job of this.store.due(BATCH)) {
      if (this.stopped) return;
      this.runJob(job);
    }
    await this.mail.dispatchDue();
  }

  private runJob(job: JobRow): void {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      this.store.runClaimed(job, (tx) => handler(job.payload, tx, job));
    } catch (error) {
      this.logger.error(`job ${job.kind} ${job.id} failed`, error);
      this.store.failed(job, error);
    }
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().catch((error: unknown) => this.logger.error('job scheduler tick failed', error)).finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const soon = this.again;
        this.again = false;
        this.schedule(soon ? 0 : this.intervalMs);
      });
    }, delay);
    this.timer.unref?.();
  }
}
