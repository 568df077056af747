import { ServerError, type AuthContext, type Client } from '@colyseus/core';
import type { EventRow } from '../domain/events-service.ts';
import type { ParticipantRow, ParticipantsStore } from '../domain/participants-store.ts';
import type { RecorderTicket, Ticket, TicketSigner } from '../domain/tickets.ts';

/** Close/refusal codes of our rooms (Colyseus leaves 4000-4999 to applications). */
export const ROOM_REFUSAL = {
  notAdmitted: 4401,
  excluded: 4403,
  notStarted: 4409,
  ended: 4410,
  full: 4429,
  /** The same personal seat was taken by a newer device (issue 10). */
  replaced: 4408,
} as const;

/**
 * How long a seat reserved at matchmaking waits for its socket. The socket may wait
 * long before the room sees it: since libuv 1.45 (Node 20) the process accepts one
 * connection per turn of its event loop, so in a join storm on a busy machine a socket
 * sits in the kernel's accept queue behind hundreds of others (REST joins, other
 * sockets) for tens of seconds, and Colyseus's 15 s, or even 60 s, refused people
 * whose socket was already connected ("seat reservation expired"). Our rooms have no
 * seat cap (the plan's limit is checked at the door, in onAuth), so a seat nobody
 * claims costs a map entry and a timer; its only effect is that an empty room waits
 * for it before closing.
 */
export const SEAT_RESERVATION_SECONDS = 300;

export interface Admission {
  ticket: Ticket;
  participant: ParticipantRow;
  address: string | null;
  recorder?: undefined;
}

/**
 * A recording's recorder page (ROOM-13): it gets the state everyone gets, so it films what
 * the stage shows, but it is nobody in the room (no roster entry, no attendee count, no
 * attendance) and may send nothing.
 */
export interface RecorderAdmission {
  recorder: RecorderTicket;
  participant?: undefined;
}

/** Who a live room's connection is: a participant, or a recorder watching. */
export type RoomAuth = Admission | RecorderAdmission;

/** The recorder's door: a recorder ticket for this very event, or undefined when the ticket is none. */
export function admitRecorder(tickets: TicketSigner, event: EventRow, options: { ticket?: unknown } | undefined, context: AuthContext): RecorderAdmission | undefined {
  const recorder = tickets.readRecorder(options?.ticket ?? context.token);
  if (!recorder) return undefined;
  if (recorder.eventId !== event.id) throw new ServerError(ROOM_REFUSAL.notAdmitted, 'This ticket does not open this room. Join the event again.');
  return { recorder };
}

/**
 * The door of every room of an event: a valid, unexpired ticket for this very event,
 * naming a participant who was not removed or banned, coming from an address that
 * is not banned. The role is the participant's current one, never the client's word.
 */
export async function admit(
  tickets: TicketSigner,
  participants: ParticipantsStore,
  event: EventRow,
  options: { ticket?: unknown } | undefined,
  context: AuthContext,
  address: string | null,
): Promise<Admission> {
  const ticket = await tickets.read(options?.ticket ?? context.token);
  if (!ticket || ticket.eventId !== event.id) throw new ServerError(ROOM_REFUSAL.notAdmitted, 'This ticket does not open this room. Join the event again.');
  const participant = participants.get(ticket.participantId, event.id);
  if (!participant) throw new ServerError(ROOM_REFUSAL.notAdmitted, 'This ticket does not open this room. Join the event again.');
  if (participant.excluded || participants.isBanned(event.id, participant.email, address)) {
    throw new ServerError(ROOM_REFUSAL.excluded, 'You have been removed from this event.');
  }
  return { ticket, participant, address };
}

/**
 * The client's address. Colyseus reads proxy headers first; the server strips them from
 * upgrade requests unless TRUST_PROXY is set (see `server.ts`), so this is then the
 * socket's own address and cannot be spoofed.
 */
export function addressFrom(context: AuthContext): string | null {
  return context.ip ?? null;
}

/** The other connections holding the same (non-host) participant's seat. */
function sameSeat<C extends Client<{ auth: RoomAuth }>>(clients: Iterable<C>, client: C): C[] {
  const participant = client.auth?.participant;
  if (!participant || participant.role === 'host') return [];
  return [...clients].filter((other) => other !== client && other.auth?.participant?.id === participant.id);
}

const REPLACED_REASON = 'This link was opened on another device.';

/**
 * One person, one seat: when a participant enters from another device (the same personal
 * link opened elsewhere, a re-entry from another tab), the newest connection keeps the
 * seat and the older ones are closed with `replaced`, which their page explains ("This
 * link was opened on another device"). The host may keep several windows open.
 */
export function displaceOlderConnections<C extends Client<{ auth: RoomAuth }>>(clients: Iterable<C>, newest: C): void {
  for (const other of sameSeat(clients, newest)) other.leave(ROOM_REFUSAL.replaced, REPLACED_REASON);
}

/**
 * A device that comes back with its reconnection token after the seat went to a newer
 * one (it dropped, then the link was opened elsewhere) does not take it back: it is
 * closed with `replaced` too.
 */
export function refuseStaleReconnection<C extends Client<{ auth: RoomAuth }>>(clients: Iterable<C>, returning: C): void {
  if (sameSeat(clients, returning).length > 0) returning.leave(ROOM_REFUSAL.replaced, REPLACED_REASON);
}
