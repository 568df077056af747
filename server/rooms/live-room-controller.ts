import { SERVER_MESSAGES, type ClientMessage } from '../../shared/room-messages.ts';
import { isStaff, type MainView, type RoomMode } from '../../shared/room-policy.ts';
import { tally } from './rules/poll-rules.ts';
import { CtaDesk } from './cta-desk.ts';
import type { RoomCensus } from './room-census.ts';
import { MediaDesk } from './media-desk.ts';
import { PollDesk } from './poll-desk.ts';
import { PresentationDesk } from './presentation-desk.ts';
import { PlaybackDesk } from './playback-desk.ts';
import { QaDesk } from './qa-desk.ts';
import { stageFileDeletedNotice, type StageFileDeletedNews } from './stage-file-news.ts';
import { RoomContext, rosterEntry, type Connection, type ManualAspect, type PreparedMessage, type RoomOutlet, type RoomServices } from './room-context.ts';
import { checkChat, checkDeleteChat, type ChatRateWindow } from './rules/chat-rules.ts';
import { checkEnd, checkHostSwitch, checkSetMainView, checkSetMode, checkStart } from './rules/lifecycle-rules.ts';
import { checkGrantMedia, checkRaiseHand, checkRemove, checkSetRole } from './rules/moderation-rules.ts';
import { maySeeQuestions, sortedQuestions } from './rules/qa-rules.ts';
import { refuse } from './rules/refusal.ts';
import type { Actor, ParticipantModel, RoomModel } from './rules/room-model.ts';
import { servicePaused } from '../../shared/plans.ts';
import type { EventRow } from '../domain/events-service.ts';

export type { Connection, RoomOutlet } from './room-context.ts';

const REACTION_RATE = { count: 10, perMs: 5000 } as const;

/**
 * The live room's behaviour behind the socket layer. Each handler checks a rule, writes
 * to the database, changes the model, then tells the clients, in that order. Joining,
 * chat, the event's lifecycle and moderation live here; Q&A, polls and the call to
 * action have desks of their own over the same RoomContext.
 */
export class LiveRoomController {
  readonly qa: QaDesk;
  readonly polls: PollDesk;
  readonly cta: CtaDesk;
  readonly media: MediaDesk;
  readonly presentation: PresentationDesk;
  readonly playback: PlaybackDesk;
  private readonly ctx: RoomContext;
  private readonly chatWindow: ChatRateWindow = new Map();
  private readonly reactionWindow: ChatRateWindow = new Map();
  /** The chat history as the socket layer sends it, encoded once per change of the chat, not once per join. */
  private history: { version: number; message: PreparedMessage } | undefined;

  constructor(event: EventRow, model: RoomModel, services: RoomServices, outlet: RoomOutlet) {
    this.ctx = new RoomContext(event, model, services, outlet);
    this.qa = new QaDesk(this.ctx);
    this.polls = new PollDesk(this.ctx);
    this.cta = new CtaDesk(this.ctx);
    this.media = new MediaDesk(this.ctx);
    this.presentation = new PresentationDesk(this.ctx);
    this.playback = new PlaybackDesk(this.ctx, services.playback);
  }

  get model(): RoomModel {
    return this.ctx.model;
  }

  get census(): RoomCensus {
    return this.ctx.census;
  }

  // ───────────────────────────── joining and leaving ─────────────────────────────

  join(connection: Connection): void {
    const { ctx } = this;
    const participant = ctx.participant(connection.participantId);
    participant.connections++;
    ctx.census.connected(participant);
    ctx.addConnection(connection);
    const actor = ctx.actorOf(connection.sessionId);
    const send = (type: string, payload: unknown) => ctx.outlet.send(connection.sessionId, type, payload);
    send(SERVER_MESSAGES.you, ctx.you(participant));
    ctx.outlet.sendPrepared(connection.sessionId, this.preparedHistory());
    if (maySeeQuestions(ctx.model, actor)) send(SERVER_MESSAGES.questions, sortedQuestions(ctx.model));
    const answers = this.polls.answersOf(participant.id);
    if (answers.length) send(SERVER_MESSAGES.yourAnswers, answers);
    if (isStaff(participant.role)) this.sendStaffBundle(connection.sessionId);
    ctx.rosterChanged(participant);
  }

