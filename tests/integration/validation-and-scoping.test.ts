import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let owner: ApiClient;
let stranger: ApiClient;
let eventId: number;

beforeAll(async () => {
  server = await startTestServer();
  owner = (await newOrganizer(server.url)).api;
  stranger = (await newOrganizer(server.url, 'Stranger')).api;
  eventId = (await createEvent(owner)).id;
});
afterAll(async () => {
  await server.cleanup();
});

function expectProblem(result: { status: number; body: any; headers: Headers }, status: number, field?: string) {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toContain('application/problem+json');
  expect(result.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
  if (field) expect(result.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

describe('a bad body on any endpoint is a 400 problem naming the field', () => {
  const cases: [string, string, () => string, unknown, string][] = [
    ['signup without e-mail', 'POST', () => '/auth/signup', { name: 'A', password: 'longenough' }, 'email'],
    ['signup with a short password', 'POST', () => '/auth/signup', { email: 'x@example.com', name: 'A', password: 'short' }, 'password'],
    ['login with a number as e-mail', 'POST', () => '/auth/login', { email: 5, password: 'x' }, 'email'],
    ['API key without a name', 'POST', () => '/api-keys', {}, 'name'],
    ['additional user with bad e-mail', 'POST', () => '/account/users', { email: 'nope', name: 'B', password: 'longenough' }, 'email'],
    ['event with an unknown kind', 'POST', () => '/events', { name: 'X', startsAt: '2026-12-01T10:00:00Z', timeZone: 'UTC', kind: 'party' }, 'kind'],
    ['event with a made-up time zone', 'POST', () => '/events', { name: 'X', startsAt: '2026-12-01T10:00:00Z', timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['event with a date that is not ISO', 'POST', () => '/events', { name: 'X', startsAt: 'next Tuesday', timeZone: 'UTC' }, 'startsAt'],
    ['event with a 2-minute duration', 'POST', () => '/events', { name: 'X', startsAt: '2026-12-01T10:00:00Z', timeZone: 'UTC', durationMinutes: 2 }, 'durationMinutes'],
    ['password event without a password', 'POST', () => '/events', { name: 'X', startsAt: '2026-12-01T10:00:00Z', timeZone: 'UTC', accessType: 'password' }, 'password'],
    ['update with an empty name', 'PATCH', () => `/events/${eventId}`, { name: '' }, 'name'],
    ['switch to password access without a password', 'PATCH', () => `/events/${eventId}`, { accessType: 'password' }, 'password'],
    ['tokens: count 0', 'POST', () => `/events/${eventId}/tokens`, { count: 0 }, 'count'],
    ['tokens: count 5000', 'POST', () => `/events/${eventId}/tokens`, { count: 5000 }, 'count'],
    ['join with a 300-character name', 'POST', () => `/events/${eventId}/join`, { name: 'x'.repeat(300) }, 'name'],
    ['join with a bad e-mail', 'POST', () => `/events/${eventId}/join`, { name: 'Zoe', email: 'not-an-email' }, 'email'],
    ['a non-numeric event id', 'GET', () => '/events/abc', undefined, 'id'],
  ];
  it.each(cases)('%s', async (_label, method, path, body, field) => {
    expectProblem(await owner.request(method, path(), body), 400, field);
  });

  it('a body that is not JSON is a 400 problem', async () => {
    const result = await owner.request('POST', '/events', '{"name": ', { 'content-type': 'application/json' });
    expectProblem(result, 400);
  });
});

describe('another account’s event is 404, never 403', () => {
  it.each([
    ['GET', '/events/:id', undefined],
    ['PATCH', '/events/:id', { name: 'Hijacked' }],
    ['DELETE', '/events/:id', undefined],
    ['POST', '/events/:id/tokens', { count: 1 }],
    ['GET', '/events/:id/tokens', undefined],
  ] as const)('%s %s', async (method, path, body) => {
    const result = await stranger.request(method, path.replace(':id', String(eventId)), body);
    expectProblem(result, 404);
    expect(result.body.code).toBe('not-found');
  });

  it('the stranger’s event list does not contain it and the event is unchanged', async () => {
    const list = await stranger.ok<{ events: { id: number }[] }>('GET', '/events');
    expect(list.events.map((e) => e.id)).not.toContain(eventId);
    const event = await owner.ok<{ name: string }>('GET', `/events/${eventId}`);
    expect(event.name).toBe('Quarterly product webinar');
  });
});

describe('authentication of organizer endpoints', () => {
  it('refuses anonymous calls with 401', async () => {
    expectProblem(await new ApiClient(server.url).request('GET', '/events'), 401);
    expectProblem(await new ApiClient(server.url).request('POST', '/events', { name: 'x' }), 401);
  });

  it('refuses an unknown API key and a revoked one', async () => {
    expectProblem(await new ApiClient(server.url, 'wbk_not-a-real-key').request('GET', '/events'), 401);
    const { api } = await newOrganizer(server.url);
    const created = await api.ok<{ id: string; key: string }>('POST', '/api-keys', { name: 'temporary' });
    const temp = new ApiClient(server.url, created.key);
    expect((await temp.request('GET', '/events')).status).toBe(200);
    const keys = await api.ok<{ apiKeys: { id: string; prefix: string }[] }>('GET', '/api-keys');
    expect(keys.apiKeys.find((k) => k.id === created.id)?.prefix).toBe(created.key.slice(0, 12));
    expect(JSON.stringify(keys)).not.toContain(created.key);
    expect((await api.request('DELETE', `/api-keys/${created.id}`)).status).toBe(204);
    expectProblem(await temp.request('GET', '/events'), 401);
    expectProblem(await stranger.request('DELETE', `/api-keys/${keys.apiKeys[0]!.id}`), 404);
  });
});
