import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/domain/rate-limiter.ts';

describe('rate limiter', () => {
  it('allows the limit per window, refuses beyond it, and starts again in the next window', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.blocked('a')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    now = 1000;
    expect(limiter.blocked('a')).toBe(false);
    expect(limiter.take('a')).toBe(true);
  });

  it('refuses when any of several keys is over its limit', () => {
    const limiter = new RateLimiter(1, 1000, () => 0);
    expect(limiter.take('ip:1', 'email:x')).toBe(true);
    expect(limiter.take('ip:2', 'email:x')).toBe(false);
  });

  it('does not count an attempt it was told to forgive (a log-in with the right password)', () => {
    const limiter = new RateLimiter(2, 1000, () => 0);
    for (let i = 0; i < 5; i++) {
      expect(limiter.take('ip:1')).toBe(true);
      limiter.forgive('ip:1');
    }
    expect([limiter.take('ip:1'), limiter.take('ip:1'), limiter.take('ip:1')]).toEqual([true, true, false]);
  });
});
