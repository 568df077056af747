import { Building2, CreditCard, Handshake, ShieldCheck, Ticket } from 'lucide-react';
import { useT } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';

const LINKS = [
  { to: '/dashboard/billing', key: 'billing.nav.plan', Icon: CreditCard },
  { to: '/dashboard/billing/tickets', key: 'billing.nav.tickets', Icon: Ticket },
  { to: '/dashboard/sub-accounts', key: 'billing.nav.subAccounts', Icon: Building2 },
  { to: '/dashboard/partner', key: 'billing.nav.partner', Icon: Handshake },
  { to: '/dashboard/billing/operator', key: 'billing.nav.operator', Icon: ShieldCheck },
] as const;

/** The billing pages, one click apart. */
export function BillingNav() {
  const { t } = useT();
  const { path } = useLocation();
  return (
    <nav className="billing-row" aria-label={t('billing.nav.label')}>
      {LINKS.map(({ to, key, Icon }) => (
        <Link key={to} to={to} className={`btn btn-sm ${path === to ? 'btn-primary' : 'btn-ghost'}`} aria-current={path === to ? 'page' : undefined}>
          <Icon size={16} aria-hidden /> {t(key)}
        </Link>
      ))}
    </nav>
  );
}
