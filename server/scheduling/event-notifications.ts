import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { attendance, participants } from '../db/schema-events.ts';
import type { EventChange, EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { JobHandler, JobScheduler } from '../jobs/job-scheduler.ts';
import type { JobsStore } from '../jobs/jobs-store.ts';
import type { EventMailer, MailEvent, MailGuest } from './event-mailer.ts';
import type { GuestsStore } from './guests-store.ts';
import type { Reminders } from './reminders.ts';
import type { SchedulingStore } from './scheduling-store.ts';

export const UPDATE_JOB = 'event-updated';
export const CANCEL_JOB = 'event-cancelled';
export const THANK_YOU_JOB = 'thank-you';

type Snapshot<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
const freeze = (event: MailEvent): Snapshot<MailEvent> => ({ ...event, startsAt: event.startsAt.toISOString() });
const thaw = (event: Snapshot<MailEvent>): MailEvent => ({ ...event, startsAt: new Date(event.startsAt) });

/**
 * What follows from changes to an event: reminders re-planned when it moves, updated
 * invitations when the organizer asks for them, cancellations when it is deleted, and
 * the thank-you e-mail to every attendee when the host ends it (EV-9). The fan-outs run
 * as jobs, so a request that reschedules an event for a thousand guests returns at once.
 */
export class EventNotifications {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly jobs: JobsStore,
    private readonly scheduler: () => JobScheduler | undefined,
    private readonly store: SchedulingStore,
    private readonly events: EventsService,
    private readonly guests: GuestsStore,
    private readonly mailer: EventMailer,
    private readonly reminders: Reminders,
    roomStates: RoomStatesStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.unsubscribers.push(events.onChange((change) => this.onEventChange(change)));
    // The live room only marks the event ended; the thank-you mail hangs off that (EV-9).
    this.unsubscribers.push(roomStates.onChange((state, patch) => {
      if (patch.status === 'ended') this.enqueue({ kind: THANK_YOU_JOB, payload: { eventId: state.eventId }, eventId: state.eventId, dedupeKey: `thank-you:${state.eventId}` });
    }));
  }

  close(): void {
    for (const off of this.unsubscribers) off();
  }

  handlers(): Record<string, JobHandler> {
    return {
      [UPDATE_JOB]: (payload: { eventId: string; sequence: number }, tx, job) => {
        const event = this.events.byId(payload.eventId);
        if (!event) return;
        this.mailer.send('update', event, this.guests.list(event.id, undefined, tx), tx, { sequence: payload.sequence, dedupe: `update:${job.id}` });
      },
      [CANCEL_JOB]: (payload: { event: Snapshot<MailEvent>; guests: MailGuest[]; sequence: number }, tx, job) => {
        this.mailer.send('cancellation', thaw(payload.event), payload.guests, tx, { sequence: payload.sequence, dedupe: `cancel:${job.id}` });
      },
      [THANK_YOU_JOB]: (payload: { eventId: string }, tx) => {
        const event = this.events.byId(payload.eventId);
        if (!event || !this.store.settings(event.id).thankYouEmail) return;
        this.mailer.send('thank-you', event, this.attendees(event.id, tx), tx, { dedupe: `thank-you:${event.id}` });
      },
    };
  }

  private onEventChange(change: EventChange): void {
    if (change.type === 'created') {
      this.reminders.plan(change.event);
    } else if (change.type === 'updated') {
      const { before, after } = change;
      if (before.startsAt.getTime() !== after.startsAt.getTime()) this.reminders.plan(after);
      if (change.notify) {
        this.enqueue({ kind: UPDATE_JOB, payload: { eventId: after.id, sequence: this.store.nextSequence(after.id) }, eventId: after.id });
      }
    } else if (change.notify) {
      const event = change.event;
      const guests: MailGuest[] = this.guests.list(event.id).map((g) => ({ id: g.id, email: g.email, firstName: g.firstName, lastName: g.lastName, language: g.language, timeZone: g.timeZone, role: g.role, tokenId: null }));
      if (guests.length > 0) this.enqueue({ kind: CANCEL_JOB, payload: { event: freeze(event), guests, sequence: this.store.settings(event.id).calendarSequence + 1 }, eventId: null });
    }
  }

  private enqueue(job: { kind: string; payload: unknown; eventId: string | null; dedupeKey?: string }): void {
    this.jobs.add({ ...job, runAt: this.now() });
    this.scheduler()?.wake();
  }

  /** Attendees who were in the room and left an address (typed, or known from their personal link). */
  private attendees(eventId: string, tx: Pick<Db, 'selectDistinct' | 'select'>): MailGuest[] {
    const rows = tx.selectDistinct({ id: participants.id, email: participants.email, name: participants.name }).from(participants)
      .innerJoin(attendance, eq(attendance.participantId, participants.id))
      .where(and(eq(participants.eventId, eventId), eq(participants.role, 'attendee'), isNotNull(participants.email))).all();
    const byEmail = new Map<string, MailGuest>();
    for (const row of rows) {
      const email = row.email!.toLowerCase();
      const guest = this.guests.find(eventId, email, 'attendee', tx);
      byEmail.set(email, {
        id: row.id, email, firstName: guest?.firstName || row.name, lastName: guest ? guest.lastName : '',
        language: guest?.language ?? this.store.mailSettings(this.events.byId(eventId)!.accountId).language,
        timeZone: guest?.timeZone ?? null, role: 'attendee', tokenId: null,
      });
    }
    return [...byEmail.values()];
  }
}
