import type * as v from 'valibot';
import type { AddUserBody, ApiKeyOut, CreatedApiKeyOut, LoginBody, SessionOut, SignupBody, UserOut } from '../../../shared/account-schemas.ts';
import type { CreateEventBody, CreateTokensBody, EventEntryOut, EventOut, TokenOut, UpdateEventBody } from '../../../shared/event-schemas.ts';
import type { LinkUsesOut } from '../../../shared/personal-link-schemas.ts';
import type { JoinBody, JoinOut } from '../../../shared/join-schemas.ts';
import type { LinkCheckOut } from '../../../shared/personal-link-schemas.ts';
import type { PollInput, PollOut } from '../../../shared/poll-schemas.ts';
import { request } from './http.ts';

/** Typed calls of the REST API, one per endpoint the client uses; bodies typed from shared/. */

type In<S extends v.GenericSchema> = v.InferInput<S>;

export const authApi = {
  signup: (body: In<typeof SignupBody>) => request<SessionOut>('POST', '/auth/signup', body),
  login: (body: In<typeof LoginBody>) => request<SessionOut>('POST', '/auth/login', body),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<SessionOut>('GET', '/auth/me'),
};

export const accountApi = {
  listApiKeys: () => request<{ apiKeys: ApiKeyOut[] }>('GET', '/api-keys'),
  createApiKey: (name: string) => request<CreatedApiKeyOut>('POST', '/api-keys', { name }),
  revokeApiKey: (keyId: string) => request<void>('DELETE', `/api-keys/${encodeURIComponent(keyId)}`),
  listUsers: () => request<{ users: UserOut[] }>('GET', '/account/users'),
  addUser: (body: In<typeof AddUserBody>) => request<UserOut>('POST', '/account/users', body),
};

export const eventsApi = {
  list: () => request<{ events: EventOut[] }>('GET', '/events'),
  get: (id: number) => request<EventOut>('GET', `/events/${id}`),
  create: (body: In<typeof CreateEventBody>) => request<EventOut>('POST', '/events', body),
  update: (id: number, body: In<typeof UpdateEventBody>) => request<EventOut>('PATCH', `/events/${id}`, body),
  remove: (id: number) => request<void>('DELETE', `/events/${id}`),
  listTokens: (id: number) => request<{ tokens: TokenOut[] }>('GET', `/events/${id}/tokens`),
  createTokens: (id: number, body: In<typeof CreateTokensBody>) => request<{ tokens: TokenOut[] }>('POST', `/events/${id}/tokens`, body),
  entry: (id: number) => request<EventEntryOut>('GET', `/events/${id}/entry`),
  join: (id: number, body: JoinBody) => request<JoinOut>('POST', `/events/${id}/join`, body),
  /** Issue 10: whose a personal link is, or why it no longer opens the room (the token goes in the body, not the URL). */
  checkLink: (id: number, token: string) => request<LinkCheckOut>('POST', `/events/${id}/personal-link`, { token }),
  revokeToken: (id: number, tokenId: string) => request<TokenOut>('DELETE', `/events/${id}/tokens/${encodeURIComponent(tokenId)}`),
  updateToken: (id: number, tokenId: string, body: { singleUse: boolean }) => request<TokenOut>('PATCH', `/events/${id}/tokens/${encodeURIComponent(tokenId)}`, body),
  tokenUses: (id: number, tokenId: string, cursor?: string) => request<LinkUsesOut>('GET', `/events/${id}/tokens/${encodeURIComponent(tokenId)}/uses?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  setSharedPresenterLink: (id: number, enabled: boolean) => request<EventOut>('PUT', `/events/${id}/access`, { sharedPresenterLink: enabled }),
};

/** A prepared poll with how many people answered it (ROOM-8). */
export type EventPollOut = PollOut & { respondents: number };

export const pollsApi = {
  list: (eventId: number) => request<{ polls: EventPollOut[] }>('GET', `/events/${eventId}/polls`),
  create: (eventId: number, body: PollInput) => request<PollOut>('POST', `/events/${eventId}/polls`, body),
  remove: (eventId: number, pollId: string) => request<void>('DELETE', `/events/${eventId}/polls/${encodeURIComponent(pollId)}`),
  /** Every individual answer as CSV, for a plain link (the browser downloads it with the session cookie). */
  answersCsvUrl: (eventId: number, pollId: string) => `/api/v1/events/${eventId}/polls/${encodeURIComponent(pollId)}/answers.csv`,
};
