import type Database from 'better-sqlite3';
import { AppError } from '../domain/app-error.ts';
import type { Subject } from './attendee-subject.ts';
import { rewriteMentions } from './mentions.ts';

/**
 * Rectification (GDPR-1): a new name or e-mail for one attendee everywhere the
 * organizer keeps it: their participants and the names on their chat lines and
 * questions, registrations and invitations, the contact, the label of their personal
 * link, mail not yet sent and their unsubscribe record. One transaction.
 */
export function rectifyAttendee(sqlite: Database.Database, subject: Subject, change: { name?: string | undefined; email?: string | undefined }): { updated: Record<string, number> } {
  const updated: Record<string, number> = {};
  const run = (table: string, sql: string, ...params: unknown[]) => {
    const n = sqlite.prepare(sql).run(...params).changes;
    // The same rows may have been reached by the sweep of mentions too: count them once.
    if (n > 0) updated[table] = Math.max(updated[table] ?? 0, n);
  };
  const list = (ids: string[]) => ids.map(() => '?').join(',') || "''";
  const people = subject.participantIds;
  const guests = subject.guestIds;
  const contacts = subject.contactIds;
  const newEmail = change.email?.trim().toLowerCase();

  if (newEmail && newEmail !== subject.email) {
    const clash = sqlite.prepare(`select 1 from event_guests g join event_guests mine on mine.event_id = g.event_id and mine.role = g.role
      where mine.id in (${list(guests)}) and lower(g.email) = ? limit 1`).get(...guests, newEmail)
      ?? sqlite.prepare(`select 1 from contacts where account_id = ? and lower(email) = ?`).get(subject.accountId, newEmail);
    if (clash) throw new AppError('email-in-use', 409, 'Someone else is already registered, invited or in the address book with that e-mail.', [{ field: 'newEmail', message: 'Already used by someone else in this account.' }]);
  }

  sqlite.transaction(() => {
    // Mentions anywhere else first (payloads, labels, lines that quoted the name), while the old words still find the rows.
    const newName = change.name?.trim();
    const swept = rewriteMentions(sqlite, subject, (found) => (found.toLowerCase() === subject.email ? (newEmail ?? found) : (newName ?? found)));
    Object.assign(updated, swept);
    if (change.name) {
      const name = change.name.trim();
      const [first, ...rest] = name.split(/\s+/);
      run('participants', `update participants set name = ? where id in (${list(people)})`, name, ...people);
      run('chat_messages', `update chat_messages set name = ? where participant_id in (${list(people)})`, name, ...people);
      run('questions', `update questions set author_name = ? where participant_id in (${list(people)})`, name, ...people);
      run('event_guests', `update event_guests set first_name = ?, last_name = ? where id in (${list(guests)})`, first ?? '', rest.join(' '), ...guests);
      run('contacts', `update contacts set first_name = ?, last_name = ?, updated_at = ? where id in (${list(contacts)})`, first ?? '', rest.join(' '), Date.now(), ...contacts);
    }
    if (newEmail && newEmail !== subject.email) {
      run('participants', `update participants set email = ? where id in (${list(people)})`, newEmail, ...people);
      run('event_tokens', `update event_tokens set label = ? where lower(label) = ? and id in (select token_id from event_guests where id in (${list(guests)}))`, newEmail, subject.email, ...guests);
      run('event_guests', `update event_guests set email = ? where id in (${list(guests)})`, newEmail, ...guests);
      run('contacts', `update contacts set email = ?, updated_at = ? where id in (${list(contacts)})`, newEmail, Date.now(), ...contacts);
      run('mail_messages', `update mail_messages set "to" = ? where account_id = ? and lower("to") = ? and status in ('outbox', 'queued')`, newEmail, subject.accountId, subject.email);
      run('mail_unsubscribes', `update or ignore mail_unsubscribes set email = ? where account_id = ? and lower(email) = ?`, newEmail, subject.accountId, subject.email);
      sqlite.prepare(`delete from mail_unsubscribes where account_id = ? and lower(email) = ?`).run(subject.accountId, subject.email);
    }
  }).immediate();
  return { updated };
}
