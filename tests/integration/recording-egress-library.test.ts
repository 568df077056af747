import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { RecordingListOut, RecordingOut, RecordingSendOut, RecordingSendsOut, ShareOut } from '../../shared/recording-schemas.ts';
import { EGRESS_STATUS, type EgressApi } from '../../server/recording/egress/egress-backend.ts';
import { FFMPEG, isFastStart, probeFile, run } from '../../server/recording/mp4-tools.ts';
import { createEvent, joinEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { startMediaTestServer } from '../support/media.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';

/**
 * LiveKit Egress cannot run on this machine (no Redis, no GStreamer build, no Chrome
 * composite): the back-end runs against a fake EgressApi that writes the MP4 an egress
 * would, while the webhooks go through the real, signed LiveKit webhook route. The
 * recording it makes then serves the library's share links and trim.
 */

class FakeEgress implements EgressApi {
  readonly started: { roomName: string; filepath: string; customBaseUrl: string }[] = [];
  readonly stopped: string[] = [];
  available = () => undefined;
  async startRoomComposite(roomName: string, filepath: string, customBaseUrl: string) {
    this.started.push({ roomName, filepath, customBaseUrl });
    return { egressId: `EG_fake${this.started.length}` };
  }
  async stop(egressId: string) {
    this.stopped.push(egressId);
    // What the egress would have written: 6 s of H.264/AAC with a keyframe every 2 s.
    const file = this.started[Number(egressId.replace('EG_fake', '')) - 1]!.filepath;
    await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15:duration=6', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file]);
  }
  async list() {
    return [];
  }
}

const egress = new FakeEgress();
let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let api: ApiClient;
let event: EventOut;
let host: RoomParticipant;
const dir = mkdtempSync(join(tmpdir(), 'rec-egress-'));

/** A webhook as LiveKit signs it: a JWT with the SHA-256 of the body, made with the API secret. */
async function webhook(body: object, secret = server.liveKit.apiSecret): Promise<number> {
  const text = JSON.stringify(body);
  const token = new AccessToken(server.liveKit.apiKey, secret);
  token.sha256 = createHash('sha256').update(text).digest('base64');
  const response = await fetch(`${server.url}/api/v1/webhooks/livekit`, { method: 'POST', headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() }, body: text });
  return response.status;
}

