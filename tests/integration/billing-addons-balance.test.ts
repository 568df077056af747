import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { events } from '../../server/db/schema-events.ts';
import type { BalanceOut, BillingSummaryOut, CommandOut, TopupOut } from '../../shared/billing-schemas.ts';
import { RoomStore } from '../../server/rooms/room-store.ts';
import { RoomStatesStore } from '../../server/domain/room-states-store.ts';
import { createEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { WEBHOOK_SECRET, deliver, saveCard, startBillingServer } from '../support/billing-server.ts';

// Add-ons where limits are enforced, the prepaid balance (BILL-8) and the reconciliation
// of payments whose webhook never came, on the real server with the real StripeGateway
// against the stateful fake Stripe and billing's clock moved by the test.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let api: ApiClient;
let accountId: string;

const summary = () => api.ok<BillingSummaryOut>('GET', '/billing');
const command = (body: unknown) => api.ok<CommandOut>('POST', '/billing/commands', body);
const balance = () => api.ok<BalanceOut>('GET', '/billing/balance');
const db = () => env.server.database.db;
const lastInvoice = () => [...env.stripe!.invoices.values()].pop()!;

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
  const org = await newOrganizer(env.url, 'Ada Addons');
  api = org.api;
  accountId = org.session.account.id;
  await saveCard(api, env.url, env.stripe!);
  await command({ type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('add-ons raise the limits where they are enforced', () => {
  it('storage: the file library\'s quota grows by 10 GB per unit bought', async () => {
    const before = (await api.ok<{ storage: { quotaBytes: number } }>('GET', '/files')).storage.quotaBytes;
    expect(before).toBe(1_024 * 1024 * 1024);
    await command({ type: 'set-addon', kind: 'storage', quantity: 1 });
    const after = (await api.ok<{ storage: { quotaBytes: number } }>('GET', '/files')).storage.quotaBytes;
    expect(after).toBe((1_024 + 10_240) * 1024 * 1024);
    // The dashboard's limits (GET /auth/me) come from the same `limitsFor(account, at)`.
    expect((await api.ok<{ account: { limits: { storageMegabytes: number } } }>('GET', '/auth/me')).account.limits.storageMegabytes).toBe(1_024 + 10_240);
  });

  it('video streams and parallel sessions: the room a new event opens gets 4 + 3 = 7 cameras and 2 events at once', async () => {
    const event = await createEvent(api);
    const row = db().select().from(events).where(eq(events.publicId, event.id)).get()!;
    // The room reads its limits here when it opens (attendees, discussion, presenters, cameras, parallel events).
    const load = () => new RoomStore(db(), new RoomStatesStore(db()), env.clock.now).load(row, 'webinar-50');
    expect(load().limits).toMatchObject({ maxVideoStreams: 4, parallelEvents: 1 });
    await command({ type: 'set-addon', kind: 'videoStreams', quantity: 3 });
    await command({ type: 'set-addon', kind: 'parallelSessions', quantity: 1 });
    expect(load().limits).toMatchObject({ maxVideoStreams: 7, parallelEvents: 2 });
    // At most 7: a fourth extra stream is refused with a reason.
    const more = await api.request('POST', '/billing/commands', { type: 'set-addon', kind: 'videoStreams', quantity: 4 });
    expect(more.body.code).toBe('too-many-streams');
  });

  it('sub-accounts: none on the plan alone, one after buying one', async () => {
    const body = { name: 'Branch', userName: 'Bob Branch', email: `branch${Date.now()}@example.com`, plan: 'webinar-50' };
    const refused = await api.request('POST', '/sub-accounts', body);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('no-sub-account-places');
    await command({ type: 'set-addon', kind: 'subAccounts', quantity: 1 });
    expect((await api.request('POST', '/sub-accounts', body)).status).toBe(201);
  });
});

describe('prepaid balance (BILL-8)', () => {
  it('a top-up through Checkout in payment mode is credited once, by its signed webhook', async () => {
    // The client names an amount only; the currency is the account's and the range the server's.
    expect((await api.request('POST', '/billing/topups', { amount: 100 })).status).toBe(400);
    expect((await api.request('POST', '/billing/topups', { amount: 10_000, currency: 'USD' })).status).toBe(400);
    const topup = await api.ok<TopupOut>('POST', '/billing/topups', { amount: 10_000 });
    expect(topup).toMatchObject({ status: 'open', currency: 'PLN', amount: 10_000 });
    const session = env.stripe!.completeSession(topup.url!.split('/').pop()!);
    expect(session.metadata).toMatchObject({ kind: 'topup', ref: `topup:${topup.id}` });
    const event = env.stripe!.signedEvent('checkout.session.completed', session, WEBHOOK_SECRET);
    expect((await deliver(env.url, event.body, event.header)).body.outcome).toBe('applied');
    expect((await deliver(env.url, event.body, event.header)).body.outcome).toBe('duplicate');
    expect((await balance()).balance).toBe(10_000);
    expect((await summary()).balance).toBe(10_000);
  });

  it('usage comes from the balance first, the rest from the card; the same call reported twice is charged once', async () => {
    // 100 toll-free minutes × 0.45 = 45.00 net + 23% VAT 10.35 = 55.35, all from the balance: 100.00 − 55.35 = 44.65.
    const first = await env.server.billing.chargeUsage({ accountId, ref: 'call-1', kind: 'toll-free-minutes', quantity: 100 });
    expect(first).toMatchObject({ duplicate: false, total: 5_535, fromBalance: 5_535, toCard: 0 });
    expect((await balance()).balance).toBe(4_465);
    // 200 minutes = 90.00 + 20.70 = 110.70: 44.65 from the balance, 66.05 from the card (one invoice, the balance as a payment line).
    const second = await env.server.billing.chargeUsage({ accountId, ref: 'call-2', kind: 'toll-free-minutes', quantity: 200 });
    expect(second).toMatchObject({ duplicate: false, total: 11_070, fromBalance: 4_465, toCard: 6_605 });
    expect((await balance()).balance).toBe(0);
    const invoice = lastInvoice();
    expect(invoice.total).toBe(6_605);
    expect(invoice.lines.map((l: { amount: number }) => l.amount)).toEqual([9_000, 2_070, -4_465]);
    const charge = (await summary()).invoices.find((i) => i.id === second.chargeId)!;
    expect(charge).toMatchObject({ kind: 'usage', status: 'paid', net: 9_000, tax: 2_070, total: 11_070 });
    // A replayed report: no second charge, nothing taken.
    const again = await env.server.billing.chargeUsage({ accountId, ref: 'call-2', kind: 'toll-free-minutes', quantity: 200 });
    expect(again).toMatchObject({ duplicate: true, chargeId: null });
    expect((await summary()).invoices.filter((i) => i.kind === 'usage')).toHaveLength(2);
    await expect(env.server.billing.chargeUsage({ accountId, ref: 'call-3', kind: 'toll-free-minutes', quantity: -5 })).rejects.toMatchObject({ code: 'invalid-quantity' });
  });
});

describe('reconciliation: what the webhook never told us, re-fetched from Stripe', () => {
  it('a top-up paid on Stripe whose webhook never came is credited by the reconciliation job', async () => {
    const topup = await api.ok<TopupOut>('POST', '/billing/topups', { amount: 5_000 });
    env.stripe!.completeSession(topup.url!.split('/').pop()!);
    await env.server.billing.runDue();
    expect((await balance()).balance).toBe(0); // too young to chase
    env.clock.advanceDays(1 / 48); // 30 minutes
    await env.server.billing.runDue();
    expect((await balance()).balance).toBe(5_000);
    expect((await balance()).topups.find((t) => t.id === topup.id)!.status).toBe('paid');
  });

  it('an invoice left open (3-D Secure) and paid on Stripe later ends paid, with its number', async () => {
    env.stripe!.payOutcome = 'open';
    const r = await command({ type: 'change-plan', plan: 'webinar-100', interval: 'month' });
    expect(r.charge!.status).toBe('open');
    env.stripe!.setInvoiceStatus(lastInvoice().id, 'paid');
    env.stripe!.payOutcome = 'paid';
    env.clock.advanceDays(1 / 12); // 2 hours: older than the hour after which open invoices are re-fetched
    await env.server.billing.runDue();
    const after = (await summary()).invoices.find((i) => i.id === r.charge!.id)!;
    expect(after.status).toBe('paid');
    expect(after.number).toMatch(/^FV\/2026\/\d{6}$/);
  });

  it('the reconciliation job itself is a durable job on the shared loop, planned again each time it runs', async () => {
    const pending = db().all<{ kind: string; n: number }>(sql`select kind, count(*) as n from jobs where kind like 'billing.%' and status = 'pending' group by kind`);
    expect(pending.map((p) => p.kind)).toEqual(expect.arrayContaining(['billing.reconcile', 'billing.period-end', 'billing.payouts']));
    expect(Object.keys(env.server.billing.jobHandlers)).toEqual(expect.arrayContaining(['billing.period-end', 'billing.dunning', 'billing.reconcile', 'billing.sub-account-delete']));
  });
});
