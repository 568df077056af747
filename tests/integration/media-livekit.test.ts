import { createHash } from 'node:crypto';
import { matchMaker } from '@colyseus/core';
import { dispose } from '@livekit/rtc-node';
import { AccessToken, TrackSource as LiveKitSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { AdmittedMessage } from '../../shared/room-messages.ts';
import type { EventOut } from '../../shared/event-schemas.ts';
import { createEvent, joinEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { MediaPeer, startMediaTestServer, verifyMediaToken } from '../support/media.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { settleWithin } from '../support/deadline.ts';

/**
 * Audio and video against the real LiveKit server (built by scripts/install-livekit.sh),
 * with @livekit/rtc-node participants that connect with the credentials our server hands
 * out. LiveKit itself enforces what our grants say: a publication it does not allow is
 * never answered (the SDK gives up after 10 s).
 */

let server: Awaited<ReturnType<typeof startMediaTestServer>>;
let api: ApiClient;
let event: EventOut;
let room: string;
const joins: Record<string, JoinOut> = {};
const rooms: Record<string, RoomParticipant> = {};
const peers: Record<string, MediaPeer> = {};

const presenterKey = (e: EventOut) => new URL(e.presenterUrl).hash.replace('#presenter=', '');
const id = (who: string) => joins[who]!.participant.id;
const state = () => rooms.host!.room.state;

async function enter(who: string, join: JoinOut): Promise<void> {
  joins[who] = join;
  rooms[who] ??= await RoomParticipant.enter(server.url, join);
  peers[who] = await MediaPeer.connect(join.media);
}

/** The participant's permission as LiveKit holds it now. */
async function sources(who: string): Promise<LiveKitSource[]> {
  return (await server.liveKit.rooms.getParticipant(room, id(who))).permission?.canPublishSources ?? [];
}

async function setMode(mode: string): Promise<void> {
  rooms.host!.send('set-mode', { mode });
  await eventually(() => state().mode === mode, 10_000, `mode ${mode}`);
}

async function takeCamera(who: string): Promise<void> {
  const before = rooms[who]!.received.get('camera-slot')?.length ?? 0;
  rooms[who]!.send('camera', { on: true });
  await eventually(() => (rooms[who]!.received.get('camera-slot')?.slice(before) as { granted: boolean }[] | undefined)?.some((m) => m.granted), 15_000, `a camera slot for ${who}`);
}

beforeAll(async () => {
  server = await startMediaTestServer();
  api = (await newOrganizer(server.url)).api;
  event = await createEvent(api, { name: 'Media webinar' });
  const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
  rooms.host = await hostStarts(server.url, hostJoin);
  await enter('host', hostJoin);
  await enter('presenter', await joinEvent(server.url, event.id, { name: 'Piotr Presenter', presenterKey: presenterKey(event) }));
  await enter('alice', await joinEvent(server.url, event.id, { name: 'Alice', email: 'alice@example.com' }));
  room = verifyMediaToken(joins.alice!.media!.token, server.liveKit.apiSecret).video.room as string;
}, 120_000);

afterAll(async () => {
  // Every step is bounded (peers 5 s, room sockets 2 s, the native SDK 5 s): a goodbye nobody answers cannot hang the hook.
  await Promise.all(Object.values(peers).map((peer) => peer.leave()));
  // The removed participant's socket is closed already.
  await Promise.all(Object.entries(rooms).filter(([who]) => who !== 'carol').map(([, participant]) => participant.leave()));
  await settleWithin(dispose(), 5_000);
  // Stops LiveKit by its process group id (SIGTERM, then SIGKILL after 5 s).
  await server?.cleanup();
}, 60_000);

describe('LiveKit access from the room rules', () => {
  it('the join answer carries a short-lived token whose grant follows role and mode; the waiting room gets none', async () => {
    const attendee = verifyMediaToken(joins.alice!.media!.token, server.liveKit.apiSecret);
    expect(attendee.sub).toBe(id('alice'));
    expect(attendee.name).toBe('Alice');
    expect(attendee.video).toMatchObject({ room, roomJoin: true, canPublish: false, canPublishSources: [], canSubscribe: true, canPublishData: false });
    expect(attendee.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600);
    const presenter = verifyMediaToken(joins.presenter!.media!.token, server.liveKit.apiSecret);
    // No camera in any token: a camera needs a slot from the room (ROOM-5).
    expect(presenter.video).toMatchObject({ canPublish: true, canPublishSources: ['microphone', 'screen_share', 'screen_share_audio'], canSubscribe: true });
    expect(joins.alice!.media!.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    // Another organizer's event (a trial account runs one event at a time).
    const other = (await newOrganizer(server.url, 'Otto Organizer')).api;
    const later = await createEvent(other, { name: 'Not started yet' });
    const waiting = await joinEvent(server.url, later.id, { name: 'Early Eve' });
    expect(waiting.room.name).toBe('waiting_room');
    expect(waiting.media).toBeNull();

    // The media credentials come with the admission when the host starts.
    const eve = await RoomParticipant.enter(server.url, waiting);
    const laterHost = await hostStarts(server.url, await other.ok<JoinOut>('POST', `/events/${later.id}/join`, {}));
    const admitted = await eventually(() => eve.last<AdmittedMessage>('admitted'), 15_000, 'the admission');
    const token = verifyMediaToken(admitted.media!.token, server.liveKit.apiSecret);
    expect(token.sub).toBe(waiting.participant.id);
    expect(token.video).toMatchObject({ canPublish: false, canPublishSources: [], canSubscribe: true });
    expect(token.video.room).toMatch(/^event-/);
    expect(token.video.room).not.toBe(room);
    await eve.leave();
    await laterHost.leave();
  });

  it('in presentation mode an attendee cannot publish and a presenter can; the room learns it from the webhook', async () => {
    const [presenter, attendee] = await Promise.all([peers.presenter!.publish('microphone'), peers.alice!.publish('microphone')]);
    expect(presenter).toBe('published');
    expect(attendee).toBe('refused');
    await eventually(() => peers.alice!.tracksFrom(id('presenter')).includes(LiveKitSource.MICROPHONE as number), 15_000, 'the attendee hears the presenter');
    await eventually(() => state().media.publishers.get(id('presenter'))?.microphone, 15_000, 'the track_published webhook in the room state');
    expect(state().media.publishers.has(id('alice'))).toBe(false);
    expect(state().media.available).toBe(true);
  }, 60_000);

  it('after switching to discussion the attendee can publish, and the other presenters are muted', async () => {
    await setMode('discussion');
    await eventually(async () => (await sources('alice')).includes(LiveKitSource.MICROPHONE), 15_000, 'the attendee allowed to speak');
    expect(await peers.alice!.publish('microphone')).toBe('published');
    // ROOM-3: the mode change turned the other presenter's microphone off.
    const presenterMic = async () => (await server.liveKit.rooms.getParticipant(room, id('presenter'))).tracks.find((t) => t.source === LiveKitSource.MICROPHONE);
    await eventually(async () => (await presenterMic())?.muted, 15_000, 'the presenter muted');
  }, 60_000);

  it('in private mode the attendee receives no presenter video while the host still does', async () => {
    await takeCamera('presenter');
    expect(await peers.presenter!.publish('camera')).toBe('published');
    // "Nothing arrives" is judged against something that does: while the host receives 10
    // more frames from the presenter (a few seconds of video, however busy the machine), the
    // watcher must receive none.
    const framesWhileHostGets10 = async (watcher: MediaPeer) => {
      const watcherBefore = watcher.framesFrom(id('presenter'));
      const hostBefore = peers.host!.framesFrom(id('presenter'));
      await eventually(() => peers.host!.framesFrom(id('presenter')) >= hostBefore + 10, 20_000, 'ten more frames at the host');
      return watcher.framesFrom(id('presenter')) - watcherBefore;
    };
    await eventually(() => peers.alice!.framesFrom(id('presenter')) > 0, 20_000, 'the attendee sees the presenter');

    await setMode('private');
    await eventually(async () => !(await server.liveKit.rooms.getParticipant(room, id('alice'))).permission?.canSubscribe, 15_000, 'her subscription revoked');
    // Frames already on their way when the permission changed may still land during a first window; none in the next.
    await framesWhileHostGets10(peers.alice!);
    expect(await framesWhileHostGets10(peers.alice!)).toBe(0);
    // The attendee may not speak either: LiveKit dropped her microphone.
    await eventually(async () => (await server.liveKit.rooms.getParticipant(room, id('alice'))).tracks.length === 0, 15_000, 'her track removed');
    await eventually(() => peers.host!.tracksFrom(id('presenter')).includes(LiveKitSource.MICROPHONE as number), 15_000, 'the host hears the presenter');

    const bobJoin = await joinEvent(server.url, event.id, { name: 'Bob' });
    expect(verifyMediaToken(bobJoin.media!.token, server.liveKit.apiSecret).video).toMatchObject({ canSubscribe: false, canPublish: false });
    await enter('bob', bobJoin);
    expect(await framesWhileHostGets10(peers.bob!)).toBe(0);
    expect(peers.bob!.subscribed.size).toBe(0);
  }, 90_000);
});

describe('camera slots (ROOM-5)', () => {
  it('a fifth camera is refused by the room and by LiveKit itself; a freed slot can be taken', async () => {
    await setMode('discussion');
    await enter('carol', await joinEvent(server.url, event.id, { name: 'Carol' }));
    // The presenter's camera is on since the private-mode test.
    const four = ['host', 'presenter', 'alice', 'bob'];
    for (const who of four) await takeCamera(who);
    const published = await Promise.all(four.map((who) => peers[who]!.publish('camera')));
    expect(published).toEqual(['published', 'published', 'published', 'published']);
    await eventually(() => state().media.camerasOn === 4, 10_000, 'four cameras on');
    expect(state().media.maxCameras).toBe(4);

    const before = rooms.carol!.errors.length;
    rooms.carol!.send('camera', { on: true });
    expect((await rooms.carol!.nextError(before)).code).toBe('stream-limit');
    // A modified client that publishes anyway: LiveKit has no camera in her permission.
    expect(await peers.carol!.publish('camera')).toBe('refused');
    expect(await sources('carol')).not.toContain(LiveKitSource.CAMERA);

    // Bob turns his camera off: the slot is free again.
    await peers.bob!.unpublish('camera');
    rooms.bob!.send('camera', { on: false });
    await eventually(() => state().media.camerasOn === 3, 15_000, 'a slot freed');
    await eventually(async () => !(await sources('bob')).includes(LiveKitSource.CAMERA), 15_000, 'camera permission taken back');
    await takeCamera('carol');
    expect(await peers.carol!.publish('camera')).toBe('published');
    await eventually(() => state().media.publishers.get(id('carol'))?.camera, 15_000, 'her camera in the room state');
  }, 90_000);

  it('taking the microphone and camera back from an attendee drops her tracks and her slot (ROOM-4)', async () => {
    await setMode('presentation');
    // Presentation mode: attendees' cameras went with the mode, hosts' and presenters' stayed.
    await eventually(() => state().media.camerasOn === 2, 15_000, 'attendee cameras released');
    rooms.host!.send('grant-media', { participantId: id('alice'), granted: true });
    await eventually(async () => (await sources('alice')).includes(LiveKitSource.MICROPHONE), 15_000, 'alice granted');
    expect(await peers.alice!.publish('microphone')).toBe('published');
    rooms.host!.send('grant-media', { participantId: id('alice'), granted: false });
    await eventually(async () => (await server.liveKit.rooms.getParticipant(room, id('alice'))).tracks.length === 0, 15_000, 'her microphone removed');
  }, 60_000);

  it('promoting an attendee to presenter gives her the presenter\'s permission, and demoting takes it away', async () => {
    rooms.host!.send('set-role', { participantId: id('bob'), role: 'presenter' });
    await eventually(async () => (await sources('bob')).includes(LiveKitSource.SCREEN_SHARE), 15_000, 'bob may share a screen');
    rooms.host!.send('set-role', { participantId: id('bob'), role: 'attendee' });
    await eventually(async () => (await sources('bob')).length === 0, 15_000, 'bob back to listening');
  }, 40_000);

  it('a removed participant is taken out of the LiveKit room', async () => {
    rooms.host!.send('remove-participant', { participantId: id('carol') });
    await eventually(() => peers.carol!.disconnected, 15_000, 'carol disconnected from LiveKit');
    const identities = (await server.liveKit.rooms.listParticipants(room)).map((p) => p.identity);
    expect(identities).not.toContain(id('carol'));
  }, 30_000);
});

describe('LiveKit webhooks', () => {
  const post = (body: string, authorization?: string) =>
    fetch(`${server.url}/api/v1/webhooks/livekit`, { method: 'POST', headers: { 'content-type': 'application/webhook+json', ...(authorization && { authorization }) }, body });
  const sign = async (body: string, secret: string, apiKey = server.liveKit.apiKey) => {
    const token = new AccessToken(apiKey, secret);
    token.sha256 = createHash('sha256').update(body).digest('base64');
    return token.toJwt();
  };

  it('refuses unsigned and forged calls, which change nothing; accepts a signed one', async () => {
    // Webhooks of earlier tests (the removal) may still be on their way: let them land first.
    const inLiveKit = (await server.liveKit.rooms.listParticipants(room)).length;
    await eventually(() => state().media.connected === inLiveKit, 15_000, 'the room state to settle');
    const connected = state().media.connected;
    const forged = JSON.stringify({ event: 'participant_left', room: { name: room }, participant: { identity: id('presenter') }, id: 'EV_forged', createdAt: '1' });
    expect((await post(forged)).status).toBe(401);
    expect((await post(forged, await sign(forged, 'a-secret-that-is-not-ours-at-all-0123456789'))).status).toBe(401);
    // A genuine signature over other bytes does not cover these.
    expect((await post(forged, await sign('{"event":"room_started"}', server.liveKit.apiSecret))).status).toBe(401);
    expect((await post(forged, 'Bearer nonsense')).status).toBe(401);
    // The server's own state (same process), not a client's copy that a patch may not have reached yet.
    const serverState = (matchMaker.getLocalRoomById(rooms.host!.room.roomId) as unknown as { state: ReturnType<typeof state> }).state;
    expect(serverState.media.connected).toBe(connected);
    expect(serverState.media.publishers.get(id('presenter'))?.camera).toBe(true);

    const genuine = JSON.stringify({ event: 'room_started', room: { name: room }, id: 'EV_genuine', createdAt: '1' });
    expect((await post(genuine, await sign(genuine, server.liveKit.apiSecret))).status).toBe(204);
  });
});
