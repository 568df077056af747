import type { CreatedApiKeyOut, SessionOut } from '../../shared/account-schemas.ts';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';

/** A tiny REST client for tests, used the way a script would use the API. */
export class ApiClient {
  cookie: string | undefined;

  constructor(readonly baseUrl: string, public apiKey?: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.apiKey && { authorization: `Bearer ${this.apiKey}` }),
        ...(this.cookie && { cookie: this.cookie }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await this.request(method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
    return result.body as T;
  }
}

/**
 * Signs up and logs in, as the sign-up page does: the sign-up answer is the same 202 for a
 * new and a known address, and the session comes from the log-in that follows.
 */
export async function signUp(web: ApiClient, body: { email: string; name: string; password: string }, headers: Record<string, string> = {}): Promise<SessionOut> {
  const answer = await web.request('POST', '/auth/signup', body, headers);
  if (answer.status !== 202 || answer.body?.verificationRequired !== false) throw new Error(`POST /auth/signup → ${answer.status} ${JSON.stringify(answer.body)}`);
  return web.ok<SessionOut>('POST', '/auth/login', { email: body.email, password: body.password });
}

let counter = 0;
/** Signs up a fresh organizer and gives back a client authenticated with a new API key. */
export async function newOrganizer(baseUrl: string, name = 'Olga Organizer'): Promise<{ api: ApiClient; session: SessionOut; email: string; password: string }> {
  const web = new ApiClient(baseUrl);
  const email = `organizer${Date.now()}${counter++}@example.com`;
  const password = 'correct horse battery';
  const session = await signUp(web, { email, name, password });
  const key = await web.ok<CreatedApiKeyOut>('POST', '/api-keys', { name: 'tests' });
  return { api: new ApiClient(baseUrl, key.key), session, email, password };
}

export function webinarBody(overrides: Record<string, unknown> = {}) {
  return { name: 'Quarterly product webinar', startsAt: '2026-12-01T10:00:00+01:00', timeZone: 'Europe/Warsaw', ...overrides };
}

export async function createEvent(api: ApiClient, overrides: Record<string, unknown> = {}): Promise<EventOut> {
  return api.ok<EventOut>('POST', '/events', webinarBody(overrides));
}

export async function joinEvent(baseUrl: string, eventId: number, body: Record<string, unknown>): Promise<JoinOut> {
  return new ApiClient(baseUrl).ok<JoinOut>('POST', `/events/${eventId}/join`, body);
}

/** Joins an event through its presenter link, as the organizer hands it out. */
export async function joinAsPresenter(api: ApiClient, eventId: number, body: Record<string, unknown>): Promise<JoinOut> {
  const event = await api.ok<{ presenterUrl: string }>('GET', `/events/${eventId}`);
  const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
  return joinEvent(api.baseUrl, eventId, { ...body, presenterKey });
}
