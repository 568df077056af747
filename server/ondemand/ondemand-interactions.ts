import { and, eq, sql } from 'drizzle-orm';
import type { PollAnswerBody } from '../../shared/ondemand-schemas.ts';
import type { PollResults } from '../../shared/poll-schemas.ts';
import type { Db } from '../db/database.ts';
import { ondemandCtaClicks, ondemandPollAnswers, ondemandViewers } from '../db/schema-ondemand.ts';
import { AppError, conflict, forbidden, notFound } from '../domain/app-error.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { OnDemandCatalog } from './ondemand-catalog.ts';
import type { ViewerRow } from './ondemand-viewers.ts';

type Answer = { choiceIds: string[] } | { text: string };

/**
 * What a viewer does besides watching: CTA clicks (counted per viewer and item) and poll
 * answers (every question checked against the poll before anything is written, so a bad
 * answer saves nothing), and the poll's results once the timeline shows them.
 */
export class OnDemandInteractions {
  constructor(private readonly db: Db, private readonly catalog: OnDemandCatalog, private readonly now: () => Date = () => new Date()) {}

  ctaClick(event: EventRow, viewer: ViewerRow, itemId: string): { clicks: number; url: string } {
    const cta = this.catalog.ctaItem(this.catalog.timeline(event.id), itemId);
    if (!cta) throw notFound('Call to action');
    const now = this.now();
    this.db.insert(ondemandCtaClicks).values({ viewerId: viewer.id, itemId, clicks: 1, lastClickedAt: now })
      .onConflictDoUpdate({ target: [ondemandCtaClicks.viewerId, ondemandCtaClicks.itemId], set: { clicks: sql`${ondemandCtaClicks.clicks} + 1`, lastClickedAt: now } }).run();
    const row = this.db.select().from(ondemandCtaClicks).where(and(eq(ondemandCtaClicks.viewerId, viewer.id), eq(ondemandCtaClicks.itemId, itemId))).get()!;
    return { clicks: row.clicks, url: cta.url };
  }

  /** A poll of this event that its timeline opens; anything else (another event's or account's poll) is not here. */
  private placedPoll(event: EventRow, pollId: string) {
    const timeline = this.catalog.timeline(event.id);
    const item = this.catalog.pollItem(timeline, pollId);
    const poll = this.catalog.eventPolls(event.id).get(pollId);
    if (!item || !poll) throw new AppError('poll-not-here', 404, 'This poll is not part of this webinar.');
    return { item, poll };
  }

  answer(event: EventRow, viewer: ViewerRow, pollId: string, body: PollAnswerBody): { answered: number } {
    const { poll } = this.placedPoll(event, pollId);
    const rows: { questionId: string; answer: Answer }[] = [];
    const seen = new Set<string>();
    for (const [index, given] of body.answers.entries()) {
      const field = `answers.${index}`;
      const question = poll.questions.find((q) => q.id === given.questionId);
      const refuse = (message: string) => new AppError('invalid-answer', 422, message, [{ field, message }]);
      if (!question) throw refuse('This question is not in the poll.');
      if (seen.has(question.id)) throw refuse('A question is answered once.');
      seen.add(question.id);
      if (question.type === 'open') {
        if (!given.text) throw refuse('Write an answer.');
        rows.push({ questionId: question.id, answer: { text: given.text } });
        continue;
      }
      const choices = [...new Set(given.choiceIds ?? [])];
      if (choices.length === 0) throw refuse('Pick a choice.');
      if (question.type === 'single' && choices.length > 1) throw refuse('Pick one choice.');
      if (choices.some((id) => !question.choices.some((c) => c.id === id))) throw refuse('This choice is not in the question.');
      rows.push({ questionId: question.id, answer: { choiceIds: choices } });
    }
    const now = this.now();
    this.db.transaction((tx) => {
      const already = tx.select({ q: ondemandPollAnswers.questionId }).from(ondemandPollAnswers).where(and(eq(ondemandPollAnswers.viewerId, viewer.id), eq(ondemandPollAnswers.pollId, pollId))).all();
      if (already.length) throw conflict('already-answered', 'You have answered this poll already.');
      for (const row of rows) tx.insert(ondemandPollAnswers).values({ viewerId: viewer.id, pollId, questionId: row.questionId, answer: row.answer, createdAt: now }).run();
    });
    return { answered: rows.length };
  }

  /** Results once the viewer's heartbeats reached the moment the timeline shows them (never, when it does not). */
  results(event: EventRow, viewer: ViewerRow, pollId: string): PollResults {
    const { item, poll } = this.placedPoll(event, pollId);
    const at = item.showResultsAtMs;
    if (at === null || viewer.maxPosMs < item.startMs + at) throw forbidden('results-hidden', 'The results of this poll are not shown yet.');
    return this.tally(event, poll.id, poll.questions);
  }

  tally(event: EventRow, pollId: string, questions: { id: string; type: string; choices: { id: string }[] }[]): PollResults {
    const answers = this.db.select({ viewerId: ondemandPollAnswers.viewerId, questionId: ondemandPollAnswers.questionId, answer: ondemandPollAnswers.answer })
      .from(ondemandPollAnswers).innerJoin(ondemandViewers, eq(ondemandViewers.id, ondemandPollAnswers.viewerId))
      .where(and(eq(ondemandPollAnswers.pollId, pollId), eq(ondemandViewers.eventId, event.id))).all();
    return {
      pollId,
      respondents: new Set(answers.map((a) => a.viewerId)).size,
      questions: questions.map((q) => {
        const mine = answers.filter((a) => a.questionId === q.id);
        const choices: Record<string, number> = Object.fromEntries(q.choices.map((c) => [c.id, 0]));
        for (const a of mine) for (const id of (a.answer as { choiceIds?: string[] }).choiceIds ?? []) choices[id] = (choices[id] ?? 0) + 1;
        return { questionId: q.id, answered: mine.length, choices };
      }),
    };
  }
}
