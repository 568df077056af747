import { useState } from 'react';
import type { BrandingOut } from '../../../../shared/registration-schemas.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { brandingStyle } from '../../branding/branded-frame.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useLoad } from '../../scheduling/use-load.ts';

/** Colours, logo and background image of the event's pages (EV-8), with a small preview. */
export function AppearanceTab({ eventId }: { eventId: number }) {
  const { t } = useT();
  const { data, failure: loadFailure, setData } = useLoad(() => schedulingApi.branding(eventId), [eventId]);
  const [failure, setFailure] = useState<unknown>();
  const run = async (action: () => Promise<BrandingOut | void>) => {
    setFailure(undefined);
    try {
      const next = await action();
      setData(next ?? (await schedulingApi.branding(eventId)));
    } catch (err) {
      setFailure(err);
    }
  };
  if (loadFailure !== undefined) return <Alert>{errorText(t, loadFailure)}</Alert>;
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;

  const colour = (field: 'primaryColor' | 'backgroundColor', label: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <span className="button-row">
        <input type="color" value={data[field] ?? (field === 'primaryColor' ? '#4f46e5' : '#f5f6f8')} onChange={(e) => void run(() => schedulingApi.saveAppearance(eventId, { [field]: e.target.value }))} />
        {data[field] && <Button size="sm" variant="ghost" onClick={() => void run(() => schedulingApi.saveAppearance(eventId, { [field]: null }))}>{t('setup.reset')}</Button>}
      </span>
    </label>
  );
  const image = (kind: 'logo' | 'background', label: string, url: string | null) => (
    <label className="field">
      <span className="field-label">{label}</span>
      {url && <img src={url} alt="" className="brand-logo" />}
      <span className="button-row">
        <input type="file" accept="image/png,image/jpeg,image/webp,image/gif" onChange={(e) => { const file = e.target.files?.[0]; if (file) void run(() => schedulingApi.uploadImage(eventId, kind, file)); }} />
        {url && <Button size="sm" variant="ghost" onClick={() => void run(() => schedulingApi.removeImage(eventId, kind))}>{t('setup.remove')}</Button>}
      </span>
    </label>
  );
  return (
    <section className="card stack">
      <h2 className="card-title">{t('setup.appearance')}</h2>
      <p className="muted small">{t('setup.appearanceHint')}</p>
      <div className="color-row">
        {colour('primaryColor', t('setup.primaryColor'))}
        {colour('backgroundColor', t('setup.backgroundColor'))}
      </div>
      {image('logo', t('setup.logo'), data.logoUrl)}
      {image('background', t('setup.backgroundImage'), data.backgroundImageUrl)}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      <div className="branded card" style={{ ...brandingStyle(data), minHeight: 120 }}>
        <Button variant="primary">{t('setup.preview')}</Button>
      </div>
    </section>
  );
}
