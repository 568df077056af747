import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { PollOut } from '../../shared/poll-schemas.ts';
import { RoomConnection } from '../../shared/room-connection.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { eventually, record } from '../support/room-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'webinar-automated-'));
let server: ChildProcess | undefined;
const connections: RoomConnection[] = [];
afterAll(async () => {
  for (const c of connections) await c.leave();
  if (server) await kill(server);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an automated webinar (AUTO-1, AUTO-3)', () => {
  it('starts by itself with nobody present, opens its poll and CTA at their times, keeps the chat off until the host turns it on, and survives a SIGKILL', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(port, dataDir);
    const { api } = await newOrganizer(base);
    const startsAt = new Date(Date.now() + 4_000);
    const event = await createEvent(api, { kind: 'automated', startsAt: startsAt.toISOString() });
    const poll = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { title: 'Pace', questions: [{ text: 'Too fast?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] });
    const question = poll.questions[0]!;
    await api.ok('PUT', `/events/${event.id}/timeline`, {
      version: 1,
      chatEnabledAtStart: false,
      main: [{ id: 'talk', kind: 'blank', startMs: 0, durationMs: 75_000, message: 'Recorded presentation' }],
      overlay: [
        { id: 'pace', kind: 'poll', startMs: 5_000, durationMs: 55_000, pollId: poll.id, showResultsAtMs: null },
        { id: 'offer', kind: 'cta', startMs: 8_000, durationMs: 62_000, message: 'Get the e-book', buttonLabel: 'Get it', url: 'https://example.com/book' },
      ],
    });

    // Nobody is there at the start: the schedule starts the room by itself.
    // Read from the server's own SQLite file: no socket is open, so nothing but the schedule can start it.
    const database = new Database(join(dataDir, 'app.db'), { readonly: true, fileMustExist: true });
    const status = () => (database.prepare('SELECT r.status FROM room_states r JOIN events e ON e.id = r.event_id WHERE e.public_id = ?').get(event.id) as { status: string } | undefined)?.status;
    await eventually(() => status() === 'live', 20_000, 'the event live by its schedule');
    database.close();

    const attendee = new RoomConnection(base, await new ApiClient(base).ok('POST', `/events/${event.id}/join`, { name: 'Ada' }));
    connections.push(attendee);
    const errors = record<{ code: string }>(attendee, 'error');
    await attendee.connect();
    expect(attendee.status).toBe('live');
    expect(attendee.state.chatEnabled).toBe(false);

    // 0:05 — the poll opens through the room's own poll code, so its answer is counted like a live one.
    await eventually(() => attendee.state?.poll?.includes(poll.id), 20_000, 'the poll at 0:05');
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime() + 5_000);
    attendee.send('poll-answer', { pollId: poll.id, answers: [{ questionId: question.id, choiceIds: [question.choices[1]!.id] }] });
    await eventually(async () => (await api.ok<{ respondents: number }>('GET', `/events/${event.id}/polls/${poll.id}/results`)).respondents === 1, 15_000, 'the answer in the results');

    // 0:08 — the call to action; a click is counted.
    const cta = await eventually(() => attendee.state?.cta?.id as string | undefined, 20_000, 'the CTA at 0:08');
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime() + 8_000);
    attendee.send('cta-click', { ctaId: cta });

    // The chat is off from creation: refused for the attendee.
    attendee.send('chat', { text: 'Hello?' });
    await eventually(() => errors.find((e) => e.code === 'chat-off'), 15_000, 'chat refused');

    // SIGKILL in the middle: back at the right position, the poll not started twice, the CTA the same.
    await kill(server, 'SIGKILL');
    await eventually(() => attendee.status === 'reconnecting', 15_000, 'attendee notices');
    server = await startServerProcess(port, dataDir);
    await eventually(() => attendee.status === 'live', 45_000, 'attendee back in');
    await eventually(() => attendee.state?.cta?.id === cta && attendee.state.poll.includes(poll.id), 15_000, 'poll and CTA as before');
    expect(attendee.state.chatEnabled).toBe(false);

    // The organizer joins as host at any time: sees the click, turns the chat on by hand, and that wins.
    const host = new RoomConnection(base, await api.ok('POST', `/events/${event.id}/join`, {}));
    connections.push(host);
    const ctaStats = record<{ ctaId: string; clicks: number }>(host, 'cta-stats');
    await host.connect();
    await eventually(() => ctaStats.find((s) => s.ctaId === cta && s.clicks === 1), 15_000, 'the click counted');
    host.send('set-chat-enabled', { enabled: true });
    await eventually(() => attendee.state?.chatEnabled === true, 15_000, 'chat on by hand');
    const lines = record<{ text: string }>(attendee, 'chat');
    attendee.send('chat', { text: 'Thanks for the e-book' });
    await eventually(() => lines.find((l) => l.text === 'Thanks for the e-book'), 15_000, 'chat line delivered');

    // 1:00 — the poll closes by the timeline; 1:15 — the timeline ends the webinar.
    await eventually(() => attendee.state?.poll === '', 90_000, 'the poll closed');
    expect(attendee.status).toBe('live');
    await eventually(() => attendee.status === 'ended', 90_000, 'the webinar ended by its timeline');
  }, 300_000);
});