const egressEvent = (id: string, event: string, status: number) => ({ id, event, createdAt: Math.floor(Date.now() / 1000), egressInfo: { egressId: 'EG_fake1', roomName: egress.started[0]!.roomName, status } });
const list = () => api.ok<RecordingListOut>('GET', '/recordings');
const authorized = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${api.apiKey}` } });

beforeAll(async () => {
  server = await startMediaTestServer({ RECORDER: 'egress' }, { egressApi: egress });
  api = (await newOrganizer(server.url)).api;
  event = await createEvent(api, { name: 'Egress webinar' });
  host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
}, 120_000);

afterAll(async () => {
  await host?.leave();
  await server?.cleanup();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the Egress back-end against a fake EgressApi', () => {
  let recording: RecordingOut;

  it('a duplicate egress_ended, an egress_updated after it and a forged webhook leave one recording in the right state', async () => {
    host.send('set-recording', { on: true, language: 'en' });
    await eventually(() => host.room.state.recording === 'recording', 20_000, 'the REC light');
    expect(egress.started).toHaveLength(1);
    // RoomComposite renders our own recorder view.
    expect(egress.started[0]!.customBaseUrl).toMatch(new RegExp(`^http://[^/]+/record/${event.id}/[A-Za-z0-9._%-]+$`));
    expect(await webhook(egressEvent('EV_started', 'egress_started', EGRESS_STATUS.starting))).toBe(204);
    expect(await webhook(egressEvent('EV_active', 'egress_updated', EGRESS_STATUS.active))).toBe(204);

    host.send('set-recording', { on: false });
    await eventually(() => egress.stopped.includes('EG_fake1'), 20_000, 'the stop sent to Egress');
    const ended = egressEvent('EV_ended', 'egress_ended', EGRESS_STATUS.complete);
    expect(await webhook(ended)).toBe(204);
    // LiveKit may deliver the same event twice, and an UpdateEgress retry sends a second ended event under a new id.
    expect(await webhook(ended)).toBe(204);
    expect(await webhook(egressEvent('EV_ended_again', 'egress_ended', EGRESS_STATUS.complete))).toBe(204);
    // An update that comes late must not move the part back.
    expect(await webhook(egressEvent('EV_late', 'egress_updated', EGRESS_STATUS.active))).toBe(204);
    // A forged one (signed with another secret) is refused and changes nothing.
    expect(await webhook(egressEvent('EV_forged', 'egress_ended', EGRESS_STATUS.failed), 'not-the-secret-not-the-secret-not-the-secret')).toBe(401);

    recording = await eventually(async () => (await list()).recordings.find((r) => r.state === 'ready'), 30_000, 'the recording ready');
    const all = (await list()).recordings;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ state: 'ready', backend: 'egress', parts: 1, partial: false, error: null });
    const row = server.database.sqlite.prepare('select state, egress_rank as rank, error from recording_parts where egress_id = ?').get('EG_fake1');
    expect(row).toEqual({ state: 'closed', rank: 3, error: null });
    // Five different ids were delivered (one of them twice).
    expect(server.database.sqlite.prepare('select count(*) as n from egress_webhook_events').get()).toEqual({ n: 5 });
  }, 90_000);

  it('plays with byte ranges, and a share link works until it is revoked', async () => {
    const ranged = await authorized(recording.videoUrl!, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    const share = await api.ok<ShareOut>('POST', `/recordings/${recording.id}/shares`);
    const token = share.url.split('/recording/')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    // No sign-in: the link is the key.
    const info = await fetch(`${server.url}/api/v1/shared-recordings/${token}`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ eventName: 'Egress webinar' });
    const video = await fetch(`${server.url}/api/v1/shared-recordings/${token}/video`, { headers: { range: 'bytes=10-19' } });
    expect(video.status).toBe(206);
    expect(video.headers.get('content-range')).toMatch(/^bytes 10-19\//);
    expect((await api.ok<ShareOut[]>('GET', `/recordings/${recording.id}/shares`)).map((s) => s.id)).toEqual([share.id]);

    expect((await authorized(`/recordings/${recording.id}/shares/${share.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${server.url}/api/v1/shared-recordings/${token}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/shared-recordings/${token}/video`)).status).toBe(404);
    expect(await api.ok<ShareOut[]>('GET', `/recordings/${recording.id}/shares`)).toEqual([]);
  });

  it('a trim gives a download of the trimmed length, cut without re-encoding', async () => {
    const bad = await api.request('PUT', `/recordings/${recording.id}/trim`, { inMs: 5000, outMs: 4000 });
    expect(bad.status).toBe(400);
    const trimmed = await api.ok<RecordingOut>('PUT', `/recordings/${recording.id}/trim`, { inMs: 2500, outMs: 5000 });
    // The cut starts on the keyframe at or before the in point (one every 2 s) and says so.
    expect(trimmed.trimInMs).toBeLessThanOrEqual(2500);
    expect(trimmed.trimInMs).toBeGreaterThanOrEqual(1500);
    expect(trimmed.trimOutMs).toBe(5000);
    const download = await authorized(`/recordings/${recording.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="recording-.*\.mp4"$/);
    const file = join(dir, 'trimmed.mp4');
    writeFileSync(file, Buffer.from(await download.arrayBuffer()));
    const facts = await probeFile(file);
    expect(Math.abs(facts.durationMs - (trimmed.trimOutMs! - trimmed.trimInMs!))).toBeLessThan(150);
    expect(facts).toMatchObject({ video: 'h264', audio: 'aac' });
    expect(isFastStart(file)).toBe(true);
  });

  it('"Send" e-mails the share link to the event\'s attendees and says it is kept in the outbox while no delivery is set up', async () => {
    await joinEvent(server.url, event.id, { name: 'Ada Attendee', email: 'Ada@Example.com' });
    await joinEvent(server.url, event.id, { name: 'Ada Again', email: 'ada@example.com' });
    await joinEvent(server.url, event.id, { name: 'Bob Attendee', email: 'bob@example.com' });
    await joinEvent(server.url, event.id, { name: 'No Mail' });
    const sent = await api.ok<RecordingSendOut>('POST', `/recordings/${recording.id}/send`);
    expect(sent).toMatchObject({ recipients: 2, mail: { delivery: 'outbox', queued: 0, kept: 2 } });
    expect(sent.shareUrl).toMatch(/\/recording\/[\w-]{43}$/);
    // The link sent is a share link of the recording that works.
    expect((await api.ok<ShareOut[]>('GET', `/recordings/${recording.id}/shares`)).map((s) => s.url)).toContain(sent.shareUrl);
    const token = sent.shareUrl.split('/recording/')[1]!;
    expect((await fetch(`${server.url}/api/v1/shared-recordings/${token}`)).status).toBe(200);
    const outbox = await api.ok<{ messages: { id: string; to: string; kind: string; status: string }[] }>('GET', `/outbox?eventId=${event.id}`);
    const mails = outbox.messages.filter((m) => m.kind === 'recording-link');
    expect(mails.map((m) => m.to).sort()).toEqual(['ada@example.com', 'bob@example.com']);
    expect(mails.every((m) => m.status === 'outbox')).toBe(true);
    expect((await api.ok<{ text: string }>('GET', `/outbox/${mails[0]!.id}`)).text).toContain(sent.shareUrl);
    expect(await api.ok<RecordingSendsOut>('GET', `/recordings/${recording.id}/sends`)).toEqual({ delivery: 'outbox', total: 2, queued: 0, sent: 0, failed: 0, kept: 2 });
    const stranger = (await newOrganizer(server.url, 'Sam Stranger')).api;
    expect((await stranger.request('POST', `/recordings/${recording.id}/send`)).status).toBe(404);
  });

  it('/api/v1/health reports the recorder with its state, its tools and what it records now', async () => {
    const health = await (await fetch(`${server.url}/api/v1/health`)).json();
    expect(health.recorder).toEqual({ state: 'ready', backend: 'egress', chromium: true, ffmpeg: true, running: 0 });
  });

  it('deletes a recording with its files; another account sees nothing of it', async () => {
    const stranger = (await newOrganizer(server.url, 'Stefan Stranger')).api;
    expect((await stranger.request('GET', `/recordings/${recording.id}`)).status).toBe(404);
    expect((await stranger.ok<RecordingListOut>('GET', '/recordings')).recordings).toEqual([]);
    expect((await authorized(`/recordings/${recording.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await list()).recordings).toEqual([]);
    expect((await authorized(`/recordings/${recording.id}/video`)).status).toBe(404);
  });
});
