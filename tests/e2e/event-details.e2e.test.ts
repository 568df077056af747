// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { WAIT, signUp, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { RoomParticipant, eventually } from '../support/room-client.ts';

/**
 * The dashboard matches the event (issue 10): one "Edit" opens the details where the
 * access type and password change, the card shows the password to send out, and an
 * ended event is marked ended and offers its report instead of the room.
 */

let rig: BrowserHarness;
let server: BrowserHarness['server'];
beforeAll(async () => {
  rig = await startBrowserHarness();
  server = rig.server;
}, 120_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

describe('event details in the dashboard', () => {
  it('an organizer changes an event from public to password, copies the password from the card, and an attendee joins with it', async () => {
    const organizer = await rig.newPage();
    await signUp(organizer, server.url, 'Olga Organizer', 'olga.details@example.com');
    const created = await organizer.request.post(`${server.url}/api/v1/events`, {
      data: { name: 'Partner briefing', startsAt: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'Europe/Warsaw', description: 'What changes for partners', agenda: 'News, questions' },
    });
    const event = (await created.json()) as EventOut;

    await organizer.goto(`${server.url}/dashboard`);
    const card = organizer.getByTestId('event-card').filter({ hasText: 'Partner briefing' });
    await card.getByTestId('manage-event').click();
    const access = organizer.getByTestId('access-section');
    await access.getByLabel('Who can enter').selectOption('password');
    await access.getByLabel('Event password').fill('sesame-4711');
    await access.getByTestId('save-access').click();
    await access.getByText('Saved.').waitFor(WAIT);

    await organizer.goto(`${server.url}/dashboard`);
    await card.getByTestId('event-password').filter({ hasText: 'sesame-4711' }).waitFor(WAIT);
    await card.getByTestId('copy-password').click();
    const copied = await organizer.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('sesame-4711');

    const attendee = await rig.newPage();
    await attendee.goto(`${server.url}/room/${event.id}`);
    await attendee.getByTestId('entry-description').filter({ hasText: 'What changes for partners' }).waitFor(WAIT);
    await attendee.getByTestId('entry-agenda').filter({ hasText: 'News, questions' }).waitFor(WAIT);
    await attendee.getByLabel('Your name').fill('Adam Attendee');
    await attendee.getByLabel('Event password').fill(copied);
    await attendee.getByRole('button', { name: 'Join event' }).click();
    await attendee.getByTestId('waiting-room').waitFor(WAIT);
  });

  it('an invited presenter\'s own link is listed and revocable, the shared presenter link can be turned off, and the zone picker searches', async () => {
    const organizer = await rig.newPage();
    await signUp(organizer, server.url, 'Piotr Planner', 'piotr.presenters@example.com');
    const created = await organizer.request.post(`${server.url}/api/v1/events`, { data: { name: 'Panel talk', startsAt: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'America/New_York' } });
    const event = (await created.json()) as EventOut;
    expect((await organizer.request.post(`${server.url}/api/v1/events/${event.id}/invitations`, { data: { role: 'presenter', people: [{ email: 'paula@example.com', firstName: 'Paula', lastName: 'Presenter' }] } })).status()).toBe(201);
    const guests = (await (await organizer.request.get(`${server.url}/api/v1/events/${event.id}/invitations`)).json()) as { guests: { joinUrl: string }[] };
    const paulaLink = guests.guests[0]!.joinUrl.replace(/^https?:\/\/[^/]+/, server.url);

    // Paula enters early with her own link, as presenter.
    const paula = await rig.newPage();
    await paula.goto(paulaLink);
    await paula.getByText('Joining as Paula Presenter, presenter').waitFor(WAIT);
    await paula.getByRole('button', { name: 'Join now' }).click();
    await paula.getByTestId('chat-input').waitFor(WAIT);

    // The card lists her link as a presenter link with where it was used; revoking it closes it.
    await organizer.goto(`${server.url}/dashboard`);
    const card = organizer.getByTestId('event-card').filter({ hasText: 'Panel talk' });
    await card.getByRole('button', { name: 'Copy presenter link' }).waitFor(WAIT);
    await card.getByTestId('event-tokens-toggle').click();
    const item = card.getByTestId('token-item').filter({ hasText: 'paula@example.com' });
    await item.getByText('Presenter', { exact: true }).waitFor(WAIT);
    expect(await item.getAttribute('data-role')).toBe('presenter');
    await item.getByTestId('token-uses').filter({ hasText: 'Used 1×, last on Chrome' }).waitFor(WAIT);
    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByText('Revoked', { exact: true }).waitFor(WAIT);
    const again = await rig.newPage();
    await again.goto(paulaLink);
    await again.getByTestId('link-refused').getByText('This link is no longer valid').waitFor(WAIT);

    // Edit: the shared presenter link turned off; the card no longer offers it.
    await card.getByTestId('manage-event').click();
    const access = organizer.getByTestId('access-section');
    await access.getByTestId('shared-presenter-link').uncheck();
    await access.getByTestId('save-access').click();
    await access.getByText('Saved.').waitFor(WAIT);
    const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
    // Someone with the shared link (no session of the organizer) is refused now.
    const refused = await fetch(`${server.url}/api/v1/events/${event.id}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Shared', presenterKey }) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('presenter-link-off');

    // The zone picker: the browser's zone (Europe/Warsaw here) is named as yours, with its offset; typing a city picks it.
    const zone = organizer.getByLabel('Time zone', { exact: true });
    expect(await zone.inputValue()).toBe('America/New_York');
    expect(await zone.locator('option').first().textContent()).toMatch(/^\(UTC\+0[12]:00\) Europe\/Warsaw · Your time zone$/);
    await organizer.getByTestId('zone-search').fill('tokyo');
    expect(await zone.inputValue()).toBe('Asia/Tokyo');
    expect(await zone.locator('option', { hasText: 'Asia/Tokyo' }).textContent()).toBe('(UTC+09:00) Asia/Tokyo');

    await organizer.goto(`${server.url}/dashboard`);
    await card.getByTestId('event-tokens-toggle').waitFor(WAIT);
    expect(await card.getByRole('button', { name: 'Copy presenter link' }).count()).toBe(0);
  });

  it('an ended event is marked ended, offers "Report" instead of "Enter room", and its room says it has ended', async () => {
    const organizer = await rig.newPage();
    await signUp(organizer, server.url, 'Edda Ended', 'edda.ended@example.com');
    const created = await organizer.request.post(`${server.url}/api/v1/events`, { data: { name: 'Finished talk', startsAt: new Date(Date.now() + 60_000).toISOString(), timeZone: 'America/New_York' } });
    const event = (await created.json()) as EventOut;
    const hostJoin = (await (await organizer.request.post(`${server.url}/api/v1/events/${event.id}/join`, { data: {} })).json()) as JoinOut;
    const host = await RoomParticipant.enter(server.url, hostJoin);
    host.send('start-event', {});
    await eventually(() => host.room.state.status === 'live', 20_000, 'the start');
    host.send('end-event', {});
    await eventually(() => host.room.state.status === 'ended', 20_000, 'the end');
    await host.leave();

    await organizer.goto(`${server.url}/dashboard`);
    const card = organizer.getByTestId('event-card').filter({ hasText: 'Finished talk' });
    await card.getByTestId('event-ended-badge').waitFor(WAIT);
    expect(await card.getByTestId('enter-room').count()).toBe(0);
    await card.getByTestId('event-report').click();
    await card.getByTestId('report-summary').waitFor(WAIT);
    // In the event's zone, named (the event is in New York, this browser in Warsaw).
    expect(await card.getByTestId('report-summary').getByText(/^Ended /).textContent()).toMatch(/^Ended \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} New York · .*\d{2}:\d{2} your time$/);

    await organizer.goto(`${server.url}/room/${event.id}?as=host`);
    await organizer.getByTestId('event-ended').getByText('This event has ended').waitFor(WAIT);

    // An attendee who opens the room link afterwards is told so, and is not let into an ended room.
    const late = await rig.newPage();
    await late.goto(`${server.url}/room/${event.id}`);
    await late.getByTestId('entry-ended').waitFor(WAIT);
    await late.getByLabel('Your name').fill('Late Larry');
    await late.getByRole('button', { name: 'Join event' }).click();
    await late.getByText('This event has ended.').last().waitFor(WAIT);
    expect(await late.getByTestId('chat-input').count()).toBe(0);
  });
});
