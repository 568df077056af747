import { useEffect, useState } from 'react';
import type { BillingCommandBody, BillingSummaryOut, ChargePreviewOut } from '../../../shared/billing-schemas.ts';
import { formatMoney } from '../../../shared/billing-money.ts';
import { ADDON_KINDS, MAX_ADDON_QUANTITY, MAX_EXTRA_VIDEO_STREAMS, type AddonKind } from '../../../shared/plans.ts';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { billingApi } from './billing-api.ts';

type Run = (body: BillingCommandBody) => Promise<void>;

/**
 * Add-ons (BILL-4) with their unit price and, as soon as a new quantity is typed, the
 * server's exact price for today (the days left, VAT included); a smaller quantity
 * is free today and applies from the next period.
 */
export function AddonsCard({ summary, busy, run }: { summary: BillingSummaryOut; busy: boolean; run: Run }) {
  const { t } = useT();
  if (summary.status !== 'active') return null;
  return (
    <section className="card stack" aria-labelledby="addons-title">
      <h2 id="addons-title" className="card-title">{t('billing.addons')}</h2>
      <p className="muted small">{t('billing.addonsHint')}</p>
      <ul className="plain-list">
        {ADDON_KINDS.map((kind) => <AddonRow key={kind} kind={kind} summary={summary} busy={busy} run={run} />)}
      </ul>
    </section>
  );
}

function AddonRow({ kind, summary, busy, run }: { kind: AddonKind; summary: BillingSummaryOut; busy: boolean; run: Run }) {
  const { t, lang } = useT();
  const have = summary.addons[kind] ?? 0;
  const [value, setValue] = useState(String(have));
  const [preview, setPreview] = useState<{ charge: ChargePreviewOut | null } | { error: unknown } | null>(null);
  const price = summary.addonPrices.find((p) => p.kind === kind)!;
  const unit = summary.interval === 'year' ? price.year : price.month;
  const quantity = Number(value);
  const changed = value !== '' && quantity !== have;
  useEffect(() => setValue(String(have)), [have]);
  useEffect(() => {
    setPreview(null);
    if (!changed || !Number.isInteger(quantity)) return;
    let live = true;
    // A short pause while typing, then the server prices exactly this change for today.
    const timer = setTimeout(() => {
      billingApi.preview({ type: 'set-addon', kind, quantity }).then((r) => live && setPreview(r), (error: unknown) => live && setPreview({ error }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, quantity, changed]);
  return (
    <li className="list-row" data-testid={`addon-${kind}`}>
      <div className="list-row-main">
        <span className="list-row-title">{t(`billing.addon.${kind}` as TextKey)}{have > 0 && <span className="badge badge-xs"> × {have}</span>}</span>
        <span className="muted small">{t('billing.addonPrice', { price: formatMoney(unit, summary.currency) })}</span>
        <span className="small" aria-live="polite" data-testid={`addon-preview-${kind}`}>
          {preview && 'error' in preview && errorText(t, preview.error)}
          {preview && 'charge' in preview && preview.charge && t('billing.addonToday', { total: formatMoney(preview.charge.total, preview.charge.currency), net: formatMoney(preview.charge.net, preview.charge.currency), from: formatDate(preview.charge.serviceFrom, lang), to: formatDate(preview.charge.serviceUntil, lang) })}
          {preview && 'charge' in preview && !preview.charge && summary.periodEnd && t('billing.addonNextPeriod')}
        </span>
      </div>
      <form className="billing-row" onSubmit={(e) => { e.preventDefault(); void run({ type: 'set-addon', kind, quantity }); }}>
        <TextField label={t('billing.quantity')} type="number" min={0} max={kind === 'videoStreams' ? MAX_EXTRA_VIDEO_STREAMS : MAX_ADDON_QUANTITY} step={1} value={value} onChange={(e) => setValue(e.target.value)} />
        <Button type="submit" size="sm" loading={busy} disabled={!changed}>{t('billing.apply')}</Button>
      </form>
    </li>
  );
}