  private preparedHistory(): PreparedMessage {
    const { chat } = this.ctx.services;
    const version = chat.historyVersion(this.ctx.model.eventId);
    if (this.history?.version !== version) {
      this.history = { version, message: this.ctx.outlet.prepare(SERVER_MESSAGES.chatHistory, chat.history(this.ctx.model.eventId)) };
    }
    return this.history.message;
  }

  leave(sessionId: string): void {
    const connection = this.ctx.removeConnection(sessionId);
    if (!connection) return;
    this.ctx.services.store.exit(connection.attendanceId).catch((error: unknown) => this.ctx.services.logger.error('could not record a departure', error));
    const participant = this.ctx.model.participants.get(connection.participantId);
    if (!participant) return;
    const before = participant.connections;
    participant.connections = Math.max(0, participant.connections - 1);
    this.ctx.census.disconnected(participant, before);
    if (participant.connections === 0) this.media.left(participant);
    this.ctx.rosterChanged(participant);
  }

  /** Adds a participant who joined through REST after this room was loaded. */
  ensureParticipant(participant: ParticipantModel): void {
    const known = this.ctx.model.participants.get(participant.id);
    if (!known) {
      this.ctx.model.participants.set(participant.id, participant);
      this.ctx.census.added(participant);
    } else known.name = participant.name;
  }

  // ───────────────────────────── chat and translation ─────────────────────────────

  chat(sessionId: string, message: ClientMessage<'chat'> & { asQuestion: boolean; text: string }): void {
    const { ctx } = this;
    const actor = ctx.actorOf(sessionId);
    checkChat(ctx.model, actor, this.chatWindow, ctx.services.now().getTime(), message.asQuestion, ctx.event.kind === 'automated');
    const line = ctx.services.chat.append(ctx.model.eventId, { participantId: actor.participantId, name: actor.name, role: actor.role }, message.text);
    ctx.outlet.broadcast(SERVER_MESSAGES.chat, line);
    if (message.asQuestion) this.qa.add(actor, line.text, line.id);
    this.translate(line.id, line.text);
  }

  deleteChat(sessionId: string, messageId: string): void {
    checkDeleteChat(this.ctx.actorOf(sessionId));
    if (!this.ctx.services.chat.delete(this.ctx.model.eventId, messageId)) refuse('no-such-message', 'This message does not exist.');
    this.ctx.outlet.broadcast(SERVER_MESSAGES.chatDeleted, { id: messageId });
  }

  setChatLanguage(sessionId: string, language: string | null): void {
    if (!this.ctx.services.translator && language !== null) refuse('translation-unavailable', 'No translation service is configured on this server.');
    this.ctx.connectionOf(sessionId).language = language;
  }

  setChatEnabled(sessionId: string, enabled: boolean): void {
    const actor = this.ctx.actorOf(sessionId);
    this.setChatEnabledAs(actor, enabled);
    this.ctx.manualChange?.('chat', enabled ? 'chat-on' : 'chat-off', actor);
  }

  /**
   * Set by an automated room's timeline: told of every change a person makes by hand to
   * what the timeline also drives (chat, CTA, poll, main window); it wins and is logged.
   */
  set onManualChange(listener: ((aspect: ManualAspect, action: string, actor: Actor) => void) | undefined) {
    this.ctx.manualChange = listener;
  }

  setChatEnabledAs(actor: Actor, enabled: boolean): void {
    checkHostSwitch(actor, 'turn the chat on or off');
    this.ctx.saveState({ chatEnabled: enabled });
    this.ctx.model.chatEnabled = enabled;
    this.ctx.outlet.sync();
  }

  /** New lines, translated once per language that someone picked, to those who picked it. */
  private translate(id: string, text: string): void {
    const translator = this.ctx.services.translator;
    if (!translator) return;
    const byLanguage = new Map<string, string[]>();
    for (const c of this.ctx.connections.values()) if (c.language) byLanguage.set(c.language, [...(byLanguage.get(c.language) ?? []), c.sessionId]);
    for (const [language, sessions] of byLanguage) {
      translator.translate(text, language).then(
        (translated) => {
          for (const s of sessions) if (this.ctx.connections.has(s)) this.ctx.outlet.send(s, SERVER_MESSAGES.chatTranslation, { id, language, text: translated });
        },
        (error: unknown) => this.ctx.services.logger.warn(`chat translation to ${language} failed`, error),
      );
    }
  }

  // ───────────────────────────── lifecycle, mode and moderation ─────────────────────────────

