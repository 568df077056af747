import { sqliteTable, text, integer, blob, index } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.ts';
import { events } from './schema-events.ts';

/**
 * The whiteboard of each event (ROOM-10) as the Yjs updates that built it, in the
 * order they were accepted. Every accepted update is appended before anyone else sees
 * it; from time to time the rows of a board are replaced by one merged update
 * (compaction), so loading a board reads a few rows instead of thousands.
 */
export const whiteboardUpdates = sqliteTable('whiteboard_updates', {
  /** Order of acceptance; compaction keeps the merged row's place before newer ones. */
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  /** A Yjs update (v1 encoding). */
  data: blob('data', { mode: 'buffer' }).notNull(),
  /** True for a row that is the merge of earlier ones. */
  compacted: integer('compacted', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
}, (t) => [index('whiteboard_updates_event_idx').on(t.eventId, t.seq)]);
