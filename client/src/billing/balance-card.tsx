import { useEffect, useState } from 'react';
import { Wallet } from 'lucide-react';
import type { BillingSummaryOut } from '../../../shared/billing-schemas.ts';
import { formatMoney } from '../../../shared/billing-money.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi } from './billing-api.ts';

/** The prepaid balance (BILL-8): what is on it, a top-up through Stripe, and what usage took. */
export function BalanceCard({ summary }: { summary: BillingSummaryOut }) {
  const { t, lang } = useT();
  const { data, reload } = useLoad(() => billingApi.balance(), []);
  const [amount, setAmount] = useState('100');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { search } = useLocation();
  const returned = search.get('topup');
  // Back from Stripe: ask the server to check the session at once rather than wait for the webhook.
  useEffect(() => {
    if (returned) void billingApi.checkTopup(returned).then(() => reload(), () => undefined);
  }, [returned, reload]);
  const minor = Math.round(Number(amount.replace(',', '.')) * 100);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const topup = await billingApi.topup(minor);
      if (topup.url) window.location.assign(topup.url);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const currency = data?.currency ?? summary.currency;
  return (
    <section className="card stack" aria-labelledby="balance-title">
      <h2 id="balance-title" className="card-title"><Wallet size={18} aria-hidden /> {t('billing.balanceTitle')}</h2>
      <p className="plan-name" data-testid="balance-amount">{formatMoney(data?.balance ?? summary.balance, currency)}</p>
      <p className="muted small">{t('billing.balanceHint')}</p>
      {summary.payments.provider === 'stripe' ? (
        <form className="billing-row" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <TextField label={t('billing.topupAmount', { currency })} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)}
            hint={data ? t('billing.topupRange', { min: formatMoney(data.min, currency), max: formatMoney(data.max, currency) }) : undefined} />
          <Button type="submit" variant="primary" size="sm" loading={busy} disabled={!Number.isFinite(minor) || minor <= 0}>{t('billing.topup')}</Button>
        </form>
      ) : <p className="muted small">{t('billing.topupNeedsStripe')}</p>}
      {error !== undefined && <Alert>{errorText(t, error)}</Alert>}
      {data && data.entries.length === 0 && <p className="muted small">{t('billing.balanceEmpty')}</p>}
      {data && data.entries.length > 0 && (
        <ul className="plain-list" data-testid="balance-entries">
          {data.entries.slice(0, 20).map((e) => (
            <li key={`${e.kind}:${e.ref}`} className="list-row">
              <span className="list-row-title">{t(`billing.entry.${e.kind}` as TextKey)}</span>
              <span className="muted small">{formatDate(e.createdAt, lang)}</span>
              <span className={e.amount < 0 ? 'small' : 'small badge badge-accent'}>{formatMoney(e.amount, currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
