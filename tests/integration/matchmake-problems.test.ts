import { Client } from '@colyseus/sdk';
import { matchMaker } from '@colyseus/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let eventId: number;
let host: RoomParticipant;
let ticket: string;
/** Everything written to the console (our logger and Colyseus's both write there). */
const logged: string[] = [];

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
      original(...args);
    });
  }
  // Let the server log everything: a stack trace at any level would count.
  server = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
  const { api } = await newOrganizer(server.url);
  eventId = (await createEvent(api, { name: 'Matchmaking mistakes' })).id;
  host = await hostStarts(server.url, await api.ok('POST', `/events/${eventId}/join`, {}));
  ticket = (await joinEvent(server.url, eventId, { name: 'Mia Mistake' })).ticket;
});
afterEach(() => {
  logged.length = 0;
});
afterAll(async () => {
  await host?.leave();
  await server?.cleanup();
  vi.restoreAllMocks();
});

async function matchmake(method: string, room: string, body: unknown) {
  const response = await fetch(`${server.url}/matchmake/${method}/${room}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

/** A stack trace in the log looks like "Error: …\n    at fn (file:line:col)". */
const STACK_LINE = /\n\s+at\s/;

async function expectProblem(method: string, room: string, body: unknown, status: number, code: string) {
  const answer = await matchmake(method, room, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code, title: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat\s.+:\d+:\d+/);
  expect(logged.filter((line) => STACK_LINE.test(line))).toEqual([]);
  expect(logged.filter((line) => / ERROR /.test(line))).toEqual([]);
}

describe('every client mistake at /matchmake is a 4xx problem with a stable code and no stack trace', () => {
  it('reconnect without a token', async () => {
    await expectProblem('reconnect', host.room.roomId, {}, 400, 'reconnection-token-required');
    await expectProblem('reconnect', host.room.roomId, 'not json at all', 400, 'reconnection-token-required');
    await expectProblem('reconnect', host.room.roomId, { reconnectionToken: 42 }, 400, 'reconnection-token-required');
  });

  it('reconnect with a wrong token', async () => {
    await expectProblem('reconnect', host.room.roomId, { reconnectionToken: 'guessed-token' }, 403, 'reconnection-refused');
  });

  it('reconnect to a room that never was', async () => {
    await expectProblem('reconnect', 'no-such-room', { reconnectionToken: 'whatever' }, 404, 'room-not-found');
  });

  it('reconnect to a room that is gone', async () => {
    const { api } = await newOrganizer(server.url, 'Gone organizer');
    const gone = (await createEvent(api, { name: 'Soon gone' })).id;
    const alone = await RoomParticipant.enter(server.url, await api.ok('POST', `/events/${gone}/join`, {}));
    const [roomId, token] = alone.room.reconnectionToken.split(':');
    await alone.leave();
    await eventually(() => matchMaker.getLocalRoomById(roomId!) === undefined, 15_000, 'the empty room to close');
    logged.length = 0;
    await expectProblem('reconnect', roomId!, { reconnectionToken: token }, 404, 'room-not-found');
  });

  it('joinById of an unknown room, with or without a valid ticket', async () => {
    await expectProblem('joinById', 'no-such-room', { ticket }, 404, 'room-not-found');
    await expectProblem('joinById', 'no-such-room', {}, 403, 'invalid-ticket');
    await expectProblem('joinById', host.room.roomId, { ticket: 'forged' }, 403, 'invalid-ticket');
  });

  it('joinOrCreate without a ticket, with a bad one, for an unknown room type or event', async () => {
    await expectProblem('joinOrCreate', 'live_event', { eventId }, 401, 'unauthorized');
    await expectProblem('joinOrCreate', 'live_event', { eventId, ticket: 'forged' }, 403, 'invalid-ticket');
    await expectProblem('joinOrCreate', 'live_event', { eventId: 999_999, ticket }, 403, 'invalid-ticket');
    await expectProblem('joinOrCreate', 'lobby', { eventId, ticket }, 404, 'not-found');
  });

  it('a method we do not offer', async () => {
    await expectProblem('create', 'live_event', { eventId, ticket }, 404, 'not-found');
    await expectProblem('join', 'live_event', { eventId, ticket }, 404, 'not-found');
  });

  it('the SDK still shows the reason of a refusal', async () => {
    const error = await new Client(server.url).joinById('no-such-room', { ticket }).catch((e: unknown) => e as { code: number; message: string });
    expect(error).toMatchObject({ code: 404, message: expect.stringMatching(/does not exist/) });
    expect(logged.filter((line) => STACK_LINE.test(line))).toEqual([]);
  });
});
