import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { occurrences, RecurrenceRule } from '../../shared/automated-sessions.ts';
import { instantToWallTime } from '../../shared/time.ts';

const ZONE = 'Europe/Warsaw';
const rule = (input: v.InferInput<typeof RecurrenceRule>) => v.parse(RecurrenceRule, input);
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('recurring sessions of an automated webinar in Europe/Warsaw', () => {
  it('every weekday at 10:00 stays at 10:00 local across the spring change (29 March 2026): 09:00Z before, 08:00Z after', () => {
    const found = occurrences(rule({ weekdays: [...weekdays], time: '10:00', from: '2026-03-25' }), ZONE, new Date('2026-03-25T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(iso(found)).toEqual([
      '2026-03-25T09:00:00.000Z', // Wed, CET (UTC+1)
      '2026-03-26T09:00:00.000Z', // Thu
      '2026-03-27T09:00:00.000Z', // Fri; Sat 28 and Sun 29 (the change) are skipped
      '2026-03-30T08:00:00.000Z', // Mon, CEST (UTC+2)
      '2026-03-31T08:00:00.000Z', // Tue
    ]);
    for (const at of found) expect(instantToWallTime(at, ZONE).slice(11)).toBe('10:00');
  });

  it('every weekday at 10:00 stays at 10:00 local across the autumn change (25 October 2026): 08:00Z before, 09:00Z after', () => {
    const found = occurrences(rule({ weekdays: [...weekdays], time: '10:00', from: '2026-10-21' }), ZONE, new Date('2026-10-21T00:00:00Z'), new Date('2026-10-28T00:00:00Z'));
    expect(iso(found)).toEqual([
      '2026-10-21T08:00:00.000Z',
      '2026-10-22T08:00:00.000Z',
      '2026-10-23T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
      '2026-10-27T09:00:00.000Z',
    ]);
    for (const at of found) expect(instantToWallTime(at, ZONE).slice(11)).toBe('10:00');
  });

  it('on the change days themselves: a time the spring change skips moves an hour on, a time the autumn change repeats is the first one', () => {
    const spring = occurrences(rule({ weekdays: ['sun'], time: '02:30', from: '2026-03-29', until: '2026-03-29' }), ZONE, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z'));
    // 02:30 never happens on 29 March 2026 in Warsaw; the clock goes 01:59 CET → 03:00 CEST.
    expect(iso(spring)).toEqual(['2026-03-29T01:30:00.000Z']);
    expect(instantToWallTime(spring[0]!, ZONE)).toBe('2026-03-29T03:30');
    const autumn = occurrences(rule({ weekdays: ['sun'], time: '02:30', from: '2026-10-25', until: '2026-10-25' }), ZONE, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET): one session, the first.
    expect(iso(autumn)).toEqual(['2026-10-25T00:30:00.000Z']);
    // A Sunday-morning rule on both change days keeps its wall time.
    const sundays = occurrences(rule({ weekdays: ['sun'], time: '09:00', from: '2026-03-22' }), ZONE, new Date('2026-03-22T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
    expect(sundays.map((d) => instantToWallTime(d, ZONE).slice(11)).every((t) => t === '09:00')).toBe(true);
    expect(iso(sundays)).toContain('2026-03-29T07:00:00.000Z');
    expect(iso(sundays)).toContain('2026-10-25T08:00:00.000Z');
  });

  it('keeps to its first and last day and to the window it is asked about, and caps the count', () => {
    const r = rule({ weekdays: ['mon', 'wed'], time: '18:15', from: '2026-12-02', until: '2026-12-14' });
    expect(iso(occurrences(r, ZONE, new Date('2026-11-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')))).toEqual([
      '2026-12-02T17:15:00.000Z', '2026-12-07T17:15:00.000Z', '2026-12-09T17:15:00.000Z', '2026-12-14T17:15:00.000Z',
    ]);
    // A session that already began is not in a window that starts after it.
    expect(iso(occurrences(r, ZONE, new Date('2026-12-02T17:15:00.001Z'), new Date('2026-12-08T00:00:00Z')))).toEqual(['2026-12-07T17:15:00.000Z']);
    const daily = rule({ weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '07:00', from: '2026-01-01' });
    expect(occurrences(daily, ZONE, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), 10)).toHaveLength(10);
  });

  it('refuses a rule without days, with a day twice, with a bad time, or ending before it begins, naming the field', () => {
    const problem = (input: unknown) => v.safeParse(RecurrenceRule, input).issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`);
    expect(problem({ weekdays: [], time: '10:00', from: '2026-12-01' })?.[0]).toMatch(/^weekdays: Pick at least one/);
    expect(problem({ weekdays: ['mon', 'mon'], time: '10:00', from: '2026-12-01' })?.[0]).toMatch(/^weekdays: Each day/);
    expect(problem({ weekdays: ['mon'], time: '24:00', from: '2026-12-01' })?.[0]).toMatch(/^time:/);
    expect(problem({ weekdays: ['mon'], time: '10:00', from: '2026-12-01', until: '2026-11-30' })?.[0]).toMatch(/^until: The last day/);
  });
});
