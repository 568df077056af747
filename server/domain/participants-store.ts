import { EventEmitter } from 'node:events';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { PreparedGet } from '../db/prepared.ts';
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

  // Read several times by every join (REST join, media grant, room admission): built once, not per call.
  private prepared: { byId: PreparedGet<ParticipantRow>; banOf: PreparedGet<{ id: string }> } | undefined;
  private get lookups() {
    return (this.prepared ??= {
      byId: this.db.select().from(participants).where(and(eq(participants.id, sql.placeholder('participantId')), eq(participants.eventId, sql.placeholder('eventId')))).prepare(),
      banOf: this.db.select({ id: eventBans.id }).from(eventBans)
        .where(and(eq(eventBans.eventId, sql.placeholder('eventId')), or(eq(eventBans.email, sql.placeholder('email')), eq(eventBans.address, sql.placeholder('address'))))).prepare(),
    });
  }

  get(participantId: string, eventId: string): ParticipantRow | undefined {
    return this.lookups.byId.get({ participantId, eventId });
  }

  /** A ban holds the e-mail and the addresses the person came from: a new registration does not get round it. */
  isBanned(eventId: string, email: string | null, address: string | null): boolean {
    if (!email && !address) return false;
    // A null parameter matches nothing (`x = null` is never true), as a missing condition did.
    return this.lookups.banOf.get({ eventId, email: email || null, address: address || null }) !== undefined;
  }
}
