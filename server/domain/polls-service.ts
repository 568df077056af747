import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { participants } from '../db/schema-events.ts';
import { pollAnswers, polls } from '../db/schema-room-activity.ts';
import type { PollInput, PollOut, PollQuestion, PollResults } from '../../shared/poll-schemas.ts';
import type { Caller } from './accounts-service.ts';
import { conflict, notFound } from './app-error.ts';
import { toCsv } from './csv.ts';
import type { EventsService } from './events-service.ts';
import { newId } from './secrets.ts';
import { buildPoll, score, tally } from '../rooms/rules/poll-rules.ts';
import type { AnswerValue, PollModel } from '../rooms/rules/room-model.ts';
import type { RoomStore } from '../rooms/room-store.ts';

type PollRow = typeof polls.$inferSelect;

/**
 * Polls and tests prepared before the event (ROOM-8) and their results afterwards, for
 * the REST API. A room that is open is told to pick up a new poll (`onChanged`).
 */
export class PollsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly store: RoomStore,
    private readonly onChanged: (eventId: string) => void,
  ) {}

  create(caller: Caller, publicId: number, input: PollInput): PollOut {
    const event = this.events.owned(caller, publicId);
    const definition = buildPoll(input, newId);
    this.store.addPoll(event.id, definition);
    this.onChanged(event.id);
    return this.toOut(this.row(event.id, definition.id));
  }

  list(caller: Caller, publicId: number): (PollOut & { respondents: number })[] {
    const event = this.events.owned(caller, publicId);
    return this.db.select().from(polls).where(eq(polls.eventId, event.id)).orderBy(asc(polls.position)).all()
      .map((row) => ({ ...this.toOut(row), respondents: this.model(row).answers.size }));
  }

  delete(caller: Caller, publicId: number, pollId: string): void {
    const event = this.events.owned(caller, publicId);
    const row = this.row(event.id, pollId);
    if (row.status !== 'draft') throw conflict('poll-not-draft', 'A poll that has been run keeps its answers and cannot be deleted.');
    this.db.delete(polls).where(eq(polls.id, row.id)).run();
    this.onChanged(event.id);
  }

  results(caller: Caller, publicId: number, pollId: string): PollResults {
    const event = this.events.owned(caller, publicId);
    return tally(this.model(this.row(event.id, pollId)), true);
  }

  /** Every individual answer, one row per participant and question, with the test score. */
  answersCsv(caller: Caller, publicId: number, pollId: string): { filename: string; csv: string } {
    const event = this.events.owned(caller, publicId);
    const row = this.row(event.id, pollId);
    const model = this.model(row);
    const questions = row.questions as PollQuestion[];
    const people = new Map(this.db.select({ id: participants.id, name: participants.name, email: participants.email }).from(participants)
      .where(eq(participants.eventId, event.id)).all().map((p) => [p.id, p]));
    const position = new Map(questions.map((q, i) => [q.id, i]));
    const answered = this.db.select().from(pollAnswers).where(eq(pollAnswers.pollId, row.id)).orderBy(asc(pollAnswers.createdAt)).all()
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (position.get(a.questionId) ?? 0) - (position.get(b.questionId) ?? 0));
    const rows = answered.map((a) => {
      const question = questions.find((q) => q.id === a.questionId);
      const answer = a.answer as AnswerValue;
      const text = 'text' in answer ? answer.text : answer.choiceIds.map((id) => question?.choices.find((c) => c.id === id)?.text ?? id).join('; ');
      const person = people.get(a.participantId);
      const result = row.kind === 'test' ? score(model, a.participantId) : undefined;
      return [person?.name ?? '', person?.email ?? '', row.title, question?.text ?? a.questionId, text, result ? `${result.correct}/${result.scored}` : '', a.createdAt.toISOString()];
    });
    const slug = row.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'poll';
    return { filename: `${slug}-answers.csv`, csv: toCsv(['name', 'email', 'poll', 'question', 'answer', 'score', 'answered_at'], rows) };
  }

  private row(eventId: string, pollId: string): PollRow {
    const row = this.db.select().from(polls).where(and(eq(polls.id, pollId), eq(polls.eventId, eventId))).get();
    if (!row) throw notFound('Poll');
    return row;
  }

  private model(row: PollRow): PollModel {
    const answers = new Map<string, Map<string, AnswerValue>>();
    for (const a of this.db.select().from(pollAnswers).where(eq(pollAnswers.pollId, row.id)).all()) {
      const mine = answers.get(a.participantId) ?? new Map<string, AnswerValue>();
      mine.set(a.questionId, a.answer as AnswerValue);
      answers.set(a.participantId, mine);
    }
    return { definition: { id: row.id, kind: row.kind, title: row.title, questions: row.questions as PollQuestion[] }, status: row.status, resultsVisible: row.resultsVisible, answers };
  }

  private toOut(row: PollRow): PollOut {
    return { id: row.id, kind: row.kind, title: row.title, status: row.status, questions: row.questions as PollQuestion[], createdAt: row.createdAt.toISOString() };
  }
}
