import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { attendance, eventBans, participants } from '../db/schema-events.ts';
import { ctaClicks, ctaShows, modeChanges, pollAnswers, polls, questionVotes, questions } from '../db/schema-room-activity.ts';
import type { PollDefinition, PollQuestion } from '../../shared/poll-schemas.ts';
import { limitsFor, type PlanId } from '../../shared/plans.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { RoomStatePatch, RoomStatesStore } from '../domain/room-states-store.ts';
import { newId } from '../domain/secrets.ts';
import { sharedWriteGroup, type WriteGroup } from '../db/write-group.ts';
import { limitsSubject } from '../billing/account-limits.ts';
import type { AnswerValue, CtaModel, ParticipantModel, PollModel, QuestionModel, RoomModel } from './rules/room-model.ts';

/**
 * Everything a live room writes, and the loading of a room from the database alone.
 * Each method is one committed write; the room calls it before it changes its state or
 * tells anyone, so a crash at any point loses nothing that was shown.
 */
export class RoomStore {
  /** Attendance rows of one event-loop turn go in one transaction (a join storm writes hundreds a second). */
  private readonly attendanceWrites: WriteGroup;
  private preparedAttendance: ReturnType<RoomStore['prepareAttendanceInsert']> | undefined;

  constructor(private readonly db: Db, private readonly roomStates: RoomStatesStore, private readonly now: () => Date = () => new Date()) {
    this.attendanceWrites = sharedWriteGroup(db);
  }

  /** The account's limits now, from `limitsFor(account, at)`: its plan, add-ons and billing status (suspended or expired runs nothing). */
  limitsOf(accountId: string, plan?: PlanId): RoomModel['limits'] {
    return limitsFor(limitsSubject(this.db, accountId, plan), this.now());
  }

  load(event: EventRow, plan: PlanId): RoomModel {
    const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    const room: RoomModel = {
      eventId: event.id,
      eventKind: event.kind,
      status: state.status,
      mode: state.mode,
      chatEnabled: state.chatEnabled,
      qaOpen: state.qaOpen,
      collaboration: state.collaboration,
      publishedQuestionId: state.publishedQuestionId,
      mainView: state.mainView,
      limits: this.limitsOf(event.accountId, plan),
      participants: new Map(),
      questions: new Map(),
      polls: new Map(),
      stagePollId: null,
      cta: null,
    };
    for (const p of this.db.select().from(participants).where(eq(participants.eventId, event.id)).all()) {
      room.participants.set(p.id, { id: p.id, name: p.name, role: p.role, email: p.email, connections: 0, handRaised: p.handRaised, mediaGranted: p.mediaGranted, excluded: p.excluded });
    }
    const votes = this.db.select({ questionId: questionVotes.questionId, participantId: questionVotes.participantId }).from(questionVotes)
      .innerJoin(questions, eq(questions.id, questionVotes.questionId)).where(eq(questions.eventId, event.id)).all();
    for (const q of this.db.select().from(questions).where(eq(questions.eventId, event.id)).all()) {
      room.questions.set(q.id, { id: q.id, participantId: q.participantId, authorName: q.authorName, text: q.text, state: q.state, chatMessageId: q.chatMessageId, voters: new Set(), createdAt: q.createdAt });
    }
    for (const v of votes) room.questions.get(v.questionId)?.voters.add(v.participantId);
    room.polls = this.loadPolls(event.id);
    for (const p of room.polls.values()) if (p.status === 'running' || p.resultsVisible) room.stagePollId = p.definition.id;
    const cta = this.db.select().from(ctaShows).where(and(eq(ctaShows.eventId, event.id), isNull(ctaShows.closedAt))).orderBy(asc(ctaShows.shownAt)).all().at(-1);
    if (cta && (!cta.endsAt || cta.endsAt > this.now())) {
      const clicks = this.db.select().from(ctaClicks).where(eq(ctaClicks.ctaId, cta.id)).all();
      room.cta = { id: cta.id, message: cta.message, buttonLabel: cta.buttonLabel, url: cta.url, endsAt: cta.endsAt, clicks: new Map(clicks.map((c) => [c.participantId, c.clicks])) };
    }
    return room;
  }

  /** The event's polls in their prepared order, with every answer given. */
  loadPolls(eventId: string): Map<string, PollModel> {
    const result = new Map<string, PollModel>();
    for (const p of this.db.select().from(polls).where(eq(polls.eventId, eventId)).orderBy(asc(polls.position)).all()) {
      result.set(p.id, { definition: { id: p.id, kind: p.kind, title: p.title, questions: p.questions as PollQuestion[] }, status: p.status, resultsVisible: p.resultsVisible, answers: new Map() });
    }
    const answers = this.db.select().from(pollAnswers).innerJoin(polls, eq(polls.id, pollAnswers.pollId)).where(eq(polls.eventId, eventId)).all();
    for (const { poll_answers: a } of answers) {
      const poll = result.get(a.pollId);
      if (!poll) continue;
      const byParticipant = poll.answers.get(a.participantId) ?? new Map<string, AnswerValue>();
      byParticipant.set(a.questionId, a.answer as AnswerValue);
      poll.answers.set(a.participantId, byParticipant);
    }
    return result;
  }

  saveState(room: RoomModel, patch: RoomStatePatch): void {
    const current = this.roomStates.get(room.eventId, { mode: room.mode });
    this.roomStates.update(room.eventId, current, patch);
  }

  recordModeChange(eventId: string, mode: string, participantId: string): void {
    this.db.insert(modeChanges).values({ id: newId(), eventId, mode, participantId, createdAt: this.now() }).run();
  }

