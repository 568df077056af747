import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { WHITEBOARD_REFUSAL, parseRefusal } from '../../shared/whiteboard-protocol.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { BoardClient, sendRawUpdate } from '../support/board-client.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/** A small board limit, so "full" is reached in a test. */
const BOARD_LIMIT = 64 * 1024;

let server: Awaited<ReturnType<typeof startTestServer>>;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { WHITEBOARD_MAX_BYTES: String(BOARD_LIMIT) } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.cleanup();
});

async function hostBoard() {
  const { api } = await newOrganizer(server.url);
  const event = await createEvent(api);
  const join = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
  const writer = await BoardClient.connect(server.url, event.id, join.ticket);
  clients.push(writer);
  return { event, join, writer };
}

/** The board as a newcomer receives it. */
async function boardState(eventId: number, ticket: string): Promise<Uint8Array> {
  const reader = await BoardClient.connect(server.url, eventId, ticket);
  clients.push(reader);
  return Y.encodeStateAsUpdate(reader.doc);
}

/** An update made on a copy of the board, as a client would make it. */
function updateOn(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

describe('whiteboard limits', () => {
  it('refuses invalid and oversized updates and leaves the board intact', async () => {
    const { event, join, writer } = await hostBoard();
    writer.draw();
    writer.draw({ k: 'ellipse', p: [200, 200, 400, 300] });
    await eventually(() => server.whiteboards.find(internalId(event.id))?.storage().rows === 2, 10_000, 'two stored strokes');
    const intact = await boardState(event.id, join.ticket);

    // Bytes that are no Yjs update at all.
    expect(parseRefusal(await sendRawUpdate(server.url, event.id, join.ticket, new Uint8Array([1, 200, 7, 7, 7, 255, 255, 255, 255, 1]))).code).toBe(WHITEBOARD_REFUSAL.invalid);
    // A well-formed update that builds on changes the server never had.
    const orphan = new Y.Doc();
    orphan.getArray('shapes:main').push(['first']);
    const gap = Y.encodeStateVector(orphan);
    orphan.getArray('shapes:main').push(['second']);
    expect(parseRefusal(await sendRawUpdate(server.url, event.id, join.ticket, Y.encodeStateAsUpdate(orphan, gap))).code).toBe(WHITEBOARD_REFUSAL.invalid);
    // A part of the document the board does not have.
    const foreign = updateOn(writer.doc, (doc) => doc.getMap('secrets').set('a', 1));
    const foreignRefusal = parseRefusal(await sendRawUpdate(server.url, event.id, join.ticket, foreign));
    expect(foreignRefusal).toMatchObject({ code: WHITEBOARD_REFUSAL.invalid });
    expect(foreignRefusal.message).toContain('secrets');
    // One change above the per-update limit (2 MB).
    const huge = updateOn(writer.doc, (doc) => doc.getArray('shapes:main').push(['x'.repeat(2.5 * 1024 * 1024)]));
    expect(parseRefusal(await sendRawUpdate(server.url, event.id, join.ticket, huge)).code).toBe(WHITEBOARD_REFUSAL.tooLarge);

    expect(await boardState(event.id, join.ticket)).toEqual(intact);
    // The writer can go on drawing afterwards.
    const after = writer.draw();
    const reader = await BoardClient.connect(server.url, event.id, join.ticket);
    clients.push(reader);
    await eventually(() => reader.shapeIds().includes(after), 10_000, 'a stroke after the refusals');
  });

  it('a board that would grow past its limit refuses further updates with a clear message', async () => {
    const { event, writer } = await hostBoard();
    const document = () => server.whiteboards.find(internalId(event.id))!;
    const points = Array.from({ length: 1000 }, (_, i) => i % 900);
    for (let i = 0; i < 100 && writer.refusals.length === 0; i++) {
      const before = document().storage().bytes;
      writer.draw({ p: points });
      await eventually(() => writer.refusals.length > 0 || document().storage().bytes > before, 10_000, 'the stroke to be stored or refused');
    }
    const refusal = writer.refusals[0];
    expect(refusal?.code).toBe(WHITEBOARD_REFUSAL.full);
    expect(refusal?.message).toMatch(/board is full/);
    expect(document().storage().bytes).toBeLessThanOrEqual(BOARD_LIMIT);
  });
});

function internalId(publicId: number): string {
  return server.database.sqlite.prepare('select id from events where public_id = ?').pluck().get(publicId) as string;
}
