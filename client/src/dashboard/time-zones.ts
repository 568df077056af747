import { isValidTimeZone } from '../../../shared/time.ts';
import { viewerTimeZone } from '../i18n/format.ts';

/** "2026-12-01T10:00" for the next full hour, a sensible default for a new event. */
export function nextFullHourLocal(zone: string, now = new Date()): string {
  const next = new Date(now.getTime() + 60 * 60_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
  }).formatToParts(next);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:00`;
}

/**
 * The zones the select offers: every IANA zone the browser knows, plus the viewer's own
 * and UTC, which some browsers list under another name or not at all.
 */
export function timeZoneOptions(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([...zones, viewerTimeZone(), 'UTC']);
  return [...all].filter(isValidTimeZone).sort((a, b) => a.localeCompare(b));
}
