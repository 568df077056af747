import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventBans, participants } from '../db/schema-events.ts';

export type ParticipantRow = typeof participants.$inferSelect;

/** Reads of the participants table that the join service and the rooms need. */
export class ParticipantsStore {
  constructor(private readonly db: Db) {}

  get(participantId: string, eventId: string): ParticipantRow | undefined {
    return this.db.select().from(participants).where(and(eq(participants.id, participantId), eq(participants.eventId, eventId))).get();
  }

  /** A ban holds the e-mail and the addresses the person came from: a new registration does not get round it. */
  isBanned(eventId: string, email: string | null, address: string | null): boolean {
    const conditions = [email ? eq(eventBans.email, email) : undefined, address ? eq(eventBans.address, address) : undefined].filter((c) => c !== undefined);
    if (conditions.length === 0) return false;
    return this.db.select({ id: eventBans.id }).from(eventBans).where(and(eq(eventBans.eventId, eventId), or(...conditions))).get() !== undefined;
  }
}
