import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollOut } from '../../shared/poll-schemas.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { makePdf, makeVideo } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('the timeline of an automated webinar through REST (AUTO-1, AUTO-2)', () => {
  it('is saved when every item fits, refused whole naming each offending item, and never uses what belongs to someone else', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { kind: 'automated' });
    expect(await api.ok('GET', `/events/${event.id}/timeline`)).toEqual({ timeline: { version: 1, chatEnabledAtStart: true, main: [], overlay: [] }, updatedAt: null });

    const video = await uploadReady(api, 'intro.mp4', makeVideo(4));
    const deck = await uploadReady(api, 'deck.pdf', makePdf(3));
    const poll = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { title: 'Pick one', questions: [{ text: 'Which?', type: 'single', choices: [{ text: 'A' }, { text: 'B' }] }] });
    const timeline = {
      version: 1,
      chatEnabledAtStart: false,
      main: [
        { id: 'intro', kind: 'video', startMs: 0, durationMs: 3_000, assetId: video.id },
        { id: 'deck', kind: 'slides', startMs: 3_000, durationMs: 9_000, assetId: deck.id, pageAtMs: [0, 3_000, 6_000] },
      ],
      overlay: [
        { id: 'vote', kind: 'poll', startMs: 5_000, durationMs: 4_000, pollId: poll.id, showResultsAtMs: 2_000 },
        { id: 'offer', kind: 'cta', startMs: 8_000, durationMs: null, message: 'Get the e-book', buttonLabel: 'Get it', url: 'https://example.com/book' },
        { id: 'chat-on', kind: 'chat', startMs: 10_000, enabled: true },
      ],
    };
    const saved = await api.ok<{ timeline: unknown; updatedAt: string }>('PUT', `/events/${event.id}/timeline`, timeline);
    expect(saved.timeline).toMatchObject({ main: [{ id: 'intro', inMs: 0 }, { id: 'deck' }] });

    // Overlap, beyond the file, too many pages, a poll that is not there: one answer names them all, nothing is saved.
    const broken = {
      ...timeline,
      main: [
        { id: 'intro', kind: 'video', startMs: 0, durationMs: 60_000, assetId: video.id },
        { id: 'deck', kind: 'slides', startMs: 30_000, durationMs: 9_000, assetId: deck.id, pageAtMs: [0, 1_000, 2_000, 3_000] },
      ],
      overlay: [{ id: 'vote', kind: 'poll', startMs: 5_000, durationMs: 4_000, pollId: 'not-a-poll', showResultsAtMs: null }],
    };
    const refused = await api.request('PUT', `/events/${event.id}/timeline`, broken);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('invalid-timeline');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['main.deck', 'main.intro', 'main.deck', 'overlay.vote']);
    expect(refused.body.errors[1].message).toMatch(/"intro" runs to 1:00 of "intro.mp4", which is only 0:0\d long/);
    expect((await api.ok<{ timeline: unknown }>('GET', `/events/${event.id}/timeline`)).timeline).toEqual(saved.timeline);

    // Zero durations and lanes of 10,000 items never reach the checks.
    const zero = await api.request('PUT', `/events/${event.id}/timeline`, { ...timeline, main: [{ id: 'z', kind: 'blank', startMs: 0, durationMs: 0, message: '' }] });
    expect(zero.status).toBe(400);
    const flood = await api.request('PUT', `/events/${event.id}/timeline`, { ...timeline, overlay: Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, kind: 'chat', startMs: i, enabled: true })) });
    expect(flood.status).toBe(400);

    // Another organizer can neither read this timeline nor use this account's video in their own.
    const other = await newOrganizer(server.url, 'Oskar Other');
    expect((await other.api.request('GET', `/events/${event.id}/timeline`)).status).toBe(404);
    const theirs = await createEvent(other.api, { kind: 'on_demand' });
    const borrowed = await other.api.request('PUT', `/events/${theirs.id}/timeline`, { version: 1, main: [{ id: 'stolen', kind: 'video', startMs: 0, durationMs: 1_000, assetId: video.id }], overlay: [] });
    expect(borrowed.status).toBe(422);
    expect(borrowed.body.errors[0]).toEqual({ field: 'main.stolen', message: '"stolen" uses a file that is not in your library.' });

    // A live webinar plays no timeline.
    const live = await createEvent(api);
    const wrongKind = await api.request('PUT', `/events/${live.id}/timeline`, timeline);
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.code).toBe('no-timeline');
  });
  it('refuses negative times, zero or negative durations, a poll of another event or account and 10,000 items, naming the item, saving nothing', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { kind: 'automated' });
    const good = { version: 1, main: [{ id: 'card', kind: 'blank', startMs: 0, durationMs: 10_000, message: 'Hello' }], overlay: [] };
    const saved = await api.ok<{ timeline: unknown }>('PUT', `/events/${event.id}/timeline`, good);
    const unchanged = async () => expect((await api.ok<{ timeline: unknown }>('GET', `/events/${event.id}/timeline`)).timeline).toEqual(saved.timeline);

    const fields = (body: { errors?: { field: string; message: string }[] }) => (body.errors ?? []).map((e) => e.field);
    const negative = await api.request('PUT', `/events/${event.id}/timeline`, { ...good, main: [{ id: 'card', kind: 'blank', startMs: -1_000, durationMs: -5, message: '' }] });
    expect(negative.status).toBe(400);
    expect(fields(negative.body)).toEqual(expect.arrayContaining(['main.0.startMs', 'main.0.durationMs']));
    await unchanged();

    // A poll of another event of the same account, and one of another account.
    const sibling = await createEvent(api, { kind: 'automated' });
    const siblingPoll = await api.ok<PollOut>('POST', `/events/${sibling.id}/polls`, { title: 'Elsewhere', questions: [{ text: 'Q?', type: 'single', choices: [{ text: 'A' }, { text: 'B' }] }] });
    const other = await newOrganizer(server.url, 'Oskar Other');
    const theirs = await createEvent(other.api, { kind: 'automated' });
    const theirPoll = await other.api.ok<PollOut>('POST', `/events/${theirs.id}/polls`, { title: 'Theirs', questions: [{ text: 'Q?', type: 'single', choices: [{ text: 'A' }, { text: 'B' }] }] });
    const foreign = await api.request('PUT', `/events/${event.id}/timeline`, {
      ...good,
      overlay: [
        { id: 'sibling-poll', kind: 'poll', startMs: 1_000, durationMs: 2_000, pollId: siblingPoll.id },
        { id: 'their-poll', kind: 'poll', startMs: 4_000, durationMs: 2_000, pollId: theirPoll.id },
      ],
    });
    expect(foreign.status).toBe(422);
    expect(fields(foreign.body)).toEqual(['overlay.sibling-poll', 'overlay.their-poll']);
    await unchanged();

    const flood = await api.request('PUT', `/events/${event.id}/timeline`, { ...good, main: Array.from({ length: 10_000 }, (_, i) => ({ id: `b${i}`, kind: 'blank', startMs: i * 1_000, durationMs: 1_000, message: '' })) });
    expect(flood.status).toBe(400);
    expect(fields(flood.body)).toContain('main');
    expect(flood.body.errors.find((e: { field: string }) => e.field === 'main').message).toMatch(/At most 1000 items/);
    await unchanged();
  });
});
