import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispose } from '@livekit/rtc-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { RecordingListOut, RecordingOut } from '../../shared/recording-schemas.ts';
import { isFastStart, probeFile } from '../../server/recording/mp4-tools.ts';
import { createEvent, joinEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { MARK_LENGTH_MS, MarkPublisher, marksBetween } from '../support/av-publisher.ts';
import { canRunChromium } from '../support/chromium.ts';
import { settleWithin } from '../support/deadline.ts';
import { startMediaTestServer } from '../support/media.ts';
import { beepOnsets, flashOnsets, wallTimeOf } from '../support/mp4-analysis.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';

/**
 * The built-in recorder end to end (ROOM-13): the real LiveKit server, two speakers
 * from @livekit/rtc-node whose camera flashes white and whose microphone beeps at 1 kHz
 * at the same instants every 2 s, Debian's Chromium rendering the recorder view, ffmpeg.
 * Private mode from second 8 to 12 must leave nothing in the file.
 */

let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let api: ApiClient;
let event: EventOut;
let host: RoomParticipant;
let attendee: RoomParticipant;
const publishers: MarkPublisher[] = [];
const dir = mkdtempSync(join(tmpdir(), 'rec-builtin-'));

async function takeCamera(who: RoomParticipant): Promise<void> {
  const before = who.received.get('camera-slot')?.length ?? 0;
  who.send('camera', { on: true });
  await eventually(() => (who.received.get('camera-slot')?.slice(before) as { granted: boolean }[] | undefined)?.some((m) => m.granted), 20_000, 'a camera slot');
}

async function speaker(join: JoinOut, room: RoomParticipant): Promise<void> {
  const peer = await MarkPublisher.connect(join.media);
  publishers.push(peer);
  await peer.publishMicrophone();
  // A camera slot is given to someone connected to LiveKit (ROOM-5).
  await takeCamera(room);
  await peer.publishCamera();
}

const list = () => api.ok<RecordingListOut>('GET', '/recordings');

beforeAll(async () => {
  if (!canRunChromium()) throw new Error('Chromium or the built client is missing: install chromium and run `npm run build`.');
  server = await startMediaTestServer({ RECORDER_PRESET: 'ultrafast' });
  api = (await newOrganizer(server.url)).api;
  event = await createEvent(api, { name: 'Recorded webinar' });
  const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
  host = await hostStarts(server.url, hostJoin);
  const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
  const presenterJoin = await joinEvent(server.url, event.id, { name: 'Piotr Presenter', presenterKey });
  const presenter = await RoomParticipant.enter(server.url, presenterJoin);
  attendee = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: 'Ada', email: 'ada@example.com' }));
  await speaker(hostJoin, host);
  await speaker(presenterJoin, presenter);
}, 180_000);

afterAll(async () => {
  await Promise.all(publishers.map((p) => p.leave()));
  await host?.leave();
  await attendee?.leave();
  await settleWithin(dispose(), 5_000);
  await server?.cleanup();
  rmSync(dir, { recursive: true, force: true });
}, 90_000);

