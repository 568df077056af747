import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut, TokenOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { PollOut } from '../../shared/poll-schemas.ts';
import type { GuestOut } from '../../shared/registration-schemas.ts';
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

const anonymous = () => new ApiClient(server.url);

describe('identity from proof only (issue 10)', () => {
  it('a second person joining a public event with the first one\'s e-mail is a new participant with nothing of hers', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const poll = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { kind: 'test', title: 'Quiz', questions: [{ text: 'Best?', type: 'single', choices: [{ text: 'Yes', correct: true }, { text: 'No' }] }] });
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));

    const zofiaJoin = await joinEvent(server.url, event.id, { name: 'Zofia Nowak', email: 'zofia@example.com' });
    const zofia = await RoomParticipant.enter(server.url, zofiaJoin);
    await eventually(() => host.roster.get(zofiaJoin.participant.id)?.online, 10_000, 'Zofia in the roster');
    host.send('grant-media', { participantId: zofiaJoin.participant.id, granted: true });
    await eventually(() => zofia.you?.mediaGranted, 10_000, 'Zofia given the microphone');
    host.send('poll-start', { pollId: poll.id });
    await eventually(() => zofia.room.state.poll.includes(poll.id), 10_000, 'poll shown');
    const question = poll.questions[0]!;
    zofia.send('poll-answer', { pollId: poll.id, answers: [{ questionId: question.id, choiceIds: [question.choices[0]!.id] }] });
    await eventually(() => zofia.last<unknown[]>('your-answers')?.length === 1, 10_000, 'Zofia\'s answer stored');

    const malloryJoin = await joinEvent(server.url, event.id, { name: 'Mallory', email: 'zofia@example.com' });
    expect(malloryJoin.participant.id).not.toBe(zofiaJoin.participant.id);
    expect(malloryJoin.participant.name).toBe('Mallory');
    const mallory = await RoomParticipant.enter(server.url, malloryJoin);
    const you = await eventually(() => mallory.you, 10_000, 'who the room says Mallory is');
    expect(you).toMatchObject({ participantId: malloryJoin.participant.id, name: 'Mallory', mediaGranted: false });
    // The room sends a returning participant's answers right after the history; Mallory has none.
    await eventually(() => mallory.history, 10_000, 'Mallory\'s chat history');
    expect(mallory.received.get('your-answers')).toBeUndefined();
    const results = await api.ok<{ respondents: number }>('GET', `/events/${event.id}/polls/${poll.id}/results`);
    expect(results.respondents).toBe(1);

    await eventually(() => host.roster.get(malloryJoin.participant.id)?.online, 10_000, 'Mallory in the roster');
    expect(host.roster.get(zofiaJoin.participant.id)).toMatchObject({ name: 'Zofia Nowak' });
    const csv = await api.request('GET', `/events/${event.id}/polls/${poll.id}/answers.csv`);
    const rows = (csv.body as string).trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^Zofia Nowak,zofia@example.com,Quiz,Best\?,Yes,/);
    await mallory.leave();
    await zofia.leave();
    await host.leave();
  });

  it('a banned e-mail is still refused', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
    const join = await joinEvent(server.url, event.id, { name: 'Trouble', email: 'trouble@example.com' });
    const trouble = await RoomParticipant.enter(server.url, join);
    await eventually(() => host.roster.get(join.participant.id)?.online, 10_000, 'in the roster');
    host.send('remove-participant', { participantId: join.participant.id, ban: true });
    await eventually(() => trouble.received.get('removed'), 10_000, 'told they were banned');
    const again = await anonymous().request('POST', `/events/${event.id}/join`, { name: 'Someone else', email: 'trouble@example.com' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('excluded');
    await host.leave();
  });

  it('an invitee\'s personal link carries her name and e-mail, whatever the form says, and brings back the same participant', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    await api.ok('POST', `/events/${event.id}/invitations`, { people: [{ email: 'zofia@example.com', firstName: 'Zofia', lastName: 'Nowak' }] });
    const [guest] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${event.id}/invitations`)).guests;
    const check = await anonymous().ok<{ state: string; holder: { name: string } | null; role: string }>('POST', `/events/${event.id}/personal-link`, { token: guest!.token });
    expect(check).toEqual({ state: 'valid', role: 'attendee', holder: { name: 'Zofia Nowak' } });
    const first = await joinEvent(server.url, event.id, { token: guest!.token });
    expect(first.participant.name).toBe('Zofia Nowak');
    const forwarded = await joinEvent(server.url, event.id, { name: 'Someone Else', token: guest!.token });
    expect(forwarded.participant).toEqual(first.participant);
  });

  it('a re-entry credential brings the same participant back without the password, only for its own event', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'password', password: 'open sesame' });
    const other = await createEvent(api, { accessType: 'password', password: 'other' });
    const first = await joinEvent(server.url, event.id, { name: 'Rita', password: 'open sesame' });
    const back = await joinEvent(server.url, event.id, { reentry: first.reentry.token });
    expect(back.participant).toEqual(first.participant);
    const elsewhere = await anonymous().request('POST', `/events/${other.id}/join`, { reentry: first.reentry.token });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe('reentry-invalid');
    const forged = await anonymous().request('POST', `/events/${event.id}/join`, { reentry: first.ticket });
    expect(forged.body.code).toBe('reentry-invalid');
  });
});

describe('personal links say what they are (issue 10)', () => {
  it('revoked, used, expired and unknown links are refused with their own codes; a valid one keeps working after a password change', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'password', password: 'first' });
    const [reusable, revoked, single] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 3 })).tokens;
    const [expired] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, expiresAt: new Date(Date.now() - 60_000).toISOString() })).tokens;
    const [singleUse] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, singleUse: true })).tokens;
    void single;
    const revokedOut = await api.ok<TokenOut>('DELETE', `/events/${event.id}/tokens/${revoked!.id}`);
    expect(revokedOut.revokedAt).not.toBeNull();
    await joinEvent(server.url, event.id, { name: 'Una', token: singleUse!.token });

    const stateOf = async (token: string) => (await anonymous().ok<{ state: string }>('POST', `/events/${event.id}/personal-link`, { token })).state;
    expect(await stateOf(revoked!.token)).toBe('revoked');
    expect(await stateOf(expired!.token)).toBe('expired');
    expect(await stateOf(singleUse!.token)).toBe('used');
    expect(await stateOf('no-such-token')).toBe('invalid');
    const codeOf = async (token: string) => (await anonymous().request('POST', `/events/${event.id}/join`, { name: 'X', token })).body.code;
    expect(await codeOf(revoked!.token)).toBe('token-revoked');
    expect(await codeOf(expired!.token)).toBe('token-expired');
    expect(await codeOf(singleUse!.token)).toBe('token-used');

    const changed = await api.ok<EventOut>('PATCH', `/events/${event.id}`, { password: 'second' });
    expect(changed.password).toBe('second');
    const joined = await joinEvent(server.url, event.id, { name: 'Vera', token: reusable!.token });
    expect(joined.participant.role).toBe('attendee');
    const listed = await api.ok<{ tokens: TokenOut[] }>('GET', `/events/${event.id}/tokens`);
    expect(listed.tokens.find((t) => t.id === reusable!.id)!.uses).toHaveLength(1);
  });

  it('the card shows the password once an event is switched to password access', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    expect(event.password).toBeNull();
    const changed = await api.ok<EventOut>('PATCH', `/events/${event.id}`, { accessType: 'password', password: 'letmein' });
    expect(changed).toMatchObject({ accessType: 'password', password: 'letmein' });
    expect((await api.ok<EventOut>('GET', `/events/${event.id}`)).password).toBe('letmein');
    expect((await anonymous().request('POST', `/events/${event.id}/join`, { name: 'Ann' })).body.code).toBe('password-required');
    expect((await joinEvent(server.url, event.id, { name: 'Ann', password: 'letmein' })).participant.role).toBe('attendee');
  });
});

describe('presenter links (issue 10)', () => {
  it('personal presenter links open the room as presenter and are revocable; the shared link can be turned off', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
    await api.ok('POST', `/events/${event.id}/invitations`, { role: 'presenter', people: [{ email: 'paula@example.com', firstName: 'Paula', lastName: 'Presenter' }] });
    const [paula] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${event.id}/invitations`)).guests;
    expect(paula!.joinUrl).toContain('#token=');
    const asPaula = await joinEvent(server.url, event.id, { token: paula!.token });
    expect(asPaula.participant).toMatchObject({ name: 'Paula Presenter', role: 'presenter' });
    // Her link is listed with the event's personal links (the dashboard's panel), as a presenter link, with its use.
    const listed = (await api.ok<{ tokens: TokenOut[] }>('GET', `/events/${event.id}/tokens`)).tokens;
    expect(listed.find((t) => t.token === paula!.token)).toMatchObject({ role: 'presenter', label: 'paula@example.com', revokedAt: null, useCount: 1 });

    const [made] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { role: 'presenter', label: 'Guest speaker' })).tokens;
    expect(made!.role).toBe('presenter');
    expect((await joinEvent(server.url, event.id, { name: 'Guest Speaker', token: made!.token })).participant.role).toBe('presenter');
    await api.ok('DELETE', `/events/${event.id}/tokens/${made!.id}`);
    expect((await anonymous().request('POST', `/events/${event.id}/join`, { name: 'Guest Speaker', token: made!.token })).body.code).toBe('token-revoked');

    expect((await joinEvent(server.url, event.id, { name: 'Shared', presenterKey })).participant.role).toBe('presenter');
    const off = await api.ok<EventOut>('PUT', `/events/${event.id}/access`, { sharedPresenterLink: false });
    expect(off.sharedPresenterLink).toBe(false);
    const refused = await anonymous().request('POST', `/events/${event.id}/join`, { name: 'Shared', presenterKey });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('presenter-link-off');
    expect((await joinEvent(server.url, event.id, { token: paula!.token })).participant.role).toBe('presenter');
  });
});

