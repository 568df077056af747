import WebSocket from 'ws';
import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;
let eventId: number;
let host: RoomParticipant;
let attendee: RoomParticipant;
let other: RoomParticipant;

beforeAll(async () => {
  server = await startTestServer();
  api = (await newOrganizer(server.url)).api;
  eventId = (await createEvent(api)).id;
  host = await hostStarts(server.url, await api.ok('POST', `/events/${eventId}/join`, {}));
  attendee = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventId, { name: 'Alice', email: 'alice@example.com' }));
  other = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventId, { name: 'Oscar' }));
});
afterAll(async () => {
  for (const p of [attendee, other, host]) await p?.leave();
  await server.cleanup();
});

async function refused(p: RoomParticipant, type: string, message: unknown): Promise<string> {
  const before = p.errors.length;
  p.send(type, message);
  return (await p.nextError(before)).code;
}

describe('an attendee cannot act as staff', () => {
  it('cannot start a poll, publish a question, show a CTA, change the mode or end the event', async () => {
    host.send('poll-create', { title: 'Mood', questions: [{ text: 'How is it?', type: 'single', choices: [{ text: 'Good' }, { text: 'Bad' }] }] });
    const poll = await eventually(() => host.last<{ id: string }[]>('polls')?.[0], 10_000, 'poll created');
    expect(await refused(attendee, 'poll-start', { pollId: poll.id })).toBe('not-allowed');
    expect(await refused(attendee, 'poll-create', { title: 'Mine', questions: [{ text: 'q', type: 'open' }] })).toBe('not-allowed');
    expect(await refused(attendee, 'publish-question', { questionId: 'anything' })).toBe('not-allowed');
    expect(await refused(attendee, 'cta-show', { message: 'Buy now', buttonLabel: 'Go', url: 'https://example.com' })).toBe('not-allowed');
    expect(await refused(attendee, 'set-mode', { mode: 'discussion' })).toBe('not-allowed');
    expect(await refused(attendee, 'end-event', {})).toBe('not-allowed');
    expect(await refused(attendee, 'set-role', { participantId: other.you!.participantId, role: 'presenter' })).toBe('not-allowed');
    expect(await refused(attendee, 'remove-participant', { participantId: other.you!.participantId })).toBe('not-allowed');
    expect(host.room.state.mode).toBe('presentation');
    expect(host.room.state.status).toBe('live');
    expect(JSON.parse(host.room.state.poll || 'null')).toBeNull();
  });

  it('cannot chat while the host has turned chat off; staff still can', async () => {
    host.send('set-chat-enabled', { enabled: false });
    await eventually(() => attendee.room.state.chatEnabled === false, 10_000, 'chat off');
    expect(await refused(attendee, 'chat', { text: 'Can you hear me?' })).toBe('chat-off');
    host.send('chat', { text: 'Chat is paused for a moment.' });
    await eventually(() => attendee.chat.find((l) => l.text === 'Chat is paused for a moment.'), 10_000, 'host line');
    host.send('set-chat-enabled', { enabled: true });
    await eventually(() => attendee.room.state.chatEnabled, 10_000, 'chat on');
  });
});

