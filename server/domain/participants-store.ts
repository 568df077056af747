import { EventEmitter } from 'node:events';
import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventBans, participants } from '../db/schema-events.ts';

export type ParticipantRow = typeof participants.$inferSelect;

/** Reads of the participants table that the join service and the rooms need. */
export class ParticipantsStore {
  private readonly emitter = new EventEmitter();

  constructor(private readonly db: Db) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * The live room removed or banned someone (already written): whatever else they hold
   * open in this process (the whiteboard) lets them go now rather than at its next check.
   */
  announceExcluded(eventId: string, participantId: string): void {
    this.emitter.emit('excluded', eventId, participantId);
  }

  onExcluded(listener: (eventId: string, participantId: string) => void): () => void {
    this.emitter.on('excluded', listener);
    return () => this.emitter.off('excluded', listener);
  }

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