describe('one person, one seat (issue 10)', () => {
  it('the same personal link opened on a second device takes the seat; the first is closed with "replaced"', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
    const [token] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1 })).tokens;
    const firstJoin = await joinEvent(server.url, event.id, { name: 'Zofia', token: token!.token });
    const first = await RoomParticipant.enter(server.url, firstJoin);
    const closed = new Promise<number>((resolve) => first.room.onLeave((code: number) => resolve(code)));
    await eventually(() => host.roster.get(firstJoin.participant.id)?.online, 10_000, 'first device in');
    const second = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: 'Other', token: token!.token }));
    expect(await closed).toBe(4408);
    await eventually(() => second.you, 10_000, 'second device told who it is');
    expect(second.you).toMatchObject({ participantId: firstJoin.participant.id, name: 'Zofia' });
    await eventually(() => host.room.state.attendeesOnline === 1, 10_000, 'one attendee online');
    await second.leave();
    await host.leave();
  });
});

describe('public event lookup is rate-limited per address (issue 10)', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const limited = await startTestServer({ env: { ENTRY_RATE_PER_MINUTE: '3' } });
    try {
      const { api } = await newOrganizer(limited.url);
      const event = await createEvent(api);
      const client = new ApiClient(limited.url);
      for (let i = 0; i < 3; i++) expect((await client.request('GET', `/events/${event.id}/entry`)).status).toBe(200);
      const over = await client.request('GET', `/events/${event.id}/entry`);
      expect(over.status).toBe(429);
      expect(over.body.code).toBe('rate-limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await limited.cleanup();
    }
  });
});
