import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';
import { events } from './schema-events.ts';
import { MAIN_VIEWS } from '../../shared/room-policy.ts';

/**
 * The live state of an event's room that is not a list of things: its status, mode and
 * switches. One row per event that has ever been opened; a restarted server rebuilds
 * the room from it (ARCHITECTURE.md: persistence first).
 */
export const roomStates = sqliteTable('room_states', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['waiting', 'live', 'ended'] }).notNull(),
  mode: text('mode', { enum: ['presentation', 'discussion', 'private'] }).notNull(),
  chatEnabled: integer('chat_enabled', { mode: 'boolean' }).notNull(),
  qaOpen: integer('qa_open', { mode: 'boolean' }).notNull(),
  /** ROOM-10: attendees may draw on the whiteboard. */
  collaboration: integer('collaboration', { mode: 'boolean' }).notNull(),
  publishedQuestionId: text('published_question_id'),
  /** What the presenters show in everyone's main window (ROOM-11, ROOM-15). */
  mainView: text('main_view', { enum: MAIN_VIEWS }).notNull().default('video'),
  startedAt: timestamp('started_at'),
  endedAt: timestamp('ended_at'),
  updatedAt: timestamp('updated_at').notNull(),
});