describe('refusals the room survives', () => {
  it('refuses a 55-character CTA, a javascript: URL, and shows a valid one whose clicks are counted', async () => {
    expect(await refused(host, 'cta-show', { message: 'x'.repeat(55), buttonLabel: 'Go', url: 'https://example.com' })).toBe('invalid-message');
    expect(await refused(host, 'cta-show', { message: 'Hi', buttonLabel: 'Go', url: 'javascript:alert(1)' })).toBe('invalid-message');
    host.send('cta-show', { message: 'x'.repeat(54), buttonLabel: 'Get the offer', url: 'https://example.com/offer', durationSeconds: 60 });
    const cta = await eventually(() => attendee.room.state.cta, 10_000, 'CTA shown');
    expect(cta.message).toHaveLength(54);
    attendee.send('cta-click', { ctaId: cta.id });
    attendee.send('cta-click', { ctaId: cta.id });
    const stats = await eventually(() => host.received.get('cta-stats')?.find((s: any) => s.clicks === 2), 10_000, 'two clicks counted');
    expect(stats).toMatchObject({ ctaId: cta.id, clicks: 2, clickers: 1 });
    host.send('cta-close', {});
    await eventually(() => !attendee.room.state.cta, 10_000, 'CTA closed');
  });

  it('refuses malformed payloads, unknown types and out-of-range answers, and keeps working', async () => {
    expect(await refused(attendee, 'chat', 'just a string')).toBe('invalid-message');
    expect(await refused(attendee, 'vote-question', { questionId: 42 })).toBe('invalid-message');
    expect(await refused(attendee, 'no-such-type', { x: 1 })).toBe('unknown-message');
    expect(await refused(attendee, 'poll-answer', { pollId: 'p', answers: Array.from({ length: 1_000 }, () => ({ questionId: 'q', text: 'a' })) })).toBe('invalid-message');
    attendee.send('chat', { text: 'still here' });
    await eventually(() => other.chat.find((l) => l.text === 'still here'), 10_000, 'room still works');
  });

  it('closes a connection that sends an oversized frame; the room keeps working for the others', async () => {
    const join = await joinEvent(server.url, eventId, { name: 'Big Sender' });
    const sender = await RoomParticipant.enter(server.url, join);
    const left = new Promise<number>((resolve) => sender.room.onLeave((code: number) => resolve(code)));
    sender.send('chat', { text: 'y'.repeat(2000), padding: 'z'.repeat(40_000) });
    expect(await left).toBeGreaterThan(1000);
    attendee.send('chat', { text: 'after the big frame' });
    await eventually(() => other.chat.find((l) => l.text === 'after the big frame'), 10_000, 'room still works');
  });

  it('cuts a chat flood from one client by the rate limit while others chat normally', async () => {
    const flooder = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventId, { name: 'Flood' }));
    for (let i = 0; i < 12; i++) flooder.send('chat', { text: `spam ${i}` });
    await eventually(() => flooder.errors.filter((e) => e.code === 'rate-limited').length >= 5, 10_000, 'rate-limit refusals');
    other.send('chat', { text: 'a normal message' });
    await eventually(() => attendee.chat.find((l) => l.text === 'a normal message'), 10_000, 'normal chat flows');
    expect(attendee.chat.filter((l) => l.text.startsWith('spam')).length).toBe(5);
    await flooder.leave();
  });
});

describe('Q&A and polls through real clients', () => {
  it('a second vote is refused, also after reconnecting with the reconnection token', async () => {
    host.send('set-qa-open', { open: true });
    await eventually(() => attendee.room.state.qaOpen, 10_000, 'Q&A open');
    other.send('chat', { text: 'Is there a recording?', asQuestion: true });
    const question = await eventually(() => [...attendee.questions.values()].find((q) => q.text === 'Is there a recording?'), 10_000, 'question listed');
    attendee.send('vote-question', { questionId: question.id });
    await eventually(() => attendee.questions.get(question.id)?.votes === 1, 10_000, 'vote counted');

    // Drop the socket without leaving; the SDK comes back with its reconnection token.
    const reconnected = new Promise<void>((resolve) => attendee.room.onReconnect(() => resolve()));
    attendee.room.reconnection.minUptime = 0; // the SDK's default skips reconnection for rooms younger than 5 s
    (attendee.room.connection as any).transport.ws.terminate();
    await reconnected;
    expect(await refused(attendee, 'vote-question', { questionId: question.id })).toBe('already-voted');
    expect(attendee.questions.get(question.id)?.votes).toBe(1);

    host.send('publish-question', { questionId: question.id });
    await eventually(() => other.room.state.stageQuestion?.id === question.id, 10_000, 'question on stage');
    host.send('set-qa-open', { open: false });
    await eventually(() => !other.room.state.stageQuestion && !other.room.state.qaOpen, 10_000, 'Q&A closed, stage cleared');
  });

  it('reconnecting needs the reconnection token, not only the session id', async () => {
    const status = await fetch(`${server.url}/matchmake/reconnect/${attendee.room.roomId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reconnectionToken: 'guessed', sessionId: attendee.room.sessionId }),
    }).then((r) => r.status);
    expect(status).toBeGreaterThanOrEqual(400);
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/${attendee.room.roomId}?sessionId=${attendee.room.sessionId}&reconnectionToken=guessed`);
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).not.toBe(1000);
  });

  it('runs a test: each attendee answers once, staff see live results, everyone sees shown results', async () => {
    host.send('poll-create', { kind: 'test', title: 'Quiz', questions: [{ text: '2+2?', type: 'single', choices: [{ text: '4', correct: true }, { text: '5' }] }] });
    const quiz = await eventually(() => host.last<any[]>('polls')?.find((p) => p.title === 'Quiz'), 10_000, 'quiz created');
    host.send('poll-start', { pollId: quiz.id });
    const shown = await eventually(() => (attendee.room.state.poll ? JSON.parse(attendee.room.state.poll) : undefined), 10_000, 'quiz shown');
    expect(JSON.stringify(shown)).not.toContain('correct');
    const [q] = shown.questions;
    attendee.send('poll-answer', { pollId: quiz.id, answers: [{ questionId: q.id, choiceIds: [q.choices[0].id] }] });
    other.send('poll-answer', { pollId: quiz.id, answers: [{ questionId: q.id, choiceIds: [q.choices[1].id] }] });
    await eventually(() => host.received.get('poll-results')?.find((r: any) => r.pollId === quiz.id && r.respondents === 2), 10_000, 'live results at the host');
    expect(await refused(attendee, 'poll-answer', { pollId: quiz.id, answers: [{ questionId: q.id, choiceIds: [q.choices[1].id] }] })).toBe('already-answered');
    expect(attendee.room.state.pollResults).toBe('');
    host.send('poll-end', { pollId: quiz.id });
    host.send('poll-show-results', { pollId: quiz.id, visible: true });
    const results = await eventually(() => (other.room.state.pollResults ? JSON.parse(other.room.state.pollResults) : undefined), 10_000, 'results shown');
    expect(results.questions[0].choices).toEqual({ [q.choices[0].id]: 1, [q.choices[1].id]: 1 });
    expect(results.questions[0].correctChoiceIds).toEqual([q.choices[0].id]);
  });
});

