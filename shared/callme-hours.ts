import * as v from 'valibot';
import { isValidTimeZone, wallTimeToInstant, zoneOffsetMinutes } from './time.ts';

/**
 * Working hours of a click-to-call package (CALL-1) and the "order a call" check
 * (CALL-3). Times are minutes after local midnight in the package's zone, always a
 * multiple of 30; shared by the dashboard form, the call page and the server, which
 * checks every order again.
 */

export const STEP_MINUTES = 30;
const DAY = 24 * 60;

const HalfHour = (field: string) =>
  v.pipe(v.number(), v.integer(), v.minValue(0, `${field} is before midnight.`), v.maxValue(DAY, `${field} is after midnight.`), v.check((m) => m % STEP_MINUTES === 0, `${field} must be on a 30-minute step.`));

/** One kind of day: closed, all day, or one range [open, close). */
export const DayHours = v.variant('kind', [
  v.object({ kind: v.literal('closed') }),
  v.object({ kind: v.literal('all-day') }),
  v.pipe(
    v.object({ kind: v.literal('range'), open: HalfHour('Opening time'), close: HalfHour('Closing time') }),
    v.forward(v.check((d) => d.close > d.open, 'The closing time must be after the opening time.'), ['close']),
  ),
]);
export type DayHours = v.InferOutput<typeof DayHours>;

export const WorkingHours = v.object({ weekdays: DayHours, saturday: DayHours, sunday: DayHours });
export type WorkingHours = v.InferOutput<typeof WorkingHours>;

export const TimeZone = v.pipe(v.string(), v.maxLength(64), v.check(isValidTimeZone, 'Use an IANA time zone such as Europe/Warsaw.'));

export const DEFAULT_HOURS: WorkingHours = { weekdays: { kind: 'range', open: 9 * 60, close: 17 * 60 }, saturday: { kind: 'closed' }, sunday: { kind: 'closed' } };

/** The hours that apply on a local date ("2026-03-29"): 0 = Sunday … 6 = Saturday. */
export function hoursOn(hours: WorkingHours, localDate: string): DayHours {
  const weekday = new Date(`${localDate}T12:00:00Z`).getUTCDay();
  return weekday === 0 ? hours.sunday : weekday === 6 ? hours.saturday : hours.weekdays;
}

/** The local date and minute of the day of `at` in `zone`. */
export function localClock(at: Date, zone: string): { date: string; minute: number } {
  const shifted = new Date(at.getTime() + zoneOffsetMinutes(zone, at) * 60000);
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

export const formatMinute = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The instant the wall clock in `zone` first shows `time` on `date`: on the autumn
 * Sunday 02:30 happens twice, and a visitor means the first one (summer time).
 */
export function slotInstant(date: string, time: string, zone: string): Date {
  const instant = wallTimeToInstant(`${date}T${time}`, zone);
  const hourEarlier = new Date(instant.getTime() - 3_600_000);
  const back = localClock(hourEarlier, zone);
  return back.date === date && formatMinute(back.minute) === time ? hourEarlier : instant;
}

/**
 * Whether the wall time "HH:MM" exists on `date` in `zone`: in Warsaw 02:00–02:59 on
 * the last Sunday of March never happens, so a slot there is refused rather than moved.
 */
function wallTimeExists(date: string, time: string, zone: string): boolean {
  const instant = wallTimeToInstant(`${date}T${time}`, zone);
  const back = localClock(instant, zone);
  return back.date === date && formatMinute(back.minute) === time;
}

/** Open now? (The call page shows "order a call" outside the hours.) */
export function isOpenAt(hours: WorkingHours, zone: string, at: Date): boolean {
  const { date, minute } = localClock(at, zone);
  const day = hoursOn(hours, date);
  return day.kind === 'all-day' || (day.kind === 'range' && minute >= day.open && minute < day.close);
}

/**
 * The half-hour slots a visitor may choose on `date`, as "HH:MM", in the package's zone:
 * inside that day's hours, existing on that day (DST), and not already past at `now`.
 */
export function slotsOn(hours: WorkingHours, zone: string, date: string, now: Date): string[] {
  const day = hoursOn(hours, date);
  if (day.kind === 'closed') return [];
  const [open, close] = day.kind === 'all-day' ? [0, DAY] : [day.open, day.close];
  const slots: string[] = [];
  for (let m = open; m < close; m += STEP_MINUTES) {
    const time = formatMinute(m);
    if (!wallTimeExists(date, time, zone)) continue;
    if (slotInstant(date, time, zone).getTime() <= now.getTime()) continue;
    slots.push(time);
  }
  return slots;
}

export const CallbackOrder = v.object({
  phone: v.pipe(v.string(), v.trim(), v.regex(/^\+?[0-9 ()-]{6,24}$/, 'Give a phone number (digits, spaces, + - ( ) only).')),
  email: v.pipe(v.string(), v.trim(), v.maxLength(64, 'At most 64 characters.'), v.email('Give a valid e-mail address.')),
  date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')),
  time: v.pipe(v.string(), v.regex(/^\d{2}:\d{2}$/, 'Give a time as HH:MM.')),
});
export type CallbackOrder = v.InferOutput<typeof CallbackOrder>;

export type OrderProblem = { field: 'date' | 'time'; code: 'past-date' | 'closed-day' | 'off-step' | 'outside-hours' | 'no-such-time' | 'past-time'; message: string };

/**
 * Checks a callback order against the package's hours in its zone at `now`; returns the
 * instant the visitor asked for, or the reason it is refused (naming the field).
 */
export function checkCallbackOrder(order: Pick<CallbackOrder, 'date' | 'time'>, hours: WorkingHours, zone: string, now: Date): { ok: true; at: Date } | { ok: false; problem: OrderProblem } {
  const today = localClock(now, zone).date;
  if (Number.isNaN(new Date(`${order.date}T00:00:00Z`).getTime())) return { ok: false, problem: { field: 'date', code: 'past-date', message: 'This is not a date.' } };
  if (order.date < today) return { ok: false, problem: { field: 'date', code: 'past-date', message: 'The date is in the past.' } };
  const day = hoursOn(hours, order.date);
  if (day.kind === 'closed') return { ok: false, problem: { field: 'date', code: 'closed-day', message: 'Nobody works on that day.' } };
  const [hh, mm] = order.time.split(':').map(Number) as [number, number];
  const minute = hh * 60 + mm;
  if (hh > 23 || mm > 59 || minute % STEP_MINUTES !== 0) return { ok: false, problem: { field: 'time', code: 'off-step', message: 'Choose a time on a 30-minute step.' } };
  const [open, close] = day.kind === 'all-day' ? [0, DAY] : [day.open, day.close];
  if (minute < open || minute >= close) return { ok: false, problem: { field: 'time', code: 'outside-hours', message: `Choose a time within the working hours (${formatMinute(open)}–${formatMinute(close)}).` } };
  if (!wallTimeExists(order.date, order.time, zone)) return { ok: false, problem: { field: 'time', code: 'no-such-time', message: 'That time does not exist on that day (the clocks change).' } };
  const at = slotInstant(order.date, order.time, zone);
  if (at.getTime() <= now.getTime()) return { ok: false, problem: { field: 'time', code: 'past-time', message: 'That time has already passed.' } };
  return { ok: true, at };
}
