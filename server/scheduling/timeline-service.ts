import { and, countDistinct, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { attendance, events, participants } from '../db/schema-events.ts';
import { roomStates } from '../db/schema-rooms.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { TimelineEntryOut } from '../../shared/timeline-schemas.ts';
import type { Caller } from '../domain/accounts-service.ts';

/** Past events of the account, newest first, with registered, invited and attended counts (EV-10). */
export class TimelineService {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  list(caller: Caller): TimelineEntryOut[] {
    const now = this.now().getTime();
    // Past: ended by the host, or its scheduled end has gone by.
    const rows = this.db.select({ e: events, endedAt: roomStates.endedAt, status: roomStates.status }).from(events)
      .leftJoin(roomStates, eq(roomStates.eventId, events.id))
      .where(and(eq(events.accountId, caller.accountId), sql`(${roomStates.status} = 'ended' OR ${events.startsAt} + ${events.durationMinutes} * 60000 < ${now})`))
      .orderBy(desc(events.startsAt)).all();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.e.id);
    const guests = this.db.select({ eventId: eventGuests.eventId, source: eventGuests.source, n: countDistinct(eventGuests.email) }).from(eventGuests)
      .where(inArray(eventGuests.eventId, ids)).groupBy(eventGuests.eventId, eventGuests.source).all();
    const attended = new Map(this.db.select({ eventId: attendance.eventId, n: countDistinct(attendance.participantId) }).from(attendance)
      .innerJoin(participants, eq(participants.id, attendance.participantId))
      .where(and(inArray(attendance.eventId, ids), eq(participants.role, 'attendee'))).groupBy(attendance.eventId).all().map((r) => [r.eventId, r.n]));
    const guestCount = (eventId: string, source: string) => guests.find((g) => g.eventId === eventId && g.source === source)?.n ?? 0;
    return rows.map(({ e, endedAt }) => ({
      id: e.publicId, name: e.name, kind: e.kind, startsAt: e.startsAt.toISOString(), timeZone: e.timeZone, durationMinutes: e.durationMinutes,
      endedAt: endedAt?.toISOString() ?? null,
      registered: guestCount(e.id, 'registration'),
      invited: guestCount(e.id, 'invitation'),
      attended: attended.get(e.id) ?? 0,
    }));
  }
}
