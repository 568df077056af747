import { eq } from 'drizzle-orm';
import { attendance } from '../db/schema-events.ts';
import type { Db } from '../db/database.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import { RoomStore } from '../rooms/room-store.ts';
import type { PollModel } from '../rooms/rules/room-model.ts';

/** What the report area hears from the rooms: each stay's start and end, and polls that end. */
export interface RoomHooks {
  stayStarted(eventId: string, participantId: string): void;
  stayEnded(eventId: string, participantId: string): void;
  pollEnded(pollId: string): void;
}

/**
 * The rooms' store with the report area listening: every stay is already written by
 * `enter`/`exit`, so the hooks ride on those writes and the room files stay untouched.
 * Each hook is O(1) (one primary-key read on exit), never a scan of the room.
 */
export class ObservedRoomStore extends RoomStore {
  constructor(private readonly database: Db, roomStates: RoomStatesStore, private readonly hooks: RoomHooks) {
    super(database, roomStates);
  }

  override async enter(eventId: string, participantId: string, address: string | null): Promise<string> {
    const id = await super.enter(eventId, participantId, address);
    this.hooks.stayStarted(eventId, participantId);
    return id;
  }

  override async exit(attendanceId: string): Promise<void> {
    await super.exit(attendanceId);
    const stay = this.database.select({ eventId: attendance.eventId, participantId: attendance.participantId }).from(attendance).where(eq(attendance.id, attendanceId)).get();
    if (stay) this.hooks.stayEnded(stay.eventId, stay.participantId);
  }

  override setPollStatus(pollId: string, status: PollModel['status']): void {
    super.setPollStatus(pollId, status);
    if (status === 'ended') this.hooks.pollEnded(pollId);
  }
}
