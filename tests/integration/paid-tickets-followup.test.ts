import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketOrderOut } from '../../shared/billing-tickets.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { startBillingServer } from '../support/billing-server.ts';
import { openMessage, outbox } from '../support/outbox.ts';

// After the sale (PAID-2, PAID-3): a payment whose webhook never came is found by the
// reconciliation job; the organizer resends a confirmation; cancelling the event tells
// every ticket holder, and nothing is refunded by itself.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let org: ApiClient;
let eventId: number;

const checkout = (email: string) => new ApiClient(env.url).ok<{ orderId: string; url: string }>('POST', `/tickets/events/${eventId}/checkout`, { email, name: email.split('@')[0] });
const orders = async () => (await org.ok<{ orders: TicketOrderOut[] }>('GET', `/billing/tickets/events/${eventId}`)).orders;
const mailsTo = async (email: string, kind: string) => (await outbox(org)).filter((m) => m.kind === kind && m.to === email);

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
  org = (await newOrganizer(env.url)).api;
  eventId = (await createEvent(org, { name: 'Paid workshop', accessType: 'token' })).id;
  await org.ok('PUT', '/billing/tickets/stripe', { secretKey: 'rk_test_organizer_key', webhookSecret: 'whsec_organizer_0123456789' });
  await org.ok('PUT', `/billing/tickets/events/${eventId}/price`, { currency: 'EUR', amount: 4_900, seats: 20 });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('paid tickets after the sale', () => {
  it('a payment whose webhook never came is fulfilled by the reconciliation job, once', async () => {
    const { orderId, url } = await checkout('quiet@example.com');
    env.stripe!.completeSession(url.split('/').pop()!);
    env.clock.advanceDays(10 / 1440); // ten minutes: the hold is old enough to chase
    await env.server.billing.runDue();
    await env.server.billing.runDue();
    expect((await orders()).find((o) => o.id === orderId)!.status).toBe('paid');
    expect(await mailsTo('quiet@example.com', 'ticket')).toHaveLength(1);
  });

  it('the organizer resends the confirmation with the same Join link; an unpaid order has none to resend', async () => {
    const order = (await orders()).find((o) => o.email === 'quiet@example.com')!;
    await org.ok('POST', `/billing/tickets/events/${eventId}/orders/${order.id}/resend`);
    const mails = await Promise.all((await mailsTo('quiet@example.com', 'ticket')).map((m) => openMessage(org, m.id)));
    expect(mails).toHaveLength(2);
    const link = (m: { text: string }) => m.text.match(/#token=[\w-]+/)?.[0];
    expect(link(mails[0]!)).toBeTruthy();
    expect(link(mails[1]!)).toBe(link(mails[0]!));
    const held = await checkout('pending@example.com');
    const refused = await org.request('POST', `/billing/tickets/events/${eventId}/orders/${held.orderId}/resend`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('no-ticket');
  });

  it('cancelling the event tells every ticket holder; no refund is made by itself', async () => {
    const refundsBefore = env.stripe!.requests.filter((r) => r.path === '/v1/refunds').length;
    await org.ok('DELETE', `/events/${eventId}`);
    expect(await mailsTo('quiet@example.com', 'ticket-event-cancelled')).toHaveLength(1);
    expect(await mailsTo('pending@example.com', 'ticket-event-cancelled')).toHaveLength(1);
    expect(env.stripe!.requests.filter((r) => r.path === '/v1/refunds').length).toBe(refundsBefore);
  });
});
