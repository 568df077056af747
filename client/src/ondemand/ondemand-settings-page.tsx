import { useEffect, useState } from 'react';
import type { OnDemandSettings } from '../../../shared/ondemand-schemas.ts';
import { schedulingApi } from '../api/scheduling-endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { SelectField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { ondemandApi } from './ondemand-api.ts';
import { OnDemandNav } from './ondemand-nav.tsx';
import './ondemand.css';

/** `/dashboard/events/:id/on-demand`: lead gate on/off, name required, contact group, pause and seek policy. */
export function OnDemandSettingsPage({ eventId }: { eventId: number }) {
  const { t } = useT();
  const signedIn = useRequireSession();
  const loaded = useLoad(() => ondemandApi.settings(eventId), [eventId]);
  const groups = useLoad(() => schedulingApi.groups(), []);
  const [draft, setDraft] = useState<OnDemandSettings>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
  }, [loaded.data]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  const set = (patch: Partial<OnDemandSettings>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setFailure(undefined);
    try {
      loaded.setData(await ondemandApi.saveSettings(eventId, draft));
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  const check = (key: 'leadGate' | 'nameRequired' | 'allowPause' | 'allowSeek', label: string, disabled = false) => (
    <label className="od-check">
      <input type="checkbox" checked={draft?.[key] ?? false} disabled={disabled} onChange={(e) => set({ [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <div className="stack">
      <OnDemandNav eventId={eventId} current="settings" />
      <h1 className="page-title">{t('od.settings.title')}</h1>
      <p className="muted">{t('od.settings.intro')}</p>
      {loaded.failure !== undefined && <Alert>{errorText(t, loaded.failure)}</Alert>}
      {!draft && loaded.failure === undefined && <p className="muted" role="status">{t('common.loading')}</p>}
      {draft && (
        <form className="stack od-settings" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <fieldset className="stack">
            {check('leadGate', t('od.settings.leadGate'))}
            {check('nameRequired', t('od.settings.nameRequired'), !draft.leadGate)}
            <SelectField label={t('od.settings.group')} value={draft.contactGroupId ?? ''} disabled={!draft.leadGate} onChange={(e) => set({ contactGroupId: e.target.value || null })}
              hint={groups.data?.groups.length === 0 ? <>{t('od.settings.noGroups')} <Link to="/dashboard/address-book">{t('schedulingNav.addressBook')}</Link></> : undefined}>
              <option value="">{t('od.settings.noGroup')}</option>
              {groups.data?.groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </SelectField>
          </fieldset>
          <fieldset className="stack">
            {check('allowPause', t('od.settings.allowPause'))}
            {check('allowSeek', t('od.settings.allowSeek'))}
            <p className="muted small">{t('od.settings.seekNote')}</p>
          </fieldset>
          {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
          {saved && <Alert tone="success">{t('od.settings.saved')}</Alert>}
          <div><Button type="submit" variant="primary" loading={saving}>{t('od.settings.save')}</Button></div>
        </form>
      )}
    </div>
  );
}
