import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';
import { events } from './schema-events.ts';

/**
 * The file library of each account (POST-3). A row exists from the moment an upload is
 * admitted: its `sizeBytes` is the declared length, so concurrent uploads see each
 * other's reservation when the quota is checked (the quota race). Files on disk are
 * named after `id` only; the user's name is a label and never reaches a path.
 */
export const files = sqliteTable('files', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** The name the user sees (validated, never used on disk). */
  name: text('name').notNull(),
  /** pdf | document | video | audio | image, decided by sniffing the content. */
  kind: text('kind').notNull().default(''),
  /** The sniffed type of the original (e.g. application/pdf). */
  mime: text('mime').notNull().default(''),
  sizeBytes: integer('size_bytes').notNull(),
  /** uploading → queued → converting → ready | failed. */
  status: text('status').notNull(),
  /** 0–100 while converting. */
  progress: integer('progress').notNull().default(0),
  /** What went wrong, in words the user can act on (the whole file). */
  error: text('error'),
  /** Pages that could not be drawn, as JSON [{ page, message }] (each shows a placeholder). */
  pageErrors: text('page_errors'),
  pages: integer('pages'),
  durationMs: integer('duration_ms'),
  width: integer('width'),
  height: integer('height'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [index('files_account_idx').on(t.accountId, t.createdAt), index('files_status_idx').on(t.status, t.updatedAt)]);

/**
 * A resumable upload (POST-3): the files row (status `uploading`, its declared size
 * reserved against the quota) plus when it is dropped if nobody sends more. The bytes
 * received so far are `.incoming/<fileId>` on disk, whose length is the offset to
 * resume from; a restart keeps both.
 */
export const fileUploads = sqliteTable('file_uploads', {
  fileId: text('file_id').primaryKey().references(() => files.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at').notNull(),
}, (t) => [index('file_uploads_expiry_idx').on(t.expiresAt)]);

/**
 * What a live room shows from the file library (ROOM-12): a presentation and its page,
 * or a video and its playback anchor. One row per event, rewritten on every change, so
 * a restarted server puts the same page and the same position back on the stage.
 */
export const stageMedia = sqliteTable('stage_media', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  /** The StageMediaModel as JSON (shared/stage-media.ts). */
  state: text('state').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
