import { isStaff } from '../../../shared/room-policy.ts';
import type { PollDefinition, PollInput, PollResults, PublicPoll } from '../../../shared/poll-schemas.ts';
import type { Actor, AnswerValue, PollModel, RoomModel } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** Polls and tests (ROOM-8): starting, ending, answering once, tallying and scoring. */

export function buildPoll(input: PollInput, newId: () => string): PollDefinition {
  return {
    id: newId(),
    kind: input.kind,
    title: input.title,
    questions: input.questions.map((q) => ({
      id: newId(),
      text: q.text,
      type: q.type,
      choices: q.choices.map((c) => ({ id: newId(), text: c.text, imageUrl: c.imageUrl ?? null, correct: input.kind === 'test' && c.correct })),
    })),
  };
}

function poll(room: RoomModel, pollId: string): PollModel {
  const found = room.polls.get(pollId);
  if (!found) refuse('no-such-poll', 'This poll does not exist.');
  return found!;
}

export function checkPollCreate(actor: Actor): void {
  if (!isStaff(actor.role)) notAllowed('create polls');
}

export function checkPollStart(room: RoomModel, actor: Actor, pollId: string): PollModel {
  if (!isStaff(actor.role)) notAllowed('start polls');
  if (room.status !== 'live') refuse('not-live', 'Start the event first.');
  const p = poll(room, pollId);
  if (p.status !== 'draft') refuse('poll-not-draft', 'This poll has already been run.');
  for (const other of room.polls.values()) if (other.status === 'running') refuse('poll-running', `End “${other.definition.title}” first.`);
  return p;
}

export function checkPollEnd(room: RoomModel, actor: Actor, pollId: string): PollModel {
  if (!isStaff(actor.role)) notAllowed('end polls');
  const p = poll(room, pollId);
  if (p.status !== 'running') refuse('poll-not-running', 'This poll is not running.');
  return p;
}

export function checkShowResults(room: RoomModel, actor: Actor, pollId: string): PollModel {
  if (!isStaff(actor.role)) notAllowed('show poll results');
  const p = poll(room, pollId);
  if (p.status === 'draft') refuse('poll-not-started', 'Run the poll first.');
  return p;
}

export interface AnswerInput { questionId: string; choiceIds?: string[] | undefined; text?: string | undefined }

/**
 * Each attendee answers each question once: the whole message is refused (nothing
 * stored) if any answer is invalid or repeats one already given.
 */
export function checkAnswer(room: RoomModel, actor: Actor, pollId: string, answers: AnswerInput[]): Map<string, AnswerValue> {
  if (actor.role !== 'attendee') notAllowed('answer polls');
  const p = poll(room, pollId);
  if (p.status !== 'running') refuse('poll-not-running', 'This poll is not running.');
  const given = p.answers.get(actor.participantId);
  const accepted = new Map<string, AnswerValue>();
  for (const answer of answers) {
    const question = p.definition.questions.find((q) => q.id === answer.questionId);
    if (!question) refuse('no-such-question', 'This question is not part of the poll.');
    if (given?.has(answer.questionId) || accepted.has(answer.questionId)) refuse('already-answered', 'You have already answered this question.');
    if (question!.type === 'open') {
      if (!answer.text || answer.choiceIds) refuse('invalid-answer', 'This question takes a written answer.');
      accepted.set(answer.questionId, { text: answer.text! });
      continue;
    }
    const ids = answer.choiceIds ?? [];
    const valid = new Set(question!.choices.map((c) => c.id));
    if (answer.text !== undefined || ids.length === 0) refuse('invalid-answer', 'Pick a choice.');
    if (new Set(ids).size !== ids.length || ids.some((id) => !valid.has(id))) refuse('invalid-answer', 'This choice is not part of the question.');
    if (question!.type === 'single' && ids.length !== 1) refuse('invalid-answer', 'Pick exactly one choice.');
    accepted.set(answer.questionId, { choiceIds: [...ids] });
  }
  return accepted;
}

export function tally(p: PollModel, includeCorrect: boolean): PollResults {
  const questions = p.definition.questions.map((q) => {
    const choices: Record<string, number> = Object.fromEntries(q.choices.map((c) => [c.id, 0]));
    let answered = 0;
    for (const byQuestion of p.answers.values()) {
      const answer = byQuestion.get(q.id);
      if (!answer) continue;
      answered++;
      if ('choiceIds' in answer) for (const id of answer.choiceIds) choices[id] = (choices[id] ?? 0) + 1;
    }
    const correct = q.choices.filter((c) => c.correct).map((c) => c.id);
    return { questionId: q.id, answered, choices, ...(includeCorrect && p.definition.kind === 'test' && { correctChoiceIds: correct }) };
  });
  return { pollId: p.definition.id, respondents: p.answers.size, questions };
}

/** A test's score: questions answered exactly right (open questions are not scored). */
export function score(p: PollModel, participantId: string): { correct: number; scored: number } {
  const scoredQuestions = p.definition.questions.filter((q) => q.type !== 'open' && q.choices.some((c) => c.correct));
  const answers = p.answers.get(participantId);
  let correct = 0;
  for (const q of scoredQuestions) {
    const answer = answers?.get(q.id);
    if (!answer || !('choiceIds' in answer)) continue;
    const right = new Set(q.choices.filter((c) => c.correct).map((c) => c.id));
    if (answer.choiceIds.length === right.size && answer.choiceIds.every((id) => right.has(id))) correct++;
  }
  return { correct, scored: scoredQuestions.length };
}

export function publicPoll(p: PollModel): PublicPoll {
  return {
    id: p.definition.id,
    kind: p.definition.kind,
    title: p.definition.title,
    status: p.status,
    resultsVisible: p.resultsVisible,
    questions: p.definition.questions.map((q) => ({ id: q.id, text: q.text, type: q.type, choices: q.choices.map((c) => ({ id: c.id, text: c.text, imageUrl: c.imageUrl })) })),
  };
}
