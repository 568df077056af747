import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { WHITEBOARD_REFUSAL } from '../../shared/whiteboard-protocol.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { BoardClient } from '../support/board-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const clients: BoardClient[] = [];
const rooms: RoomParticipant[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEFAULT_PLAN: 'self-hosted' } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const r of rooms) await r.leave();
  await server?.cleanup();
});

async function board(eventId: number, ticket: string, options: { publish?: boolean; status?: boolean } = {}): Promise<BoardClient> {
  const client = await BoardClient.connect(server.url, eventId, ticket, options);
  clients.push(client);
  return client;
}

/** An event with a started room: the host's API join, a presenter and an attendee. */
async function liveEvent() {
  const { api } = await newOrganizer(server.url);
  const event = await createEvent(api, { accessType: 'password', password: 'pw' });
  const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
  const host = await hostStarts(server.url, hostJoin);
  rooms.push(host);
  const full = await api.ok<{ presenterUrl: string }>('GET', `/events/${event.id}`);
  const presenterKey = new URL(full.presenterUrl).hash.replace('#presenter=', '');
  const presenter = await joinEvent(server.url, event.id, { name: 'Piotr Presenter', presenterKey });
  const attendee = await joinEvent(server.url, event.id, { name: 'Ada Attendee', password: 'pw' });
  return { api, event, host, hostJoin, presenter, attendee };
}

