import { useState, type FormEvent } from 'react';
import * as v from 'valibot';
import { CallbackOrder, checkCallbackOrder, formatMinute, hoursOn, localClock, type OrderProblem, type WorkingHours } from '../../../shared/callme-hours.ts';
import { ApiError, request } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { TextField } from '../components/field.tsx';
import { useT } from '../i18n/i18n.tsx';

interface Props { packageId: string; hours: WorkingHours; timeZone: string; reason: 'nobody' | 'closed' }
type Errors = Partial<Record<'phone' | 'email' | 'date' | 'time' | 'form', string>>;

/**
 * "Order a call" (CALL-3): phone, e-mail, a date not in the past and a half-hour time
 * within that day's hours in the package's zone. Checked here with the same rules the
 * server applies again, so the visitor learns at once what to change.
 */
export function OrderCallForm({ packageId, hours, timeZone, reason }: Props) {
  const { t } = useT();
  const today = localClock(new Date(), timeZone).date;
  const [form, setForm] = useState({ phone: '', email: '', date: today, time: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ date: string; time: string } | undefined>();

  const problemText = (p: Pick<OrderProblem, 'code'>, date: string) => {
    const day = hoursOn(hours, date);
    const range = day.kind === 'range' ? `${formatMinute(day.open)}–${formatMinute(day.close)}` : day.kind === 'all-day' ? '00:00–24:00' : '';
    return t(`callme.order.${p.code}`, { hours: range });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    const parsed = v.safeParse(CallbackOrder, form);
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const field = v.getDotPath(issue) as keyof Errors;
        next[field] ??= field === 'phone' ? t('callme.order.phoneInvalid') : field === 'email' ? t('callme.order.emailInvalid') : issue.message;
      }
    } else {
      const checked = checkCallbackOrder(parsed.output, hours, timeZone, new Date());
      if (!checked.ok) next[checked.problem.field] = problemText(checked.problem, form.date);
    }
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await request('POST', `/callme/public/${encodeURIComponent(packageId)}/callbacks`, form);
      setDone({ date: form.date, time: form.time });
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) {
        const server: Errors = {};
        for (const f of error.fields) server[f.field as keyof Errors] = /^(past-date|closed-day|off-step|outside-hours|no-such-time|past-time)$/.test(error.code) ? problemText({ code: error.code as OrderProblem['code'] }, form.date) : f.message;
        setErrors(server);
      } else setErrors({ form: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  if (done) return <Alert tone="success">{t('callme.order.done', done)}</Alert>;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <form className="callme-order" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="callme-order-title">
      <h2 id="callme-order-title" className="callme-h2">{t('callme.order.title')}</h2>
      <p className="callme-muted">{t(reason === 'closed' ? 'callme.outsideHours' : 'callme.nobodyNow')}</p>
      <TextField label={t('callme.order.phone')} type="tel" autoComplete="tel" value={form.phone} onChange={set('phone')} error={errors.phone} required />
      <TextField label={t('callme.order.email')} type="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.email} required />
      <TextField label={t('callme.order.date')} type="date" min={today} value={form.date} onChange={set('date')} error={errors.date} required />
      <TextField label={t('callme.order.time')} type="time" step={1800} value={form.time} onChange={set('time')} error={errors.time} hint={t('callme.order.timeHint', { zone: timeZone })} required />
      {errors.form && <Alert>{errors.form}</Alert>}
      <Button type="submit" variant="primary" loading={busy}>{t('callme.order.submit')}</Button>
    </form>
  );
}
