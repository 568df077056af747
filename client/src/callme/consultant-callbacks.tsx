import { useEffect, useState } from 'react';
import type { CallbackOut } from '../../../shared/callme-schemas.ts';
import { request } from '../api/http.ts';
import { Alert } from '../components/alert.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useDesk } from './use-consultant-desk.tsx';

/** Calls visitors ordered when nobody could answer (CALL-3), per package, by time. */
export function ConsultantCallbacksPage() {
  const { t } = useT();
  const desk = useDesk();
  const [lists, setLists] = useState<Record<string, CallbackOut[]> | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    Promise.all(desk.packages.map(async (p) => [p.id, (await request<{ callbacks: CallbackOut[] }>('GET', `/callme/consultant/packages/${encodeURIComponent(p.id)}/callbacks`)).callbacks] as const))
      .then((entries) => { if (!cancelled) setLists(Object.fromEntries(entries)); })
      .catch((e: unknown) => { if (!cancelled) setError((e as Error).message); });
    return () => { cancelled = true; };
  }, [desk.packages]);
  if (error) return <Alert>{error}</Alert>;
  if (!lists) return <p role="status">{t('common.loading')}</p>;
  return (
    <section className="callme-card" aria-labelledby="callme-callbacks-title">
      <h1 id="callme-callbacks-title" className="callme-h2">{t('consultant.callbacks')}</h1>
      {desk.packages.every((p) => (lists[p.id] ?? []).length === 0) ? <p className="callme-muted">{t('consultant.noCallbacks')}</p> : (
        <table className="callme-table">
          <thead><tr><th>{t('consultant.package')}</th><th>{t('callme.order.date')}</th><th>{t('callme.order.phone')}</th><th>{t('callme.order.email')}</th><th>{t('consultant.done')}</th></tr></thead>
          <tbody>
            {desk.packages.flatMap((p) => (lists[p.id] ?? []).map((c) => (
              <tr key={c.id} data-testid="callback-row">
                <td>{p.name}</td>
                <td>{t('consultant.callbackAt', { date: c.date, time: c.time })}</td>
                <td><a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</a></td>
                <td><a href={`mailto:${c.email}`}>{c.email}</a></td>
                <td>{c.done ? '✓' : ''}</td>
              </tr>
            )))}
          </tbody>
        </table>
      )}
    </section>
  );
}
