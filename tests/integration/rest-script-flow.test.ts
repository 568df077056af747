import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('the REST API used as a script would', () => {
  it('signs up, creates an API key and a password webinar, refuses a wrong password and lets two participants chat', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'password', password: 's3cret', kind: 'webinar' });
    expect(event.id).toBeGreaterThanOrEqual(100_000_000);
    expect(event.roomUrl).toMatch(new RegExp(`/room/${event.id}$`));
    // Issue 10: the organizer reads the password back to send it out; the hash never leaves.
    expect(event.password).toBe('s3cret');
    expect(event).not.toHaveProperty('passwordHash');
    expect((await new ApiClient(server.url).request('GET', `/events/${event.id}/entry`)).body).not.toHaveProperty('password');

    const anonymous = new ApiClient(server.url);
    const wrong = await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Eve', password: 'guess' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({ status: 403, code: 'wrong-password', title: 'Wrong password.' });

    const missing = await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Eve' });
    expect(missing.status).toBe(401);
    expect(missing.body.errors[0].field).toBe('password');

    // The organizer, recognised by the API key, enters as host and starts the event.
    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));

    const anna = await joinEvent(server.url, event.id, { name: 'Anna', password: 's3cret' });
    const bartek = await joinEvent(server.url, event.id, { name: 'Bartek', password: 's3cret' });
    expect(anna.participant.role).toBe('attendee');
    expect(new Date(anna.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const a = await RoomParticipant.enter(server.url, anna);
    const b = await RoomParticipant.enter(server.url, bartek);
    expect(a.room.roomId).toBe(b.room.roomId);

    a.send('chat', { text: 'Dzień dobry!' });
    await eventually(() => b.chat.find((l) => l.text === 'Dzień dobry!'), 10_000, 'Anna’s line at Bartek');
    b.send('chat', { text: 'Hello Anna' });
    const line = await eventually(() => a.chat.find((l) => l.text === 'Hello Anna'), 10_000, 'Bartek’s line at Anna');
    expect(line).toMatchObject({ name: 'Bartek', role: 'attendee', participantId: bartek.participant.id });

    // The host sees the roster; attendees see counts only.
    const roster = await eventually(() => (host.roster.size === 3 ? [...host.roster.values()] : undefined), 10_000, 'roster of three');
    expect(roster.map((p) => [p.name, p.role, p.online]).sort()).toEqual([['Anna', 'attendee', true], ['Bartek', 'attendee', true], ['Olga Organizer', 'host', true]]);
    expect(a.received.get('roster')).toBeUndefined();
    await eventually(() => a.room.state.attendeesOnline === 2, 10_000, 'two attendees counted');

    await b.leave();
    await eventually(() => host.roster.get(bartek.participant.id)?.online === false, 10_000, 'Bartek offline');
    await a.leave();
    await host.leave();
  });

  it('lets the organizer join as host with the API key and a presenter with the presenter link', async () => {
    const { api } = await newOrganizer(server.url, 'Helena Host');
    const event = await createEvent(api, { accessType: 'password', password: 'pw' });
    const host = await api.ok<any>('POST', `/events/${event.id}/join`, {});
    expect(host.participant).toMatchObject({ role: 'host', name: 'Helena Host' });

    const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
    const presenter = await joinEvent(server.url, event.id, { name: 'Piotr', presenterKey });
    expect(presenter.participant.role).toBe('presenter');

    const badKey = await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Piotr', presenterKey: 'nope' });
    expect(badKey.status).toBe(403);
    expect(badKey.body.code).toBe('wrong-presenter-key');
  });

  it('reports event not found for an unknown id', async () => {
    const response = await new ApiClient(server.url).request('POST', '/events/123456789/join', { name: 'Nobody' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not-found', title: 'Event not found.' });
    const entry = await new ApiClient(server.url).request('GET', '/events/123456789/entry');
    expect(entry.status).toBe(404);
  });
});
