import { describe, expect, it } from 'vitest';
import { mediaPolicy } from '../../shared/room-policy.ts';
import { checkChat, checkDeleteChat, checkMarkQuestion, type ChatRateWindow } from '../../server/rooms/rules/chat-rules.ts';
import { checkCtaClick, checkCtaClose, checkCtaShow } from '../../server/rooms/rules/cta-rules.ts';
import { checkEnd, checkHostSwitch, checkSetMode, checkStart } from '../../server/rooms/rules/lifecycle-rules.ts';
import { checkGrantMedia, checkRaiseHand, checkRemove, checkSetRole } from '../../server/rooms/rules/moderation-rules.ts';
import { checkPublish, checkSetQaOpen, checkSetQuestionState, checkVote, sortedQuestions } from '../../server/rooms/rules/qa-rules.ts';
import { anna, bob, everyone, host, outcome, participant, presenter, roomWith } from './room-rules-support.ts';

describe('modes decide who speaks, who hears and whether recording runs (ROOM-3, ROOM-13)', () => {
  it.each([
    ['presentation', 'host', { speak: true, hear: true, record: true }],
    ['presentation', 'presenter', { speak: true, hear: true, record: true }],
    ['presentation', 'attendee', { speak: false, hear: true, record: true }],
    ['discussion', 'host', { speak: true, hear: true, record: true }],
    ['discussion', 'presenter', { speak: true, hear: true, record: true }],
    ['discussion', 'attendee', { speak: true, hear: true, record: true }],
    ['private', 'host', { speak: true, hear: true, record: false }],
    ['private', 'presenter', { speak: true, hear: true, record: false }],
    ['private', 'attendee', { speak: false, hear: false, record: false }],
  ] as const)('%s mode, %s', (mode, role, expected) => {
    expect(mediaPolicy(mode, role)).toEqual(expected);
  });

  it('an attendee given the microphone speaks in presentation mode, but not in private mode (ROOM-4)', () => {
    expect(mediaPolicy('presentation', 'attendee', true).speak).toBe(true);
    expect(mediaPolicy('private', 'attendee', true)).toMatchObject({ speak: false, hear: false });
  });
});

describe('starting and ending (ROOM-2, ROOM-14)', () => {
  it.each([[host, 'ok'], [presenter, 'not-allowed'], [anna, 'not-allowed']] as const)('start by %o → %s', (actor, expected) => {
    expect(outcome(() => checkStart(roomWith({ status: 'waiting' }), actor))).toBe(expected);
  });
  it('cannot start twice, nor after the end', () => {
    expect(outcome(() => checkStart(roomWith({ status: 'live' }), host))).toBe('already-started');
    expect(outcome(() => checkStart(roomWith({ status: 'ended' }), host))).toBe('event-ended');
  });
  it('only the host ends, once', () => {
    expect(outcome(() => checkEnd(roomWith(), presenter))).toBe('not-allowed');
    expect(outcome(() => checkEnd(roomWith(), host))).toBe('ok');
    expect(outcome(() => checkEnd(roomWith({ status: 'ended' }), host))).toBe('event-ended');
  });
});

describe('changing the mode (ROOM-3)', () => {
  it.each(['presentation', 'discussion', 'private'] as const)('staff may switch to %s; attendees never', (mode) => {
    expect(outcome(() => checkSetMode(roomWith(), host, mode))).toBe('ok');
    expect(outcome(() => checkSetMode(roomWith(), presenter, mode))).toBe('ok');
    expect(outcome(() => checkSetMode(roomWith(), anna, mode))).toBe('not-allowed');
  });

  it('discussion is refused above the plan’s limit of attendees (5 on the trial) with the numbers', () => {
    const room = roomWith();
    for (let i = 0; i < 4; i++) room.participants.set(`extra${i}`, participant(`extra${i}`, 'attendee'));
    expect(outcome(() => checkSetMode(room, host, 'discussion'))).toBe('discussion-too-big'); // 6 attendees
    room.participants.get('extra0')!.connections = 0; // one left: 5 online
    expect(outcome(() => checkSetMode(room, host, 'discussion'))).toBe('ok');
    room.participants.get('extra0')!.connections = 1;
    expect(() => checkSetMode(room, host, 'discussion')).toThrow(/at most 5 attendees.*6 are in the room/);
    expect(outcome(() => checkSetMode(room, host, 'private'))).toBe('ok');
  });
});

