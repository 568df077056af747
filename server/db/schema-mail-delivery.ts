import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';

/**
 * An account's own SMTP server, set in the dashboard's mail settings; it takes
 * precedence over the server-wide transport from `.env`. The password is sealed with
 * the server's secret key (AES-256-GCM), so a copied database alone does not reveal it.
 */
export const accountMailTransports = sqliteTable('account_mail_transports', {
  accountId: text('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  secure: integer('secure', { mode: 'boolean' }).notNull(),
  user: text('user'),
  passwordSealed: text('password_sealed'),
  from: text('from').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
