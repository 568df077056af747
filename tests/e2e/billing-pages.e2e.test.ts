// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, WAIT, signUp } from '../support/browser.ts';
import { WEBHOOK_SECRET, deliver, startBillingServer } from '../support/billing-server.ts';

/**
 * The billing pages in Chromium, in English and in Polish: an add-on's exact price for
 * today before buying it, the balance after a top-up, the tickets page with each
 * attendee's payment status and the organizer's buttons, sub-accounts, the partner
 * link, the operator's page; and, on a server without Stripe keys, the dashboard
 * saying how to connect Stripe.
 */
let env: Awaited<ReturnType<typeof startBillingServer>>;
let bare: Awaited<ReturnType<typeof startBillingServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Warsaw' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}
async function saveCard(page: Page): Promise<void> {
  const started = await page.request.post(`${env.url}/api/v1/billing/payment-method`);
  const sessionId = ((await started.json()) as { url: string }).url.split('/').pop()!;
  const setup = env.stripe!.signedEvent('checkout.session.completed', env.stripe!.completeSession(sessionId), WEBHOOK_SECRET);
  expect((await deliver(env.url, setup.body, setup.header)).status).toBe(200);
}

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html'))) throw new Error('The browser client is not built: run `npm run build` first.');
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00', env: { OPERATOR_EMAILS: 'olivia.operator@example.com' } });
  bare = await startBillingServer({ start: '2026-11-16T09:00:00+01:00', stripe: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await env?.cleanup();
  await bare?.cleanup();
}, 60_000);

