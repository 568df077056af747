import type { Role } from '../../shared/join-schemas.ts';
import { SERVER_MESSAGES, type RosterEntry, type YouMessage } from '../../shared/room-messages.ts';
import { isStaff, type MainView } from '../../shared/room-policy.ts';
import type { ChatStore } from '../domain/chat-store.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { Logger } from '../logger.ts';
import type { MediaService } from '../media/media-service.ts';
import type { Translator } from '../translation/translator.ts';
import type { RoomStore } from './room-store.ts';
import type { PresentationService } from '../presentation/presentation-service.ts';
import type { PlaybackServices } from './playback-desk.ts';
import { RoomCensus } from './room-census.ts';
import { refuse } from './rules/refusal.ts';
import type { Actor, ParticipantModel, RoomModel } from './rules/room-model.ts';

/** One open connection of a participant (a browser tab). */
export interface Connection {
  sessionId: string;
  participantId: string;
  address: string | null;
  attendanceId: string;
  /** Chat translation target chosen by this connection, if any. */
  language: string | null;
}

/** A message encoded once by the socket layer. */
export type PreparedMessage = Uint8Array;

/** What the room's behaviour needs from the socket layer; tests drive it with a fake. */
export interface RoomOutlet {
  send(sessionId: string, type: string, payload: unknown): void;
  /** Encodes a message once, for `sendPrepared` to many connections (a join storm gets the same history). */
  prepare(type: string, payload: unknown): PreparedMessage;
  sendPrepared(sessionId: string, message: PreparedMessage): void;
  broadcast(type: string, payload: unknown): void;
  /** A vote changed the live tally: the state goes out sooner than the next regular patch. */
  tallySoon(): void;
  /** Closes a connection after telling it why. */
  kick(sessionId: string): void;
  /** Mirrors the model into the synchronised state. */
  sync(): void;
  /** Tells the event's waiting room that it started or ended. */
  notifyWaiting(what: 'started' | 'ended'): void;
  /** Ends every connection shortly after the last messages went out. */
  closeAll(): void;
  /** A timer owned by the room, cleared when it closes. */
  setTimeout(callback: () => void, ms: number): void;
}

export interface RoomServices {
  store: RoomStore;
  chat: ChatStore;
  translator: Translator | undefined;
  /** Audio and video through LiveKit (answers "no media" when there is none). */
  media: MediaService;
  logger: Logger;
  /** The stage video's store and sources (absent: presenters are told it is unavailable). */
  playback?: PlaybackServices;
  newId: () => string;
  now: () => Date;
  /** How many other events of this account are running now (EV-12). */
  otherLiveEvents(): Promise<number>;
  /** The account's limits now (an upgrade, an add-on, a suspension since the room opened); absent: the ones it opened with. */
  currentLimits?(): RoomModel['limits'];
  /** Slides on the stage (ROOM-12); absent in a server built without the file library. */
  presentation?: PresentationService;
  /** A fresh ticket for a participant, so a reconnect after a restart finds its way back. */
  issueTicket(participant: ParticipantModel): Promise<string>;
}

/**
 * What every part of a live room's behaviour shares: the model, the services, the
 * outlet and the open connections, with the lookups they all need. Identity comes from
 * the connection (made from the ticket), never from a message.
 */
/** What a timeline drives and a person may take over by hand: the chat switch, the CTA, the poll, the main window. */
export type ManualAspect = 'chat' | 'cta' | 'poll' | 'main';

export class RoomContext {
  readonly connections = new Map<string, Connection>();
  /** Indexes kept beside `connections`, so nothing per message walks every attendee of a big room. */
  private readonly byParticipant = new Map<string, Set<string>>();
  private readonly staffSessions = new Set<string>();
  /** Live poll results or CTA clicks changed: staff hear about it on the next flush. */
  statsDirty = false;
  /**
   * Told of every change a person made by hand to what an automated webinar's timeline
   * also drives (its player sets it): the change wins over the timeline and is logged.
   */
  manualChange: ((aspect: ManualAspect, action: string, actor: Actor) => void) | undefined;
  /** Counts kept as the room changes (attendees online, staff, hands), so no join walks everyone. */
  readonly census: RoomCensus;
  /** Participants whose roster entry changed since the last flush: staff get them in one message a tick. */
  private readonly rosterDirty = new Map<string, ParticipantModel>();

  constructor(
    readonly event: EventRow,
    readonly model: RoomModel,
    readonly services: RoomServices,
    readonly outlet: RoomOutlet,
  ) {
    this.census = new RoomCensus(model);
  }

