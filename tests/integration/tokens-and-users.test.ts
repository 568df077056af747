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

describe('token access (EV-3)', () => {
  it('admits with a personal token, refuses a reused single-use token and a token of another event', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'token' });
    const other = await createEvent(api, { accessType: 'token', name: 'Other' });
    const { tokens } = await api.ok<{ tokens: { token: string; joinUrl: string; singleUse: boolean }[] }>('POST', `/events/${event.id}/tokens`, { count: 3, singleUse: true, label: 'VIP' });
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(3);
    expect(tokens[0]!.token.length).toBeGreaterThanOrEqual(22); // 128 bits in base64url
    expect(tokens[0]!.joinUrl).toBe(`${event.roomUrl}#token=${tokens[0]!.token}`);

    const anonymous = new ApiClient(server.url);
    expect((await anonymous.request('POST', `/events/${event.id}/join`, { name: 'No token' })).body.code).toBe('token-required');
    expect((await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Wrong', token: 'made-up-token' })).body.code).toBe('invalid-token');
    expect((await anonymous.request('POST', `/events/${other.id}/join`, { name: 'Elsewhere', token: tokens[0]!.token })).body.code).toBe('invalid-token');

    const joined = await joinEvent(server.url, event.id, { name: 'Tina', token: tokens[0]!.token });
    expect(joined.participant.role).toBe('attendee');
    const reuse = await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Copycat', token: tokens[0]!.token });
    expect(reuse.status).toBe(403);
    expect(reuse.body.code).toBe('token-used');

    const listed = await api.ok<{ tokens: { token: string; usedAt: string | null }[] }>('GET', `/events/${event.id}/tokens`);
    expect(listed.tokens.find((t) => t.token === tokens[0]!.token)?.usedAt).not.toBeNull();
    expect(listed.tokens.filter((t) => t.usedAt === null)).toHaveLength(2);
  });

  it('a reusable token brings the same participant back', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'token' });
    const { tokens } = await api.ok<{ tokens: { token: string }[] }>('POST', `/events/${event.id}/tokens`, { count: 1 });
    const first = await joinEvent(server.url, event.id, { name: 'Rita', token: tokens[0]!.token });
    const again = await joinEvent(server.url, event.id, { name: 'Rita', token: tokens[0]!.token });
    expect(again.participant.id).toBe(first.participant.id);
  });
});

describe('multi-user accounts (ACC-2)', () => {
  it('a second login of the same account sees and manages the same events', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const added = await api.ok<{ email: string }>('POST', '/account/users', { email: 'colleague@example.com', name: 'Colleague', password: 'longenough1' });
    expect(added.email).toBe('colleague@example.com');
    const users = await api.ok<{ users: unknown[] }>('GET', '/account/users');
    expect(users.users).toHaveLength(2);

    const colleague = new ApiClient(server.url);
    const session = await colleague.ok<{ account: { limits: { maxAttendees: number; maxPresenters: number } } }>('POST', '/auth/login', { email: 'colleague@example.com', password: 'longenough1' });
    expect(session.account.limits).toMatchObject({ maxAttendees: 25, maxPresenters: 2 });
    const list = await colleague.ok<{ events: { id: number }[] }>('GET', '/events');
    expect(list.events.map((e) => e.id)).toEqual([event.id]);
    const renamed = await colleague.ok<{ name: string }>('PATCH', `/events/${event.id}`, { name: 'Renamed by colleague' });
    expect(renamed.name).toBe('Renamed by colleague');
    const host = await colleague.ok<{ participant: { role: string; name: string } }>('POST', `/events/${event.id}/join`, {});
    expect(host.participant).toMatchObject({ role: 'host', name: 'Colleague' });
  });
});

describe('events CRUD', () => {
  it('creates, lists, reschedules and deletes an event', async () => {
    const { api } = await newOrganizer(server.url);
    const created = await createEvent(api, { kind: 'meeting', durationMinutes: 45, description: 'Agenda: intro' });
    expect(created).toMatchObject({ kind: 'meeting', durationMinutes: 45, accessType: 'public', timeZone: 'Europe/Warsaw', startsAt: '2026-12-01T09:00:00.000Z' });
    const moved = await api.ok<{ startsAt: string; timeZone: string }>('PATCH', `/events/${created.id}`, { startsAt: '2026-12-02T15:30:00-05:00', timeZone: 'America/New_York' });
    expect(moved).toMatchObject({ startsAt: '2026-12-02T20:30:00.000Z', timeZone: 'America/New_York' });
    const locked = await api.ok<{ accessType: string }>('PATCH', `/events/${created.id}`, { accessType: 'password', password: 'new' });
    expect(locked.accessType).toBe('password');
    expect((await new ApiClient(server.url).request('POST', `/events/${created.id}/join`, { name: 'X', password: 'new' })).status).toBe(200);
    expect((await api.request('DELETE', `/events/${created.id}`)).status).toBe(204);
    expect((await api.request('GET', `/events/${created.id}`)).status).toBe(404);
  });

  it('runs one event at a time on the trial (EV-12)', async () => {
    const { api } = await newOrganizer(server.url);
    const first = await createEvent(api, { name: 'First' });
    const second = await createEvent(api, { name: 'Second' });
    const hostOfFirst = await hostStarts(server.url, await api.ok('POST', `/events/${first.id}/join`, {}));
    const hostOfSecond = await RoomParticipant.enter(server.url, await api.ok('POST', `/events/${second.id}/join`, {}));
    hostOfSecond.send('start-event', {});
    const refusal = await hostOfSecond.nextError();
    expect(refusal.code).toBe('parallel-limit');
    expect(hostOfSecond.room.state.status).toBe('waiting');
    // Attendees of the second event are still welcome in its waiting room.
    expect((await new ApiClient(server.url).ok<any>('POST', `/events/${second.id}/join`, { name: 'Early bird' })).room.name).toBe('waiting_room');
    hostOfFirst.send('end-event', {});
    await eventually(() => hostOfFirst.room.state.status === 'ended', 10_000, 'first event ended');
    hostOfSecond.send('start-event', {});
    await eventually(() => hostOfSecond.room.state.status === 'live', 10_000, 'second event live');
    await hostOfSecond.leave();
  });
});
