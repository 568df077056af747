import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBillingServer } from '../support/billing-server.ts';

// Issue 13 §8: every billing route is in the OpenAPI document, with its request schema
// taken from the same valibot schema the server validates with.
let env: Awaited<ReturnType<typeof startBillingServer>>;
beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
}, 60_000);
afterAll(async () => env?.cleanup());

const BILLING_OPERATIONS = [
  'GET /billing', 'GET /billing/near-capacity', 'POST /billing/preview', 'POST /billing/commands', 'GET /billing/balance', 'POST /billing/topups',
  'POST /billing/topups/{topupId}/check', 'PUT /billing/profile', 'POST /billing/payment-method', 'GET /billing/invoices/{chargeId}/pdf',
  'GET /billing/operator/invoices/csv', 'GET /billing/operator/accounts', 'PUT /billing/operator/accounts/{accountId}/plan', 'POST /billing/operator/promo-codes',
  'GET /billing/operator/payouts', 'POST /billing/operator/payouts/{payoutId}/paid', 'POST /billing/operator/charges/{chargeId}/refund',
  'PUT /billing/tickets/stripe', 'PUT /billing/tickets/events/{id}/price', 'GET /billing/tickets/events/{id}', 'POST /billing/tickets/events/{id}/orders/{orderId}/decision',
  'POST /billing/tickets/events/{id}/orders/{orderId}/refund', 'POST /billing/tickets/events/{id}/orders/{orderId}/resend', 'POST /tickets/events/{id}/checkout',
  'POST /tickets/orders/{orderId}/return', 'POST /sub-accounts/activate', 'GET /sub-accounts/acting-as', 'GET /sub-accounts', 'POST /sub-accounts',
  'POST /sub-accounts/{id}/enter', 'PUT /sub-accounts/{id}/plan', 'POST /sub-accounts/{id}/cancel', 'POST /sub-accounts/{id}/delete',
  'GET /partners/r/{code}', 'POST /billing/partner', 'GET /billing/partner', 'POST /webhooks/stripe', 'POST /webhooks/stripe/accounts/{accountId}',
];

describe('billing in the OpenAPI document', () => {
  it('lists every billing, ticket, sub-account, partner and webhook route', async () => {
    const document = await (await fetch(`${env.url}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, { requestBody?: any }>> };
    const operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(BILLING_OPERATIONS.filter((op) => !operations.includes(op))).toEqual([]);
    // The client never sends an amount for a plan: the command schema has none; a top-up names only its amount.
    const topup = document.paths['/billing/topups']!.post!.requestBody.content['application/json'].schema;
    expect(Object.keys(topup.properties)).toEqual(['amount']);
    const command = JSON.stringify(document.paths['/billing/commands']!.post!.requestBody.content['application/json'].schema);
    expect(command).not.toMatch(/"(price|amount|net|total)"/);
  });
});
