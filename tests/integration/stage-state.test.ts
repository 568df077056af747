import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { WaitingEntry, YouMessage } from '../../shared/room-messages.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * The stage as room state (issue 9): who waits, told to the staff only; the main view
 * the presenters choose, kept with the room and seen by late joiners; Q&A open from
 * the start; and giving an attendee the floor lowers her hand.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;
const everyone: RoomParticipant[] = [];

async function enter(join: JoinOut): Promise<RoomParticipant> {
  const p = await RoomParticipant.enter(server.url, join);
  everyone.push(p);
  return p;
}

async function refused(p: RoomParticipant, type: string, message: unknown): Promise<string> {
  const before = p.errors.length;
  p.send(type, message);
  return (await p.nextError(before)).code;
}

beforeAll(async () => {
  server = await startTestServer();
  api = (await newOrganizer(server.url)).api;
});
afterAll(async () => {
  for (const p of everyone) await p.leave().catch(() => undefined);
  await server.cleanup();
});

describe('the stage as room state', () => {
  it('the host sees who waits, by name and since when, live; attendees never get the list', async () => {
    const eventId = (await createEvent(api)).id;
    const host = await enter(await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    const ada = await enter(await joinEvent(server.url, eventId, { name: 'Ada' }));
    const ben = await enter(await joinEvent(server.url, eventId, { name: 'Ben' }));
    const list = await eventually(() => {
      const last = host.last<WaitingEntry[]>('waiting-list');
      return last?.length === 2 ? last : undefined;
    }, 10_000, 'two waiting');
    expect(list.map((e) => e.name)).toEqual(['Ada', 'Ben']);
    for (const entry of list) expect(Number.isNaN(Date.parse(entry.since))).toBe(false);
    await ben.leave();
    await eventually(() => host.last<WaitingEntry[]>('waiting-list')?.length === 1, 10_000, 'one waiting');
    expect(ada.received.get('waiting-list')).toBeUndefined();

    // A second staff connection gets the list as it enters.
    const again = await enter(await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    const first = await eventually(() => again.last<WaitingEntry[]>('waiting-list'), 10_000, 'list on entry');
    expect(first.map((e) => e.name)).toEqual(['Ada']);
  });

  it('the presenters choose the main view for everyone; it is stored, and a late joiner sees it', async () => {
    const eventId = (await createEvent(api)).id;
    const host = await enter(await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    host.send('start-event', {});
    await eventually(() => host.room.state.status === 'live', 10_000, 'live');
    expect(host.room.state.mainView).toBe('video');
    // Q&A is open unless the host closes it.
    expect(host.room.state.qaOpen).toBe(true);

    const ada = await enter(await joinEvent(server.url, eventId, { name: 'Ada' }));
    expect(await refused(ada, 'set-main-view', { view: 'whiteboard' })).toBe('not-allowed');
    expect(await refused(host, 'set-main-view', { view: 'screen' })).toBe('no-screen-shared');
    expect(await refused(host, 'set-main-view', { view: 'slides' })).toBe('no-presentation');
    expect(await refused(host, 'set-main-view', { view: 'cinema' })).toBe('invalid-message');
    host.send('set-main-view', { view: 'whiteboard' });
    await eventually(() => ada.room.state.mainView === 'whiteboard', 10_000, 'whiteboard for Ada');
    const late = await enter(await joinEvent(server.url, eventId, { name: 'Lara' }));
    await eventually(() => late.room.state.mainView === 'whiteboard', 10_000, 'whiteboard for the late joiner');

    // Everyone leaves, the room closes; opened again from the database, it still shows the whiteboard.
    for (const p of [host, ada, late]) await p.leave();
    const back = await enter(await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    await eventually(() => back.room.state.status === 'live', 10_000, 'live again');
    expect(back.room.state.mainView).toBe('whiteboard');
    // The plan runs one event at a time.
    back.send('end-event', {});
    await eventually(() => back.room.state.status === 'ended', 10_000, 'ended');
  });

  it('giving an attendee the floor lowers her hand', async () => {
    const eventId = (await createEvent(api)).id;
    const host = await enter(await api.ok<JoinOut>('POST', `/events/${eventId}/join`, {}));
    host.send('start-event', {});
    await eventually(() => host.room.state.status === 'live', 10_000, 'live');
    const ada = await enter(await joinEvent(server.url, eventId, { name: 'Ada' }));
    ada.send('hand', { raised: true });
    await eventually(() => host.room.state.handsRaised === 1, 10_000, 'hand up');
    host.send('grant-media', { participantId: ada.you!.participantId, granted: true });
    const you = await eventually(() => {
      const last = ada.last<YouMessage>('you');
      return last?.mediaGranted ? last : undefined;
    }, 10_000, 'floor given');
    expect(you.handRaised).toBe(false);
    await eventually(() => host.room.state.handsRaised === 0, 10_000, 'hand down');
    host.send('end-event', {});
  });
});
