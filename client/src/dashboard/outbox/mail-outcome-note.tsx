import type { MailDelivery, MailOutcomeOut } from '../../../../shared/mail-schemas.ts';
import { Alert } from '../../components/alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';

/** Where the settings of e-mail delivery are: the E-mail page's delivery card. */
export const MAIL_SETTINGS_PATH = '/dashboard/outbox#delivery';

/**
 * What really happened to e-mail a screen wrote: "3 invitations queued", or "kept in the
 * outbox: e-mail delivery is not set up" with the way to the settings. Given only a
 * delivery, says whether anything can leave at all.
 */
export function MailOutcomeNote({ outcome, delivery, what = 'email' }: { outcome?: MailOutcomeOut; delivery?: MailDelivery; what?: 'email' | 'invitation' }) {
  const { t, tp } = useT();
  const [queuedKey, keptKey] = what === 'invitation' ? ['mail.outcome.invitationsQueued', 'mail.outcome.invitationsKept'] as const : ['mail.outcome.queued', 'mail.outcome.kept'] as const;
  const kept = outcome ? outcome.kept : delivery === 'outbox' ? 1 : 0;
  if (outcome && outcome.queued === 0 && outcome.kept === 0) return <Alert tone="info">{t('mail.outcome.none')}</Alert>;
  if (kept > 0) {
    return (
      <Alert tone="warning">
        <span data-testid="mail-outcome">{outcome ? tp(keptKey, outcome.kept) : t('mail.banner')}</span>{' '}
        <Link to={MAIL_SETTINGS_PATH}>{t('mail.setUpDelivery')}</Link>
      </Alert>
    );
  }
  if (!outcome) return null;
  return <Alert tone="success"><span data-testid="mail-outcome">{tp(queuedKey, outcome.queued)}</span></Alert>;
}

/** The dashboard's banner while no transport is set up for the account. */
export function MailDeliveryBanner({ delivery }: { delivery: MailDelivery | undefined }) {
  const { t } = useT();
  if (delivery !== 'outbox') return null;
  return (
    <div data-testid="mail-banner">
      <Alert tone="warning">{t('mail.banner')} <Link to={MAIL_SETTINGS_PATH}>{t('mail.setUpDelivery')}</Link></Alert>
    </div>
  );
}
