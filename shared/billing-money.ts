/** Money for people: integer minor units shown with two decimals and the ISO code (all our currencies have two). */
export function formatMoney(minor: number, currency: string): string {
  const sign = minor < 0 ? '−' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US').replace(/,/g, ' ')}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

/** A VAT rate in basis points as people write it: 2300 → "23%", 550 → "5.5%". */
export function formatRate(rateBp: number): string {
  return `${rateBp / 100}%`;
}
