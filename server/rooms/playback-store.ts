import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { roomPlayback } from '../db/schema-playback.ts';
import { parseAnchor, type PlaybackAnchor } from '../../shared/playback-anchor.ts';

/** Reads and writes the stage video's anchor (persistence first: written before it is shown). */
export class PlaybackStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(eventId: string): PlaybackAnchor | null {
    const row = this.db.select().from(roomPlayback).where(eq(roomPlayback.eventId, eventId)).get();
    return parseAnchor(row?.anchor);
  }

  /** null: the video was stopped. */
  set(eventId: string, anchor: PlaybackAnchor | null): void {
    if (!anchor) {
      this.db.delete(roomPlayback).where(eq(roomPlayback.eventId, eventId)).run();
      return;
    }
    const json = JSON.stringify(anchor);
    const updatedAt = this.now();
    this.db.insert(roomPlayback).values({ eventId, anchor: json, updatedAt })
      .onConflictDoUpdate({ target: roomPlayback.eventId, set: { anchor: json, updatedAt } }).run();
  }

  /** Takes a deleted library file off every stage that plays it; returns those events. */
  stopFile(fileId: string): string[] {
    const playing = and(sql`json_extract(${roomPlayback.anchor}, '$.source.kind') = 'file'`, sql`json_extract(${roomPlayback.anchor}, '$.source.ref') = ${fileId}`);
    return this.db.delete(roomPlayback).where(playing).returning({ eventId: roomPlayback.eventId }).all().map((r) => r.eventId);
  }
}
