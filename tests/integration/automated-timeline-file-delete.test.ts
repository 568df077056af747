import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileListOut } from '../../shared/file-schemas.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { makePdf, makeVideo } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * A file an automated (or on-demand) webinar's timeline puts on the stage is not deleted
 * while it is there: the webinar plays by itself and nobody would be there to see the
 * hole. The refusal names the event and the item, so the organizer knows where to take
 * it off; once off the timeline, it deletes as any other file.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('deleting a file the timeline of an automated webinar uses', () => {
  it('is refused naming the event and the item; after it is taken off the timeline it is deleted', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { kind: 'automated', name: 'Evergreen product tour' });
    const onDemand = await createEvent(api, { kind: 'on_demand', name: 'Tour on demand' });
    const video = await uploadReady(api, 'intro.mp4', makeVideo(4));
    const deck = await uploadReady(api, 'deck.pdf', makePdf(3));
    const spare = await uploadReady(api, 'spare.pdf', makePdf(1));
    const timeline = {
      version: 1,
      chatEnabledAtStart: true,
      main: [
        { id: 'intro', kind: 'video', startMs: 0, durationMs: 3_000, assetId: video.id },
        { id: 'deck', kind: 'slides', startMs: 65_000, durationMs: 9_000, assetId: deck.id, pageAtMs: [0, 3_000, 6_000] },
      ],
      overlay: [],
    };
    await api.ok('PUT', `/events/${event.id}/timeline`, timeline);
    await api.ok('PUT', `/events/${onDemand.id}/timeline`, { ...timeline, main: [timeline.main[0]] });

    // The deck: refused, with the event's name and id, the item and its time.
    const refused = await api.request('DELETE', `/files/${deck.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('file-in-timeline');
    expect(refused.body.title).toBe(`"deck.pdf" is on the timeline of "Evergreen product tour" (event ${event.id}, item "deck" at 1:05). Take it off the timeline first, then delete the file.`);
    // The video is on two timelines: both are named.
    const both = await api.request('DELETE', `/files/${video.id}`);
    expect(both.status).toBe(409);
    expect(both.body.title).toContain(`"Evergreen product tour" (event ${event.id}, item "intro" at 0:00)`);
    expect(both.body.title).toContain(`"Tour on demand" (event ${onDemand.id}, item "intro" at 0:00)`);
    // Nothing of either went: both still listed, ready, and served.
    const listed = await api.ok<FileListOut>('GET', '/files');
    expect(listed.files.filter((f) => f.id === deck.id || f.id === video.id).map((f) => f.status)).toEqual(['ready', 'ready']);
    expect((await api.request('GET', `/files/${deck.id}`)).status).toBe(200);

    // A file no timeline uses is deleted at once.
    expect((await api.request('DELETE', `/files/${spare.id}`)).status).toBe(204);

    // Taken off the timeline, the deck deletes; the video, still on both timelines, stays.
    await api.ok('PUT', `/events/${event.id}/timeline`, { ...timeline, main: [timeline.main[0]] });
    expect((await api.request('DELETE', `/files/${deck.id}`)).status).toBe(204);
    expect((await api.request('GET', `/files/${deck.id}`)).status).toBe(404);
    const still = await api.request('DELETE', `/files/${video.id}`);
    expect(still.status).toBe(409);
    expect(still.body.title).toContain('Evergreen product tour');
    expect(still.body.title).toContain('Tour on demand');
    expect(still.body.title).not.toContain('deck');
  }, 180_000);

  it('another account\'s timeline never blocks a deletion, nor is named', async () => {
    const owner = await newOrganizer(server.url, 'Olga Owner');
    const other = await newOrganizer(server.url, 'Oscar Other');
    const mine = await uploadReady(owner.api, 'mine.pdf', makePdf(1));
    const theirs = await createEvent(other.api, { kind: 'automated', name: 'Their tour' });
    // Their timeline cannot use my file (it is not in their library)…
    const put = await other.api.request('PUT', `/events/${theirs.id}/timeline`, { version: 1, main: [{ id: 'x', kind: 'slides', startMs: 0, durationMs: 5_000, assetId: mine.id, pageAtMs: [0] }], overlay: [] });
    expect(put.status).toBe(422);
    // …so my file deletes.
    expect((await owner.api.request('DELETE', `/files/${mine.id}`)).status).toBe(204);
  }, 120_000);
});