describe('host-only switches: chat on/off, collaboration', () => {
  it.each([[host, 'ok'], [presenter, 'not-allowed'], [anna, 'not-allowed']] as const)('%o → %s', (actor, expected) => {
    expect(outcome(() => checkHostSwitch(actor, 'turn the chat off'))).toBe(expected);
  });
});

describe('moderation (ROOM-2, ROOM-4)', () => {
  it('only the host promotes, demotes, removes and gives the microphone', () => {
    for (const actor of [presenter, anna]) {
      expect(outcome(() => checkSetRole(roomWith(), actor, 'bob', 'presenter'))).toBe('not-allowed');
      expect(outcome(() => checkRemove(roomWith(), actor, 'bob'))).toBe('not-allowed');
      expect(outcome(() => checkGrantMedia(roomWith(), actor, 'bob'))).toBe('not-allowed');
    }
  });

  it('promotes up to the plan’s presenter count (2 on the trial)', () => {
    const room = roomWith();
    expect(outcome(() => checkSetRole(room, host, 'anna', 'presenter'))).toBe('ok');
    room.participants.get('anna')!.role = 'presenter';
    expect(outcome(() => checkSetRole(room, host, 'bob', 'presenter'))).toBe('presenter-limit');
    expect(outcome(() => checkSetRole(room, host, 'anna', 'attendee'))).toBe('ok');
    expect(outcome(() => checkSetRole(room, host, 'anna', 'presenter'))).toBe('no-change');
  });

  it('never targets the host, oneself, or someone unknown or already removed', () => {
    const room = roomWith();
    expect(outcome(() => checkRemove(room, host, 'host'))).toBe('not-yourself');
    expect(outcome(() => checkRemove(room, host, 'ghost'))).toBe('no-such-participant');
    room.participants.get('bob')!.excluded = 'banned';
    expect(outcome(() => checkRemove(room, host, 'bob'))).toBe('no-such-participant');
    room.participants.set('cohost', participant('cohost', 'host'));
    expect(outcome(() => checkRemove(room, host, 'cohost'))).toBe('not-the-host');
  });

  it('gives the microphone to attendees only', () => {
    expect(outcome(() => checkGrantMedia(roomWith(), host, 'anna'))).toBe('ok');
    expect(outcome(() => checkGrantMedia(roomWith(), host, 'presenter'))).toBe('not-an-attendee');
  });

  it('attendees raise hands while the event runs', () => {
    expect(outcome(() => checkRaiseHand(roomWith(), anna))).toBe('ok');
    expect(outcome(() => checkRaiseHand(roomWith(), presenter))).toBe('not-allowed');
    expect(outcome(() => checkRaiseHand(roomWith({ status: 'waiting' }), anna))).toBe('not-live');
  });
});

describe('chat (ROOM-6)', () => {
  const send = (room = roomWith(), actor = anna, window: ChatRateWindow = new Map(), now = 0, asQuestion = false) => outcome(() => checkChat(room, actor, window, now, asQuestion));

  it('everyone chats while chat is on; with chat off only staff do', () => {
    for (const actor of everyone) expect(send(roomWith(), actor)).toBe('ok');
    const off = roomWith({ chatEnabled: false });
    expect(send(off, anna)).toBe('chat-off');
    expect(send(off, presenter)).toBe('ok');
    expect(send(off, host)).toBe('ok');
  });

  it('cuts a participant at 5 messages per 5 seconds, and lets them go on afterwards', () => {
    const window: ChatRateWindow = new Map();
    const results = [0, 100, 200, 300, 400, 500].map((t) => send(roomWith(), anna, window, t));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'rate-limited']);
    expect(send(roomWith(), bob, window, 600)).toBe('ok'); // others are not affected
    expect(send(roomWith(), anna, window, 5100)).toBe('ok');
  });

  it('questions through the chat only while Q&A is open', () => {
    expect(send(roomWith({ qaOpen: false }), anna, new Map(), 0, true)).toBe('qa-closed');
    expect(send(roomWith({ qaOpen: true }), anna, new Map(), 0, true)).toBe('ok');
  });

  it('only staff delete lines', () => {
    expect(outcome(() => checkDeleteChat(presenter))).toBe('ok');
    expect(outcome(() => checkDeleteChat(host))).toBe('ok');
    expect(outcome(() => checkDeleteChat(anna))).toBe('not-allowed');
  });

  it('marks a line as a question: staff any line, an attendee only their own', () => {
    const annasLine = { participantId: 'anna' };
    expect(outcome(() => checkMarkQuestion(roomWith(), presenter, annasLine, false))).toBe('ok');
    expect(outcome(() => checkMarkQuestion(roomWith(), anna, annasLine, false))).toBe('ok');
    expect(outcome(() => checkMarkQuestion(roomWith(), bob, annasLine, false))).toBe('not-allowed');
    expect(outcome(() => checkMarkQuestion(roomWith(), presenter, annasLine, true))).toBe('already-a-question');
    expect(outcome(() => checkMarkQuestion(roomWith(), presenter, undefined, false))).toBe('no-such-message');
    expect(outcome(() => checkMarkQuestion(roomWith({ qaOpen: false }), presenter, annasLine, false))).toBe('qa-closed');
  });
});

