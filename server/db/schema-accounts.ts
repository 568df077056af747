import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';

/** Organizer accounts (ACC-1), their users (ACC-2 multi-user), dashboard sessions and API keys. */

export const accounts = sqliteTable('accounts', {
  id: id(),
  name: text('name').notNull(),
  plan: text('plan').notNull(),
  trialEndsAt: timestamp('trial_ends_at'),
  createdAt: createdAt(),
});

export const users = sqliteTable('users', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
}, (t) => [index('users_account_idx').on(t.accountId)]);

/** A dashboard session; `id` is the SHA-256 of the cookie value, so a stolen database opens nothing. */
export const sessions = sqliteTable('sessions', {
  id: id(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at').notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const apiKeys = sqliteTable('api_keys', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  /** SHA-256 of the key: keys have 192 random bits, so a fast hash is enough. */
  keyHash: text('key_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at'),
  revokedAt: timestamp('revoked_at'),
}, (t) => [index('api_keys_account_idx').on(t.accountId)]);
