import { and, countDistinct, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts, users } from '../db/schema-accounts.ts';
import { attendance, events, participants } from '../db/schema-events.ts';
import { roomStates } from '../db/schema-rooms.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { limitsFor, servicePaused, type PlanId } from '../../shared/plans.ts';
import { limitsSubject } from './account-limits.ts';

export interface NearCapacity { readonly eventId: number; readonly name: string; readonly registered: number; readonly present: number; readonly maxAttendees: number }

/**
 * BILL-9: an upcoming event with 90% of the plan's attendees registered is a reason to
 * upgrade; the dashboard says so, and the organizer gets one e-mail per event.
 */
export class CapacityWatch {
  constructor(private readonly db: Db, private readonly mail: MailQueue, private readonly baseUrl: () => string, private readonly now: () => Date) {}

  forAccount(accountId: string): NearCapacity[] {
    const account = this.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    if (!account) return [];
    const limits = limitsFor(limitsSubject(this.db, accountId, account.plan as PlanId), this.now());
    // A suspended or expired account runs nothing: there is no capacity to be near.
    if (servicePaused(limits) || limits.maxAttendees <= 0) return [];
    const max = limits.maxAttendees;
    const found = new Map<number, { name: string; registered: number; present: number }>();
    // Registered for an event still to come...
    for (const e of this.db.select({ publicId: events.publicId, name: events.name, registered: sql<number>`count(${eventGuests.id})` })
      .from(events).innerJoin(eventGuests, and(eq(eventGuests.eventId, events.id), eq(eventGuests.source, 'registration')))
      .where(and(eq(events.accountId, accountId), gt(events.startsAt, this.now()))).groupBy(events.id).all()) {
      found.set(e.publicId, { name: e.name, registered: Number(e.registered), present: 0 });
    }
    // ...or present, now, in one that is live (attendees whose attendance is still open).
    for (const e of this.db.select({ publicId: events.publicId, name: events.name, present: countDistinct(attendance.participantId) })
      .from(events).innerJoin(roomStates, and(eq(roomStates.eventId, events.id), eq(roomStates.status, 'live')))
      .innerJoin(attendance, and(eq(attendance.eventId, events.id), isNull(attendance.leftAt)))
      .innerJoin(participants, and(eq(participants.id, attendance.participantId), eq(participants.role, 'attendee')))
      .where(eq(events.accountId, accountId)).groupBy(events.id).all()) {
      const seen = found.get(e.publicId) ?? { name: e.name, registered: 0, present: 0 };
      found.set(e.publicId, { ...seen, present: Number(e.present) });
    }
    return [...found].filter(([, e]) => Math.max(e.registered, e.present) * 10 >= max * 9)
      .map(([eventId, e]) => ({ eventId, name: e.name, registered: e.registered, present: e.present, maxAttendees: max }));
  }

  /** One e-mail per event and account, however often the loop looks. */
  notifyAll(): void {
    const upcoming = this.db.selectDistinct({ accountId: events.accountId }).from(events).where(gt(events.startsAt, this.now())).all();
    const live = this.db.selectDistinct({ accountId: events.accountId }).from(events).innerJoin(roomStates, and(eq(roomStates.eventId, events.id), eq(roomStates.status, 'live'))).all();
    for (const accountId of new Set([...upcoming, ...live].map((o) => o.accountId))) {
      const near = this.forAccount(accountId);
      if (!near.length) continue;
      const to = this.db.select({ email: users.email }).from(users).where(eq(users.accountId, accountId)).orderBy(users.createdAt).get()?.email;
      if (!to) continue;
      for (const e of near) {
        const link = `${this.baseUrl()}/dashboard/billing`;
        const inRoom = e.present > e.registered;
        const count = inRoom ? e.present : e.registered;
        const what = inRoom ? 'are in the room of' : 'have registered for';
        this.mail.enqueue({ accountId, kind: 'near-capacity', to, dedupeKey: `near-capacity:${e.eventId}:${e.maxAttendees}`, content: {
          subject: `"${e.name}" is nearly full: ${count} of ${e.maxAttendees} places`,
          html: `<p>${count} of the ${e.maxAttendees} attendees your plan allows ${what} this event.</p><p><a href="${link}">Upgrade your plan</a> to let more people in: an upgrade takes effect at once.</p>`,
          text: `${count} of the ${e.maxAttendees} attendees your plan allows ${what} "${e.name}".\nUpgrade your plan to let more people in (it takes effect at once): ${link}\n`,
          attachments: [], headers: {},
        } });
      }
    }
  }
}
