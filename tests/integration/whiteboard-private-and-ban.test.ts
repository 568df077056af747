import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { WHITEBOARD_CLOSE, WHITEBOARD_REFUSAL } from '../../shared/whiteboard-protocol.ts';
import { createEvent, joinAsPresenter, joinEvent, newOrganizer } from '../support/api-client.ts';
import { BoardClient } from '../support/board-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const boards: BoardClient[] = [];
const rooms: RoomParticipant[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const b of boards) b.destroy();
  for (const r of rooms) await r.leave();
  await server?.cleanup();
});

async function board(eventId: number, ticket: string, options: { publish?: boolean } = {}): Promise<BoardClient> {
  const client = await BoardClient.connect(server.url, eventId, ticket, options);
  boards.push(client);
  return client;
}

async function liveEvent() {
  const { api } = await newOrganizer(server.url);
  const event = await createEvent(api, { name: 'Board holes' });
  const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
  const host = await hostStarts(server.url, hostJoin);
  rooms.push(host);
  const presenter = await joinAsPresenter(api, event.id, { name: 'Piotr Presenter' });
  const attendee = await joinEvent(server.url, event.id, { name: 'Ada Attendee' });
  return { event, host, hostJoin, presenter, attendee };
}

/** Everything the board client applies from the server: document updates and other people's presence. */
function record(client: BoardClient) {
  const seen = { updates: 0, presence: 0 };
  client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== 'local') seen.updates++;
  });
  client.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    const own = client.provider.awareness.clientID;
    seen.presence += [...added, ...updated].filter((id) => id !== own).length;
  });
  return seen;
}

const cursorOf = (client: BoardClient, name: string) =>
  [...client.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === name);

describe('private mode on the whiteboard (ROOM-3)', () => {
  it('no update or cursor reaches an attendee\'s board while private; what was drawn arrives when it ends', async () => {
    const { event, host, hostJoin, presenter, attendee } = await liveEvent();
    const attendeeRoom = await RoomParticipant.enter(server.url, attendee);
    rooms.push(attendeeRoom);
    const presenterBoard = await board(event.id, presenter.ticket, { publish: true });
    const hostBoard = await board(event.id, hostJoin.ticket);
    const attendeeBoard = await board(event.id, attendee.ticket);
    const before = presenterBoard.draw();
    await eventually(() => attendeeBoard.shapeIds().includes(before), 10_000, 'the first stroke at the attendee');

    host.send('set-mode', { mode: 'private' });
    await eventually(() => host.room.state.mode === 'private', 10_000, 'private mode');
    await eventually(() => attendeeBoard.lastStatus?.canWrite === false, 10_000, 'the attendee board to know');
    const seen = record(attendeeBoard);

    // Staff carry on drawing and pointing, and see each other's work.
    const drawn = [presenterBoard.draw(), presenterBoard.draw({ k: 'rect', p: [100, 100, 300, 200] }), presenterBoard.draw({ k: 'note', c: '#fff3bf', p: [400, 100, 600, 260], t: 'Secret plan' })];
    presenterBoard.provider.awareness.setLocalStateField('user', { name: 'x', color: '#e03131' });
    await eventually(() => drawn.every((id) => hostBoard.shapeIds().includes(id)), 10_000, 'the strokes at the host');
    await eventually(() => cursorOf(hostBoard, 'Piotr Presenter'), 10_000, 'the presenter cursor at the host');

    // A newcomer attendee during private mode is let in but shown nothing of the board.
    const newcomer = new BoardClient(server.url, event.id, attendee.ticket);
    boards.push(newcomer);
    await eventually(() => newcomer.lastStatus, 10_000, 'the newcomer to be connected');
    // A message sent to the attendee after the strokes went out: everything sent before it has arrived.
    host.send('set-collaboration', { enabled: true });
    await eventually(() => attendeeBoard.lastStatus?.collaboration === true && newcomer.lastStatus?.collaboration === true, 10_000, 'the barrier status');
    expect(attendeeBoard.lastStatus?.canWrite).toBe(false);
    expect(seen).toEqual({ updates: 0, presence: 0 });
    expect(attendeeBoard.shapeIds()).toEqual([before]);
    expect(cursorOf(attendeeBoard, 'Piotr Presenter')).toBe(false);
    expect(newcomer.shapeIds()).toEqual([]);
    expect(newcomer.provider.synced).toBe(false);
    // Nor can an attendee draw on the hidden board (the refused stroke stays in its own copy only).
    const refusedId = attendeeBoard.draw();
    expect((await attendeeBoard.nextRefusal()).code).toBe(WHITEBOARD_REFUSAL.readOnly);
    // A stroke the presenter draws after it reaches the host: the refused one, sent before, never did.
    const barrier = presenterBoard.draw();
    drawn.push(barrier);
    await eventually(() => hostBoard.shapeIds().includes(barrier), 10_000, 'the barrier stroke at the host');
    expect(hostBoard.shapeIds()).not.toContain(refusedId);

    host.send('set-mode', { mode: 'presentation' });
    await eventually(() => drawn.every((id) => attendeeBoard.shapeIds().includes(id)), 10_000, 'what was drawn meanwhile at the attendee');
    await eventually(() => drawn.every((id) => newcomer.shapeIds().includes(id)) && newcomer.provider.synced, 10_000, 'the whole board at the newcomer');
    await eventually(() => cursorOf(attendeeBoard, 'Piotr Presenter'), 10_000, 'the presenter cursor at the attendee');
    expect(hostBoard.shapeIds().every((id) => attendeeBoard.shapeIds().includes(id))).toBe(true);
    expect(attendeeBoard.lastStatus).toMatchObject({ collaboration: true, canWrite: true });
    // And the board is live again for attendees.
    const after = presenterBoard.draw();
    await eventually(() => attendeeBoard.shapeIds().includes(after), 10_000, 'a stroke after private mode');
  });
});

describe('removing or banning closes the whiteboard connection at once', () => {
  for (const ban of [true, false]) {
    it(`a ${ban ? 'banned' : 'removed'} participant's board socket is closed within a second`, async () => {
      const { event, host, hostJoin, attendee } = await liveEvent();
      const attendeeRoom = await RoomParticipant.enter(server.url, attendee);
      rooms.push(attendeeRoom);
      const hostBoard = await board(event.id, hostJoin.ticket, { publish: true });
      const attendeeBoard = await board(event.id, attendee.ticket);
      const seen = record(attendeeBoard);
      await eventually(() => host.roster.get(attendee.participant.id)?.online, 10_000, 'the attendee in the roster');

      host.send('remove-participant', { participantId: attendee.participant.id, ban });
      // The server has acted once the attendee's room says so; from there the board has a second.
      await eventually(() => attendeeRoom.received.get('removed'), 10_000, 'the removal at the attendee');
      const closed = await eventually(() => attendeeBoard.closed, 1_000, 'the board socket to close');
      expect(closed.code).toBe(WHITEBOARD_CLOSE.excluded);
      // Nothing drawn afterwards reaches them, and the board does not take them back.
      hostBoard.draw();
      await eventually(() => hostBoard.shapeIds().length === 1, 10_000, 'the stroke at the host');
      expect(seen.updates).toBe(0);
      const again = new BoardClient(server.url, event.id, attendee.ticket);
      boards.push(again);
      const refused = await eventually(() => again.closed, 10_000, 'the board to refuse them');
      expect(refused.code).toBe(WHITEBOARD_CLOSE.excluded);
    });
  }
});
