// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, WAIT, signUp } from '../support/browser.ts';
import { WEBHOOK_SECRET, deliver, startBillingServer } from '../support/billing-server.ts';

/**
 * The plan page in Chromium: the organizer sees the prices, subscribes, and after
 * Stripe's (simulated, signed) `invoice.paid` webhook the invoice's PDF opens and
 * carries the VAT line; ten days later the page shows exactly what an upgrade costs
 * today, and that is what the upgrade charges.
 */
let env: Awaited<ReturnType<typeof startBillingServer>>;
let browser: Browser;
let page: Page;
const work = mkdtempSync(join(tmpdir(), 'plan-e2e-'));

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'dist', 'client', 'index.html'))) throw new Error('The browser client is not built: run `npm run build` first.');
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Warsaw' });
  page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
}, 120_000);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await env?.cleanup();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('plan page in Chromium', () => {
  it('shows today\'s exact upgrade price, and the invoice PDF after a paid webhook shows the VAT line', async () => {
    await signUp(page, env.url, 'Paula Plan', 'paula@example.com');
    await page.getByTestId('billing-link').click();
    await page.waitForURL('**/dashboard/billing', WAIT);
    await expect(page.getByTestId('billing-status').textContent()).resolves.toBe('Free trial');
    await expect(page.getByTestId('plan-webinar-100').textContent()).resolves.toContain('199.00 PLN / month');
    // Before the first payment the buyer picks PLN, EUR or USD, and the list follows (yearly: 12 months less 20%).
    await page.getByTestId('billing-currency').selectOption('EUR');
    await page.getByTestId('price-webinar-100').filter({ hasText: '49.00 EUR / month' }).waitFor(WAIT);
    await page.getByTestId('billing-currency').selectOption('USD');
    await page.getByRole('radio', { name: 'Yearly' }).click();
    await page.getByTestId('price-webinar-100').filter({ hasText: '528.00 USD / year' }).waitFor(WAIT);
    await page.getByRole('radio', { name: 'Monthly' }).click();
    await page.getByTestId('billing-currency').selectOption('PLN');
    await page.getByTestId('price-webinar-100').filter({ hasText: '199.00 PLN / month' }).waitFor(WAIT);

    // The card: Checkout in setup mode (Stripe's page cannot be reached here), then Stripe's signed event.
    const started = await page.request.post(`${env.url}/api/v1/billing/payment-method`);
    const sessionId = ((await started.json()) as { url: string }).url.split('/').pop()!;
    const setup = env.stripe!.signedEvent('checkout.session.completed', env.stripe!.completeSession(sessionId), WEBHOOK_SECRET);
    expect((await deliver(env.url, setup.body, setup.header)).status).toBe(200);
    await page.reload();
    await expect(page.getByTestId('card-state').textContent()).resolves.toBe('A card is saved.');

    // Subscribe to webinar-50 monthly; the bank asks for 3-D Secure, so it is paid only when Stripe says so.
    env.stripe!.payOutcome = 'open';
    await page.getByTestId('plan-webinar-50').getByRole('button', { name: 'Choose' }).click();
    await page.getByTestId('billing-status').filter({ hasText: 'Active' }).waitFor(WAIT);
    await page.getByTestId('invoice').filter({ hasText: 'Being paid' }).waitFor(WAIT);
    const invoiceId = [...env.stripe!.invoices.keys()].pop()!;
    env.stripe!.setInvoiceStatus(invoiceId, 'paid');
    const paid = env.stripe!.signedEvent('invoice.paid', { id: invoiceId, object: 'invoice', status: 'paid' }, WEBHOOK_SECRET);
    expect((await deliver(env.url, paid.body, paid.header)).status).toBe(200);
    await page.reload();
    const invoice = page.getByTestId('invoice').filter({ hasText: 'FV/2026/000001' });
    await invoice.filter({ hasText: 'Paid' }).waitFor(WAIT);
    await expect(invoice.textContent()).resolves.toContain('153.75 PLN');

    // The PDF link opens our invoice: 125.00 net, VAT 23% 28.75, total 153.75.
    const href = await invoice.getByRole('link', { name: 'PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${env.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const file = join(work, 'invoice.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Invoice FV/2026/000001');
    expect(text).toMatch(/VAT 23%\s+28\.75 PLN/);
    expect(text).toMatch(/Total due\s+153\.75 PLN/);

    // Day 10 (26 Nov), 20 of 30 days left: webinar-100 199.00 × 20/30 = 132.67 less 125.00 × 20/30 = 83.33
    // → 49.34 net + VAT 11.35 = 60.69 today.
    env.clock.set('2026-11-26T10:00:00+01:00');
    env.stripe!.payOutcome = 'paid';
    await page.reload();
    const today = page.getByTestId('upgrade-today-webinar-100');
    await today.waitFor(WAIT);
    await expect(today.textContent()).resolves.toBe('Today: 60.69 PLN (49.34 PLN + VAT 11.35 PLN)');
    await page.getByTestId('plan-webinar-100').getByRole('button', { name: 'Upgrade' }).click();
    await page.getByTestId('billing-plan').filter({ hasText: 'Webinar 100' }).waitFor(WAIT);
    await expect(page.getByTestId('invoice').first().textContent()).resolves.toContain('60.69 PLN');
  }, 120_000);
});
