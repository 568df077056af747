import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamp } from './columns.ts';
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

/**
 * The sessions of an automated series (AUTO-1): each session is an event of its own (its
 * own room, registrants, attendance, statistics and links), tied here to the series, the
 * event the organizer made, whose timeline it plays. Rescheduling moves the session
 * event's start and nothing else, so every link to it keeps working.
 */
export const automatedSessions = sqliteTable('automated_sessions', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  seriesId: text('series_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  /** Made by the weekly rule (and removed by it when the rule changes and nobody registered). */
  fromRule: integer('from_rule', { mode: 'boolean' }).notNull(),
  createdAt: timestamp('created_at').notNull(),
}, (t) => [index('automated_sessions_series_idx').on(t.seriesId)]);

/** A series' weekly rule (shared/automated-sessions.ts `RecurrenceRule`) as JSON. */
export const automatedRules = sqliteTable('automated_rules', {
  seriesId: text('series_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  rule: text('rule').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * What a person changed by hand in an automated room, and what the timeline then did not
 * do because of it: a manual change wins over the timeline, and the organizer can see why.
 */
export const automatedOverrides = sqliteTable('automated_overrides', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  at: timestamp('at').notNull(),
  /** The timeline position at that moment (ms from the start). */
  positionMs: integer('position_ms').notNull(),
  kind: text('kind', { enum: ['manual', 'skipped'] }).notNull(),
  /** 'chat-on', 'chat-off', … */
  action: text('action').notNull(),
  /** 'timeline', or the role of the person who acted ('host', 'presenter'). */
  by: text('by').notNull(),
  /** The participant who acted (null for the timeline): who it was, not only their role. */
  actorId: text('actor_id'),
  actorName: text('actor_name'),
}, (t) => [index('automated_overrides_event_idx').on(t.eventId, t.at)]);
