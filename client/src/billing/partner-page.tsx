import { Handshake } from 'lucide-react';
import { formatMoney, formatRate } from '../../../shared/billing-money.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { errorText } from '../i18n/error-text.ts';
import { formatDate } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi } from './billing-api.ts';
import { BillingNav } from './billing-nav.tsx';
import { useAction } from './use-action.ts';
import './billing.css';

/** `/dashboard/partner` (TERMS-1): sign-up, the referral link, the commission ledger and the payouts. */
export function PartnerPage() {
  const { t, lang } = useT();
  const signedIn = useRequireSession();
  const partner = useLoad(() => billingApi.partner(), []);
  const action = useAction();
  if (!signedIn || (partner.data === undefined && partner.failure === undefined)) return <p className="page-loading">{t('common.loading')}</p>;
  const notPartner = (partner.failure as { status?: number } | undefined)?.status === 404;
  const p = partner.data;
  return (
    <div className="stack" data-testid="partner-page">
      <h1 className="page-title">{t('billing.partner.title')}</h1>
      <BillingNav />
      {action.error !== undefined && <Alert>{errorText(t, action.error)}</Alert>}
      {!p && notPartner && (
        <section className="card stack">
          <h2 className="card-title"><Handshake size={18} aria-hidden /> {t('billing.partner.join')}</h2>
          <p>{t('billing.partner.joinHint')}</p>
          <div><Button variant="primary" loading={action.busy === 'join'} onClick={() => void action.run('join', async () => partner.setData(await billingApi.joinPartners()))}>{t('billing.partner.joinButton')}</Button></div>
        </section>
      )}
      {!p && !notPartner && <Alert>{errorText(t, partner.failure)}</Alert>}
      {p && (
        <>
          <section className="card stack" aria-labelledby="ref-title">
            <h2 id="ref-title" className="card-title">{t('billing.partner.link')}</h2>
            <p className="billing-row"><code data-testid="referral-link">{p.link}</code> <CopyButton text={p.link} label={t('billing.copy')} /></p>
            <p className="muted small">{t('billing.partner.linkHint', { rate: formatRate(p.rateBp), referrals: p.referrals })}</p>
            <p data-testid="partner-owed">{Object.keys(p.owed).length === 0 ? t('billing.partner.nothingOwed') : Object.entries(p.owed).map(([c, a]) => t('billing.partner.owed', { amount: formatMoney(a, c) })).join(' · ')}</p>
          </section>
          <section className="card stack" aria-labelledby="ledger-title">
            <h2 id="ledger-title" className="card-title">{t('billing.partner.ledger')}</h2>
            {p.entries.length === 0 && <p className="muted small">{t('billing.partner.noEntries')}</p>}
            <ul className="plain-list">
              {p.entries.map((e, i) => (
                <li key={i} className="list-row" data-testid="ledger-entry">
                  <span className="list-row-title">{t(`billing.partner.kind.${e.kind}` as TextKey)}</span>
                  <span className="muted small">{formatDate(e.createdAt, lang)}{e.paidOut && ` · ${t('billing.partner.paidOut')}`}</span>
                  <span className="small">{formatMoney(e.amount, e.currency)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card stack" aria-labelledby="payouts-title">
            <h2 id="payouts-title" className="card-title">{t('billing.partner.payouts')}</h2>
            <p className="muted small">{t('billing.partner.payoutsHint')}</p>
            {p.payouts.length === 0 && <p className="muted small">{t('billing.partner.noPayouts')}</p>}
            <ul className="plain-list">
              {p.payouts.map((o) => (
                <li key={o.id} className="list-row">
                  <span className="list-row-title">{o.period}</span>
                  <span className="small">{formatMoney(o.amount, o.currency)}</span>
                  <span className="badge badge-xs">{t(`billing.payout.${o.status}` as TextKey)}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
