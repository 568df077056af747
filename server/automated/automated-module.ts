import { Hono } from 'hono';
import { automatedSessionRoutes } from '../api/automated-sessions.ts';
import { timelineRoutes } from '../api/timelines.ts';
import type { Db } from '../db/database.ts';
import { limitsFor, servicePaused } from '../../shared/plans.ts';
import { limitsSubject } from '../billing/account-limits.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { FilesStore } from '../files/files-store.ts';
import type { AppEnv } from '../http/context.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import { JobsStore } from '../jobs/jobs-store.ts';
import type { Logger } from '../logger.ts';
import { TIMELINE_START_NEWS } from '../rooms/live-event-room.ts';
import { SchedulingStore } from '../scheduling/scheduling-store.ts';
import { AutomatedOverrides } from './automated-overrides.ts';
import { AutomatedProgress } from './automated-progress.ts';
import { AutomatedRooms } from './automated-rooms.ts';
import { AUTOMATED_START_JOB, AutomatedStarts } from './automated-starts.ts';
import { SESSIONS_EXTEND_JOB, SessionsService } from './sessions-service.ts';
import { TimelinesService } from './timelines-service.ts';

export interface AutomatedDeps {
  db: Db;
  events: EventsService;
  roomStates: RoomStatesStore;
  files: FilesStore;
  logger: Logger;
  /** Where the server is reached: session links are built on it. */
  baseUrl: () => string;
  /** Publishes news on an event's channel (Colyseus presence), heard by its waiting room and live room. */
  publish: (eventId: string, news: string) => void;
}

export interface Automated {
  /** Mounted under /api/v1/events. */
  routes: Hono<AppEnv>;
  timelines: TimelinesService;
  sessions: SessionsService;
  /** Given to the live rooms. */
  rooms: AutomatedRooms;
  /** Given to the job loop (the scheduling module runs every durable job). */
  jobHandlers: Record<string, JobHandler>;
  stop(): void;
}

/** Automated and on-demand webinars (AUTO, OD), built from the core services (convention 16). */
export function buildAutomated(deps: AutomatedDeps): Automated {
  const jobs = new JobsStore(deps.db);
  const sessions = new SessionsService(deps.db, deps.events, new SchedulingStore(deps.db), jobs, deps.baseUrl, deps.logger);
  // A session plays its series' timeline: one timeline, edited once, for every session.
  const timelines = new TimelinesService(deps.db, deps.events, deps.files, (eventId) => sessions.seriesOf(eventId));
  const progress = new AutomatedProgress(deps.db);
  const overrides = new AutomatedOverrides(deps.db);
  // The waiting room admits everyone on 'started', exactly as when a host starts a live event.
  // The same answer the live room's Start button gets: `limitsFor(account, at)`, which knows a suspended or expired account.
  const accountRuns = (accountId: string) => !servicePaused(limitsFor(limitsSubject(deps.db, accountId), new Date()));
  const starts = new AutomatedStarts(jobs, deps.events, deps.roomStates, (eventId) => deps.publish(eventId, 'started'), deps.logger, accountRuns);
  const offEvents = deps.events.onChange((change) => {
    if (change.type === 'created') starts.plan(change.event);
    // Its sessions go with a deleted series (or a live one stops the deletion, with the reason).
    if (change.type === 'deleting' && change.event.kind === 'automated') sessions.seriesDeleting(change.event);
    if (change.type === 'updated' && (change.before.startsAt.getTime() !== change.after.startsAt.getTime() || change.before.kind !== change.after.kind)) starts.plan(change.after);
  });
  // Live by its schedule or by the host's "Start event": either way its room starts playing.
  const offStates = deps.roomStates.onChange((state, patch) => {
    if (patch.status !== 'live') return;
    if (deps.events.byId(state.eventId)?.kind === 'automated') deps.publish(state.eventId, TIMELINE_START_NEWS);
  });
  return {
    routes: new Hono<AppEnv>().route('/', timelineRoutes(timelines)).route('/', automatedSessionRoutes(sessions, overrides, deps.events)),
    timelines,
    sessions,
    rooms: new AutomatedRooms(deps.roomStates, timelines, progress, overrides, deps.logger),
    jobHandlers: { [AUTOMATED_START_JOB]: starts.handler(), [SESSIONS_EXTEND_JOB]: sessions.extendHandler() },
    stop() {
      offEvents();
      offStates();
    },
  };
}
