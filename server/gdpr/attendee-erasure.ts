import type Database from 'better-sqlite3';
import { quoteIdentifier as q } from './data-scope.ts';
import { REMOVED_USER, type Subject } from './attendee-subject.ts';
import { subjectRows } from './attendee-records.ts';
import { rewriteMentions } from './mentions.ts';

/**
 * Erasure of one attendee across the organizer's events (GDPR-2). What they wrote in
 * the room stays in the transcript as "removed user" (its text too, unless the organizer
 * keeps the text); everything else about them is deleted: stays, answers, clicks,
 * ratings, devices, registrations, invitations, contact, mail. Last, every remaining
 * mention of the e-mail or a name in the account's rows is overwritten, whatever table
 * it sits in. One transaction: it happens completely or not at all.
 */

/** Rows of theirs that are kept with the author removed: the column holding what they wrote. */
const AUTHORED: Record<string, string> = { chat_messages: 'text', questions: 'text' };
/** Their participant rows stay (the kept lines point at them) but say nothing about them. */
const PARTICIPANT_ANONYMOUS = { name: REMOVED_USER, email: null, user_id: null };

export interface ErasureResult {
  deleted: Record<string, number>;
  anonymised: Record<string, number>;
}

export function eraseAttendee(sqlite: Database.Database, subject: Subject, options: { keepText: boolean }): ErasureResult {
  const result: ErasureResult = { deleted: {}, anonymised: {} };
  const count = (bucket: Record<string, number>, table: string, n: number) => {
    if (n > 0) bucket[table] = (bucket[table] ?? 0) + n;
  };
  const mine = new Set(subject.participantIds);
  const guests = new Set(subject.guestIds);
  const contacts = new Set(subject.contactIds);
  const address = subject.email;

  sqlite.transaction(() => {
    for (const { scope, rows } of subjectRows(sqlite, subject)) {
      const table = scope.table;
      const names = new Set(scope.columns.map((c) => c.name));
      const byRowid = sqlite.prepare(`delete from ${q(table)} where rowid = ?`);
      for (const row of rows) {
        const rowid = row.__rowid as number;
        const ownsRow = (names.has('participant_id') && mine.has(row.participant_id as string))
          || (table === 'event_guests' && guests.has(row.id as string))
          || (table === 'contacts' && contacts.has(row.id as string))
          || (table === 'contact_group_members' && contacts.has(row.contact_id as string))
          // Mail to them (the outbox, reminders not yet sent) and their unsubscribe record.
          || (['email', 'to'].some((c) => names.has(c) && String(row[c] ?? '').toLowerCase() === address) && table !== 'participants');
        if (table === 'participants' && mine.has(row.id as string)) {
          sqlite.prepare(`update participants set name = ?, email = ?, user_id = ? where rowid = ?`).run(PARTICIPANT_ANONYMOUS.name, PARTICIPANT_ANONYMOUS.email, PARTICIPANT_ANONYMOUS.user_id, rowid);
          count(result.anonymised, table, 1);
          continue;
        }
        if (ownsRow && AUTHORED[table]) {
          const textColumn = AUTHORED[table]!;
          const authorColumns = scope.columns.filter((c) => /(^|_)name$/.test(c.name)).map((c) => c.name);
          const sets = [...authorColumns.map((c) => `${q(c)} = ?`), ...(options.keepText ? [] : [`${q(textColumn)} = ?`])];
          sqlite.prepare(`update ${q(table)} set ${sets.join(', ')} where rowid = ?`).run(...authorColumns.map(() => REMOVED_USER), ...(options.keepText ? [] : [REMOVED_USER]), rowid);
          count(result.anonymised, table, 1);
          continue;
        }
        if (ownsRow) {
          count(result.deleted, table, byRowid.run(rowid).changes);
        }
      }
    }
    // What is left mentions them only in passing: overwrite those words, nothing else.
    const swept = rewriteMentions(sqlite, subject, () => REMOVED_USER, true);
    for (const [table, n] of Object.entries(swept)) count(result.anonymised, table, n);
  }).immediate();
  return result;
}
