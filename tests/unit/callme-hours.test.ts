import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { checkCallbackOrder, isOpenAt, slotsOn, WorkingHours, type WorkingHours as Hours } from '../../shared/callme-hours.ts';

const WARSAW = 'Europe/Warsaw';
const hours: Hours = { weekdays: { kind: 'range', open: 9 * 60, close: 17 * 60 }, saturday: { kind: 'range', open: 10 * 60, close: 14 * 60 }, sunday: { kind: 'all-day' } };
// Tuesday 1 December 2026, 10:15 in Warsaw (UTC+1).
const now = new Date('2026-12-01T09:15:00Z');

describe('working hours schema', () => {
  it('accepts closed, all day and a range on 30-minute steps', () => {
    expect(v.safeParse(WorkingHours, hours).success).toBe(true);
  });
  it('refuses a time off the 30-minute step, naming the field', () => {
    const result = v.safeParse(WorkingHours, { ...hours, weekdays: { kind: 'range', open: 9 * 60 + 15, close: 17 * 60 } });
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues![0]!)).toBe('weekdays.open');
    expect(result.issues![0]!.message).toMatch(/30-minute/);
  });
  it('refuses a closing time before the opening time', () => {
    const result = v.safeParse(WorkingHours, { ...hours, saturday: { kind: 'range', open: 600, close: 540 } });
    expect(result.success).toBe(false);
    expect(v.getDotPath(result.issues![0]!)).toBe('saturday.close');
  });
});

describe('order-a-call validator', () => {
  it('accepts a slot inside the hours later today and returns the instant in the package zone', () => {
    const result = checkCallbackOrder({ date: '2026-12-01', time: '16:30' }, hours, WARSAW, now);
    expect(result).toEqual({ ok: true, at: new Date('2026-12-01T15:30:00Z') });
  });
  it('refuses a date in the past', () => {
    const result = checkCallbackOrder({ date: '2026-11-30', time: '10:00' }, hours, WARSAW, now);
    expect(result).toMatchObject({ ok: false, problem: { field: 'date', code: 'past-date' } });
  });
  it('refuses a time already past today, outside the hours, off the step', () => {
    expect(checkCallbackOrder({ date: '2026-12-01', time: '10:00' }, hours, WARSAW, now)).toMatchObject({ ok: false, problem: { field: 'time', code: 'past-time' } });
    expect(checkCallbackOrder({ date: '2026-12-02', time: '17:00' }, hours, WARSAW, now)).toMatchObject({ ok: false, problem: { field: 'time', code: 'outside-hours' } });
    expect(checkCallbackOrder({ date: '2026-12-02', time: '08:30' }, hours, WARSAW, now)).toMatchObject({ ok: false, problem: { code: 'outside-hours' } });
    expect(checkCallbackOrder({ date: '2026-12-02', time: '10:15' }, hours, WARSAW, now)).toMatchObject({ ok: false, problem: { code: 'off-step' } });
  });
  it('uses the Saturday hours on a Saturday and refuses a closed day', () => {
    expect(checkCallbackOrder({ date: '2026-12-05', time: '13:30' }, hours, WARSAW, now).ok).toBe(true);
    expect(checkCallbackOrder({ date: '2026-12-05', time: '14:00' }, hours, WARSAW, now)).toMatchObject({ ok: false, problem: { code: 'outside-hours' } });
    const closedSaturday = { ...hours, saturday: { kind: 'closed' as const } };
    expect(checkCallbackOrder({ date: '2026-12-05', time: '10:00' }, closedSaturday, WARSAW, now)).toMatchObject({ ok: false, problem: { field: 'date', code: 'closed-day' } });
  });
  it('judges "today" and "past" in the package zone, not the server\'s', () => {
    // 23:30 UTC on 1 December is already 00:30 on 2 December in Warsaw.
    const lateUtc = new Date('2026-12-01T23:30:00Z');
    expect(checkCallbackOrder({ date: '2026-12-01', time: '16:00' }, hours, WARSAW, lateUtc)).toMatchObject({ ok: false, problem: { code: 'past-date' } });
    // In New York it is still 1 December, 18:30: 16:00 has passed, 16:30 too.
    expect(checkCallbackOrder({ date: '2026-12-01', time: '16:30' }, hours, 'America/New_York', lateUtc)).toMatchObject({ ok: false, problem: { code: 'past-time' } });
  });
  it('spring-forward Sunday in Warsaw (29 March 2026): 02:00 and 02:30 do not exist, 03:00 is 01:00 UTC', () => {
    const before = new Date('2026-03-20T10:00:00Z');
    expect(checkCallbackOrder({ date: '2026-03-29', time: '02:30' }, hours, WARSAW, before)).toMatchObject({ ok: false, problem: { code: 'no-such-time' } });
    expect(checkCallbackOrder({ date: '2026-03-29', time: '02:00' }, hours, WARSAW, before)).toMatchObject({ ok: false, problem: { code: 'no-such-time' } });
    expect(checkCallbackOrder({ date: '2026-03-29', time: '01:30' }, hours, WARSAW, before)).toEqual({ ok: true, at: new Date('2026-03-29T00:30:00Z') });
    expect(checkCallbackOrder({ date: '2026-03-29', time: '03:00' }, hours, WARSAW, before)).toEqual({ ok: true, at: new Date('2026-03-29T01:00:00Z') });
    const slots = slotsOn(hours, WARSAW, '2026-03-29', before);
    expect(slots).toHaveLength(46);
    expect(slots).not.toContain('02:00');
    expect(slots).not.toContain('02:30');
  });
  it('fall-back Sunday in Warsaw (25 October 2026): 02:30 exists (the first one, summer time), the day has 48 slots', () => {
    const before = new Date('2026-10-20T10:00:00Z');
    expect(checkCallbackOrder({ date: '2026-10-25', time: '02:30' }, hours, WARSAW, before)).toEqual({ ok: true, at: new Date('2026-10-25T00:30:00Z') });
    expect(checkCallbackOrder({ date: '2026-10-25', time: '03:00' }, hours, WARSAW, before)).toEqual({ ok: true, at: new Date('2026-10-25T02:00:00Z') });
    expect(slotsOn(hours, WARSAW, '2026-10-25', before)).toHaveLength(48);
  });
  it('offers only slots still ahead today', () => {
    expect(slotsOn(hours, WARSAW, '2026-12-01', now)[0]).toBe('10:30');
    expect(slotsOn(hours, WARSAW, '2026-12-01', now).at(-1)).toBe('16:30');
  });
  it('tells whether the package is open now in its zone', () => {
    expect(isOpenAt(hours, WARSAW, now)).toBe(true);
    expect(isOpenAt(hours, WARSAW, new Date('2026-12-01T16:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, WARSAW, new Date('2026-12-06T03:00:00Z'))).toBe(true);
  });
});
