import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';
import { events, participants } from './schema-events.ts';

/**
 * After the event (POST-1, POST-4, GDPR-4): what the attendance report needs beyond the
 * stays in `attendance`, the organizer's outgoing webhooks and their delivery log, and
 * which events the retention job has already anonymised.
 */

/** The device a participant last joined from (parsed from the User-Agent) and the country of their address. */
export const attendeeClients = sqliteTable('attendee_clients', {
  participantId: text('participant_id').primaryKey().references(() => participants.id, { onDelete: 'cascade' }),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  device: text('device').notNull(),
  os: text('os').notNull(),
  browser: text('browser').notNull(),
  /** ISO 3166 alpha-2, or null when the offline database does not know the address. */
  country: text('country'),
  /** Kept only until the retention job runs over the ended event. */
  address: text('address'),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [index('attendee_clients_event_idx').on(t.eventId)]);

/** The 1–5 rating and comment asked on the thank-you page; one per participant (a second one replaces it). */
export const eventRatings = sqliteTable('event_ratings', {
  participantId: text('participant_id').primaryKey().references(() => participants.id, { onDelete: 'cascade' }),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  rating: integer('rating').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [index('event_ratings_event_idx').on(t.eventId)]);

export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** WebhookEventType[] as JSON. */
  eventTypes: text('event_types', { mode: 'json' }).notNull(),
  /** Standard Webhooks secret, `whsec_` + base64 of 32 random bytes. */
  secret: text('secret').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
}, (t) => [index('webhook_endpoints_account_idx').on(t.accountId)]);

/**
 * One message to one endpoint, durable: the delivery loop picks due rows, so a restart
 * resumes retries where they were. `id` is the Standard Webhooks `webhook-id`, the same
 * on every attempt and on "Resend", so receivers can deduplicate.
 */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: id(),
  endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  eventType: text('event_type').notNull(),
  /** The internal event id the message is about, when there is one (erasure and retention find it by this). */
  eventId: text('event_id'),
  payload: text('payload', { mode: 'json' }).notNull(),
  /** `pending` (due at next_attempt_at) → `delivered` | `failed` (gave up) | `refused` (forbidden destination). */
  status: text('status', { enum: ['pending', 'delivered', 'failed', 'refused'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at'),
  /** Set while an attempt is in flight, so a second loop (or a crash) does not send it twice at once. */
  lockedUntil: timestamp('locked_until'),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  /** The first 1 KB of the last response body, nothing more. */
  lastResponse: text('last_response'),
  createdAt: createdAt(),
  deliveredAt: timestamp('delivered_at'),
}, (t) => [
  index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  index('webhook_deliveries_account_idx').on(t.accountId, t.createdAt),
]);

/** Every attempt of a delivery, for the log. */
export const webhookAttempts = sqliteTable('webhook_attempts', {
  id: id(),
  deliveryId: text('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  statusCode: integer('status_code'),
  error: text('error'),
  durationMs: integer('duration_ms').notNull(),
  createdAt: createdAt(),
}, (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)]);

/** Events the retention job has anonymised (GDPR-4), so it does each once. */
export const eventRetention = sqliteTable('event_retention', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  anonymisedAt: timestamp('anonymised_at').notNull(),
});
