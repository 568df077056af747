import { useState } from 'react';
import { LogIn, Trash2, UserPlus } from 'lucide-react';
import { PLAN_IDS, PLANS, type PlanId } from '../../../shared/plans.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi, type SubAccount } from './billing-api.ts';
import { BillingNav } from './billing-nav.tsx';
import { useAction } from './use-action.ts';
import './billing.css';

const PACKAGES = PLAN_IDS.filter((p) => p !== 'self-hosted');

/** `/dashboard/sub-accounts` (ACC-2, ACC-3): create, log into (audited), change package, cancel, delete after typing the name. */
export function SubAccountsPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const list = useLoad(() => billingApi.subAccounts(), []);
  const action = useAction();
  const [form, setForm] = useState({ name: '', userName: '', email: '', plan: 'webinar-50' as PlanId });
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  const act = (name: string, work: () => Promise<unknown>) => action.run(name, async () => {
    await work();
    await list.reload();
  });
  const field = (name: 'name' | 'userName' | 'email') => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })) });
  return (
    <div className="stack" data-testid="sub-accounts-page">
      <h1 className="page-title">{t('billing.subs.title')}</h1>
      <BillingNav />
      <div aria-live="polite">
        {action.error !== undefined && <Alert>{errorText(t, action.error)}</Alert>}
        {action.done && <Alert tone="success">{t(action.done === 'create' ? 'billing.subs.invited' : 'billing.done')}</Alert>}
      </div>
      <section className="card stack" aria-labelledby="sub-new-title">
        <h2 id="sub-new-title" className="card-title"><UserPlus size={18} aria-hidden /> {t('billing.subs.create')}</h2>
        <p className="muted small">{t('billing.subs.createHint')}</p>
        <form className="stack" onSubmit={(e) => { e.preventDefault(); void act('create', () => billingApi.createSubAccount(form)).then(() => setForm((f) => ({ ...f, name: '', userName: '', email: '' }))); }}>
          <TextField label={t('billing.subs.name')} required maxLength={100} {...field('name')} />
          <TextField label={t('billing.subs.userName')} required maxLength={100} {...field('userName')} />
          <TextField label={t('billing.subs.email')} type="email" required {...field('email')} />
          <SelectField label={t('billing.subs.package')} value={form.plan} onChange={(e) => setForm((f) => ({ ...f, plan: e.target.value as PlanId }))}>
            {PACKAGES.map((p) => <option key={p} value={p}>{PLANS[p].label}</option>)}
          </SelectField>
          <div><Button type="submit" variant="primary" loading={action.busy === 'create'}>{t('billing.subs.createButton')}</Button></div>
        </form>
      </section>
      <section className="card stack" aria-labelledby="sub-list-title">
        <h2 id="sub-list-title" className="card-title">{t('billing.subs.list')}</h2>
        {list.failure !== undefined && <Alert>{errorText(t, list.failure)}</Alert>}
        {list.data?.subAccounts.length === 0 && <p className="muted small">{t('billing.subs.none')}</p>}
        <ul className="plain-list">
          {list.data?.subAccounts.map((s) => <SubRow key={s.id} sub={s} busy={action.busy} act={act} />)}
        </ul>
      </section>
    </div>
  );
}

function SubRow({ sub, busy, act }: { sub: SubAccount; busy: string | null; act: (name: string, work: () => Promise<unknown>) => Promise<void> }) {
  const { t, lang } = useT();
  const [typed, setTyped] = useState('');
  const [deleting, setDeleting] = useState(false);
  return (
    <li className="list-row stack" data-testid="sub-account">
      <div className="list-row-main">
        <span className="list-row-title">{sub.name}</span>
        <span className="muted small">{sub.userName} · {sub.email} · <span className="badge badge-xs">{t(`billing.subs.status.${sub.status}` as TextKey)}</span>
          {sub.deleteAt && <> · {t('billing.subs.deleteAt', { date: formatDate(sub.deleteAt, lang) })}</>}</span>
      </div>
      <div className="billing-row">
        {sub.status === 'active' || sub.status === 'cancelling' ? (
          <Button size="sm" loading={busy === `enter:${sub.id}`} onClick={() => void act(`enter:${sub.id}`, async () => {
            await billingApi.enterSubAccount(sub.id);
            window.location.assign('/dashboard');
          })}><LogIn size={14} aria-hidden /> {t('billing.subs.enter')}</Button>
        ) : null}
        <SelectField label={t('billing.subs.package')} value={sub.plan} onChange={(e) => void act(`plan:${sub.id}`, () => billingApi.setSubAccountPlan(sub.id, e.target.value as PlanId))}>
          {PACKAGES.map((p) => <option key={p} value={p}>{PLANS[p].label}</option>)}
        </SelectField>
        {sub.status !== 'cancelling' && <ConfirmInline trigger={t('billing.subs.cancel')} question={t('billing.subs.cancelQuestion')} confirmLabel={t('billing.subs.cancel')} onConfirm={() => act(`cancel:${sub.id}`, () => billingApi.cancelSubAccount(sub.id))} />}
        {!deleting && <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => setDeleting(true)}><Trash2 size={14} aria-hidden /> {t('billing.subs.delete')}</Button>}
      </div>
      {deleting && (
        <form className="billing-row" onSubmit={(e) => { e.preventDefault(); void act(`delete:${sub.id}`, () => billingApi.deleteSubAccount(sub.id, typed)); }}>
          <TextField label={t('billing.subs.typeName', { name: sub.name })} hint={t('billing.subs.deleteWarning')} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          <Button type="submit" size="sm" className="btn-danger" loading={busy === `delete:${sub.id}`} disabled={typed !== sub.name}>{t('billing.subs.deleteForever')}</Button>
          <Button size="sm" variant="ghost" onClick={() => { setDeleting(false); setTyped(''); }}>{t('billing.subs.keep')}</Button>
        </form>
      )}
    </li>
  );
}
