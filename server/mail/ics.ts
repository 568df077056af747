/**
 * iCalendar (RFC 5545) for invitations, updates, cancellations and the account feed.
 * Times are written in UTC (`…Z`): every calendar reads them the same, and no VTIMEZONE
 * block is needed; the event's own zone is named in the description instead.
 */

export interface IcsEvent {
  uid: string;
  /** Raised on every change sent out, so calendars replace the entry instead of adding one. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  url?: string | undefined;
  organizer?: { name: string; email: string } | undefined;
  attendee?: { name: string; email: string } | undefined;
  cancelled?: boolean;
  /** When the entry was last changed (DTSTAMP); defaults to now. */
  stamp?: Date;
}

const PRODID = '-//Webinar platform//Scheduling//EN';

/** `20261201T090000Z` */
export function icsDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma and new lines. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Parameter values with characters that would end the parameter are quoted; quotes cannot appear at all. */
function icsParam(value: string): string {
  const clean = value.replace(/"/g, "'").replace(/[\r\n]/g, ' ');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Lines longer than 75 octets are folded (§3.1) with CRLF and a space; the split never
 * falls inside a multi-byte UTF-8 character, so "Zażółć" survives any folding.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(event: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsDate(event.stamp ?? new Date())}`,
    `DTSTART:${icsDate(event.start)}`,
    `DTEND:${icsDate(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
  ];
  if (event.url) lines.push(`URL:${event.url}`, `LOCATION:${icsText(event.url)}`);
  if (event.organizer) lines.push(`ORGANIZER;CN=${icsParam(event.organizer.name)}:mailto:${event.organizer.email}`);
  if (event.attendee) lines.push(`ATTENDEE;CN=${icsParam(event.attendee.name || event.attendee.email)};ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${event.attendee.email}`);
  lines.push('END:VEVENT');
  return lines;
}

function calendar(method: string, bodies: string[][], name?: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', `METHOD:${method}`];
  if (name) lines.push(`X-WR-CALNAME:${icsText(name)}`);
  for (const body of bodies) lines.push(...body);
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** One event for one person: REQUEST for invitations and updates, CANCEL when it is called off. */
export function eventInvitationIcs(event: IcsEvent): string {
  return calendar(event.cancelled ? 'CANCEL' : 'REQUEST', [eventLines(event)]);
}

/** The account's subscription feed: every event, PUBLISH. */
export function calendarFeedIcs(name: string, events: IcsEvent[]): string {
  return calendar('PUBLISH', events.map(eventLines), name);
}
