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

/** "Europe/Warsaw" → "Warsaw", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC": the name people say. */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/** The zone's offset from UTC at `at`, as "+01:00" / "−05:00" / "+00:00". */
export function zoneOffset(zone: string, at = new Date()): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' ? '+00:00' : offset.replace('-', '−');
}

function offsetMinutes(zone: string, at: Date): number {
  const o = zoneOffset(zone, at).replace('−', '-');
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(o);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : lang);

/** Parts of a time as the UI shows it: in the event's zone, named, and the viewer's own time when it differs. */
export interface EventTimeParts {
  /** "Tue, 1 Dec 2026, 22:50" in the event's zone. */
  date: string;
  /** "Warsaw". */
  zone: string;
  /** The viewer's wall time ("21:50", or "Wed, 2 Dec, 05:50" on another day); absent when it reads the same. */
  yours?: string;
}

/**
 * An instant in the event's zone with the zone named, plus the viewer's own time where
 * it differs: everyone reads the organizer's "22:50 Warsaw", and a viewer elsewhere
 * also sees "21:50 your time" without doing sums.
 */
export function eventTimeParts(iso: string, lang: string, eventZone: string, viewerZone = viewerTimeZone()): EventTimeParts {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat(localeOf(lang), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: eventZone }).format(at);
  const parts: EventTimeParts = { date, zone: zoneCity(eventZone) };
  if (offsetMinutes(eventZone, at) === offsetMinutes(viewerZone, at)) return parts;
  const dayOf = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const sameDay = dayOf(eventZone) === dayOf(viewerZone);
  parts.yours = new Intl.DateTimeFormat(localeOf(lang), {
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: viewerZone,
  }).format(at);
  return parts;
}

/** "Tue, 1 Dec 2026, 22:50 Warsaw · 21:50 your time": `yourTime` is the translated "{time} your time". */
export function eventTimeText(iso: string, lang: string, eventZone: string, yourTime: string, viewerZone = viewerTimeZone()): string {
  const p = eventTimeParts(iso, lang, eventZone, viewerZone);
  return `${p.date} ${p.zone}${p.yours ? ` · ${yourTime.replace('{time}', p.yours)}` : ''}`;
}

export interface ZoneOption {
  zone: string;
  /** "(UTC+01:00) Europe/Warsaw" */
  label: string;
}

/** Every zone with its current offset, the viewer's own first, the rest by offset then name. */
export function zoneOptionsWithOffsets(at = new Date(), viewerZone = viewerTimeZone()): ZoneOption[] {
  const withOffset = timeZoneOptions().map((zone) => ({ zone, minutes: offsetMinutes(zone, at), label: `(UTC${zoneOffset(zone, at)}) ${zone.replaceAll('_', ' ')}` }));
  withOffset.sort((a, b) => (a.zone === viewerZone ? -1 : b.zone === viewerZone ? 1 : a.minutes - b.minutes || a.zone.localeCompare(b.zone)));
  return withOffset.map(({ zone, label }) => ({ zone, label }));
}

/** The options matching a search ("warsaw", "+01", "new york"); the current value always stays listed. */
export function filterZones(options: ZoneOption[], query: string, keep?: string): ZoneOption[] {
  const words = query.toLowerCase().replaceAll('_', ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return options.filter((o) => o.zone === keep || words.every((w) => o.label.toLowerCase().replace('−', '-').includes(w)));
}
