import { useState, type FormEvent } from 'react';
import { formatMinute, type DayHours, type WorkingHours } from '../../../../shared/callme-hours.ts';
import {
  BUTTON_COLOURS, BUTTON_CORNERS, BUTTON_MODES, BUTTON_SIZES, BUTTON_STICK, DEFAULT_BUTTON, DEFAULT_PAGE, LABEL_VISIBILITY, type PackageOut,
} from '../../../../shared/callme-schemas.ts';
import { DEFAULT_HOURS } from '../../../../shared/callme-hours.ts';
import { ApiError, request } from '../../api/http.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { timeZoneOptions } from '../../dashboard/time-zones.ts';
import { useT, type TextKey } from '../../i18n/i18n.tsx';

type Draft = Omit<PackageOut, 'id' | 'logoUrl' | 'snippet' | 'callPageUrl' | 'websites'> & { websites: string };
const HALF_HOURS = Array.from({ length: 49 }, (_, i) => i * 30);
const DAYS = [['weekdays', 'callme.weekdays'], ['saturday', 'callme.saturday'], ['sunday', 'callme.sunday']] as const;

const blank = (): Draft => ({ name: '', companyName: '', companyUrl: 'https://', language: 'en', timeZone: 'Europe/Warsaw', hours: DEFAULT_HOURS, websites: '', button: DEFAULT_BUTTON, page: DEFAULT_PAGE });
const fromPackage = (p: PackageOut): Draft => ({ ...p, websites: p.websites.join('\n') });

