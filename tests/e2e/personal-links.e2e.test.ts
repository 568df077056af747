// @vitest-environment node
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { GuestOut } from '../../shared/registration-schemas.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { WAIT, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { joinLinkOf, waitForMail } from '../support/outbox.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';

/**
 * Personal links in Chromium (issue 10): the link carries the person ("Joining as …",
 * never a name the browser remembers), one link is one seat (the newest device keeps
 * it), and a revoked link says so and offers the password form; a reload re-enters.
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

/** Links in e-mails name the public address; the test server listens on another host name. */
const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, server.url);

async function startedEvent(api: ApiClient, overrides: Record<string, unknown> = {}): Promise<{ event: EventOut; host: RoomParticipant }> {
  const event = await createEvent(api, { startsAt: new Date(Date.now() + 3_600_000).toISOString(), ...overrides });
  const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
  hosts.push(host);
  return { event, host };
}

async function typeAndJoin(page: Page, eventId: number, name: string): Promise<void> {
  await page.goto(`${server.url}/room/${eventId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join event' }).click();
  await page.getByTestId('chat-input').waitFor(WAIT);
}

describe('personal links carry the person', () => {
  it('a registrant opens her e-mailed link in a browser that typed another name before: "Joining as" her name, and she enters under it; the same link in a second browser takes the seat', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, host } = await startedEvent(api, { name: 'Spring product webinar' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { firstName: 'required', lastName: 'required' } });

    // This browser joined before under another name (and remembers it).
    const before = await rig.newPage();
    await typeAndJoin(before, event.id, 'Kasia Kowalska');

    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: 'zofia@example.com', firstName: 'Zofia', lastName: 'Nowak' });
    const [mail] = await waitForMail(api, (m) => m.to === 'zofia@example.com', 1, 'registration confirmation');
    const link = local(joinLinkOf(mail!));

    // She opens the e-mailed link in a new tab of that browser.
    const first = await before.context().newPage();
    await before.close();
    await first.goto(link);
    await first.getByTestId('joining-as').getByText('Joining as Zofia Nowak').waitFor(WAIT);
    expect(await first.getByLabel('Your name').count()).toBe(0);
    await first.getByRole('button', { name: 'Join now' }).click();
    await first.getByTestId('chat-input').waitFor(WAIT);
    const zofia = await eventually(() => [...host.roster.values()].find((e) => e.name === 'Zofia Nowak' && e.online), 20_000, 'Zofia in the host\'s roster');
    await first.getByLabel('Message').fill('Hello from Zofia');
    await first.getByLabel('Message').press('Enter');
    await eventually(() => host.chat.find((l) => l.text === 'Hello from Zofia'), 20_000, 'her line at the host');

    // The same link, forwarded to a second browser: it takes the seat, the first one is told and leaves.
    const second = await rig.newPage();
    await second.goto(link);
    await second.getByRole('button', { name: 'Join now' }).click();
    await second.getByTestId('chat-input').waitFor(WAIT);
    await first.getByTestId('replaced').getByText('This link was opened on another device').waitFor(WAIT);
    expect(await first.getByTestId('chat-input').count()).toBe(0);

    await eventually(() => [...host.roster.values()].filter((e) => e.role === 'attendee' && e.online).length === 1 && host.roster.get(zofia.id)?.online, 20_000, 'one attendee online: Zofia');
    expect(host.roster.get(zofia.id)!.name).toBe('Zofia Nowak');
    // Her earlier line keeps her name: on her new device, and for someone who arrives now.
    await second.getByTestId('chat-line').filter({ hasText: 'Hello from Zofia' }).waitFor(WAIT);
    const observer = await RoomParticipant.enter(server.url, await new ApiClient(server.url).ok<JoinOut>('POST', `/events/${event.id}/join`, { name: 'Late Observer' }));
    const history = await eventually(() => observer.history, 20_000, 'the chat history of a late arrival');
    expect(history.find((l) => l.text === 'Hello from Zofia')!.name).toBe('Zofia Nowak');
    await observer.leave();
  });
});

describe('a personal link in a tab where someone else was in the room', () => {
  it('shows "Joining as" its holder (also after a reload), not the room of the person before', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, host } = await startedEvent(api, { name: 'Shared computer' });
    await api.ok('POST', `/events/${event.id}/invitations`, { people: [{ email: 'ala@example.com', firstName: 'Ala', lastName: 'Makota' }] });
    const [guest] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${event.id}/invitations`)).guests;
    const page = await rig.newPage();
    await typeAndJoin(page, event.id, 'Kasia Kowalska');
    await eventually(() => [...host.roster.values()].find((e) => e.name === 'Kasia Kowalska' && e.online), 20_000, 'Kasia in the roster');

    // Ala's link pasted into the same tab: only the fragment changes, the page stays.
    await page.goto(local(guest!.joinUrl));
    await page.getByTestId('joining-as').getByText('Joining as Ala Makota').waitFor(WAIT);
    await page.reload();
    await page.getByTestId('joining-as').getByText('Joining as Ala Makota').waitFor(WAIT);
    await page.getByRole('button', { name: 'Join now' }).click();
    await page.getByTestId('chat-input').waitFor(WAIT);
    const ala = await eventually(() => [...host.roster.values()].find((e) => e.name === 'Ala Makota' && e.online), 20_000, 'Ala in the roster');
    await eventually(() => ![...host.roster.values()].some((e) => e.name === 'Kasia Kowalska' && e.online), 20_000, 'Kasia gone from this tab');
    // Reloaded again, the tab stays Ala's.
    await page.reload();
    await page.getByTestId('chat-input').waitFor(WAIT);
    await eventually(() => host.roster.get(ala.id)?.online, 20_000, 'Ala back after the reload');
    expect([...host.roster.values()].filter((e) => e.role === 'attendee' && e.online).map((e) => e.name)).toEqual(['Ala Makota']);
  });
});

