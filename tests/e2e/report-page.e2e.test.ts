// @vitest-environment node
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { apiOfBrowserSession } from '../support/browser-api.ts';
import { signUp, startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';

/**
 * The event report in Chromium: an event with three attendees (one of them leaves and
 * comes back) has ended; its organizer opens the report from the dashboard's address,
 * sees the attendees-over-time chart drawn, and downloads the CSV.
 */

const OUTPUT = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');
let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
  mkdirSync(OUTPUT, { recursive: true });
}, 120_000);

afterAll(async () => {
  await harness?.close();
}, 60_000);

describe('event report page in Chromium', () => {
  it('shows the attendees-over-time chart of an ended event, and its CSV download has one row per attendee', async () => {
    const url = harness.server.url;
    const page = await harness.newPage();
    await signUp(page, url, 'Rita Reporter', 'rita@example.com');
    const api = await apiOfBrowserSession(page, url);
    const event = await api.ok<EventOut>('POST', '/events', { name: 'Report day', startsAt: new Date(Date.now() + 3600_000).toISOString(), timeZone: 'Europe/Warsaw' });

    const host = await hostStarts(url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const people = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];
    const joins: JoinOut[] = [];
    for (const name of people) joins.push(await new ApiClient(url).ok<JoinOut>('POST', `/events/${event.id}/join`, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` }));
    const inRoom = await Promise.all(joins.map((j) => RoomParticipant.enter(url, j)));
    await eventually(() => joins.every((j) => host.roster.get(j.participant.id)?.online), 15_000, 'all three in');
    inRoom[0]!.send('chat', { text: 'Hello from Ada' });
    await eventually(() => host.chat.some((l) => l.text === 'Hello from Ada'), 10_000, 'Ada’s line');
    // Ada leaves and comes back: two stays, still one row.
    await inRoom[0]!.leave();
    await eventually(() => host.roster.get(joins[0]!.participant.id)?.online === false, 10_000, 'Ada out');
    inRoom[0] = await RoomParticipant.enter(url, joins[0]!);
    await eventually(() => host.roster.get(joins[0]!.participant.id)?.online, 10_000, 'Ada back');
    for (const p of inRoom) await p.leave();
    host.send('end-event', {});
    await eventually(async () => (await api.ok<any>('GET', `/events/${event.id}/report`)).event.status === 'ended', 10_000, 'the end');

    await page.goto(`${url}/dashboard/events/${event.id}/report`);
    await page.getByRole('heading', { name: 'Report: Report day' }).waitFor(WAIT);
    const chart = page.getByTestId('chart-attendees');
    await chart.locator('canvas').waitFor(WAIT);
    expect(await chart.getAttribute('aria-label')).toContain('at most 3');
    // The canvas really has a drawing on it (not a blank box).
    const drawn = await chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
      return inked;
    });
    expect(drawn).toBeGreaterThan(100);
    await chart.screenshot({ path: join(OUTPUT, 'report-attendees-over-time.png') });
    await page.screenshot({ path: join(OUTPUT, 'report-page.png'), fullPage: true });

    // The table: three rows, searchable, sortable.
    await expect.poll(() => page.getByTestId('attendance-row').count(), WAIT).toBe(3);
    await page.getByRole('searchbox', { name: 'Search by name or e-mail' }).fill('grace');
    await expect.poll(() => page.getByTestId('attendance-row').count(), WAIT).toBe(1);
    await page.getByRole('searchbox', { name: 'Search by name or e-mail' }).fill('');
    await page.getByRole('button', { name: 'Stays' }).click();
    await page.getByRole('button', { name: /Stays/ }).click();
    expect(await page.getByTestId('attendance-row').first().locator('td').first().textContent()).toBe('Ada Lovelace');
    await page.getByTestId('chat-transcript').getByText('Hello from Ada').waitFor(WAIT);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toBe(`attendance-${event.id}.csv`);
    const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.name).sort()).toEqual([...people].sort());
    expect(rows.find((r) => r.name === 'Ada Lovelace')!.stay_count).toBe('2');
    await host.leave();
  });
});
