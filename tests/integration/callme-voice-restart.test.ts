import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispose } from '@livekit/rtc-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallStateMessage, PresenceMessage, RingMessage } from '../../shared/callme-room.ts';
import type { ConsultantOut, PackageOut } from '../../shared/callme-schemas.ts';
import type { MediaCredentials } from '../../shared/media-schemas.ts';
import { startLocalLiveKit, type LocalLiveKit } from '../../server/media/local-livekit.ts';
import { createLogger } from '../../server/logger.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { settleWithin } from '../support/deadline.ts';
import { MediaPeer, verifyMediaToken } from '../support/media.ts';
import { eventually } from '../support/room-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';

/**
 * A visitor's voice call across a killed and restarted server (CALL-5). LiveKit runs
 * beside the server, as a deployment's would, so the audio room outlives the crash:
 * when both come back, the call comes back (same call, a fresh link to the same audio
 * room, both still in it, the consultant still Busy). When the consultant does not come
 * back, the visitor is told the call was cut off and the consultant is Available again.
 */

const dir = mkdtempSync(join(tmpdir(), 'callme-voice-crash-'));
const dataDir = join(dir, 'data');
mkdirSync(join(dir, 'livekit'), { recursive: true });
const password = 'consultant password';
let child: ChildProcess | undefined;
let liveKit: LocalLiveKit | undefined;
const people: CallmeParticipant[] = [];
const peers: MediaPeer[] = [];

