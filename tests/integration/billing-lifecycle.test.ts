import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSummaryOut, CommandOut } from '../../shared/billing-schemas.ts';
import { ApiClient, newOrganizer, signUp } from '../support/api-client.ts';
import { saveCard, startBillingServer } from '../support/billing-server.ts';

// The time-travel story of issue 13 on the real server, its SQLite file, its durable
// billing jobs and the real StripeGateway (against a stateful fake Stripe), with the
// billing clock moved by the test. Every amount is worked out by hand in the comments:
// proration = round_half_up(price × days_left / period_days), VAT = round_half_up(net × 23%).
let env: Awaited<ReturnType<typeof startBillingServer>>;
let api: ApiClient;

const summary = () => api.ok<BillingSummaryOut>('GET', '/billing');
const command = (body: unknown) => api.ok<CommandOut>('POST', '/billing/commands', body);
/** Moves the clock to a Warsaw wall-clock time and runs the jobs that fell due. */
async function travel(iso: string): Promise<void> {
  env.clock.set(iso);
  await env.server.billing.runDue();
}

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00', env: { OPERATOR_EMAILS: 'operator@example.com' } });
  const operator = new ApiClient(env.url);
  await signUp(operator, { email: 'operator@example.com', name: 'Operator', password: 'correct horse battery' });
  await operator.ok('POST', '/billing/operator/promo-codes', { code: 'WELCOME10', percentOff: 10, periods: null });
  ({ api } = await newOrganizer(env.url));
}, 60_000);
afterAll(async () => env?.cleanup());

