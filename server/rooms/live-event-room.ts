import { Protocol, Room, RoomInternalState, ServerError, getMessageBytes, type AuthContext, type Client, type ClientPrivate } from '@colyseus/core';
import * as v from 'valibot';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { CLIENT_MESSAGES, CLIENT_MESSAGE_SCHEMAS, SERVER_MESSAGES, type WaitingEntry } from '../../shared/room-messages.ts';
import { isStaff } from '../../shared/room-policy.ts';
import { isWaitingListNews, WAITING_LIST_REQUEST } from './waiting-list.ts';
import type { PlanId } from '../../shared/plans.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import type { ChatStore } from '../domain/chat-store.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import type { ParticipantsStore } from '../domain/participants-store.ts';
import type { TicketSigner } from '../domain/tickets.ts';
import type { Logger } from '../logger.ts';
import { isMediaNews } from '../media/media-news.ts';
import type { MediaService } from '../media/media-service.ts';
import type { Translator } from '../translation/translator.ts';
import { LIVE_ROOM_NAME } from '../domain/join-service.ts';
import { LiveRoomController } from './live-room-controller.ts';
import { createState, mirror, mirrorMedia } from './live-room-mirror.ts';
import { ROOM_REFUSAL, SEAT_RESERVATION_SECONDS, addressFrom, admit, admitRecorder, displaceOlderConnections, refuseStaleReconnection, type RoomAuth } from './room-admission.ts';
import type { RoomStore } from './room-store.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import { matchMaker } from '@colyseus/core';
import { sendError, validated } from './validated-handler.ts';
import { FrameBudget } from './frame-budget.ts';
import { EarlyPatch, RoomFanout, routePatches } from './room-fanout.ts';
import type { AdmissionLine } from './admission-line.ts';
import type { RecordingDesk } from '../recording/recording-desk.ts';
import type { RecordingRooms } from '../recording/recording-module.ts';
import { PRESENTATION_CHANGED, type PresentationService } from '../presentation/presentation-service.ts';
import { PLAYBACK_NEWS, playbackHandlers, type PlaybackServices } from './playback-desk.ts';
import { isStageFileDeletedNews } from './stage-file-news.ts';

export interface LiveRoomDeps {
  events: EventsService;
  accounts: AccountsService;
  chat: ChatStore;
  tickets: TicketSigner;
  participants: ParticipantsStore;
  roomStore: RoomStore;
  roomStates: RoomStatesStore;
  translator: Translator | undefined;
  media: MediaService;
  logger: Logger;
  newId: () => string;
  /** What an automated webinar adds to its room (server/automated): the timeline playing itself. */
  timeline?: RoomTimelineHook;
  /** Recording (ROOM-13): the REC button, the light, autostart and private mode. */
  recording?: RecordingRooms;
  /** Slides on the stage (ROOM-12). */
  presentation?: PresentationService;
  /** The stage video (ROOM-12): its anchor's store and the file library's sources. */
  playback?: PlaybackServices;
  /** The line at the door in a join storm: told when a reserved seat is taken. */
  admissionLine?: AdmissionLine;
}

/** News on the event channel: an automated event went live (by its schedule or by the host). */
export const TIMELINE_START_NEWS = 'timeline-start';

export interface RoomTimelineHook {
  /** Called when the room opens and on TIMELINE_START_NEWS; does nothing for other kinds or before the start. */
  attach(room: { event: EventRow; controller: LiveRoomController; setTimeout: (callback: () => void, ms: number) => void }): void;
}

type LiveClient = Client<{ auth: RoomAuth }>;

/** What a recorder page is told when it sends anything (it only watches). */
const RECORDER_READ_ONLY = { code: 'recorder-read-only', message: 'The recorder only watches the room; it cannot send anything.' } as const;

/** Every handler refuses a recorder's message before looking at it. */
function refuseRecorders<H extends Record<string, (client: LiveClient, message: never) => unknown>>(handlers: H): H {
  const guarded: Record<string, (client: LiveClient, message: never) => unknown> = {};
  for (const [type, handle] of Object.entries(handlers)) {
    guarded[type] = (client, message) => (client.auth?.recorder ? sendError(client, RECORDER_READ_ONLY) : handle(client, message));
  }
  return guarded as H;
}

