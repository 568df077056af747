import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollOut } from '../../shared/poll-schemas.ts';
import type { StatsOut } from '../../shared/ondemand-schemas.ts';
import { GATE_PER_ADDRESS, GATE_PER_EMAIL } from '../../server/ondemand/ondemand-viewers.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { onDemandEvent } from '../support/ondemand-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

const stats = (api: ApiClient, id: number) => api.ok<StatsOut>('GET', `/events/${id}/ondemand/stats`);

describe('on-demand bad input: refused with a reason, nothing partial saved', () => {
  it('a heartbeat that jumps ahead is refused when seeking is forbidden, believed when it is allowed', async () => {
    const { api } = await newOrganizer(server.url);
    const { event } = await onDemandEvent(api, { leadGate: false, allowSeek: false });
    const viewer = new ApiClient(server.url);
    await viewer.ok('POST', `/ondemand/${event.id}/access`, {});
    const view = await viewer.ok<{ viewId: string }>('POST', `/ondemand/${event.id}/views`);
    const honest = await viewer.ok<{ allowedMaxMs: number }>('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 1_000, ranges: [{ fromMs: 0, toMs: 1_000 }], playing: true });
    expect(honest.allowedMaxMs).toBeGreaterThanOrEqual(5_000);

    // The timeline is 5.5 s long: a jump of a few seconds is within the tolerance, so use a longer one.
    await api.ok('PUT', `/events/${event.id}/timeline`, { version: 1, main: [{ id: 'card', kind: 'blank', startMs: 0, durationMs: 600_000, message: 'Welcome' }], overlay: [] });
    const jump = await viewer.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 300_000, ranges: [{ fromMs: 1_000, toMs: 300_000 }], playing: true });
    expect(jump.status).toBe(409);
    expect(jump.body.code).toBe('implausible-progress');
    expect(jump.body.detail ?? jump.body.title).toMatch(/Seeking ahead is turned off/);
    const after = await stats(api, event.id);
    expect(after.viewers[0]).toMatchObject({ watchedMs: 1_000, maxPosMs: 1_000 });

    // Past the end is refused even with seeking allowed; a backwards range and a negative time never get in.
    await api.ok('PUT', `/events/${event.id}/ondemand/settings`, { leadGate: false, nameRequired: false, contactGroupId: null, allowPause: true, allowSeek: true });
    expect((await viewer.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 300_000, ranges: [], playing: true })).status).toBe(200);
    expect((await viewer.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 900_000, ranges: [], playing: true })).status).toBe(409);
    expect((await viewer.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 1, ranges: [{ fromMs: 5_000, toMs: 1_000 }], playing: true })).status).toBe(400);
    expect((await viewer.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: -1, ranges: [], playing: true })).status).toBe(400);
    // Someone else's session, or no token at all.
    const stranger = new ApiClient(server.url);
    expect((await stranger.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 1, ranges: [], playing: true })).status).toBe(401);
    await stranger.ok('POST', `/ondemand/${event.id}/access`, {});
    expect((await stranger.request('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 1, ranges: [], playing: true })).status).toBe(404);
    expect((await viewer.request('POST', `/ondemand/${event.id}/views`, undefined, { 'x-viewer-token': 'forged.token' })).status).toBe(401);
  });

  it('a poll or a contact group of another account is not here; a bad answer saves nothing', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, poll } = await onDemandEvent(api, { leadGate: false });
    const other = await newOrganizer(server.url, 'Oskar Other');
    const theirEvent = await createEvent(other.api, { kind: 'on_demand' });
    const theirPoll = await other.api.ok<PollOut>('POST', `/events/${theirEvent.id}/polls`, { title: 'Theirs', questions: [{ text: 'Q?', type: 'single', choices: [{ text: 'A' }, { text: 'B' }] }] });
    const theirGroup = await other.api.ok<{ id: string }>('POST', '/contact-groups', { name: 'Their leads' });

    const viewer = new ApiClient(server.url);
    await viewer.ok('POST', `/ondemand/${event.id}/access`, {});
    const foreign = await viewer.request('POST', `/ondemand/${event.id}/polls/${theirPoll.id}/answers`, { answers: [{ questionId: theirPoll.questions[0]!.id, choiceIds: [theirPoll.questions[0]!.choices[0]!.id] }] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('poll-not-here');

    // The first answer is fine, the second names a choice of another question: nothing of it is saved.
    const q = poll.questions[0]!;
    const mixed = await viewer.request('POST', `/ondemand/${event.id}/polls/${poll.id}/answers`, { answers: [{ questionId: q.id, choiceIds: [q.choices[0]!.id] }, { questionId: 'nope', choiceIds: ['x'] }] });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors[0].field).toBe('answers.1');
    const two = await viewer.request('POST', `/ondemand/${event.id}/polls/${poll.id}/answers`, { answers: [{ questionId: q.id, choiceIds: [q.choices[0]!.id, q.choices[1]!.id] }] });
    expect(two.status).toBe(422);
    expect((await stats(api, event.id)).viewers[0]!.pollAnswers).toBe(0);
    // Results before the viewer reached the moment they are shown.
    expect((await viewer.request('GET', `/ondemand/${event.id}/polls/${poll.id}/results`)).status).toBe(403);

    const group = await api.request('PUT', `/events/${event.id}/ondemand/settings`, { leadGate: true, nameRequired: false, contactGroupId: theirGroup.id, allowPause: true, allowSeek: true });
    expect(group.status).toBe(422);
    expect(group.body.code).toBe('unknown-group');
    expect((await api.ok<{ leadGate: boolean }>('GET', `/events/${event.id}/ondemand/settings`)).leadGate).toBe(false);
    // Another account reads neither the settings nor the statistics; a live webinar has no on-demand side.
    expect((await other.api.request('GET', `/events/${event.id}/ondemand/stats`)).status).toBe(404);
    const live = await createEvent(api);
    expect((await api.request('GET', `/events/${live.id}/ondemand/settings`)).status).toBe(409);
    expect((await viewer.request('GET', `/ondemand/${live.id}`)).status).toBe(404);
    // A recording of another account cannot be published.
    expect((await other.api.request('POST', '/recordings/not-theirs/publish', {})).status).toBe(404);
  });

  it('a message over the limit or with HTML is refused; the answer must be plain text too', async () => {
    const { api } = await newOrganizer(server.url);
    const { event } = await onDemandEvent(api, { leadGate: true });
    const viewer = new ApiClient(server.url);
    await viewer.ok('POST', `/ondemand/${event.id}/access`, { email: 'mia@example.com', consent: true });
    const long = await viewer.request('POST', `/ondemand/${event.id}/messages`, { text: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toEqual({ field: 'text', message: 'At most 2000 characters.' });
    const html = await viewer.request('POST', `/ondemand/${event.id}/messages`, { text: 'Hi <script>alert(1)</script>' });
    expect(html.status).toBe(400);
    expect(html.body.errors[0].message).toMatch(/HTML tags are not allowed/);
    expect((await viewer.request('POST', `/ondemand/${event.id}/messages`, { text: '   ' })).status).toBe(400);
    const inbox = await api.ok<{ messages: { id: string }[] }>('GET', `/events/${event.id}/ondemand/messages`);
    expect(inbox.messages).toEqual([]);
    const ok = await viewer.ok<{ id: string }>('POST', `/ondemand/${event.id}/messages`, { text: 'Is 2 < 3? Yes.' });
    const badAnswer = await api.request('POST', `/events/${event.id}/ondemand/messages/${ok.id}/answer`, { text: '<b>Yes</b>' });
    expect(badAnswer.status).toBe(400);
    expect((await api.ok<{ messages: { answer: string | null }[] }>('GET', `/events/${event.id}/ondemand/messages`)).messages[0]!.answer).toBeNull();
  });

  it('a lead-gate flood gets 429 with Retry-After, per e-mail and per address, and adds nobody', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, group } = await onDemandEvent(api, { leadGate: true });
    const gate = (email: string) => new ApiClient(server.url).request('POST', `/ondemand/${event.id}/access`, { email, consent: true });
    for (let i = 0; i < GATE_PER_EMAIL; i++) expect((await gate('flood@example.com')).status).toBe(200);
    const perEmail = await gate('flood@example.com');
    expect(perEmail.status).toBe(429);
    expect(Number(perEmail.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(perEmail.body.title).toMatch(/this e-mail address/);

    // Earlier tests used some of this address's allowance; the rest runs out now.
    let refused: Awaited<ReturnType<typeof gate>> | undefined;
    const admitted: string[] = [];
    for (let i = 0; i < GATE_PER_ADDRESS + 5 && !refused; i++) {
      const email = `lead${i}@example.com`;
      const answer = await gate(email);
      if (answer.status === 429) refused = answer;
      else admitted.push(email);
    }
    expect(refused?.status).toBe(429);
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused!.body.title).toMatch(/your address/);
    const members = (await api.ok<{ contacts: { email: string }[] }>('GET', `/contacts?groupId=${group.id}`)).contacts.map((c) => c.email);
    expect(members.sort()).toEqual(['flood@example.com', ...admitted].sort());
  });
});