describe('Q&A (ROOM-7)', () => {
  const withQuestion = (overrides = {}) => {
    const room = roomWith(overrides);
    room.questions.set('q1', { id: 'q1', participantId: 'anna', authorName: 'anna', text: 'Why?', state: 'open', chatMessageId: null, voters: new Set(), createdAt: new Date(0) });
    room.questions.set('q2', { id: 'q2', participantId: 'bob', authorName: 'bob', text: 'How?', state: 'open', chatMessageId: null, voters: new Set(['x', 'y']), createdAt: new Date(1) });
    return room;
  };

  it('attendees vote once for others’ open questions', () => {
    const room = withQuestion();
    expect(outcome(() => checkVote(room, bob, 'q1'))).toBe('ok');
    room.questions.get('q1')!.voters.add('bob');
    expect(outcome(() => checkVote(room, bob, 'q1'))).toBe('already-voted');
    expect(outcome(() => checkVote(room, anna, 'q1'))).toBe('own-question');
    expect(outcome(() => checkVote(room, presenter, 'q1'))).toBe('not-allowed');
    expect(outcome(() => checkVote(room, bob, 'nope'))).toBe('no-such-question');
    room.questions.get('q2')!.state = 'answered';
    expect(outcome(() => checkVote(room, anna, 'q2'))).toBe('question-closed');
    expect(outcome(() => checkVote(withQuestion({ qaOpen: false }), bob, 'q1'))).toBe('qa-closed');
  });

  it('the list sorts by votes, then age', () => {
    expect(sortedQuestions(withQuestion()).map((q) => [q.id, q.votes])).toEqual([['q2', 2], ['q1', 0]]);
  });

  it('only staff open Q&A, change states and publish; dismissed questions are not published', () => {
    const room = withQuestion();
    for (const actor of [anna, bob]) {
      expect(outcome(() => checkSetQaOpen(actor))).toBe('not-allowed');
      expect(outcome(() => checkSetQuestionState(room, actor, 'q1'))).toBe('not-allowed');
      expect(outcome(() => checkPublish(room, actor, 'q1'))).toBe('not-allowed');
    }
    expect(outcome(() => checkPublish(room, presenter, 'q1'))).toBe('ok');
    expect(outcome(() => checkPublish(room, presenter, null))).toBe('ok');
    room.questions.get('q1')!.state = 'dismissed';
    expect(outcome(() => checkPublish(room, presenter, 'q1'))).toBe('question-dismissed');
    expect(outcome(() => checkPublish(withQuestion({ qaOpen: false }), host, 'q2'))).toBe('qa-closed');
  });
});

describe('call to action (ROOM-9)', () => {
  it('staff show and close it while live; attendees only click a showing one', () => {
    const room = roomWith();
    expect(outcome(() => checkCtaShow(room, anna))).toBe('not-allowed');
    expect(outcome(() => checkCtaShow(roomWith({ status: 'waiting' }), host))).toBe('not-live');
    expect(outcome(() => checkCtaShow(room, presenter))).toBe('ok');
    const now = new Date(10_000);
    room.cta = { id: 'c1', message: 'Buy', buttonLabel: 'Go', url: 'https://example.com', endsAt: new Date(20_000), clicks: new Map() };
    expect(outcome(() => checkCtaClick(room, 'c1', now))).toBe('ok');
    expect(outcome(() => checkCtaClick(room, 'other', now))).toBe('no-cta');
    expect(outcome(() => checkCtaClick(room, 'c1', new Date(20_000)))).toBe('no-cta'); // expired
    expect(outcome(() => checkCtaClose(room, anna, now))).toBe('not-allowed');
    expect(outcome(() => checkCtaClose(room, host, now))).toBe('ok');
  });
});
