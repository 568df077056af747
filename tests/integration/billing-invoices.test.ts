import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOut } from '../../shared/billing-schemas.ts';
import { ApiClient, newOrganizer, signUp } from '../support/api-client.ts';
import { saveCard, startBillingServer } from '../support/billing-server.ts';

// BILL-7: numbered per seller and year, VAT from the dated table, reverse charge for an EU
// business with a VAT id, our own PDF (read back with poppler's pdftotext), CSV for the operator.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let operator: ApiClient;
const work = mkdtempSync(join(tmpdir(), 'invoices-'));

async function pdfText(api: ApiClient, chargeId: string): Promise<string> {
  const r = await fetch(`${env.url}/api/v1/billing/invoices/${chargeId}/pdf`, { headers: { authorization: `Bearer ${api.apiKey}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/pdf');
  const file = join(work, `${chargeId}.pdf`);
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function buyer(profile: { buyerName: string; buyerAddress: string; country: string; vatId: string | null }): Promise<{ api: ApiClient; charge: CommandOut['charge'] }> {
  const { api } = await newOrganizer(env.url);
  await api.ok('PUT', '/billing/profile', { ...profile, timeZone: 'Europe/Warsaw' });
  await saveCard(api, env.url, env.stripe!);
  const r = await api.ok<CommandOut>('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
  return { api, charge: r.charge };
}

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00', env: { OPERATOR_EMAILS: 'ops@example.com' } });
  operator = new ApiClient(env.url);
  await signUp(operator, { email: 'ops@example.com', name: 'Ops', password: 'correct horse battery' });
}, 60_000);
afterAll(async () => {
  await env?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('invoices', () => {
  let domestic: Awaited<ReturnType<typeof buyer>>;
  let business: Awaited<ReturnType<typeof buyer>>;

  it('a Polish buyer pays 23% VAT, shown as its own line on our PDF, with Polish letters intact', async () => {
    domestic = await buyer({ buyerName: 'Zażółć Gęślą Jaźń Sp. z o.o.', buyerAddress: 'ul. Łąkowa 5, 90-001 Łódź', country: 'PL', vatId: 'PL5260250274' });
    expect(domestic.charge).toMatchObject({ number: 'FV/2026/000001', net: 12_500, tax: 2_875, total: 15_375, status: 'paid' });
    // Stripe is configured: its hosted invoice is linked, and our own PDF is there always.
    expect(domestic.charge!.hostedUrl).toMatch(/^https:\/\/invoice\.stripe\.test\/in_/);
    expect(domestic.charge!.pdfUrl).toBe(`/api/v1/billing/invoices/${domestic.charge!.id}/pdf`);
    const text = await pdfText(domestic.api, domestic.charge!.id);
    expect(text).toContain('Invoice FV/2026/000001');
    expect(text).toMatch(/VAT 23%\s+28\.75 PLN/);
    expect(text).toMatch(/Total due\s+153\.75 PLN/);
    expect(text).toContain('Zażółć Gęślą Jaźń Sp. z o.o.');
    expect(text).toContain('Webinars Sp. z o.o.');
    expect(text).toContain('2026-11-16 – 2026-12-15');
  });

  it('an EU business with a valid VAT id is reverse-charged at 0%, and numbers follow on per seller', async () => {
    business = await buyer({ buyerName: 'Beispiel GmbH', buyerAddress: 'Hauptstraße 1, Berlin', country: 'DE', vatId: 'DE136695976' });
    expect(business.charge).toMatchObject({ number: 'FV/2026/000002', net: 12_500, tax: 0, total: 12_500 });
    const text = await pdfText(business.api, business.charge!.id);
    expect(text).toContain('Reverse charge');
    expect(text).toContain('DE136695976');
    expect(text).toMatch(/Total due\s+125\.00 PLN/);
  });

  it('a German VAT id of the wrong format is not reverse-charged; a buyer outside the EU is out of scope', async () => {
    const bad = await buyer({ buyerName: 'Falsch GmbH', buyerAddress: 'Berlin', country: 'DE', vatId: 'DE000000000' });
    expect(bad.charge).toMatchObject({ tax: 2_875 });
    const us = await buyer({ buyerName: 'Example Inc.', buyerAddress: 'New York', country: 'US', vatId: null });
    expect(us.charge).toMatchObject({ tax: 0, total: 12_500 });
    expect(await pdfText(us.api, us.charge!.id)).toContain('Outside the scope of EU VAT');
  });

  it('another account cannot open the invoice', async () => {
    const r = await business.api.request('GET', `/billing/invoices/${domestic.charge!.id}/pdf`);
    expect(r.status).toBe(404);
  });

  it('the operator exports every paid invoice as CSV; an organizer may not', async () => {
    expect((await domestic.api.request('GET', '/billing/operator/invoices/csv')).status).toBe(403);
    const r = await operator.request('GET', '/billing/operator/invoices/csv');
    expect(r.status).toBe(200);
    const lines = (r.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('number,issued,account_id,buyer,country,vat_id,kind,service_from,service_until,currency,net,vat_rate_percent,vat,total,reverse_charge,tax_note,gateway_invoice');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^FV\/2026\/000001,.*,Zażółć Gęślą Jaźń Sp\. z o\.o\.,PL,PL5260250274,subscription,2026-11-16,2026-12-15,PLN,125\.00,23,28\.75,153\.75,no,domestic,in_/);
    expect(lines[2]).toMatch(/^FV\/2026\/000002,.*,DE,DE136695976,.*,PLN,125\.00,0,0\.00,125\.00,yes,/);
  });
});