  async start(sessionId: string): Promise<void> {
    const { ctx } = this;
    checkStart(ctx.model, ctx.actorOf(sessionId));
    const running = await ctx.services.otherLiveEvents();
    // Read again: the account may have been upgraded, bought parallel sessions, or been suspended since the room opened.
    const fresh = ctx.services.currentLimits?.();
    if (fresh) ctx.model.limits = fresh;
    const allowed = ctx.model.limits.parallelEvents;
    if (servicePaused(ctx.model.limits)) {
      refuse('account-inactive', 'This account is suspended or expired, so its events cannot start. Reactivate it on the plan page (a new payment method brings an expired account back).');
    }
    if (running >= allowed) {
      refuse('parallel-limit', `Your plan runs ${allowed} event${allowed === 1 ? '' : 's'} at a time and another one is running. End it first, or add parallel sessions.`);
    }
    if (ctx.model.status !== 'waiting') return; // started by a second click meanwhile
    ctx.saveState({ status: 'live', startedAt: ctx.services.now() });
    ctx.model.status = 'live';
    ctx.outlet.sync();
    ctx.outlet.notifyWaiting('started');
  }

  /** An automated webinar that its schedule started while this room was open (the database already says live). */
  startedBySchedule(): void {
    if (this.ctx.model.status !== 'waiting') return;
    this.ctx.model.status = 'live';
    this.ctx.outlet.sync();
  }

  end(sessionId: string): void {
    this.endAs(this.ctx.actorOf(sessionId));
  }

  endAs(actor: Actor): void {
    const { ctx } = this;
    checkEnd(ctx.model, actor);
    ctx.saveState({ status: 'ended', endedAt: ctx.services.now() });
    ctx.model.status = 'ended';
    ctx.outlet.sync();
    ctx.outlet.broadcast(SERVER_MESSAGES.ended, { thankYouUrl: ctx.event.thankYouUrl });
    ctx.outlet.notifyWaiting('ended');
    this.media.ended();
    ctx.outlet.closeAll();
  }

  setMode(sessionId: string, mode: RoomMode): void {
    const { ctx } = this;
    const actor = ctx.actorOf(sessionId);
    checkSetMode(ctx.model, actor, mode);
    if (ctx.model.mode === mode) return;
    ctx.saveState({ mode });
    ctx.services.store.recordModeChange(ctx.model.eventId, mode, actor.participantId);
    ctx.model.mode = mode;
    ctx.outlet.sync();
    this.media.modeChanged(actor.participantId);
  }

  setMainView(sessionId: string, view: MainView): void {
    const actor = this.ctx.actorOf(sessionId);
    checkSetMainView(this.ctx.model, actor, view, this.media.view().screenSharer !== '');
    this.ctx.showMainView(view);
    this.ctx.manualChange?.('main', `main-view-${view}`, actor);
  }

  setRole(sessionId: string, participantId: string, role: 'presenter' | 'attendee'): void {
    const { ctx } = this;
    const participant = checkSetRole(ctx.model, ctx.actorOf(sessionId), participantId, role);
    ctx.services.store.updateParticipant(participant.id, { role, handRaised: false, mediaGranted: false });
    const before = participant.role;
    Object.assign(participant, { role, handRaised: false, mediaGranted: false });
    ctx.census.roleChanged(participant, before);
    ctx.refreshStaff(participant.id);
    for (const c of ctx.connectionsOf(participant.id)) {
      ctx.outlet.send(c.sessionId, SERVER_MESSAGES.you, ctx.you(participant));
      if (role === 'presenter') this.sendStaffBundle(c.sessionId);
      // Its ticket names the old role: hand over one with the new role for any re-entry.
      void ctx.sendFreshTicket(c.sessionId, participant);
    }
    this.media.participantChanged(participant);
    ctx.rosterChanged(participant);
  }

  remove(sessionId: string, participantId: string, ban: boolean): void {
    const { ctx } = this;
    const participant = checkRemove(ctx.model, ctx.actorOf(sessionId), participantId);
    const connections = ctx.connectionsOf(participant.id);
    const seenAt = connections.map((c) => c.address).filter((a): a is string => Boolean(a));
    const addresses = [...new Set([...ctx.services.store.addresses(ctx.model.eventId, participant.id), ...seenAt])];
    ctx.services.store.exclude(ctx.model.eventId, participant, ban ? 'banned' : 'removed', addresses);
    participant.excluded = ban ? 'banned' : 'removed';
    participant.handRaised = false;
    for (const c of connections) {
      ctx.outlet.send(c.sessionId, SERVER_MESSAGES.removed, { banned: ban });
      ctx.outlet.kick(c.sessionId);
    }
    this.media.removed(participant.id);
    ctx.rosterChanged(participant);
  }

