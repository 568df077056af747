import type { Language } from './i18n.tsx';

/**
 * Date and time formatting for the UI. Times are shown in the viewer's own zone and
 * the zone is always named, so nobody has to guess whose 10:00 it is.
 */

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A zone name for people: "Europe/Warsaw" → "Europe/Warsaw", underscores as spaces. */
export function zoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ');
}

/** "Tue, 1 Dec 2026, 10:00" in `zone` (the viewer's unless given). */
export function formatDateTime(iso: string, lang: Language, zone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZone: zone,
  }).format(new Date(iso));
}

/** "10:00 (Europe/Warsaw)": the instant with the zone it is shown in. */
export function formatDateTimeWithZone(iso: string, lang: Language, zone = viewerTimeZone()): string {
  return `${formatDateTime(iso, lang, zone)} (${zoneLabel(zone)})`;
}

/** "10:04" for chat lines. */
export function formatClock(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}
