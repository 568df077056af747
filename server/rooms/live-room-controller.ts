import type { Role } from '../../shared/join-schemas.ts';
import type { PollInput } from '../../shared/poll-schemas.ts';
import { SERVER_MESSAGES, type ClientMessage, type RosterEntry, type YouMessage } from '../../shared/room-messages.ts';
import { isStaff, type RoomMode } from '../../shared/room-policy.ts';
import type { ChatStore } from '../domain/chat-store.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { Logger } from '../logger.ts';
import type { Translator } from '../translation/translator.ts';
import type { RoomStore } from './room-store.ts';
import { checkChat, checkDeleteChat, checkMarkQuestion, type ChatRateWindow } from './rules/chat-rules.ts';
import { activeCta, checkCtaClick, checkCtaClose, checkCtaShow } from './rules/cta-rules.ts';
import { checkEnd, checkHostSwitch, checkSetMode, checkStart } from './rules/lifecycle-rules.ts';
import { checkGrantMedia, checkRaiseHand, checkRemove, checkSetRole } from './rules/moderation-rules.ts';
import { buildPoll, checkAnswer, checkPollCreate, checkPollEnd, checkPollStart, checkShowResults, tally } from './rules/poll-rules.ts';
import { checkPublish, checkSetQaOpen, checkSetQuestionState, checkVote, maySeeQuestions, questionView, sortedQuestions } from './rules/qa-rules.ts';
import { refuse } from './rules/refusal.ts';
import type { Actor, ParticipantModel, PollModel, QuestionModel, RoomModel } from './rules/room-model.ts';

/** One open connection of a participant (a browser tab). */
export interface Connection {
  sessionId: string;
  participantId: string;
  address: string | null;
  attendanceId: string;
  /** Chat translation target chosen by this connection, if any. */
  language: string | null;
}

/** What the controller needs from the socket layer; tests drive it with a fake. */
export interface RoomOutlet {
  send(sessionId: string, type: string, payload: unknown): void;
  broadcast(type: string, payload: unknown): void;
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

export interface ControllerServices {
  store: RoomStore;
  chat: ChatStore;
  translator: Translator | undefined;
  logger: Logger;
  newId: () => string;
  now: () => Date;
  /** How many other events of this account are running now (EV-12). */
  otherLiveEvents(): Promise<number>;
  /** A fresh ticket for a participant, so a reconnect after a restart finds its way back. */
  issueTicket(participant: ParticipantModel): Promise<string>;
}

const REACTION_RATE = { count: 10, perMs: 5000 } as const;

/**
 * The live room's behaviour behind the socket layer: each handler checks a rule, writes
 * to the database, changes the model, then tells the clients, in that order. Identity
 * comes from the connection (made from the ticket), never from the message.
 */
export class LiveRoomController {
  readonly connections = new Map<string, Connection>();
  private readonly chatWindow: ChatRateWindow = new Map();
  private readonly reactionWindow: ChatRateWindow = new Map();
  private staffStatsDirty = false;

  constructor(
    readonly event: EventRow,
    readonly model: RoomModel,
    private readonly services: ControllerServices,
    private readonly outlet: RoomOutlet,
  ) {}

  // ───────────────────────────── joining and leaving ─────────────────────────────

  join(connection: Connection): void {
    const participant = this.participant(connection.participantId);
    participant.connections++;
    this.connections.set(connection.sessionId, connection);
    const actor = this.actor(connection);
    this.outlet.send(connection.sessionId, SERVER_MESSAGES.you, this.you(participant));
    this.outlet.send(connection.sessionId, SERVER_MESSAGES.chatHistory, this.services.chat.history(this.model.eventId));
    if (maySeeQuestions(this.model, actor)) this.outlet.send(connection.sessionId, SERVER_MESSAGES.questions, sortedQuestions(this.model));
    const answers = this.answersOf(participant.id);
    if (answers.length) this.outlet.send(connection.sessionId, SERVER_MESSAGES.yourAnswers, answers);
    if (isStaff(participant.role)) this.sendStaffBundle(connection.sessionId);
    this.rosterChanged(participant);
  }

