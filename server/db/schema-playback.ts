import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';
import { events } from './schema-events.ts';

/**
 * The stage video's playback anchor of each event (ROOM-12): one row while a video is
 * on the stage, written on every play, pause, seek or load before anyone hears of it,
 * so a restarted server plays on from the same anchor (the position follows from it).
 */
export const roomPlayback = sqliteTable('room_playback', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  /** A PlaybackAnchor (shared/playback-anchor.ts) as JSON; its signed link is renewed on load. */
  anchor: text('anchor').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
