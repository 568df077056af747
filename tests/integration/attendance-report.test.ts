import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';

const FIREFOX_ON_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
/** An address of a Polish network in the offline database (the test server trusts X-Forwarded-For). */
const WARSAW = '212.77.98.9';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await server.cleanup();
});

describe('attendance report (POST-1)', () => {
  it('keeps three stays of an attendee who joins, leaves and rejoins twice, with device, browser and country, in the report and its CSV', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Stays' });
    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const joined = await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Anna Nowak', email: 'anna.stays@example.com' }, { 'user-agent': FIREFOX_ON_ANDROID, 'x-forwarded-for': WARSAW });
    expect(joined.status).toBe(200);
    const join = joined.body as JoinOut;

    const windows: { before: number; after: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      const anna = await RoomParticipant.enter(server.url, join);
      await eventually(() => host.roster.get(join.participant.id)?.online, 10_000, 'Anna in the roster');
      anna.send('chat', { text: `hello ${i}` });
      await eventually(() => host.chat.some((line) => line.text === `hello ${i}`), 10_000, 'her line');
      await anna.leave();
      await eventually(async () => (await api.ok<any>('GET', `/events/${event.id}/report`)).attendees[0]?.stays.filter((s: any) => s.leftAt).length === i + 1, 10_000, 'the stay closed');
      windows.push({ before, after: Date.now() });
    }

    const report = await api.ok<any>('GET', `/events/${event.id}/report`);
    expect(report.summary).toMatchObject({ attended: 1, peakConcurrent: 1 });
    expect(report.summary.engagement.chatted).toBe(1);
    expect(report.attendees).toHaveLength(1);
    const anna = report.attendees[0];
    expect(anna).toMatchObject({ name: 'Anna Nowak', email: 'anna.stays@example.com', device: 'mobile', os: 'Android', browser: 'Firefox', country: 'PL', chatLines: 3 });
    expect(anna.stays).toHaveLength(3);
    anna.stays.forEach((stay: any, i: number) => {
      const joinedAt = Date.parse(stay.joinedAt);
      const leftAt = Date.parse(stay.leftAt);
      // Each stay lies inside the window the test saw it in, and its duration is what its times say.
      expect(joinedAt).toBeGreaterThanOrEqual(windows[i]!.before - 5);
      expect(leftAt).toBeLessThanOrEqual(windows[i]!.after + 5);
      expect(stay.seconds).toBeCloseTo((leftAt - joinedAt) / 1000, 3);
      expect(stay.seconds).toBeGreaterThan(0);
    });
    expect(anna.totalSeconds).toBeCloseTo(anna.stays.reduce((sum: number, s: any) => sum + s.seconds, 0), 3);
    expect(report.chat.map((l: any) => l.text)).toEqual(['hello 0', 'hello 1', 'hello 2']);
    expect(report.timeline.points.length).toBeGreaterThan(0);
    expect(report.timeline.points.reduce((sum: number, p: any) => sum + p.joins, 0)).toBe(3);

    const csv = await api.request('GET', `/events/${event.id}/report.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = Papa.parse<Record<string, string>>(csv.body as string, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Anna Nowak', email: 'anna.stays@example.com', stay_count: '3', device: 'mobile', os: 'Android', browser: 'Firefox', country: 'PL' });
    expect(rows[0]!.stays!.split('; ')).toHaveLength(3);
    expect(Number(rows[0]!.total_seconds)).toBeCloseTo(anna.totalSeconds, 3);

    const json = await api.request('GET', `/events/${event.id}/report.json`);
    expect(json.headers.get('content-disposition')).toContain('attachment');

    // The thank-you page's rating, with the room ticket.
    host.send('end-event', {});
    await eventually(async () => (await api.ok<any>('GET', `/events/${event.id}/report`)).event.status === 'ended', 10_000, 'the end');
    const anon = new ApiClient(server.url);
    expect((await anon.request('POST', `/events/${event.id}/rating`, { ticket: join.ticket, rating: 6 })).status).toBe(400);
    expect((await anon.request('POST', `/events/${event.id}/rating`, { ticket: 'forged', rating: 4 })).status).toBe(403);
    expect((await anon.request('POST', `/events/${event.id}/rating`, { ticket: join.ticket, rating: 4, comment: 'Useful' })).status).toBe(204);
    const rated = await api.ok<any>('GET', `/events/${event.id}/report`);
    expect(rated.ratingCounts).toEqual([0, 0, 0, 1, 0]);
    expect(rated.summary.averageRating).toBe(4);
    expect(rated.attendees[0]).toMatchObject({ rating: 4, comment: 'Useful' });

    const stats = await api.ok<any>('GET', '/account/statistics');
    expect(stats).toMatchObject({ events: 1, attendees: 1, countries: [{ name: 'PL', count: 1 }], browsers: [{ name: 'Firefox', count: 1 }], devices: [{ name: 'mobile', count: 1 }] });
    expect((await api.request('GET', '/account/statistics.csv')).body).toContain('country,PL,1');

    // Another account sees nothing of it.
    const other = await newOrganizer(server.url, 'Other');
    expect((await other.api.request('GET', `/events/${event.id}/report`)).status).toBe(404);
  });
});
