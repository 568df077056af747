import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { participants } from '../db/schema-events.ts';

/** Reads of the participants table that the rooms need. */
export class ParticipantsStore {
  constructor(private readonly db: Db) {}

  exists(participantId: string, eventId: string): boolean {
    return this.db.select({ id: participants.id }).from(participants)
      .where(and(eq(participants.id, participantId), eq(participants.eventId, eventId))).get() !== undefined;
  }
}
