import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ChargeLine } from '../../shared/billing/engine.ts';
import { formatMoney, formatRate } from '../../shared/billing-money.ts';
import type { AccountRow, ChargeRow, Seller } from './billing-store.ts';

/** DejaVu Sans (Debian fonts-dejavu-core, scripts/deps/apt/billing.txt) prints Polish names; Helvetica cannot. */
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

const KIND_TITLE: Record<string, string> = { subscription: 'Subscription', renewal: 'Renewal', upgrade: 'Upgrade', addon: 'Add-on', resume: 'Return from suspension', topup: 'Balance top-up' };

/**
 * Our own invoice (BILL-7), always available whatever Stripe shows: number, dates,
 * seller and buyer with VAT ids, our exact lines, the VAT line at the dated rate or the
 * reverse-charge note, and the total. Not a KSeF/statutory e-invoice: the CSV export is
 * what the operator's accounting tool takes in.
 */
export function invoicePdf(charge: ChargeRow, buyer: AccountRow, seller: Seller): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${charge.number ?? 'pro forma'}`, Author: seller.name } });
  const regular = existsSync(FONT) ? FONT : 'Helvetica';
  const bold = existsSync(BOLD) ? BOLD : 'Helvetica-Bold';
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (minor: number) => formatMoney(minor, charge.currency);

  doc.font(bold).fontSize(18).text(charge.number ? `Invoice ${charge.number}` : 'Pro forma (not paid yet)');
  doc.font(regular).fontSize(10).moveDown(0.5)
    .text(`Issued: ${(charge.paidAt ?? charge.createdAt).toISOString().slice(0, 10)}`)
    .text(`Service period: ${charge.serviceFrom} – ${charge.serviceUntil}`)
    .text(`Paid: ${charge.paidAt ? charge.paidAt.toISOString().slice(0, 10) : 'no'}`);

  const top = doc.y + 15;
  doc.font(bold).text('Seller', 50, top).font(regular).text(seller.name, 50).text(seller.address || ' ', 50).text(`Country: ${seller.country}`, 50);
  if (seller.vatId) doc.text(`VAT id: ${seller.vatId}`, 50);
  const after = doc.y;
  doc.font(bold).text('Buyer', 310, top).font(regular).text(buyer.buyerName ?? buyer.accountId, 310).text(buyer.buyerAddress || ' ', 310).text(`Country: ${buyer.country}`, 310);
  if (buyer.vatId) doc.text(`VAT id: ${buyer.vatId}`, 310);
  doc.y = Math.max(after, doc.y) + 20;

  const row = (y: number, cells: [string, string, string], font = regular) => {
    doc.font(font).text(cells[0], 50, y, { width: 330 }).text(cells[1], 390, y, { width: 40, align: 'right' }).text(cells[2], 440, y, { width: 105, align: 'right' });
    return Math.max(doc.y, y + 14) + 4;
  };
  let y = row(doc.y, ['Description', 'Qty', `Net (${charge.currency})`], bold);
  doc.moveTo(50, y - 2).lineTo(545, y - 2).stroke();
  for (const line of charge.lines as ChargeLine[]) {
    const days = line.days !== undefined ? ` (${line.days} of ${line.periodDays} days)` : '';
    y = row(y, [`${line.description}${days && !line.description.includes('days') ? days : ''}`, String(line.quantity), money(line.net)]);
  }
  doc.moveTo(50, y).lineTo(545, y).stroke();
  y = row(y + 6, [`${KIND_TITLE[charge.kind] ?? charge.kind}: total net`, '', money(charge.net)]);
  y = charge.reverseCharge
    ? row(y, [`VAT 0% — Reverse charge: VAT to be accounted for by the buyer (${charge.taxNote})`, '', money(0)])
    : row(y, [`VAT ${formatRate(charge.taxRateBp)}${charge.taxRateBp === 0 ? ` — ${charge.taxNote}` : ''}`, '', money(charge.tax)]);
  row(y + 4, ['Total due', '', money(charge.total)], bold);
  doc.end();
  return done;
}
