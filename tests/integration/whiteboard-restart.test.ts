import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { addPage, moveShapes, readPage, removeShapes } from '../../shared/whiteboard-model.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { BoardClient } from '../support/board-client.ts';
import { eventually } from '../support/room-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';
import { startTestServer } from '../support/test-server.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Two writers draw, move, erase and add a page; returns the board as a newcomer then receives it. */
async function drawTogether(baseUrl: string, eventId: number, ticket: string): Promise<Uint8Array> {
  const a = await BoardClient.connect(baseUrl, eventId, ticket);
  const b = await BoardClient.connect(baseUrl, eventId, ticket);
  for (let i = 0; i < 20; i++) (i % 2 ? a : b).draw({ p: [i * 10, 20, i * 10 + 40, 80, i * 10 + 60, 40] });
  a.draw({ k: 'note', c: '#fff3bf', p: [300, 300, 500, 460], t: 'Keep me' });
  await eventually(() => a.shapeIds().length === 21 && b.shapeIds().length === 21, 10_000, 'both writers to see every shape');
  const shapes = readPage(a.doc, 'main');
  removeShapes(a.doc, 'main', new Set(shapes.slice(0, 5).map((s) => s.map)));
  moveShapes(b.doc, readPage(b.doc, 'main').slice(-3), 40, -20);
  const page = addPage(a.doc);
  b.draw({ k: 'rect', p: [10, 10, 100, 100] });
  await eventually(() => b.doc.getArray('pages').length === 1 && a.shapeIds().length === 17 && b.shapeIds().length === 17, 10_000, 'the edits to reach both');
  a.draw({ k: 'line', p: [0, 0, 100, 100] }, page);
  await eventually(() => b.shapeIds(page).length === 1, 10_000, 'the second page to reach the other writer');
  const witness = await BoardClient.connect(baseUrl, eventId, ticket);
  const state = Y.encodeStateAsUpdate(witness.doc);
  for (const c of [a, b, witness]) c.destroy();
  return state;
}

async function stateAfterRestart(baseUrl: string, eventId: number, api: ApiClient): Promise<Uint8Array> {
  const join = await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {});
  const reader = await BoardClient.connect(baseUrl, eventId, join.ticket);
  const state = Y.encodeStateAsUpdate(reader.doc);
  reader.destroy();
  return state;
}

describe('the whiteboard across restarts', () => {
  it('loads exactly as before after a clean restart (same encoded state)', async () => {
    const first = await startTestServer();
    folders.push(first.dataDir);
    const { api } = await newOrganizer(first.url);
    const event = await createEvent(api);
    const join = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
    const before = await drawTogether(first.url, event.id, join.ticket);
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir, env: { PORT: String(first.port) } });
    try {
      const after = await stateAfterRestart(second.url, event.id, api);
      expect(after).toEqual(before);
      // Closing the board merged its updates into one row.
      expect(second.database.sqlite.prepare('select count(*) from whiteboard_updates').pluck().get()).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('keeps every stroke that anyone saw when the process is killed (SIGKILL), without compaction', async () => {
    const port = await freePort();
    const seed = await startTestServer();
    const dataDir = seed.dataDir;
    folders.push(dataDir);
    await seed.stop();
    let child = await startServerProcess(port, dataDir);
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      const { api } = await newOrganizer(baseUrl);
      const event = await createEvent(api);
      const join = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
      const before = await drawTogether(baseUrl, event.id, join.ticket);
      await kill(child, 'SIGKILL');
      child = await startServerProcess(port, dataDir);
      const after = await stateAfterRestart(baseUrl, event.id, api);
      const decode = (update: Uint8Array) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, update);
        return { json: doc.toJSON(), vector: Y.encodeStateVector(doc), deleted: Y.snapshot(doc).ds };
      };
      expect(decode(after)).toEqual(decode(before));
      expect(after).toEqual(before);
    } finally {
      await kill(child);
    }
  });
});
