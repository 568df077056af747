import { useEffect, useState } from 'react';
import type { BillingSummaryOut, ChargePreviewOut } from '../../../shared/billing-schemas.ts';
import { formatMoney } from '../../../shared/billing-money.ts';
import { PAID_PLAN_IDS, planPrice, planRank, type Currency, type Interval, type PaidPlanId } from '../../../shared/plans.ts';
import { Button } from '../components/button.tsx';
import { formatDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { billingApi } from './billing-api.ts';

/** What a plan button does for this account: subscribe, upgrade today, or switch at the period end. */
function actionFor(s: BillingSummaryOut, plan: PaidPlanId, interval: Interval): 'current' | 'subscribe' | 'upgrade' | 'downgrade' | null {
  if (s.status === 'trial' || s.status === 'expired') return 'subscribe';
  if (s.status !== 'active') return null;
  if (s.plan === plan && s.interval === interval) return 'current';
  // As the engine decides (BILL-2, BILL-3): anything smaller or shorter waits for the period end.
  const smaller = planRank(plan) < planRank(s.plan as PaidPlanId);
  const shorter = s.interval === 'year' && interval === 'month';
  return smaller || shorter ? 'downgrade' : 'upgrade';
}

/**
 * The price list with one button per plan. For an upgrade it shows, before the click,
 * exactly what will be charged today (the server's preview: the days left, the credit
 * for what was paid, VAT), so the number on the button is the number on the invoice.
 */
export function PlanTable({ summary, busy, run }: { summary: BillingSummaryOut; busy: boolean; run: (body: Parameters<typeof billingApi.run>[0]) => Promise<void> }) {
  const { t, lang } = useT();
  const [interval, setInterval] = useState<Interval>(summary.status === 'active' ? summary.interval as Interval : 'month');
  const [currency, setCurrency] = useState<Currency>(summary.currency as Currency);
  const [previews, setPreviews] = useState<Partial<Record<PaidPlanId, ChargePreviewOut | null>>>({});
  const money = (n: number, c = summary.currency) => formatMoney(n, c);

  useEffect(() => {
    let live = true;
    setPreviews({});
    for (const plan of PAID_PLAN_IDS) {
      if (actionFor(summary, plan, interval) !== 'upgrade') continue;
      billingApi.preview({ type: 'change-plan', plan, interval })
        .then((r) => live && setPreviews((p) => ({ ...p, [plan]: r.charge })))
        .catch(() => live && setPreviews((p) => ({ ...p, [plan]: null })));
    }
    return () => { live = false; };
  }, [summary, interval]);

  return (
    <section className="card stack" aria-labelledby="plans-title">
      <div className="card-head">
        <h2 id="plans-title" className="card-title">{t('billing.plans')}</h2>
        <div className="billing-row" role="radiogroup" aria-label={t('billing.plans')}>
          {(['month', 'year'] as const).map((i) => (
            <Button key={i} size="sm" variant={interval === i ? 'primary' : 'ghost'} role="radio" aria-checked={interval === i} onClick={() => setInterval(i)}>{t(`billing.interval.${i}`)}</Button>
          ))}
          {!summary.everPaid && (
            <label className="billing-row small">
              {t('billing.currency')}
              <select value={currency} onChange={(e) => setCurrency(e.target.value as Currency)} data-testid="billing-currency">
                {['PLN', 'EUR', 'USD'].map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </label>
          )}
        </div>
      </div>
      <p className="muted small">{t('billing.net')}</p>
      <ul className="plain-list">
        {summary.prices.map((p) => {
          const plan = p.plan as PaidPlanId;
          const action = actionFor(summary, plan, interval);
          // Before the first payment the buyer picks the currency: the list follows it (the server charges the same table's price).
          const shown = currency === summary.currency ? p : { month: planPrice(plan, currency, 'month'), year: planPrice(plan, currency, 'year') };
          const preview = previews[plan];
          return (
            <li key={plan} className="list-row" data-testid={`plan-${plan}`}>
              <div className="list-row-main">
                <span className="list-row-title">{p.label}</span>
                <span className="muted small">{t('billing.maxAttendees', { count: p.maxAttendees })}</span>
                <span data-testid={`price-${plan}`}>{interval === 'month' ? t('billing.perMonth', { price: money(shown.month, currency) }) : t('billing.perYear', { price: money(shown.year, currency) })}</span>
                {action === 'upgrade' && preview && (
                  <strong data-testid={`upgrade-today-${plan}`}>
                    {preview.reverseCharge
                      ? t('billing.todayReverse', { total: money(preview.total) })
                      : t('billing.todayCost', { total: money(preview.total), net: money(preview.net), tax: money(preview.tax) })}
                  </strong>
                )}
              </div>
              {action === 'current' && <span className="badge badge-accent">{t('billing.currentPlan')}</span>}
              {action === 'subscribe' && <Button size="sm" variant="primary" loading={busy} onClick={() => void run({ type: 'subscribe', plan, interval, currency })}>{t('billing.choose')}</Button>}
              {action === 'upgrade' && <Button size="sm" variant="primary" loading={busy} onClick={() => void run({ type: 'change-plan', plan, interval })}>{t('billing.upgrade')}</Button>}
              {action === 'downgrade' && summary.periodEnd && (
                <Button size="sm" variant="secondary" loading={busy} onClick={() => void run({ type: 'change-plan', plan, interval })}>
                  {t('billing.downgrade', { date: formatDate(summary.pending?.from ?? nextDay(summary.periodEnd), lang) })}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function nextDay(isoDay: string): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
