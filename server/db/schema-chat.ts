import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { events, participants } from './schema-events.ts';

/** Chat lines of a live room (ROOM-6), written before they are broadcast. */
export const chatMessages = sqliteTable('chat_messages', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  /** Name and role as they were when the line was sent. */
  name: text('name').notNull(),
  role: text('role').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
  /** Deleted for everyone by a presenter; kept for the record, never shown again. */
  deletedAt: timestamp('deleted_at'),
}, (t) => [index('chat_messages_event_idx').on(t.eventId, t.createdAt)]);