  actorOf(sessionId: string): Actor {
    const participant = this.participant(this.connectionOf(sessionId).participantId);
    if (participant.excluded) refuse('removed', 'You have been removed from this event.');
    return { participantId: participant.id, role: participant.role as Role, name: participant.name };
  }

  participant(participantId: string): ParticipantModel {
    const participant = this.model.participants.get(participantId);
    if (!participant) throw new Error(`participant ${participantId} is not loaded`);
    return participant;
  }

  connectionOf(sessionId: string): Connection {
    const connection = this.connections.get(sessionId);
    if (!connection) throw new Error(`no connection ${sessionId}`);
    return connection;
  }

  connectionsOf(participantId: string): Connection[] {
    return [...(this.byParticipant.get(participantId) ?? [])].map((id) => this.connections.get(id)).filter((c): c is Connection => c !== undefined);
  }

  addConnection(connection: Connection): void {
    this.connections.set(connection.sessionId, connection);
    const sessions = this.byParticipant.get(connection.participantId) ?? new Set();
    sessions.add(connection.sessionId);
    this.byParticipant.set(connection.participantId, sessions);
    this.refreshStaff(connection.participantId);
  }

  removeConnection(sessionId: string): Connection | undefined {
    const connection = this.connections.get(sessionId);
    if (!connection) return undefined;
    this.connections.delete(sessionId);
    this.staffSessions.delete(sessionId);
    const sessions = this.byParticipant.get(connection.participantId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.byParticipant.delete(connection.participantId);
    return connection;
  }

  /** Call after a participant's role changed, so staff-only messages follow the new role. */
  refreshStaff(participantId: string): void {
    const staff = isStaff(this.participant(participantId).role);
    for (const sessionId of this.byParticipant.get(participantId) ?? []) {
      if (staff) this.staffSessions.add(sessionId);
      else this.staffSessions.delete(sessionId);
    }
  }

  /** Sends to every open connection of one participant. */
  sendTo(participantId: string, type: string, payload: unknown): void {
    for (const c of this.connectionsOf(participantId)) this.outlet.send(c.sessionId, type, payload);
  }

  /** Encoded once, whatever the number of staff connections. */
  toStaff(type: string, payload: unknown): void {
    if (this.staffSessions.size === 0) return;
    const message = this.outlet.prepare(type, payload);
    for (const sessionId of this.staffSessions) this.outlet.sendPrepared(sessionId, message);
  }

  saveState(patch: Parameters<RoomStore['saveState']>[1]): void {
    this.services.store.saveState(this.model, patch);
  }

  /** Stored, then shown in everyone's main window (a late joiner gets it with the state). */
  showMainView(view: MainView): void {
    if (this.model.mainView === view) return;
    this.saveState({ mainView: view });
    this.model.mainView = view;
    this.outlet.sync();
  }

  /** Staff hear of it with the next flush (once per patch), together with every other change of that tick. */
  rosterChanged(participant: ParticipantModel): void {
    this.rosterDirty.set(participant.id, participant);
    this.outlet.sync();
  }

  /** One `roster-update` (a list of entries) to each staff connection for everything that changed since the last call. */
  flushRoster(): void {
    if (this.rosterDirty.size === 0) return;
    const entries = [...this.rosterDirty.values()].map(rosterEntry);
    this.rosterDirty.clear();
    if (this.staffSessions.size === 0) return;
    const message = this.outlet.prepare(SERVER_MESSAGES.rosterUpdate, entries);
    for (const sessionId of this.staffSessions) this.outlet.sendPrepared(sessionId, message);
  }

  you(participant: ParticipantModel): YouMessage {
    const votedQuestionIds = [...this.model.questions.values()].filter((q) => q.voters.has(participant.id)).map((q) => q.id);
    return { participantId: participant.id, name: participant.name, role: participant.role, mediaGranted: participant.mediaGranted, handRaised: participant.handRaised, votedQuestionIds };
  }

  sendYou(participant: ParticipantModel): void {
    this.sendTo(participant.id, SERVER_MESSAGES.you, this.you(participant));
  }

  async sendFreshTicket(sessionId: string, participant: ParticipantModel): Promise<void> {
    try {
      this.outlet.send(sessionId, SERVER_MESSAGES.ticket, { ticket: await this.services.issueTicket(participant) });
    } catch (error) {
      this.services.logger.warn('could not issue a fresh ticket', error);
    }
  }
}

export function rosterEntry(p: ParticipantModel): RosterEntry {
  return { id: p.id, name: p.name, role: p.role, online: p.connections > 0 && !p.excluded, handRaised: p.handRaised, mediaGranted: p.mediaGranted };
}
