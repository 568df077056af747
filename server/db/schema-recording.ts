import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';
import { events } from './schema-events.ts';

/**
 * Recordings (ROOM-13, POST-2). One row per REC press; its parts are the stretches a
 * recorder process wrote (a crash and a restart make a new part), joined into one MP4
 * at the stop. Files live under DATA_DIR/recordings/<id>/, named by the server only.
 */
export const recordings = sqliteTable('recordings', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  /** builtin | egress */
  backend: text('backend').notNull(),
  /** recording | paused | processing | ready | failed (see shared/recording-schemas.ts). */
  state: text('state').notNull(),
  /** REC is on: the host has not stopped it and the event has not ended (a restart resumes it). */
  active: integer('active', { mode: 'boolean' }).notNull(),
  /** The playable file was made from the parts so far after a crash; more may follow. */
  partial: integer('partial', { mode: 'boolean' }).notNull().default(false),
  language: text('language').notNull(),
  startedAt: timestamp('started_at').notNull(),
  endedAt: timestamp('ended_at'),
  durationMs: integer('duration_ms'),
  sizeBytes: integer('size_bytes'),
  trimInMs: integer('trim_in_ms'),
  trimOutMs: integer('trim_out_ms'),
  error: text('error'),
  createdAt: createdAt(),
}, (t) => [index('recordings_account_idx').on(t.accountId, t.startedAt), index('recordings_event_idx').on(t.eventId, t.active)]);

/** What one recorder process wrote: its file, and the wall-clock spans in it (pauses fall between). */
export const recordingParts = sqliteTable('recording_parts', {
  id: id(),
  recordingId: text('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  /** writing | closed */
  state: text('state').notNull(),
  /** JSON [{ from, to }] in ms since the epoch, written as the recorder reports them. */
  kept: text('kept').notNull().default('[]'),
  durationMs: integer('duration_ms'),
  /** LiveKit Egress: the egress that writes this part (unique: a webhook finds its part by it). */
  egressId: text('egress_id').unique(),
  /** The rank of the last egress status applied (STARTING 0 < ACTIVE 1 < ENDING 2 < ended 3): states only move forward. */
  egressRank: integer('egress_rank').notNull().default(-1),
  error: text('error'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('recording_parts_seq_idx').on(t.recordingId, t.seq)]);

/** Unguessable, revocable links to watch a recording without signing in (POST-2). */
export const recordingShares = sqliteTable('recording_shares', {
  id: id(),
  recordingId: text('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
  token: text('token').notNull().unique(),
  revokedAt: timestamp('revoked_at'),
  createdAt: createdAt(),
});

/** Per-account recording settings: start recording when the event starts. */
export const recordingSettings = sqliteTable('recording_settings', {
  accountId: text('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  autostart: integer('autostart', { mode: 'boolean' }).notNull().default(false),
});

/** Egress webhook ids already applied: LiveKit may deliver one twice. */
export const egressWebhookEvents = sqliteTable('egress_webhook_events', {
  id: text('id').primaryKey(),
  receivedAt: createdAt(),
});
