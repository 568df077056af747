import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { attendance, events, participants } from '../db/schema-events.ts';
import { attendeeClients } from '../db/schema-reports.ts';
import type { AccountStatsOut } from '../../shared/report-schemas.ts';
import { toCsv } from '../domain/csv.ts';

/** The account's statistics (POST-1): events per month, attendees, where they came from and on what. */
export function accountStats(db: Db, accountId: string): AccountStatsOut {
  const eventRows = db.select({ id: events.id, startsAt: events.startsAt }).from(events).where(eq(events.accountId, accountId)).all();
  // Attendees: participants with the attendee role who were in the room at least once.
  const attended = db.selectDistinct({ id: participants.id, eventId: participants.eventId }).from(participants)
    .innerJoin(attendance, eq(attendance.participantId, participants.id)).innerJoin(events, eq(events.id, participants.eventId))
    .where(sql`${events.accountId} = ${accountId} and ${participants.role} = 'attendee'`).all();
  const monthOf = new Map(eventRows.map((e) => [e.id, e.startsAt.toISOString().slice(0, 7)]));
  const months = new Map<string, { events: number; attendees: number }>();
  const bump = (month: string, key: 'events' | 'attendees') => {
    const m = months.get(month) ?? { events: 0, attendees: 0 };
    m[key]++;
    months.set(month, m);
  };
  for (const e of eventRows) bump(monthOf.get(e.id)!, 'events');
  for (const a of attended) bump(monthOf.get(a.eventId)!, 'attendees');
  const ids = new Set(attended.map((a) => a.id));
  const clients = db.select({ participantId: attendeeClients.participantId, country: attendeeClients.country, device: attendeeClients.device, browser: attendeeClients.browser, os: attendeeClients.os })
    .from(attendeeClients).innerJoin(events, eq(events.id, attendeeClients.eventId)).where(eq(events.accountId, accountId)).all().filter((c) => ids.has(c.participantId));
  const tally = (pick: (c: (typeof clients)[number]) => string | null) => {
    const counts = new Map<string, number>();
    for (const c of clients) counts.set(pick(c) ?? 'Unknown', (counts.get(pick(c) ?? 'Unknown') ?? 0) + 1);
    return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  };
  return {
    events: eventRows.length,
    attendees: attended.length,
    perMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month, ...m })),
    countries: tally((c) => c.country),
    devices: tally((c) => c.device),
    browsers: tally((c) => c.browser),
    os: tally((c) => c.os),
  };
}

/** The statistics as CSV: one block per figure, `section,name,value`. */
export function accountStatsCsv(stats: AccountStatsOut): string {
  const rows: unknown[][] = [
    ['total', 'events', stats.events],
    ['total', 'attendees', stats.attendees],
    ...stats.perMonth.flatMap((m) => [['events_per_month', m.month, m.events], ['attendees_per_month', m.month, m.attendees]]),
    ...stats.countries.map((c) => ['country', c.name, c.count]),
    ...stats.devices.map((c) => ['device', c.name, c.count]),
    ...stats.browsers.map((c) => ['browser', c.name, c.count]),
    ...stats.os.map((c) => ['os', c.name, c.count]),
  ];
  return toCsv(['section', 'name', 'value'], rows);
}