/** Creates or changes a package (CALL-1…3); the server checks every field again and names the one it refuses. */
export function PackageForm({ existing, onSaved, onCancel }: { existing?: PackageOut; onSaved(p: PackageOut): void; onCancel(): void }) {
  const { t } = useT();
  const [draft, setDraft] = useState<Draft>(existing ? fromPackage(existing) : blank());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setButton = <K extends keyof Draft['button']>(key: K, value: Draft['button'][K]) => setDraft((d) => ({ ...d, button: { ...d.button, [key]: value } }));
  const setPage = <K extends keyof Draft['page']>(key: K, value: Draft['page'][K]) => setDraft((d) => ({ ...d, page: { ...d.page, [key]: value } }));
  const setDay = (day: keyof WorkingHours, value: DayHours) => setDraft((d) => ({ ...d, hours: { ...d.hours, [day]: value } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setErrors({});
    const body = { ...draft, websites: draft.websites.split(/\s+/).filter(Boolean) };
    try {
      const out = existing ? await request<PackageOut>('PATCH', `/callme/packages/${existing.id}`, body) : await request<PackageOut>('POST', '/callme/packages', body);
      setSaved(true);
      onSaved(out);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) setErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
      else setErrors({ form: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const options = <T extends string>(values: readonly T[], prefix: string) => values.map((v) => <option key={v} value={v}>{t(`${prefix}.${v}` as TextKey)}</option>);
  return (
    <form className="callme-card callme-admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField label={t('callmeAdmin.name')} value={draft.name} maxLength={25} onChange={(e) => set('name', e.target.value)} error={errors.name} required />
      <TextField label={t('callmeAdmin.companyName')} value={draft.companyName} maxLength={100} onChange={(e) => set('companyName', e.target.value)} error={errors.companyName} required />
      <TextField label={t('callmeAdmin.companyUrl')} type="url" value={draft.companyUrl} maxLength={100} onChange={(e) => set('companyUrl', e.target.value)} error={errors.companyUrl} required />
      <SelectField label={t('callmeAdmin.language')} value={draft.language} onChange={(e) => set('language', e.target.value as Draft['language'])}>
        <option value="en">English</option><option value="pl">Polski</option>
      </SelectField>
      <SelectField label={t('callmeAdmin.timeZone')} value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)} error={errors.timeZone}>
        {timeZoneOptions().map((z) => <option key={z} value={z}>{z}</option>)}
      </SelectField>
      <TextAreaField label={t('callmeAdmin.websites')} value={draft.websites} rows={3} onChange={(e) => set('websites', e.target.value)} error={Object.entries(errors).find(([k]) => k.startsWith('websites'))?.[1]} placeholder="https://shop.example.com" />

      <fieldset className="callme-fieldset">
        <legend>{t('callmeAdmin.hours')}</legend>
        {DAYS.map(([day, label]) => {
          const value = draft.hours[day];
          return (
            <div key={day} className="callme-day">
              <SelectField label={t(label)} value={value.kind} onChange={(e) => setDay(day, e.target.value === 'range' ? { kind: 'range', open: 540, close: 1020 } : { kind: e.target.value as 'closed' | 'all-day' })}>
                {options(['closed', 'all-day', 'range'] as const, 'callmeAdmin.kind')}
              </SelectField>
              {value.kind === 'range' && (
                <>
                  <SelectField label={t('callmeAdmin.opens')} value={value.open} onChange={(e) => setDay(day, { ...value, open: Number(e.target.value) })}>
                    {HALF_HOURS.slice(0, -1).map((m) => <option key={m} value={m}>{formatMinute(m)}</option>)}
                  </SelectField>
                  <SelectField label={t('callmeAdmin.closes')} value={value.close} onChange={(e) => setDay(day, { ...value, close: Number(e.target.value) })} error={errors[`hours.${day}.close`] ?? errors[`hours.${day}.open`]}>
                    {HALF_HOURS.slice(1).map((m) => <option key={m} value={m}>{formatMinute(m)}</option>)}
                  </SelectField>
                </>
              )}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="callme-fieldset">
        <legend>{t('callmeAdmin.button')}</legend>
        <TextField label={t('callmeAdmin.label')} value={draft.button.label} maxLength={40} onChange={(e) => setButton('label', e.target.value)} error={errors['button.label']} />
        <SelectField label={t('callmeAdmin.labelVisibility')} value={draft.button.labelVisibility} onChange={(e) => setButton('labelVisibility', e.target.value as Draft['button']['labelVisibility'])}>{options(LABEL_VISIBILITY, 'callmeAdmin.vis')}</SelectField>
        {draft.button.labelVisibility === 'after-seconds' && <TextField label={t('callmeAdmin.labelAfterSeconds')} type="number" min={1} max={600} value={draft.button.labelAfterSeconds} onChange={(e) => setButton('labelAfterSeconds', Number(e.target.value))} error={errors['button.labelAfterSeconds']} />}
        <SelectField label={t('callmeAdmin.corner')} value={draft.button.corner} onChange={(e) => setButton('corner', e.target.value as Draft['button']['corner'])}>{options(BUTTON_CORNERS, 'callmeAdmin.corner')}</SelectField>
        <SelectField label={t('callmeAdmin.stick')} value={draft.button.stick} onChange={(e) => setButton('stick', e.target.value as Draft['button']['stick'])}>{options(BUTTON_STICK, 'callmeAdmin.stick')}</SelectField>
        <label className="checkbox"><input type="checkbox" checked={draft.button.unstickWithLabel} onChange={(e) => setButton('unstickWithLabel', e.target.checked)} />{t('callmeAdmin.unstick')}</label>
        <SelectField label={t('callmeAdmin.size')} value={draft.button.size} onChange={(e) => setButton('size', e.target.value as Draft['button']['size'])}>{options(BUTTON_SIZES, 'callmeAdmin.size')}</SelectField>
        <SelectField label={t('callmeAdmin.colour')} value={draft.button.colour} onChange={(e) => setButton('colour', e.target.value as Draft['button']['colour'])}>{options(BUTTON_COLOURS, 'callmeAdmin.colour')}</SelectField>
        <SelectField label={t('callmeAdmin.mode')} value={draft.button.mode} onChange={(e) => setButton('mode', e.target.value as Draft['button']['mode'])}>{options(BUTTON_MODES, 'callmeAdmin.mode')}</SelectField>
      </fieldset>

      <fieldset className="callme-fieldset">
        <legend>{t('callmeAdmin.page')}</legend>
        <TextField label={t('callmeAdmin.bigHeader')} value={draft.page.bigHeader} maxLength={50} onChange={(e) => setPage('bigHeader', e.target.value)} error={errors['page.bigHeader']} />
        <TextField label={t('callmeAdmin.smallHeader')} value={draft.page.smallHeader} maxLength={200} onChange={(e) => setPage('smallHeader', e.target.value)} error={errors['page.smallHeader']} />
        <label className="checkbox"><input type="checkbox" checked={draft.page.showChat} onChange={(e) => setPage('showChat', e.target.checked)} />{t('callmeAdmin.showChat')}</label>
      </fieldset>

      {errors.form && <Alert>{errors.form}</Alert>}
      {saved && <Alert tone="success">{t('callmeAdmin.saved')}</Alert>}
      <div className="callme-actions">
        <Button type="submit" variant="primary" loading={busy}>{t('callmeAdmin.save')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
