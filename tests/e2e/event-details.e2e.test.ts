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

  it('an ended event is marked ended, offers "Report" instead of "Enter room", and its room says it has ended', async () => {
    const organizer = await rig.newPage();
    await signUp(organizer, server.url, 'Edda Ended', 'edda.ended@example.com');
    const created = await organizer.request.post(`${server.url}/api/v1/events`, { data: { name: 'Finished talk', startsAt: new Date(Date.now() + 60_000).toISOString(), timeZone: 'Europe/Warsaw' } });
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

    await organizer.goto(`${server.url}/room/${event.id}?as=host`);
    await organizer.getByTestId('event-ended').getByText('This event has ended').waitFor(WAIT);
  });
});
