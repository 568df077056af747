import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactOut } from '../../shared/contact-schemas.ts';
import type { GuestOut } from '../../shared/registration-schemas.ts';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { onDemandEvent } from '../support/ondemand-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.cleanup());

const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');

describe('the on-demand viewer page honours the event’s access rule, as the live join does (OD-1, EV-3)', () => {
  it('a password event asks its password; a wrong one is refused; nothing is given before it', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, group } = await onDemandEvent(api, { leadGate: true });
    await api.ok('PATCH', `/events/${event.id}`, { accessType: 'password', password: 'open sesame' });
    const viewer = new ApiClient(server.url);

    const page = await viewer.ok<{ access: string; timeline: unknown }>('GET', `/ondemand/${event.id}`);
    expect(page).toMatchObject({ access: 'password', timeline: null });
    const gate = { email: 'pat@example.com', consent: true };
    const missing = await viewer.request('POST', `/ondemand/${event.id}/access`, gate);
    expect([missing.status, missing.body.code]).toEqual([401, 'password-required']);
    const wrong = await viewer.request('POST', `/ondemand/${event.id}/access`, { ...gate, password: 'guess' });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'wrong-password']);
    // Refused: the address did not reach the contacts.
    expect((await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts).toEqual([]);

    const admitted = await viewer.ok<{ viewerToken: string }>('POST', `/ondemand/${event.id}/access`, { ...gate, password: 'open sesame' });
    const watched = await new ApiClient(server.url).request('GET', `/ondemand/${event.id}`, undefined, { 'x-viewer-token': admitted.viewerToken });
    expect(watched.body.viewer).toMatchObject({ email: 'pat@example.com' });
    expect(watched.body.timeline).not.toBeNull();
    expect((await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts.map((c) => c.email)).toEqual(['pat@example.com']);
  }, 120_000);

  it('a personal-link event needs the link, and the link brings its person (their e-mail and name, not typed ones)', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, group } = await onDemandEvent(api, { leadGate: true, nameRequired: true });
    await api.ok('PATCH', `/events/${event.id}`, { accessType: 'token' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: 'reg@example.com', firstName: 'Rita', lastName: 'Registrant' });
    const [guest] = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${event.id}/registrants`)).guests;
    const token = tokenOf(guest!.joinUrl);

    const viewer = new ApiClient(server.url);
    expect((await viewer.ok<{ access: string }>('GET', `/ondemand/${event.id}`)).access).toBe('token');
    const without = await viewer.request('POST', `/ondemand/${event.id}/access`, { email: 'someone@example.com', name: 'Some One', consent: true });
    expect([without.status, without.body.code]).toEqual([401, 'token-required']);
    const forged = await viewer.request('POST', `/ondemand/${event.id}/access`, { email: 'someone@example.com', name: 'Some One', consent: true, token: 'not-a-real-token-at-all' });
    expect(forged.status).toBe(403);

    // The consent box is still asked (the lead gate), but no e-mail or name: the link says who this is.
    const noConsent = await viewer.request('POST', `/ondemand/${event.id}/access`, { token });
    expect([noConsent.status, noConsent.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, ['consent']]);
    const admitted = await viewer.ok<{ viewerToken: string }>('POST', `/ondemand/${event.id}/access`, { token, consent: true, email: 'typed@example.com', name: 'Typed Name' });
    const watched = await new ApiClient(server.url).request('GET', `/ondemand/${event.id}`, undefined, { 'x-viewer-token': admitted.viewerToken });
    expect(watched.body.viewer).toMatchObject({ email: 'reg@example.com', name: 'Rita Registrant' });
    const contacts = (await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts;
    expect(contacts.map((c) => [c.email, c.firstName, c.lastName])).toEqual([['reg@example.com', 'Rita', 'Registrant']]);

    // The same link again is the same viewer, not a second one.
    const again = await viewer.ok<{ viewerId: string }>('POST', `/ondemand/${event.id}/access`, { token, consent: true });
    expect(again.viewerId).toBe(watched.body.viewer.id);
  }, 120_000);
});
