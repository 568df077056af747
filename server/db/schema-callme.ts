import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';

/**
 * The click-to-call and chat button (SPEC §9): packages, consultants, visitors, chats
 * and their lines, voice calls and ordered callbacks. The package's Colyseus room is
 * rebuilt from these tables after a restart (queue order = chat `queued_at`).
 */

export const callmePackages = sqliteTable('callme_packages', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  companyName: text('company_name').notNull(),
  companyUrl: text('company_url').notNull(),
  language: text('language').notNull(),
  timeZone: text('time_zone').notNull(),
  /** JSON of shared/callme-hours.ts WorkingHours. */
  hours: text('hours').notNull(),
  /** JSON array of origins allowed to embed the button (frame-ancestors). */
  websites: text('websites').notNull(),
  button: text('button').notNull(),
  page: text('page').notNull(),
  logo: blob('logo', { mode: 'buffer' }),
  logoType: text('logo_type'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [index('callme_packages_account_idx').on(t.accountId)]);

/**
 * Consultants are their own accounts inside the organizer's account: they log in to the
 * consultant app only (their own session cookie) and never see the dashboard.
 */
export const callmeConsultants = sqliteTable('callme_consultants', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  email: text('email').notNull().unique(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mayReceiveCalls: integer('may_receive_calls', { mode: 'boolean' }).notNull(),
  emailChatHistory: integer('email_chat_history', { mode: 'boolean' }).notNull(),
  status: text('status').notNull(),
  photo: blob('photo', { mode: 'buffer' }),
  photoType: text('photo_type'),
  createdAt: createdAt(),
}, (t) => [index('callme_consultants_account_idx').on(t.accountId)]);

/** `id` is the SHA-256 of the cookie value. */
export const callmeConsultantSessions = sqliteTable('callme_consultant_sessions', {
  id: id(),
  consultantId: text('consultant_id').notNull().references(() => callmeConsultants.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at').notNull(),
});

/** A browser that opened the widget or call page; `token_hash` is the SHA-256 of its bearer token. */
export const callmeVisitors = sqliteTable('callme_visitors', {
  id: id(),
  packageId: text('package_id').notNull().references(() => callmePackages.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  address: text('address').notNull(),
  userAgent: text('user_agent').notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at').notNull(),
}, (t) => [uniqueIndex('callme_visitors_token_idx').on(t.tokenHash), index('callme_visitors_package_idx').on(t.packageId)]);

export const callmeChats = sqliteTable('callme_chats', {
  id: id(),
  packageId: text('package_id').notNull().references(() => callmePackages.id, { onDelete: 'cascade' }),
  visitorId: text('visitor_id').notNull().references(() => callmeVisitors.id, { onDelete: 'cascade' }),
  /** queued → active (claimed by one consultant) → closed. */
  state: text('state').notNull(),
  consultantId: text('consultant_id').references(() => callmeConsultants.id, { onDelete: 'set null' }),
  queuedAt: timestamp('queued_at').notNull(),
  claimedAt: timestamp('claimed_at'),
  closedAt: timestamp('closed_at'),
}, (t) => [index('callme_chats_package_state_idx').on(t.packageId, t.state), index('callme_chats_visitor_idx').on(t.visitorId)]);

export const callmeMessages = sqliteTable('callme_messages', {
  id: id(),
  chatId: text('chat_id').notNull().references(() => callmeChats.id, { onDelete: 'cascade' }),
  author: text('author').notNull(),
  /** 'text', or 'call-proposal' ("Ask for a call"). */
  kind: text('kind').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
}, (t) => [index('callme_messages_chat_idx').on(t.chatId, t.createdAt)]);

export const callmeCalls = sqliteTable('callme_calls', {
  id: id(),
  packageId: text('package_id').notNull().references(() => callmePackages.id, { onDelete: 'cascade' }),
  visitorId: text('visitor_id').notNull().references(() => callmeVisitors.id, { onDelete: 'cascade' }),
  /** ringing → active → ended, or ringing → unanswered (everyone rejected). */
  state: text('state').notNull(),
  consultantId: text('consultant_id'),
  /** JSON array of consultant ids who rejected it. */
  rejectedBy: text('rejected_by').notNull(),
  createdAt: createdAt(),
  answeredAt: timestamp('answered_at'),
  endedAt: timestamp('ended_at'),
}, (t) => [index('callme_calls_package_idx').on(t.packageId)]);

export const callmeCallbacks = sqliteTable('callme_callbacks', {
  id: id(),
  packageId: text('package_id').notNull().references(() => callmePackages.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  date: text('date').notNull(),
  time: text('time').notNull(),
  at: timestamp('at').notNull(),
  address: text('address').notNull(),
  createdAt: createdAt(),
  doneAt: timestamp('done_at'),
}, (t) => [index('callme_callbacks_package_idx').on(t.packageId, t.at)]);
