import type { Db } from '../db/database.ts';
import type { Caller } from '../domain/accounts-service.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import type { JobsStore } from '../jobs/jobs-store.ts';
import type { EventMailer } from './event-mailer.ts';
import type { GuestsStore } from './guests-store.ts';
import type { SchedulingStore } from './scheduling-store.ts';

export const REMINDER_JOB = 'reminder';
interface ReminderPayload {
  eventId: string;
  minutes: number;
  /** The start the reminder was planned for: a reminder of an older schedule does nothing. */
  startsAt: string;
}

/**
 * E-mail reminders before the start (by default a day and 15 minutes before) to
 * registrants and invitees. Each is a durable job: one the server was down for runs
 * when it comes back, and its mail is keyed by event, offset and start, so it is
 * written once however often the job is tried.
 */
export class Reminders {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobsStore,
    private readonly store: SchedulingStore,
    private readonly events: EventsService,
    private readonly guests: GuestsStore,
    private readonly mailer: EventMailer,
    private readonly roomStates: RoomStatesStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Replaces the event's pending reminders with those of its current start and offsets. */
  plan(event: Pick<EventRow, 'id' | 'startsAt'>, db: Pick<Db, 'insert' | 'update'> = this.db): void {
    this.jobs.cancelForEvent(event.id, REMINDER_JOB, db);
    const now = this.now().getTime();
    for (const minutes of this.store.settings(event.id).reminderMinutes) {
      const runAt = new Date(event.startsAt.getTime() - minutes * 60_000);
      // A reminder whose moment has passed when it is planned would arrive too late to help.
      if (runAt.getTime() <= now) continue;
      const payload: ReminderPayload = { eventId: event.id, minutes, startsAt: event.startsAt.toISOString() };
      this.jobs.add({ kind: REMINDER_JOB, payload, runAt, eventId: event.id, dedupeKey: `reminder:${event.id}:${minutes}:${event.startsAt.getTime()}` }, db);
    }
  }

  handler(): JobHandler {
    return (payload: ReminderPayload, tx) => {
      const event = this.events.byId(payload.eventId);
      if (!event || event.startsAt.toISOString() !== payload.startsAt) return;
      // "Starts in 15 minutes" is wrong once the host has started (early) or the hour has come.
      if (this.hasBegun(event)) return;
      const now = this.now().getTime();
      // Back after a long outage with a later reminder also due: only the latest one goes out.
      const superseded = this.store.settings(event.id).reminderMinutes
        .some((m) => m < payload.minutes && event.startsAt.getTime() - m * 60_000 <= now);
      if (superseded) return;
      this.mailer.send('reminder', event, this.guests.list(event.id, undefined, tx), tx, {
        dedupe: `reminder:${event.id}:${payload.minutes}:${event.startsAt.getTime()}`,
        leadMinutes: payload.minutes,
      });
    };
  }

  settingsOut(caller: Caller, publicId: number): { minutesBefore: number[]; thankYouEmail: boolean; planned: { minutes: number; runAt: string }[] } {
    const event = this.events.owned(caller, publicId);
    const s = this.store.settings(event.id);
    return { minutesBefore: s.reminderMinutes, thankYouEmail: s.thankYouEmail, planned: this.pending(event.id) };
  }

  save(caller: Caller, publicId: number, body: { minutesBefore: number[]; thankYouEmail?: boolean | undefined }): ReturnType<Reminders['settingsOut']> {
    const event = this.events.owned(caller, publicId);
    const minutes = [...new Set(body.minutesBefore)].sort((a, b) => b - a);
    this.db.transaction((tx) => {
      this.store.save(event.id, { reminderMinutes: minutes, ...(body.thankYouEmail !== undefined && { thankYouEmail: body.thankYouEmail }) }, tx);
      this.plan(event, tx);
    });
    return this.settingsOut(caller, publicId);
  }

  /**
   * True once the event started (the host may start early), ended, or its start time has
   * passed: from then on no reminder goes out. A reschedule plans them anew (`plan`).
   */
  hasBegun(event: Pick<EventRow, 'id' | 'startsAt'>): boolean {
    const state = this.roomStates.find(event.id);
    return this.now().getTime() >= event.startsAt.getTime() || state?.startedAt != null || state?.status === 'live' || state?.status === 'ended';
  }

  /** The reminders still to go out; none once the event has begun. */
  pending(eventId: string): { minutes: number; runAt: string }[] {
    const event = this.events.byId(eventId);
    if (!event || this.hasBegun(event)) return [];
    return this.jobs.pendingForEvent(eventId).filter((j) => j.kind === REMINDER_JOB)
      .map((j) => ({ minutes: (j.payload as ReminderPayload).minutes, runAt: j.runAt.toISOString() }));
  }
}
