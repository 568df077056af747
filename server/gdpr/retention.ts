import type Database from 'better-sqlite3';

/**
 * Retention (GDPR-4): once an event ended longer ago than the retention period, the
 * personal data of its attendees is anonymised. Kept: their names and e-mails (for
 * legal claims, with the billing history, which is not touched at all), and what is
 * no longer about a person (counts, times, device type and country without the
 * address). Removed: network addresses, phone, company and answers given on
 * registration, free-text poll answers, rating comments, chat and question texts, the
 * event's mail and webhook payloads. Each event once (`event_retention`).
 */

/** An average Gregorian month, so "24 months" is the same span whatever the start date. */
export const MONTH_MS = 30.436875 * 24 * 3600 * 1000;
export const RETENTION_TEXT = 'removed after the retention period';

export function retentionCutoff(now: Date, months: number): Date {
  return new Date(now.getTime() - months * MONTH_MS);
}

/** Events that ended (or, never run, were over by their schedule) before the cutoff and are not done yet. */
export function eventsPastRetention(sqlite: Database.Database, cutoff: Date): string[] {
  return (sqlite.prepare(`select e.id from events e left join room_states r on r.event_id = e.id
    where e.id not in (select event_id from event_retention)
      and coalesce(case when r.status = 'ended' then r.ended_at end, case when r.status is null or r.status = 'waiting' then e.starts_at + e.duration_minutes * 60000 end) < ?`)
    .all(cutoff.getTime()) as { id: string }[]).map((r) => r.id);
}

/** Anonymises one event's attendee data; runs inside the caller's transaction (the job's claim). */
export function anonymiseEvent(sqlite: Database.Database, eventId: string, now: Date): void {
  const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(eventId, ...params);
  const ofParticipants = `(select id from participants where event_id = ? and role = 'attendee')`;
  run(`update attendance set address = null where event_id = ?`);
  run(`update attendee_clients set address = null where event_id = ?`);
  run(`update event_bans set address = null where event_id = ?`);
  run(`update event_guests set company = '', phone = '', answers = '{}', time_zone = null where event_id = ? and role = 'attendee'`);
  run(`update event_ratings set comment = '' where event_id = ?`);
  run(`update poll_answers set answer = '{"text":""}' where json_type(answer, '$.text') is not null and participant_id in ${ofParticipants}`);
  for (const table of ['chat_messages', 'questions']) {
    sqlite.prepare(`update ${table} set text = ? where event_id = ? and participant_id in (select id from participants where event_id = ? and role = 'attendee')`).run(RETENTION_TEXT, eventId, eventId);
  }
  run(`delete from mail_messages where event_id = ? and status in ('outbox', 'sent', 'failed')`);
  run(`delete from webhook_deliveries where event_id = ? and status != 'pending'`);
  sqlite.prepare(`insert into event_retention (event_id, anonymised_at) values (?, ?) on conflict do nothing`).run(eventId, now.getTime());
}

/** One sweep: every event past the period. Returns the ids it anonymised. */
export function runRetention(sqlite: Database.Database, now: Date, months: number): string[] {
  const due = eventsPastRetention(sqlite, retentionCutoff(now, months));
  for (const eventId of due) anonymiseEvent(sqlite, eventId, now);
  return due;
}
