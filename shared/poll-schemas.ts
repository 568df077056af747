import * as v from 'valibot';
import { HttpUrl } from './event-schemas.ts';

/**
 * Polls and tests (ROOM-8): prepared through REST or created in the room, with the same
 * schema. A test marks correct choices and scores each attendee.
 */
export const POLL_KINDS = ['poll', 'test'] as const;
export const QUESTION_TYPES = ['single', 'multiple', 'open'] as const;
export const MAX_POLL_QUESTIONS = 50;
export const MAX_CHOICES = 20;
export const OPEN_ANSWER_MAX = 1000;

const Text = (max: number, empty: string) => v.pipe(v.string(), v.trim(), v.minLength(1, empty), v.maxLength(max));

export const PollChoiceInput = v.object({
  text: Text(300, 'A choice needs a text.'),
  imageUrl: v.optional(v.nullable(HttpUrl)),
  /** Tests only: this choice is (one of) the right answer(s). */
  correct: v.optional(v.boolean(), false),
});

export const PollQuestionInput = v.pipe(
  v.object({
    text: Text(500, 'A question needs a text.'),
    type: v.picklist(QUESTION_TYPES),
    choices: v.optional(v.pipe(v.array(PollChoiceInput), v.maxLength(MAX_CHOICES, `At most ${MAX_CHOICES} choices.`)), []),
  }),
  v.forward(
    v.partialCheck([['type'], ['choices']], (q) => (q.type === 'open' ? q.choices.length === 0 : q.choices.length >= 2), 'A choice question needs at least two choices; an open question has none.'),
    ['choices'],
  ),
);

export const PollInput = v.object({
  kind: v.optional(v.picklist(POLL_KINDS), 'poll'),
  title: Text(200, 'Give the poll a name.'),
  questions: v.pipe(v.array(PollQuestionInput), v.minLength(1, 'Add at least one question.'), v.maxLength(MAX_POLL_QUESTIONS, `At most ${MAX_POLL_QUESTIONS} questions.`)),
});
export type PollInput = v.InferOutput<typeof PollInput>;

/** A poll as stored: ids on questions and choices, so answers can name them. */
export interface PollChoice { id: string; text: string; imageUrl: string | null; correct: boolean }
export interface PollQuestion { id: string; text: string; type: (typeof QUESTION_TYPES)[number]; choices: PollChoice[] }
export type PollStatus = 'draft' | 'running' | 'ended';
export interface PollDefinition { id: string; kind: (typeof POLL_KINDS)[number]; title: string; questions: PollQuestion[] }

/** What attendees receive: the definition without the right answers. */
export interface PublicPoll {
  id: string;
  kind: (typeof POLL_KINDS)[number];
  title: string;
  status: PollStatus;
  resultsVisible: boolean;
  questions: { id: string; text: string; type: (typeof QUESTION_TYPES)[number]; choices: { id: string; text: string; imageUrl: string | null }[] }[];
}

/** Tally of one poll: per question, votes per choice (or the number of open answers). */
export interface PollResults {
  pollId: string;
  respondents: number;
  questions: { questionId: string; answered: number; choices: Record<string, number>; correctChoiceIds?: string[] }[];
}

export const PollOut = v.object({
  id: v.string(),
  kind: v.picklist(POLL_KINDS),
  title: v.string(),
  status: v.picklist(['draft', 'running', 'ended']),
  questions: v.array(v.object({
    id: v.string(),
    text: v.string(),
    type: v.picklist(QUESTION_TYPES),
    choices: v.array(v.object({ id: v.string(), text: v.string(), imageUrl: v.nullable(v.string()), correct: v.boolean() })),
  })),
  createdAt: v.string(),
});
export type PollOut = v.InferOutput<typeof PollOut>;
