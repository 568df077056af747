import { toCsv } from '../domain/csv.ts';
import type { AccountRow, ChargeRow } from './billing-store.ts';

const HEADER = ['number', 'issued', 'account_id', 'buyer', 'country', 'vat_id', 'kind', 'service_from', 'service_until', 'currency', 'net', 'vat_rate_percent', 'vat', 'total', 'reverse_charge', 'tax_note', 'gateway_invoice'];

/**
 * Every paid invoice in number order, for the operator's accounting tool (BILL-7).
 * Amounts in major units with a dot (an exact rendering of the integer minor units).
 */
export function invoicesCsv(charges: readonly ChargeRow[], buyerOf: (accountId: string) => AccountRow | undefined): string {
  const major = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
  const rows = charges.map((c) => {
    const b = buyerOf(c.accountId);
    return [
      c.number ?? '', c.paidAt?.toISOString() ?? '', c.accountId, b?.buyerName ?? '', b?.country ?? '', b?.vatId ?? '', c.kind, c.serviceFrom, c.serviceUntil,
      c.currency, major(c.net), String(c.taxRateBp / 100), major(c.tax), major(c.total), c.reverseCharge ? 'yes' : 'no', c.taxNote, c.gatewayInvoiceId ?? '',
    ];
  });
  return toCsv(HEADER, rows);
}