describe('modes and moderation through real clients', () => {
  it('refuses discussion mode above the limit and allows it below', async () => {
    const extras: RoomParticipant[] = [];
    for (let i = 0; i < 4; i++) extras.push(await RoomParticipant.enter(server.url, await joinEvent(server.url, eventId, { name: `Extra ${i}` })));
    await eventually(() => host.room.state.attendeesOnline === 6, 10_000, 'six attendees online');
    const before = host.errors.length;
    host.send('set-mode', { mode: 'discussion' });
    const error = await host.nextError(before);
    expect(error.code).toBe('discussion-too-big');
    expect(error.message).toMatch(/5 attendees/);
    await extras.pop()!.leave();
    await eventually(() => host.room.state.attendeesOnline === 5, 10_000, 'five attendees');
    host.send('set-mode', { mode: 'discussion' });
    await eventually(() => attendee.room.state.mode === 'discussion', 10_000, 'discussion mode');
    host.send('set-mode', { mode: 'presentation' });
    for (const e of extras) await e.leave();
  });

  it('a removed participant cannot come back with the old ticket, a new ticket or the same e-mail; a banned one not from the same address', async () => {
    const join = await joinEvent(server.url, eventId, { name: 'Trouble', email: 'trouble@example.com' });
    const trouble = await RoomParticipant.enter(server.url, join);
    await eventually(() => host.roster.get(join.participant.id)?.online, 10_000, 'in the roster');
    host.send('remove-participant', { participantId: join.participant.id });
    await eventually(() => trouble.received.get('removed'), 10_000, 'told they were removed');
    await expect(new Client(server.url).joinOrCreate('live_event', { eventId, ticket: join.ticket }, LiveRoomState)).rejects.toThrow(/removed/);
    await expect(new Client(server.url).reconnect(trouble.room.reconnectionToken, LiveRoomState)).rejects.toThrow();
    const again = await new ApiClient(server.url).request('POST', `/events/${eventId}/join`, { name: 'Trouble again', email: 'trouble@example.com' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('excluded');

    const banJoin = await joinEvent(server.url, eventId, { name: 'Banned', email: 'banned@example.com' });
    const banned = await RoomParticipant.enter(server.url, banJoin);
    await eventually(() => host.roster.get(banJoin.participant.id)?.online, 10_000, 'in the roster');
    host.send('remove-participant', { participantId: banJoin.participant.id, ban: true });
    await eventually(() => banned.received.get('removed'), 10_000, 'told they were banned');
    // A new registration under another e-mail, from the same address (all tests come from 127.0.0.1).
    const fresh = await new ApiClient(server.url).request('POST', `/events/${eventId}/join`, { name: 'Totally new', email: 'new@example.com' });
    expect(fresh.status).toBe(403);
  });
});
