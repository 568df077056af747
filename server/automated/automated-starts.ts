import { defaultMode } from '../../shared/room-policy.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import type { JobsStore } from '../jobs/jobs-store.ts';
import type { Logger } from '../logger.ts';

export const AUTOMATED_START_JOB = 'automated-start';
interface StartPayload { eventId: string; startsAt: string }

/**
 * Automated webinars start by themselves (AUTO-1): a durable job at the start time marks
 * the room live with the *scheduled* start as its start, so a server that was down at
 * that moment starts it when it is back and the timeline is at the right position.
 * Rescheduling replaces the job; the event's links never change.
 */
export class AutomatedStarts {
  constructor(
    private readonly jobs: JobsStore,
    private readonly events: EventsService,
    private readonly roomStates: RoomStatesStore,
    /** Tells the event's waiting room and live room (Colyseus presence) that it started. */
    private readonly announce: (eventId: string) => void,
    private readonly logger: Logger,
    /** Whether the account may run an event now (a suspended or expired one may not: BILL-5, BILL-6); absent: always. */
    private readonly accountRuns: (accountId: string) => boolean = () => true,
  ) {}

  plan(event: Pick<EventRow, 'id' | 'kind' | 'startsAt'>): void {
    this.jobs.cancelForEvent(event.id, AUTOMATED_START_JOB);
    if (event.kind !== 'automated') return;
    const payload: StartPayload = { eventId: event.id, startsAt: event.startsAt.toISOString() };
    this.jobs.add({ kind: AUTOMATED_START_JOB, payload, runAt: event.startsAt, eventId: event.id, dedupeKey: `automated-start:${event.id}:${event.startsAt.getTime()}` });
  }

  handler(): JobHandler {
    return (payload: StartPayload) => {
      const event = this.events.byId(payload.eventId);
      // Rescheduled or no longer automated since the job was planned: the newer plan decides.
      if (!event || event.kind !== 'automated' || event.startsAt.toISOString() !== payload.startsAt) return;
      const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
      if (state.status !== 'waiting') return;
      if (!this.accountRuns(event.accountId)) {
        this.logger.warn(`automated webinar ${event.publicId} not started: its account is suspended or expired`);
        return;
      }
      this.roomStates.update(event.id, state, { status: 'live', startedAt: event.startsAt });
      this.logger.info(`automated webinar ${event.publicId} started by its schedule`);
      this.announce(event.id);
    };
  }
}
