import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollOut } from '../../shared/poll-schemas.ts';
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

const quiz = {
  kind: 'test',
  title: 'Product quiz',
  questions: [
    { text: 'Which plan has a trial?', type: 'single', choices: [{ text: 'Free', correct: true }, { text: 'Pro', imageUrl: 'https://example.com/pro.png' }] },
    { text: 'Comments', type: 'open' },
  ],
};

describe('polls prepared through REST (ROOM-8)', () => {
  it('are saved with the event, run in the room, and every answer downloads as CSV', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const created = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, quiz);
    expect(created.status).toBe('draft');
    expect(created.questions[0]!.choices.map((c) => c.correct)).toEqual([true, false]);
    expect(created.questions[0]!.choices[1]!.imageUrl).toBe('https://example.com/pro.png');

    const bad = await api.request('POST', `/events/${event.id}/polls`, { title: 'x', questions: [{ text: 'q', type: 'single', choices: [{ text: 'only one' }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('questions.0.choices');
    const script = await api.request('POST', `/events/${event.id}/polls`, { title: 'x', questions: [{ text: 'q', type: 'single', choices: [{ text: 'a', imageUrl: 'javascript:alert(1)' }, { text: 'b' }] }] });
    expect(script.status).toBe(400);

    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const listed = await eventually(() => host.last<{ id: string }[]>('polls')?.find((p) => p.id === created.id), 10_000, 'prepared poll in the room');
    expect(listed).toBeTruthy();

    // Prepared while the room is open: it reaches the staff at once.
    const late = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { title: 'Late addition', questions: [{ text: 'Ok?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] });
    await eventually(() => host.last<{ id: string }[]>('polls')?.find((p) => p.id === late.id), 10_000, 'late poll in the room');

    const attendee = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: '=HYPERLINK("evil")', email: 'eve@example.com' }));
    host.send('poll-start', { pollId: created.id });
    await eventually(() => attendee.room.state.poll.includes(created.id), 10_000, 'poll shown');
    const [single, open] = created.questions;
    attendee.send('poll-answer', { pollId: created.id, answers: [{ questionId: single!.id, choiceIds: [single!.choices[0]!.id] }, { questionId: open!.id, text: 'Great, "really", thanks' }] });
    await eventually(() => attendee.last<unknown[]>('your-answers')?.length === 2, 10_000, 'answers stored');

    const results = await api.ok<any>('GET', `/events/${event.id}/polls/${created.id}/results`);
    expect(results).toMatchObject({ pollId: created.id, respondents: 1 });
    expect(results.questions[0].correctChoiceIds).toEqual([single!.choices[0]!.id]);

    const csv = await api.request('GET', `/events/${event.id}/polls/${created.id}/answers.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('product-quiz-answers.csv');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('name,email,poll,question,answer,score,answered_at');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""evil""\)",eve@example.com,Product quiz,Which plan has a trial\?,Free,1\/1,/);
    expect(lines[2]).toContain('"Great, ""really"", thanks"');

    const listing = await api.ok<{ polls: { id: string; status: string; respondents: number }[] }>('GET', `/events/${event.id}/polls`);
    expect(listing.polls.map((p) => [p.id, p.status, p.respondents])).toEqual([[created.id, 'running', 1], [late.id, 'draft', 0]]);
    expect((await api.request('DELETE', `/events/${event.id}/polls/${created.id}`)).body.code).toBe('poll-not-draft');
    expect((await api.request('DELETE', `/events/${event.id}/polls/${late.id}`)).status).toBe(204);
    await eventually(() => host.last<{ id: string }[]>('polls')?.every((p) => p.id !== late.id), 10_000, 'deleted draft gone from the room');

    const stranger = (await newOrganizer(server.url, 'Stranger')).api;
    expect((await stranger.request('GET', `/events/${event.id}/polls`)).status).toBe(404);
    expect((await stranger.request('GET', `/events/${event.id}/polls/${created.id}/answers.csv`)).status).toBe(404);
    expect((await new ApiClient(server.url).request('GET', `/events/${event.id}/polls`)).status).toBe(401);
    await attendee.leave();
    await host.leave();
  });
});
