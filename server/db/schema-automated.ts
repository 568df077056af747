import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';
import { events } from './schema-events.ts';

/**
 * The timeline of an automated or on-demand event (AUTO-1, AUTO-2, OD-1): one row per
 * event, the whole `Timeline` (shared/automated-timeline.ts) as JSON, replaced as a whole
 * only after it passed every check, so a refused timeline never leaves half of itself.
 */
export const eventTimelines = sqliteTable('event_timelines', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  timeline: text('timeline').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * How far an automated room has played its timeline, written before the room acts on a
 * boundary, so after a restart the room does only what it had not yet done (a poll is
 * not started twice, a CTA not shown twice), and whether the host took over the chat.
 */
export const automatedProgress = sqliteTable('automated_progress', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  /** null: not played yet (the host may have taken the chat before the start). */
  appliedAtMs: integer('applied_at_ms'),
  /** The host switched the chat by hand: from then on the timeline's chat items are skipped. */
  chatByHand: integer('chat_by_hand', { mode: 'boolean' }).notNull().default(false),
  updatedAt: timestamp('updated_at').notNull(),
});
