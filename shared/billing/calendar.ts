/**
 * Calendar days in the account's time zone. Billing counts whole days (BILL-2, BILL-4:
 * "period ends on the 15th, bought on the 23rd → charge for 23rd..15th"), so periods
 * are held as civil dates (day numbers), never as instants: a DST change makes a day
 * 23 or 25 hours long but it is still one day.
 */
import type { Interval } from '../plans.ts';

/** A civil date as the number of days since 1970-01-01 (proleptic Gregorian). */
export type Day = number;
const DAY_MS = 86_400_000;

export function dayOf(year: number, month: number, date: number): Day {
  return Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
}

export function ymd(day: Day): { year: number; month: number; date: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

export function isoDay(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function parseIsoDay(text: string): Day {
  const [y, m, d] = text.split('-').map(Number);
  return dayOf(y!, m!, d!);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): { day: Day; msOfDay: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const day = dayOf(Number(parts.year), Number(parts.month), Number(parts.day));
  const msOfDay = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + (instant.getTime() % 1000 + 1000) % 1000;
  return { day, msOfDay };
}

/** The calendar day an instant falls on in a time zone. */
export function dayIn(instant: Date, timeZone: string): Day {
  return wallClock(instant, timeZone).day;
}

/** The instant a day begins in a time zone (local midnight), correct across DST changes. */
export function startOfDay(day: Day, timeZone: string): Date {
  // Guess UTC midnight, then correct by the zone's offset; twice, because the offset at
  // the guess can differ from the offset at the answer on a DST day.
  let t = day * DAY_MS;
  for (let i = 0; i < 3; i++) {
    const seen = wallClock(new Date(t), timeZone);
    const error = (seen.day - day) * DAY_MS + seen.msOfDay;
    if (error === 0) break;
    t -= error;
  }
  return new Date(t);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The first day of the period after the one starting on `start`: one month or one year
 * later on the anchor day, clamped to the month's end (anchor 31 → 28/29 Feb → 31 Mar;
 * a yearly period begun on 29 Feb renews on 28 Feb in a common year).
 */
export function nextPeriodStart(start: Day, anchorDay: number, interval: Interval): Day {
  const { year, month } = ymd(start);
  const months = interval === 'month' ? 1 : 12;
  const y = year + Math.floor((month - 1 + months) / 12);
  const m = ((month - 1 + months) % 12) + 1;
  return dayOf(y, m, Math.min(anchorDay, daysInMonth(y, m)));
}