  updateParticipant(participantId: string, patch: Partial<Pick<ParticipantModel, 'role' | 'handRaised' | 'mediaGranted'>>): void {
    this.db.update(participants).set(patch).where(eq(participants.id, participantId)).run();
  }

  exclude(eventId: string, participant: ParticipantModel, kind: 'removed' | 'banned', addresses: string[]): void {
    this.db.transaction((tx) => {
      tx.update(participants).set({ excluded: kind, excludedAt: this.now() }).where(eq(participants.id, participant.id)).run();
      if (kind === 'banned') {
        const rows = (addresses.length ? addresses : [null]).map((address) => ({ id: newId(), eventId, participantId: participant.id, email: participant.email, address, createdAt: this.now() }));
        tx.insert(eventBans).values(rows).run();
      }
    });
  }

  addresses(eventId: string, participantId: string): string[] {
    return [...new Set(this.db.select({ address: attendance.address }).from(attendance)
      .where(and(eq(attendance.eventId, eventId), eq(attendance.participantId, participantId))).all()
      .map((r) => r.address).filter((a): a is string => Boolean(a)))];
  }

  /** Settles once the row is committed, grouped with the other joins of the same turn. */
  async enter(eventId: string, participantId: string, address: string | null): Promise<string> {
    const id = newId();
    const joinedAt = this.now();
    const insert = (this.preparedAttendance ??= this.prepareAttendanceInsert());
    await this.attendanceWrites.add(() => insert.run({ id, eventId, participantId, joinedAt, address }));
    return id;
  }

  /** Prepared once (a join storm enters hundreds a second); it runs on the same connection, so inside the group's transaction. */
  private prepareAttendanceInsert() {
    const p = (name: string) => sql.placeholder(name);
    return this.db.insert(attendance).values({ id: p('id'), eventId: p('eventId'), participantId: p('participantId'), joinedAt: p('joinedAt'), address: p('address') }).prepare();
  }

  /** Grouped like `enter` (after it, when both are queued in the same turn). */
  exit(attendanceId: string): Promise<void> {
    const leftAt = this.now();
    return this.attendanceWrites.add((tx) => tx.update(attendance).set({ leftAt }).where(eq(attendance.id, attendanceId)).run());
  }

  /** Commits queued attendance writes now (the server is stopping). */
  flushWrites(): void {
    this.attendanceWrites.flush();
  }

  /** Closes attendance left open by a process that died, so times stay honest. */
  closeDanglingAttendance(eventId: string): void {
    this.db.update(attendance).set({ leftAt: this.now() }).where(and(eq(attendance.eventId, eventId), isNull(attendance.leftAt))).run();
  }

  addQuestion(eventId: string, question: QuestionModel): void {
    this.db.insert(questions).values({ id: question.id, eventId, participantId: question.participantId, authorName: question.authorName, text: question.text, state: question.state, chatMessageId: question.chatMessageId, createdAt: question.createdAt }).run();
  }

  isQuestion(chatMessageId: string): boolean {
    return this.db.select({ id: questions.id }).from(questions).where(eq(questions.chatMessageId, chatMessageId)).get() !== undefined;
  }

  addVote(questionId: string, participantId: string): void {
    this.db.insert(questionVotes).values({ questionId, participantId, createdAt: this.now() }).run();
  }

  setQuestionState(questionId: string, state: QuestionModel['state']): void {
    this.db.update(questions).set({ state }).where(eq(questions.id, questionId)).run();
  }

  addPoll(eventId: string, definition: PollDefinition): void {
    const position = this.db.select({ id: polls.id }).from(polls).where(eq(polls.eventId, eventId)).all().length;
    this.db.insert(polls).values({ id: definition.id, eventId, kind: definition.kind, title: definition.title, questions: definition.questions, status: 'draft', resultsVisible: false, position, createdAt: this.now() }).run();
  }

  setPollStatus(pollId: string, status: PollModel['status']): void {
    this.db.update(polls).set({ status, ...(status === 'running' ? { startedAt: this.now() } : { endedAt: this.now() }) }).where(eq(polls.id, pollId)).run();
  }

  setPollResultsVisible(pollId: string, visible: boolean): void {
    this.db.update(polls).set({ resultsVisible: visible }).where(eq(polls.id, pollId)).run();
  }

  /** All of one message's answers in one transaction: stored together or not at all. */
  addAnswers(pollId: string, participantId: string, answers: Map<string, AnswerValue>): void {
    const createdAt = this.now();
    this.db.insert(pollAnswers).values([...answers].map(([questionId, answer]) => ({ pollId, questionId, participantId, answer, createdAt }))).run();
  }

  showCta(eventId: string, cta: CtaModel, previousId: string | null): void {
    this.db.transaction((tx) => {
      if (previousId) tx.update(ctaShows).set({ closedAt: this.now() }).where(eq(ctaShows.id, previousId)).run();
      tx.insert(ctaShows).values({ id: cta.id, eventId, message: cta.message, buttonLabel: cta.buttonLabel, url: cta.url, shownAt: this.now(), endsAt: cta.endsAt }).run();
    });
  }

  closeCta(ctaId: string): void {
    this.db.update(ctaShows).set({ closedAt: this.now() }).where(eq(ctaShows.id, ctaId)).run();
  }

  clickCta(ctaId: string, participantId: string): void {
    const now = this.now();
    this.db.insert(ctaClicks).values({ ctaId, participantId, clicks: 1, lastClickedAt: now })
      .onConflictDoUpdate({ target: [ctaClicks.ctaId, ctaClicks.participantId], set: { clicks: sql`${ctaClicks.clicks} + 1`, lastClickedAt: now } }).run();
  }
}

