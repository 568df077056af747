import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactOut } from '../../shared/contact-schemas.ts';
import type { TokenOut } from '../../shared/event-schemas.ts';
import type { StatsOut } from '../../shared/ondemand-schemas.ts';
import type { LinkUsesOut } from '../../shared/personal-link-schemas.ts';
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

  it('the organizer\'s own session or API key gets in without the password or the gate, is no lead and no viewer in the statistics; another account\'s key proves nothing', async () => {
    const { api } = await newOrganizer(server.url);
    const { event, group } = await onDemandEvent(api, { leadGate: true, nameRequired: true });
    await api.ok('PATCH', `/events/${event.id}`, { accessType: 'password', password: 'open sesame' });

    const page = await api.ok<{ organizer: boolean; viewer: unknown }>('GET', `/ondemand/${event.id}`);
    expect(page).toMatchObject({ organizer: true, viewer: null });
    // No password, no e-mail, no consent: the API key is the proof (nothing in the body could be).
    const admitted = await api.ok<{ viewerToken: string }>('POST', `/ondemand/${event.id}/access`, {});
    const watched = await new ApiClient(server.url).request('GET', `/ondemand/${event.id}`, undefined, { 'x-viewer-token': admitted.viewerToken });
    expect(watched.body.timeline).not.toBeNull();
    expect(watched.body.viewer).toMatchObject({ email: null });
    // Again: the same organizer viewer.
    expect((await api.ok<{ viewerId: string }>('POST', `/ondemand/${event.id}/access`, {})).viewerId).toBe(watched.body.viewer.id);
    expect((await api.ok<{ contacts: ContactOut[] }>('GET', `/contacts?groupId=${group.id}`)).contacts).toEqual([]);
    expect((await api.ok<StatsOut>('GET', `/events/${event.id}/ondemand/stats`)).viewers).toEqual([]);

    // Anyone else still needs the password, and another organizer's key is anyone else.
    const other = await newOrganizer(server.url, 'Oskar Other');
    expect((await other.api.ok<{ organizer: boolean }>('GET', `/ondemand/${event.id}`)).organizer).toBe(false);
    const stranger = await other.api.request('POST', `/ondemand/${event.id}/access`, {});
    expect([stranger.status, stranger.body.code]).toEqual([401, 'password-required']);
    const anonymous = await new ApiClient(server.url).request('POST', `/ondemand/${event.id}/access`, { email: 'x@example.com', name: 'X', consent: true });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'password-required']);
  }, 120_000);

  it('a personal link used on the viewer page counts as used, as for the live join: where it was used is recorded and a single-use link opens it once', async () => {
    const { api } = await newOrganizer(server.url);
    const { event } = await onDemandEvent(api, { leadGate: false });
    await api.ok('PATCH', `/events/${event.id}`, { accessType: 'token' });
    const [once] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, singleUse: true, label: 'once' })).tokens;
    const [reusable] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, singleUse: false, label: 'again' })).tokens;

    const first = await new ApiClient(server.url).request('POST', `/ondemand/${event.id}/access`, { token: once!.token }, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' });
    expect(first.status).toBe(200);
    const listed = (await api.ok<{ tokens: TokenOut[] }>('GET', `/events/${event.id}/tokens`)).tokens;
    expect(listed.find((t) => t.id === once!.id)!.usedAt).not.toBeNull();
    const uses = await api.ok<LinkUsesOut>('GET', `/events/${event.id}/tokens/${once!.id}/uses`);
    expect(uses.total).toBe(1);
    expect(uses.uses[0]).toMatchObject({ device: 'Chrome 131 · Linux', address: expect.any(String) });
    // Used once: refused to anyone after, on the viewer page and in the live join alike.
    const second = await new ApiClient(server.url).request('POST', `/ondemand/${event.id}/access`, { token: once!.token });
    expect([second.status, second.body.code]).toEqual([403, 'token-used']);
    const join = await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { token: once!.token, name: 'Someone' });
    expect([join.status, join.body.code]).toEqual([403, 'token-used']);
    // The viewer it admitted keeps watching with their viewer token.
    const watched = await new ApiClient(server.url).request('GET', `/ondemand/${event.id}`, undefined, { 'x-viewer-token': first.body.viewerToken });
    expect(watched.body.timeline).not.toBeNull();

    // A reusable link opens the page every time, and every use is recorded.
    for (let i = 0; i < 2; i++) expect((await new ApiClient(server.url).request('POST', `/ondemand/${event.id}/access`, { token: reusable!.token })).status).toBe(200);
    expect((await api.ok<LinkUsesOut>('GET', `/events/${event.id}/tokens/${reusable!.id}/uses`)).total).toBe(2);
  }, 120_000);
});
