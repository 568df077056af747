import type { JoinOut } from '../../../shared/join-schemas.ts';

/**
 * What the browser keeps between page loads of a room: the last ticket per event (per
 * tab, in sessionStorage, so a reload re-enters as the same participant while it is
 * valid), the event's re-entry credential (in localStorage, so a closed and reopened
 * tab gets back in without the password for a few hours) and the guest's name and
 * e-mail (in localStorage, to pre-fill the next join without a personal link).
 */
const TICKET_PREFIX = 'join:';
const REENTRY_PREFIX = 'reentry:';
const GUEST_KEY = 'guest';
/** A ticket this close to expiry is not worth trying. */
const MARGIN_MS = 60_000;

function read<T>(storage: Storage, key: string): T | undefined {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: the page still works, it just remembers less.
  }
}

/**
 * This tab's ticket of the event, while it is valid. With `link` (a personal token or
 * presenter key in the address), only a ticket that link gave: someone else's link opened
 * in a tab where another person was in the room never re-enters as that other person.
 */
export function loadTicket(eventId: number, link?: string): JoinOut | undefined {
  const stored = read<JoinOut & { link?: string }>(sessionStorage, TICKET_PREFIX + eventId);
  if (!stored || typeof stored.ticket !== 'string' || (link !== undefined && stored.link !== link)) return undefined;
  const { link: _link, ...join } = stored;
  return new Date(join.expiresAt).getTime() - Date.now() > MARGIN_MS ? join : undefined;
}

/** `link`: the personal token or presenter key the ticket was given for, if any. */
export function saveTicket(join: JoinOut, link?: string): void {
  write(sessionStorage, TICKET_PREFIX + join.room.eventId, { ...join, ...(link !== undefined && { link }) });
}

export function forgetTicket(eventId: number): void {
  write(sessionStorage, TICKET_PREFIX + eventId, undefined);
}

/**
 * The re-entry credential of this event, while it is valid, when it came from the same
 * link as this visit (`link`: the personal token or presenter key in the address, if
 * any). Someone else's personal link opened in this browser never re-enters as the
 * person who was here before.
 */
export function loadReentry(eventId: number, link: string | undefined): string | undefined {
  const reentry = read<{ token: string; expiresAt: string; link?: string }>(localStorage, REENTRY_PREFIX + eventId);
  if (!reentry || typeof reentry.token !== 'string' || (link !== undefined && reentry.link !== link)) return undefined;
  return new Date(reentry.expiresAt).getTime() - Date.now() > MARGIN_MS ? reentry.token : undefined;
}

export function saveReentry(join: JoinOut, link: string | undefined): void {
  write(localStorage, REENTRY_PREFIX + join.room.eventId, { ...join.reentry, ...(link !== undefined && { link }) });
}

/** "Not you?" and a refused credential: the next visitor of this browser starts afresh. */
export function forgetReentry(eventId: number): void {
  write(localStorage, REENTRY_PREFIX + eventId, undefined);
}

export interface GuestDetails {
  name: string;
  email: string;
}

export function loadGuest(): GuestDetails {
  const guest = read<Partial<GuestDetails>>(localStorage, GUEST_KEY);
  return { name: typeof guest?.name === 'string' ? guest.name : '', email: typeof guest?.email === 'string' ? guest.email : '' };
}

export function saveGuest(guest: GuestDetails): void {
  write(localStorage, GUEST_KEY, guest);
}
