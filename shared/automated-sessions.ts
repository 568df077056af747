import * as v from 'valibot';
import { localClock, slotInstant } from './callme-hours.ts';

/**
 * Sessions of an automated webinar (AUTO-1): the times its timeline plays. Each session is
 * an event of its own on the server (its own room, registrants, attendance, statistics and
 * links); the series is the event the organizer made, whose own start is its first session.
 * Sessions come one by one (`AddSessionBody`) or from a weekly rule (`RecurrenceRule`) read in
 * the event's time zone, so "every weekday at 10:00" stays at 10:00 across both DST changes.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Sessions a rule creates ahead of time; later ones are made as time goes by. */
export const RULE_HORIZON_DAYS = 28;
/** More sessions than this at once are refused: a rule of every day for a month is 28. */
export const SESSIONS_MAX = 100;

const LocalDate = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use a date such as 2027-03-29.'));
const LocalTime = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 10:00.'));
const Instant = v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00+01:00.'));

export const RecurrenceRule = v.pipe(
  v.object({
    weekdays: v.pipe(v.array(v.picklist(WEEKDAYS)), v.minLength(1, 'Pick at least one day of the week.'), v.maxLength(7), v.check((days) => new Set(days).size === days.length, 'Each day of the week once.')),
    /** The wall-clock time in the event's zone. */
    time: LocalTime,
    /** First and last local date (inclusive); no end: on and on, RULE_HORIZON_DAYS ahead. */
    from: LocalDate,
    until: v.optional(v.nullable(LocalDate), null),
  }),
  v.forward(v.check((r) => r.until === null || r.until >= r.from, 'The last day cannot be before the first.'), ['until']),
);
export type RecurrenceRule = v.InferOutput<typeof RecurrenceRule>;

export const AddSessionBody = v.object({ startsAt: Instant });
export const RescheduleSessionBody = v.object({
  startsAt: Instant,
  /** Send the registrants an updated invitation (with the calendar entry); their links stay the same. */
  notify: v.optional(v.boolean(), false),
});
export const SessionRuleBody = v.object({ rule: v.nullable(RecurrenceRule) });

export const SessionOut = v.object({
  /** The session's own public event id: its room is /room/{id}, its registrations /register/{id}. */
  id: v.number(),
  /** The series' own start (the event the organizer made) is its first session. */
  primary: v.boolean(),
  fromRule: v.boolean(),
  startsAt: v.string(),
  status: v.picklist(['waiting', 'live', 'ended']),
  roomUrl: v.string(),
  registrationUrl: v.string(),
  registrants: v.number(),
  attendees: v.number(),
});
export type SessionOut = v.InferOutput<typeof SessionOut>;
export const SessionsOut = v.object({ seriesId: v.number(), timeZone: v.string(), rule: v.nullable(RecurrenceRule), sessions: v.array(SessionOut) });
export type SessionsOut = v.InferOutput<typeof SessionsOut>;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const weekdayOf = (date: string): Weekday => WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7] as Weekday;

/**
 * The starts of `rule` in `zone` within [from, to), ascending, at most `max`. Each is the
 * instant the local clock first shows the rule's time that day (on the autumn change a
 * 02:30 happens twice: the first is meant); a time the spring change skips (02:30 on
 * the last Sunday of March in Warsaw) becomes the same wall time an hour later.
 */
export function occurrences(rule: RecurrenceRule, zone: string, from: Date, to: Date, max = SESSIONS_MAX): Date[] {
  const found: Date[] = [];
  const days = new Set(rule.weekdays);
  // One day of slack each side: a local date can begin before its UTC date does.
  let date = addDays(localClock(from, zone).date, -1);
  if (date < rule.from) date = rule.from;
  const lastDate = addDays(localClock(to, zone).date, 1);
  while (date <= lastDate && (rule.until === null || date <= rule.until) && found.length < max) {
    if (days.has(weekdayOf(date))) {
      const at = slotInstant(date, rule.time, zone);
      if (at.getTime() >= from.getTime() && at.getTime() < to.getTime()) found.push(at);
    }
    date = addDays(date, 1);
  }
  return found;
}
