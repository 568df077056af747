import { createMiddleware } from 'hono/factory';
import { tooManyRequests } from '../domain/app-error.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { AppEnv } from './context.ts';

/**
 * A per-address limit in front of public routes (issue 10: the public event lookup):
 * over `perMinute` requests a minute, the answer is 429 with `Retry-After`.
 * `name` keeps separate routes' counters apart when they share one limiter.
 */
export function limitPerAddress(perMinute: number, name: string, limiter = new RateLimiter(perMinute, 60_000)) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = `${name}:${c.get('clientAddress')}`;
    if (!limiter.take(key)) throw tooManyRequests('Too many requests from your address; wait a moment and try again.', limiter.retryAfterMs(key) / 1000);
    await next();
  });
}
