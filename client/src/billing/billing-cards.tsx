import { useState } from 'react';
import type { BillingCommandBody, BillingSummaryOut } from '../../../shared/billing-schemas.ts';
import { formatMoney } from '../../../shared/billing-money.ts';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { TextField } from '../components/field.tsx';
import { formatDate } from '../i18n/format.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';

type Run = (body: BillingCommandBody) => Promise<void>;

/** Cancel, suspend, resume and the promo code: each with its consequence said before it is done (BILL-5). */
export function ActionsCard({ summary, busy, run }: { summary: BillingSummaryOut; busy: boolean; run: Run }) {
  const { t, lang } = useT();
  const [code, setCode] = useState('');
  return (
    <section className="card stack" aria-labelledby="actions-title">
      <h2 id="actions-title" className="card-title">{t('billing.actions')}</h2>
      {summary.status === 'suspended' && summary.suspendedOn && summary.resumeBy && (
        <p>{t('billing.resumeBy', { from: formatDate(summary.suspendedOn, lang), to: formatDate(summary.resumeBy, lang) })}</p>
      )}
      <div className="billing-row">
        {summary.status === 'active' && <ConfirmInline trigger={t('billing.cancel')} question={t('billing.cancelQuestion')} confirmLabel={t('billing.cancel')} onConfirm={() => run({ type: 'cancel' })} />}
        {summary.status === 'active' && <ConfirmInline trigger={t('billing.suspend')} question={t('billing.suspendQuestion')} confirmLabel={t('billing.suspend')} onConfirm={() => run({ type: 'suspend' })} />}
        {summary.status === 'cancelling' && <Button loading={busy} onClick={() => void run({ type: 'undo-cancel' })}>{t('billing.undoCancel')}</Button>}
        {summary.status === 'suspended' && <Button variant="primary" loading={busy} onClick={() => void run({ type: 'resume' })}>{t('billing.resume')}</Button>}
      </div>
      <form className="billing-row" onSubmit={(e) => { e.preventDefault(); void run({ type: 'apply-promo', code }).then(() => setCode('')); }}>
        <TextField label={t('billing.promoCode')} value={code} maxLength={32} onChange={(e) => setCode(e.target.value)} />
        <Button type="submit" size="sm" loading={busy} disabled={code.trim().length < 2}>{t('billing.applyPromo')}</Button>
      </form>
    </section>
  );
}

/** The account's invoices: our PDF always, Stripe's hosted page when Stripe issued one (BILL-7). */
export function InvoicesCard({ summary }: { summary: BillingSummaryOut }) {
  const { t, lang } = useT();
  return (
    <section className="card stack" aria-labelledby="invoices-title">
      <h2 id="invoices-title" className="card-title">{t('billing.invoices')}</h2>
      {summary.invoices.length === 0 && <p className="muted small">{t('billing.noInvoices')}</p>}
      <ul className="plain-list">
        {summary.invoices.map((i) => (
          <li key={i.id} className="list-row" data-testid="invoice">
            <div className="list-row-main">
              <span className="list-row-title">{i.number ?? t('billing.proForma')}</span>
              <span className="muted small">{formatDate(i.paidAt ?? i.createdAt, lang)} · {formatMoney(i.total, i.currency)} · <span className="badge badge-xs">{t(`billing.invoiceStatus.${i.status}` as TextKey)}</span></span>
            </div>
            <a className="btn btn-secondary btn-sm" href={i.pdfUrl} target="_blank" rel="noopener">{t('billing.invoicePdf')}</a>
            {i.hostedUrl && <a className="btn btn-ghost btn-sm" href={i.hostedUrl} target="_blank" rel="noopener noreferrer">{t('billing.invoiceStripe')}</a>}
          </li>
        ))}
      </ul>
    </section>
  );
}
