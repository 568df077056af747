import { describe, expect, it } from 'vitest';
import { eventInvitationIcs, foldLine, icsText } from '../../server/mail/ics.ts';

describe('iCalendar output', () => {
  it('folds long lines at 75 octets without splitting a multi-byte letter', () => {
    const line = `SUMMARY:${'Zażółć gęślą jaźń '.repeat(10)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('escapes text and writes UTC times, CANCEL for a cancellation', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const ics = eventInvitationIcs({ uid: 'event-1@example.com', sequence: 2, start: new Date('2026-12-01T09:00:00Z'), end: new Date('2026-12-01T10:00:00Z'), summary: 'S', description: 'D', cancelled: true, organizer: { name: 'Org; Inc', email: 'o@example.com' }, stamp: new Date('2026-01-01T00:00:00Z') });
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
    expect(ics).toContain('DTSTART:20261201T090000Z\r\n');
    expect(ics).toContain('ORGANIZER;CN="Org; Inc":mailto:o@example.com');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
