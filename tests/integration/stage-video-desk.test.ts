import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { parseAnchor, positionAt, type PlaybackAnchor } from '../../shared/playback-anchor.ts';
import type { PlaybackPong, StageVideoOut } from '../../shared/playback-messages.ts';
import { ApiClient, createEvent, joinAsPresenter, joinEvent, newOrganizer } from '../support/api-client.ts';
import { makeVideo } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * The stage video's desk (ROOM-12) through the real room: who may move the video and
 * why not, the anchor kept in the database (a restart plays on from it), and the video
 * going on when its presenter leaves.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;
let videoId: string;
const everyone: RoomParticipant[] = [];

const anchorOf = (p: RoomParticipant): PlaybackAnchor | null => parseAnchor(p.room.state.playback);

async function enter(join: JoinOut): Promise<RoomParticipant> {
  const p = await RoomParticipant.enter(server.url, join);
  everyone.push(p);
  return p;
}

async function refused(p: RoomParticipant, type: string, message: unknown): Promise<{ code: string; message: string }> {
  const before = p.errors.length;
  p.send(type, message);
  return p.nextError(before);
}

beforeAll(async () => {
  server = await startTestServer();
  api = (await newOrganizer(server.url)).api;
  videoId = (await uploadReady(api, 'intro.mp4', makeVideo(20, { faststart: true }))).id;
});
afterAll(async () => {
  for (const p of everyone) await p.leave().catch(() => undefined);
  await server.cleanup();
});

