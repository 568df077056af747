import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TicketOrderOut } from '../../shared/billing-tickets.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { deliver, startBillingServer } from '../support/billing-server.ts';
import { outbox } from '../support/outbox.ts';

// Paid webinars (PAID-1..3) on the organizer's own Stripe (a stateful fake Stripe here):
// prices within PAID-1's maxima, seats held during Checkout, never oversold under
// concurrency, fulfilment once however the success page and the webhook race.
const ORG_SECRET = 'whsec_organizer_0123456789';
let env: Awaited<ReturnType<typeof startBillingServer>>;
let org: ApiClient;
let eventId: number;
const visitor = () => new ApiClient(env.url);

const checkout = (email: string) => visitor().request('POST', `/tickets/events/${eventId}/checkout`, { email, name: email.split('@')[0] });
const sales = () => org.ok<{ seatsTaken: number; orders: TicketOrderOut[]; webhookUrl: string }>('GET', `/billing/tickets/events/${eventId}`);
const sessionOf = (url: string) => url.split('/').pop()!;
let accountId: string;
/** The buyer pays on Stripe's page; Stripe then calls the organizer's webhook. */
function payEvent(url: string) {
  const s = env.stripe!.completeSession(sessionOf(url));
  return env.stripe!.signedEvent('checkout.session.completed', s, ORG_SECRET);
}
const hook = (e: { body: string; header: string }) => fetch(`${env.url}/api/v1/webhooks/stripe/accounts/${accountId}`, { method: 'POST', headers: { 'stripe-signature': e.header }, body: e.body }).then(async (r) => ({ status: r.status, body: await r.json() as { outcome?: string } }));
const tokensFor = (email: string) => env.server.database.db.get<{ n: number }>(sql`select count(*) as n from event_tokens where label = ${email}`).n;
const ticketMails = async (email: string) => (await outbox(org)).filter((m) => m.kind === 'ticket' && m.to === email);

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
  const o = await newOrganizer(env.url);
  org = o.api;
  accountId = o.session.account.id;
  eventId = (await createEvent(org, { name: 'Paid masterclass', accessType: 'token' })).id;
  await org.ok('PUT', '/billing/tickets/stripe', { secretKey: 'rk_test_organizer_key', webhookSecret: ORG_SECRET });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('paid tickets', () => {
  it('refuses a price above the per-currency maximum, below Stripe\'s minimum, fractional or in an unknown currency', async () => {
    for (const body of [
      { currency: 'PLN', amount: 400_001, seats: 12 },
      { currency: 'USD', amount: 100_001, seats: 12 },
      { currency: 'EUR', amount: 49, seats: 12 },
      { currency: 'PLN', amount: 49.5, seats: 12 },
      { currency: 'XYZ', amount: 1000, seats: 12 },
      { currency: 'PLN', amount: -100, seats: 12 },
      { currency: 'PLN', amount: 4900, seats: 0 },
    ]) {
      const r = await org.request('PUT', `/billing/tickets/events/${eventId}/price`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await visitor().request('POST', `/tickets/events/${eventId}/checkout`, { email: 'a@example.com', name: 'A' })).body.code).toBe('tickets-not-for-sale');
    expect((await org.request('PUT', `/billing/tickets/events/${eventId}/price`, { currency: 'PLN', amount: 400_000, seats: 12 })).status).toBe(204);
    expect((await org.request('PUT', `/billing/tickets/events/${eventId}/price`, { currency: 'PLN', amount: 14_900, seats: 12 })).status).toBe(204);
    // The organizer's keys are sealed at rest.
    const stored = env.server.database.db.get<{ k: string }>(sql`select secret_key_sealed as k from billing_seller_stripe`).k;
    expect(stored).not.toContain('rk_test_organizer_key');
  });

  it('the success page and the webhook racing (and the webhook twice) give one ticket, one token, one e-mail', async () => {
    const r = await checkout('race@example.com');
    expect(r.status).toBe(200);
    expect(env.stripe!.sessions.get(sessionOf(r.body.url))).toMatchObject({ mode: 'payment' });
    const paid = payEvent(r.body.url);
    const results = await Promise.all([
      visitor().request('POST', `/tickets/orders/${r.body.orderId}/return`),
      hook(paid), hook(paid),
      visitor().request('POST', `/tickets/orders/${r.body.orderId}/return`),
    ]);
    expect(results.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    expect(tokensFor('race@example.com')).toBe(1);
    const mails = await ticketMails('race@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your ticket: Paid masterclass');
    expect((await sales()).orders.find((o) => o.email === 'race@example.com')!.status).toBe('paid');
  });

  it('a double-submitted checkout returns the same page and holds one seat', async () => {
    const [a, b] = await Promise.all([checkout('twice@example.com'), checkout('twice@example.com')]);
    expect(a.body.orderId).toBe(b.body.orderId);
    expect(a.body.url).toBe(b.body.url);
    expect((await sales()).seatsTaken).toBe(2);
    expect((await checkout('race@example.com')).body.code).toBe('already-bought');
  });

  it('50 concurrent checkouts for the last 10 seats: 10 hold a seat, 40 are told it is sold out, 10 tickets at most', async () => {
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => checkout(`buyer${i}@example.com`)));
    const won = all.filter((r) => r.status === 200);
    expect(won).toHaveLength(10);
    expect(all.filter((r) => r.status === 409 && r.body.code === 'sold-out')).toHaveLength(40);
    expect((await sales()).seatsTaken).toBe(12);
    // Everyone who won pays at once; nobody else can get in.
    await Promise.all(won.map((r) => hook(payEvent(r.body.url))));
    const s = await sales();
    expect(s.orders.filter((o) => o.status === 'paid')).toHaveLength(11);
    expect(s.seatsTaken).toBe(12);
    expect((await checkout('late@example.com')).body.code).toBe('sold-out');
  });

  it('an expired hold frees its seat; a payment after the seat went to someone else is not fulfilled', async () => {
    const twice = (await sales()).orders.find((o) => o.email === 'twice@example.com')!;
    env.clock.set('2026-11-16T09:31:00+01:00');
    const next = await checkout('next@example.com');
    expect(next.status).toBe(200);
    expect((await sales()).orders.find((o) => o.id === twice.id)!.status).toBe('expired');
    // The first buyer pays on a page that was still open at Stripe: no seat is left, so no ticket and no mail.
    const url = env.stripe!.sessions.get([...env.stripe!.sessions.values()].find((x) => x.client_reference_id === `ticket:${twice.id}`)!.id)!.url as string;
    await hook(payEvent(url));
    expect((await sales()).orders.find((o) => o.id === twice.id)!.status).toBe('overbooked');
    expect(await ticketMails('twice@example.com')).toHaveLength(0);
    expect((await sales()).orders.filter((o) => o.fulfilledAt !== null)).toHaveLength(11);
    // Stripe's own expiry of the new hold frees that seat too.
    const session = env.stripe!.sessions.get(sessionOf(next.body.url))!;
    session.status = 'expired';
    expect((await hook(env.stripe!.signedEvent('checkout.session.expired', session, ORG_SECRET))).body.outcome).toBe('applied');
    expect((await sales()).seatsTaken).toBe(11);
  });

  it('refuses a forged or stale ticket webhook with 401', async () => {
    const e = env.stripe!.signedEvent('checkout.session.completed', { id: 'cs_x', object: 'checkout.session' }, 'whsec_wrong_secret_000');
    expect((await hook(e)).status).toBe(401);
    const old = env.stripe!.signedEvent('checkout.session.completed', { id: 'cs_x' }, ORG_SECRET, { timestamp: Math.floor(env.clock.now().getTime() / 1000) - 301 });
    expect((await hook(old)).status).toBe(401);
    expect((await deliver(env.url, e.body, undefined)).status).toBe(401);
  });

  it('the organizer confirms a payment made elsewhere, rejects someone (who is told) and refunds by hand', async () => {
    const held = await checkout('transfer@example.com');
    const confirmed = await org.ok<TicketOrderOut>('POST', `/billing/tickets/events/${eventId}/orders/${held.body.orderId}/decision`, { decision: 'confirm' });
    expect(confirmed.status).toBe('confirmed');
    expect(await ticketMails('transfer@example.com')).toHaveLength(1);
    const rejected = await org.ok<TicketOrderOut>('POST', `/billing/tickets/events/${eventId}/orders/${held.body.orderId}/decision`, { decision: 'reject' });
    expect(rejected.status).toBe('rejected');
    expect(tokensFor('transfer@example.com')).toBe(0);
    expect((await outbox(org)).filter((m) => m.kind === 'ticket-rejected' && m.to === 'transfer@example.com')).toHaveLength(1);
    const race = (await sales()).orders.find((o) => o.email === 'race@example.com')!;
    expect((await org.ok<TicketOrderOut>('POST', `/billing/tickets/events/${eventId}/orders/${race.id}/refund`)).status).toBe('refunded');
    expect(env.stripe!.requests.some((r) => r.path === '/v1/refunds' && r.idempotencyKey === `refund:ticket:${race.id}`)).toBe(true);
    const stranger = (await newOrganizer(env.url)).api;
    expect((await stranger.request('POST', `/billing/tickets/events/${eventId}/orders/${race.id}/refund`)).status).toBe(404);
  });
});
