import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { accounts, users } from './schema-accounts.ts';

/** Events (EV-1..4), their access tokens (EV-3) and the people who joined them. */

export const events = sqliteTable('events', {
  id: id(),
  /** The numeric id people type on the join page (EV-4); random, so ids cannot be walked. */
  publicId: integer('public_id').notNull().unique(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['webinar', 'meeting', 'automated', 'on_demand'] }).notNull(),
  name: text('name').notNull(),
  startsAt: timestamp('starts_at').notNull(),
  timeZone: text('time_zone').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  accessType: text('access_type', { enum: ['public', 'password', 'token'] }).notNull(),
  /** HMAC of the shared event password (never stored in clear). */
  passwordHash: text('password_hash'),
  /** The secret in the presenter link. */
  presenterKey: text('presenter_key').notNull(),
  description: text('description').notNull().default(''),
  /** Shown in the waiting room (EV-7). */
  agenda: text('agenda').notNull().default(''),
  waitingMessage: text('waiting_message').notNull().default(''),
  /** Where attendees go when the host ends the event (EV-9); our own thank-you page when null. */
  thankYouUrl: text('thank_you_url'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [index('events_account_idx').on(t.accountId, t.startsAt)]);

export const eventTokens = sqliteTable('event_tokens', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  token: text('token').notNull().unique(),
  label: text('label'),
  singleUse: integer('single_use', { mode: 'boolean' }).notNull(),
  usedAt: timestamp('used_at'),
  /** The participant the token first admitted: a single-use token lets only them back in. */
  participantId: text('participant_id'),
  createdAt: createdAt(),
  /** Issue 10: a personal presenter link is a token with the presenter role. */
  role: text('role', { enum: ['attendee', 'presenter'] }).notNull().default('attendee'),
  /** Revoked tokens stay, so their link is answered "no longer valid" rather than "unknown". */
  revokedAt: timestamp('revoked_at'),
  expiresAt: timestamp('expires_at'),
}, (t) => [index('event_tokens_event_idx').on(t.eventId)]);

export const participants = sqliteTable('participants', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['host', 'presenter', 'attendee'] }).notNull(),
  name: text('name').notNull(),
  email: text('email'),
  userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastJoinedAt: timestamp('last_joined_at'),
  handRaised: integer('hand_raised', { mode: 'boolean' }).notNull().default(false),
  /** ROOM-4: the host gave this attendee the microphone and camera. */
  mediaGranted: integer('media_granted', { mode: 'boolean' }).notNull().default(false),
  /** Removed or banned from the event: refused at the door from then on. */
  excluded: text('excluded', { enum: ['removed', 'banned'] }),
  excludedAt: timestamp('excluded_at'),
}, (t) => [index('participants_event_idx').on(t.eventId), index('participants_email_idx').on(t.eventId, t.email)]);

/** A ban also holds the address the banned person came from, so a new registration does not get round it. */
export const eventBans = sqliteTable('event_bans', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  email: text('email'),
  address: text('address'),
  createdAt: createdAt(),
}, (t) => [index('event_bans_event_idx').on(t.eventId)]);

/** Every entry and exit of the room, with times, for attendance statistics. */
export const attendance = sqliteTable('attendance', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  joinedAt: timestamp('joined_at').notNull(),
  leftAt: timestamp('left_at'),
  address: text('address'),
}, (t) => [index('attendance_event_idx').on(t.eventId, t.participantId)]);
