import { EventEmitter } from 'node:events';
import { and, eq, sql } from 'drizzle-orm';
import type { PreparedGet } from '../db/prepared.ts';
import { events } from '../db/schema-events.ts';
import type { Db } from '../db/database.ts';
import { roomStates } from '../db/schema-rooms.ts';

export type RoomStateRow = typeof roomStates.$inferSelect;
export type RoomStatePatch = Partial<Omit<RoomStateRow, 'eventId' | 'updatedAt'>>;

/**
 * Reads and writes the per-event room switches (status, mode, chat, Q&A, collaboration).
 * Other parts of the server that depend on them (the whiteboard's write permission, the
 * media grants) read them here and subscribe to `change`, so the room class stays the
 * only writer while nobody needs to reach into it.
 */
export class RoomStatesStore {
  private readonly emitter = new EventEmitter();
  private byEvent: PreparedGet<RoomStateRow> | undefined;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.emitter.setMaxListeners(0);
  }

  /** The stored state, or the defaults for an event whose room has never opened. */
  get(eventId: string, defaults: { mode: RoomStateRow['mode'] }): RoomStateRow {
    return this.find(eventId) ?? {
      eventId,
      status: 'waiting',
      mode: defaults.mode,
      chatEnabled: true,
      // Q&A is open unless the host closes it: a host who forgets must not lose the questions.
      qaOpen: true,
      collaboration: false,
      publishedQuestionId: null,
      mainView: 'video',
      startedAt: null,
      endedAt: null,
      updatedAt: this.now(),
    };
  }

  find(eventId: string): RoomStateRow | undefined {
    // Read by every join: built once, not per call.
    this.byEvent ??= this.db.select().from(roomStates).where(eq(roomStates.eventId, sql.placeholder('eventId'))).prepare();
    return this.byEvent.get({ eventId });
  }

  /** Writes the change (creating the row if needed), then tells the subscribers. */
  update(eventId: string, current: RoomStateRow, patch: RoomStatePatch): RoomStateRow {
    const next: RoomStateRow = { ...current, ...patch, eventId, updatedAt: this.now() };
    this.db.insert(roomStates).values(next).onConflictDoUpdate({ target: roomStates.eventId, set: { ...patch, updatedAt: next.updatedAt } }).run();
    this.emitter.emit('change', next, patch);
    return next;
  }

  /** Internal ids of the account's events whose room is marked live. */
  liveEventIds(accountId: string): string[] {
    return this.db.select({ id: roomStates.eventId }).from(roomStates).innerJoin(events, eq(events.id, roomStates.eventId))
      .where(and(eq(events.accountId, accountId), eq(roomStates.status, 'live'))).all().map((r) => r.id);
  }

  onChange(listener: (state: RoomStateRow, patch: RoomStatePatch) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
