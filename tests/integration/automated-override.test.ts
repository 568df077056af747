import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import { RoomConnection } from '../../shared/room-connection.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { eventually, record } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const connections: RoomConnection[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of connections) await c.leave();
  await server.cleanup();
});

interface LogEntry { at: string; positionMs: number; kind: 'manual' | 'skipped'; action: string; by: string; actor: { participantId: string; name: string; role: string } | null }

describe('a manual change in an automated webinar (AUTO-3)', () => {
  it('wins over the timeline: the host turns the chat on by hand, the timeline’s later chat switches are not done, and both are logged', async () => {
    const { api } = await newOrganizer(server.url);
    const startsAt = new Date(Date.now() + 4_000);
    const event = await createEvent(api, { kind: 'automated', startsAt: startsAt.toISOString() });
    await api.ok('PUT', `/events/${event.id}/timeline`, {
      version: 1,
      chatEnabledAtStart: false,
      main: [{ id: 'talk', kind: 'blank', startMs: 0, durationMs: 120_000, message: 'Recorded presentation' }],
      overlay: [
        { id: 'chat-on', kind: 'chat', startMs: 15_000, enabled: true },
        { id: 'chat-off', kind: 'chat', startMs: 25_000, enabled: false },
      ],
    });
    await eventually(async () => (await api.ok<EventOut>('GET', `/events/${event.id}`)).status === 'live', 30_000, 'started by its schedule');

    const attendee = new RoomConnection(server.url, await new ApiClient(server.url).ok('POST', `/events/${event.id}/join`, { name: 'Ada' }));
    connections.push(attendee);
    const errors = record<{ code: string }>(attendee, 'error');
    await attendee.connect();
    expect(attendee.state.chatEnabled).toBe(false);
    attendee.send('chat', { text: 'anyone?' });
    await eventually(() => errors.find((e) => e.code === 'chat-off'), 15_000, 'chat refused while off');

    // The organizer joins as host at any time and turns the chat on by hand, before the timeline would.
    const hostJoin = await api.ok<{ participant: { id: string; name: string } }>('POST', `/events/${event.id}/join`, { name: 'Olga at the desk' });
    const host = new RoomConnection(server.url, hostJoin as never);
    connections.push(host);
    const hostErrors = record<{ code: string; message: string }>(host, 'error');
    await host.connect();
    // While the chat is off no transcript is kept, not even the host's lines: they turn it on to answer.
    host.send('chat', { text: 'Not kept' });
    const refused = await eventually(() => hostErrors.find((e) => e.code === 'chat-off'), 15_000, 'the host\'s line refused while off');
    expect(refused.message).toContain('turn the chat on');
    host.send('set-chat-enabled', { enabled: true });
    await eventually(() => attendee.state?.chatEnabled === true, 15_000, 'chat on by hand');
    const handAt = Date.now() - startsAt.getTime();
    expect(handAt).toBeLessThan(15_000); // the test is only meaningful if the hand came first

    // Past 0:25, where the timeline would have switched the chat off: it is still on, and the host can answer.
    await eventually(() => Date.now() - startsAt.getTime() > 26_000 || undefined, 40_000, 'past 0:25');
    const log = await eventually(async () => {
      const entries = (await api.ok<{ entries: LogEntry[] }>('GET', `/events/${event.id}/automated-log`)).entries;
      return entries.some((e) => e.kind === 'skipped' && e.action === 'chat-off') ? entries : undefined;
    }, 20_000, 'the skipped chat-off in the log');
    expect(attendee.state.chatEnabled).toBe(true);
    const lines = record<{ text: string }>(attendee, 'chat');
    host.send('chat', { text: 'Happy to answer here.' });
    attendee.send('chat', { text: 'Thanks!' });
    await eventually(() => lines.some((l) => l.text === 'Happy to answer here.') && lines.some((l) => l.text === 'Thanks!'), 15_000, 'chat works');

    // Newest first: the skipped switches at 0:25 and 0:15, then the host's change near the start.
    const oldestFirst = [...log].reverse().map((e) => [e.kind, e.action, e.by]);
    expect(oldestFirst).toEqual([['manual', 'chat-on', 'host'], ['skipped', 'chat-on', 'timeline'], ['skipped', 'chat-off', 'timeline']]);
    const [manual, skippedOn, skippedOff] = [...log].reverse();
    // The real person who acted, not only "host".
    expect(manual!.actor).toEqual({ participantId: hostJoin.participant.id, name: 'Olga at the desk', role: 'host' });
    expect(skippedOn!.actor).toBeNull();

    // The transcript holds the lines from the moment the chat was on, none from before.
    const report = await api.ok<{ chat: { text: string }[] }>('GET', `/events/${event.id}/report`);
    const texts = report.chat.map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['Happy to answer here.', 'Thanks!']));
    expect(texts).not.toContain('Not kept');
    expect(texts).not.toContain('anyone?');
    expect(manual!.positionMs).toBeLessThan(15_000);
    expect(skippedOn!.positionMs).toBeGreaterThanOrEqual(15_000);
    expect(skippedOff!.positionMs).toBeGreaterThanOrEqual(25_000);

    // Another organizer cannot read the log.
    const other = await newOrganizer(server.url, 'Oskar Other');
    expect((await other.api.request('GET', `/events/${event.id}/automated-log`)).status).toBe(404);
  }, 120_000);
});
