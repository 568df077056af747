import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { chatMessages } from '../db/schema-chat.ts';
import type { ChatLine } from '../../shared/room-messages.ts';
import { newId } from './secrets.ts';

/** How many earlier lines a joining participant receives. */
export const CHAT_HISTORY_LINES = 200;

/**
 * The chat of every event, in SQLite: a line is stored before anyone sees it. The last
 * lines of each event are also kept in memory, so that a join storm does not read the
 * same 200 rows from the database once per joining attendee.
 */
export class ChatStore {
  /** eventId → its last CHAT_HISTORY_LINES lines that were not deleted, oldest first (filled on first read). */
  private readonly recent = new Map<string, ChatLine[]>();
  /** eventId → a number that changes whenever its history does (lets a room reuse an encoded history). */
  private readonly versions = new Map<string, number>();

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  append(eventId: string, author: { participantId: string; name: string; role: string }, text: string): ChatLine {
    const row = { id: newId(), eventId, participantId: author.participantId, name: author.name, role: author.role, text, createdAt: this.now(), deletedAt: null };
    this.db.insert(chatMessages).values(row).run();
    const line = toLine(row);
    const recent = this.recent.get(eventId);
    if (recent) {
      recent.push(line);
      if (recent.length > CHAT_HISTORY_LINES) recent.shift();
    }
    this.changed(eventId);
    return line;
  }

  /** Changes whenever the event's history does. */
  historyVersion(eventId: string): number {
    return this.versions.get(eventId) ?? 0;
  }

  /** Forgets the in-memory lines of an event (its room closed). */
  forget(eventId: string): void {
    this.recent.delete(eventId);
  }

  private changed(eventId: string): void {
    this.versions.set(eventId, this.historyVersion(eventId) + 1);
  }

  find(eventId: string, messageId: string): ChatLine | undefined {
    const row = this.db.select().from(chatMessages).where(and(eq(chatMessages.id, messageId), eq(chatMessages.eventId, eventId), isNull(chatMessages.deletedAt))).get();
    return row && toLine(row);
  }

  /** Deletes a line for everyone; false when it did not exist (or was already deleted). */
  delete(eventId: string, messageId: string): boolean {
    const deleted = this.db.update(chatMessages).set({ deletedAt: this.now() })
      .where(and(eq(chatMessages.id, messageId), eq(chatMessages.eventId, eventId), isNull(chatMessages.deletedAt))).run().changes > 0;
    // Rare: read the tail again next time, so the history still holds CHAT_HISTORY_LINES lines.
    if (deleted) {
      this.recent.delete(eventId);
      this.changed(eventId);
    }
    return deleted;
  }

  /** The last `limit` lines that were not deleted, oldest first (from memory after the first read). */
  history(eventId: string, limit = CHAT_HISTORY_LINES): ChatLine[] {
    if (limit !== CHAT_HISTORY_LINES) return this.read(eventId, limit);
    let recent = this.recent.get(eventId);
    if (!recent) {
      recent = this.read(eventId, CHAT_HISTORY_LINES);
      this.recent.set(eventId, recent);
    }
    return [...recent];
  }

  private read(eventId: string, limit: number): ChatLine[] {
    return this.db.select().from(chatMessages).where(and(eq(chatMessages.eventId, eventId), isNull(chatMessages.deletedAt)))
      .orderBy(desc(sql`rowid`)) // insertion order, exact even within one millisecond
      .limit(limit).all().reverse().map(toLine);
  }
}

function toLine(row: typeof chatMessages.$inferSelect): ChatLine {
  return { id: row.id, participantId: row.participantId, name: row.name, role: row.role, text: row.text, sentAt: row.createdAt.toISOString() };
}