  leave(sessionId: string): void {
    const connection = this.connections.get(sessionId);
    if (!connection) return;
    this.connections.delete(sessionId);
    this.services.store.exit(connection.attendanceId);
    const participant = this.model.participants.get(connection.participantId);
    if (!participant) return;
    participant.connections = Math.max(0, participant.connections - 1);
    this.rosterChanged(participant);
  }

  /** Adds a participant who joined through REST after this room was loaded. */
  ensureParticipant(participant: ParticipantModel): void {
    const known = this.model.participants.get(participant.id);
    if (!known) this.model.participants.set(participant.id, participant);
    else known.name = participant.name;
  }

  // ───────────────────────────── chat and translation ─────────────────────────────

  chat(sessionId: string, message: ClientMessage<'chat'> & { asQuestion: boolean; text: string }): void {
    const actor = this.actorOf(sessionId);
    checkChat(this.model, actor, this.chatWindow, this.services.now().getTime(), message.asQuestion);
    const line = this.services.chat.append(this.model.eventId, { participantId: actor.participantId, name: actor.name, role: actor.role }, message.text);
    this.outlet.broadcast(SERVER_MESSAGES.chat, line);
    if (message.asQuestion) this.addQuestion(actor, line.text, line.id);
    this.translate(line.id, line.text);
  }

  deleteChat(sessionId: string, messageId: string): void {
    checkDeleteChat(this.actorOf(sessionId));
    if (!this.services.chat.delete(this.model.eventId, messageId)) refuse('no-such-message', 'This message does not exist.');
    this.outlet.broadcast(SERVER_MESSAGES.chatDeleted, { id: messageId });
  }

  setChatLanguage(sessionId: string, language: string | null): void {
    if (!this.services.translator && language !== null) refuse('translation-unavailable', 'No translation service is configured on this server.');
    this.connectionOf(sessionId).language = language;
  }

  setChatEnabled(sessionId: string, enabled: boolean): void {
    checkHostSwitch(this.actorOf(sessionId), 'turn the chat on or off');
    this.saveState({ chatEnabled: enabled });
    this.model.chatEnabled = enabled;
    this.outlet.sync();
  }

  private translate(id: string, text: string): void {
    const translator = this.services.translator;
    if (!translator) return;
    const byLanguage = new Map<string, string[]>();
    for (const c of this.connections.values()) if (c.language) byLanguage.set(c.language, [...(byLanguage.get(c.language) ?? []), c.sessionId]);
    for (const [language, sessions] of byLanguage) {
      translator.translate(text, language).then(
        (translated) => {
          for (const s of sessions) if (this.connections.has(s)) this.outlet.send(s, SERVER_MESSAGES.chatTranslation, { id, language, text: translated });
        },
        (error: unknown) => this.services.logger.warn(`chat translation to ${language} failed`, error),
      );
    }
  }

  // ───────────────────────────── lifecycle, mode and moderation ─────────────────────────────

  async start(sessionId: string): Promise<void> {
    checkStart(this.model, this.actorOf(sessionId));
    const running = await this.services.otherLiveEvents();
    if (running >= this.model.limits.parallelEvents) {
      const allowed = this.model.limits.parallelEvents;
      refuse('parallel-limit', `Your plan runs ${allowed} event${allowed === 1 ? '' : 's'} at a time and another one is running. End it first, or add parallel sessions.`);
    }
    if (this.model.status !== 'waiting') return; // started by a second click meanwhile
    this.saveState({ status: 'live', startedAt: this.services.now() });
    this.model.status = 'live';
    this.outlet.sync();
    this.outlet.notifyWaiting('started');
  }

  end(sessionId: string): void {
    checkEnd(this.model, this.actorOf(sessionId));
    this.saveState({ status: 'ended', endedAt: this.services.now() });
    this.model.status = 'ended';
    this.outlet.sync();
    this.outlet.broadcast(SERVER_MESSAGES.ended, { thankYouUrl: this.event.thankYouUrl });
    this.outlet.notifyWaiting('ended');
    this.outlet.closeAll();
  }

  setMode(sessionId: string, mode: RoomMode): void {
    const actor = this.actorOf(sessionId);
    checkSetMode(this.model, actor, mode);
    if (this.model.mode === mode) return;
    this.saveState({ mode });
    this.services.store.recordModeChange(this.model.eventId, mode, actor.participantId);
    this.model.mode = mode;
    this.outlet.sync();
  }

