import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { parseAnchor } from '../../shared/playback-anchor.ts';
import { createEvent, joinEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { makePdf, makeVideo } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * Deleting a library file that a stage shows (ROOM-12 × POST-3): the file leaves every
 * stage at once (slides or video), the presenters are told why with the file's name,
 * and nothing of it is served any more, through the room's signed links or otherwise.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;
const everyone: RoomParticipant[] = [];

const slides = (p: RoomParticipant) => p.room.state.presentation as { fileId: string; page: number; linkBase: string } | undefined;

beforeAll(async () => {
  server = await startTestServer();
  api = (await newOrganizer(server.url)).api;
});
afterAll(async () => {
  for (const p of everyone) await p.leave().catch(() => undefined);
  await server.cleanup();
});

async function liveEvent(): Promise<{ eventId: number; host: RoomParticipant; attendee: RoomParticipant }> {
  const eventId = (await createEvent(api)).id;
  const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
  const attendee = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventId, { name: 'Ada' }));
  everyone.push(host, attendee);
  return { eventId, host, attendee };
}

describe('a file deleted while a stage shows it', () => {
  it('slides: the presentation closes in the live room, the presenter is told, its pages are no longer served', async () => {
    const deck = await uploadReady(api, 'Quarterly Deck.pdf', makePdf(3));
    const { eventId, host, attendee } = await liveEvent();
    host.send('presentation-open', { fileId: deck.id });
    host.send('presentation-page', { page: 2 });
    const shown = await eventually(() => (slides(attendee)?.page === 2 ? slides(attendee) : undefined), 10_000, 'page 2 on the attendee\'s stage');
    expect(attendee.room.state.mainView).toBe('slides');
    const pageLink = `${server.url}/api/v1${shown!.linkBase}/pages/2`;
    expect((await fetch(pageLink)).status).toBe(200);

    const hostErrors = host.errors.length;
    const attendeeErrors = attendee.errors.length;
    expect((await api.request('DELETE', `/files/${deck.id}`)).status).toBe(204);

    await eventually(() => slides(attendee) === undefined && attendee.room.state.mainView === 'video', 10_000, 'the slides taken off the attendee\'s stage');
    await eventually(() => slides(host) === undefined, 10_000, 'the slides taken off the host\'s stage');
    const notice = await host.nextError(hostErrors);
    expect(notice.code).toBe('stage-file-deleted');
    expect(notice.message).toContain('“Quarterly Deck.pdf” was deleted');
    // The notice is for the presenters; attendees just see the cameras again.
    expect(attendee.errors.slice(attendeeErrors).map((e) => e.code)).not.toContain('stage-file-deleted');

    expect((await fetch(pageLink)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1${shown!.linkBase}/thumbs/1`)).status).toBe(404);
    expect((await api.request('GET', `/files/${deck.id}/pages/1`)).status).toBe(404);
    expect(await api.ok<any>('GET', `/events/${eventId}/stage/presentation`)).toEqual({ presentation: null });
    // The presenter's next page turn is refused with a reason, not answered from a stale deck.
    const before = host.errors.length;
    host.send('presentation-page', { page: 3 });
    expect((await host.nextError(before)).code).toBe('no-presentation');

    await attendee.leave();
    await host.leave();
  }, 120_000);

  it('video: the stage video stops in the live room, the presenter is told, its signed link stops working', async () => {
    const video = await uploadReady(api, 'Product Tour.mp4', makeVideo(6, { faststart: true }));
    const { eventId, host, attendee } = await liveEvent();
    host.send('playback-load', { source: { kind: 'file', fileId: video.id } });
    const anchor = await eventually(() => parseAnchor(attendee.room.state.playback), 10_000, 'the video on the attendee\'s stage');
    await eventually(() => attendee.room.state.mainView === 'media', 10_000, 'the media view');
    const mediaLink = server.url + anchor.source.url;
    expect((await fetch(mediaLink, { headers: { range: 'bytes=0-9' } })).status).toBe(206);

    const hostErrors = host.errors.length;
    expect((await api.request('DELETE', `/files/${video.id}`)).status).toBe(204);

    await eventually(() => parseAnchor(attendee.room.state.playback) === null && attendee.room.state.mainView === 'video', 10_000, 'the video taken off the attendee\'s stage');
    const notice = await host.nextError(hostErrors);
    expect(notice.code).toBe('stage-file-deleted');
    expect(notice.message).toContain('“Product Tour.mp4” was deleted');
    expect((await fetch(mediaLink, { headers: { range: 'bytes=0-9' } })).status).toBe(404);
    expect(await api.ok<any>('GET', `/events/${eventId}/stage/video`)).toMatchObject({ playing: false, anchor: null });

    await attendee.leave();
    await host.leave();
  }, 120_000);

  it('no room open: a stage set over REST is cleared too, so the next room opens without the deleted file', async () => {
    const deck = await uploadReady(api, 'Old Deck.pdf', makePdf(2));
    const video = await uploadReady(api, 'Old Clip.mp4', makeVideo(4, { faststart: true }));
    const slidesEvent = (await createEvent(api)).id;
    const videoEvent = (await createEvent(api)).id;
    expect((await api.ok<any>('PUT', `/events/${slidesEvent}/stage/presentation`, { fileId: deck.id })).fileId).toBe(deck.id);
    expect((await api.ok<any>('POST', `/events/${videoEvent}/stage/video`, { source: { kind: 'file', fileId: video.id } })).anchor.source.ref).toBe(video.id);

    expect((await api.request('DELETE', `/files/${deck.id}`)).status).toBe(204);
    expect((await api.request('DELETE', `/files/${video.id}`)).status).toBe(204);
    expect(await api.ok<any>('GET', `/events/${slidesEvent}/stage/presentation`)).toEqual({ presentation: null });
    expect(await api.ok<any>('GET', `/events/${videoEvent}/stage/video`)).toMatchObject({ anchor: null });

    for (const eventId of [slidesEvent, videoEvent]) {
      const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
      everyone.push(host);
      expect(slides(host)).toBeUndefined();
      expect(parseAnchor(host.room.state.playback)).toBeNull();
      expect(host.room.state.mainView).toBe('video');
      await host.leave();
    }
  }, 120_000);
});