afterAll(async () => {
  for (const p of people) await p.connection.leave();
  for (const peer of peers) await peer.leave().catch(() => undefined);
  await settleWithin(dispose(), 5_000);
  if (child) await kill(child, 'SIGTERM');
  await liveKit?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const statusOf = (p: CallmeParticipant, name: string) => p.last<PresenceMessage>('presence')?.consultants.find((c) => c.firstName === name)?.status;
const subscribedTo = (peer: MediaPeer, identity: string) => [...peer.subscribed.values()].some((t) => t.identity === identity);

async function mediaReady(base: string): Promise<void> {
  await eventually(async () => ((await (await fetch(`${base}/api/v1/health`)).json()) as { media: { state: string } }).media.state === 'ready' || undefined, 60_000, 'LiveKit ready');
}

async function callAndAnswer(visitor: CallmeParticipant, consultant: CallmeParticipant) {
  visitor.room.send('call', {});
  const ring = await consultant.waitFor<RingMessage>('ring');
  consultant.room.send('answer', { callId: ring.callId });
  const mine = await consultant.waitFor<CallStateMessage>('call', (m) => m.callId === ring.callId && m.state === 'connected');
  const theirs = await visitor.waitFor<CallStateMessage>('call', (m) => m.callId === ring.callId && m.state === 'connected');
  return { callId: ring.callId, mine, theirs };
}

describe('click-to-call voice across a killed and restarted server', () => {
  let base = '';
  let port = 0;
  let api: ApiClient;
  let pkg: PackageOut;
  let env: Record<string, string>;

  async function restart(): Promise<void> {
    await kill(child!, 'SIGKILL');
    child = await startServerProcess(port, dataDir, env);
    await mediaReady(base);
  }

  it('both come back: the same call, still in the same audio room, the consultant still Busy; then Available after the hang-up', async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    liveKit = await startLocalLiveKit({ root: join(import.meta.dirname, '..', '..'), dataDir: join(dir, 'livekit'), port: 0, rtcPort: 0, webhookUrl: `${base}/api/v1/webhooks/livekit`, logger: createLogger('warn') });
    env = { LIVEKIT_URL: `ws://127.0.0.1:${liveKit.port}`, LIVEKIT_API_KEY: liveKit.apiKey, LIVEKIT_API_SECRET: liveKit.apiSecret };
    child = await startServerProcess(port, dataDir, env);
    await mediaReady(base);
    ({ api } = await newOrganizer(base));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    await api.ok('POST', '/callme/consultants', { email: 'kasia@example.com', firstName: 'Kasia', lastName: 'Wrona', password });

    const kasia = await CallmeParticipant.consultant(base, pkg.id, 'kasia@example.com', password);
    const visitor = await CallmeParticipant.visitor(base, pkg.id);
    people.push(kasia, visitor);
    kasia.room.send('status', { status: 'available' });
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor, 'Kasia') === 'available');
    const { callId, mine, theirs } = await callAndAnswer(visitor, kasia);
    const consultantPeer = await MediaPeer.connect(mine.media as MediaCredentials);
    const visitorPeer = await MediaPeer.connect(theirs.media as MediaCredentials);
    peers.push(consultantPeer, visitorPeer);
    await Promise.all([consultantPeer.publish('microphone'), visitorPeer.publish('microphone')]);
    await eventually(() => (subscribedTo(consultantPeer, visitorPeer.identity) && subscribedTo(visitorPeer, consultantPeer.identity)) || undefined, 30_000, 'both hear each other');

    for (const p of [kasia, visitor]) p.clear();
    await restart();
    await Promise.all([kasia, visitor].map((p) => p.waitForStatus('open', 90_000)));

    // The call comes back to both, with links to the same audio room.
    const visitorBack = await visitor.waitFor<CallStateMessage>('call', (m) => m.callId === callId, 30_000);
    const kasiaBack = await kasia.waitFor<CallStateMessage>('call', (m) => m.callId === callId, 30_000);
    expect(visitorBack).toMatchObject({ state: 'connected', consultant: { firstName: 'Kasia' } });
    expect(kasiaBack.state).toBe('connected');
    expect(verifyMediaToken(visitorBack.media!.token, liveKit.apiSecret).video.room).toBe(`callme-${callId}`);
    expect(verifyMediaToken(kasiaBack.media!.token, liveKit.apiSecret).video.room).toBe(`callme-${callId}`);
    // Both are still in it, hearing each other, and the consultant is still Busy.
    expect(consultantPeer.disconnected || visitorPeer.disconnected).toBe(false);
    expect(subscribedTo(consultantPeer, visitorPeer.identity) && subscribedTo(visitorPeer, consultantPeer.identity)).toBe(true);
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor, 'Kasia') === 'busy');

    // The call goes on as before: the visitor hangs up, the consultant is Available again.
    visitor.room.send('hangup', { callId });
    await kasia.waitFor<CallStateMessage>('call', (m) => m.callId === callId && m.state === 'ended');
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor, 'Kasia') === 'available');
    for (const peer of peers.splice(0)) await peer.leave();
    for (const p of people.splice(0)) await p.connection.leave();
  }, 300_000);

  it('the consultant does not come back: the visitor is told the call was cut off, and the consultant is Available again', async () => {
    const kasia = await CallmeParticipant.consultant(base, pkg.id, 'kasia@example.com', password);
    const visitor = await CallmeParticipant.visitor(base, pkg.id);
    people.push(kasia, visitor);
    kasia.room.send('status', { status: 'available' });
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor, 'Kasia') === 'available');
    const { callId } = await callAndAnswer(visitor, kasia);
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor, 'Kasia') === 'busy');

    visitor.clear();
    await kill(child!, 'SIGKILL');
    // The consultant's browser is gone for good (closed while the server was down).
    await kasia.connection.leave();
    child = await startServerProcess(port, dataDir, env);
    await visitor.waitForStatus('open', 90_000);
    // First the call comes back (the consultant may still return)…
    await visitor.waitFor<CallStateMessage>('call', (m) => m.callId === callId && m.state === 'connected', 30_000);
    // …and when the grace is over without them, it ends with a clear reason.
    const ended = await visitor.waitFor<CallStateMessage>('call', (m) => m.callId === callId && m.state === 'ended', 90_000);
    expect(ended.reason).toBe('interrupted');
    const { consultants } = await api.ok<{ consultants: ConsultantOut[] }>('GET', '/callme/consultants');
    expect(consultants.find((c) => c.firstName === 'Kasia')?.status).toBe('available');
    // The visitor may call again at once.
    visitor.room.send('call', {});
    await visitor.waitFor<CallStateMessage>('call', (m) => m.callId !== callId && m.state === 'unanswered');
  }, 300_000);
});
