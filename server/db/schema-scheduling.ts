import { sqliteTable, text, integer, index, uniqueIndex, blob } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';
import { eventTokens, events } from './schema-events.ts';

/**
 * Scheduling around an event (EV-2, EV-5..9): registration form and registrants,
 * invitations, reminders, appearance. Kept out of `events` so the areas merge apart.
 */

/** One row per event that has any scheduling setting; absent means the defaults. */
export const eventScheduling = sqliteTable('event_scheduling', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  registrationEnabled: integer('registration_enabled', { mode: 'boolean' }).notNull().default(false),
  /** RegistrationFields as JSON: which standard fields the form shows and which it requires. */
  registrationFields: text('registration_fields', { mode: 'json' }).notNull(),
  /** RegistrationQuestion[] as JSON. */
  registrationQuestions: text('registration_questions', { mode: 'json' }).notNull(),
  /** Minutes before the start at which reminders go out, e.g. [1440, 15]. */
  reminderMinutes: text('reminder_minutes', { mode: 'json' }).notNull(),
  thankYouEmail: integer('thank_you_email', { mode: 'boolean' }).notNull().default(true),
  /** iCalendar SEQUENCE: raised with every update sent, so calendars replace the old entry. */
  calendarSequence: integer('calendar_sequence').notNull().default(0),
  /** EV-8 colours as #rrggbb; null means the product's own. */
  primaryColor: text('primary_color'),
  backgroundColor: text('background_color'),
  updatedAt: timestamp('updated_at').notNull(),
});

/** Logo and background image of an event (EV-8), small enough to live in the database. */
export const eventImages = sqliteTable('event_images', {
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['logo', 'background'] }).notNull(),
  contentType: text('content_type').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  /** Short content hash: the ETag and the cache-busting part of the URL. */
  hash: text('hash').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('event_images_kind_idx').on(t.eventId, t.kind)]);

/**
 * People who will come: registrants (EV-5) and invitees (EV-6) share one table, since
 * both get a personal link, reminders and updates; `source` tells which, `role` whether
 * the link opens the room as presenter. One row per event, address and role.
 */
export const eventGuests = sqliteTable('event_guests', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  source: text('source', { enum: ['registration', 'invitation'] }).notNull(),
  role: text('role', { enum: ['attendee', 'presenter'] }).notNull(),
  email: text('email').notNull(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  company: text('company').notNull().default(''),
  phone: text('phone').notNull().default(''),
  /** Answers to the custom questions, by question id. */
  answers: text('answers', { mode: 'json' }).notNull(),
  /** The personal access token (event_tokens) behind the attendee's link. */
  tokenId: text('token_id').references(() => eventTokens.id, { onDelete: 'set null' }),
  language: text('language', { enum: ['en', 'pl'] }).notNull(),
  /** The guest's own IANA zone when known (the registration page sends the browser's). */
  timeZone: text('time_zone'),
  lastSentAt: timestamp('last_sent_at'),
  sentCount: integer('sent_count').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('event_guests_email_idx').on(t.eventId, t.email, t.role), index('event_guests_token_idx').on(t.tokenId)]);

/** Per-account mail settings: signature (ACC-5), default language, private calendar feed key. */
export const accountMailSettings = sqliteTable('account_mail_settings', {
  accountId: text('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  /** Null: the product's own signature. */
  signature: text('signature'),
  language: text('language', { enum: ['en', 'pl'] }).notNull().default('en'),
  calendarFeedKey: text('calendar_feed_key').unique(),
  updatedAt: timestamp('updated_at').notNull(),
});
