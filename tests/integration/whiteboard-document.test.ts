import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { appendShape, readPage } from '../../shared/whiteboard-model.ts';
import { WB_MESSAGE } from '../../shared/whiteboard-protocol.ts';
import { eq } from 'drizzle-orm';
import { events } from '../../server/db/schema-events.ts';
import type { EventRow } from '../../server/domain/events-service.ts';
import type { PeerIdentity, WhiteboardSocket } from '../../server/whiteboard/whiteboard-peer.ts';
import { createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * A board document driven through the minimal socket interface, without WebSockets:
 * its lifecycle (timers, compaction on close) and the presence rules.
 */
class FakeSocket implements WhiteboardSocket {
  readonly sent: Uint8Array[] = [];
  closedWith: number | undefined;
  bufferedAmount = 0;
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close(code: number) {
    this.closedWith = code;
  }
  /** Awareness states this socket received, by client id. */
  awarenessStates(): Map<number, any> {
    const states = new Map<number, any>();
    for (const message of this.sent) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== WB_MESSAGE.awareness) continue;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i++) {
        const id = decoding.readVarUint(update);
        decoding.readVarUint(update);
        states.set(id, JSON.parse(decoding.readVarString(update)));
      }
    }
    return states;
  }
}

const frame = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};
const updateFrame = (update: Uint8Array) => frame(WB_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update));
const awarenessFrame = (awareness: awarenessProtocol.Awareness) => frame(WB_MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])));

let server: Awaited<ReturnType<typeof startTestServer>>;
let event: EventRow;
let host: PeerIdentity;
let attendee: PeerIdentity;

beforeAll(async () => {
  server = await startTestServer();
  const { api } = await newOrganizer(server.url);
  const created = await createEvent(api);
  const hostJoin = await api.ok<JoinOut>('POST', `/events/${created.id}/join`, {});
  const attendeeJoin = await joinEvent(server.url, created.id, { name: 'Quiet Reader' });
  event = server.database.db.select().from(events).where(eq(events.publicId, created.id)).get()!;
  host = { participantId: hostJoin.participant.id, name: 'Olga Organizer', role: 'host', wantsStatus: false };
  attendee = { participantId: attendeeJoin.participant.id, name: 'Quiet Reader', role: 'attendee', wantsStatus: false };
});
afterAll(async () => {
  await server?.cleanup();
});

describe('a whiteboard document', () => {
  it('closes every timer it started when its last client leaves, and compacts the board', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const document = server.whiteboards.open(event);
      const writerSocket = new FakeSocket();
      const readerSocket = new FakeSocket();
      const writer = document.connect(writerSocket, host);
      const reader = document.connect(readerSocket, attendee);

      const local = new Y.Doc();
      local.on('update', (update: Uint8Array) => writer.receive(updateFrame(update)));
      for (let i = 0; i < 3; i++) appendShape(local, 'main', { id: `s${i}`, k: 'pen', c: '#000000', w: 3, p: [i, i, i + 10, i + 10] });
      const presence = new awarenessProtocol.Awareness(local);
      presence.setLocalState({ cursor: { x: 1, y: 2 } });
      writer.receive(awarenessFrame(presence));
      presence.destroy();

      expect(document.storage().rows).toBe(3);
      // The timers the document started; the spies stop before anything else gets a turn.
      const timers = [...setIntervalSpy.mock.results, ...setTimeoutSpy.mock.results].map((r) => r.value as { _destroyed?: boolean });
      setIntervalSpy.mockRestore();
      setTimeoutSpy.mockRestore();
      // Stored at once; passed on once the event loop has read what arrived together.
      await new Promise((resolve) => setImmediate(resolve));
      // A read-only client received all three strokes, in order.
      const received = new Y.Doc();
      for (const message of readerSocket.sent) {
        const decoder = decoding.createDecoder(message);
        if (decoding.readVarUint(decoder) === WB_MESSAGE.sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) Y.applyUpdate(received, decoding.readVarUint8Array(decoder));
      }
      expect(readPage(received, 'main').map((s) => s.data.id)).toEqual(['s0', 's1', 's2']);

      // Both leave while a presence broadcast is still pending.
      writer.disconnect();
      reader.disconnect();
      expect(document.closed).toBe(true);
      expect(server.whiteboards.find(event.id)).toBeUndefined();
      expect(timers.length).toBeGreaterThanOrEqual(3);
      expect(timers.filter((t) => !t._destroyed)).toEqual([]);
      // Closing merged the three updates into one row that loads the same board.
      expect(server.database.sqlite.prepare('select count(*) from whiteboard_updates where event_id = ?').pluck().get(event.id)).toBe(1);
      const reloaded = server.whiteboards.copyOfBoard(event.id);
      expect(readPage(reloaded, 'main').map((s) => s.data.id)).toEqual(['s0', 's1', 's2']);
    } finally {
      setIntervalSpy.mockRestore();
      setTimeoutSpy.mockRestore();
    }
  });

  it('relays presence from writers only, under the names the server knows, never for another client id', async () => {
    const document = server.whiteboards.open(event);
    const writerSocket = new FakeSocket();
    const otherSocket = new FakeSocket();
    const readerSocket = new FakeSocket();
    const writer = document.connect(writerSocket, host);
    const other = document.connect(otherSocket, { ...host, name: 'Second Host' });
    const reader = document.connect(readerSocket, attendee);

    const writerDoc = new Y.Doc();
    const writerPresence = new awarenessProtocol.Awareness(writerDoc);
    writerPresence.setLocalState({ user: { name: 'Mallory', color: '#e03131' }, cursor: { x: 10, y: 20 } });
    writer.receive(awarenessFrame(writerPresence));
    // The reader tries to publish too; nobody hears it.
    const readerPresence = new awarenessProtocol.Awareness(new Y.Doc());
    readerPresence.setLocalState({ user: { name: 'Reader' }, cursor: { x: 1, y: 1 } });
    reader.receive(awarenessFrame(readerPresence));
    // Another connection tries to speak for the first writer's client id.
    const impostor = new awarenessProtocol.Awareness(writerDoc);
    impostor.setLocalState({ cursor: { x: 999, y: 999 } });
    other.receive(frame(WB_MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(impostor, [writerDoc.clientID], new Map([[writerDoc.clientID, { cursor: { x: 999, y: 999 } }]])))));

    await eventually(() => readerSocket.awarenessStates().size > 0, 5_000, 'presence to reach the reader');
    // A later move of the writer's cursor goes out after anything the relay still held from
    // the frames above: once the reader has it, nothing of theirs can still be on its way.
    writerPresence.setLocalStateField('cursor', { x: 11, y: 20 });
    writer.receive(awarenessFrame(writerPresence));
    await eventually(() => readerSocket.awarenessStates().get(writerDoc.clientID)?.cursor?.x === 11, 5_000, 'the later cursor move to reach the reader');
    const states = readerSocket.awarenessStates();
    expect([...states.keys()]).toEqual([writerDoc.clientID]);
    expect(states.get(writerDoc.clientID)).toMatchObject({ user: { name: 'Olga Organizer', role: 'host' }, cursor: { x: 11, y: 20 } });
    expect(otherSocket.awarenessStates().has(readerPresence.clientID)).toBe(false);

    // When the writer leaves, its cursor goes away for everyone.
    writer.disconnect();
    await eventually(() => readerSocket.awarenessStates().get(writerDoc.clientID) === null, 5_000, 'the cursor to be removed');
    for (const a of [writerPresence, readerPresence, impostor]) a.destroy();
    other.disconnect();
    reader.disconnect();
    expect(document.closed).toBe(true);
  });
});
