/**
 * When to try again after the n-th failed attempt: the schedule the Standard Webhooks
 * guidance suggests (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 14, 20 and 24 h), about
 * three days in all; after the last one the delivery is given up. `scale` shrinks it for tests.
 */
const SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000];

export function retryDelay(failedAttempts: number, scale = 1): number | undefined {
  const delay = SCHEDULE_MS[failedAttempts - 1];
  return delay === undefined ? undefined : Math.max(1, Math.round(delay * scale));
}
