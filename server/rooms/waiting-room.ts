import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import * as v from 'valibot';
import { WaitingRoomState } from '../../shared/live-room-state.ts';
import { SERVER_MESSAGES, type AdmittedMessage } from '../../shared/room-messages.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import { LIVE_ROOM_NAME } from '../domain/join-service.ts';
import type { ParticipantsStore } from '../domain/participants-store.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { TicketSigner } from '../domain/tickets.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from '../media/media-access.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import { eventChannel } from './live-event-room.ts';
import { SEAT_RESERVATION_SECONDS, addressFrom, admit, displaceOlderConnections, type Admission } from './room-admission.ts';
import { WAITING_LIST_REQUEST, waitingEntries, type WaitingListNews } from './waiting-list.ts';

export interface WaitingRoomDeps {
  events: EventsService;
  tickets: TicketSigner;
  participants: ParticipantsStore;
  roomStates: RoomStatesStore;
  mediaAccess: MediaAccess;
  logger: Logger;
}

type WaitingClient = Client<{ auth: Admission }>;
const CreateOptions = v.object({ eventId: v.pipe(v.number(), v.integer()) });

/**
 * Where attendees wait before the host presses "Start event" (ROOM-2, EV-7). It holds
 * only what the lobby shows (name, time, agenda, message): nobody here receives any of
 * the room. When the event starts, each person gets a fresh ticket for the live room
 * at once, as a direct message.
 */
export function createWaitingRoom(deps: WaitingRoomDeps) {
  return class WaitingRoom extends Room<{ state: WaitingRoomState; client: WaitingClient }> {
    override maxMessagesPerSecond = 5;
    private event!: EventRow;
    private unsubscribe: (() => void) | undefined;
    /** When each connection came in, for the staff's waiting list. */
    private readonly arrivals = new Map<string, Date>();

    // Nothing may be sent from the waiting room; anything that arrives is ignored.
    override messages = { '*': () => undefined };

    override async onCreate(options: unknown): Promise<void> {
      // A crowd arriving before the start queues at the same door as the live room's (see SEAT_RESERVATION_SECONDS).
      this.seatReservationTimeout = SEAT_RESERVATION_SECONDS;
      const parsed = v.safeParse(CreateOptions, options);
      const event = parsed.success ? deps.events.byPublicId(parsed.output.eventId) : undefined;
      if (!event) throw new ServerError(404, 'Event not found.');
      this.event = event;
      const status = deps.roomStates.get(event.id, { mode: defaultMode(event.kind) }).status;
      this.setState(new WaitingRoomState({ eventName: event.name, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone, agenda: event.agenda, message: event.waitingMessage, status }));
      const listener = (what: unknown) => {
        if (what === 'started') void this.admitEveryone();
        if (what === 'ended') this.endForEveryone();
        if (what === WAITING_LIST_REQUEST) this.publishList();
      };
      await this.presence.subscribe(eventChannel(event.id), listener);
      this.unsubscribe = () => void this.presence.unsubscribe(eventChannel(event.id), listener);
      void this.setMetadata({ eventId: event.publicId });
    }

    override async onAuth(_client: WaitingClient, options: { ticket?: unknown } | undefined, context: AuthContext): Promise<Admission> {
      return admit(deps.tickets, deps.participants, this.event, options, context, addressFrom(context));
    }

    override onJoin(client: WaitingClient): void {
      displaceOlderConnections(this.clients, client);
      this.arrivals.set(client.sessionId, new Date());
      this.publishList();
      // Started between the join request and this socket: go straight in.
      const status = deps.roomStates.find(this.event.id)?.status;
      if (status === 'live') void this.admit(client);
      if (status === 'ended') client.send(SERVER_MESSAGES.ended, { thankYouUrl: this.event.thankYouUrl });
    }

    override onLeave(client: WaitingClient): void {
      this.arrivals.delete(client.sessionId);
      this.publishList();
    }

    override onDispose(): void {
      this.unsubscribe?.();
    }

    /** Tells the live room (and through it the staff) who waits now. */
    private publishList(): void {
      const entries = waitingEntries(this.clients.map((c) => ({ participantId: c.auth!.participant.id, name: c.auth!.participant.name, since: this.arrivals.get(c.sessionId) ?? new Date() })));
      void this.presence.publish(eventChannel(this.event.id), { kind: 'waiting-list', entries } satisfies WaitingListNews);
    }

    override onUncaughtException(error: Error, methodName: string): void {
      deps.logger.error(`waiting room ${this.roomId}: uncaught exception in ${methodName}`, error);
    }

    private async admitEveryone(): Promise<void> {
      this.state.status = 'live';
      await Promise.all(this.clients.map((client) => this.admit(client)));
    }

    private async admit(client: WaitingClient): Promise<void> {
      const participant = client.auth!.participant;
      const { token } = await deps.tickets.issue({ participantId: participant.id, eventId: this.event.id, role: participant.role, name: participant.name });
      const media = await deps.mediaAccess.credentials(this.event, participant.id);
      client.send(SERVER_MESSAGES.admitted, { ticket: token, room: { name: LIVE_ROOM_NAME, eventId: this.event.publicId }, media } satisfies AdmittedMessage);
    }

    private endForEveryone(): void {
      this.state.status = 'ended';
      this.broadcast(SERVER_MESSAGES.ended, { thankYouUrl: this.event.thankYouUrl });
    }
  };
}
