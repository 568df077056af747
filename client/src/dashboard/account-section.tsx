import { StripeNotice } from '../billing/stripe-notice.tsx';
import type { AccountOut } from '../../../shared/account-schemas.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

const DAY_MS = 86_400_000;

/** Whole days until the trial ends, rounded up so the last day still counts as one. */
export function daysLeft(trialEndsAt: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(trialEndsAt).getTime() - now) / DAY_MS));
}

type LimitName = keyof AccountOut['limits'];
const LIMIT_ORDER: LimitName[] = ['maxAttendees', 'maxPresenters', 'maxVideoStreams', 'maxAttendeesInDiscussion', 'parallelEvents', 'recordingMinutes', 'storageMegabytes'];

/** The account's plan, what is left of the trial, and the limits the plan sets. */
export function AccountSection({ account }: { account: AccountOut }) {
  const { t, tp } = useT();
  const planKey = `plan.${account.plan}`;
  const planName = planKey === 'plan.trial' ? t('plan.trial') : account.plan;
  const left = account.trialEndsAt ? daysLeft(account.trialEndsAt) : undefined;

  const value = (name: LimitName) => {
    const n = account.limits[name];
    if (name === 'recordingMinutes') return t('unit.minutes', { count: n });
    if (name === 'storageMegabytes') return t('unit.megabytes', { count: n });
    return String(n);
  };

  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title" className="card-title">{t('account.title')}</h2>
      <div className="plan-row">
        <div>
          <p className="muted small">{account.name}</p>
          <p className="plan-name" data-testid="plan-name">{planName}</p>
        </div>
        {left !== undefined && (
          <span className={`badge ${left <= 5 ? 'badge-warning' : 'badge-accent'}`}>
            {left > 0 ? tp('account.daysLeft', left) : t('account.trialEnded')}
          </span>
        )}
      </div>
      <h3 className="subheading">{t('account.limits')}</h3>
      <dl className="limits">
        {LIMIT_ORDER.map((name) => (
          <div key={name} className="limit">
            <dt>{t(`limit.${name}` as TextKey)}</dt>
            <dd>{value(name)}</dd>
          </div>
        ))}
      </dl>
      <StripeNotice />
      <Link to="/dashboard/billing" className="btn btn-secondary btn-sm" data-testid="billing-link">{t('billing.link')}</Link>
    </section>
  );
}
