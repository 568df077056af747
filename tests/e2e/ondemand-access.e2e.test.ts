import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionOut } from '../../shared/automated-sessions.ts';
import type { GuestOut } from '../../shared/registration-schemas.ts';
import { ApiClient, createEvent } from '../support/api-client.ts';
import { startBrowserHarness, signUp, WAIT, type BrowserHarness } from '../support/browser.ts';
import { apiOfBrowserSession } from '../support/browser-api.ts';
import { onDemandEvent } from '../support/ondemand-client.ts';
import { eventually } from '../support/room-client.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

const HOUR = 3_600_000;

describe('access to on-demand and automated webinars in Chromium', () => {
  it('the viewer page asks a password event\'s password, and a personal link opens it as its person with only the consent to give', async () => {
    const url = harness.server.url;
    const organizer = await harness.newPage();
    await signUp(organizer, url, 'Olga Organizer', `olga${Date.now()}@example.com`);
    const api = await apiOfBrowserSession(organizer, url);

    // A password event: the page asks for it, says so when it is wrong, and then plays.
    const locked = await onDemandEvent(api, { leadGate: false });
    await api.ok('PATCH', `/events/${locked.event.id}`, { accessType: 'password', password: 'open sesame' });
    const viewer = await harness.newPage();
    await viewer.goto(`${url}/watch/${locked.event.id}`);
    await viewer.getByLabel('Password').fill('guess');
    await viewer.getByRole('button', { name: 'Watch now' }).click();
    await viewer.getByText('Wrong password.').waitFor(WAIT);
    expect(await viewer.getByTestId('od-start').count()).toBe(0);
    await viewer.getByLabel('Password').fill('open sesame');
    await viewer.getByRole('button', { name: 'Watch now' }).click();
    await viewer.getByTestId('od-start').waitFor(WAIT);

    // The organizer's own session is the proof: their page plays without the password, and with a gate, without it too.
    await organizer.goto(`${url}/watch/${locked.event.id}`);
    await organizer.getByTestId('od-start').waitFor(WAIT);
    expect(await organizer.getByLabel('Password').count()).toBe(0);

    // A personal-link event: the link from the registration e-mail (a /room/ link) opens the viewer page as that person.
    const personal = await onDemandEvent(api, { leadGate: true, nameRequired: true });
    await api.ok('PATCH', `/events/${personal.event.id}`, { accessType: 'token' });
    await api.ok('PUT', `/events/${personal.event.id}/registration`, { enabled: true });
    await new ApiClient(url).ok('POST', `/events/${personal.event.id}/registrations`, { email: 'rita@example.com', firstName: 'Rita', lastName: 'Registrant' });
    const [guest] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${personal.event.id}/registrants`)).guests;
    const stranger = await harness.newPage();
    await stranger.goto(`${url}/watch/${personal.event.id}`);
    await stranger.getByText('open the link from your invitation or registration e-mail').waitFor(WAIT);
    await organizer.goto(`${url}/watch/${personal.event.id}`);
    await organizer.getByTestId('od-start').waitFor(WAIT);
    expect(await organizer.getByLabel(/I agree that the organizer/).count()).toBe(0);

    const rita = await harness.newPage();
    await rita.goto(guest!.joinUrl);
    await rita.waitForURL(`**/watch/${personal.event.id}#token=*`, WAIT);
    expect(await rita.getByLabel('E-mail').count()).toBe(0);
    await rita.getByLabel(/I agree that the organizer/).check();
    await rita.getByRole('button', { name: 'Watch now' }).click();
    await rita.getByTestId('od-start').waitFor(WAIT);
    const contacts = await eventually(async () => {
      const list = (await api.ok<{ contacts: { email: string; firstName: string }[] }>('GET', `/contacts?groupId=${personal.group.id}`)).contacts;
      return list.length > 0 && list;
    }, 20_000, 'Rita in the group');
    expect(contacts.map((c) => [c.email, c.firstName])).toEqual([['rita@example.com', 'Rita']]);
  }, 240_000);

  it('the registration page of a webinar with sessions lets the registrant pick one, and registers them for it', async () => {
    const url = harness.server.url;
    const organizer = await harness.newPage();
    await signUp(organizer, url, 'Sam Series', `sam${Date.now()}@example.com`);
    const api = await apiOfBrowserSession(organizer, url);
    const series = await createEvent(api, { kind: 'automated', startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), durationMinutes: 30 });
    await api.ok('PUT', `/events/${series.id}/registration`, { enabled: true });
    const later = await api.ok<SessionOut>('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() + 72 * HOUR).toISOString() });

    const visitor = await harness.newPage();
    await visitor.goto(`${url}/register/${series.id}`);
    await visitor.getByLabel('E-mail').fill('nina@example.com');
    await visitor.getByLabel('First name').fill('Nina');
    await visitor.getByRole('button', { name: 'Register' }).click();
    await visitor.getByText('Choose one of the upcoming sessions.').waitFor(WAIT);
    const picker = visitor.getByLabel('Session');
    expect(await picker.locator('option').count()).toBe(3);
    await picker.selectOption(String(later.id));
    await visitor.getByRole('button', { name: 'Register' }).click();
    await visitor.getByText('You are registered.').waitFor(WAIT);
    const guests = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${later.id}/registrants`)).guests;
    expect(guests.map((g) => g.email)).toEqual(['nina@example.com']);
    expect((await api.ok<{ guests: GuestOut[] }>('GET', `/events/${series.id}/registrants`)).guests).toEqual([]);
  }, 240_000);
});
