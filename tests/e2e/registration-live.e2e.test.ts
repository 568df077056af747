// @vitest-environment node
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { WAIT, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';

/**
 * The registration confirmation (issue 10): "Add to calendar" always (an .ics of the
 * event), "Join now" while the event is live, and no claim that a link is on its way
 * when nothing was sent.
 */
let rig: BrowserHarness;
let server: BrowserHarness['server'];
const hosts: RoomParticipant[] = [];
beforeAll(async () => {
  rig = await startBrowserHarness();
  server = rig.server;
}, 120_000);
afterAll(async () => {
  for (const host of hosts) await host.leave();
  await rig?.close();
}, 60_000);

async function eventWithRegistration(api: ApiClient, name: string, overrides: Record<string, unknown> = {}): Promise<EventOut> {
  const event = await createEvent(api, { name, startsAt: new Date(Date.now() + 3_600_000).toISOString(), timeZone: 'Europe/Warsaw', ...overrides });
  await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { firstName: 'required' } });
  return event;
}

async function register(page: Page, eventId: number, email: string, firstName: string): Promise<void> {
  await page.goto(`${server.url}/register/${eventId}`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('First name').fill(firstName);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByTestId('registration-done').waitFor(WAIT);
}

describe('the registration confirmation', () => {
  it('of a live event offers "Join now", which enters the room, and "Add to calendar" with the event\'s .ics', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await eventWithRegistration(api, 'Live launch');
    const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
    hosts.push(host);

    const page = await rig.newPage();
    await register(page, event.id, 'marta@example.com', 'Marta');
    // A default install delivers no e-mail, and the page says so instead of "on its way".
    await page.getByTestId('registration-mail-kept').waitFor(WAIT);

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('link', { name: 'Add to calendar' }).click()]);
    expect(download.suggestedFilename()).toBe(`event-${event.id}.ics`);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Live launch');
    expect(ics).not.toContain('#token=');

    await page.getByRole('link', { name: 'Join now' }).click();
    await page.waitForURL(`**/room/${event.id}`, WAIT);
    await page.getByLabel('Your name').fill('Marta');
    await page.getByRole('button', { name: 'Join event' }).click();
    await page.getByTestId('chat-input').waitFor(WAIT);
    await eventually(() => [...host.roster.values()].find((e) => e.name === 'Marta' && e.online), 20_000, 'Marta in the room');

    // Registering again: nothing new is sent, and the page does not pretend otherwise.
    const again = await rig.newPage();
    await register(again, event.id, 'marta@example.com', 'Marta');
    await again.getByTestId('registration-nothing-sent').waitFor(WAIT);
  });

  it('of an event not live yet, or of a live event that opens only with a personal link, offers "Add to calendar" and no "Join now"', async () => {
    const { api } = await newOrganizer(server.url);
    const later = await eventWithRegistration(api, 'Later talk');
    const page = await rig.newPage();
    await register(page, later.id, 'lena@example.com', 'Lena');
    await page.locator('[data-testid="registration-links"][data-live="false"]').getByRole('link', { name: 'Add to calendar' }).waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Join now' }).count()).toBe(0);

    const tokenOnly = await eventWithRegistration(api, 'Members only', { accessType: 'token' });
    hosts.push(await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${tokenOnly.id}/join`, {})));
    // A token event opens only with the e-mailed link: no "Join now" that would lead to a token form.
    const page2 = await rig.newPage();
    await register(page2, tokenOnly.id, 'nina@example.com', 'Nina');
    await page2.locator('[data-testid="registration-links"][data-live="true"]').getByRole('link', { name: 'Add to calendar' }).waitFor(WAIT);
    expect(await page2.getByRole('link', { name: 'Join now' }).count()).toBe(0);
  });
});
