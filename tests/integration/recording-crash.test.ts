import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispose } from '@livekit/rtc-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { RecordingListOut, RecordingOut } from '../../shared/recording-schemas.ts';
import { isFastStart, probeFile } from '../../server/recording/mp4-tools.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { MarkPublisher } from '../support/av-publisher.ts';
import { canRunChromium } from '../support/chromium.ts';
import { settleWithin } from '../support/deadline.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';
import { startLocalLiveKit, type LocalLiveKit } from '../../server/media/local-livekit.ts';
import { createLogger } from '../../server/logger.ts';
import { mkdirSync } from 'node:fs';

/**
 * A crash mid-recording (ROOM-13): the server process is SIGKILLed 10 s into a recording
 * and started again on the same data. What was recorded is a playable partial file at
 * once; the host comes back, REC is still on, a second part is recorded, and the stop
 * joins both into one MP4.
 */

const dir = mkdtempSync(join(tmpdir(), 'rec-crash-'));
const dataDir = join(dir, 'data');
mkdirSync(join(dir, 'livekit'), { recursive: true });
let server: ChildProcess | undefined;
let liveKit: LocalLiveKit | undefined;
const rooms: RoomParticipant[] = [];
let publisher: MarkPublisher | undefined;

afterAll(async () => {
  await publisher?.leave();
  for (const room of rooms) await room.leave();
  await settleWithin(dispose(), 5_000);
  if (server) await kill(server, 'SIGTERM');
  await liveKit?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function download(base: string, apiKey: string, recording: RecordingOut, name: string): Promise<string> {
  const response = await fetch(`${base}/api/v1${recording.videoUrl}`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.status).toBe(200);
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

/** The server listens before its LiveKit is up; media credentials come once it is. */
async function mediaReady(base: string): Promise<void> {
  let last = '';
  await eventually(async () => {
    const media = ((await (await fetch(`${base}/api/v1/health`)).json()) as { media: { state: string; reason?: string } }).media;
    last = `${media.state} ${media.reason ?? ''}`;
    return media.state === 'ready';
  }, 60_000, 'LiveKit ready').catch((error: Error) => {
    throw new Error(`${error.message} (${last})`);
  });
}

describe('a server crash during a recording', () => {
  it('keeps a playable partial file of the first 10 s and, with REC still on, ends as one MP4 covering both parts', async () => {
    if (!canRunChromium()) throw new Error('Chromium or the built client is missing: install chromium and run `npm run build`.');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // LiveKit runs beside the server, as a deployment's would: the crash is the server's alone.
    liveKit = await startLocalLiveKit({ root: join(import.meta.dirname, '..', '..'), dataDir: join(dir, 'livekit'), port: 0, rtcPort: 0, webhookUrl: `${base}/api/v1/webhooks/livekit`, logger: createLogger('warn') });
    const env = { LIVEKIT_URL: `ws://127.0.0.1:${liveKit.port}`, LIVEKIT_API_KEY: liveKit.apiKey, LIVEKIT_API_SECRET: liveKit.apiSecret, RECORDER_PRESET: 'ultrafast' };
    server = await startServerProcess(port, dataDir, env);
    await mediaReady(base);
    const { api } = await newOrganizer(base);
    const event = await createEvent(api, { name: 'Crashing webinar' });
    const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
    const host = await hostStarts(base, hostJoin);
    rooms.push(host);
    publisher = await MarkPublisher.connect(hostJoin.media);
    await publisher.publishMicrophone();
    const list = () => api.ok<RecordingListOut>('GET', '/recordings');

    host.send('set-recording', { on: true });
    await eventually(() => host.room.state.recording === 'recording', 90_000, 'the REC light');
    const t0 = (await eventually(async () => (await list()).recordings[0]?.kept[0], 20_000, 'the first kept span')).from;
    await eventually(() => Date.now() >= t0 + 10_000, 30_000, 'ten seconds of recording');
    await kill(server, 'SIGKILL');

    server = await startServerProcess(port, dataDir, env);
    let log = '';
    for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
    await mediaReady(base).catch((e: Error) => {
      throw new Error(`${e.message}\n${log}`);
    });
    // What the first process recorded is in the library at once, playable, marked partial.
    const partial = await eventually(async () => (await list()).recordings.find((r) => r.partial && r.state === 'ready'), 30_000, 'the partial recording');
    expect(partial.parts).toBe(1);
    const first = await probeFile(await download(base, api.apiKey!, partial, 'partial.mp4'));
    expect(first).toMatchObject({ video: 'h264', audio: 'aac' });
    expect(first.durationMs).toBeGreaterThan(8_000);
    expect(first.durationMs).toBeLessThan(13_000);

    // The host comes back: the room is live again with REC on, so a second part starts.
    const again = await RoomParticipant.enter(base, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
    rooms.push(again);
    await eventually(() => again.room.state.recording === 'recording', 90_000, 'the REC light after the restart');
    const resumed = await eventually(async () => (await list()).recordings.find((r) => r.parts === 2 && r.kept.length >= 2 && r.kept.at(-1)!.to - r.kept.at(-1)!.from >= 4_000), 60_000, 'four seconds of the second part');
    expect(resumed.state).toBe('recording');
    again.send('set-recording', { on: false });
    const final = await eventually(async () => (await list()).recordings.find((r) => r.state === 'ready' && !r.partial), 30_000, 'the final recording');
    expect((await list()).recordings).toHaveLength(1);
    expect(final.parts).toBe(2);
    const file = await download(base, api.apiKey!, final, 'final.mp4');
    const joined = await probeFile(file);
    expect(joined).toMatchObject({ video: 'h264', audio: 'aac' });
    expect(isFastStart(file)).toBe(true);
    // Both parts, one after the other, in one file.
    expect(joined.durationMs).toBeGreaterThan(first.durationMs + 3_500);
  }, 300_000);
});
