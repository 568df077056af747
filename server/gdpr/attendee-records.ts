import type Database from 'better-sqlite3';
import { accountScopes, exportRow, quoteIdentifier as q, scopedRows, type TableScope } from './data-scope.ts';
import type { Subject } from './attendee-subject.ts';

/**
 * The rows that are about one attendee, in every table of the account's scope: rows of
 * their participants (any `participant_id` column), their own participant, registration
 * and contact rows, and any row whose text mentions their e-mail or one of their names
 * (mail, webhook payloads, job payloads, labels). Generic over the schema, so a table
 * added later is covered as soon as it references a participant or holds the address.
 */

/** The organizer's own people: an attendee's erasure never edits the account's logins or consultants. */
export const STAFF_TABLES = new Set(['accounts', 'users', 'sessions', 'api_keys', 'callme_consultants', 'callme_consultant_sessions']);

export interface SubjectRows {
  scope: TableScope;
  rows: Record<string, unknown>[];
}

const isText = (type: string) => type === '' || type.includes('char') || type.includes('text') || type.includes('clob');

export function textColumns(scope: TableScope): string[] {
  return scope.columns.filter((c) => isText(c.type)).map((c) => c.name);
}

export function subjectRows(sqlite: Database.Database, subject: Subject): SubjectRows[] {
  const needles = [subject.email, ...subject.names].flatMap((n) => [n, n.toLowerCase()]);
  const found: SubjectRows[] = [];
  for (const scope of accountScopes(sqlite, subject.accountId)) {
    if (STAFF_TABLES.has(scope.table)) continue;
    const conditions: string[] = [];
    const params: unknown[] = [];
    const own = (column: string, ids: string[]) => {
      if (ids.length === 0 || !scope.columns.some((c) => c.name === column)) return;
      conditions.push(`${q(column)} in (${ids.map(() => '?').join(',')})`);
      params.push(...ids);
    };
    own('participant_id', subject.participantIds);
    if (scope.table === 'participants') own('id', subject.participantIds);
    if (scope.table === 'event_guests') own('id', subject.guestIds);
    if (scope.table === 'contacts') own('id', subject.contactIds);
    if (scope.table === 'contact_group_members') own('contact_id', subject.contactIds);
    for (const column of textColumns(scope)) {
      for (const needle of new Set(needles)) {
        conditions.push(`${q(column)} like ? escape '\\'`);
        params.push(`%${needle.replace(/[\\%_]/g, '\\$&')}%`);
      }
    }
    if (conditions.length === 0) continue;
    const rows = scopedRows(sqlite, scope, conditions.join(' or '), params);
    if (rows.length > 0) found.push({ scope, rows });
  }
  return found;
}

export interface Consent {
  kind: 'registration' | 'reminder-mail';
  email: string;
  eventId: string | null;
  eventName: string | null;
  text: string;
  given: boolean;
  at: string;
}

/**
 * What was agreed to and when: each consent question ticked on registration (at the
 * registration's time) and each withdrawal of reminder mail (the one-click
 * unsubscribe). For one attendee (`who`), or for the whole account without it.
 */
export function consentsOf(sqlite: Database.Database, accountId: string, who?: { guestIds: string[]; email: string }): Consent[] {
  const consents: Consent[] = [];
  const guestFilter = who ? (who.guestIds.length === 0 ? '0' : `g.id in (${who.guestIds.map(() => '?').join(',')})`) : 'e.account_id = ?';
  const rows = sqlite.prepare(`select g.email, g.answers, g.created_at, e.id as event_id, e.name as event_name, s.registration_questions
    from event_guests g join events e on e.id = g.event_id left join event_scheduling s on s.event_id = g.event_id where g.source = 'registration' and ${guestFilter}`)
    .all(...(who ? who.guestIds : [accountId])) as { email: string; answers: string; created_at: number; event_id: string; event_name: string; registration_questions: string | null }[];
  for (const row of rows) {
    const answers = JSON.parse(row.answers || '{}') as Record<string, unknown>;
    const questions = JSON.parse(row.registration_questions ?? '[]') as { id: string; type: string; label: string }[];
    for (const question of questions.filter((x) => x.type === 'consent')) {
      consents.push({ kind: 'registration', email: row.email, eventId: row.event_id, eventName: row.event_name, text: question.label, given: answers[question.id] === true, at: new Date(row.created_at).toISOString() });
    }
  }
  const withdrawals = sqlite.prepare(`select email, created_at from mail_unsubscribes where account_id = ?${who ? ' and lower(email) = ?' : ''}`).all(accountId, ...(who ? [who.email] : [])) as { email: string; created_at: number }[];
  for (const w of withdrawals) consents.push({ kind: 'reminder-mail', email: w.email, eventId: null, eventName: null, text: 'Reminder and event e-mail withdrawn (one-click unsubscribe)', given: false, at: new Date(w.created_at).toISOString() });
  return consents.sort((a, b) => a.at.localeCompare(b.at));
}

/** The machine-readable export of one attendee (GDPR-1, GDPR-2): every row about them, by table, and their consents. */
export function attendeeExport(sqlite: Database.Database, subject: Subject, now: Date) {
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const { scope, rows } of subjectRows(sqlite, subject)) records[scope.table] = rows.map((row) => exportRow(row, scope.columns));
  return {
    exportedAt: now.toISOString(),
    subject: { email: subject.email, names: subject.names },
    consents: consentsOf(sqlite, subject.accountId, { guestIds: subject.guestIds, email: subject.email }),
    records,
  };
}
