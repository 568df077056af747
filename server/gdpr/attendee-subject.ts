import type Database from 'better-sqlite3';
import { notFound } from '../domain/app-error.ts';

/**
 * One attendee of an organizer, found by e-mail across all the account's events
 * (GDPR-2): the participants they were in rooms (also those admitted by their personal
 * link without typing an address), their registrations and invitations, their contact,
 * and every name they went by, which erasure must find wherever it was copied.
 */
export interface Subject {
  accountId: string;
  email: string;
  participantIds: string[];
  guestIds: string[];
  contactIds: string[];
  names: string[];
}

const fullName = (first: unknown, last: unknown) => `${String(first ?? '').trim()} ${String(last ?? '').trim()}`.trim();

export function findSubject(sqlite: Database.Database, accountId: string, email: string): Subject {
  const address = email.trim().toLowerCase();
  const guests = sqlite.prepare(`select g.id, g.first_name, g.last_name, g.token_id from event_guests g join events e on e.id = g.event_id where e.account_id = ? and lower(g.email) = ?`)
    .all(accountId, address) as { id: string; first_name: string; last_name: string; token_id: string | null }[];
  const tokenIds = guests.map((g) => g.token_id).filter((id): id is string => id !== null);
  const byToken = tokenIds.length === 0 ? [] : sqlite.prepare(`select participant_id as id from event_tokens where participant_id is not null and id in (${tokenIds.map(() => '?').join(',')})`).all(...tokenIds) as { id: string }[];
  const people = sqlite.prepare(`select p.id, p.name from participants p join events e on e.id = p.event_id where e.account_id = ? and lower(p.email) = ?`).all(accountId, address) as { id: string; name: string }[];
  const viaToken = byToken.length === 0 ? [] : sqlite.prepare(`select id, name from participants where id in (${byToken.map(() => '?').join(',')})`).all(...byToken.map((t) => t.id)) as { id: string; name: string }[];
  const contacts = sqlite.prepare(`select id, first_name, last_name from contacts where account_id = ? and lower(email) = ?`).all(accountId, address) as { id: string; first_name: string; last_name: string }[];

  const participants = new Map([...people, ...viaToken].map((p) => [p.id, p.name]));
  // Someone already erased is "removed user" everywhere; that is not a name to look for.
  const names = [...new Set([...participants.values(), ...guests.map((g) => fullName(g.first_name, g.last_name)), ...contacts.map((c) => fullName(c.first_name, c.last_name))])]
    .filter((n) => n.length >= 3 && n !== REMOVED_USER);
  if (participants.size === 0 && guests.length === 0 && contacts.length === 0) throw notFound('Attendee');
  return { accountId, email: address, participantIds: [...participants.keys()], guestIds: guests.map((g) => g.id), contactIds: contacts.map((c) => c.id), names };
}

/** What an erased person is called wherever a line of theirs is kept. */
export const REMOVED_USER = 'removed user';

/** A case-insensitive pattern for any of the strings (the e-mail and the names). */
export function needlePattern(needles: string[]): RegExp | null {
  const parts = [...new Set(needles.filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'gi');
}
