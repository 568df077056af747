import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns.ts';
import { contacts } from './schema-contacts.ts';
import { events } from './schema-events.ts';

/**
 * On-demand webinars (OD-1..3): the organizer's settings per event, the viewers (each on
 * their own timeline), their viewing sessions, CTA clicks, poll answers and messages.
 * Turning on-demand off never deletes any of it (EverWebinar does).
 */

export const ondemandSettings = sqliteTable('ondemand_settings', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  leadGate: integer('lead_gate', { mode: 'boolean' }).notNull(),
  nameRequired: integer('name_required', { mode: 'boolean' }).notNull(),
  /** A contact group of the event's account (checked when saved). */
  contactGroupId: text('contact_group_id'),
  allowPause: integer('allow_pause', { mode: 'boolean' }).notNull(),
  allowSeek: integer('allow_seek', { mode: 'boolean' }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** One person watching one event: by e-mail behind the lead gate, else anonymous (one per browser). */
export const ondemandViewers = sqliteTable('ondemand_viewers', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  email: text('email'),
  name: text('name').notNull().default(''),
  contactId: text('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  consentAt: timestamp('consent_at'),
  /** The organizer's own user, watching their event (let in by their session, not counted in the statistics); null for viewers. */
  userId: text('user_id'),
  /** The merged watched ranges as JSON [{ fromMs, toMs }] on the timeline. */
  ranges: text('ranges').notNull().default('[]'),
  watchedMs: integer('watched_ms').notNull().default(0),
  maxPosMs: integer('max_pos_ms').notNull().default(0),
  positionMs: integer('position_ms').notNull().default(0),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at').notNull(),
}, (t) => [uniqueIndex('ondemand_viewers_email_idx').on(t.eventId, t.email), index('ondemand_viewers_event_idx').on(t.eventId, t.lastSeenAt)]);

/** A viewing session: its start is the wall clock a forbidden seek is measured against. */
export const ondemandViews = sqliteTable('ondemand_views', {
  id: id(),
  viewerId: text('viewer_id').notNull().references(() => ondemandViewers.id, { onDelete: 'cascade' }),
  startedAt: timestamp('started_at').notNull(),
  /** How far the viewer had got when this view started. */
  reachedBeforeMs: integer('reached_before_ms').notNull(),
  lastBeatAt: timestamp('last_beat_at').notNull(),
  beats: integer('beats').notNull().default(0),
}, (t) => [index('ondemand_views_viewer_idx').on(t.viewerId)]);

export const ondemandCtaClicks = sqliteTable('ondemand_cta_clicks', {
  viewerId: text('viewer_id').notNull().references(() => ondemandViewers.id, { onDelete: 'cascade' }),
  itemId: text('item_id').notNull(),
  clicks: integer('clicks').notNull(),
  lastClickedAt: timestamp('last_clicked_at').notNull(),
}, (t) => [primaryKey({ columns: [t.viewerId, t.itemId] })]);

/** One answer per viewer, poll and question (the key refuses a second). */
export const ondemandPollAnswers = sqliteTable('ondemand_poll_answers', {
  viewerId: text('viewer_id').notNull().references(() => ondemandViewers.id, { onDelete: 'cascade' }),
  pollId: text('poll_id').notNull(),
  questionId: text('question_id').notNull(),
  /** `{ choiceIds: string[] }` or `{ text: string }`. */
  answer: text('answer', { mode: 'json' }).notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.viewerId, t.pollId, t.questionId] })]);

export const ondemandMessages = sqliteTable('ondemand_messages', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  viewerId: text('viewer_id').notNull().references(() => ondemandViewers.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  /** Where the answer goes (the gate's address, or one given with the message). */
  replyTo: text('reply_to'),
  answer: text('answer'),
  answeredAt: timestamp('answered_at'),
  /** The answer's e-mail in the mail queue (its status is read from there). */
  mailId: text('mail_id'),
  createdAt: createdAt(),
}, (t) => [index('ondemand_messages_event_idx').on(t.eventId, t.createdAt)]);