describe('the stage video desk', () => {
  it('presenters play a library video for everyone; attendees are refused with a reason; bad choices are named', async () => {
    const eventId = (await createEvent(api)).id;
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    everyone.push(host);
    const presenter = await enter(await joinAsPresenter(api, eventId, { name: 'Pia' }));
    const ada = await enter(await joinEvent(server.url, eventId, { name: 'Ada' }));

    expect((await refused(presenter, 'playback-pause', {})).code).toBe('no-video');
    expect((await refused(presenter, 'set-main-view', { view: 'media' })).code).toBe('no-video');
    expect((await refused(ada, 'playback-load', { source: { kind: 'file', fileId: videoId } })).message).toMatch(/may not play, pause or seek/);
    expect((await refused(presenter, 'playback-load', { source: { kind: 'file', fileId: 'nope' } })).code).toBe('not-in-library');
    expect((await refused(presenter, 'playback-load', { source: { kind: 'url', url: 'javascript:alert(1)' } })).code).toBe('invalid-message');
    expect((await refused(presenter, 'playback-load', { source: { kind: 'url', url: 'https://www.youtube.com/feed/trending' } })).code).toBe('not-a-video-link');

    const before = Date.now();
    presenter.send('playback-load', { source: { kind: 'file', fileId: videoId } });
    const anchor = await eventually(() => anchorOf(ada), 10_000, 'the anchor for the attendee');
    expect(anchor).toMatchObject({ positionMs: 0, rate: 1, paused: false, automated: false, source: { kind: 'file', ref: videoId, title: 'intro.mp4' } });
    expect(anchor.serverTimeMs).toBeGreaterThanOrEqual(before);
    expect(anchor.source.durationMs).toBeGreaterThan(19_000);
    expect(anchor.source.url).toMatch(new RegExp(`^/api/v1/media/${videoId}/\\d+/[0-9a-f]+/media$`));
    await eventually(() => ada.room.state.mainView === 'media', 10_000, 'the media view');

    // The signed link serves the video with byte ranges.
    const ranged = await fetch(server.url + anchor.source.url, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);

    for (const [type, message] of [['playback-pause', {}], ['playback-seek', { positionMs: 1000 }], ['playback-stop', {}], ['playback-play', {}]] as const) {
      const error = await refused(ada, type, message);
      expect(error.code, type).toBe('not-allowed');
    }
    expect((await refused(presenter, 'playback-seek', { positionMs: 60_000 })).code).toBe('beyond-end');
    expect((await refused(presenter, 'playback-seek', { positionMs: -5 })).code).toBe('invalid-message');

    // Pause holds the live position; seek moves it; play goes on from it.
    presenter.send('playback-pause', {});
    const paused = await eventually(() => (anchorOf(ada)?.paused ? anchorOf(ada) : undefined), 10_000, 'paused');
    expect(paused!.version).toBe(anchor.version + 1);
    expect(paused!.positionMs).toBeGreaterThanOrEqual(0);
    host.send('playback-seek', { positionMs: 12_000 });
    await eventually(() => anchorOf(ada)?.positionMs === 12_000, 10_000, 'sought');
    presenter.send('playback-play', {});
    const playing = await eventually(() => (anchorOf(ada)?.paused === false && anchorOf(ada)!.positionMs === 12_000 ? anchorOf(ada) : undefined), 10_000, 'playing');

    // Anyone may ask for the clock; the answer goes to that client only.
    const sentAt = Date.now();
    ada.send('playback-ping', { sentAt });
    const pong = await eventually(() => ada.last<PlaybackPong>('playback-pong'), 10_000, 'pong');
    expect(pong.sentAt).toBe(sentAt);
    expect(Math.abs(pong.serverTime - Date.now())).toBeLessThan(5000);
    expect(presenter.received.get('playback-pong')).toBeUndefined();

    // The presenter and the host leave: the video plays on, nothing about it changes.
    await presenter.leave();
    await host.leave();
    await eventually(() => ada.room.state.speakers.get(host.you?.participantId ?? '')?.online === false, 10_000, 'host offline');
    expect(anchorOf(ada)).toEqual(playing);
    expect(positionAt(anchorOf(ada)!, Date.now())).toBeGreaterThan(12_000);
    expect(ada.room.state.mainView).toBe('media');
    // The plan runs one event at a time: this one empties so the next test can start its own.
    await ada.leave();
  });

  it('the REST API plays, pauses, seeks and stops, and an open room follows', async () => {
    const eventId = (await createEvent(api)).id;
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    everyone.push(host);
    const ada = await enter(await joinEvent(server.url, eventId, { name: 'Ada' }));
    expect((await api.ok<StageVideoOut>('GET', `/events/${eventId}/stage/video`)).anchor).toBeNull();
    expect((await api.request('POST', `/events/${eventId}/stage/video/pause`)).status).toBe(403);
    const played = await api.ok<StageVideoOut>('POST', `/events/${eventId}/stage/video`, { source: { kind: 'file', fileId: videoId }, positionMs: 3000 });
    expect(played).toMatchObject({ playing: true, anchor: { positionMs: 3000, source: { kind: 'file', ref: videoId } } });
    expect(JSON.stringify(played)).not.toContain('/media/'); // the signed link is for the room's participants
    await eventually(() => anchorOf(ada)?.positionMs === 3000, 10_000, 'the room follows the REST play');
    await eventually(() => ada.room.state.mainView === 'media', 10_000, 'media view');
    const paused = await api.ok<StageVideoOut>('POST', `/events/${eventId}/stage/video/pause`);
    expect(paused.playing).toBe(false);
    await eventually(() => anchorOf(ada)?.paused === true, 10_000, 'paused by REST');
    await api.ok('POST', `/events/${eventId}/stage/video/seek`, { positionMs: 7000 });
    await eventually(() => anchorOf(ada)?.positionMs === 7000, 10_000, 'sought by REST');
    expect((await api.request('POST', `/events/${eventId}/stage/video/seek`, { positionMs: 'x' })).status).toBe(400);
    expect((await api.request('POST', `/events/${eventId}/stage/video`, { source: { kind: 'file', fileId: 'nope' } })).status).toBe(422);
    await api.ok('DELETE', `/events/${eventId}/stage/video`);
    await eventually(() => ada.room.state.playback === '' && ada.room.state.mainView === 'video', 10_000, 'stopped by REST');
    const other = (await newOrganizer(server.url, 'Other')).api;
    expect((await other.request('GET', `/events/${eventId}/stage/video`)).status).toBe(404);
    expect((await other.request('POST', `/events/${(await createEvent(other)).id}/stage/video`, { source: { kind: 'file', fileId: videoId } })).status).toBe(422);
  });
});

describe('a restart', () => {
  it('keeps the anchor: the video is at the same place by the clock, with a fresh link', async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    try {
      const organizer = (await newOrganizer(first.url)).api;
      const fileId = (await uploadReady(organizer, 'clip.mp4', makeVideo(30, { faststart: true }))).id;
      const event = await createEvent(organizer);
      const host = await hostStarts(first.url, await organizer.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
      host.send('playback-load', { source: { kind: 'file', fileId }, positionMs: 4000 });
      const before = await eventually(() => anchorOf(host), 10_000, 'anchor');
      await first.stop();

      const second = await startTestServer({ dataDir, env: { PORT: String(first.port) } });
      try {
        const ada = await RoomParticipant.enter(second.url, await joinEvent(second.url, event.id, { name: 'Ada' }));
        const after = await eventually(() => anchorOf(ada), 10_000, 'anchor after the restart');
        const { url: _a, ...sourceBefore } = before.source;
        const { url, ...sourceAfter } = after.source;
        expect({ ...after, source: sourceAfter }).toEqual({ ...before, source: sourceBefore });
        expect(ada.room.state.mainView).toBe('media');
        expect((await fetch(second.url + url, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
        await ada.leave();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
