import type { GuestOut } from '../../../../shared/registration-schemas.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmInline } from '../../components/confirm-inline.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.tsx';

/** Registrants or invitees, with their personal link, resend and remove (EV-5, EV-6). */
export function GuestTable({ guests, extra, onResend, onRemove }: {
  guests: GuestOut[];
  extra?: { label: string; value: (guest: GuestOut) => string }[];
  onResend: (guest: GuestOut) => Promise<void>;
  onRemove: (guest: GuestOut) => Promise<void>;
}) {
  const { t, lang } = useT();
  if (guests.length === 0) return <p className="muted small">{t('setup.noGuests')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="guest-table">
        <thead>
          <tr>
            <th>{t('setup.person')}</th>
            <th>{t('setup.role')}</th>
            {extra?.map((column) => <th key={column.label}>{column.label}</th>)}
            <th>{t('setup.lastSent')}</th>
            <th><span className="visually-hidden">{t('setup.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {guests.map((g) => (
            <tr key={g.id} data-testid="guest-row">
              <td><strong>{`${g.firstName} ${g.lastName}`.trim() || '—'}</strong><br /><span className="muted small">{g.email}</span></td>
              <td>{t(g.role === 'presenter' ? 'role.presenter' : 'role.attendee')}</td>
              {extra?.map((column) => <td key={column.label}>{column.value(g)}</td>)}
              <td className="small">{g.lastSentAt ? `${formatDateTime(g.lastSentAt, lang)} (${g.sentCount}×)` : '—'}</td>
              <td>
                <div className="button-row">
                  <CopyButton text={g.joinUrl} label={t('setup.copyLink')} variant="ghost" />
                  <Button size="sm" variant="ghost" onClick={() => void onResend(g)}>{t('setup.resend')}</Button>
                  <ConfirmInline trigger={t('setup.remove')} question={t('setup.confirmRemove', { email: g.email })} confirmLabel={t('setup.remove')} onConfirm={() => onRemove(g)} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
