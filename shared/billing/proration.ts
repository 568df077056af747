/**
 * Pro rata by whole days, in integer minor units (BILL-2, BILL-4). Half-up rounding of
 * an exact rational, so the same inputs always give the same grosz.
 */

/** `amount × days / periodDays`, rounded half up; never negative, never above `amount`. */
export function prorate(amount: number, days: number, periodDays: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative integer');
  if (!Number.isInteger(periodDays) || periodDays <= 0) throw new RangeError('periodDays must be positive');
  const d = Math.max(0, Math.min(days, periodDays));
  return Math.floor((2 * amount * d + periodDays) / (2 * periodDays));
}

/** The price of each single day of a period (each prorated on its own): they add up to the price within one unit a day. */
export function dailyPieces(amount: number, periodDays: number): number[] {
  return Array.from({ length: periodDays }, () => prorate(amount, 1, periodDays));
}
