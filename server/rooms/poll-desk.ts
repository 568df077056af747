import type { PollInput } from '../../shared/poll-schemas.ts';
import { SERVER_MESSAGES, type ClientMessage } from '../../shared/room-messages.ts';
import type { RoomContext } from './room-context.ts';
import { buildPoll, checkAnswer, checkPollCreate, checkPollEnd, checkPollStart, checkShowResults, tally } from './rules/poll-rules.ts';
import type { Actor, PollModel } from './rules/room-model.ts';
import { refuse } from './rules/refusal.ts';

/** Polls and tests in the room (ROOM-8): create, start, end, show results, answer once. */
export class PollDesk {
  constructor(private readonly ctx: RoomContext) {}

  create(sessionId: string, input: PollInput): void {
    checkPollCreate(this.ctx.actorOf(sessionId));
    const definition = buildPoll(input, this.ctx.services.newId);
    this.ctx.services.store.addPoll(this.ctx.model.eventId, definition);
    this.ctx.model.polls.set(definition.id, { definition, status: 'draft', resultsVisible: false, answers: new Map() });
    this.sendToStaff();
  }

  /** Prepared polls changed through REST: take in new drafts, drop deleted ones; the room's own state wins. */
  reload(stored: Map<string, PollModel>): void {
    const polls = this.ctx.model.polls;
    for (const [id, poll] of stored) if (!polls.has(id)) polls.set(id, poll);
    for (const [id, poll] of polls) if (!stored.has(id) && poll.status === 'draft') polls.delete(id);
    this.sendToStaff();
  }

  start(sessionId: string, pollId: string): void {
    const actor = this.ctx.actorOf(sessionId);
    this.startAs(actor, pollId);
    this.ctx.manualChange?.('poll', 'poll-start', actor);
  }

  /** Also called by an automated webinar's timeline, acting as the host. */
  startAs(actor: Actor, pollId: string): void {
    const { model, services } = this.ctx;
    const poll = checkPollStart(model, actor, pollId);
    services.store.setPollStatus(poll.definition.id, 'running');
    // The new poll takes the main window: results shown of an earlier one go away.
    for (const other of model.polls.values()) if (other !== poll && other.resultsVisible) {
      services.store.setPollResultsVisible(other.definition.id, false);
      other.resultsVisible = false;
    }
    poll.status = 'running';
    model.stagePollId = poll.definition.id;
    this.ctx.outlet.sync();
    this.sendToStaff();
  }

  end(sessionId: string, pollId: string): void {
    const actor = this.ctx.actorOf(sessionId);
    this.endAs(actor, pollId);
    this.ctx.manualChange?.('poll', 'poll-end', actor);
  }

  endAs(actor: Actor, pollId: string): void {
    const poll = checkPollEnd(this.ctx.model, actor, pollId);
    this.ctx.services.store.setPollStatus(poll.definition.id, 'ended');
    poll.status = 'ended';
    if (!poll.resultsVisible && this.ctx.model.stagePollId === poll.definition.id) this.ctx.model.stagePollId = null;
    this.ctx.outlet.sync();
    this.sendToStaff();
  }

  showResults(sessionId: string, pollId: string, visible: boolean): void {
    const actor = this.ctx.actorOf(sessionId);
    this.showResultsAs(actor, pollId, visible);
    this.ctx.manualChange?.('poll', visible ? 'poll-results' : 'poll-results-hide', actor);
  }

  showResultsAs(actor: Actor, pollId: string, visible: boolean): void {
    const poll = checkShowResults(this.ctx.model, actor, pollId);
    this.ctx.services.store.setPollResultsVisible(poll.definition.id, visible);
    poll.resultsVisible = visible;
    if (visible) this.ctx.model.stagePollId = poll.definition.id;
    else if (poll.status !== 'running' && this.ctx.model.stagePollId === poll.definition.id) this.ctx.model.stagePollId = null;
    this.ctx.outlet.sync();
    this.sendToStaff();
  }

  answer(sessionId: string, pollId: string, answers: ClientMessage<'poll-answer'>['answers']): void {
    const actor = this.ctx.actorOf(sessionId);
    const accepted = checkAnswer(this.ctx.model, actor, pollId, answers);
    const poll = this.ctx.model.polls.get(pollId)!;
    try {
      this.ctx.services.store.addAnswers(pollId, actor.participantId, accepted);
    } catch (error) {
      // Two tabs answering at the same instant: the primary key keeps the first.
      if (String(error).includes('UNIQUE')) refuse('already-answered', 'You have already answered this question.');
      throw error;
    }
    const mine = poll.answers.get(actor.participantId) ?? new Map();
    for (const [questionId, answer] of accepted) mine.set(questionId, answer);
    poll.answers.set(actor.participantId, mine);
    this.ctx.sendTo(actor.participantId, SERVER_MESSAGES.yourAnswers, this.answersOf(actor.participantId));
    this.ctx.statsDirty = true;
    this.ctx.outlet.tallySoon();
  }

  /** Everything this participant has answered, so a reconnected client shows "answered". */
  answersOf(participantId: string): { pollId: string; questionId: string; answer: unknown }[] {
    const result: { pollId: string; questionId: string; answer: unknown }[] = [];
    for (const poll of this.ctx.model.polls.values()) {
      for (const [questionId, answer] of poll.answers.get(participantId) ?? []) result.push({ pollId: poll.definition.id, questionId, answer });
    }
    return result;
  }

  stagePoll(): PollModel | undefined {
    return this.ctx.model.stagePollId ? this.ctx.model.polls.get(this.ctx.model.stagePollId) : undefined;
  }

  /** Staff see the full definitions, with right answers and how many answered. */
  forStaff() {
    return [...this.ctx.model.polls.values()].map((p) => ({ ...p.definition, status: p.status, resultsVisible: p.resultsVisible, respondents: p.answers.size }));
  }

  sendToStaff(): void {
    this.ctx.toStaff(SERVER_MESSAGES.polls, this.forStaff());
  }

  /** Live tallies for staff; for everyone through the state when results are shown. */
  flush(): void {
    const stage = this.stagePoll();
    if (!stage) return;
    this.ctx.toStaff(SERVER_MESSAGES.pollResults, tally(stage, true));
    if (stage.resultsVisible) this.ctx.outlet.sync();
  }
}
