import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
