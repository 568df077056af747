/**
 * VAT for our invoices (BILL-1 "net prices, VAT added", BILL-7), from a dated rate table
 * so a rate change is picked by the invoice date. EU business buyers in another member
 * state with a VAT id of valid format are reverse-charged; outside the EU, out of scope.
 */
import { checkVAT, countries } from 'jsvat';

interface DatedRate { readonly country: string; readonly fromIso: string; readonly rateBp: number }

/** Standard rates in basis points (23% = 2300), each valid from its date until the next one. */
export const VAT_RATES: readonly DatedRate[] = [
  { country: 'PL', fromIso: '2011-01-01', rateBp: 2300 },
  { country: 'DE', fromIso: '2021-01-01', rateBp: 1900 },
  { country: 'FR', fromIso: '2014-01-01', rateBp: 2000 },
  { country: 'CZ', fromIso: '2013-01-01', rateBp: 2100 },
  { country: 'SK', fromIso: '2011-01-01', rateBp: 2000 },
  { country: 'SK', fromIso: '2025-01-01', rateBp: 2300 },
  { country: 'NL', fromIso: '2012-10-01', rateBp: 2100 },
];
const EU = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

export interface Buyer { readonly country: string; readonly vatId?: string | null }
export interface TaxDecision { readonly rateBp: number; readonly reverseCharge: boolean; readonly note: string }

export function rateOn(country: string, at: Date): number | undefined {
  const iso = at.toISOString().slice(0, 10);
  return VAT_RATES.filter((r) => r.country === country && r.fromIso <= iso).sort((a, b) => (a.fromIso < b.fromIso ? 1 : -1))[0]?.rateBp;
}

/** True when the VAT id has a valid format and check digits for its country (not a VIES check). */
export function vatIdLooksValid(vatId: string): boolean {
  return checkVAT(vatId.replace(/\s+/g, '').toUpperCase(), countries).isValid;
}

/** The VAT id belongs to the buyer's country (Greece's ids start with EL): a French id does not make a German buyer a business. */
export function vatIdOfCountry(vatId: string, country: string): boolean {
  const prefix = vatId.replace(/\s+/g, '').toUpperCase().slice(0, 2);
  return prefix === (country === 'GR' ? 'EL' : country);
}

export function taxFor(sellerCountry: string, buyer: Buyer, at: Date): TaxDecision {
  const seller = rateOn(sellerCountry, at) ?? 0;
  if (buyer.country === sellerCountry) return { rateBp: seller, reverseCharge: false, note: 'domestic' };
  if (EU.has(buyer.country)) {
    if (buyer.vatId && vatIdLooksValid(buyer.vatId) && vatIdOfCountry(buyer.vatId, buyer.country)) return { rateBp: 0, reverseCharge: true, note: 'Reverse charge (Art. 196 of Directive 2006/112/EC)' };
    return { rateBp: seller, reverseCharge: false, note: 'EU consumer: seller rate' };
  }
  return { rateBp: 0, reverseCharge: false, note: 'Outside the scope of EU VAT' };
}

/** VAT on a net amount, half up. */
export function vatOn(net: number, rateBp: number): number {
  return Math.floor((2 * net * rateBp + 10_000) / 20_000);
}
