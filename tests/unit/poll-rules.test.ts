import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { PollInput } from '../../shared/poll-schemas.ts';
import { buildPoll, checkAnswer, checkPollEnd, checkPollStart, checkShowResults, publicPoll, score, tally } from '../../server/rooms/rules/poll-rules.ts';
import type { PollModel } from '../../server/rooms/rules/room-model.ts';
import { anna, bob, host, outcome, presenter, roomWith } from './room-rules-support.ts';

let n = 0;
const ids = () => `id${n++}`;
const quiz = buildPoll(v.parse(PollInput, {
  kind: 'test',
  title: 'Capitals',
  questions: [
    { text: 'Capital of Poland?', type: 'single', choices: [{ text: 'Warsaw', correct: true }, { text: 'Kraków' }] },
    { text: 'Cities on the Vistula?', type: 'multiple', choices: [{ text: 'Warsaw', correct: true }, { text: 'Kraków', correct: true }, { text: 'Poznań' }] },
    { text: 'Anything to add?', type: 'open' },
  ],
}), ids);
const [single, multiple, open] = quiz.questions;

function roomWithPoll(status: PollModel['status'] = 'running') {
  const room = roomWith();
  room.polls.set(quiz.id, { definition: quiz, status, resultsVisible: false, answers: new Map() });
  return room;
}

describe('poll definitions', () => {
  it('refuse a choice question with fewer than two choices and an open one with choices', () => {
    expect(v.safeParse(PollInput, { title: 'x', questions: [{ text: 'q', type: 'single', choices: [{ text: 'only' }] }] }).success).toBe(false);
    expect(v.safeParse(PollInput, { title: 'x', questions: [{ text: 'q', type: 'open', choices: [{ text: 'a' }, { text: 'b' }] }] }).success).toBe(false);
    expect(v.safeParse(PollInput, { title: 'x', questions: [] }).success).toBe(false);
  });

  it('a poll (not a test) never marks correct answers, and attendees never see them', () => {
    const poll = buildPoll(v.parse(PollInput, { title: 'Mood', questions: [{ text: 'q', type: 'single', choices: [{ text: 'a', correct: true }, { text: 'b' }] }] }), ids);
    expect(poll.questions[0]!.choices.every((c) => !c.correct)).toBe(true);
    expect(JSON.stringify(publicPoll({ definition: quiz, status: 'running', resultsVisible: false, answers: new Map() }))).not.toContain('correct');
  });
});

describe('running polls (ROOM-8)', () => {
  it('only staff start, end and show results; one running poll at a time', () => {
    expect(outcome(() => checkPollStart(roomWithPoll('draft'), anna, quiz.id))).toBe('not-allowed');
    expect(outcome(() => checkPollStart(roomWithPoll('draft'), presenter, quiz.id))).toBe('ok');
    expect(outcome(() => checkPollStart(roomWithPoll('running'), presenter, quiz.id))).toBe('poll-not-draft');
    const room = roomWithPoll('draft');
    room.polls.set('other', { definition: { ...quiz, id: 'other', title: 'Other' }, status: 'running', resultsVisible: false, answers: new Map() });
    expect(outcome(() => checkPollStart(room, host, quiz.id))).toBe('poll-running');
    expect(outcome(() => checkPollStart(roomWith({ status: 'waiting' }), host, quiz.id))).toBe('not-live');
    expect(outcome(() => checkPollEnd(roomWithPoll(), anna, quiz.id))).toBe('not-allowed');
    expect(outcome(() => checkPollEnd(roomWithPoll('ended'), host, quiz.id))).toBe('poll-not-running');
    expect(outcome(() => checkShowResults(roomWithPoll('draft'), host, quiz.id))).toBe('poll-not-started');
    expect(outcome(() => checkShowResults(roomWithPoll('ended'), bob, quiz.id))).toBe('not-allowed');
  });

  it('accepts one valid answer per question and refuses a second one', () => {
    const room = roomWithPoll();
    const accepted = checkAnswer(room, anna, quiz.id, [{ questionId: single!.id, choiceIds: [single!.choices[0]!.id] }]);
    room.polls.get(quiz.id)!.answers.set('anna', accepted);
    expect(outcome(() => checkAnswer(room, anna, quiz.id, [{ questionId: single!.id, choiceIds: [single!.choices[1]!.id] }]))).toBe('already-answered');
    expect(outcome(() => checkAnswer(room, anna, quiz.id, [{ questionId: open!.id, text: 'Nice' }]))).toBe('ok');
  });

  it.each([
    ['an unknown question', () => [{ questionId: 'nope', choiceIds: ['x'] }], 'no-such-question'],
    ['an out-of-range choice', () => [{ questionId: single!.id, choiceIds: ['not-a-choice'] }], 'invalid-answer'],
    ['two choices on a single-choice question', () => [{ questionId: single!.id, choiceIds: single!.choices.map((c) => c.id) }], 'invalid-answer'],
    ['the same choice twice', () => [{ questionId: multiple!.id, choiceIds: [multiple!.choices[0]!.id, multiple!.choices[0]!.id] }], 'invalid-answer'],
    ['no choice', () => [{ questionId: multiple!.id, choiceIds: [] }], 'invalid-answer'],
    ['text for a choice question', () => [{ questionId: single!.id, text: 'Warsaw' }], 'invalid-answer'],
    ['choices for an open question', () => [{ questionId: open!.id, choiceIds: [single!.choices[0]!.id] }], 'invalid-answer'],
    ['the same question twice in one message', () => [{ questionId: open!.id, text: 'a' }, { questionId: open!.id, text: 'b' }], 'already-answered'],
  ])('refuses %s', (_label, answers, code) => {
    expect(outcome(() => checkAnswer(roomWithPoll(), anna, quiz.id, answers()))).toBe(code);
  });

  it('refuses answers from staff and to a poll that is not running', () => {
    expect(outcome(() => checkAnswer(roomWithPoll(), presenter, quiz.id, [{ questionId: open!.id, text: 'x' }]))).toBe('not-allowed');
    expect(outcome(() => checkAnswer(roomWithPoll('ended'), anna, quiz.id, [{ questionId: open!.id, text: 'x' }]))).toBe('poll-not-running');
    expect(outcome(() => checkAnswer(roomWithPoll('draft'), anna, quiz.id, [{ questionId: open!.id, text: 'x' }]))).toBe('poll-not-running');
  });

  it('tallies votes per choice and scores a test', () => {
    const poll: PollModel = { definition: quiz, status: 'ended', resultsVisible: true, answers: new Map() };
    poll.answers.set('anna', new Map([[single!.id, { choiceIds: [single!.choices[0]!.id] }], [multiple!.id, { choiceIds: [multiple!.choices[0]!.id, multiple!.choices[1]!.id] }]]));
    poll.answers.set('bob', new Map([[single!.id, { choiceIds: [single!.choices[1]!.id] }], [multiple!.id, { choiceIds: [multiple!.choices[0]!.id] }], [open!.id, { text: 'Hi' }]]));
    const results = tally(poll, true);
    expect(results.respondents).toBe(2);
    expect(results.questions[0]).toEqual({ questionId: single!.id, answered: 2, choices: { [single!.choices[0]!.id]: 1, [single!.choices[1]!.id]: 1 }, correctChoiceIds: [single!.choices[0]!.id] });
    expect(results.questions[2]!.answered).toBe(1);
    expect(tally(poll, false).questions[0]).not.toHaveProperty('correctChoiceIds');
    expect(score(poll, 'anna')).toEqual({ correct: 2, scored: 2 });
    expect(score(poll, 'bob')).toEqual({ correct: 0, scored: 2 });
  });
});
