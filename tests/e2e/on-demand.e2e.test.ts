import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactOut } from '../../shared/contact-schemas.ts';
import type { StatsOut } from '../../shared/ondemand-schemas.ts';
import { startBrowserHarness, signUp, WAIT, type BrowserHarness } from '../support/browser.ts';
import { apiOfBrowserSession } from '../support/browser-api.ts';
import { onDemandEvent } from '../support/ondemand-client.ts';
import { waitForMail } from '../support/outbox.ts';
import { eventually } from '../support/room-client.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

const position = async (page: import('playwright-core').Page) => Number(await page.getByTestId('od-stage').getAttribute('data-position'));

describe('an on-demand webinar in Chromium (OD-1..3)', () => {
  it('gates viewers into the contact group, allows or refuses seeking, carries a message and its answer, and counts the viewer', async () => {
    const url = harness.server.url;
    const organizer = await harness.newPage();
    await signUp(organizer, url, 'Olga Organizer', `olga${Date.now()}@example.com`);
    const api = await apiOfBrowserSession(organizer, url);
    const { event, group } = await onDemandEvent(api, { leadGate: true, nameRequired: false, allowSeek: true, videoSeconds: 20, chatOffAtMs: 19_000, group: 'Webinar leads' });

    // The organizer asks for the name too, in the dashboard.
    await organizer.goto(`${url}/dashboard/events/${event.id}/on-demand`);
    await organizer.getByLabel('Ask for the name as well').check();
    await expect.poll(() => organizer.getByLabel('Add the addresses to this contact group').inputValue()).toBe(group.id);
    await organizer.getByRole('button', { name: 'Save settings' }).click();
    await organizer.getByText('Settings saved.').waitFor(WAIT);

    // A viewer passes the gate: the address lands in the chosen group.
    const viewer = await harness.newPage();
    await viewer.goto(`${url}/watch/${event.id}`);
    await viewer.getByLabel('E-mail').fill('vera@example.com');
    await viewer.getByLabel('Your name').fill('Vera Viewer');
    await viewer.getByLabel(/I agree that the organizer/).check();
    await viewer.getByRole('button', { name: 'Watch now' }).click();
    const members = await eventually(async () => {
      const list = (await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts;
      return list.length > 0 && list;
    }, 20_000, 'the address in the group');
    expect(members.map((c) => [c.email, c.firstName, c.lastName])).toEqual([['vera@example.com', 'Vera', 'Viewer']]);

    // Seeking allowed: the scrubber moves the video there.
    await viewer.getByTestId('od-start').click();
    await eventually(async () => (await position(viewer)) > 500, 30_000, 'playback started');
    await viewer.getByTestId('od-scrubber').fill('12000');
    await eventually(async () => (await position(viewer)) >= 12_000, 20_000, 'the seek allowed');
    const videoAt = await viewer.getByTestId('od-video').evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(videoAt).toBeGreaterThanOrEqual(11.5);
    expect(await viewer.getByTestId('od-notice').count()).toBe(0);

    // The viewer leaves a message; the organizer answers from the inbox; the answer is e-mailed.
    await viewer.getByLabel('Your message').fill('Can I get the slides?');
    await viewer.getByRole('button', { name: 'Send', exact: true }).click();
    await viewer.getByText('Sent. The answer will come by e-mail.').waitFor(WAIT);
    await organizer.goto(`${url}/dashboard/events/${event.id}/on-demand/inbox`);
    const message = organizer.getByTestId('inbox-message').filter({ hasText: 'Can I get the slides?' });
    await message.waitFor(WAIT);
    await message.getByLabel('Your answer').fill('Yes, they are on their way.');
    await message.getByRole('button', { name: 'Send the answer' }).click();
    await message.getByTestId('mail-status').waitFor(WAIT);
    expect(await message.getByTestId('mail-status').getAttribute('data-status')).toBe('outbox');
    const [mail] = await waitForMail(api, (m) => m.to === 'vera@example.com', 1, 'the answer');
    expect(mail!.text).toContain('Yes, they are on their way.');

    // Seeking forbidden (set in the dashboard): a second viewer cannot skip ahead, by the scrubber or by the video element.
    await organizer.goto(`${url}/dashboard/events/${event.id}/on-demand`);
    await organizer.getByLabel('Viewers may seek (skip ahead)').uncheck();
    await organizer.getByRole('button', { name: 'Save settings' }).click();
    await organizer.getByText('Settings saved.').waitFor(WAIT);
    const second = await harness.newPage();
    await second.goto(`${url}/watch/${event.id}`);
    await second.getByLabel('E-mail').fill('sam@example.com');
    await second.getByLabel('Your name').fill('Sam Second');
    await second.getByLabel(/I agree that the organizer/).check();
    await second.getByRole('button', { name: 'Watch now' }).click();
    await second.getByTestId('od-start').click();
    await eventually(async () => (await position(second)) > 300, 30_000, 'second playback started');
    await second.getByText('Skipping ahead is turned off for this webinar.').waitFor(WAIT);
    // With the keyboard: End on the scrubber asks for the very end.
    await second.getByTestId('od-scrubber').focus();
    await second.keyboard.press('End');
    await second.getByTestId('od-notice').waitFor(WAIT);
    expect(await second.getByTestId('od-notice').textContent()).toMatch(/Skipping ahead is turned off/);
    expect(await position(second)).toBeLessThan(10_000);
    await second.getByTestId('od-video').evaluate((v: HTMLVideoElement) => { v.currentTime = 16; });
    await eventually(async () => (await second.getByTestId('od-video').evaluate((v: HTMLVideoElement) => v.currentTime)) < 10, 10_000, 'the video put back');
    expect(await position(second)).toBeLessThan(10_000);

    // Statistics: the first viewer with their time watched, and the drop-off chart.
    await eventually(async () => {
      const stats = await api.ok<StatsOut>('GET', `/events/${event.id}/ondemand/stats`);
      return stats.viewers.find((v) => v.email === 'vera@example.com' && v.watchedMs >= 1000 && v.maxPosMs >= 12_000);
    }, 30_000, 'the first viewer\'s heartbeats');
    await organizer.goto(`${url}/dashboard/events/${event.id}/on-demand/stats`);
    await organizer.getByTestId('viewers-table').waitFor(WAIT);
    expect(await organizer.getByTestId('unique-viewers').textContent()).toBe('2');
    const row = organizer.getByTestId('viewer-row').filter({ hasText: 'vera@example.com' });
    expect(await row.getByTestId('watched').textContent()).not.toBe('0:00');
    await organizer.locator('[data-testid="chart-dropoff"] canvas').waitFor(WAIT);
    expect(await organizer.getByTestId('dropoff-labels').textContent()).toContain('demo.mp4');
  }, 240_000);
});