  grantMedia(sessionId: string, participantId: string, granted: boolean): void {
    const participant = checkGrantMedia(this.ctx.model, this.ctx.actorOf(sessionId), participantId);
    // Given the floor, the hand has been answered: it goes down with the same write.
    const lowerHand = granted && participant.handRaised;
    this.ctx.services.store.updateParticipant(participant.id, lowerHand ? { mediaGranted: granted, handRaised: false } : { mediaGranted: granted });
    participant.mediaGranted = granted;
    if (lowerHand) {
      participant.handRaised = false;
      this.ctx.census.handChanged(participant);
    }
    this.media.participantChanged(participant);
    this.ctx.sendYou(participant);
    this.ctx.rosterChanged(participant);
  }

  setCollaboration(sessionId: string, enabled: boolean): void {
    checkHostSwitch(this.ctx.actorOf(sessionId), 'turn collaboration on or off');
    this.ctx.saveState({ collaboration: enabled });
    this.ctx.model.collaboration = enabled;
    this.ctx.outlet.sync();
  }

  raiseHand(sessionId: string, raised: boolean): void {
    const actor = this.ctx.actorOf(sessionId);
    checkRaiseHand(this.ctx.model, actor);
    const participant = this.ctx.participant(actor.participantId);
    if (participant.handRaised === raised) return;
    this.ctx.services.store.updateParticipant(participant.id, { handRaised: raised });
    participant.handRaised = raised;
    this.ctx.census.handChanged(participant);
    this.ctx.sendYou(participant);
    this.ctx.rosterChanged(participant);
  }

  react(sessionId: string, reaction: string): void {
    const actor = this.ctx.actorOf(sessionId);
    const now = this.ctx.services.now().getTime();
    const recent = (this.reactionWindow.get(actor.participantId) ?? []).filter((t) => now - t < REACTION_RATE.perMs);
    if (recent.length >= REACTION_RATE.count) refuse('rate-limited', 'Slow down a little.');
    this.reactionWindow.set(actor.participantId, [...recent, now]);
    this.ctx.toStaff(SERVER_MESSAGES.reaction, { participantId: actor.participantId, name: actor.name, reaction });
  }

  /** Encoded once for every host and presenter connection. */
  toStaff(type: string, payload: unknown): void {
    this.ctx.toStaff(type, payload);
  }

  /** A file on the stage was deleted from the library (and taken off there): show it and tell the presenters why. */
  stageFileDeleted(news: StageFileDeletedNews): void {
    if (news.view === 'slides') this.presentation.reload();
    else this.playback.reload();
    this.ctx.toStaff(SERVER_MESSAGES.error, stageFileDeletedNotice(news));
  }

  // ───────────────────────────── periodic work ─────────────────────────────

  /**
   * Called before every state patch (20 a second): the roster changes of the tick go to
   * staff in one message, and at most one results/clicks update, however many votes came,
   * so a tally shown to everyone rides on the very patch that follows the votes.
   */
  flushStats(): void {
    this.ctx.flushRoster();
    if (!this.ctx.statsDirty) return;
    this.ctx.statsDirty = false;
    this.polls.flush();
    this.cta.flush();
  }

  /** Every connection gets a fresh ticket from time to time (see RoomServices.issueTicket). */
  refreshTickets(): void {
    for (const c of this.ctx.connections.values()) {
      const participant = this.ctx.model.participants.get(c.participantId);
      if (participant && !participant.excluded) void this.ctx.sendFreshTicket(c.sessionId, participant);
    }
  }

  /** What a host or presenter needs on entering (or on being promoted). */
  private sendStaffBundle(sessionId: string): void {
    const { ctx } = this;
    const send = (type: string, payload: unknown) => ctx.outlet.send(sessionId, type, payload);
    send(SERVER_MESSAGES.roster, [...ctx.model.participants.values()].filter((p) => !p.excluded).map(rosterEntry));
    send(SERVER_MESSAGES.polls, this.polls.forStaff());
    send(SERVER_MESSAGES.questions, sortedQuestions(ctx.model));
    const stage = this.polls.stagePoll();
    if (stage) send(SERVER_MESSAGES.pollResults, tally(stage, true));
    const stats = this.cta.stats();
    if (stats) send(SERVER_MESSAGES.ctaStats, stats);
  }
}
