import { afterAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import { RoomConnection } from '../../shared/room-connection.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { settleWithin } from '../support/deadline.ts';
import { makePdf } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
let dataDir: string | undefined;
const connections: RoomConnection[] = [];
afterAll(async () => {
  for (const c of connections) await settleWithin(c.leave(), 3_000);
  await server?.cleanup();
});

interface Seen { page: number; fileId: string; mainView: string; at: number }

/** Every change of the stage's presentation a connection sees, with the wall time it arrived. */
function watchSlides(connection: RoomConnection): Seen[] {
  const seen: Seen[] = [];
  connection.onState((state) => {
    const p = state?.presentation as { page: number; fileId: string } | undefined;
    if (!p) return;
    const last = seen.at(-1);
    if (last?.page !== p.page || last.fileId !== p.fileId || last.mainView !== state.mainView) seen.push({ page: p.page, fileId: p.fileId, mainView: state.mainView, at: Date.now() });
  });
  return seen;
}

describe('a presentation on the main lane of an automated webinar (AUTO-1)', () => {
  it('is opened by the timeline and its pages turn at their times; a late joiner and a restarted server land on the right page', async () => {
    server = await startTestServer();
    dataDir = server.dataDir;
    const { api } = await newOrganizer(server.url);
    const deck = await uploadReady(api, 'Deck.pdf', makePdf(3));
    const startsAt = new Date(Date.now() + 6_000);
    const event = await createEvent(api, { kind: 'automated', startsAt: startsAt.toISOString() });
    await api.ok('PUT', `/events/${event.id}/timeline`, {
      version: 1,
      main: [
        { id: 'deck', kind: 'slides', startMs: 0, durationMs: 40_000, assetId: deck.id, pageAtMs: [0, 15_000, 30_000] },
        { id: 'bye', kind: 'blank', startMs: 40_000, durationMs: 20_000, message: 'Thank you' },
      ],
      overlay: [],
    });

    // Connected before the start (in the waiting room): page 1 at 0:00, page 2 at 0:15.
    const early = new RoomConnection(server.url, await new ApiClient(server.url).ok('POST', `/events/${event.id}/join`, { name: 'Ada' }));
    connections.push(early);
    const seen = watchSlides(early);
    await early.connect();
    await eventually(() => seen.find((s) => s.page === 2), 45_000, 'page 2 for the attendee');
    const [first, second] = seen;
    expect(first).toMatchObject({ page: 1, fileId: deck.id, mainView: 'slides' });
    expect(first!.at).toBeGreaterThanOrEqual(startsAt.getTime());
    expect(second).toMatchObject({ page: 2, fileId: deck.id, mainView: 'slides' });
    expect(second!.at).toBeGreaterThanOrEqual(startsAt.getTime() + 15_000);
    expect(seen.map((s) => s.page)).toEqual([1, 2]);

    // A late joiner gets the current page with the state.
    const late = new RoomConnection(server.url, await new ApiClient(server.url).ok('POST', `/events/${event.id}/join`, { name: 'Bob' }));
    connections.push(late);
    await late.connect();
    expect(late.status).toBe('live');
    const landed = await eventually(() => late.state?.presentation?.page as number | undefined, 15_000, 'the late joiner\'s page');
    // The page the timeline has at this moment (page 3 from 0:30).
    expect(landed).toBe(Date.now() - startsAt.getTime() < 30_000 ? 2 : 3);
    expect(late.state.mainView).toBe('slides');
    // Left here, before the server goes: afterAll leaves only what is still open.
    for (const c of connections.splice(0)) await c.leave();

    // The server goes away and is back after 0:30: the room opens on page 3.
    await server.stop();
    server = undefined;
    await eventually(() => Date.now() > startsAt.getTime() + 31_000 || undefined, 60_000, 'past 0:30');
    server = await startTestServer({ dataDir });
    const again = new RoomConnection(server.url, await new ApiClient(server.url).ok('POST', `/events/${event.id}/join`, { name: 'Cleo' }));
    connections.push(again);
    const after = watchSlides(again);
    await again.connect();
    await eventually(() => after.find((s) => s.page === 3), 20_000, 'page 3 after the restart');
    expect(after[0]).toMatchObject({ page: 3, fileId: deck.id, mainView: 'slides' });

    // 0:40 — the presentation item is over: the timeline takes its deck off the stage.
    await eventually(() => (again.state && !again.state.presentation && again.state.mainView !== 'slides') || undefined, 45_000, 'the deck closed at 0:40');
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime() + 40_000);
    const organizer = new ApiClient(server.url, api.apiKey);
    expect((await organizer.ok<EventOut>('GET', `/events/${event.id}`)).status).toBe('live');
  }, 240_000);
});
