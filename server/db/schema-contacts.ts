import { sqliteTable, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { accounts } from './schema-accounts.ts';

/** The account's address book (EV-11): contacts and groups of contacts. */

export const contacts = sqliteTable('contacts', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  company: text('company').notNull().default(''),
  phone: text('phone').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at').notNull(),
}, (t) => [uniqueIndex('contacts_email_idx').on(t.accountId, t.email)]);

export const contactGroups = sqliteTable('contact_groups', {
  id: id(),
  accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('contact_groups_name_idx').on(t.accountId, t.name)]);

export const contactGroupMembers = sqliteTable('contact_group_members', {
  groupId: text('group_id').notNull().references(() => contactGroups.id, { onDelete: 'cascade' }),
  contactId: text('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.groupId, t.contactId] }), index('contact_group_members_contact_idx').on(t.contactId)]);
