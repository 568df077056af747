import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionOut, SessionsOut } from '../../shared/automated-sessions.ts';
import type { EventOut } from '../../shared/event-schemas.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { GuestOut } from '../../shared/registration-schemas.ts';
import { RoomConnection } from '../../shared/room-connection.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { joinLinkOf, waitForMail } from '../support/outbox.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const connections: RoomConnection[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of connections) await c.leave();
  await server.cleanup();
});

const HOUR = 3_600_000;
const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? new URL(url).hash.replace(/^#token=/, '');

describe('sessions of an automated webinar (AUTO-1)', () => {
  it('rescheduling a session keeps every registrant’s personal link working, and the session starts by itself at its new time', async () => {
    const { api } = await newOrganizer(server.url);
    const series = await createEvent(api, { kind: 'automated', accessType: 'token', startsAt: new Date(Date.now() + 48 * HOUR).toISOString(), durationMinutes: 30 });
    await api.ok('PUT', `/events/${series.id}/registration`, { enabled: true });
    await api.ok('PUT', `/events/${series.id}/timeline`, { version: 1, main: [{ id: 'talk', kind: 'blank', startMs: 0, durationMs: 120_000, message: 'Recorded presentation' }], overlay: [] });

    // A second session in three hours: its own event, registration page and room.
    const added = await api.ok<SessionOut>('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() + 3 * HOUR).toISOString() });
    expect(added).toMatchObject({ primary: false, fromRule: false, status: 'waiting', registrants: 0 });
    expect(added.id).not.toBe(series.id);
    expect(added.registrationUrl).toMatch(new RegExp(`/register/${added.id}$`));

    const visitor = new ApiClient(server.url);
    for (const [email, firstName] of [['ada@example.com', 'Ada'], ['bob@example.com', 'Bob'], ['cyd@example.com', 'Cyd']] as const) {
      await visitor.ok('POST', `/events/${added.id}/registrations`, { email, firstName });
    }
    // Someone registered for the series itself is not a registrant of the session: each has its own.
    await visitor.ok('POST', `/events/${series.id}/registrations`, { email: 'dee@example.com', firstName: 'Dee', sessionId: series.id });
    const before = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${added.id}/registrants`)).guests;
    expect(before.map((g) => g.email).sort()).toEqual(['ada@example.com', 'bob@example.com', 'cyd@example.com']);
    const links = before.map((g) => g.joinUrl);
    for (const link of links) expect(tokenOf(link)).toMatch(/\S{16,}/);

    // Reschedule to a few seconds from now, telling the registrants; then once more, a little later.
    const overlapping = await api.request('PATCH', `/events/${series.id}/sessions/${added.id}`, { startsAt: new Date(Date.now() + 48 * HOUR + 10 * 60_000).toISOString() });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.code).toBe('session-overlap');
    await api.ok('PATCH', `/events/${series.id}/sessions/${added.id}`, { startsAt: new Date(Date.now() + 2 * HOUR).toISOString(), notify: true });
    const newStart = new Date(Date.now() + 6_000);
    const moved = await api.ok<SessionOut>('PATCH', `/events/${series.id}/sessions/${added.id}`, { startsAt: newStart.toISOString() });
    expect(moved).toMatchObject({ id: added.id, startsAt: newStart.toISOString(), registrants: 3, fromRule: false });

    // Every link is the same link, and it still opens the session (the waiting room before the start).
    const after = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${added.id}/registrants`)).guests;
    expect(after.map((g) => g.joinUrl).sort()).toEqual([...links].sort());
    for (const link of links) {
      const joined = await visitor.ok<JoinOut>('POST', `/events/${added.id}/join`, { name: 'Guest', token: tokenOf(link) });
      expect(joined.event).toMatchObject({ id: added.id, startsAt: newStart.toISOString() });
    }
    expect((await visitor.request('POST', `/events/${added.id}/join`, { name: 'Nobody' })).status).toBeGreaterThanOrEqual(400);

    // Its one start job runs at the new time (not at the old ones), with nobody present.
    const status = async () => (await api.ok<EventOut>('GET', `/events/${added.id}`)).status;
    await eventually(async () => (await status()) === 'live', 30_000, 'the session live at its new time');
    expect(Date.now()).toBeGreaterThanOrEqual(newStart.getTime());
    expect((await api.ok<EventOut>('GET', `/events/${series.id}`)).status).toBe('waiting');

    // Once live, each registrant's link lets them into the live room; a started session is not moved again.
    for (const link of links) {
      const joined = await visitor.ok<JoinOut>('POST', `/events/${added.id}/join`, { name: 'Guest', token: tokenOf(link) });
      const room = new RoomConnection(server.url, joined);
      connections.push(room);
      await room.connect();
      expect(room.status).toBe('live');
    }
    const late = await api.request('PATCH', `/events/${series.id}/sessions/${added.id}`, { startsAt: new Date(Date.now() + HOUR).toISOString() });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('session-started');

    const list = await api.ok<SessionsOut>('GET', `/events/${series.id}/sessions`);
    expect(list.sessions.map((s) => [s.id, s.primary, s.registrants, s.status])).toEqual([[added.id, false, 3, 'live'], [series.id, true, 1, 'waiting']]);
    await eventually(async () => (await api.ok<SessionsOut>('GET', `/events/${series.id}/sessions`)).sessions[0]?.attendees === 3, 15_000, 'attendance of the session');
  }, 120_000);

  it('a weekly rule makes sessions in the event’s zone ahead of time; changing it keeps the sessions people registered for; bad input is refused', async () => {
    const { api } = await newOrganizer(server.url);
    const series = await createEvent(api, { kind: 'automated', startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), timeZone: 'Europe/Warsaw', durationMinutes: 30 });
    await api.ok('PUT', `/events/${series.id}/registration`, { enabled: true });
    const today = new Date().toISOString().slice(0, 10);
    const daily = await api.ok<SessionsOut>('PUT', `/events/${series.id}/sessions/rule`, { rule: { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '23:45', from: today } });
    const byRule = daily.sessions.filter((s) => s.fromRule);
    expect(byRule.length).toBeGreaterThanOrEqual(27);
    expect(byRule.length).toBeLessThanOrEqual(29);
    for (const s of byRule) expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(new Date(s.startsAt))).toBe('23:45');

    // Someone registers for the third; then the rule becomes Mondays only.
    const kept = byRule[2]!;
    await new ApiClient(server.url).ok('POST', `/events/${kept.id}/registrations`, { email: 'eve@example.com', firstName: 'Eve' });
    const mondays = await api.ok<SessionsOut>('PUT', `/events/${series.id}/sessions/rule`, { rule: { weekdays: ['mon'], time: '23:45', from: today } });
    const weekday = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', weekday: 'short' }).format(new Date(iso));
    for (const s of mondays.sessions.filter((x) => x.fromRule)) expect(weekday(s.startsAt)).toBe('Mon');
    const stillThere = mondays.sessions.find((s) => s.id === kept.id);
    expect(stillThere).toMatchObject({ registrants: 1 });

    // Bad input: no days, a past time, a session of a session, a removal of a session with registrants.
    expect((await api.request('PUT', `/events/${series.id}/sessions/rule`, { rule: { weekdays: [], time: '10:00', from: today } })).body.errors[0].field).toBe('rule.weekdays');
    const past = await api.request('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() - 60_000).toISOString() });
    expect([past.status, past.body.errors?.[0]?.field]).toEqual([400, 'startsAt']);
    expect((await api.request('GET', `/events/${kept.id}/sessions`)).body.code).toBe('is-a-session');
    expect((await api.request('PUT', `/events/${kept.id}/timeline`, { version: 1, main: [], overlay: [] })).body.code).toBe('is-a-session');
    const removal = await api.request('DELETE', `/events/${series.id}/sessions/${kept.id}`);
    expect([removal.status, removal.body.code]).toEqual([409, 'session-has-registrants']);
    const live = await createEvent(api);
    expect((await api.request('GET', `/events/${live.id}/sessions`)).body.code).toBe('not-automated');
    const other = await newOrganizer(server.url, 'Oskar Other');
    expect((await other.api.request('GET', `/events/${series.id}/sessions`)).status).toBe(404);

    // Without the rule, its future sessions nobody registered for go; the registered one stays.
    const none = await api.ok<SessionsOut>('PUT', `/events/${series.id}/sessions/rule`, { rule: null });
    expect(none.rule).toBeNull();
    expect(none.sessions.map((s) => s.id).sort()).toEqual([series.id, kept.id].sort());
  }, 120_000);

  it('a registrant chooses one of the upcoming sessions on the series\' page and gets that session\'s link; a bad choice is refused', async () => {
    const { api } = await newOrganizer(server.url);
    const series = await createEvent(api, { kind: 'automated', accessType: 'token', startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), durationMinutes: 30 });
    await api.ok('PUT', `/events/${series.id}/registration`, { enabled: true });
    const later = await api.ok<SessionOut>('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() + 48 * HOUR).toISOString() });
    const sooner = await api.ok<SessionOut>('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() + 2 * HOUR).toISOString() });

    // The public form lists them soonest first.
    const visitor = new ApiClient(server.url);
    const form = await visitor.ok<{ sessions: { id: number; startsAt: string }[] }>('GET', `/events/${series.id}/registration/form`);
    expect(form.sessions.map((s) => s.id)).toEqual([sooner.id, series.id, later.id]);

    // No choice, or a session that is not one of them: refused, naming the field; nothing saved.
    const none = await visitor.request('POST', `/events/${series.id}/registrations`, { email: 'ann@example.com', firstName: 'Ann' });
    expect([none.status, none.body.errors?.[0]?.field]).toEqual([400, 'sessionId']);
    const foreign = await createEvent(api, { kind: 'automated', startsAt: new Date(Date.now() + 72 * HOUR).toISOString() });
    const wrong = await visitor.request('POST', `/events/${series.id}/registrations`, { email: 'ann@example.com', firstName: 'Ann', sessionId: foreign.id });
    expect([wrong.status, wrong.body.errors?.[0]?.field]).toEqual([400, 'sessionId']);
    for (const id of [series.id, sooner.id, later.id, foreign.id]) expect((await api.ok<{ guests: GuestOut[] }>('GET', `/events/${id}/registrants`)).guests).toEqual([]);

    // Chosen: registered for that session; the confirmation link opens that session.
    const done = await visitor.ok<{ sessionId: number }>('POST', `/events/${series.id}/registrations`, { email: 'ann@example.com', firstName: 'Ann', sessionId: later.id });
    expect(done.sessionId).toBe(later.id);
    const guests = (await api.ok<{ guests: GuestOut[] }>('GET', `/events/${later.id}/registrants`)).guests;
    expect(guests.map((g) => g.email)).toEqual(['ann@example.com']);
    expect((await api.ok<{ guests: GuestOut[] }>('GET', `/events/${series.id}/registrants`)).guests).toEqual([]);
    const [mail] = await waitForMail(api, (m) => m.to.includes('ann@example.com'), 1, 'the confirmation');
    const link = joinLinkOf(mail!);
    expect(link).toContain(`/room/${later.id}#token=`);
    const joined = await visitor.ok<JoinOut>('POST', `/events/${later.id}/join`, { token: tokenOf(link) });
    expect(joined.event.id).toBe(later.id);
  }, 120_000);

  it('deleting the webinar cancels its sessions and tells their registrants; a live session stops the deletion', async () => {
    const { api } = await newOrganizer(server.url);
    const series = await createEvent(api, { kind: 'automated', startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), durationMinutes: 30 });
    await api.ok('PUT', `/events/${series.id}/registration`, { enabled: true });
    await api.ok('PUT', `/events/${series.id}/timeline`, { version: 1, main: [{ id: 'talk', kind: 'blank', startMs: 0, durationMs: 600_000, message: 'Recorded presentation' }], overlay: [] });
    const upcoming = await api.ok<SessionOut>('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() + 48 * HOUR).toISOString() });
    const soon = await api.ok<SessionOut>('POST', `/events/${series.id}/sessions`, { startsAt: new Date(Date.now() + 4_000).toISOString() });
    await new ApiClient(server.url).ok('POST', `/events/${upcoming.id}/registrations`, { email: 'gus@example.com', firstName: 'Gus' });

    // While a session is live, the webinar is not deleted (people are watching): nothing is removed.
    await eventually(async () => (await api.ok<EventOut>('GET', `/events/${soon.id}`)).status === 'live', 30_000, 'the session live by its schedule');
    const refused = await api.request('DELETE', `/events/${series.id}?notify=true`);
    expect([refused.status, refused.body.code]).toEqual([409, 'session-live']);
    expect(refused.body.detail ?? refused.body.message ?? refused.body.title).toContain(String(soon.id));
    expect((await api.ok<SessionsOut>('GET', `/events/${series.id}/sessions`)).sessions).toHaveLength(3);

    // Ended, it no longer stands in the way: the webinar and every session go, and the registrant hears of it.
    const host = new RoomConnection(server.url, await api.ok('POST', `/events/${soon.id}/join`, {}));
    connections.push(host);
    await host.connect();
    host.send('end-event', {});
    await eventually(async () => (await api.ok<EventOut>('GET', `/events/${soon.id}`)).status === 'ended', 15_000, 'the session ended');
    expect((await api.request('DELETE', `/events/${series.id}`)).status).toBe(204);
    for (const id of [series.id, upcoming.id, soon.id]) expect((await api.request('GET', `/events/${id}`)).status).toBe(404);
    const [cancellation] = await waitForMail(api, (m) => m.to.includes('gus@example.com') && /cancel/i.test(m.subject), 1, 'the cancellation');
    expect(cancellation!.subject).toMatch(/cancel/i);
  }, 120_000);
});