  setRole(sessionId: string, participantId: string, role: 'presenter' | 'attendee'): void {
    const participant = checkSetRole(this.model, this.actorOf(sessionId), participantId, role);
    this.services.store.updateParticipant(participant.id, { role, handRaised: false, mediaGranted: false });
    Object.assign(participant, { role, handRaised: false, mediaGranted: false });
    for (const c of this.connectionsOf(participant.id)) {
      this.outlet.send(c.sessionId, SERVER_MESSAGES.you, this.you(participant));
      if (role === 'presenter') this.sendStaffBundle(c.sessionId);
      // Its ticket names the old role: hand over one with the new role for any re-entry.
      void this.sendFreshTicket(c.sessionId, participant);
    }
    this.rosterChanged(participant);
  }

  remove(sessionId: string, participantId: string, ban: boolean): void {
    const participant = checkRemove(this.model, this.actorOf(sessionId), participantId);
    const connections = this.connectionsOf(participant.id);
    const addresses = [...new Set([...this.services.store.addresses(this.model.eventId, participant.id), ...connections.map((c) => c.address).filter((a): a is string => Boolean(a))])];
    this.services.store.exclude(this.model.eventId, participant, ban ? 'banned' : 'removed', addresses);
    participant.excluded = ban ? 'banned' : 'removed';
    participant.handRaised = false;
    for (const c of connections) {
      this.outlet.send(c.sessionId, SERVER_MESSAGES.removed, { banned: ban });
      this.outlet.kick(c.sessionId);
    }
    this.rosterChanged(participant);
  }

  grantMedia(sessionId: string, participantId: string, granted: boolean): void {
    const participant = checkGrantMedia(this.model, this.actorOf(sessionId), participantId);
    this.services.store.updateParticipant(participant.id, { mediaGranted: granted });
    participant.mediaGranted = granted;
    for (const c of this.connectionsOf(participant.id)) this.outlet.send(c.sessionId, SERVER_MESSAGES.you, this.you(participant));
    this.rosterChanged(participant);
  }

  setCollaboration(sessionId: string, enabled: boolean): void {
    checkHostSwitch(this.actorOf(sessionId), 'turn collaboration on or off');
    this.saveState({ collaboration: enabled });
    this.model.collaboration = enabled;
    this.outlet.sync();
  }

  raiseHand(sessionId: string, raised: boolean): void {
    const actor = this.actorOf(sessionId);
    checkRaiseHand(this.model, actor);
    const participant = this.participant(actor.participantId);
    if (participant.handRaised === raised) return;
    this.services.store.updateParticipant(participant.id, { handRaised: raised });
    participant.handRaised = raised;
    for (const c of this.connectionsOf(participant.id)) this.outlet.send(c.sessionId, SERVER_MESSAGES.you, this.you(participant));
    this.rosterChanged(participant);
  }

  react(sessionId: string, reaction: string): void {
    const actor = this.actorOf(sessionId);
    const now = this.services.now().getTime();
    const recent = (this.reactionWindow.get(actor.participantId) ?? []).filter((t) => now - t < REACTION_RATE.perMs);
    if (recent.length >= REACTION_RATE.count) refuse('rate-limited', 'Slow down a little.');
    this.reactionWindow.set(actor.participantId, [...recent, now]);
    this.toStaff(SERVER_MESSAGES.reaction, { participantId: actor.participantId, name: actor.name, reaction });
  }

  // ───────────────────────────── Q&A ─────────────────────────────

  setQaOpen(sessionId: string, open: boolean): void {
    checkSetQaOpen(this.actorOf(sessionId));
    const publishedQuestionId = open ? this.model.publishedQuestionId : null;
    this.saveState({ qaOpen: open, publishedQuestionId });
    Object.assign(this.model, { qaOpen: open, publishedQuestionId });
    this.outlet.sync();
    if (open) this.outlet.broadcast(SERVER_MESSAGES.questions, sortedQuestions(this.model));
  }

  markQuestion(sessionId: string, messageId: string): void {
    const actor = this.actorOf(sessionId);
    const line = this.services.chat.find(this.model.eventId, messageId);
    checkMarkQuestion(this.model, actor, line, line ? this.services.store.isQuestion(line.id) : false);
    const author = this.model.participants.get(line!.participantId);
    this.addQuestion({ participantId: line!.participantId, name: author?.name ?? line!.name, role: author?.role ?? 'attendee' }, line!.text, line!.id);
  }

