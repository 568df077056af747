import { PlugZap } from 'lucide-react';
import { Alert } from '../components/alert.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useLoad } from '../scheduling/use-load.ts';
import { billingApi } from './billing-api.ts';

/** On the dashboard: when this server has no Stripe keys, how to connect Stripe (and that plans are assigned by hand until then). */
export function StripeNotice() {
  const { t } = useT();
  const { data } = useLoad(() => billingApi.summary(), []);
  if (!data || data.payments.provider !== 'none') return null;
  return (
    <Alert tone="info">
      <span data-testid="dashboard-connect-stripe"><PlugZap size={16} aria-hidden /> <strong>{t('billing.notConnected')}</strong> {data.payments.howToConnect}</span>{' '}
      <Link to="/dashboard/billing">{t('billing.link')}</Link>
    </Alert>
  );
}
