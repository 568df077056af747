import { useState } from 'react';
import type { BillingCommandBody, BillingSummaryOut } from '../../../shared/billing-schemas.ts';
import { formatMoney } from '../../../shared/billing-money.ts';
import { PLANS, type PlanId } from '../../../shared/plans.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi } from './billing-api.ts';
import { ActionsCard, InvoicesCard } from './billing-cards.tsx';
import { AddonsCard } from './addons-card.tsx';
import { BalanceCard } from './balance-card.tsx';
import { BillingNav } from './billing-nav.tsx';
import { PlanTable } from './plan-table.tsx';
import './billing.css';

/** `/dashboard/billing`: the plan, its prices and exact upgrade cost today, add-ons, card, invoices, balance. */
export function PlanPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const { data, failure, setData } = useLoad(() => billingApi.summary(), []);
  const near = useLoad(() => billingApi.nearCapacity(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const { search } = useLocation();

  const run = async (body: BillingCommandBody) => {
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      setData((await billingApi.run(body)).summary);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn || (!data && failure === undefined)) return <p className="page-loading">{t('common.loading')}</p>;
  if (!data) return <Alert>{errorText(t, failure)}</Alert>;
  return (
    <div className="stack" data-testid="plan-page">
      <h1 className="page-title">{t('billing.title')}</h1>
      <BillingNav />
      {data.payments.provider === 'none' && (
        <Alert tone="info"><strong>{t('billing.notConnected')}</strong> <span data-testid="connect-stripe">{data.payments.howToConnect}</span></Alert>
      )}
      {search.get('card') === 'saved' && !data.hasPaymentMethod && <Alert tone="info">{t('billing.cardReturned')}</Alert>}
      <div aria-live="polite">
        {error !== undefined && <Alert>{errorText(t, error)}</Alert>}
        {done && <Alert tone="success">{t('billing.done')}</Alert>}
      </div>
      {near.data?.events.map((e) => (
        <Alert key={e.eventId} tone="warning"><span data-testid="near-capacity">{e.present > e.registered ? t('billing.nearCapacityLive', { name: e.name, present: e.present, max: e.maxAttendees }) : t('billing.nearCapacity', { name: e.name, registered: e.registered, max: e.maxAttendees })}</span></Alert>
      ))}
      <CurrentPlan summary={data} />
      <PlanTable summary={data} busy={busy} run={run} />
      {data.payments.provider === 'stripe' && <CardCard summary={data} />}
      <AddonsCard summary={data} busy={busy} run={run} />
      <BalanceCard summary={data} />
      {data.everPaid && <ActionsCard summary={data} busy={busy} run={run} />}
      <InvoicesCard summary={data} />
      <ProfileCard summary={data} />
    </div>
  );
}

function CurrentPlan({ summary: s }: { summary: BillingSummaryOut }) {
  const { t, lang } = useT();
  const label = (plan: string) => PLANS[plan as PlanId]?.label ?? plan;
  return (
    <section className="card stack" aria-labelledby="current-title">
      <h2 id="current-title" className="card-title">{t('billing.current')}</h2>
      <div className="plan-row">
        <p className="plan-name" data-testid="billing-plan">{label(s.plan)}</p>
        <span className="badge badge-accent" data-testid="billing-status">{t(`billing.status.${s.status as 'trial'}`)}</span>
      </div>
      {s.periodStart && s.periodEnd && <p>{t('billing.period', { from: formatDate(s.periodStart, lang), to: formatDate(s.periodEnd, lang) })}</p>}
      {s.status === 'trial' && s.trialEnds && <p>{t('billing.trialEnds', { date: formatDate(s.trialEnds, lang) })}</p>}
      {s.pending?.from && <p>{t('billing.pending', { date: formatDate(s.pending.from, lang), plan: label(s.pending.plan), interval: t(`billing.interval.${s.pending.interval as 'month'}`) })}</p>}
      {s.promo && <p>{t('billing.promo', { code: s.promo.code, percent: s.promo.percentOff })}</p>}
      <p className="muted small" data-testid="billing-balance">{t('billing.balance', { amount: formatMoney(s.balance, s.currency) })}</p>
      {s.credit > 0 && <p className="muted small">{t('billing.credit', { amount: formatMoney(s.credit, s.currency) })}</p>}
    </section>
  );
}

function CardCard({ summary }: { summary: BillingSummaryOut }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const add = async () => {
    setBusy(true);
    setError(undefined);
    try {
      window.location.assign((await billingApi.addCard()).url);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="card-title">
      <h2 id="card-title" className="card-title">{t('billing.card')}</h2>
      <p data-testid="card-state">{summary.hasPaymentMethod ? t('billing.cardSaved') : t('billing.noCard')}</p>
      {error !== undefined && <Alert>{errorText(t, error)}</Alert>}
      <div><Button variant={summary.hasPaymentMethod ? 'secondary' : 'primary'} loading={busy} onClick={() => void add()}>{t('billing.addCard')}</Button></div>
    </section>
  );
}

function ProfileCard({ summary }: { summary: BillingSummaryOut }) {
  const { t } = useT();
  const p = summary.profile;
  const [form, setForm] = useState({ buyerName: p.buyerName ?? '', buyerAddress: p.buyerAddress ?? '', country: p.country, vatId: p.vatId ?? '', timeZone: p.timeZone });
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>();
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })) });
  const save = async () => {
    setState('saving');
    setError(undefined);
    try {
      await billingApi.saveProfile({ ...form, vatId: form.vatId.trim() || null });
      setState('saved');
    } catch (e) {
      setError(e);
      setState('idle');
    }
  };
  return (
    <section className="card stack" aria-labelledby="profile-title">
      <h2 id="profile-title" className="card-title">{t('billing.profile')}</h2>
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <TextField label={t('billing.buyerName')} maxLength={200} required {...field('buyerName')} />
        <TextField label={t('billing.buyerAddress')} maxLength={500} {...field('buyerAddress')} />
        <TextField label={t('billing.country')} maxLength={2} required {...field('country')} />
        <TextField label={t('billing.vatId')} hint={t('billing.vatIdHint')} optional maxLength={15} {...field('vatId')} />
        <TextField label={t('billing.timeZone')} required {...field('timeZone')} />
        {error !== undefined && <Alert>{errorText(t, error)}</Alert>}
        {state === 'saved' && <Alert tone="success">{t('billing.saved')}</Alert>}
        <div><Button type="submit" variant="primary" loading={state === 'saving'}>{t('billing.save')}</Button></div>
      </form>
    </section>
  );
}
