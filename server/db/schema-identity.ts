import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, timestamp } from './columns.ts';
import { eventTokens, events, participants } from './schema-events.ts';

/**
 * Joining with proof (issue 10): where each personal link was used, and the event's
 * access settings that the events table does not hold.
 */

/** Every entry through a personal link: the organizer sees where (which device, address) a link was used. */
export const personalLinkUses = sqliteTable('personal_link_uses', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  tokenId: text('token_id').notNull().references(() => eventTokens.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
  usedAt: timestamp('used_at').notNull(),
  address: text('address'),
  /** "Chrome 120 on Linux": from the User-Agent, so the organizer can tell two devices apart. */
  device: text('device'),
}, (t) => [index('personal_link_uses_token_idx').on(t.tokenId, t.usedAt)]);

/**
 * Per event: the password kept sealed (AES-GCM with a key from the server secret) so the
 * dashboard can show it to send out; the HMAC in `events.password_hash` stays what joins
 * are checked against. And whether the shared presenter link still opens the room.
 */
export const eventAccessSettings = sqliteTable('event_access_settings', {
  eventId: text('event_id').primaryKey().references(() => events.id, { onDelete: 'cascade' }),
  sealedPassword: text('sealed_password'),
  sharedPresenterLink: integer('shared_presenter_link', { mode: 'boolean' }).notNull().default(true),
  updatedAt: timestamp('updated_at').notNull(),
});
