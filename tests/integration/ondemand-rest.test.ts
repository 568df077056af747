import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactOut } from '../../shared/contact-schemas.ts';
import type { MessageOut, StatsOut, WatchOut } from '../../shared/ondemand-schemas.ts';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { onDemandEvent } from '../support/ondemand-client.ts';
import { waitForMail } from '../support/outbox.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('an on-demand webinar through REST (OD-1..3)', () => {
  it('gates by e-mail into the contact group, counts watching, clicks, answers and messages, and answers by e-mail', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, poll, group } = await onDemandEvent(api, { nameRequired: true });

    // Before the gate: the settings, but neither the timeline nor links.
    const viewer = new ApiClient(server.url);
    const before = await viewer.ok<WatchOut>('GET', `/ondemand/${event.id}`);
    expect(before).toMatchObject({ name: 'Evergreen demo', viewer: null, timeline: null, assets: {}, settings: { leadGate: true, nameRequired: true }, durationMs: 5_500 });
    const incomplete = await viewer.request('POST', `/ondemand/${event.id}/access`, { email: 'vera@example.com' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'consent']);
    expect((await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts).toEqual([]);

    const access = await viewer.ok<{ viewerToken: string }>('POST', `/ondemand/${event.id}/access`, { email: 'Vera@Example.com', name: 'Vera Viewer', consent: true });
    expect(access.viewerToken).toMatch(/\./);
    const members = (await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts;
    expect(members.map((c) => [c.email, c.firstName, c.lastName])).toEqual([['vera@example.com', 'Vera', 'Viewer']]);

    const watch = await viewer.ok<WatchOut>('GET', `/ondemand/${event.id}`);
    expect(watch.viewer).toMatchObject({ name: 'Vera Viewer', email: 'vera@example.com' });
    expect(watch.timeline?.main).toHaveLength(1);
    expect(watch.polls[0]).toMatchObject({ id: poll.id, title: 'Useful?' });
    expect(JSON.stringify(watch.polls)).not.toContain('correct');
    const link = Object.values(watch.assets)[0]!;
    const media = await fetch(`${server.url}${link.base}/media`, { headers: { range: 'bytes=0-99' } });
    expect(media.status).toBe(206);

    // Watching with seeking allowed: a jump ahead is believed; ranges merge.
    const view = await viewer.ok<{ viewId: string }>('POST', `/ondemand/${event.id}/views`);
    const beat = await viewer.ok<{ watchedMs: number; maxPosMs: number; allowedMaxMs: number | null }>('POST', `/ondemand/${event.id}/views/${view.viewId}/heartbeats`, { positionMs: 3_000, ranges: [{ fromMs: 0, toMs: 2_000 }, { fromMs: 1_500, toMs: 3_000 }], playing: true });
    expect(beat).toEqual({ watchedMs: 3_000, maxPosMs: 3_000, allowedMaxMs: null });

    const click = await viewer.ok<{ clicks: number; url: string }>('POST', `/ondemand/${event.id}/cta-clicks`, { itemId: 'offer' });
    expect(click).toEqual({ clicks: 1, url: 'https://example.com/book' });
    expect((await viewer.request('POST', `/ondemand/${event.id}/cta-clicks`, { itemId: 'nope' })).status).toBe(404);

    const question = watch.polls[0]!.questions[0]!;
    expect((await viewer.request('POST', `/ondemand/${event.id}/polls/${poll.id}/answers`, { answers: [{ questionId: question.id, choiceIds: [question.choices[0]!.id] }] })).status).toBe(201);
    const again = await viewer.request('POST', `/ondemand/${event.id}/polls/${poll.id}/answers`, { answers: [{ questionId: question.id, choiceIds: [question.choices[1]!.id] }] });
    expect(again.status).toBe(409);
    const results = await viewer.ok<{ respondents: number; questions: { choices: Record<string, number> }[] }>('GET', `/ondemand/${event.id}/polls/${poll.id}/results`);
    expect(results.respondents).toBe(1);
    expect(results.questions[0]!.choices[question.choices[0]!.id]).toBe(1);

    // A message reaches the inbox; the answer goes out by e-mail (the outbox here).
    const sent = await viewer.ok<MessageOut>('POST', `/ondemand/${event.id}/messages`, { text: 'Is there a recording of the Q&A?' });
    const inbox = await api.ok<{ delivery: string; messages: MessageOut[] }>('GET', `/events/${event.id}/ondemand/messages`);
    expect(inbox.delivery).toBe('outbox');
    expect(inbox.messages).toEqual([expect.objectContaining({ id: sent.id, viewerName: 'Vera Viewer', viewerEmail: 'vera@example.com', text: 'Is there a recording of the Q&A?', answer: null, mailStatus: null })]);
    const answered = await api.ok<MessageOut>('POST', `/events/${event.id}/ondemand/messages/${sent.id}/answer`, { text: 'Yes: it is in the follow-up e-mail.' });
    expect(answered).toMatchObject({ answer: 'Yes: it is in the follow-up e-mail.', mailStatus: 'outbox' });
    const [mail] = await waitForMail(api, (m) => m.to === 'vera@example.com', 1, 'answer');
    expect(mail!.text).toContain('Yes: it is in the follow-up e-mail.');
    expect(mail!.text).toContain('Is there a recording of the Q&A?');
    expect((await api.request('POST', `/events/${event.id}/ondemand/messages/${sent.id}/answer`, { text: 'Twice' })).status).toBe(409);
    expect((await viewer.ok<{ messages: MessageOut[] }>('GET', `/ondemand/${event.id}/messages`)).messages[0]!.answer).toBe('Yes: it is in the follow-up e-mail.');

    // Coming back with the same address is the same viewer: one unique viewer.
    const sameAgain = new ApiClient(server.url);
    await sameAgain.ok('POST', `/ondemand/${event.id}/access`, { email: 'vera@example.com', name: 'Vera Viewer', consent: true });
    const stats = await api.ok<StatsOut>('GET', `/events/${event.id}/ondemand/stats`);
    expect(stats.uniqueViewers).toBe(1);
    expect(stats.viewers).toEqual([expect.objectContaining({ email: 'vera@example.com', watchedMs: 3_000, maxPosMs: 3_000, percent: 55, ctaClicks: 1, pollAnswers: 1, messages: 1 })]);
    // 1 s buckets over 5.5 s: watched 0–3 s, so the curve drops to 0 after the third.
    expect(stats.bucketMs).toBe(1_000);
    expect(stats.dropoff.map((p) => p.viewers)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(stats.dropoff[0]!.label).toBe('demo.mp4');
    expect(stats.dropoff[1]!.label).toBe('demo.mp4 · CTA: Get the e-book');
    expect(stats.dropoff[2]!.label).toBe('demo.mp4 · CTA: Get the e-book · Poll: Useful?');
    const csv = await fetch(`${server.url}/api/v1/events/${event.id}/ondemand/stats.csv`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('name,email,first_seen,last_seen,watched_seconds,reached_seconds,percent,cta_clicks,poll_answers,messages');
    expect(lines[1]).toMatch(/^Vera Viewer,vera@example.com,.*,3,3,55,1,1,1$/);

    // The document lists the routes.
    const doc = await new ApiClient(server.url).ok<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
    for (const path of ['/ondemand/{id}/access', '/ondemand/{id}/views/{viewId}/heartbeats', '/ondemand/{id}/messages', '/events/{id}/ondemand/stats', '/events/{id}/ondemand/settings', '/recordings/{recordingId}/publish']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('without a lead gate a viewer is anonymous, and must leave an address with a message', async () => {
    const { api } = await newOrganizer(server.url);
    const { event } = await onDemandEvent(api, { leadGate: false });
    const viewer = new ApiClient(server.url);
    await viewer.ok('POST', `/ondemand/${event.id}/access`, {});
    const noAddress = await viewer.request('POST', `/ondemand/${event.id}/messages`, { text: 'Hello' });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.code).toBe('email-required');
    await viewer.ok('POST', `/ondemand/${event.id}/messages`, { text: 'Hello', email: 'anon@example.com' });
    expect((await api.ok<{ messages: MessageOut[] }>('GET', `/events/${event.id}/ondemand/messages`)).messages[0]!.viewerEmail).toBe('anon@example.com');
  });
});