  voteQuestion(sessionId: string, questionId: string): void {
    const actor = this.actorOf(sessionId);
    const question = checkVote(this.model, actor, questionId);
    this.services.store.addVote(question.id, actor.participantId);
    question.voters.add(actor.participantId);
    this.questionChanged(question);
    for (const c of this.connectionsOf(actor.participantId)) this.outlet.send(c.sessionId, SERVER_MESSAGES.you, this.you(this.participant(actor.participantId)));
  }

  setQuestionState(sessionId: string, questionId: string, state: QuestionModel['state']): void {
    const question = checkSetQuestionState(this.model, this.actorOf(sessionId), questionId);
    this.services.store.setQuestionState(question.id, state);
    question.state = state;
    if (state === 'dismissed' && this.model.publishedQuestionId === question.id) {
      this.saveState({ publishedQuestionId: null });
      this.model.publishedQuestionId = null;
      this.outlet.sync();
    }
    this.questionChanged(question);
  }

  publishQuestion(sessionId: string, questionId: string | null): void {
    const question = checkPublish(this.model, this.actorOf(sessionId), questionId);
    this.saveState({ publishedQuestionId: question?.id ?? null });
    this.model.publishedQuestionId = question?.id ?? null;
    this.outlet.sync();
  }

  private addQuestion(author: Actor, text: string, chatMessageId: string | null): void {
    const question: QuestionModel = { id: this.services.newId(), participantId: author.participantId, authorName: author.name, text, state: 'open', voters: new Set(), createdAt: this.services.now() };
    this.services.store.addQuestion(this.model.eventId, question, chatMessageId);
    this.model.questions.set(question.id, question);
    this.questionChanged(question);
  }

  private questionChanged(question: QuestionModel): void {
    const view = questionView(question);
    if (this.model.qaOpen) this.outlet.broadcast(SERVER_MESSAGES.questionUpdate, view);
    else this.toStaff(SERVER_MESSAGES.questionUpdate, view);
    if (this.model.publishedQuestionId === question.id) this.outlet.sync();
  }

  // ───────────────────────────── polls and tests ─────────────────────────────

  createPoll(sessionId: string, input: PollInput): void {
    checkPollCreate(this.actorOf(sessionId));
    const definition = buildPoll(input, this.services.newId);
    this.services.store.addPoll(this.model.eventId, definition);
    this.model.polls.set(definition.id, { definition, status: 'draft', resultsVisible: false, answers: new Map() });
    this.sendPollsToStaff();
  }

  /** Prepared polls changed through REST: take in new drafts, drop deleted ones; the room's own state wins. */
  reloadPolls(stored: Map<string, PollModel>): void {
    for (const [id, poll] of stored) if (!this.model.polls.has(id)) this.model.polls.set(id, poll);
    for (const [id, poll] of this.model.polls) if (!stored.has(id) && poll.status === 'draft') this.model.polls.delete(id);
    this.sendPollsToStaff();
  }

  startPoll(sessionId: string, pollId: string): void {
    const poll = checkPollStart(this.model, this.actorOf(sessionId), pollId);
    this.services.store.setPollStatus(poll.definition.id, 'running');
    for (const other of this.model.polls.values()) if (other !== poll && other.resultsVisible) {
      this.services.store.setPollResultsVisible(other.definition.id, false);
      other.resultsVisible = false;
    }
    poll.status = 'running';
    this.model.stagePollId = poll.definition.id;
    this.outlet.sync();
    this.sendPollsToStaff();
  }

  endPoll(sessionId: string, pollId: string): void {
    const poll = checkPollEnd(this.model, this.actorOf(sessionId), pollId);
    this.services.store.setPollStatus(poll.definition.id, 'ended');
    poll.status = 'ended';
    if (!poll.resultsVisible && this.model.stagePollId === poll.definition.id) this.model.stagePollId = null;
    this.outlet.sync();
    this.sendPollsToStaff();
  }