describe('an account\'s life, day by day (BILL-2..6)', () => {
  it('trial → pay → upgrade on day 10 → add-on on day 20 → downgrade → renewal → suspend → back on day 90 → cancel → expired → new card → active', async () => {
    // Trial: the ACC-1 limits, no charges.
    let s = await summary();
    expect(s).toMatchObject({ status: 'trial', plan: 'trial', everPaid: false });
    expect(s.limits.maxAttendees).toBe(25);

    // A subscription needs a card first.
    const noCard = await api.request('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect(noCard.status).toBe(409);
    expect(noCard.body.code).toBe('no-payment-method');

    // Pay, 16 Nov 2026: webinar-50 monthly, 125.00 PLN less WELCOME10 (12.50) = 112.50 net, VAT 25.88 → 138.38.
    await command({ type: 'apply-promo', code: 'welcome10' });
    await saveCard(api, env.url, env.stripe!);
    const paid = await command({ type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect(paid.charge).toMatchObject({ status: 'paid', net: 11_250, tax: 2_588, total: 13_838, number: 'FV/2026/000001' });
    s = paid.summary;
    expect(s).toMatchObject({ status: 'active', plan: 'webinar-50', periodStart: '2026-11-16', periodEnd: '2026-12-15' });
    expect(s.limits.maxAttendees).toBe(50);

    // Day 10 (26 Nov): webinar-100 for the 20 of 30 days left: 199.00 × 20/30 = 132.67, less what was paid for
    // those days of webinar-50, 112.50 × 20/30 = 75.00 → 57.67 net, VAT 13.26 → 70.93. The preview says exactly that.
    await travel('2026-11-26T10:00:00+01:00');
    const preview = await api.ok<{ charge: { net: number; tax: number; total: number } }>('POST', '/billing/preview', { type: 'change-plan', plan: 'webinar-100', interval: 'month' });
    expect(preview.charge).toMatchObject({ net: 5_767, tax: 1_326, total: 7_093 });
    const up = await command({ type: 'change-plan', plan: 'webinar-100', interval: 'month' });
    expect(up.charge).toMatchObject({ kind: 'upgrade', net: 5_767, tax: 1_326, total: 7_093, number: 'FV/2026/000002' });
    expect(up.summary.limits.maxAttendees).toBe(100); // seats grow at once (BILL-9)

    // Day 20 (6 Dec): one more video stream, 40.00 a month, for the 10 of 30 days left = 13.33, VAT 3.07 → 16.40.
    await travel('2026-12-06T10:00:00+01:00');
    const addon = await command({ type: 'set-addon', kind: 'videoStreams', quantity: 1 });
    expect(addon.charge).toMatchObject({ kind: 'addon', net: 1_333, tax: 307, total: 1_640, number: 'FV/2026/000003' });
    expect(addon.summary.limits.maxVideoStreams).toBe(5);

    // Downgrade to webinar-50: nothing today, scheduled for 16 Dec.
    const down = await command({ type: 'change-plan', plan: 'webinar-50', interval: 'month' });
    expect(down.charge).toBeNull();
    expect(down.summary.pending).toMatchObject({ plan: 'webinar-50', from: '2026-12-16' });
    expect(down.summary.plan).toBe('webinar-100');

    // Renewal at midnight in Warsaw, 16 Dec: webinar-50 125.00 + stream 40.00 = 165.00, the promo gone with the
    // downgrade; VAT 37.95 → 202.95. Nothing happens a minute before midnight.
    await travel('2026-12-15T23:59:00+01:00');
    expect((await summary()).plan).toBe('webinar-100');
    await travel('2026-12-16T00:01:00+01:00');
    s = await summary();
    expect(s).toMatchObject({ status: 'active', plan: 'webinar-50', promo: null, pending: null, periodStart: '2026-12-16', periodEnd: '2027-01-15' });
    expect(s.invoices[0]).toMatchObject({ kind: 'renewal', net: 16_500, tax: 3_795, total: 20_295, status: 'paid', number: 'FV/2026/000004' });
    expect(s.limits.maxAttendees).toBe(50);
    // The same boundary run again changes nothing.
    await env.server.billing.runDue();
    expect((await summary()).invoices).toHaveLength(4);

    // Suspend on 6 Jan 2027: 10 of 31 days unused, kept as credit: 125.00 × 10/31 = 40.32 + 40.00 × 10/31 = 12.90 → 53.22.
    await travel('2027-01-06T10:00:00+01:00');
    const susp = await command({ type: 'suspend' });
    expect(susp.charge).toBeNull();
    expect(susp.summary).toMatchObject({ status: 'suspended', suspendedOn: '2027-01-06', resumeBy: '2027-04-06', credit: 5_322 });

    // No renewal while suspended (16 Jan passes), then back by itself on day 90 (6 Apr) with a new period:
    // 125.00 + 40.00 − 53.22 credit = 111.78 net, VAT 25.71 → 137.49; the year's numbering starts again.
    await travel('2027-01-20T10:00:00+01:00');
    expect((await summary()).invoices).toHaveLength(4);
    await travel('2027-04-05T23:59:00+02:00');
    expect((await summary()).status).toBe('suspended');
    await travel('2027-04-06T00:01:00+02:00');
    s = await summary();
    expect(s).toMatchObject({ status: 'active', credit: 0, periodStart: '2027-04-06', periodEnd: '2027-05-05', suspendedOn: null });
    expect(s.invoices[0]).toMatchObject({ kind: 'resume', net: 11_178, tax: 2_571, total: 13_749, status: 'paid', number: 'FV/2027/000001' });

    // Cancel on 20 Apr: service to 5 May, no refund; expired on 6 May, with no charge.
    await travel('2027-04-20T10:00:00+02:00');
    const cancel = await command({ type: 'cancel' });
    expect(cancel.charge).toBeNull();
    expect(cancel.summary).toMatchObject({ status: 'cancelling', periodEnd: '2027-05-05' });
    await travel('2027-05-06T00:01:00+02:00');
    s = await summary();
    expect(s).toMatchObject({ status: 'expired', hasPaymentMethod: false, everPaid: true });
    expect(s.invoices).toHaveLength(5);

    // A paid account can never choose the trial, neither itself nor through the operator.
    const trial = await api.request('POST', '/billing/commands', { type: 'change-plan', plan: 'trial', interval: 'month' });
    expect(trial.status).toBe(409);
    expect(trial.body.code).toBe('trial-after-paid');

    // Back with a new card (BILL-6): 125.00 + VAT 28.75 = 153.75; add-ons start again from none.
    const stale = await api.request('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect(stale.body.code).toBe('no-payment-method');
    await saveCard(api, env.url, env.stripe!);
    const back = await command({ type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect(back.charge).toMatchObject({ kind: 'subscription', net: 12_500, tax: 2_875, total: 15_375, status: 'paid', number: 'FV/2027/000002' });
    expect(back.summary).toMatchObject({ status: 'active', plan: 'webinar-50', periodStart: '2027-05-06', periodEnd: '2027-06-05', addons: {} });
  }, 120_000);

  it('a suspended account comes back on its next log-in, with a new period from that day', async () => {
    env.clock.set('2027-06-01T10:00:00+02:00');
    const org = await newOrganizer(env.url, 'Lena Login');
    const own = org.api;
    await saveCard(own, env.url, env.stripe!);
    await own.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-100', interval: 'month', currency: 'PLN' });
    // 1 June → 1 July is 30 days; suspended on 11 June with 20 days unused: 199.00 × 20/30 = 132.67 credit.
    await travel('2027-06-11T10:00:00+02:00');
    expect((await own.ok<CommandOut>('POST', '/billing/commands', { type: 'suspend' })).summary.credit).toBe(13_267);
    await travel('2027-06-25T10:00:00+02:00');
    const web = new ApiClient(env.url);
    await web.ok('POST', '/auth/login', { email: org.email, password: org.password });
    const s = await own.ok<BillingSummaryOut>('GET', '/billing');
    expect(s).toMatchObject({ status: 'active', periodStart: '2027-06-25', periodEnd: '2027-07-24', credit: 0 });
    // 199.00 − 132.67 = 66.33 net, VAT 15.26 → 81.59.
    expect(s.invoices[0]).toMatchObject({ kind: 'resume', net: 6_633, tax: 1_526, total: 8_159, status: 'paid' });
  });

  it('refuses bad input with a reason and saves nothing: negative, fractional or huge quantities, an unknown plan, a client-sent price', async () => {
    const before = (await summary()).invoices.length;
    for (const body of [
      { type: 'set-addon', kind: 'storage', quantity: -1 },
      { type: 'set-addon', kind: 'storage', quantity: 1.5 },
      { type: 'set-addon', kind: 'storage', quantity: 1_000_000 },
      { type: 'change-plan', plan: 'webinar-9999', interval: 'month' },
      { type: 'change-plan', plan: 'webinar-100', interval: 'month', price: 1 },
    ]) {
      const r = await api.request('POST', '/billing/commands', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const streams = await api.request('POST', '/billing/commands', { type: 'set-addon', kind: 'videoStreams', quantity: 4 });
    expect(streams.status).toBe(409);
    expect(streams.body.code).toBe('too-many-streams');
    const currency = await api.request('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'EUR' });
    expect(currency.status).toBe(409);
    expect((await summary()).invoices).toHaveLength(before);
  });
});