describe('"Not you?"', () => {
  it('someone else opening a personal link joins as a new participant under their own name', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, host } = await startedEvent(api, { name: 'Open day' });
    await api.ok('POST', `/events/${event.id}/invitations`, { people: [{ email: 'ewa@example.com', firstName: 'Ewa', lastName: 'Lis' }] });
    const [guest] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${event.id}/invitations`)).guests;
    const page = await rig.newPage();
    await page.goto(local(guest!.joinUrl));
    await page.getByText('Joining as Ewa Lis').waitFor(WAIT);
    await page.getByRole('button', { name: 'Not you?' }).click();
    await page.getByTestId('not-you').waitFor(WAIT);
    await page.getByLabel('Your name').fill('Piotr Nowy');
    await page.getByRole('button', { name: 'Join event' }).click();
    await page.getByTestId('chat-input').waitFor(WAIT);
    await eventually(() => [...host.roster.values()].find((e) => e.name === 'Piotr Nowy' && e.online), 20_000, 'Piotr in the roster');
    expect([...host.roster.values()].some((e) => e.name === 'Ewa Lis')).toBe(false);
  });
});

describe('clear refusals', () => {
  it('a revoked personal link on a password event says "This link is no longer valid" and shows the password form; the password joins, and reloading re-enters without a password prompt', async () => {
    const { api } = await newOrganizer(server.url);
    const { event } = await startedEvent(api, { name: 'Board meeting', accessType: 'password', password: 'quarterly' });
    await api.ok('POST', `/events/${event.id}/invitations`, { people: [{ email: 'jan@example.com', firstName: 'Jan', lastName: 'Kowalski' }] });
    const [guest] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${event.id}/invitations`)).guests;
    await api.ok('DELETE', `/events/${event.id}/guests/${guest!.id}`);

    const page = await rig.newPage();
    await page.goto(local(guest!.joinUrl));
    await page.getByTestId('link-refused').getByText('This link is no longer valid').waitFor(WAIT);
    await page.getByLabel('Your name').fill('Jan Kowalski');
    await page.getByLabel('Event password').fill('quarterly');
    await page.getByRole('button', { name: 'Join event' }).click();
    await page.getByTestId('chat-input').waitFor(WAIT);

    await page.reload();
    await page.getByTestId('chat-input').waitFor(WAIT);
    expect(await page.getByLabel('Event password').count()).toBe(0);

    // A closed tab, reopened: the re-entry credential, not the tab's ticket, brings him back.
    const reopened = await page.context().newPage();
    await page.close();
    await reopened.goto(`${server.url}/room/${event.id}`);
    await reopened.getByTestId('chat-input').waitFor(WAIT);
    expect(await reopened.getByLabel('Event password').count()).toBe(0);
  });
});
