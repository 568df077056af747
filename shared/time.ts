/** Time-zone helpers shared by server and browser; IANA names only, computed with Intl. */

export function isValidTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC at the instant `at`, in minutes (Warsaw in winter: +60). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock in `zone` shows `local` ("2026-12-01T10:00").
 * Two passes settle the offset across a daylight-saving change.
 */
export function wallTimeToInstant(local: string, zone: string): Date {
  const naive = new Date(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(naive.getTime())) throw new RangeError(`Not a local date-time: ${local}`);
  let instant = new Date(naive.getTime() - zoneOffsetMinutes(zone, naive) * 60000);
  instant = new Date(naive.getTime() - zoneOffsetMinutes(zone, instant) * 60000);
  return instant;
}

/** The wall-clock time ("2026-12-01T10:00") of `instant` in `zone`, for a datetime-local input. */
export function instantToWallTime(instant: Date, zone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(zone, instant) * 60000);
  return shifted.toISOString().slice(0, 16);
}
