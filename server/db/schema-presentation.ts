import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';
import { events } from './schema-events.ts';
import { files } from './schema-files.ts';

/**
 * The presentation on an event's stage (ROOM-12): which file and which page. One row per
 * event while a presentation is open, written before anyone is told, so a restarted
 * server and a late joiner show the same page. Deleting the file takes it off the stage.
 */
export const stagePresentations = sqliteTable('stage_presentations', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  fileId: text('file_id').notNull().references(() => files.id, { onDelete: 'cascade' }),
  /** The file's name when it was opened (what the stage shows as its title). */
  title: text('title').notNull(),
  page: integer('page').notNull(),
  pageCount: integer('page_count').notNull(),
  openedAt: timestamp('opened_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
