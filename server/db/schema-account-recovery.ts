import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns.ts';
import { users } from './schema-accounts.ts';

/**
 * ACC-4 password reset links and sign-up e-mail verification. Ids are the SHA-256 of
 * the token in the e-mailed link, so the table alone opens nothing.
 */

/** Single-use, expires an hour after it was asked for. */
export const passwordResets = sqliteTable('password_resets', {
  id: id(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
}, (t) => [index('password_resets_user_idx').on(t.userId)]);

/** A user with a row here and no `verified_at` has not confirmed their address yet and cannot log in. */
export const emailVerifications = sqliteTable('email_verifications', {
  id: id(),
  userId: text('user_id').notNull().unique().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at').notNull(),
  verifiedAt: timestamp('verified_at'),
});