/** Matchmaking listing data of a live room. */
export interface LiveRoomMetadata {
  /** Public event id, the `filterBy` key. */
  eventId: number;
  /** Internal event id. */
  eventKey: string;
  accountId: string;
}

const CreateOptions = v.object({ eventId: v.pipe(v.number(), v.integer()) });
/** How long a dropped connection may come back with its reconnection token. */
const RECONNECT_SECONDS = 20;
const TICKET_REFRESH_MS = 5 * 60_000;
/**
 * The attendees-online counter goes out at most this often. Each change of it is a
 * state patch written to every socket: during a join storm (hundreds a second) that
 * was a patch to thousands of attendees on every tick, most of the server's time.
 */
const COUNT_EVERY_MS = 1000;
/**
 * A vote reaches everyone's tally on a patch at most this long after the previous one:
 * a lone vote goes out at once, and while votes pour in the tally rides the regular
 * patch (every 50 ms). At 25 ms the early patches doubled the patches of a poll burst,
 * each a write to every socket (40 a second to 2,000 attendees was 84 % of the server's
 * time), and the tally reached the last attendee later, not sooner (p99 184–460 ms
 * against 122–170 ms at 50).
 */
const TALLY_PATCH_GAP_MS = 50;
/** Frames per second per participant (whatever the number of sockets); beyond it the socket is cut (the chat has its own, gentler limit). */
const FRAMES = { perSecond: 20, burst: 20 } as const;
/** Close code of a connection that a reconnection with its token replaced. */
const REPLACED_CLOSE = 4408;
/** Closes after which the reconnection token is void: our own removal and end codes, protocol errors. */
const NO_COMING_BACK = new Set<number>([ROOM_REFUSAL.excluded, ROOM_REFUSAL.ended, ROOM_REFUSAL.replaced, 1002, 1003, 1007, 1008, 1009]);

/** The channel a live room and its waiting room talk over (Colyseus presence: Redis in a cluster). */
export const eventChannel = (eventKey: string) => `event:${eventKey}`;

/**
 * One room per live event, created on first join and found again by the event's public
 * id (`filterBy(['eventId'])`). The class is the thin adapter between sockets and the
 * LiveRoomController: it admits with the ticket, routes each validated message to the
 * controller, and mirrors the model into the synchronised state. Built by a factory so
 * its services are injected, never imported as module state.
 */
