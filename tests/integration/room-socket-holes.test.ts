import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { SERVER_MESSAGES, type RoomError } from '../../shared/room-messages.ts';
import { createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { heldSockets } from '../support/held-sockets.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';
import { settleWithin } from '../support/deadline.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let eventId: number;
let organizer: Awaited<ReturnType<typeof newOrganizer>>['api'];
let host: RoomParticipant;
const rooms: Room[] = [];

beforeAll(async () => {
  // Many joins from one address in a minute are the point here, not the join rate limit.
  server = await startTestServer({ env: { JOIN_RATE_PER_MINUTE: '1000' } });
  const { api } = await newOrganizer(server.url);
  organizer = api;
  eventId = (await createEvent(api, { name: 'Holes closed' })).id;
  host = await hostStarts(server.url, await api.ok('POST', `/events/${eventId}/join`, {}));
});
afterAll(async () => {
  await Promise.all(rooms.filter((room) => room.connection.isOpen).map((room) => settleWithin(room.leave(), 2000)));
  await host?.leave();
  await server?.cleanup();
});

/** The local port of the SDK room's WebSocket: the remote port of the server's end of it. */
const portOf = (room: Room) => (room.connection as unknown as { transport: { ws: { _socket: { localPort: number } } } }).transport.ws._socket.localPort;

async function enter(ticket: string): Promise<Room> {
  const room = await new Client(server.url).joinOrCreate('live_event', { eventId, ticket }, LiveRoomState);
  rooms.push(room);
  return room;
}

describe('a participant holds at most one room socket', () => {
  it('50 reconnections with the own token while connected leave one socket on the server', async () => {
    const join = await joinEvent(server.url, eventId, { name: 'Rita Reconnect', email: 'rita@example.com' });
    let room = await enter(join.ticket);
    const ports = [portOf(room)];
    const closes: Promise<number>[] = [];
    for (let i = 0; i < 50; i++) {
      const previous = room;
      closes.push(new Promise((resolve) => previous.onLeave((code) => resolve(code))));
      // The token the room gave this very connection, used while it is still open.
      room = await new Client(server.url).reconnect(previous.reconnectionToken, LiveRoomState).catch((e: unknown) => { throw new Error(`reconnection ${i}: ${String(e)}`); });
      rooms.push(room);
      ports.push(portOf(room));
    }
    // The server closes each replaced socket with a close frame and `ws` waits up to 30 s for
    // the peer's answer before it cuts the connection: on a busy machine that is the deadline.
    await eventually(() => heldSockets(server.port, ports) <= 1, 45_000, 'the replaced sockets to be closed by the server');
    expect(heldSockets(server.port, ports)).toBe(1);
    expect(heldSockets(server.port, [portOf(room)])).toBe(1);
    // Each older socket was closed by the server (not by a reconnection of the SDK).
    const codes = await Promise.all(closes);
    expect(new Set(codes)).toEqual(new Set([4408]));
    // The last connection is the participant's one live connection, and it works.
    const errors: RoomError[] = [];
    room.onMessage(SERVER_MESSAGES.error, (error: RoomError) => errors.push(error));
    room.send('no-such-message', {});
    await eventually(() => errors.find((e) => e.code === 'unknown-message'), 10_000, 'an answer on the last connection');
    const entry = await eventually(() => host.roster.get(join.participant.id), 10_000, 'Rita in the roster');
    expect(entry).toMatchObject({ online: true });
    expect(room.connection.isOpen).toBe(true);
  }, 120_000);
});

describe('the frame allowance follows the participant, not the socket', () => {
  const PROBE = 'probe-frame';
  /** Sends frames as fast as the socket takes them until the server cuts it; counts the answers, i.e. the frames the server read. */
  async function flood(room: Room, until: number): Promise<{ accepted: number; code: number | undefined; seconds: number }> {
    const started = Date.now();
    let accepted = 0;
    let code: number | undefined;
    room.onMessage(SERVER_MESSAGES.error, (error: RoomError) => {
      if (error.code === 'unknown-message') accepted++;
    });
    room.onLeave((c) => (code = c));
    while (code === undefined && Date.now() < until) {
      for (let i = 0; i < 25 && room.connection.isOpen; i++) room.send(PROBE, {});
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Answers already on their way are counted too.
    await eventually(() => code !== undefined || Date.now() >= until, 10_000, 'the flood to end');
    return { accepted, code, seconds: (Date.now() - started) / 1000 };
  }

  it('a client cut for flooding cannot come back with its token, and a fresh join stays at 20 frames/s', async () => {
    // The same person each time: proven by a personal link (a typed e-mail would be a new participant, issue 10).
    const [link] = (await organizer.ok<{ tokens: { token: string }[] }>('POST', `/events/${eventId}/tokens`, { count: 1 })).tokens;
    const person = { name: 'Fred Flood', token: link!.token };
    const first = await enter((await joinEvent(server.url, eventId, person)).ticket);
    const firstToken = first.reconnectionToken;
    const cut = await flood(first, Date.now() + 15_000);
    expect(cut.code).toBe(4002);
    expect(cut.accepted).toBeGreaterThan(0);
    // The burst of 20, plus what flowed back while the frames came in (a slow machine spreads them out).
    expect(cut.accepted).toBeLessThanOrEqual(20 + Math.ceil(20 * cut.seconds));

    // 4002 voids the reconnection token, through the SDK and at /matchmake directly.
    await expect(new Client(server.url).reconnect(firstToken, LiveRoomState)).rejects.toMatchObject({ code: 403 });
    const [roomId, token] = firstToken.split(':');
    const answer = await fetch(`${server.url}/matchmake/reconnect/${roomId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reconnectionToken: token }) });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'reconnection-refused' });

    // Now the flooder joins again and again with new tickets for 5 s, flooding each time.
    const started = Date.now();
    const until = started + 5_000;
    let accepted = 0;
    let joins = 0;
    while (Date.now() < until || joins < 2) {
      const room = await enter((await joinEvent(server.url, eventId, person)).ticket);
      joins++;
      accepted += (await flood(room, until)).accepted;
      if (room.connection.isOpen) await settleWithin(room.leave(), 2000);
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(`flooder: ${accepted} frames accepted in ${seconds.toFixed(1)} s over ${joins} joins`);
    // At most 20 a second over the window, plus one burst of 20 (the allowance it came back with is what was left: none).
    expect(joins).toBeGreaterThan(1);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(20 * seconds + 20);
  });

  it('a participant who never floods keeps talking', async () => {
    const calm = await enter((await joinEvent(server.url, eventId, { name: 'Carl Calm' })).ticket);
    const answers: RoomError[] = [];
    calm.onMessage(SERVER_MESSAGES.error, (error: RoomError) => answers.push(error));
    for (let i = 0; i < 15; i++) calm.send(PROBE, {});
    await eventually(() => answers.length === 15, 10_000, 'all 15 answers');
    expect(calm.connection.isOpen).toBe(true);
  });

  it('the allowance still holds after the SDK\'s own reconnection over a dropped socket', async () => {
    const room = await enter((await joinEvent(server.url, eventId, { name: 'Dora Drop' })).ticket);
    const reconnected = new Promise<void>((resolve) => room.onReconnect(() => resolve()));
    room.reconnection.minUptime = 0;
    (room.connection as unknown as { transport: { ws: { terminate(): void } } }).transport.ws.terminate();
    await reconnected;
    const started = Date.now();
    const cut = await flood(room, started + 15_000);
    expect(cut.code).toBe(4002);
    expect(cut.accepted).toBeLessThanOrEqual(20 + Math.ceil(20 * cut.seconds));
  });
});
