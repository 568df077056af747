import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';

/**
 * Outgoing e-mail and the durable jobs that produce it. `event_id` is deliberately not
 * a foreign key: a cancellation must outlive the event it cancels.
 */

export const mailMessages = sqliteTable('mail_messages', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  eventId: text('event_id'),
  kind: text('kind').notNull(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  /** MailAttachment[] as JSON (content base64). */
  attachments: text('attachments', { mode: 'json' }).notNull(),
  headers: text('headers', { mode: 'json' }).notNull(),
  /** `outbox`: kept here because no provider is configured; `queued` → `sending` → `sent` | `failed`. */
  status: text('status', { enum: ['outbox', 'queued', 'sending', 'sent', 'failed'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at'),
  lastError: text('last_error'),
  providerId: text('provider_id'),
  /** Makes a message idempotent: the same reminder for the same person is written once. */
  dedupeKey: text('dedupe_key'),
  createdAt: createdAt(),
  sentAt: timestamp('sent_at'),
}, (t) => [
  index('mail_messages_account_idx').on(t.accountId, t.createdAt),
  index('mail_messages_due_idx').on(t.status, t.nextAttemptAt),
  uniqueIndex('mail_messages_dedupe_idx').on(t.dedupeKey),
]);

/** Work that must happen at a time, even if the server was down then (reminders, fan-outs). */
export const jobs = sqliteTable('jobs', {
  id: id(),
  kind: text('kind').notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  runAt: timestamp('run_at').notNull(),
  status: text('status', { enum: ['pending', 'done', 'failed', 'cancelled'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** The event the job is about, so a reschedule can cancel its reminders. */
  eventId: text('event_id'),
  dedupeKey: text('dedupe_key'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at'),
}, (t) => [index('jobs_due_idx').on(t.status, t.runAt), index('jobs_event_idx').on(t.eventId), uniqueIndex('jobs_dedupe_idx').on(t.dedupeKey)]);

/** GDPR-1: addresses that asked for no more reminder mail from an account. */
export const mailUnsubscribes = sqliteTable('mail_unsubscribes', {
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.accountId, t.email] })]);
