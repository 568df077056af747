import type Database from 'better-sqlite3';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import { JobsStore } from '../jobs/jobs-store.ts';
import type { Logger } from '../logger.ts';
import { gdprRoutes } from '../api/gdpr.ts';
import type { AccountFiles } from './account-data.ts';
import { GdprService } from './gdpr-service.ts';
import { runRetention } from './retention.ts';

export const RETENTION_JOB = 'gdpr.retention';
const DAY_MS = 24 * 3600 * 1000;

export interface GdprDeps {
  config: Pick<Config, 'retentionMonths'>;
  db: Db;
  sqlite: Database.Database;
  files: AccountFiles;
  logger: Logger;
  /** The retention job's clock (tests move it forward). */
  now?: () => Date;
}

/**
 * Data protection (GDPR-1, -2, -4): export, erasure and rectification on request, and
 * the retention sweep as a durable daily job. The sweep runs in the job loop of the
 * scheduling area (one loop per process owns the jobs table); its handler is given to
 * that loop by the composition root.
 */
export function buildGdpr(deps: GdprDeps) {
  const now = deps.now ?? (() => new Date());
  const jobs = new JobsStore(deps.db);
  const service = new GdprService(deps.sqlite, deps.files);
  const dayKey = (at: Date) => `${RETENTION_JOB}:${at.toISOString().slice(0, 10)}`;

  const retentionHandler: JobHandler = (_payload, tx) => {
    const at = now();
    const done = runRetention(deps.sqlite, at, deps.config.retentionMonths);
    if (done.length > 0) deps.logger.info(`retention: anonymised the attendees of ${done.length} event(s) older than ${deps.config.retentionMonths} months`);
    // The next sweep, once a day; the key makes a second process's scheduling harmless.
    const next = new Date(Date.now() + DAY_MS);
    jobs.add({ kind: RETENTION_JOB, payload: {}, runAt: next, dedupeKey: dayKey(next) }, tx);
  };

  return {
    routes: gdprRoutes(service),
    service,
    jobHandlers: { [RETENTION_JOB]: retentionHandler } as Record<string, JobHandler>,
    /** Today's sweep, once per day whatever the number of restarts. */
    start(): void {
      jobs.add({ kind: RETENTION_JOB, payload: {}, runAt: new Date(), dedupeKey: dayKey(new Date()) });
    },
    /** A sweep now (at start, so a server that was down catches up; tests call it after moving the clock). */
    scheduleRetention(): void {
      jobs.add({ kind: RETENTION_JOB, payload: {}, runAt: new Date(), dedupeKey: `${RETENTION_JOB}:now:${Date.now()}` });
    },
  };
}
export type Gdpr = ReturnType<typeof buildGdpr>;