  showPollResults(sessionId: string, pollId: string, visible: boolean): void {
    const poll = checkShowResults(this.model, this.actorOf(sessionId), pollId);
    this.services.store.setPollResultsVisible(poll.definition.id, visible);
    poll.resultsVisible = visible;
    if (visible) this.model.stagePollId = poll.definition.id;
    else if (poll.status !== 'running' && this.model.stagePollId === poll.definition.id) this.model.stagePollId = null;
    this.outlet.sync();
    this.sendPollsToStaff();
  }

  answerPoll(sessionId: string, pollId: string, answers: ClientMessage<'poll-answer'>['answers']): void {
    const actor = this.actorOf(sessionId);
    const accepted = checkAnswer(this.model, actor, pollId, answers);
    const poll = this.model.polls.get(pollId)!;
    try {
      this.services.store.addAnswers(pollId, actor.participantId, accepted);
    } catch (error) {
      // Two tabs answering at the same instant: the primary key keeps the first.
      if (String(error).includes('UNIQUE')) refuse('already-answered', 'You have already answered this question.');
      throw error;
    }
    const mine = poll.answers.get(actor.participantId) ?? new Map();
    for (const [questionId, answer] of accepted) mine.set(questionId, answer);
    poll.answers.set(actor.participantId, mine);
    for (const c of this.connectionsOf(actor.participantId)) this.outlet.send(c.sessionId, SERVER_MESSAGES.yourAnswers, this.answersOf(actor.participantId));
    this.markStatsDirty();
  }

  // ───────────────────────────── call to action ─────────────────────────────

  showCta(sessionId: string, message: { message: string; buttonLabel: string; url: string; durationSeconds: number | null }): void {
    checkCtaShow(this.model, this.actorOf(sessionId));
    const now = this.services.now();
    const cta = { id: this.services.newId(), message: message.message, buttonLabel: message.buttonLabel, url: message.url, endsAt: message.durationSeconds ? new Date(now.getTime() + message.durationSeconds * 1000) : null, clicks: new Map<string, number>() };
    this.services.store.showCta(this.model.eventId, cta, activeCta(this.model, now)?.id ?? null);
    this.model.cta = cta;
    this.outlet.sync();
    if (cta.endsAt) this.outlet.setTimeout(() => this.expireCta(cta.id), cta.endsAt.getTime() - now.getTime());
    this.markStatsDirty();
  }

  closeCta(sessionId: string): void {
    const cta = checkCtaClose(this.model, this.actorOf(sessionId), this.services.now());
    this.services.store.closeCta(cta.id);
    this.model.cta = null;
    this.outlet.sync();
  }

  clickCta(sessionId: string, ctaId: string): void {
    const actor = this.actorOf(sessionId);
    const cta = checkCtaClick(this.model, ctaId, this.services.now());
    this.services.store.clickCta(cta.id, actor.participantId);
    cta.clicks.set(actor.participantId, (cta.clicks.get(actor.participantId) ?? 0) + 1);
    this.markStatsDirty();
  }

  /** Re-arms the expiry of a call to action loaded from the database after a restart. */
  armCtaExpiry(): void {
    const cta = this.model.cta;
    if (cta?.endsAt) this.outlet.setTimeout(() => this.expireCta(cta.id), Math.max(0, cta.endsAt.getTime() - this.services.now().getTime()));
  }

  private expireCta(ctaId: string): void {
    if (this.model.cta?.id !== ctaId) return;
    this.model.cta = null;
    this.outlet.sync();
  }

  // ───────────────────────────── staff data, sent at most every flush ─────────────────────────────

  private markStatsDirty(): void {
    this.staffStatsDirty = true;
  }

  /** Called on a short interval: live poll results and CTA clicks for staff, results for all when shown. */
  flushStats(): void {
    if (!this.staffStatsDirty) return;
    this.staffStatsDirty = false;
    const stage = this.model.stagePollId ? this.model.polls.get(this.model.stagePollId) : undefined;
    if (stage) this.toStaff(SERVER_MESSAGES.pollResults, tally(stage, true));
    if (stage?.resultsVisible) this.outlet.sync();
    if (this.model.cta) this.toStaff(SERVER_MESSAGES.ctaStats, this.ctaStats());
  }

