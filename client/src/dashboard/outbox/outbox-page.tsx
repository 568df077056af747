import { useState } from 'react';
import type { MailSettingsOut } from '../../../../shared/mail-schemas.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { SelectField, TextAreaField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useRequireSession } from '../../scheduling/require-session.ts';
import { useLoad } from '../../scheduling/use-load.ts';
import '../../styles/scheduling.css';
import { SchedulingNav } from '../scheduling-nav.tsx';
import { OutboxList } from './outbox-list.tsx';
import { DeliveryCard } from './delivery-card.tsx';

/** `/dashboard/outbox`: the account's e-mail, its signature (ACC-5), language and calendar feed. */
export function OutboxPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const settings = useLoad(() => schedulingApi.mailSettings(), []);
  // A change of delivery re-reads the list, whose notice says whether mail can leave.
  const [listKey, setListKey] = useState(0);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <div className="stack">
      <SchedulingNav />
      <h1 className="page-title">{t('outbox.pageTitle')}</h1>
      {settings.data && <DeliveryCard initial={settings.data} onChange={() => setListKey((k) => k + 1)} />}
      {settings.data && <MailSettingsCard key={settings.data.signature ?? ''} initial={settings.data} />}
      <OutboxList key={listKey} />
    </div>
  );
}

function MailSettingsCard({ initial }: { initial: MailSettingsOut }) {
  const { t } = useT();
  const [signature, setSignature] = useState(initial.signature ?? '');
  const [language, setLanguage] = useState(initial.language);
  const [feedUrl, setFeedUrl] = useState(initial.calendarFeedUrl);
  const [notice, setNotice] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const save = async () => {
    setFailure(undefined);
    try {
      await schedulingApi.saveMailSettings({ signature: signature.trim() || null, language });
      setNotice(true);
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <section className="card stack">
      <h2 className="card-title">{t('outbox.settings')}</h2>
      <TextAreaField label={t('outbox.signature')} hint={t('outbox.signatureHint')} rows={3} value={signature} onChange={(e) => { setSignature(e.target.value); setNotice(false); }} optional maxLength={2000} />
      <SelectField label={t('setup.mailLanguage')} value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
        <option value="en">English</option>
        <option value="pl">Polski</option>
      </SelectField>
      <div><Button variant="primary" onClick={() => void save()}>{t('setup.save')}</Button></div>
      {notice && <Alert tone="success">{t('setup.saved')}</Alert>}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <h3 className="subheading">{t('outbox.calendarFeed')}</h3>
      <p className="muted small">{t('outbox.calendarFeedHint')}</p>
      <div className="event-link">
        <code className="event-link-url">{feedUrl}</code>
        <CopyButton text={feedUrl} label={t('setup.copyLink')} variant="ghost" />
        <Button size="sm" variant="ghost" onClick={() => void fetch('/api/v1/account/calendar-feed/rotate', { method: 'POST', credentials: 'same-origin' }).then((r) => r.json()).then((s: MailSettingsOut) => setFeedUrl(s.calendarFeedUrl))}>{t('outbox.rotateFeed')}</Button>
      </div>
    </section>
  );
}
