import { integer, text } from 'drizzle-orm/sqlite-core';

/** Column helpers shared by the schema files: ids are random text, times are epoch milliseconds. */
export const id = () => text('id').primaryKey();
export const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
