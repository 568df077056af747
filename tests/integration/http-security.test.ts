import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, joinEvent, newOrganizer, signUp } from '../support/api-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('sessions and cookies', () => {
  it('sets an HTTP-only SameSite session cookie at the log-in after sign-up and ends it on logout', async () => {
    const web = new ApiClient(server.url);
    const signup = await web.request('POST', '/auth/signup', { email: 'cookie@example.com', name: 'Cookie', password: 'longenough1' });
    expect(signup.status).toBe(202);
    expect(signup.headers.get('set-cookie')).toBeNull();
    const login = await web.request('POST', '/auth/login', { email: 'cookie@example.com', password: 'longenough1' });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await web.request('GET', '/auth/me')).body.user.email).toBe('cookie@example.com');
    expect((await web.request('POST', '/auth/logout')).status).toBe(204);
    const again = new ApiClient(server.url);
    again.cookie = web.cookie;
    expect((await again.request('GET', '/auth/me')).status).toBe(401);
  });

  it('refuses a second account with the same e-mail and a wrong password at login', async () => {
    const web = new ApiClient(server.url);
    await signUp(web, { email: 'twice@example.com', name: 'Twice', password: 'longenough1' });
    const second = await new ApiClient(server.url).request('POST', '/auth/signup', { email: 'TWICE@example.com', name: 'Twice', password: 'another password' });
    // The same neutral answer as for a new address (issue 10: sign-up never reveals an account).
    expect(second.status).toBe(202);
    const login = await new ApiClient(server.url).request('POST', '/auth/login', { email: 'twice@example.com', password: 'another password' });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('wrong-credentials');
  });

  it('rate-limits login attempts per account', async () => {
    const web = new ApiClient(server.url);
    await signUp(web, { email: 'target@example.com', name: 'Target', password: 'longenough1' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await new ApiClient(server.url).request('POST', '/auth/login', { email: 'target@example.com', password: `guess-${i}` })).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Even the right password waits out the window: the limit protects the account.
    expect((await new ApiClient(server.url).request('POST', '/auth/login', { email: 'target@example.com', password: 'longenough1' })).status).toBe(429);
  });

  it('rate-limits wrong event passwords', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'password', password: 'right' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Brute', password: `p${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });
});

describe('requests from another site', () => {
  it('refuses state-changing requests with a foreign Origin', async () => {
    const { api } = await newOrganizer(server.url);
    const result = await api.request('POST', '/events', { name: 'X', startsAt: '2026-12-01T10:00:00Z', timeZone: 'UTC' }, { origin: 'https://evil.example' });
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('foreign-origin');
    const sameSite = await api.request('POST', '/events', { name: 'X', startsAt: '2026-12-01T10:00:00Z', timeZone: 'UTC' }, { origin: server.url });
    expect(sameSite.status).toBe(201);
  });

  it('refuses matchmaking and WebSocket upgrades from a foreign Origin', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const join = await joinEvent(server.url, event.id, { name: 'W' });
    const matchmake = await fetch(`${server.url}/matchmake/joinOrCreate/live_event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ eventId: event.id, ticket: join.ticket }),
    });
    expect(matchmake.status).toBe(403);
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/process/room?sessionId=x`, { headers: { origin: 'https://evil.example' } });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });
});

describe('unknown routes and errors', () => {
  it('answers an unknown API path with a 404 problem', async () => {
    const result = await new ApiClient(server.url).request('GET', '/nothing-here');
    expect(result.status).toBe(404);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
  });
});
