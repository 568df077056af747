import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { whiteboardUpdates } from '../db/schema-whiteboard.ts';

export interface StoredBoard {
  updates: Uint8Array[];
  /** Sequence number of the last stored row (0 when none). */
  lastSeq: number;
  bytes: number;
}

/**
 * The whiteboards' updates in SQLite. Appends are prepared statements: they run on
 * every accepted stroke, before it is passed on.
 */
export class WhiteboardStore {
  private readonly insert;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.insert = db.insert(whiteboardUpdates)
      .values({ eventId: sql.placeholder('eventId'), data: sql.placeholder('data'), compacted: false, createdAt: sql.placeholder('createdAt') })
      .returning({ seq: whiteboardUpdates.seq })
      .prepare();
  }

  load(eventId: string): StoredBoard {
    const rows = this.db.select({ seq: whiteboardUpdates.seq, data: whiteboardUpdates.data }).from(whiteboardUpdates)
      .where(eq(whiteboardUpdates.eventId, eventId)).orderBy(asc(whiteboardUpdates.seq)).all();
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.at(-1)?.seq ?? 0,
      bytes: rows.reduce((sum, r) => sum + r.data.byteLength, 0),
    };
  }

  /** Stores one accepted update; returns its sequence number. */
  append(eventId: string, update: Uint8Array): number {
    const row = this.insert.get({ eventId, data: Buffer.from(update.buffer, update.byteOffset, update.byteLength), createdAt: this.now() });
    return row!.seq;
  }

  /**
   * Replaces the rows up to `upToSeq` by one merged update, atomically: a crash leaves
   * either the old rows or the merged one, never neither.
   */
  compact(eventId: string, upToSeq: number, merged: Uint8Array): void {
    this.db.transaction((tx) => {
      tx.delete(whiteboardUpdates).where(and(eq(whiteboardUpdates.eventId, eventId), lte(whiteboardUpdates.seq, upToSeq))).run();
      // The merged row takes the place of the last row it replaces, so it stays before newer ones.
      tx.insert(whiteboardUpdates).values({ seq: upToSeq, eventId, data: Buffer.from(merged), compacted: true, createdAt: this.now() }).run();
    });
  }

  stats(eventId: string): { rows: number; bytes: number } {
    const row = this.db.select({ rows: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${whiteboardUpdates.data})), 0)` })
      .from(whiteboardUpdates).where(eq(whiteboardUpdates.eventId, eventId)).get();
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
  }
}
