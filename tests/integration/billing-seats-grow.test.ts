import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { saveCard, startBillingServer } from '../support/billing-server.ts';
import { RoomParticipant, hostStarts } from '../support/room-client.ts';

// BILL-9: "after an upgrade seats grow at once". A live room opened on the trial (25
// attendees) admits the 26th attendee as soon as the account has paid for a bigger plan,
// without the event being restarted. Real server, real SQLite, real rooms.
let env: Awaited<ReturnType<typeof startBillingServer>>;

beforeAll(async () => {
  env = await startBillingServer({ start: new Date().toISOString(), env: { TRUST_PROXY: 'true' } });
}, 60_000);
afterAll(async () => env?.cleanup());

async function attendee(eventId: number, i: number): Promise<RoomParticipant> {
  const join = await new ApiClient(env.url).request('POST', `/events/${eventId}/join`, { name: `Guest ${i}` }, { 'x-forwarded-for': `10.2.0.${i + 1}` });
  expect(join.status).toBe(200);
  return RoomParticipant.enter(env.url, join.body as JoinOut);
}

describe('seats grow at once after an upgrade (BILL-9)', () => {
  it('the 26th attendee of a full trial event is refused, and let in right after the upgrade to Webinar 50', async () => {
    const { api } = await newOrganizer(env.url, 'Uma Upgrade');
    const event = await createEvent(api, { name: 'Full house' });
    const host = await hostStarts(env.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const inside: RoomParticipant[] = [];
    try {
      for (let i = 0; i < 25; i++) inside.push(await attendee(event.id, i));
      await expect(attendee(event.id, 25)).rejects.toThrow(/full/i);

      await saveCard(api, env.url, env.stripe!);
      await api.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
      inside.push(await attendee(event.id, 26));
      expect(inside).toHaveLength(26);
    } finally {
      await Promise.all(inside.map((a) => a.leave()));
      await host.leave();
    }
  }, 90_000);
});
