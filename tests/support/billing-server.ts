import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { ApiClient } from './api-client.ts';
import { startFakeStripe, type FakeStripe } from './fake-stripe.ts';
import { TEST_SECRET } from './test-server.ts';

export const WEBHOOK_SECRET = 'whsec_test_billing_0123456789';

/** A clock the test moves: billing reads it for days, boundaries and webhook age. */
export class TestClock {
  constructor(private ms: number) {}
  now = (): Date => new Date(this.ms);
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
}

/**
 * The real server on a free port with its own SQLite file, Stripe keys pointing at a
 * stateful fake Stripe on 127.0.0.1, and billing on an injected clock.
 */
export async function startBillingServer(options: { start: string; env?: Record<string, string>; stripe?: boolean }): Promise<{
  server: RunningServer; clock: TestClock; stripe: FakeStripe | undefined; url: string; dataDir: string; cleanup(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'webinar-billing-'));
  const clock = new TestClock(Date.parse(options.start));
  const stripe = options.stripe === false ? undefined : await startFakeStripe();
  if (stripe) stripe.now = clock.now;
  const server = await startServer(loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SECRET_KEY: TEST_SECRET, LIVEKIT_LOCAL: 'false',
    ...(stripe && { STRIPE_SECRET_KEY: 'sk_test_billing', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url }),
    SELLER_NAME: 'Webinars Sp. z o.o.', SELLER_ADDRESS: 'ul. Prosta 1, 00-001 Warszawa', SELLER_COUNTRY: 'PL', SELLER_VAT_ID: 'PL5260250274',
    ...options.env,
  }), { billingNow: clock.now });
  return {
    server, clock, stripe, url: server.url, dataDir,
    async cleanup() {
      await server.stop();
      await stripe?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Delivers a webhook to our endpoint exactly as Stripe would (raw body, signature header). */
export async function deliver(url: string, body: string, header: string | undefined): Promise<{ status: number; body: any }> {
  const r = await fetch(`${url}/api/v1/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', ...(header && { 'stripe-signature': header }) }, body });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

/** Saves a card the way the browser would: the setup Checkout page, then Stripe's signed event. */
export async function saveCard(api: ApiClient, url: string, stripe: FakeStripe): Promise<void> {
  const { url: page } = await api.ok<{ url: string }>('POST', '/billing/payment-method');
  const sessionId = page.split('/').pop()!;
  const session = stripe.completeSession(sessionId);
  const event = stripe.signedEvent('checkout.session.completed', session, WEBHOOK_SECRET);
  const r = await deliver(url, event.body, event.header);
  if (r.status !== 200) throw new Error(`card webhook → ${r.status} ${JSON.stringify(r.body)}`);
}
