import type { Role } from './join-schemas.ts';

/**
 * Who may change the whiteboard (ROOM-10): the host and presenters always, attendees
 * only while the host has turned Collaboration on. The server enforces it on every
 * update; the client uses it to show the tools or a "view only" board.
 */
export function canDraw(role: Role, collaboration: boolean): boolean {
  return role !== 'attendee' || collaboration;
}

/** Clearing a whole page is for the people running the event, not for collaborating attendees. */
export function canClearPage(role: Role): boolean {
  return role === 'host' || role === 'presenter';
}
