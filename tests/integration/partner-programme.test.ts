import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSummaryOut, CommandOut } from '../../shared/billing-schemas.ts';
import { ApiClient, newOrganizer, signUp } from '../support/api-client.ts';
import { WEBHOOK_SECRET, deliver, saveCard, startBillingServer } from '../support/billing-server.ts';

// TERMS-1: referral links with a 30-day cookie (last click wins), attribution at sign-up,
// an append-only commission ledger (20% of each paid charge net of VAT), reversed on a
// refund, a clawback once paid out, and the monthly payout list from PLN 150.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let operator: ApiClient;
type Partner = { code: string; link: string; referrals: number; owed: Record<string, number>; entries: { kind: string; amount: number }[] };

/** A visitor clicks referral links (the cookie jar keeps the last one), then signs up. */
async function referredSignup(links: string[], email: string): Promise<ApiClient> {
  let cookie = '';
  for (const link of links) {
    const r = await fetch(link, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/signup');
    const set = r.headers.get('set-cookie')!;
    expect(set).toMatch(/partner_ref=\w+;.*Max-Age=2592000/);
    cookie = set.split(';')[0]!;
  }
  const web = new ApiClient(env.url);
  await signUp(web, { email, name: 'Referred', password: 'correct horse battery' }, { cookie });
  return web;
}

async function refund(chargeId: string, amount: number, invoiceId: string) {
  expect((await operator.request('POST', `/billing/operator/charges/${chargeId}/refund`, { amount })).status).toBe(204);
  const charge = env.stripe!.chargeOfInvoice(invoiceId);
  const event = env.stripe!.signedEvent('charge.refunded', charge, WEBHOOK_SECRET);
  expect((await deliver(env.url, event.body, event.header)).status).toBe(200);
  return event;
}

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00', env: { OPERATOR_EMAILS: 'ops@example.com' } });
  operator = new ApiClient(env.url);
  await signUp(operator, { email: 'ops@example.com', name: 'Ops', password: 'correct horse battery' });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('partner programme', () => {
  it('a refund reverses the commission, a paid-out one is clawed back, and payouts list only partners owed PLN 150 or more', async () => {
    const p1 = (await newOrganizer(env.url, 'Piotr Partner')).api;
    const p2 = (await newOrganizer(env.url, 'Paula Partner')).api;
    const link1 = (await p1.ok<Partner>('POST', '/billing/partner')).link;
    const link2 = (await p2.ok<Partner>('POST', '/billing/partner')).link;

    // Last click wins: the first customer clicked P2's link, then P1's.
    const c1 = await referredSignup([link2, link1], 'c1@example.com');
    const c2 = await referredSignup([link2], 'c2@example.com');
    expect((await p1.ok<Partner>('GET', '/billing/partner')).referrals).toBe(1);
    expect((await p2.ok<Partner>('GET', '/billing/partner')).referrals).toBe(1);

    // C1 buys webinar-1000: 1 599.00 net (+ VAT 367.77 = 1 966.77); P1 earns 20% of the net, 319.80.
    await saveCard(c1, env.url, env.stripe!);
    const bought = await c1.ok<CommandOut>('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-1000', interval: 'month', currency: 'PLN' });
    expect(bought.charge).toMatchObject({ net: 159_900, total: 196_677, status: 'paid' });
    const invoice1 = [...env.stripe!.invoices.keys()].pop()!;
    // C2 buys webinar-50: 125.00 net; P2 earns 25.00.
    await saveCard(c2, env.url, env.stripe!);
    await c2.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect((await p1.ok<Partner>('GET', '/billing/partner')).owed).toEqual({ PLN: 31_980 });
    expect((await p2.ok<Partner>('GET', '/billing/partner')).owed).toEqual({ PLN: 2_500 });

    // The operator refunds a quarter (491.69); Stripe's webhook, delivered twice, reverses 79.95 once.
    const event = await refund(bought.charge!.id, 49_169, invoice1);
    expect((await deliver(env.url, event.body, event.header)).body.outcome).toBe('duplicate');
    let d1 = await p1.ok<Partner>('GET', '/billing/partner');
    expect(d1.entries.map((e) => [e.kind, e.amount])).toEqual(expect.arrayContaining([['accrual', 31_980], ['reversal', -7_995]]));
    expect(d1.entries).toHaveLength(2);
    expect(d1.owed).toEqual({ PLN: 23_985 });
    expect((await c1.ok<BillingSummaryOut>('GET', '/billing')).invoices[0]!.status).toBe('paid');

    // 1 December: the payout job lists P1 (239.85) but not P2 (25.00, under PLN 150).
    env.clock.set('2026-12-01T00:30:00+01:00');
    await env.server.billing.runDue();
    await env.server.billing.runDue();
    const { payouts } = await operator.ok<{ payouts: { id: string; amount: number; period: string; status: string; partnerAccountId: string }[] }>('GET', '/billing/operator/payouts');
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ amount: 23_985, period: '2026-11', status: 'pending', currency: 'PLN' });
    expect((await p1.request('GET', '/billing/operator/payouts')).status).toBe(403);
    expect((await operator.request('POST', `/billing/operator/payouts/${payouts[0]!.id}/paid`)).status).toBe(204);
    expect((await operator.request('POST', `/billing/operator/payouts/${payouts[0]!.id}/paid`)).status).toBe(409);

    // Another quarter refunded after the payout: a clawback line, to net against the next payout.
    await refund(bought.charge!.id, 49_169, invoice1);
    d1 = await p1.ok<Partner>('GET', '/billing/partner');
    expect(d1.entries.find((e) => e.kind === 'clawback')!.amount).toBe(-7_995);
    expect(d1.owed).toEqual({ PLN: -7_995 });
    expect((await p2.ok<Partner>('GET', '/billing/partner')).owed).toEqual({ PLN: 2_500 });
  }, 120_000);
});
