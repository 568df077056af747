// @vitest-environment node
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOfBrowserSession } from '../support/browser-api.ts';
import { signUp, startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';
import { eventually, hostStarts } from '../support/room-client.ts';
import type { EventOut } from '../../shared/event-schemas.ts';

/**
 * After the event in Chromium: the attendee rates it on the thank-you page; the
 * organizer adds a webhook endpoint, follows its delivery log and presses "Resend",
 * opens the account statistics, and exports the attendee's data by e-mail.
 */

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
}, 120_000);
afterAll(async () => {
  await harness?.close();
}, 60_000);

describe('after-the-event pages in Chromium', () => {
  it('rating on the thank-you page, webhook delivery log with Resend, statistics chart and an attendee export', async () => {
    const url = harness.server.url;
    const organizer = await harness.newPage();
    await signUp(organizer, url, 'Olga Owner', 'olga@example.com');
    const api = await apiOfBrowserSession(organizer, url);
    const event = await api.ok<EventOut>('POST', '/events', { name: 'Feedback hour', startsAt: new Date(Date.now() + 3600_000).toISOString(), timeZone: 'Europe/Warsaw' });

    // An endpoint for event.ended, added in the dashboard (its host does not resolve: the delivery is retried).
    await organizer.goto(`${url}/dashboard/webhooks`);
    await organizer.getByText('No endpoints yet.').waitFor(WAIT);
    await organizer.getByLabel('Endpoint URL').fill('https://hooks.invalid/crm');
    await organizer.getByRole('button', { name: 'Add endpoint' }).last().click();
    await organizer.getByTestId('webhook-endpoint').filter({ hasText: 'https://hooks.invalid/crm' }).waitFor(WAIT);

    // The attendee joins in the browser and rates the event when the host ends it.
    const host = await hostStarts(url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const attendee = await harness.newPage();
    await attendee.goto(`${url}/room/${event.id}`);
    await attendee.getByLabel('Your name').fill('Paula Participant');
    await attendee.getByLabel('E-mail').fill('paula@example.com');
    await attendee.getByRole('button', { name: 'Join event' }).click();
    await attendee.getByTestId('chat-input').waitFor(WAIT);
    host.send('end-event', {});
    const form = attendee.getByTestId('rating-form');
    await form.waitFor(WAIT);
    await form.getByText('4', { exact: true }).click();
    await form.getByLabel(/Comment/).fill('Clear and useful');
    await form.getByRole('button', { name: 'Send rating' }).click();
    await attendee.getByText('Thank you for your rating.').waitFor(WAIT);
    const report = await api.ok<any>('GET', `/events/${event.id}/report`);
    expect(report.ratingCounts).toEqual([0, 0, 0, 1, 0]);
    expect(report.comments).toEqual([{ name: 'Paula Participant', rating: 4, comment: 'Clear and useful' }]);

    // The delivery log shows the failing delivery; "Resend" makes another attempt at once.
    await organizer.reload();
    const row = organizer.getByTestId('delivery-row').filter({ hasText: 'event.ended' });
    await row.filter({ hasText: 'Retrying' }).waitFor(WAIT);
    const attemptsOf = async () => (await api.ok<any>('GET', '/webhook-deliveries')).deliveries.find((d: any) => d.eventType === 'event.ended').attempts as number;
    const before = await eventually(async () => (await attemptsOf()) >= 1 && attemptsOf(), 15_000, 'the first attempt');
    await row.getByRole('button', { name: 'Resend' }).click();
    await eventually(async () => (await attemptsOf()) > before, 15_000, 'another attempt after Resend');
    expect((await row.textContent()) ?? '').toMatch(/hooks\.invalid/);

    // Statistics: the per-month chart is drawn.
    await organizer.goto(`${url}/dashboard/statistics`);
    await organizer.getByTestId('chart-months').locator('canvas').waitFor(WAIT);

    // Data protection: the attendee's export downloads as JSON with her rating in it.
    await organizer.goto(`${url}/dashboard/privacy`);
    await organizer.getByLabel('Attendee’s e-mail').fill('paula@example.com');
    const [download] = await Promise.all([organizer.waitForEvent('download'), organizer.getByRole('button', { name: 'Export as JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.records.event_ratings[0]).toMatchObject({ rating: 4, comment: 'Clear and useful' });
    await host.leave();
  });
});
