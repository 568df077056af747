import { useState, type FormEvent } from 'react';
import type { MailSettingsOut, OutboxMessageOut } from '../../../../shared/mail-schemas.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { errorText, fieldErrors } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';

const DELIVERY_NAMES = { smtp: 'SMTP', resend: 'Resend', outbox: '' } as const;

/**
 * Where the account's e-mail goes, its own SMTP server (optional; the password is
 * never shown back), and "Send a test e-mail", which reports the mail server's answer.
 */
export function DeliveryCard({ initial, onChange }: { initial: MailSettingsOut; onChange: (settings: MailSettingsOut) => void }) {
  const { t } = useT();
  const [settings, setSettings] = useState(initial);
  const smtp = settings.smtp;
  const [form, setForm] = useState({ host: smtp?.host ?? '', port: String(smtp?.port ?? 587), secure: smtp?.secure ?? false, user: smtp?.user ?? '', password: '', from: smtp?.from ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'remove' | 'test'>();
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<OutboxMessageOut>();
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  const apply = (next: MailSettingsOut) => {
    setSettings(next);
    onChange(next);
  };
  const act = async (kind: 'save' | 'remove' | 'test', action: () => Promise<void>) => {
    setBusy(kind);
    setFailure(undefined);
    setSaved(false);
    setTest(undefined);
    try {
      await action();
    } catch (err) {
      setFailure(err);
      setErrors(Object.fromEntries(Object.keys(fieldErrors(err)).map((f) => [f, t('validation.field')])));
    } finally {
      setBusy(undefined);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act('save', async () => {
      setErrors({});
      apply(await schedulingApi.saveSmtp({
        host: form.host.trim(), port: Number(form.port), secure: form.secure, user: form.user.trim(), from: form.from.trim(),
        // Empty keeps the stored password when there is one.
        ...(form.password !== '' || !smtp?.hasPassword ? { password: form.password } : {}),
      }));
      setForm((f) => ({ ...f, password: '' }));
      setSaved(true);
    });
  };

  const where = settings.deliverySource === 'account' ? t('mail.delivery.account', { host: smtp?.host ?? '' })
    : settings.deliverySource === 'server' ? t('mail.delivery.server', { delivery: DELIVERY_NAMES[settings.delivery] })
      : t('mail.delivery.outbox');
  return (
    <section className="card stack" id="delivery" aria-labelledby="delivery-title" data-testid="delivery-card">
      <h2 id="delivery-title" className="card-title">{t('mail.delivery.title')}</h2>
      <Alert tone={settings.delivery === 'outbox' ? 'warning' : 'info'}><span data-testid="delivery-state">{where}</span></Alert>
      <div>
        <Button loading={busy === 'test'} onClick={() => void act('test', async () => setTest(await schedulingApi.testMail()))} data-testid="send-test-mail">{t('mail.test')}</Button>
      </div>
      {test && (
        <Alert tone={test.status === 'sent' ? 'success' : test.status === 'failed' ? 'error' : 'warning'}>
          <span data-testid="test-mail-result">
            {test.status === 'sent' ? t('mail.test.sent', { to: test.to }) : test.status === 'failed' ? t('mail.test.failed', { reason: test.lastError ?? '' }) : t('mail.test.kept')}
          </span>
        </Alert>
      )}
      <h3 className="subheading">{t('mail.smtp.title')}</h3>
      <p className="muted small">{t('mail.smtp.hint')}</p>
      <form className="form form-grid" onSubmit={save} noValidate>
        <TextField label={t('mail.smtp.host')} name="smtp-host" value={form.host} onChange={set('host')} error={errors.host} placeholder="smtp.example.com" required />
        <TextField label={t('mail.smtp.port')} name="smtp-port" type="number" inputMode="numeric" min={1} max={65535} value={form.port} onChange={set('port')} error={errors.port} required />
        <TextField label={t('mail.smtp.user')} name="smtp-user" autoComplete="off" value={form.user} onChange={set('user')} error={errors.user} optional />
        <TextField label={t('mail.smtp.password')} name="smtp-password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} hint={smtp?.hasPassword ? t('mail.smtp.passwordKept') : undefined} optional />
        <TextField className="span-2" label={t('mail.smtp.from')} name="smtp-from" value={form.from} onChange={set('from')} error={errors.from} placeholder="Webinars <webinars@example.com>" required />
        <label className="checkbox span-2"><input type="checkbox" checked={form.secure} onChange={(e) => setForm((f) => ({ ...f, secure: e.target.checked }))} />{t('mail.smtp.secure')}</label>
        <div className="form-actions span-2">
          <Button type="submit" variant="primary" loading={busy === 'save'}>{t('mail.smtp.save')}</Button>
          {smtp && <Button variant="ghost" loading={busy === 'remove'} onClick={() => void act('remove', async () => apply(await schedulingApi.removeSmtp()))}>{t('mail.smtp.remove')}</Button>}
        </div>
      </form>
      {saved && <Alert tone="success">{t('mail.smtp.saved')}</Alert>}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
    </section>
  );
}