describe('recording a live event with the built-in recorder', () => {
  it('records H.264/AAC with picture and sound together, leaves private mode out, and is ready in seconds as one faststart MP4', async () => {
    const refused = host.errors.length;
    attendee.send('set-recording', { on: true });
    expect((await attendee.nextError(0)).code).toBe('not-allowed');
    host.send('set-recording', { on: true, language: 'pl' });
    // Everyone sees the light once the recorder is in.
    await eventually(() => attendee.room.state.recording === 'recording', 90_000, 'the REC light');
    expect(host.errors.slice(refused)).toEqual([]);
    const started = await eventually(async () => (await list()).recordings[0]?.kept[0], 20_000, 'the first kept span');
    const t0 = started.from;
    const at = (ms: number) => eventually(() => Date.now() >= t0 + ms, 60_000, `second ${ms / 1000}`);

    await at(8_000);
    const privateFrom = Date.now();
    host.send('set-mode', { mode: 'private' });
    await eventually(() => attendee.room.state.recording === 'paused', 10_000, 'the paused light');
    await at(12_000);
    host.send('set-mode', { mode: 'presentation' });
    await eventually(() => attendee.room.state.recording === 'recording', 10_000, 'the light again');
    const privateTo = Date.now();
    await at(20_000);
    host.send('set-recording', { on: false });
    await eventually(() => attendee.room.state.recording === '', 30_000, 'the light off');
    const stoppedAt = Date.now();

    // The library lists it ready within 5 s of the stop.
    const ready = await eventually(async () => (await list()).recordings.find((r) => r.state === 'ready'), 5_000, 'ready within 5 s of the stop');
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(ready).toMatchObject({ partial: false, parts: 1, language: 'pl', backend: 'builtin', eventId: event.id });
    expect((await list()).recordings).toHaveLength(1);

    const response = await fetch(`${server.url}/api/v1${ready.videoUrl}`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(response.status).toBe(200);
    const file = join(dir, 'recording.mp4');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const facts = await probeFile(file);
    expect(facts).toMatchObject({ video: 'h264', audio: 'aac' });
    expect(isFastStart(file)).toBe(true);
    // 20 s less the 4 s of private mode (and the margins around it).
    expect(facts.durationMs).toBeGreaterThan(14_500);
    expect(facts.durationMs).toBeLessThan(17_500);

    // Each beep is heard a fixed time after it was made (network, the recorder's playout
    // delay): measured here as the median lag behind the mark that precedes it.
    const kept = ready.kept;
    const beeps = await beepOnsets(file);
    const heard = beeps.map((ms) => wallTimeOf(ms, kept)!);
    const lags = heard.map((w) => w - marksBetween(w - 2500, w).at(-1)!).sort((a, b) => a - b);
    const lag = lags[Math.floor(lags.length / 2)]!;
    console.log(`beeps heard ${lags.map(Math.round).join(', ')} ms after their marks`);
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(2500);
    // Nothing made in private mode is in the file.
    for (const w of heard) expect(w - lag < privateFrom || w - lag > privateTo).toBe(true);
    // Every mark heard inside a kept span (clear of its edges, and of the first seconds while the sound subscription starts) is in it.
    const expected = kept.flatMap((span, i) => marksBetween(span.from + (i === 0 ? 3000 : 300) - lag, span.to - 300 - MARK_LENGTH_MS - lag));
    expect(expected.length).toBeGreaterThanOrEqual(5);
    // Each of them is heard: some beep has it as its mark.
    const markOf = (w: number) => marksBetween(w - 2500, w).at(-1);
    for (const mark of expected) expect(heard.some((w) => markOf(w) === mark), `the beep of the mark at ${mark}`).toBe(true);

    // Picture and sound together (issue 11: flash to beep within ±100 ms): every beep has its
    // flash, the offsets' median is within ±100 ms, and each one within ±100 ms and one frame
    // (the file has 15 pictures a second, so a flash shows on the first frame after it began,
    // up to 67 ms later; with two speakers the nearest flash may be the other's).
    const flashes = await flashOnsets(file);
    const offsets = beeps.map((b) => flashes.reduce((best, f) => (Math.abs(f - b) < Math.abs(best) ? f - b : best), Infinity)).filter((o) => Math.abs(o) < 1000);
    console.log(`flash − beep offsets (ms): ${offsets.map((o) => Math.round(o)).join(', ')}`);
    expect(offsets.length).toBeGreaterThanOrEqual(expected.length - 1);
    const sorted = [...offsets].sort((a, b) => a - b);
    expect(Math.abs(sorted[Math.floor(sorted.length / 2)]!)).toBeLessThanOrEqual(100);
    for (const offset of offsets) expect(Math.abs(offset)).toBeLessThanOrEqual(100 + 1000 / 15);
  }, 240_000);
});

export type { RecordingOut };
