import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts, users } from '../db/schema-accounts.ts';
import { events } from '../db/schema-events.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { limitsFor, type PlanId } from '../../shared/plans.ts';
import { limitsSubject } from './account-limits.ts';

export interface NearCapacity { readonly eventId: number; readonly name: string; readonly registered: number; readonly maxAttendees: number }

/**
 * BILL-9: an upcoming event with 90% of the plan's attendees registered is a reason to
 * upgrade; the dashboard says so, and the organizer gets one e-mail per event.
 */
export class CapacityWatch {
  constructor(private readonly db: Db, private readonly mail: MailQueue, private readonly baseUrl: () => string, private readonly now: () => Date) {}

  forAccount(accountId: string): NearCapacity[] {
    const account = this.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    if (!account) return [];
    const max = limitsFor(limitsSubject(this.db, accountId, account.plan as PlanId), this.now()).maxAttendees;
    return this.db.select({ publicId: events.publicId, name: events.name, registered: sql<number>`count(${eventGuests.id})` })
      .from(events).innerJoin(eventGuests, and(eq(eventGuests.eventId, events.id), eq(eventGuests.source, 'registration')))
      .where(and(eq(events.accountId, accountId), gt(events.startsAt, this.now()))).groupBy(events.id).all()
      .filter((e) => e.registered * 10 >= max * 9)
      .map((e) => ({ eventId: e.publicId, name: e.name, registered: Number(e.registered), maxAttendees: max }));
  }

  /** One e-mail per event and account, however often the loop looks. */
  notifyAll(): void {
    const owners = this.db.selectDistinct({ accountId: events.accountId }).from(events).where(gt(events.startsAt, this.now())).all();
    for (const { accountId } of owners) {
      const near = this.forAccount(accountId);
      if (!near.length) continue;
      const to = this.db.select({ email: users.email }).from(users).where(eq(users.accountId, accountId)).orderBy(users.createdAt).get()?.email;
      if (!to) continue;
      for (const e of near) {
        const link = `${this.baseUrl()}/dashboard/billing`;
        this.mail.enqueue({ accountId, kind: 'near-capacity', to, dedupeKey: `near-capacity:${e.eventId}:${e.maxAttendees}`, content: {
          subject: `"${e.name}" is nearly full: ${e.registered} of ${e.maxAttendees} places`,
          html: `<p>${e.registered} of the ${e.maxAttendees} attendees your plan allows have registered for this event.</p><p><a href="${link}">Upgrade your plan</a> to let more people in: an upgrade takes effect at once.</p>`,
          text: `${e.registered} of the ${e.maxAttendees} attendees your plan allows have registered for "${e.name}".\nUpgrade your plan to let more people in (it takes effect at once): ${link}\n`,
          attachments: [], headers: {},
        } });
      }
    }
  }
}
