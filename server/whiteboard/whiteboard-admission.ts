import { WHITEBOARD_CLOSE } from '../../shared/whiteboard-protocol.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { ParticipantsStore } from '../domain/participants-store.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { TicketSigner } from '../domain/tickets.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import type { PeerIdentity } from './whiteboard-peer.ts';

export interface AdmissionServices {
  events: EventsService;
  tickets: TicketSigner;
  participants: ParticipantsStore;
  roomStates: RoomStatesStore;
}

export type WhiteboardAdmission =
  | { admitted: true; event: EventRow; identity: Omit<PeerIdentity, 'wantsStatus'> }
  | { admitted: false; code: number; reason: string };

const NOT_ADMITTED = { admitted: false, code: WHITEBOARD_CLOSE.notAdmitted, reason: 'This ticket does not open this board. Join the event again.' } as const;

/**
 * The whiteboard's door, the same as the rooms': a valid ticket for this very event,
 * naming a participant who was not removed or banned, from an address that is not
 * banned. Attendees see the board only while the event is live (the waiting room
 * shows nothing of the room); the host and presenters may prepare it beforehand.
 */
export async function admitToWhiteboard(
  services: AdmissionServices,
  publicId: number,
  token: string | null,
  address: string | null,
): Promise<WhiteboardAdmission> {
  const event = services.events.byPublicId(publicId);
  if (!event) return NOT_ADMITTED;
  const ticket = await services.tickets.read(token);
  if (!ticket) {
    // A recording's recorder page sees the board as an attendee would, and can never draw.
    const recorder = services.tickets.readRecorder(token);
    if (!recorder || recorder.eventId !== event.id) return NOT_ADMITTED;
    return { admitted: true, event, identity: { participantId: `recorder:${recorder.recorderId}`, name: 'Recorder', role: 'attendee', recorder: true } };
  }
  if (ticket.eventId !== event.id) return NOT_ADMITTED;
  const participant = services.participants.get(ticket.participantId, event.id);
  if (!participant) return NOT_ADMITTED;
  if (participant.excluded || services.participants.isBanned(event.id, participant.email, address)) {
    return { admitted: false, code: WHITEBOARD_CLOSE.excluded, reason: 'You have been removed from this event.' };
  }
  if (participant.role === 'attendee') {
    const status = services.roomStates.get(event.id, { mode: defaultMode(event.kind) }).status;
    if (status === 'waiting') return { admitted: false, code: WHITEBOARD_CLOSE.notStarted, reason: 'The event has not started yet.' };
    if (status === 'ended') return { admitted: false, code: WHITEBOARD_CLOSE.ended, reason: 'The event has ended.' };
  }
  return { admitted: true, event, identity: { participantId: participant.id, name: participant.name, role: participant.role } };
}
