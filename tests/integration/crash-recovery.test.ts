import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RoomConnection } from '../../shared/room-connection.ts';
import type { QuestionView } from '../../shared/room-messages.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { eventually, record } from '../support/room-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'webinar-crash-'));
let server: ChildProcess | undefined;
const connections: RoomConnection[] = [];
afterAll(async () => {
  for (const c of connections) await c.leave();
  if (server) await kill(server);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('killing the server process during an event', () => {
  it('loses no chat line, question, poll answer or mode, and the clients get back in by themselves', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(port, dataDir);

    const { api } = await newOrganizer(base);
    const event = await createEvent(api);
    const host = new RoomConnection(base, await api.ok('POST', `/events/${event.id}/join`, {}));
    connections.push(host);
    const hostQuestions = record<QuestionView[]>(host, 'questions');
    const hostHistory = record<unknown[]>(host, 'chat-history');
    const hostPolls = record<{ id: string; questions: { id: string; choices: { id: string }[] }[] }[]>(host, 'polls');
    await host.connect();
    host.send('start-event');
    await eventually(() => host.state?.status === 'live', 15_000, 'event live');

    const attendee = new RoomConnection(base, await new ApiClient(base).ok('POST', `/events/${event.id}/join`, { name: 'Ada' }));
    connections.push(attendee);
    const answers = record<{ pollId: string; questionId: string }[]>(attendee, 'your-answers');
    const errors = record<{ code: string }>(attendee, 'error');
    const history = record<{ text: string }[]>(attendee, 'chat-history');
    await attendee.connect();
    expect(attendee.status).toBe('live');

    host.send('set-qa-open', { open: true });
    await eventually(() => attendee.state?.qaOpen, 15_000, 'Q&A open');
    attendee.send('chat', { text: 'Will the slides be shared?', asQuestion: true });
    host.send('set-mode', { mode: 'discussion' });
    host.send('poll-create', { title: 'Pace', questions: [{ text: 'Too fast?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] });
    const poll = await eventually(() => hostPolls.at(-1)?.[0], 15_000, 'poll created');
    host.send('poll-start', { pollId: poll.id });
    await eventually(() => attendee.state?.poll.includes(poll.id), 15_000, 'poll on stage');
    const question = poll.questions[0]!;
    attendee.send('poll-answer', { pollId: poll.id, answers: [{ questionId: question.id, choiceIds: [question.choices[0]!.id] }] });
    await eventually(() => answers.at(-1)?.length === 1, 15_000, 'answer stored');
    await eventually(() => host.state?.mode === 'discussion', 15_000, 'discussion mode');

    await kill(server, 'SIGKILL');
    await eventually(() => attendee.status === 'reconnecting' && host.status === 'reconnecting', 15_000, 'both notice');
    server = await startServerProcess(port, dataDir);

    // Back in without anyone reloading: the same connection objects re-entered the rebuilt room.
    await eventually(() => attendee.status === 'live' && host.status === 'live', 45_000, 'both back in');
    await eventually(() => host.state?.mode === 'discussion' && host.state?.status === 'live', 15_000, 'mode and status kept');
    expect(attendee.state.qaOpen).toBe(true);
    expect(JSON.parse(attendee.state.poll).id).toBe(poll.id);
    await eventually(() => hostHistory.length >= 2 && history.length >= 2, 15_000, 'history resent');
    expect(history.at(-1)!.map((l) => l.text)).toContain('Will the slides be shared?');
    expect(hostQuestions.at(-1)!.map((q) => q.text)).toContain('Will the slides be shared?');
    expect(answers.at(-1)).toEqual([{ pollId: poll.id, questionId: question.id, answer: { choiceIds: [question.choices[0]!.id] } }]);

    // The vote given before the crash still counts: a second one is refused.
    attendee.send('poll-answer', { pollId: poll.id, answers: [{ questionId: question.id, choiceIds: [question.choices[1]!.id] }] });
    await eventually(() => errors.find((e) => e.code === 'already-answered'), 15_000, 'second answer refused');
  });
});