  private sendStaffBundle(sessionId: string): void {
    this.outlet.send(sessionId, SERVER_MESSAGES.roster, [...this.model.participants.values()].filter((p) => !p.excluded).map(rosterEntry));
    this.outlet.send(sessionId, SERVER_MESSAGES.polls, this.pollsForStaff());
    this.outlet.send(sessionId, SERVER_MESSAGES.questions, sortedQuestions(this.model));
    const stage = this.model.stagePollId ? this.model.polls.get(this.model.stagePollId) : undefined;
    if (stage) this.outlet.send(sessionId, SERVER_MESSAGES.pollResults, tally(stage, true));
    if (this.model.cta) this.outlet.send(sessionId, SERVER_MESSAGES.ctaStats, this.ctaStats());
  }

  private sendPollsToStaff(): void {
    this.toStaff(SERVER_MESSAGES.polls, this.pollsForStaff());
  }

  private pollsForStaff() {
    return [...this.model.polls.values()].map((p) => ({ ...p.definition, status: p.status, resultsVisible: p.resultsVisible, respondents: p.answers.size }));
  }

  private ctaStats() {
    const cta = this.model.cta!;
    return { ctaId: cta.id, clicks: [...cta.clicks.values()].reduce((a, b) => a + b, 0), clickers: cta.clicks.size };
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private rosterChanged(participant: ParticipantModel): void {
    this.toStaff(SERVER_MESSAGES.rosterUpdate, rosterEntry(participant));
    this.outlet.sync();
  }

  private toStaff(type: string, payload: unknown): void {
    for (const c of this.connections.values()) {
      const role = this.model.participants.get(c.participantId)?.role;
      if (role && isStaff(role)) this.outlet.send(c.sessionId, type, payload);
    }
  }

  private async sendFreshTicket(sessionId: string, participant: ParticipantModel): Promise<void> {
    try {
      this.outlet.send(sessionId, SERVER_MESSAGES.ticket, { ticket: await this.services.issueTicket(participant) });
    } catch (error) {
      this.services.logger.warn('could not issue a fresh ticket', error);
    }
  }

  /** Every connection gets a fresh ticket from time to time (see ControllerServices.issueTicket). */
  refreshTickets(): void {
    for (const c of this.connections.values()) {
      const participant = this.model.participants.get(c.participantId);
      if (participant && !participant.excluded) void this.sendFreshTicket(c.sessionId, participant);
    }
  }

  private saveState(patch: Parameters<RoomStore['saveState']>[1]): void {
    this.services.store.saveState(this.model, patch);
  }

  private you(participant: ParticipantModel): YouMessage {
    const votedQuestionIds = [...this.model.questions.values()].filter((q) => q.voters.has(participant.id)).map((q) => q.id);
    return { participantId: participant.id, name: participant.name, role: participant.role, mediaGranted: participant.mediaGranted, handRaised: participant.handRaised, votedQuestionIds };
  }

  private answersOf(participantId: string) {
    const result: { pollId: string; questionId: string; answer: unknown }[] = [];
    for (const poll of this.model.polls.values()) {
      for (const [questionId, answer] of poll.answers.get(participantId) ?? []) result.push({ pollId: poll.definition.id, questionId, answer });
    }
    return result;
  }

  private participant(participantId: string): ParticipantModel {
    const participant = this.model.participants.get(participantId);
    if (!participant) throw new Error(`participant ${participantId} is not loaded`);
    return participant;
  }

  private connectionOf(sessionId: string): Connection {
    const connection = this.connections.get(sessionId);
    if (!connection) throw new Error(`no connection ${sessionId}`);
    return connection;
  }

  private connectionsOf(participantId: string): Connection[] {
    return [...this.connections.values()].filter((c) => c.participantId === participantId);
  }

  actorOf(sessionId: string): Actor {
    return this.actor(this.connectionOf(sessionId));
  }

  private actor(connection: Connection): Actor {
    const participant = this.participant(connection.participantId);
    if (participant.excluded) refuse('removed', 'You have been removed from this event.');
    return { participantId: participant.id, role: participant.role as Role, name: participant.name };
  }
}

function rosterEntry(p: ParticipantModel): RosterEntry {
  return { id: p.id, name: p.name, role: p.role, online: p.connections > 0 && !p.excluded, handRaised: p.handRaised, mediaGranted: p.mediaGranted };
}