export function createLiveEventRoom(deps: LiveRoomDeps) {
  const handlers = (room: { controller: LiveRoomController; recording?: RecordingDesk }) => {
    const c = () => room.controller;
    const s = CLIENT_MESSAGE_SCHEMAS;
    const M = CLIENT_MESSAGES;
    const on = <T extends keyof typeof s>(type: T, handle: (sessionId: string, message: v.InferOutput<(typeof s)[T]>) => void | Promise<void>) =>
      validated(type, s[type] as v.GenericSchema, (client: LiveClient, message) => handle(client.sessionId, message as v.InferOutput<(typeof s)[T]>));
    return refuseRecorders({
      [M.chat]: on(M.chat, (id, m) => c().chat(id, m)),
      [M.chatDelete]: on(M.chatDelete, (id, m) => c().deleteChat(id, m.messageId)),
      [M.chatLanguage]: on(M.chatLanguage, (id, m) => c().setChatLanguage(id, m.language)),
      [M.setChatEnabled]: on(M.setChatEnabled, (id, m) => c().setChatEnabled(id, m.enabled)),
      [M.start]: on(M.start, (id) => c().start(id)),
      [M.end]: on(M.end, (id) => c().end(id)),
      [M.setMode]: on(M.setMode, (id, m) => c().setMode(id, m.mode)),
      [M.setMainView]: on(M.setMainView, (id, m) => c().setMainView(id, m.view)),
      [M.setRole]: on(M.setRole, (id, m) => c().setRole(id, m.participantId, m.role)),
      [M.remove]: on(M.remove, (id, m) => {
        c().remove(id, m.participantId, m.ban);
        deps.participants.announceExcluded(c().model.eventId, m.participantId);
      }),
      [M.grantMedia]: on(M.grantMedia, (id, m) => c().grantMedia(id, m.participantId, m.granted)),
      [M.setQaOpen]: on(M.setQaOpen, (id, m) => c().qa.setOpen(id, m.open)),
      [M.markQuestion]: on(M.markQuestion, (id, m) => c().qa.markQuestion(id, m.messageId)),
      [M.voteQuestion]: on(M.voteQuestion, (id, m) => c().qa.vote(id, m.questionId)),
      [M.setQuestionState]: on(M.setQuestionState, (id, m) => c().qa.setState(id, m.questionId, m.state)),
      [M.publishQuestion]: on(M.publishQuestion, (id, m) => c().qa.publish(id, m.questionId)),
      [M.pollCreate]: on(M.pollCreate, (id, m) => c().polls.create(id, m)),
      [M.pollStart]: on(M.pollStart, (id, m) => c().polls.start(id, m.pollId)),
      [M.pollEnd]: on(M.pollEnd, (id, m) => c().polls.end(id, m.pollId)),
      [M.pollShowResults]: on(M.pollShowResults, (id, m) => c().polls.showResults(id, m.pollId, m.visible)),
      [M.pollAnswer]: on(M.pollAnswer, (id, m) => c().polls.answer(id, m.pollId, m.answers)),
      [M.ctaShow]: on(M.ctaShow, (id, m) => c().cta.show(id, m)),
      [M.ctaClose]: on(M.ctaClose, (id) => c().cta.close(id)),
      [M.ctaClick]: on(M.ctaClick, (id, m) => c().cta.click(id, m.ctaId)),
      [M.presentationOpen]: on(M.presentationOpen, (id, m) => c().presentation.open(id, m)),
      [M.presentationPage]: on(M.presentationPage, (id, m) => c().presentation.goTo(id, m.page)),
      [M.presentationClose]: on(M.presentationClose, (id) => c().presentation.close(id)),
      [M.hand]: on(M.hand, (id, m) => c().raiseHand(id, m.raised)),
      [M.react]: on(M.react, (id, m) => c().react(id, m.reaction)),
      [M.setCollaboration]: on(M.setCollaboration, (id, m) => c().setCollaboration(id, m.enabled)),
      [M.camera]: on(M.camera, (id, m) => c().media.camera(id, m.on)),
      [M.mediaCredentials]: on(M.mediaCredentials, (id) => c().media.credentials(id)),
      // Recording: the desk checks the caller's role as the room knows it now.
      [M.setRecording]: validated(M.setRecording, s[M.setRecording], async (client: LiveClient, m) => {
        const participant = c().model.participants.get(client.auth?.participant?.id ?? '');
        await room.recording?.request(participant?.role ?? 'attendee', m.on, m.language);
      }),
      ...playbackHandlers<LiveClient>(() => c().playback),
      // Any other type is refused with a reason; the room carries on.
      '*': (client: LiveClient, type: string | number) => sendError(client, { code: 'unknown-message', message: `Unknown message type: ${String(type).slice(0, 40)}` }),
    });
  };

  return class LiveEventRoom extends Room<{ state: LiveRoomState; client: LiveClient; metadata: LiveRoomMetadata }> {
    // Counted per participant by `frames` instead (see FrameBudget).
    override maxMessagesPerSecond = Infinity;
    private readonly frames = new FrameBudget(FRAMES);
    /** Broadcasts and state patches framed once per tick, one write per socket (see room-fanout.ts). */
    private readonly fanout = new RoomFanout(() => this.clients);
    private readonly earlyPatch = new EarlyPatch(() => this.broadcastPatch(), TALLY_PATCH_GAP_MS);
    controller!: LiveRoomController;
    recording: RecordingDesk | undefined;
    private event!: EventRow;
    /** Connections the socket layer closed for a protocol violation (e.g. an oversized frame). */
    private readonly violators = new Set<string>();
    private unsubscribe: (() => void) | undefined;
    private stateDirty = false;
    private countShownAt = 0;
    /** Who waits in the waiting room, as it last said (see waiting-list.ts). */
    private waitingList: WaitingEntry[] = [];

    override messages = handlers(this);

    /**
     * The room has no seat cap of its own (the plan's limit is checked in onAuth), and
     * Colyseus's check counts the reserved seats with Object.keys on every reservation:
     * O(seats being taken) per join, in a join storm thousands.
     */
    override hasReachedMaxClients(): boolean {
      return (this as unknown as { _internalState: number })._internalState === RoomInternalState.DISPOSING;
    }

    override onCreate(options: unknown): void {
      // Under a join storm the socket may reach a busy process late (see SEAT_RESERVATION_SECONDS).
      this.seatReservationTimeout = SEAT_RESERVATION_SECONDS;
      const parsed = v.safeParse(CreateOptions, options);
      const event = parsed.success ? deps.events.byPublicId(parsed.output.eventId) : undefined;
      if (!event) throw new ServerError(404, 'Event not found.');
      this.event = event;
      const plan = deps.accounts.getAccount(event.accountId).plan as PlanId;
      const model = deps.roomStore.load(event, plan);
      // A process that died left attendance open; close it so times stay honest.
      deps.roomStore.closeDanglingAttendance(event.id);
      this.setState(createState(event, deps.translator !== undefined));
      routePatches(this, this.fanout);
      this.controller = new LiveRoomController(event, model, {
        store: deps.roomStore,
        chat: deps.chat,
        translator: deps.translator,
        media: deps.media,
        playback: deps.playback,
        logger: deps.logger,
        newId: deps.newId,
        presentation: deps.presentation,
        now: () => new Date(),
        otherLiveEvents: async () => {
          // Live in the database and with people in the room: an event someone forgot to end does not block the next one.
          const live = new Set(deps.roomStates.liveEventIds(event.accountId).filter((id) => id !== event.id));
          const open = await matchMaker.query({ name: LIVE_ROOM_NAME });
          return open.filter((r) => live.has(String(r.metadata?.eventKey)) && r.clients > 0).length;
        },
        currentLimits: () => deps.roomStore.limitsOf(event.accountId),
        issueTicket: async (p) => (await deps.tickets.issue({ participantId: p.id, eventId: event.id, role: p.role, name: p.name })).token,
      }, {
        // What was broadcast before goes first (one client's message never overtakes a broadcast).
        send: (sessionId, type, payload) => {
          this.fanout.flush();
          this.clients.getById(sessionId)?.send(type, payload);
        },
        prepare: (type, payload) => getMessageBytes.raw(Protocol.ROOM_DATA, type, payload),
        sendPrepared: (sessionId, bytes) => {
          this.fanout.flush();
          this.clients.getById(sessionId)?.enqueueRaw(bytes);
        },
        broadcast: (type, payload) => this.fanout.broadcast(getMessageBytes.raw(Protocol.ROOM_DATA, type, payload)),
        tallySoon: () => this.earlyPatch.request(),
        kick: (sessionId) => this.clock.setTimeout(() => this.clients.getById(sessionId)?.leave(ROOM_REFUSAL.excluded, 'removed'), 50),
        // Mirrored once per patch (onBeforePatch), however many changes came in between.
        sync: () => {
          this.stateDirty = true;
        },
        notifyWaiting: (what) => void this.presence.publish(eventChannel(event.id), what),
        closeAll: () => this.clock.setTimeout(() => void this.disconnect(ROOM_REFUSAL.ended), 1000),
        setTimeout: (callback, ms) => this.clock.setTimeout(callback, ms),
      });
      mirror(this.state, model, new Date(), this.controller.census);
      mirrorMedia(this.state, this.controller.media.view());
      this.recording = deps.recording?.open({ id: event.id, publicId: event.publicId, accountId: event.accountId }, { status: model.status, mode: model.mode });
      this.controller.cta.armExpiry();
      this.controller.media.reconcile();
      const attachTimeline = () => deps.timeline?.attach({ event, controller: this.controller, setTimeout: (callback, ms) => this.clock.setTimeout(callback, ms) });
      attachTimeline();
      // What the timeline did on opening (a restarted server lands on the right page) is in the state the first joiner gets.
      if (this.stateDirty) mirror(this.state, model, new Date(), this.controller.census);
      const onEventNews = (news: unknown) => {
        if (news === TIMELINE_START_NEWS) attachTimeline();
        if (news === 'polls-changed') this.controller.polls.reload(deps.roomStore.loadPolls(event.id));
        if (news === PRESENTATION_CHANGED) this.controller.presentation.reload();
        if (news === PLAYBACK_NEWS) this.controller.playback.reload();
        if (isStageFileDeletedNews(news)) this.controller.stageFileDeleted(news);
        if (isMediaNews(news)) this.controller.media.onNews(news);
        if (isWaitingListNews(news)) {
          this.waitingList = news.entries;
          this.controller.toStaff(SERVER_MESSAGES.waitingList, news.entries);
        }
      };
      void this.presence.subscribe(eventChannel(event.id), onEventNews).then(() => this.presence.publish(eventChannel(event.id), WAITING_LIST_REQUEST));
      this.unsubscribe = () => void this.presence.unsubscribe(eventChannel(event.id), onEventNews);
      this.clock.setInterval(() => this.controller.refreshTickets(), TICKET_REFRESH_MS);
      this.clock.setInterval(() => this.frames.sweep(), 60_000);
      void this.setMetadata({ eventId: event.publicId, eventKey: event.id, accountId: event.accountId });
      deps.logger.info(`room opened for event ${event.publicId}`);
    }

    override onBeforePatch(): void {
      this.earlyPatch.patched();
      // Roster changes and live tallies of this tick, flushed right before the patch that carries them.
      this.controller.flushStats();
      // Recording acts on the start, the end and private mode; everyone's REC light follows it.
      if (this.recording) {
        this.recording.observe(this.controller.model.status, this.controller.model.mode);
        if (this.state.recording !== this.recording.light) this.state.recording = this.recording.light;
      }
      // LiveKit may come or go between patches (a crash of the local server).
      if (this.state.media.available !== deps.media.available) this.stateDirty = true;
      if (!this.stateDirty) return;
      const now = Date.now();
      const countDue = now - this.countShownAt >= COUNT_EVERY_MS;
      mirror(this.state, this.controller.model, new Date(now), this.controller.census, countDue);
      if (countDue) this.countShownAt = now;
      // A count held back keeps the state dirty until it is due.
      this.stateDirty = this.state.attendeesOnline !== this.controller.census.onlineAttendees;
      mirrorMedia(this.state, this.controller.media.view());
    }

    override async onAuth(client: LiveClient, options: { ticket?: unknown } | undefined, context: AuthContext): Promise<RoomAuth> {
      // A refused socket gives its place in the line back at once.
      return this.authorise(options, context).catch((error: unknown) => {
        deps.admissionLine?.admitted(client.sessionId);
        throw error;
      });
    }

    private async authorise(options: { ticket?: unknown } | undefined, context: AuthContext): Promise<RoomAuth> {
      // A recorder watches whatever the room's status (REC may be on before the start and until the end).
      const recorder = admitRecorder(deps.tickets, this.event, options, context);
      if (recorder) return recorder;
      const admission = await admit(deps.tickets, deps.participants, this.event, options, context, addressFrom(context));
      const { role } = admission.participant;
      const model = this.controller.model;
      if (role === 'attendee') {
        if (model.status === 'waiting') throw new ServerError(ROOM_REFUSAL.notStarted, 'The event has not started yet; please wait in the waiting room.');
        if (model.status === 'ended') throw new ServerError(ROOM_REFUSAL.ended, 'The event has ended.');
        const returning = (model.participants.get(admission.participant.id)?.connections ?? 0) > 0;
        if (!returning && this.controller.census.onlineAttendees >= model.limits.maxAttendees) {
          // BILL-9: an upgrade since the room opened grows the seats at once, so the limits are read again before anyone is refused.
          model.limits = deps.roomStore.limitsOf(this.event.accountId);
          if (this.controller.census.onlineAttendees >= model.limits.maxAttendees) throw new ServerError(ROOM_REFUSAL.full, 'The event is full.');
        }
      }
      return admission;
    }

    override async onJoin(client: LiveClient): Promise<void> {
      const auth = client.auth!;
      if (auth.recorder) {
        // Nobody in the room: no roster entry, no attendance, no count; only the state and the broadcasts reach it.
        this.frames.watch(client, `recorder:${auth.recorder.recorderId}`);
        return;
      }
      const { participant, address } = auth;
      this.frames.watch(client, participant.id);
      // `ws` reports an oversized or malformed frame as an error before closing with 1006.
      (client.ref as unknown as NodeJS.EventEmitter).once?.('error', () => this.violators.add(client.sessionId));
      this.controller.ensureParticipant({ id: participant.id, name: participant.name, role: participant.role, email: participant.email, connections: 0, handRaised: participant.handRaised, mediaGranted: participant.mediaGranted, excluded: participant.excluded });
      // Committed with the other joins of this turn before the client hears anything.
      const attendanceId = await deps.roomStore.enter(this.event.id, participant.id, address);
      this.controller.join({ sessionId: client.sessionId, participantId: participant.id, address, attendanceId, language: null });
      // Only a participant with another connection open has a seat to take back (no scan of the whole room per join).
      if ((this.controller.model.participants.get(participant.id)?.connections ?? 0) > 1) displaceOlderConnections(this.clients, client);
      if (isStaff(participant.role)) client.send(SERVER_MESSAGES.waitingList, this.waitingList);
      deps.admissionLine?.admitted(client.sessionId);
    }

    /**
     * A dropped connection may come back with its reconnection token for a while; one
     * closed for breaking the protocol (an oversized or malformed frame, a flood) may not.
     */
    override async onDrop(client: LiveClient, code?: number): Promise<void> {
      const socket = client.ref as unknown as { readyState: number; close(code: number, reason: string): void };
      const participant = this.controller.model.participants.get(client.auth?.participant?.id ?? '');
      if (this.violators.has(client.sessionId) || this.frames.wasCut(client.sessionId) || participant?.excluded || (code !== undefined && NO_COMING_BACK.has(code))) return;
      const reconnection = this.allowReconnection(client, RECONNECT_SECONDS);
      // A joined client dropped while its socket is still open is Colyseus making way for
      // a reconnection with its token: it hands the session to the new socket but never
      // closes the old one, which answers pings and so stays open for good.
      const joined = (client as unknown as ClientPrivate)._enqueuedMessages === undefined;
      if (joined && socket.readyState === 1) socket.close(REPLACED_CLOSE, 'Replaced by a newer connection.');
      await reconnection.catch(() => undefined);
    }

    /**
     * A reconnected socket spends the participant's frame allowance too; and, one person
     * one seat, a device whose seat went to a newer one meanwhile does not get it back.
     */
    override onReconnect(client: LiveClient): void {
      this.frames.watch(client, client.auth?.participant?.id ?? (client.auth?.recorder && `recorder:${client.auth.recorder.recorderId}`));
      // Only a participant with another connection open can have lost the seat (no scan of the whole room per reconnection).
      if ((this.controller.model.participants.get(client.auth?.participant?.id ?? '')?.connections ?? 0) > 1) refuseStaleReconnection(this.clients, client);
    }

    override onLeave(client: LiveClient): void {
      this.violators.delete(client.sessionId);
      this.frames.forget(client.sessionId);
      if (client.auth?.recorder) return;
      this.controller?.leave(client.sessionId);
    }

    override onDispose(): void {
      this.fanout.close();
      this.earlyPatch.close();
      this.unsubscribe?.();
      deps.logger.info(`room closed for event ${this.event?.publicId ?? '?'}`);
    }

    /** One bad message must never take the room down: log it, tell nobody else, carry on. */
    override onUncaughtException(error: Error, methodName: string): void {
      deps.logger.error(`room ${this.roomId}: uncaught exception in ${methodName}`, error);
    }
  };
}

