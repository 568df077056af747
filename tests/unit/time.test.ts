import { describe, expect, it } from 'vitest';
import { instantToWallTime, isValidTimeZone, wallTimeToInstant, zoneOffsetMinutes } from '../../shared/time.ts';

describe('time zones', () => {
  it('accepts IANA zones and refuses made-up ones and bare abbreviations', () => {
    expect(isValidTimeZone('Europe/Warsaw')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('CET')).toBe(false);
  });

  it('knows Warsaw is UTC+1 in winter and UTC+2 in summer', () => {
    expect(zoneOffsetMinutes('Europe/Warsaw', new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Warsaw', new Date('2026-07-15T12:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-01-15T12:00:00Z'))).toBe(-300);
  });

  it('turns a wall-clock time in a zone into the instant and back, across daylight saving', () => {
    expect(wallTimeToInstant('2026-12-01T10:00', 'Europe/Warsaw').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(wallTimeToInstant('2026-07-01T10:00', 'Europe/Warsaw').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    // The morning after the spring change (29 March 2026 in the EU).
    expect(wallTimeToInstant('2026-03-29T09:00', 'Europe/Warsaw').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(instantToWallTime(new Date('2026-12-01T09:00:00Z'), 'Europe/Warsaw')).toBe('2026-12-01T10:00');
    expect(instantToWallTime(new Date('2026-12-01T09:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-01T14:30');
  });
});
