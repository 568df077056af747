import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import * as v from 'valibot';
import { LiveRoomState, Participant } from '../../shared/room-state.ts';
import { CLIENT_MESSAGES, ChatSend, SERVER_MESSAGES, SetCollaboration } from '../../shared/room-messages.ts';
import { forbidden } from '../domain/app-error.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { ChatStore } from '../domain/chat-store.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { Ticket, TicketSigner } from '../domain/tickets.ts';
import type { ParticipantsStore } from '../domain/participants-store.ts';
import type { Logger } from '../logger.ts';
import { validated } from './validated-handler.ts';

export interface LiveRoomDeps {
  events: EventsService;
  chat: ChatStore;
  tickets: TicketSigner;
  participants: ParticipantsStore;
  roomStates: RoomStatesStore;
  logger: Logger;
}

type LiveClient = Client<{ auth: Ticket }>;

/** Matchmaking listing data of a live room. */
export interface LiveRoomMetadata {
  /** Public event id, the `filterBy` key. */
  eventId: number;
  /** Internal event id. */
  eventKey: string;
  accountId: string;
}

const CreateOptions = v.object({ eventId: v.pipe(v.number(), v.integer()) });

/** Colyseus close code for "you may not enter" (application range 4000-4999). */
export const CLOSE_NOT_ADMITTED = 4401;

/**
 * One room per live event, created on first join and found again by the event's public
 * id (`filterBy(['eventId'])`). The class is a thin adapter: it authenticates with the
 * ticket, keeps the roster in state, and stores every chat line before broadcasting it.
 * Built by a factory so its services are injected, never imported as module state.
 */
export function createLiveEventRoom(deps: LiveRoomDeps) {
  return class LiveEventRoom extends Room<{ state: LiveRoomState; client: LiveClient; metadata: LiveRoomMetadata }> {
    override maxMessagesPerSecond = 30;
    private event!: EventRow;
    /** Open connections per participant: two tabs of one person are one roster entry. */
    private readonly connections = new Map<string, number>();

    override messages = {
      [CLIENT_MESSAGES.chat]: validated(CLIENT_MESSAGES.chat, ChatSend, (client: LiveClient, message) => {
        const author = this.author(client);
        const line = deps.chat.append(this.event.id, author, message.text);
        this.broadcast(SERVER_MESSAGES.chat, line);
      }),
      [CLIENT_MESSAGES.setCollaboration]: validated(CLIENT_MESSAGES.setCollaboration, SetCollaboration, (client: LiveClient, message) => {
        if (this.ticketOf(client).role !== 'host') throw forbidden('not-allowed', 'Only the host can turn collaboration on or off.');
        const current = deps.roomStates.get(this.event.id, { mode: 'presentation' });
        deps.roomStates.update(this.event.id, current, { collaboration: message.enabled });
        this.state.collaboration = message.enabled;
      }),
    };

    override onCreate(options: unknown): void {
      const parsed = v.safeParse(CreateOptions, options);
      const event = parsed.success ? deps.events.byPublicId(parsed.output.eventId) : undefined;
      if (!event) throw new ServerError(404, 'Event not found.');
      this.event = event;
      const stored = deps.roomStates.get(event.id, { mode: 'presentation' });
      this.setState(new LiveRoomState({ eventName: event.name, collaboration: stored.collaboration }));
      // `eventId` is also the matchmaking filter: it must stay in the metadata under that name.
      void this.setMetadata({ eventId: event.publicId, eventKey: event.id, accountId: event.accountId });
      deps.logger.info(`room opened for event ${event.publicId}`);
    }

    /** Only a valid, unexpired ticket for this very event opens the room; the role comes from it. */
    override async onAuth(_client: LiveClient, options: { ticket?: unknown } | undefined, context: AuthContext): Promise<Ticket> {
      const ticket = await deps.tickets.read(options?.ticket ?? context.token);
      if (!ticket || ticket.eventId !== this.event.id || !deps.participants.exists(ticket.participantId, this.event.id)) {
        throw new ServerError(CLOSE_NOT_ADMITTED, 'This ticket does not open this room. Join the event again.');
      }
      return ticket;
    }

    override onJoin(client: LiveClient): void {
      const ticket = this.ticketOf(client);
      this.connections.set(ticket.participantId, (this.connections.get(ticket.participantId) ?? 0) + 1);
      const existing = this.state.participants.get(ticket.participantId);
      if (existing) {
        existing.online = true;
        existing.name = ticket.name;
      } else {
        this.state.participants.set(ticket.participantId, new Participant({ id: ticket.participantId, name: ticket.name, role: ticket.role, online: true }));
      }
      client.send(SERVER_MESSAGES.chatHistory, deps.chat.history(this.event.id));
    }

    override onLeave(client: LiveClient): void {
      const ticket = client.auth;
      if (!ticket) return;
      const left = (this.connections.get(ticket.participantId) ?? 1) - 1;
      if (left > 0) {
        this.connections.set(ticket.participantId, left);
        return;
      }
      this.connections.delete(ticket.participantId);
      const participant = this.state.participants.get(ticket.participantId);
      if (participant) participant.online = false;
    }

    override onDispose(): void {
      deps.logger.info(`room closed for event ${this.event?.publicId ?? '?'}`);
    }

    /** One bad message must never take the room down: log it and carry on. */
    override onUncaughtException(error: Error, methodName: string): void {
      deps.logger.error(`room ${this.roomId}: uncaught exception in ${methodName}`, error);
    }

    private ticketOf(client: LiveClient): Ticket {
      if (!client.auth) throw new Error('client without ticket');
      return client.auth;
    }

    private author(client: LiveClient) {
      const ticket = this.ticketOf(client);
      return { participantId: ticket.participantId, name: ticket.name, role: ticket.role };
    }
  };
}
