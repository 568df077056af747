import { describe, expect, it } from 'vitest';
import { eventTimeParts, eventTimeText, filterZones, zoneOffset, zoneOptionsWithOffsets } from '../../client/src/dashboard/time-zones.ts';
import { en } from '../../client/src/i18n/en.ts';
import { pl } from '../../client/src/i18n/pl.ts';

// 22:50 in Warsaw on 1 December (CET, UTC+1) is 21:50 UTC.
const AT = '2026-12-01T21:50:00.000Z';

describe('times shown in the event’s zone, with the viewer’s own beside them', () => {
  it('shows an event at 22:50 Europe/Warsaw to a browser in UTC as 22:50 Warsaw and 21:50 your time', () => {
    const parts = eventTimeParts(AT, 'en', 'Europe/Warsaw', 'UTC');
    expect(parts.date).toContain('22:50');
    expect(parts.zone).toBe('Warsaw');
    expect(parts.yours).toBe('21:50');
    expect(eventTimeText(AT, 'en', 'Europe/Warsaw', en['tz.yourTime'], 'UTC')).toBe('Tue, 1 Dec 2026, 22:50 Warsaw · 21:50 your time');
    expect(eventTimeText(AT, 'pl', 'Europe/Warsaw', pl['tz.yourTime'], 'UTC')).toMatch(/22:50 Warsaw · 21:50 u Ciebie$/);
  });

  it('leaves the viewer’s time out where it reads the same, and names the day when it is another one', () => {
    expect(eventTimeParts(AT, 'en', 'Europe/Warsaw', 'Europe/Berlin').yours).toBeUndefined();
    // 21:50 UTC is 06:50 the next morning in Tokyo.
    expect(eventTimeParts(AT, 'en', 'Europe/Warsaw', 'Asia/Tokyo').yours).toBe('Wed 2 Dec, 06:50');
  });

  it('offers every zone with its offset, the browser’s first, and finds them by city or offset', () => {
    const options = zoneOptionsWithOffsets(new Date(AT), 'Europe/Warsaw');
    expect(options[0]).toEqual({ zone: 'Europe/Warsaw', label: '(UTC+01:00) Europe/Warsaw' });
    expect(options.length).toBeGreaterThan(300);
    expect(filterZones(options, 'new york').map((o) => o.zone)).toEqual(['America/New_York']);
    expect(filterZones(options, 'warsaw +01').map((o) => o.zone)).toEqual(['Europe/Warsaw']);
    expect(filterZones(options, 'tokyo')[0]?.label).toBe('(UTC+09:00) Asia/Tokyo');
    expect(filterZones(options, 'nowhere-at-all', 'Europe/Warsaw').map((o) => o.zone)).toEqual(['Europe/Warsaw']);
    expect(zoneOffset('America/New_York', new Date(AT))).toBe('−05:00');
  });
});
