import { describe, expect, it } from 'vitest';
import { FrameBudget } from '../../server/rooms/frame-budget.ts';

describe('frame allowance per participant', () => {
  it('allows a burst, then the steady rate, and is shared by all of the participant\'s sockets', () => {
    let now = 0;
    const budget = new FrameBudget({ perSecond: 20, burst: 20 }, () => now);
    let taken = 0;
    while (budget.take('p1')) taken++;
    expect(taken).toBe(20);
    // Someone else is not affected.
    expect(budget.take('p2')).toBe(true);
    // 100 ms later: two more frames, whichever socket sends them.
    now += 100;
    expect(budget.take('p1')).toBe(true);
    expect(budget.take('p1')).toBe(true);
    expect(budget.take('p1')).toBe(false);
  });

  it('over five seconds of trying, lets through at most 20 a second plus the burst', () => {
    let now = 0;
    const budget = new FrameBudget({ perSecond: 20, burst: 20 }, () => now);
    let accepted = 0;
    for (; now <= 5000; now += 1) for (let i = 0; i < 5; i++) if (budget.take('p')) accepted++;
    expect(accepted).toBeLessThanOrEqual(20 * 5 + 20);
    expect(accepted).toBeGreaterThanOrEqual(20 * 5);
  });

  it('forgets a participant only once the allowance is whole again', () => {
    let now = 0;
    const budget = new FrameBudget({ perSecond: 20, burst: 20 }, () => now);
    while (budget.take('p')) { /* use it all */ }
    now += 500;
    budget.sweep();
    let taken = 0;
    while (budget.take('p')) taken++;
    expect(taken).toBe(10);
  });
});
