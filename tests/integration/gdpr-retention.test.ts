import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { MONTH_MS } from '../../server/gdpr/retention.ts';

/** The retention job's clock: the real time until the test moves it. */
let clock: (() => Date) | undefined;
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', RETENTION_MONTHS: '24' }, retentionClock: () => (clock ? clock() : new Date()) });
});
afterAll(async () => {
  await server.cleanup();
});

interface Run { eventId: number; endedAt: number; annaId: string }

/** An event with one registered attendee who chats, answers in words and rates, run and ended now. */
async function runEvent(api: ApiClient, name: string, email: string): Promise<Run> {
  const event = await createEvent(api, { name });
  await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { company: 'optional', phone: 'optional' } });
  await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email, firstName: 'Anna', company: 'ACME', phone: '+48 600 000 000' });
  const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
  const join = (await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Anna Old', email }, { 'x-forwarded-for': '212.77.98.9' })).body as JoinOut;
  const anna = await RoomParticipant.enter(server.url, join);
  anna.send('chat', { text: `I work at ACME, ${name}` });
  await eventually(() => host.chat.some((l) => l.text.startsWith('I work at ACME')), 10_000, 'her line');
  await anna.leave();
  host.send('end-event', {});
  const report = await eventually(async () => {
    const r = await api.ok<any>('GET', `/events/${event.id}/report`);
    return r.event.status === 'ended' && r;
  }, 10_000, 'the end');
  await new ApiClient(server.url).ok('POST', `/events/${event.id}/rating`, { ticket: join.ticket, rating: 4, comment: 'Call me on +48 600 000 000' });
  return { eventId: event.id, endedAt: Date.parse(report.event.endedAt), annaId: join.participant.id };
}

const row = (sql: string, ...params: unknown[]) => server.database.sqlite.prepare(sql).get(...params) as Record<string, unknown>;

describe('retention (GDPR-4)', () => {
  it('the job with an injected clock anonymises an old event’s attendees and leaves a recent one alone', async () => {
    const { api } = await newOrganizer(server.url);
    const old = await runEvent(api, 'Old event', 'anna.old@example.com');
    // The second event ends strictly later, so a cutoff between the two separates them.
    await eventually(() => Date.now() > old.endedAt + 20, 5_000, 'time to pass');
    const recent = await runEvent(api, 'Recent event', 'anna.recent@example.com');
    expect(recent.endedAt).toBeGreaterThan(old.endedAt);
    // The room's socket address (loopback here) and the join's address (the forwarded one).
    expect(row('select address from attendance where participant_id = ?', old.annaId).address).toBe('127.0.0.1');
    expect(row('select address from attendee_clients where participant_id = ?', old.annaId).address).toBe('212.77.98.9');

    // 24 months later, as seen from a point between the two ends.
    const cutoff = Math.floor((old.endedAt + recent.endedAt) / 2);
    clock = () => new Date(cutoff + 24 * MONTH_MS);
    server.gdpr.scheduleRetention();
    await eventually(() => row('select count(*) as n from event_retention').n === 1, 15_000, 'the retention job to run');

    const oldEvent = row('select id from events where public_id = ?', old.eventId).id;
    const recentEvent = row('select id from events where public_id = ?', recent.eventId).id;
    expect(row('select event_id from event_retention').event_id).toBe(oldEvent);
    // Old: addresses, registration details, comments and texts gone; name and e-mail kept.
    expect(row('select address from attendance where participant_id = ?', old.annaId)).toEqual({ address: null });
    expect(row('select address, country from attendee_clients where participant_id = ?', old.annaId)).toEqual({ address: null, country: 'PL' });
    expect(row('select email, first_name, company, phone from event_guests where event_id = ?', oldEvent)).toEqual({ email: 'anna.old@example.com', first_name: 'Anna', company: '', phone: '' });
    expect(row('select comment, rating from event_ratings where participant_id = ?', old.annaId)).toEqual({ comment: '', rating: 4 });
    expect(row('select text, name from chat_messages where participant_id = ?', old.annaId)).toEqual({ text: 'removed after the retention period', name: 'Anna Old' });
    expect(row('select name, email from participants where id = ?', old.annaId)).toEqual({ name: 'Anna Old', email: 'anna.old@example.com' });
    // Recent: untouched.
    expect(row('select address from attendance where participant_id = ?', recent.annaId)).toEqual({ address: '127.0.0.1' });
    expect(row('select address from attendee_clients where participant_id = ?', recent.annaId)).toEqual({ address: '212.77.98.9' });
    expect(row('select company, phone from event_guests where event_id = ?', recentEvent)).toEqual({ company: 'ACME', phone: '+48 600 000 000' });
    expect(row('select comment from event_ratings where participant_id = ?', recent.annaId)).toEqual({ comment: 'Call me on +48 600 000 000' });
    expect(row('select text from chat_messages where participant_id = ?', recent.annaId)).toEqual({ text: 'I work at ACME, Recent event' });

    // The job is durable and runs once: a second sweep finds nothing more to do.
    server.gdpr.scheduleRetention();
    await eventually(() => row(`select count(*) as n from jobs where kind = 'gdpr.retention' and status = 'pending' and run_at <= ?`, Date.now()).n === 0, 15_000, 'the second sweep');
    expect(row('select count(*) as n from event_retention').n).toBe(1);
    expect(row(`select count(*) as n from jobs where kind = 'gdpr.retention' and status = 'failed'`).n).toBe(0);
  });
});
