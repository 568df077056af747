import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { startBillingServer } from '../support/billing-server.ts';
import { outbox } from '../support/outbox.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';

// BILL-9: at 90% of the plan's attendees registered, the dashboard and one e-mail say an upgrade would help.
let env: Awaited<ReturnType<typeof startBillingServer>>;

beforeAll(async () => {
  // Each guest registers from an address of their own (behind the test's "proxy"), as real guests do.
  env = await startBillingServer({ start: new Date().toISOString(), env: { TRUST_PROXY: 'true' } });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('near capacity', () => {
  it('the 23rd registration of a 25-attendee trial event is reported, and mailed once', async () => {
    const { api } = await newOrganizer(env.url);
    const event = await createEvent(api, { name: 'Popular webinar', startsAt: '2031-06-01T10:00:00+02:00', timeZone: 'Europe/Warsaw' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { firstName: 'optional' } });
    const register = (i: number) => new ApiClient(env.url).request('POST', `/events/${event.id}/registrations`, { email: `guest${i}@example.com`, firstName: `G${i}` }, { 'x-forwarded-for': `10.0.${Math.floor(i / 200)}.${i % 200 + 1}` });
    for (let i = 0; i < 22; i++) expect((await register(i)).status).toBe(201);
    await env.server.billing.runDue();
    expect((await api.ok<{ events: unknown[] }>('GET', '/billing/near-capacity')).events).toEqual([]);
    expect((await register(22)).status).toBe(201);
    await env.server.billing.runDue();
    await env.server.billing.runDue();
    expect((await api.ok<{ events: unknown[] }>('GET', '/billing/near-capacity')).events).toEqual([{ eventId: event.id, name: 'Popular webinar', registered: 23, present: 0, maxAttendees: 25 }]);
    const mails = (await outbox(api)).filter((m) => m.kind === 'near-capacity');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('"Popular webinar" is nearly full: 23 of 25 places');
  });

  it('23 of 25 attendees present in a live event (none registered) is reported and mailed once too', async () => {
    const { api } = await newOrganizer(env.url, 'Lena Live');
    const event = await createEvent(api, { name: 'Walk-in webinar' });
    const host = await hostStarts(env.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const attendees: RoomParticipant[] = [];
    try {
      for (let i = 0; i < 23; i++) {
        const join = await new ApiClient(env.url).request('POST', `/events/${event.id}/join`, { name: `Walk-in ${i}` }, { 'x-forwarded-for': `10.1.0.${i + 1}` });
        expect(join.status).toBe(200);
        attendees.push(await RoomParticipant.enter(env.url, join.body as JoinOut));
      }
      const near = await eventually(async () => {
        const list = (await api.ok<{ events: { present: number }[] }>('GET', '/billing/near-capacity')).events;
        return list.length > 0 && list[0]!.present === 23 ? list : undefined;
      }, 20_000, '23 attendees present');
      expect(near).toEqual([{ eventId: event.id, name: 'Walk-in webinar', registered: 0, present: 23, maxAttendees: 25 }]);
      await env.server.billing.runDue();
      await env.server.billing.runDue();
      const mails = (await outbox(api)).filter((m) => m.kind === 'near-capacity');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('"Walk-in webinar" is nearly full: 23 of 25 places');
    } finally {
      await Promise.all(attendees.map((a) => a.leave()));
      await host.leave();
    }
  }, 90_000);
});
