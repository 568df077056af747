import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { PollOut } from '../../shared/poll-schemas.ts';
import { RoomConnection } from '../../shared/room-connection.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { settleWithin } from '../support/deadline.ts';
import { makePdf } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { eventually, record } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const connections: RoomConnection[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of connections) await settleWithin(c.leave(), 3_000);
  await server?.cleanup();
});

interface LogEntry { at: string; positionMs: number; kind: 'manual' | 'skipped'; action: string; by: string; actor: { participantId: string; name: string; role: string } | null }

/**
 * Issue 12, "a manual change wins over the timeline and is logged", for everything the
 * timeline drives besides the chat: the poll (open, results, close), the CTA (show,
 * close) and the main window (the presentation's page, the main view). Each change by
 * hand is logged with the person who made it; the timeline's later actions on the same
 * thing are not done, and are logged as skipped.
 */
describe('manual changes in an automated webinar win over its timeline (AUTO-3)', () => {
  it('the host closes the poll and the CTA, turns the page and switches the main view; the timeline leaves them alone and the log names the host', async () => {
    const { api } = await newOrganizer(server.url);
    const deck = await uploadReady(api, 'Deck.pdf', makePdf(3));
    const startsAt = new Date(Date.now() + 5_000);
    const event = await createEvent(api, { kind: 'automated', startsAt: startsAt.toISOString() });
    const poll = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { title: 'Pace', questions: [{ text: 'Too fast?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] });
    await api.ok('PUT', `/events/${event.id}/timeline`, {
      version: 1,
      main: [{ id: 'deck', kind: 'slides', startMs: 0, durationMs: 120_000, assetId: deck.id, pageAtMs: [0, 14_000, 20_000] }],
      overlay: [
        // Open at once; the timeline would show its results at 0:12 and close it at 0:16.
        { id: 'pace', kind: 'poll', startMs: 0, durationMs: 16_000, pollId: poll.id, showResultsAtMs: 12_000 },
        // Shown at once; the timeline would close it at 0:13 and show another at 0:15.
        { id: 'offer', kind: 'cta', startMs: 0, durationMs: 13_000, message: 'Get the e-book', buttonLabel: 'Get it', url: 'https://example.com/book' },
        { id: 'offer-2', kind: 'cta', startMs: 15_000, durationMs: 30_000, message: 'Book a call', buttonLabel: 'Book', url: 'https://example.com/call' },
      ],
    });
    await eventually(async () => (await api.ok<EventOut>('GET', `/events/${event.id}`)).status === 'live', 30_000, 'started by its schedule');

    const attendee = new RoomConnection(server.url, await new ApiClient(server.url).ok('POST', `/events/${event.id}/join`, { name: 'Ada' }));
    connections.push(attendee);
    await attendee.connect();
    const hostJoin = await api.ok<{ participant: { id: string; name: string } }>('POST', `/events/${event.id}/join`, { name: 'Olga at the desk' });
    const host = new RoomConnection(server.url, hostJoin as never);
    connections.push(host);
    const hostErrors = record<{ code: string; message: string }>(host, 'error');
    await host.connect();
    // What the timeline put on at 0:00: the deck on page 1, the poll and the CTA.
    await eventually(() => attendee.state?.presentation?.page === 1 && attendee.state.cta && attendee.state.poll?.includes(poll.id), 20_000, 'the timeline\'s stage at 0:00');

    // By hand, well before 0:12: close the poll and the CTA, go to page 3, then show the whiteboard.
    host.send('poll-end', { pollId: poll.id });
    await eventually(() => attendee.state.poll === '', 15_000, 'the poll closed by hand');
    host.send('cta-close', {});
    await eventually(() => !attendee.state.cta, 15_000, 'the CTA closed by hand');
    host.send('presentation-page', { page: 3 });
    await eventually(() => attendee.state.presentation?.page === 3, 15_000, 'page 3 by hand');
    host.send('set-main-view', { view: 'whiteboard' });
    await eventually(() => attendee.state.mainView === 'whiteboard', 15_000, 'the whiteboard by hand');
    expect(Date.now() - startsAt.getTime(), 'the hand came first').toBeLessThan(12_000);
    expect(hostErrors).toEqual([]);

    // Past 0:20: results, closing, the second CTA and both page turns were the timeline's, and none was done.
    const log = await eventually(async () => {
      if (Date.now() - startsAt.getTime() < 21_000) return undefined;
      const entries = (await api.ok<{ entries: LogEntry[] }>('GET', `/events/${event.id}/automated-log`)).entries;
      return entries.filter((e) => e.kind === 'skipped').length >= 6 ? entries : undefined;
    }, 60_000, 'the skipped timeline actions in the log');
    expect(attendee.state.cta).toBeFalsy();
    expect(attendee.state.presentation?.page).toBe(3);
    expect(attendee.state.mainView).toBe('whiteboard');
    // The poll stays closed by hand, its results never shown.
    expect([attendee.state.poll, attendee.state.pollResults]).toEqual(['', '']);

    const oldestFirst = [...log].reverse();
    const manual = oldestFirst.filter((e) => e.kind === 'manual');
    expect(manual.map((e) => e.action)).toEqual(['poll-end', 'cta-close', 'slides-page-3', 'main-view-whiteboard']);
    for (const entry of manual) {
      expect(entry.actor).toEqual({ participantId: hostJoin.participant.id, name: 'Olga at the desk', role: 'host' });
      expect(entry.positionMs).toBeLessThan(12_000);
    }
    const skipped = oldestFirst.filter((e) => e.kind === 'skipped');
    expect(skipped.map((e) => [e.action, e.by, e.actor])).toEqual([
      ['poll-results', 'timeline', null],
      ['cta-close', 'timeline', null],
      ['main-deck-page-2', 'timeline', null],
      ['cta-show', 'timeline', null],
      ['poll-end', 'timeline', null],
      ['main-deck-page-3', 'timeline', null],
    ]);
    const at = (action: string) => skipped.find((e) => e.action === action)!.positionMs;
    expect(at('poll-results')).toBeGreaterThanOrEqual(12_000);
    expect(at('cta-close')).toBeGreaterThanOrEqual(13_000);
    expect(at('main-deck-page-2')).toBeGreaterThanOrEqual(14_000);
    expect(at('cta-show')).toBeGreaterThanOrEqual(15_000);
    expect(at('poll-end')).toBeGreaterThanOrEqual(16_000);
    expect(at('main-deck-page-3')).toBeGreaterThanOrEqual(20_000);
  }, 180_000);
});
