import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { chatMessages } from '../db/schema-chat.ts';
import { attendance, participants } from '../db/schema-events.ts';
import { attendeeClients, eventRatings } from '../db/schema-reports.ts';
import { ctaClicks, ctaShows, questionVotes, questions } from '../db/schema-room-activity.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { AttendeeRowOut, EventReportOut } from '../../shared/report-schemas.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import { score, tally } from '../rooms/rules/poll-rules.ts';
import type { AnswerValue, PollModel } from '../rooms/rules/room-model.ts';
import { concurrency, mergeStays, type Interval } from './concurrency.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/**
 * The report of one event (POST-1), built on demand from what the room recorded: it is
 * the same during the event (open stays count until now) and after it.
 */
export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly roomStates: RoomStatesStore,
    private readonly loadPolls: (eventId: string) => Map<string, PollModel>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  report(event: EventRow): EventReportOut {
    const now = this.now().getTime();
    const state = this.roomStates.find(event.id);
    const people = this.db.select().from(participants).where(eq(participants.eventId, event.id)).all();
    const stays = this.db.select().from(attendance).where(eq(attendance.eventId, event.id)).orderBy(asc(attendance.joinedAt)).all();
    const clients = new Map(this.db.select().from(attendeeClients).where(eq(attendeeClients.eventId, event.id)).all().map((c) => [c.participantId, c]));
    const ratings = new Map(this.db.select().from(eventRatings).where(eq(eventRatings.eventId, event.id)).all().map((r) => [r.participantId, r]));
    const chatCount = this.countBy(this.db.select({ id: chatMessages.participantId }).from(chatMessages).where(eq(chatMessages.eventId, event.id)).all());
    const askedCount = this.countBy(this.db.select({ id: questions.participantId }).from(questions).where(eq(questions.eventId, event.id)).all());
    const upvoteCount = this.countBy(this.db.select({ id: questionVotes.participantId }).from(questionVotes).innerJoin(questions, eq(questions.id, questionVotes.questionId)).where(eq(questions.eventId, event.id)).all());
    const clickCount = new Map(this.db.select({ id: ctaClicks.participantId, clicks: sql<number>`sum(${ctaClicks.clicks})` }).from(ctaClicks)
      .innerJoin(ctaShows, eq(ctaShows.id, ctaClicks.ctaId)).where(eq(ctaShows.eventId, event.id)).groupBy(ctaClicks.participantId).all().map((r) => [r.id, Number(r.clicks)]));
    const polls = [...this.loadPolls(event.id).values()];

    const staysOf = new Map<string, Interval[]>();
    for (const s of stays) {
      const list = staysOf.get(s.participantId) ?? [];
      list.push({ from: s.joinedAt.getTime(), to: (s.leftAt ?? new Date(now)).getTime() });
      staysOf.set(s.participantId, list);
    }
    const attendees: AttendeeRowOut[] = people.filter((p) => p.role === 'attendee' && staysOf.has(p.id)).map((p) => {
      const own = stays.filter((s) => s.participantId === p.id);
      const client = clients.get(p.id);
      const rating = ratings.get(p.id);
      const answered = polls.filter((poll) => poll.answers.has(p.id));
      const testScores = Object.fromEntries(answered.filter((poll) => poll.definition.kind === 'test').map((poll) => {
        const result = score(poll, p.id);
        return [poll.definition.title, `${result.correct}/${result.scored}`];
      }));
      return {
        participantId: p.id,
        name: p.name,
        email: p.email,
        role: p.role,
        stays: own.map((s) => ({ joinedAt: s.joinedAt.toISOString(), leftAt: iso(s.leftAt), seconds: ((s.leftAt?.getTime() ?? now) - s.joinedAt.getTime()) / 1000 })),
        totalSeconds: mergeStays(staysOf.get(p.id)!).reduce((sum, i) => sum + i.to - i.from, 0) / 1000,
        firstJoinedAt: iso(own[0]?.joinedAt),
        lastLeftAt: own.some((s) => !s.leftAt) ? null : iso(own.map((s) => s.leftAt!).sort((a, b) => a.getTime() - b.getTime()).at(-1)),
        device: client?.device ?? null,
        os: client?.os ?? null,
        browser: client?.browser ?? null,
        country: client?.country ?? null,
        rating: rating?.rating ?? null,
        comment: rating?.comment || null,
        chatLines: chatCount.get(p.id) ?? 0,
        questionsAsked: askedCount.get(p.id) ?? 0,
        questionsUpvoted: upvoteCount.get(p.id) ?? 0,
        pollAnswers: answered.reduce((sum, poll) => sum + (poll.answers.get(p.id)?.size ?? 0), 0),
        testScores,
        ctaClicks: clickCount.get(p.id) ?? 0,
      };
    });

    const firstJoin = stays.find((s) => attendees.some((a) => a.participantId === s.participantId))?.joinedAt.getTime();
    const start = Math.min(state?.startedAt?.getTime() ?? Infinity, firstJoin ?? Infinity);
    const lastLeave = Math.max(0, ...attendees.flatMap((a) => staysOf.get(a.participantId)!.map((i) => i.to)));
    const end = Math.max(state?.endedAt?.getTime() ?? (state?.status === 'live' ? now : 0), lastLeave);
    const curve = Number.isFinite(start) ? concurrency(attendees.map((a) => staysOf.get(a.participantId)!), start, end) : { peak: 0, average: 0, stepSeconds: 60, points: [] };
    const n = attendees.length;
    const rated = attendees.filter((a) => a.rating !== null);
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    const registered = this.db.select({ n: sql<number>`count(*)` }).from(eventGuests).where(and(eq(eventGuests.eventId, event.id), eq(eventGuests.source, 'registration'))).get()?.n ?? 0;
    const voteTotals = this.countBy(this.db.select({ id: questionVotes.questionId }).from(questionVotes).innerJoin(questions, eq(questions.id, questionVotes.questionId)).where(eq(questions.eventId, event.id)).all());

    return {
      event: { id: event.publicId, name: event.name, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone, status: state?.status ?? 'waiting', startedAt: iso(state?.startedAt), endedAt: iso(state?.endedAt) },
      summary: {
        registered,
        attended: n,
        peakConcurrent: curve.peak,
        averageConcurrent: curve.average,
        averageSeconds: n === 0 ? 0 : Math.round(attendees.reduce((sum, a) => sum + a.totalSeconds, 0) / n),
        engagement: {
          chatted: share(attendees.filter((a) => a.chatLines > 0).length, n),
          asked: share(attendees.filter((a) => a.questionsAsked > 0).length, n),
          voted: share(attendees.filter((a) => a.pollAnswers > 0).length, n),
          clicked: share(attendees.filter((a) => a.ctaClicks > 0).length, n),
        },
        averageRating: rated.length === 0 ? null : Math.round((rated.reduce((sum, a) => sum + a.rating!, 0) / rated.length) * 100) / 100,
        ratings: rated.length,
      },
      timeline: { stepSeconds: curve.stepSeconds, points: curve.points.map((p) => ({ ...p, at: new Date(p.at).toISOString() })) },
      ratingCounts: [1, 2, 3, 4, 5].map((r) => [...ratings.values()].filter((x) => x.rating === r).length),
      comments: [...ratings.values()].filter((r) => r.comment).map((r) => ({ name: nameOf.get(r.participantId) ?? '', rating: r.rating, comment: r.comment })),
      polls: polls.filter((p) => p.status !== 'draft').map((p) => this.pollOut(p, nameOf)),
      attendees,
      chat: this.db.select().from(chatMessages).where(and(eq(chatMessages.eventId, event.id), isNull(chatMessages.deletedAt))).orderBy(asc(chatMessages.createdAt)).all()
        .map((m) => ({ at: m.createdAt.toISOString(), name: m.name, role: m.role, text: m.text })),
      questions: this.db.select().from(questions).where(eq(questions.eventId, event.id)).orderBy(asc(questions.createdAt)).all()
        .map((q) => ({ at: q.createdAt.toISOString(), name: q.authorName, text: q.text, state: q.state, votes: voteTotals.get(q.id) ?? 0 })),
    };
  }

  private pollOut(p: PollModel, nameOf: Map<string, string>): EventReportOut['polls'][number] {
    const results = tally(p, true);
    return {
      id: p.definition.id,
      kind: p.definition.kind,
      title: p.definition.title,
      status: p.status,
      respondents: results.respondents,
      questions: p.definition.questions.map((q, i) => ({
        text: q.text,
        type: q.type,
        answered: results.questions[i]?.answered ?? 0,
        choices: q.choices.map((c) => ({ text: c.text, votes: results.questions[i]?.choices[c.id] ?? 0, correct: c.correct })),
        openAnswers: q.type !== 'open' ? [] : [...p.answers].flatMap(([who, answers]) => {
          const answer: AnswerValue | undefined = answers.get(q.id);
          return answer && 'text' in answer ? [{ name: nameOf.get(who) ?? '', text: answer.text }] : [];
        }),
      })),
    };
  }

  private countBy(rows: { id: string }[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    return counts;
  }
}
