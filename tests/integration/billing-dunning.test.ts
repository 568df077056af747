import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { BillingSummaryOut } from '../../shared/billing-schemas.ts';
import { BillingJobs } from '../../server/billing/billing-jobs.ts';
import { billingJobs } from '../../server/db/schema-billing.ts';
import { jobs } from '../../server/db/schema-mail.ts';
import { newId } from '../../server/domain/secrets.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { saveCard, startBillingServer } from '../support/billing-server.ts';

// A renewal whose card is declined: retries as durable jobs on days 3, 5 and 7, the
// account told each time, then expired (and the invoice voided); a retry that succeeds
// keeps the account. Also: billing's old job table is drained into the shared loop.
let env: Awaited<ReturnType<typeof startBillingServer>>;

const db = () => env.server.database.db;
async function travel(iso: string): Promise<void> {
  env.clock.set(iso);
  await env.server.billing.runDue();
}
async function paying(name: string): Promise<{ api: ApiClient; accountId: string }> {
  const org = await newOrganizer(env.url, name);
  await saveCard(org.api, env.url, env.stripe!);
  await org.api.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
  return { api: org.api, accountId: org.session.account.id };
}
const mails = (accountId: string) => db().all<{ kind: string; subject: string }>(sql`select kind, subject from mail_messages where account_id = ${accountId} and kind like 'billing-%' order by created_at`);
const summaryOf = (api: ApiClient) => api.ok<BillingSummaryOut>('GET', '/billing');

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('failed renewals (dunning)', () => {
  it('declined at renewal → retried on days 3, 5 and 7 (told each time) → expired, the invoice voided; a new card brings it back', async () => {
    const { api, accountId } = await paying('Dora Declined');
    env.stripe!.payOutcome = 'declined';
    await travel('2026-12-16T00:01:00+01:00');
    let s = await summaryOf(api);
    expect(s.invoices[0]).toMatchObject({ kind: 'renewal', status: 'failed', total: 15_375 });
    expect(s.status).toBe('active'); // service continues while we retry
    expect(mails(accountId).map((m) => m.kind)).toEqual(['billing-payment-failed']);
    expect(mails(accountId)[0]!.subject).toBe('Payment failed: 153.75 PLN');
    const invoiceId = [...env.stripe!.invoices.values()].pop()!.id as string;

    // Day 2: nothing yet. Day 3: retry 1, declined, told; day 5: retry 2; day 7: retry 3, then expired.
    await travel('2026-12-18T01:00:00+01:00');
    expect(env.stripe!.requests.filter((r) => r.idempotencyKey?.includes(':pay:retry:'))).toHaveLength(0);
    await travel('2026-12-19T01:00:00+01:00');
    expect(env.stripe!.requests.filter((r) => r.idempotencyKey?.includes(':pay:retry:1'))).toHaveLength(1);
    expect(mails(accountId)).toHaveLength(2);
    await travel('2026-12-21T01:00:00+01:00');
    expect(mails(accountId)).toHaveLength(3);
    expect((await summaryOf(api)).status).toBe('active');
    await travel('2026-12-23T01:00:00+01:00');
    s = await summaryOf(api);
    expect(s).toMatchObject({ status: 'expired', hasPaymentMethod: false, everPaid: true });
    expect(mails(accountId).map((m) => m.kind)).toEqual(['billing-payment-failed', 'billing-payment-failed', 'billing-payment-failed', 'billing-expired']);
    expect(env.stripe!.invoices.get(invoiceId)!.status).toBe('void');
    // Each retry carried a key of its own, so Stripe really tried again (a repeated key returns the first answer).
    const keys = env.stripe!.requests.filter((r) => r.path === `/v1/invoices/${invoiceId}/pay`).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(4);
    // Running the same days again does nothing more.
    await env.server.billing.runDue();
    expect(mails(accountId)).toHaveLength(4);

    env.stripe!.payOutcome = 'paid';
    await saveCard(api, env.url, env.stripe!);
    const back = await api.ok<{ charge: { status: string } }>('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    expect(back.charge.status).toBe('paid');
  });

  it('a retry that goes through pays the renewal and the account stays active', async () => {
    env.clock.set('2027-01-05T10:00:00+01:00');
    const { api, accountId } = await paying('Rita Retry');
    env.stripe!.payOutcome = 'declined';
    await travel('2027-02-05T00:01:00+01:00');
    expect((await summaryOf(api)).invoices[0]!.status).toBe('failed');
    env.stripe!.payOutcome = 'paid';
    await travel('2027-02-08T01:00:00+01:00');
    const s = await summaryOf(api);
    expect(s.status).toBe('active');
    expect(s.invoices[0]).toMatchObject({ kind: 'renewal', status: 'paid' });
    expect(s.invoices[0]!.number).toMatch(/^FV\/2027\//);
    expect(mails(accountId).map((m) => m.kind)).toEqual(['billing-payment-failed']);
    // No further retry is left waiting.
    expect(db().all(sql`select id from jobs where kind = 'billing.dunning' and status = 'pending' and json_extract(payload, '$.accountId') = ${accountId}`)).toHaveLength(0);
  });
});

describe('billing jobs on the shared loop', () => {
  it('a pending row of the old billing_jobs table is moved to the shared jobs table once, and still renews', async () => {
    env.clock.set('2027-03-01T10:00:00+01:00');
    const { api, accountId } = await paying('Leo Legacy');
    // As an old database would have it: the renewal in billing_jobs, not in jobs.
    const renewal = db().select().from(jobs).where(sql`kind = 'billing.period-end' and json_extract(payload, '$.accountId') = ${accountId}`).get()!;
    db().delete(jobs).where(eq(jobs.id, renewal.id)).run();
    const key = renewal.dedupeKey!.replace(/^billing\./, '');
    db().insert(billingJobs).values({ id: newId(), kind: 'period-end', accountId, runAt: renewal.runAt, status: 'pending', dedupeKey: key, createdAt: new Date() }).run();
    const legacy = new BillingJobs(db(), env.clock.now);
    expect(legacy.migrateLegacy()).toBe(1);
    expect(legacy.migrateLegacy()).toBe(0);
    expect(db().select().from(billingJobs).where(eq(billingJobs.dedupeKey, key)).get()!.status).toBe('moved');
    expect(db().select().from(jobs).where(eq(jobs.dedupeKey, `billing.${key}`)).get()).toMatchObject({ kind: 'billing.period-end', status: 'pending' });
    await travel('2027-04-01T00:01:00+02:00');
    expect((await summaryOf(api)).invoices[0]).toMatchObject({ kind: 'renewal', status: 'paid' });
  });

  it('a job the shared loop reaches before it is due on billing\'s clock is put back for the same wait, not lost', () => {
    env.clock.set('2027-05-01T10:00:00+02:00');
    const dueAt = new Date('2027-05-11T00:00:00+02:00');
    const row = { id: newId(), kind: 'billing.period-end', payload: { accountId: 'nobody', dueAt: dueAt.toISOString() }, runAt: dueAt, status: 'pending' as const, eventId: null, dedupeKey: 'billing.period-end:nobody:x', attempts: 0, lastError: null, createdAt: new Date(), finishedAt: null };
    db().transaction((tx) => env.server.billing.jobHandlers['billing.period-end']!(row.payload, tx, row as never));
    const back = db().select().from(jobs).where(eq(jobs.dedupeKey, `billing.period-end:nobody:x~${row.id}`)).get()!;
    expect(back.status).toBe('pending');
    expect((back.payload as { dueAt: string }).dueAt).toBe(dueAt.toISOString());
    const waitMs = back.runAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(9 * 86_400_000);
    expect(waitMs).toBeLessThan(10 * 86_400_000 + 60_000);
  });
});