describe('billing pages in Chromium', () => {
  it('an add-on shows exactly what it costs today before it is bought; the balance shows a top-up', async () => {
    const page = await newPage();
    await signUp(page, env.url, 'Adam Addon', 'adam.addon@example.com');
    await saveCard(page);
    await page.goto(`${env.url}/dashboard/billing`);
    await page.getByTestId('plan-webinar-50').getByRole('button', { name: 'Choose' }).click();
    await page.getByTestId('billing-status').filter({ hasText: 'Active' }).waitFor(WAIT);

    // Day 8 of 30 (23 Nov → 15 Dec left: 23 days): one extra stream, 40.00 × 23/30 = 30.67 net + 23% = 37.72.
    env.clock.set('2026-11-23T10:00:00+01:00');
    await page.reload();
    const row = page.getByTestId('addon-videoStreams');
    await row.getByLabel('Quantity').fill('1');
    const preview = page.getByTestId('addon-preview-videoStreams');
    await preview.filter({ hasText: 'Today' }).waitFor(WAIT);
    await expect(preview.textContent()).resolves.toBe('Today: 37.72 PLN (30.67 PLN net), for 23 Nov 2026 – 15 Dec 2026; then with each period.');
    await row.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('invoice').first().filter({ hasText: '37.72 PLN' }).waitFor(WAIT);

    // A top-up of 100.00: Stripe's Checkout page cannot be reached here, so its signed event stands in.
    const topup = await page.request.post(`${env.url}/api/v1/billing/topups`, { data: { amount: 10_000 } });
    const session = env.stripe!.completeSession(((await topup.json()) as { url: string }).url.split('/').pop()!);
    const paid = env.stripe!.signedEvent('checkout.session.completed', session, WEBHOOK_SECRET);
    expect((await deliver(env.url, paid.body, paid.header)).status).toBe(200);
    await page.reload();
    await page.getByTestId('balance-amount').filter({ hasText: '100.00 PLN' }).waitFor(WAIT);
    await expect(page.getByTestId('balance-entries').textContent()).resolves.toContain('Top-up');
  }, 120_000);

  it('tickets per event: each attendee\'s payment status, confirm by hand, resend (in Polish)', async () => {
    const page = await newPage();
    await signUp(page, env.url, 'Tola Tickets', 'tola.tickets@example.com');
    await page.getByRole('button', { name: 'PL', exact: true }).click();
    const event = await page.request.post(`${env.url}/api/v1/events`, { data: { kind: 'webinar', name: 'Płatny warsztat', startsAt: '2026-12-20T10:00:00+01:00', timeZone: 'Europe/Warsaw', accessType: 'token' } });
    const eventId = ((await event.json()) as { id: number }).id;
    await page.goto(`${env.url}/dashboard/billing/tickets?event=${eventId}`);
    await page.getByLabel('Klucz ograniczony (rk_live_…)').fill('rk_test_tola_key');
    await page.getByLabel('Sekret podpisu webhooka (whsec_…)').fill('whsec_tola_0123456789');
    await page.getByRole('button', { name: 'Zapisz' }).first().click();
    await page.getByText('Klucze Stripe zapisane.').waitFor(WAIT);
    await page.getByLabel('Cena', { exact: true }).fill('49');
    await page.getByLabel('Miejsca').fill('10');
    await page.getByRole('button', { name: 'Zapisz' }).nth(1).click();
    // A buyer goes to Checkout and pays elsewhere (bank transfer): the organizer confirms by hand.
    const buyer = await fetch(`${env.url}/api/v1/tickets/events/${eventId}/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'kupujacy@example.com', name: 'Kuba' }) });
    expect(buyer.status).toBe(200);
    await page.reload();
    const order = page.getByTestId('ticket-order').filter({ hasText: 'kupujacy@example.com' });
    await expect(order.getByTestId('order-status').textContent()).resolves.toBe('W trakcie płatności');
    await order.getByRole('button', { name: 'Potwierdź' }).click();
    await order.getByTestId('order-status').filter({ hasText: 'Potwierdzony ręcznie' }).waitFor(WAIT);
    await order.getByRole('button', { name: 'Wyślij potwierdzenie ponownie' }).click();
    await page.getByText('Gotowe.').waitFor(WAIT);
    await expect(page.getByTestId('seats-taken').textContent()).resolves.toContain('1 z 10');
  }, 120_000);

  it('sub-accounts, the partner link and the operator\'s page', async () => {
    const page = await newPage();
    await signUp(page, env.url, 'Olivia Operator', 'olivia.operator@example.com');
    await saveCard(page);
    await page.request.post(`${env.url}/api/v1/billing/commands`, { data: { type: 'subscribe', plan: 'webinar-100', interval: 'month', currency: 'PLN' } });
    await page.request.post(`${env.url}/api/v1/billing/commands`, { data: { type: 'set-addon', kind: 'subAccounts', quantity: 1 } });

    await page.goto(`${env.url}/dashboard/sub-accounts`);
    await page.getByText('No sub-accounts yet.').waitFor(WAIT);
    await page.getByLabel('Sub-account name').fill('Kraków branch');
    await page.getByLabel('User\'s name').fill('Kai Krakow');
    await page.getByLabel('User\'s e-mail').fill('kai.krakow@example.com');
    await page.getByRole('button', { name: 'Create and send the invitation' }).click();
    await page.getByText('Invited: the activation e-mail is on its way.').waitFor(WAIT);
    const sub = page.getByTestId('sub-account').filter({ hasText: 'Kraków branch' });
    await sub.getByRole('button', { name: 'Delete' }).click();
    const forever = sub.getByRole('button', { name: 'Delete for ever' });
    expect(await forever.isDisabled()).toBe(true);
    await sub.getByLabel('Type "Kraków branch" to delete it').fill('Kraków branch');
    await forever.click();
    await page.getByText('No sub-accounts yet.').waitFor(WAIT);

    await page.getByRole('link', { name: 'Partner programme' }).click();
    await page.getByRole('button', { name: 'Get my referral link' }).click();
    await expect(page.getByTestId('referral-link').textContent()).resolves.toMatch(/\/api\/v1\/partners\/r\/[A-Za-z0-9]+$/);

    await page.getByRole('link', { name: 'Operator' }).click();
    const me = page.getByTestId('operator-account').filter({ hasText: 'olivia.operator@example.com' });
    await me.waitFor(WAIT);
    await expect(page.getByRole('link', { name: 'Download every invoice as CSV' }).getAttribute('href')).resolves.toBe('/api/v1/billing/operator/invoices/csv');
  }, 120_000);

  it('without Stripe keys the dashboard says how to connect Stripe', async () => {
    const page = await newPage();
    await signUp(page, bare.url, 'Nina NoStripe', 'nina.nostripe@example.com');
    const notice = page.getByTestId('dashboard-connect-stripe');
    await notice.waitFor(WAIT);
    await expect(notice.textContent()).resolves.toContain('STRIPE_SECRET_KEY');
  }, 120_000);
});
