import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { RoomConnection } from '../../shared/room-connection.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('the waiting room (ROOM-2, EV-7)', () => {
  it('holds attendees before the start with the event’s name, time, agenda and message, and nothing of the room', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'password', password: 'pw', agenda: '10:00 Welcome\n10:15 Demo', waitingMessage: 'We start at ten sharp.' });
    const hostJoin = await api.ok<any>('POST', `/events/${event.id}/join`, {});
    expect(hostJoin.room.name).toBe('live_event');
    const host = await RoomParticipant.enter(server.url, hostJoin);
    // Presenters may enter before the start to prepare.
    const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
    const presenterJoin = await joinEvent(server.url, event.id, { name: 'Pia', presenterKey });
    expect(presenterJoin.room.name).toBe('live_event');
    const presenter = await RoomParticipant.enter(server.url, presenterJoin);

    const attendeeJoin = await joinEvent(server.url, event.id, { name: 'Waiting Wanda', password: 'pw' });
    expect(attendeeJoin.room.name).toBe('waiting_room');
    const waiting = await RoomParticipant.enter(server.url, attendeeJoin);
    await eventually(() => waiting.room.state.eventName, 10_000, 'waiting room state');
    expect(waiting.room.state.toJSON()).toEqual({
      eventName: 'Quarterly product webinar',
      startsAt: '2026-12-01T09:00:00.000Z',
      timeZone: 'Europe/Warsaw',
      agenda: '10:00 Welcome\n10:15 Demo',
      message: 'We start at ten sharp.',
      status: 'waiting',
    });

    // The live room refuses an attendee before the start, even with a valid ticket.
    await expect(new Client(server.url).joinOrCreate('live_event', { eventId: event.id, ticket: attendeeJoin.ticket }, LiveRoomState)).rejects.toThrow(/not started/);

    host.send('chat', { text: 'Staff only: check the slides' });
    await eventually(() => presenter.chat.length === 1, 10_000, 'presenter got the line');
    // Messages sent to a waiting client are nothing of the room.
    expect([...waiting.received.keys()]).toEqual([]);

    host.send('start-event', {});
    const admitted = await eventually(() => waiting.last<{ ticket: string; room: { name: string; eventId: number } }>('admitted'), 10_000, 'admitted');
    expect(admitted.room).toEqual({ name: 'live_event', eventId: event.id });
    expect(admitted.ticket).not.toBe(attendeeJoin.ticket);
    const inside = await RoomParticipant.enterLive(server.url, event.id, admitted.ticket);
    const history = await eventually(() => inside.history, 10_000, 'chat history inside');
    expect(history.map((l) => l.text)).toEqual(['Staff only: check the slides']);
    for (const p of [inside, waiting, presenter, host]) await p.leave();
  });

  it('moves everyone who waits into the room at once when the host starts (RoomConnection)', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const crowd = await Promise.all(['A', 'B', 'C'].map(async (name) => new RoomConnection(server.url, await new ApiClient(server.url).ok('POST', `/events/${event.id}/join`, { name })).connect()));
    expect(crowd.map((c) => c.status)).toEqual(['waiting', 'waiting', 'waiting']);
    const host = await RoomParticipant.enter(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    host.send('start-event', {});
    await eventually(() => crowd.every((c) => c.status === 'live'), 15_000, 'all three inside');
    await eventually(() => host.room.state.attendeesOnline === 3, 10_000, 'three attendees online');
    for (const c of crowd) await c.leave();
    await host.leave();
  });

  it('after the end, attendees are refused and those waiting are told, with the thank-you URL', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { thankYouUrl: 'https://example.com/thanks' });
    const host = await RoomParticipant.enter(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    host.send('start-event', {});
    await eventually(() => host.room.state.status === 'live', 10_000, 'live');
    const inside = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: 'Guest' }));
    host.send('end-event', {});
    const ended = await eventually(() => inside.last<{ thankYouUrl: string }>('ended'), 10_000, 'ended message');
    expect(ended.thankYouUrl).toBe('https://example.com/thanks');
    const late = await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('event-ended');
    // The host may still come back, e.g. to look at the chat.
    expect((await api.request('POST', `/events/${event.id}/join`, {})).status).toBe(200);
  });
});
