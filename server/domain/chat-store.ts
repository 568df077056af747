import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { chatMessages } from '../db/schema-chat.ts';
import type { ChatLine } from '../../shared/room-messages.ts';
import { newId } from './secrets.ts';

/** How many earlier lines a joining participant receives. */
export const CHAT_HISTORY_LINES = 200;

/** The chat of every event, in SQLite: a line is stored before anyone sees it. */
export class ChatStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  append(eventId: string, author: { participantId: string; name: string; role: string }, text: string): ChatLine {
    const row = { id: newId(), eventId, participantId: author.participantId, name: author.name, role: author.role, text, createdAt: this.now(), deletedAt: null };
    this.db.insert(chatMessages).values(row).run();
    return toLine(row);
  }

  find(eventId: string, messageId: string): ChatLine | undefined {
    const row = this.db.select().from(chatMessages).where(and(eq(chatMessages.id, messageId), eq(chatMessages.eventId, eventId), isNull(chatMessages.deletedAt))).get();
    return row && toLine(row);
  }

  /** Deletes a line for everyone; false when it did not exist (or was already deleted). */
  delete(eventId: string, messageId: string): boolean {
    return this.db.update(chatMessages).set({ deletedAt: this.now() })
      .where(and(eq(chatMessages.id, messageId), eq(chatMessages.eventId, eventId), isNull(chatMessages.deletedAt))).run().changes > 0;
  }

  /** The last `limit` lines that were not deleted, oldest first. */
  history(eventId: string, limit = CHAT_HISTORY_LINES): ChatLine[] {
    return this.db.select().from(chatMessages).where(and(eq(chatMessages.eventId, eventId), isNull(chatMessages.deletedAt)))
      .orderBy(desc(sql`rowid`)) // insertion order, exact even within one millisecond
      .limit(limit).all().reverse().map(toLine);
  }
}

function toLine(row: typeof chatMessages.$inferSelect): ChatLine {
  return { id: row.id, participantId: row.participantId, name: row.name, role: row.role, text: row.text, sentAt: row.createdAt.toISOString() };
}
