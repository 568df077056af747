import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { icsProperty, joinLinkOf, outbox, waitForMail } from '../support/outbox.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  // The room closed their connections when the host ended the event: there is nothing to leave.
  await server.cleanup();
});

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('after the event (EV-9, EV-10) and the account’s mail (ACC-5, GDPR-1)', () => {
  it('mails every attendee a thank-you with the custom signature when the host ends the event, and lists it in the timeline', async () => {
    const { api } = await newOrganizer(server.url);
    await api.ok('PATCH', '/account/mail-settings', { signature: 'Anna Nowak\nACME Webinars' });
    const event = await createEvent(api, { name: 'Ending soon', thankYouUrl: 'https://example.com/slides' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: 'reg@example.com', firstName: 'Regina' });
    const [confirmation] = await waitForMail(api, (m) => m.kind === 'confirmation', 1, 'confirmation');
    expect(confirmation!.text).toContain('Anna Nowak\nACME Webinars');

    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const token = new URL(joinLinkOf(confirmation!)).hash.replace('#token=', '');
    for (const body of [{ token }, { name: 'Typed', email: 'typed@example.com' }, { name: 'No Address' }]) {
      await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, body));
    }
    await eventually(() => host.roster.size === 4, 10_000, 'four in the room');

    host.send('end-event', {});
    const thanks = await waitForMail(api, (m) => m.kind === 'thank-you', 2, 'thank-you e-mails');
    expect(thanks.map((m) => m.to).sort()).toEqual(['reg@example.com', 'typed@example.com']);
    const regina = thanks.find((m) => m.to === 'reg@example.com')!;
    expect(regina.subject).toBe('Thank you for attending Ending soon');
    expect(regina.text).toContain('Hello Regina,');
    expect(regina.text).toContain('https://example.com/slides');
    expect(regina.text).toContain('ACME Webinars');
    expect(regina.attachments).toEqual([]);

    const timeline = (await api.ok<any>('GET', '/timeline')).events;
    expect(timeline[0]).toMatchObject({ id: event.id, registered: 1, invited: 0, attended: 3 });
    expect(timeline[0].endedAt).not.toBeNull();
  });

  it('lists past events newest first and leaves future ones out', async () => {
    const { api } = await newOrganizer(server.url);
    await createEvent(api, { name: 'Older', startsAt: '2020-01-10T10:00:00Z' });
    await createEvent(api, { name: 'Newer', startsAt: '2021-05-10T10:00:00Z' });
    await createEvent(api, { name: 'Future', startsAt: '2035-05-10T10:00:00Z' });
    expect((await api.ok<any>('GET', '/timeline')).events.map((e: any) => e.name)).toEqual(['Newer', 'Older']);
  });

  it('stops reminders to an address that unsubscribed with one click', async () => {
    const { api } = await newOrganizer(server.url);
    const startsIn = () => new Date(Date.now() + 4 * 60_000 + 1_500).toISOString();
    const event = await createEvent(api, { name: 'Soon', startsAt: startsIn() });
    await api.ok('POST', `/events/${event.id}/invitations`, { text: 'rita@example.com, ivan@example.com' });
    await api.ok('PUT', `/events/${event.id}/reminders`, { minutesBefore: [4] });
    const first = await waitForMail(api, (m) => m.kind === 'reminder', 2, 'first reminders');
    const rita = first.find((m) => m.to === 'rita@example.com')!;
    const url = rita.headers['List-Unsubscribe']!.slice(1, -1);
    expect(rita.text).toContain(url);
    // Opening the link only asks; the one-click POST unsubscribes.
    expect(await (await fetch(url)).text()).toContain('Unsubscribe from reminders?');
    const done = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are unsubscribed');
    expect((await fetch(url.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), { method: 'POST' })).status).toBe(404);

    // Rescheduled: a new reminder goes out, to Ivan only.
    await api.ok('PATCH', `/events/${event.id}`, { startsAt: startsIn() });
    await waitForMail(api, (m) => m.kind === 'reminder', 3, 'second reminder');
    // One reminder job writes the mail to every recipient in one transaction: a reminder to
    // Rita would be in the outbox together with Ivan's, so nothing more is on its way.
    const reminders = (await outbox(api)).filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => m.to).sort()).toEqual(['ivan@example.com', 'ivan@example.com', 'rita@example.com']);
  });

  it('serves the account’s private calendar feed with the invitations’ UIDs, and the event’s branding', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Feed me, please; now' });
    await api.ok('POST', `/events/${event.id}/invitations`, { text: 'x@example.com' });
    const [invitation] = await waitForMail(api, (m) => m.kind === 'invitation', 1, 'invitation');
    const settings = await api.ok<any>('GET', '/account/mail-settings');
    expect(settings.delivery).toBe('outbox');
    const feed = await fetch(settings.calendarFeedUrl);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('SUMMARY:Feed me\\, please\\; now');
    const invitationIcs = Buffer.from(invitation!.attachments[0]!.content, 'base64').toString();
    expect(icsProperty(ics, 'UID')).toBe(icsProperty(invitationIcs, 'UID'));
    const rotated = await api.ok<any>('POST', '/account/calendar-feed/rotate');
    expect((await fetch(settings.calendarFeedUrl)).status).toBe(404);
    expect((await fetch(rotated.calendarFeedUrl)).status).toBe(200);

    await api.ok('PATCH', `/events/${event.id}/appearance`, { primaryColor: '#AA0055', backgroundColor: '#fafafa' });
    const upload = await fetch(`${server.url}/api/v1/events/${event.id}/appearance/logo`, { method: 'PUT', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'image/png' }, body: new Uint8Array(PNG) });
    expect(upload.status).toBe(200);
    const svg = await fetch(`${server.url}/api/v1/events/${event.id}/appearance/background`, { method: 'PUT', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'image/svg+xml' }, body: '<svg onload="alert(1)"/>' });
    expect(svg.status).toBe(415);
    const branding = await new ApiClient(server.url).ok<any>('GET', `/events/${event.id}/appearance`);
    expect(branding).toMatchObject({ primaryColor: '#aa0055', backgroundColor: '#fafafa', backgroundImageUrl: null });
    const logo = await fetch(`${server.url}${branding.logoUrl}`);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    // Mail follows the event's colour.
    await api.ok('POST', `/events/${event.id}/invitations`, { text: 'y@example.com' });
    const [second] = await waitForMail(api, (m) => m.to === 'y@example.com', 1, 'second invitation');
    expect(second!.html).toContain('#aa0055');
  });
});