describe('whiteboard sync over y-websocket', () => {
  it('two writers drawing at the same time converge to the same board', async () => {
    const { event, hostJoin, presenter } = await liveEvent();
    const a = await board(event.id, hostJoin.ticket, { publish: true });
    const b = await board(event.id, presenter.ticket, { publish: true });
    const ids = [a.draw(), b.draw(), a.draw({ k: 'rect', p: [100, 100, 300, 200] }), b.draw({ k: 'note', c: '#fff3bf', p: [400, 100, 600, 260], t: 'Hello' })];
    await eventually(() => a.shapeIds().length === 4 && b.shapeIds().length === 4, 10_000, 'both boards to have all four shapes');
    expect(new Set(a.shapeIds())).toEqual(new Set(ids));
    expect(a.shapeIds()).toEqual(b.shapeIds());
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    // A third person arriving later gets the same board.
    const late = await board(event.id, hostJoin.ticket);
    await eventually(() => late.shapeIds().length === 4, 10_000, 'the late client to load the board');
    expect(late.shapeIds()).toEqual(a.shapeIds());
    // The whole board a newcomer gets is built once per version: after one more stroke, the next newcomer has it too.
    const fifth = a.draw();
    await eventually(() => late.shapeIds().length === 5, 10_000, 'the fifth stroke to reach the first late client');
    const later = await board(event.id, hostJoin.ticket);
    await eventually(() => later.shapeIds().length === 5, 10_000, 'the next late client to load the board with the fifth stroke');
    expect(later.shapeIds()).toContain(fifth);
    // Writers see each other's cursors, with the names the server knows.
    a.provider.awareness.setLocalStateField('user', { name: 'I am someone else', color: '#e03131' });
    await eventually(() => [...b.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Olga Organizer'), 10_000, 'the host cursor under the host\'s own name');
  });

  it('an attendee is refused while collaboration is off, accepted once it is on, refused again at once when it is off', async () => {
    const { event, host, hostJoin, attendee } = await liveEvent();
    const hostBoard = await board(event.id, hostJoin.ticket);
    let attendeeBoard = await board(event.id, attendee.ticket);
    expect(attendeeBoard.lastStatus).toMatchObject({ role: 'attendee', collaboration: false, canWrite: false });

    const refusedId = attendeeBoard.draw();
    const refusal = await attendeeBoard.nextRefusal();
    expect(refusal.code).toBe(WHITEBOARD_REFUSAL.readOnly);
    // Nobody else ever sees it: not the host, not someone arriving afterwards, not the database.
    const witness = await board(event.id, hostJoin.ticket);
    expect(witness.shapeIds()).not.toContain(refusedId);
    expect(hostBoard.shapeIds()).not.toContain(refusedId);

    host.send('set-collaboration', { enabled: true });
    await eventually(() => attendeeBoard.lastStatus?.collaboration === true, 10_000, 'collaboration to reach the attendee');
    expect(attendeeBoard.lastStatus?.canWrite).toBe(true);
    // The refused stroke is only in that client's copy; like the browser, it starts over from the server's board.
    attendeeBoard.destroy();
    attendeeBoard = await board(event.id, attendee.ticket);
    const acceptedId = attendeeBoard.draw({ c: '#2f9e44' });
    await eventually(() => hostBoard.shapeIds().includes(acceptedId), 10_000, 'the host to see the attendee\'s stroke');
    expect(hostBoard.shapeIds()).not.toContain(refusedId);

    host.send('set-collaboration', { enabled: false });
    await eventually(() => attendeeBoard.lastStatus?.collaboration === false, 10_000, 'collaboration off to reach the attendee');
    const before = attendeeBoard.refusals.length;
    const lateId = attendeeBoard.draw();
    expect((await attendeeBoard.nextRefusal(before)).code).toBe(WHITEBOARD_REFUSAL.readOnly);
    const witness2 = await board(event.id, hostJoin.ticket);
    expect(witness2.shapeIds()).toContain(acceptedId);
    expect(witness2.shapeIds()).not.toContain(lateId);
  });

  it('a promoted attendee may draw, and a removed one is disconnected', async () => {
    const { event, host, hostJoin, attendee } = await liveEvent();
    const hostBoard = await board(event.id, hostJoin.ticket);
    const attendeeBoard = await board(event.id, attendee.ticket);
    // The host promotes people who are in the room.
    // (Not left at the end: the room removes this participant itself.)
    await RoomParticipant.enter(server.url, attendee);
    await eventually(() => host.roster.has(attendee.participant.id), 10_000, 'the attendee in the host\'s roster');
    host.send('set-role', { participantId: attendee.participant.id, role: 'presenter' });
    const stored = (column: string) => (server.database.sqlite.prepare(`select ${column} as value from participants where id = ?`).get(attendee.participant.id) as { value: string | null }).value;
    await eventually(() => stored('role') === 'presenter', 10_000, 'the promotion to be stored');
    const id = attendeeBoard.draw();
    await eventually(() => hostBoard.shapeIds().includes(id), 10_000, 'the promoted attendee\'s stroke');
    expect(attendeeBoard.lastStatus).toMatchObject({ role: 'presenter', canWrite: true });

    host.send('remove-participant', { participantId: attendee.participant.id });
    await eventually(() => stored('excluded'), 10_000, 'the removal to be stored');
    attendeeBoard.draw();
    await eventually(() => attendeeBoard.closed, 10_000, 'the removed attendee to be disconnected');
    expect(attendeeBoard.closed?.code).toBe(4403);
  });

  it('refuses sockets without a valid ticket, from a foreign origin, and attendees before the start', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const forged = new BoardClient(server.url, event.id, 'not-a-ticket');
    clients.push(forged);
    await eventually(() => forged.closed, 10_000, 'the forged ticket to be refused');
    expect(forged.closed?.code).toBe(4401);

    const early = await joinEvent(server.url, event.id, { name: 'Early Bird' });
    const waiting = new BoardClient(server.url, event.id, early.ticket);
    clients.push(waiting);
    await eventually(() => waiting.closed, 10_000, 'the attendee to be refused before the start');
    expect(waiting.closed?.code).toBe(4409);

    // Another event's ticket does not open this board.
    const other = await createEvent(api);
    const otherHost = await api.ok<JoinOut>('POST', `/events/${other.id}/join`, {});
    const wrong = new BoardClient(server.url, event.id, otherHost.ticket);
    clients.push(wrong);
    await eventually(() => wrong.closed, 10_000, 'a ticket of another event to be refused');
    expect(wrong.closed?.code).toBe(4401);

    const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${event.id}?ticket=${hostJoin.ticket}`, { headers: { origin: 'https://evil.example' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('a foreign origin was let in')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    // The host may prepare the board before the start.
    const hostBoard = await board(event.id, hostJoin.ticket);
    expect(hostBoard.provider.synced).toBe(true);
  });

  it('exports the board as SVG and PNG to its own organizer only', async () => {
    const { api, event, hostJoin } = await liveEvent();
    const writer = await board(event.id, hostJoin.ticket);
    writer.draw({ k: 'text', p: [100, 100], w: 32, c: '#e03131', t: 'Plan <b>& go</b>' });
    writer.draw({ k: 'arrow', p: [100, 300, 500, 320] });
    const internalId = (server.database.sqlite.prepare('select id from events where public_id = ?').get(event.id) as { id: string }).id;
    await eventually(() => server.whiteboards.find(internalId)?.storage().rows === 2, 10_000, 'both shapes stored');

    const svg = await api.request('GET', `/events/${event.id}/whiteboard.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.body).toContain('Plan &lt;b&gt;&amp; go&lt;/b&gt;');
    expect(svg.body).toContain('<path');
    expect(svg.body).not.toContain('<b>');

    const png = await fetch(`${server.url}/api/v1/events/${event.id}/whiteboard.png`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    expect((await api.request('GET', `/events/${event.id}/whiteboard.svg?page=2`)).status).toBe(404);
    expect((await api.request('GET', `/events/${event.id}/whiteboard.svg?page=x`)).status).toBe(400);
    const stranger = await newOrganizer(server.url, 'Someone Else');
    expect((await stranger.api.request('GET', `/events/${event.id}/whiteboard.svg`)).status).toBe(404);
    expect((await stranger.api.request('GET', `/events/${event.id}/whiteboard.png`)).status).toBe(404);
    expect((await new ApiClient(server.url).request('GET', `/events/${event.id}/whiteboard.svg`)).status).toBe(401);
    // Documented like every other route.
    const spec = (await new ApiClient(server.url).request('GET', '/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/events/{id}/whiteboard.svg', '/events/{id}/whiteboard.png']));
  });
});
