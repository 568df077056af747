/**
 * Fixed-window attempt counter kept in memory, per key ("login:ip:1.2.3.4"). Enough for
 * one process; a cluster would move the counters to Redis with the same interface.
 * Written here rather than taken from a library because it is twenty lines and the
 * libraries are Express/Hono middlewares, while we also limit by account and event.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for each key; false when any key is over its limit. */
  take(...keys: string[]): boolean {
    const now = this.now();
    let allowed = true;
    for (const key of keys) {
      let window = this.windows.get(key);
      if (!window || now - window.start >= this.windowMs) {
        window = { start: now, count: 0 };
        this.windows.set(key, window);
      }
      window.count += 1;
      if (window.count > this.limit) allowed = false;
    }
    if (this.windows.size > 100_000) this.sweep(now);
    return allowed;
  }

  /** Takes back one counted attempt of each key (one that turned out fine, such as a log-in with the right password). */
  forgive(...keys: string[]): void {
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window && window.count > 0) window.count -= 1;
    }
  }

  /** True when `key` has used up its attempts in the current window (counts nothing). */
  blocked(key: string): boolean {
    const window = this.windows.get(key);
    return window !== undefined && this.now() - window.start < this.windowMs && window.count >= this.limit;
  }

  /** Milliseconds until every one of `keys` that is over its limit gets a new window (0 when none is). */
  retryAfterMs(...keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window && now - window.start < this.windowMs && window.count > this.limit) wait = Math.max(wait, window.start + this.windowMs - now);
    }
    return wait;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
