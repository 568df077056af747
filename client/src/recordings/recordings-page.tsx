import { useEffect, useState } from 'react';
import type { RecordingOut } from '../../../shared/recording-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { SchedulingNav } from '../dashboard/scheduling-nav.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { RecordingTools } from './recording-tools.tsx';
import { PublishButton } from '../ondemand/publish-button.tsx';
import { clock, megabytes, recordingsApi } from './recordings-api.ts';
import './recordings.css';

/** While something records or is processed, the list looks again this often. */
const REFRESH_MS = 3000;

/**
 * `/dashboard/recordings` (POST-2): the account's recordings with date, length, size,
 * thumbnail and state; play, trim, share, download and delete; the plan's recording
 * time used; and whether recording starts by itself with each event.
 */
export function RecordingsPage() {
  const { t, lang } = useT();
  const signedIn = useRequireSession();
  const list = useLoad(() => recordingsApi.list(), []);
  const settings = useLoad(() => recordingsApi.settings(), []);
  const [open, setOpen] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  // The box flips at once and returns to the stored setting when saving fails.
  const saveAutostart = (autostart: boolean) => {
    const before = settings.data;
    if (before) settings.setData({ ...before, autostart });
    void recordingsApi.saveSettings(autostart).then(settings.setData, (e: unknown) => { if (before) settings.setData(before); setFailure(e); });
  };

  const running = list.data?.recordings.some((r) => r.state === 'recording' || r.state === 'paused' || r.state === 'processing');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void list.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, list.reload]);

  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;
  const storage = list.data?.storage;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const remove = async (r: RecordingOut) => {
    if (!window.confirm(t('recordings.deleteConfirm'))) return;
    setBusy(r.id);
    setFailure(undefined);
    try {
      await recordingsApi.remove(r.id);
      if (open === r.id) setOpen(undefined);
      await list.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="stack">
      <SchedulingNav />
      <h1 className="page-title">{t('recordings.title')}</h1>
      <p className="muted">{t('recordings.intro')}</p>
      {storage && (
        <section className="stack" aria-live="polite">
          <p>{t('recordings.storage', { used: storage.usedMinutes.toFixed(1), limit: storage.limitMinutes })}</p>
          <div className={`recordings-meter ${storage.full ? 'is-full' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={storage.limitMinutes} aria-valuenow={Math.min(storage.usedMinutes, storage.limitMinutes)} aria-label={t('recordings.title')}>
            <span style={{ width: `${Math.min(100, (storage.usedMinutes / Math.max(1, storage.limitMinutes)) * 100)}%` }} />
          </div>
          {storage.full && <Alert tone="warning">{t('recordings.storageFull')}</Alert>}
        </section>
      )}
      {settings.data && (
        <label className="recordings-actions">
          <input type="checkbox" checked={settings.data.autostart} onChange={(e) => saveAutostart(e.target.checked)} />
          {t('recordings.autostart')}
        </label>
      )}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {list.failure !== undefined && <Alert>{errorText(t, list.failure)}</Alert>}
      {!list.data && list.failure === undefined && <p className="muted" role="status">{t('recordings.loading')}</p>}
      {list.data?.recordings.length === 0 && <p className="muted">{t('recordings.empty')}</p>}
      {list.data && list.data.recordings.length > 0 && (
        <table className="recordings-table">
          <thead>
            <tr>
              <th scope="col"><span className="visually-hidden">{t('recordings.play')}</span></th>
              <th scope="col">{t('recordings.date')}</th>
              <th scope="col">{t('recordings.length')}</th>
              <th scope="col">{t('recordings.size')}</th>
              <th scope="col">{t('recordings.state')}</th>
              <th scope="col"><span className="visually-hidden">{t('recordings.delete')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data.recordings.map((r) => (
              <tr key={r.id} data-testid="recording-row" data-state={r.state}>
                <td>{r.thumbnailUrl ? <img className="recordings-thumb" src={`/api/v1${r.thumbnailUrl}`} alt={t('recordings.thumbnail', { name: r.eventName })} /> : <div className="recordings-thumb" />}</td>
                <td><strong>{r.eventName}</strong><br /><span className="muted small">{when(r.startedAt)}</span></td>
                <td>{clock(r.durationMs)}</td>
                <td>{megabytes(r.sizeBytes)}</td>
                <td>
                  {t(`recordings.state.${r.state}` as TextKey)}
                  {r.partial && <><br /><span className="muted small">{t('recordings.partial')}</span></>}
                  {r.error && <><br /><span className="muted small">{r.error}</span></>}
                </td>
                <td className="recordings-actions">
                  {r.videoUrl && <Button size="sm" variant="primary" onClick={() => setOpen(open === r.id ? undefined : r.id)} aria-expanded={open === r.id}>{t('recordings.play')}</Button>}
                  {r.state === 'ready' && !r.partial && <PublishButton recordingId={r.id} />}
                  {r.downloadUrl && <a className="btn btn-secondary btn-sm" href={`/api/v1${r.downloadUrl}`} download>{t('recordings.download')}</a>}
                  <Button size="sm" variant="ghost" loading={busy === r.id} disabled={r.state === 'recording' || r.state === 'paused'} onClick={() => void remove(r)}>{t('recordings.delete')}</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(() => {
        const r = list.data?.recordings.find((x) => x.id === open);
        return r ? <RecordingTools key={r.id} recording={r} onChanged={() => void list.reload()} onClose={() => setOpen(undefined)} /> : null;
      })()}
    </div>
  );
}
