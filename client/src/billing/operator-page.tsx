import { useState } from 'react';
import { Download } from 'lucide-react';
import { formatMoney } from '../../../shared/billing-money.ts';
import { PLAN_IDS, PLANS, type PlanId } from '../../../shared/plans.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi } from './billing-api.ts';
import { BillingNav } from './billing-nav.tsx';
import { useAction } from './use-action.ts';
import './billing.css';

/** `/dashboard/billing/operator`: plans by hand (no Stripe keys, or a deal made elsewhere), payouts to confirm, promo codes, the invoice CSV. */
export function OperatorPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const accounts = useLoad(() => billingApi.operatorAccounts(), []);
  const payouts = useLoad(() => billingApi.payouts(), []);
  const action = useAction();
  const [promo, setPromo] = useState({ code: '', percentOff: '10', periods: '' });
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  if ((accounts.failure as { status?: number } | undefined)?.status === 403) {
    return <div className="stack"><h1 className="page-title">{t('billing.operator.title')}</h1><BillingNav /><Alert tone="info">{t('billing.operator.notOperator')}</Alert></div>;
  }
  const act = (name: string, work: () => Promise<unknown>) => void action.run(name, async () => {
    await work();
    await Promise.all([accounts.reload(), payouts.reload()]);
  });
  const pending = payouts.data?.payouts.filter((p) => p.status === 'pending') ?? [];
  return (
    <div className="stack" data-testid="operator-page">
      <h1 className="page-title">{t('billing.operator.title')}</h1>
      <BillingNav />
      <div aria-live="polite">
        {action.error !== undefined && <Alert>{errorText(t, action.error)}</Alert>}
        {action.done && <Alert tone="success">{t('billing.done')}</Alert>}
      </div>
      <section className="card stack" aria-labelledby="op-csv-title">
        <h2 id="op-csv-title" className="card-title">{t('billing.operator.invoices')}</h2>
        <div><a className="btn btn-secondary btn-sm" href="/api/v1/billing/operator/invoices/csv" download><Download size={14} aria-hidden /> {t('billing.operator.csv')}</a></div>
      </section>
      <section className="card stack" aria-labelledby="op-payouts-title">
        <h2 id="op-payouts-title" className="card-title">{t('billing.operator.payouts')}</h2>
        {pending.length === 0 && <p className="muted small">{t('billing.operator.noPayouts')}</p>}
        <ul className="plain-list">
          {pending.map((p) => (
            <li key={p.id} className="list-row" data-testid="operator-payout">
              <span className="list-row-title">{p.period} · {p.partnerAccountId}</span>
              <span className="small">{formatMoney(p.amount, p.currency)}</span>
              <Button size="sm" variant="primary" loading={action.busy === `paid:${p.id}`} onClick={() => act(`paid:${p.id}`, () => billingApi.payoutPaid(p.id))}>{t('billing.operator.markPaid')}</Button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="op-accounts-title">
        <h2 id="op-accounts-title" className="card-title">{t('billing.operator.accounts')}</h2>
        <p className="muted small">{t('billing.operator.accountsHint')}</p>
        {accounts.failure !== undefined && <Alert>{errorText(t, accounts.failure)}</Alert>}
        <ul className="plain-list">
          {accounts.data?.accounts.map((a) => (
            <li key={a.id} className="list-row" data-testid="operator-account">
              <div className="list-row-main">
                <span className="list-row-title">{a.name}</span>
                <span className="muted small">{a.email ?? '—'} · {t(`billing.status.${a.status}` as TextKey)}</span>
              </div>
              <SelectField label={t('billing.operator.plan')} value={a.plan} onChange={(e) => act(`plan:${a.id}`, () => billingApi.assignPlan(a.id, e.target.value as PlanId))}>
                {PLAN_IDS.map((p) => <option key={p} value={p}>{PLANS[p].label}</option>)}
              </SelectField>
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="op-promo-title">
        <h2 id="op-promo-title" className="card-title">{t('billing.operator.promo')}</h2>
        <form className="billing-row" onSubmit={(e) => { e.preventDefault(); act('promo', () => billingApi.createPromo({ code: promo.code, percentOff: Number(promo.percentOff), periods: promo.periods ? Number(promo.periods) : null })); }}>
          <TextField label={t('billing.promoCode')} value={promo.code} maxLength={32} onChange={(e) => setPromo((p) => ({ ...p, code: e.target.value }))} />
          <TextField label={t('billing.operator.percentOff')} type="number" min={1} max={100} value={promo.percentOff} onChange={(e) => setPromo((p) => ({ ...p, percentOff: e.target.value }))} />
          <TextField label={t('billing.operator.periods')} type="number" min={1} max={36} optional value={promo.periods} onChange={(e) => setPromo((p) => ({ ...p, periods: e.target.value }))} />
          <Button type="submit" size="sm" loading={action.busy === 'promo'} disabled={promo.code.trim().length < 2}>{t('billing.operator.createPromo')}</Button>
        </form>
      </section>
    </div>
  );
}
