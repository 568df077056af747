import { useEffect, useState } from 'react';
import type { RecordingOut, ShareOut } from '../../../shared/recording-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { TextField } from '../components/field.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { clock, recordingsApi } from './recordings-api.ts';
import { SendRecording } from './send-recording.tsx';

/** Play one recording, set its in and out points, and manage its share links (POST-2). */
export function RecordingTools({ recording, onChanged, onClose }: { recording: RecordingOut; onChanged: () => void; onClose: () => void }) {
  const { t } = useT();
  const [inS, setInS] = useState(recording.trimInMs === null ? '' : String(recording.trimInMs / 1000));
  const [outS, setOutS] = useState(recording.trimOutMs === null ? '' : String(recording.trimOutMs / 1000));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [shares, setShares] = useState<ShareOut[]>();

  useEffect(() => {
    recordingsApi.shares(recording.id).then(setShares, setFailure);
  }, [recording.id]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const saveTrim = (clear: boolean) => act(async () => {
    const seconds = (text: string) => (text.trim() === '' ? null : Math.round(Number(text) * 1000));
    const body = clear ? { inMs: null, outMs: null } : { inMs: seconds(inS), outMs: seconds(outS) };
    const saved = await recordingsApi.trim(recording.id, body);
    setInS(saved.trimInMs === null ? '' : String(saved.trimInMs / 1000));
    setOutS(saved.trimOutMs === null ? '' : String(saved.trimOutMs / 1000));
    if (saved.trimInMs !== null || saved.trimOutMs !== null) setNotice(t('recordings.trimSaved', { from: clock(saved.trimInMs ?? 0), to: clock(saved.trimOutMs ?? saved.durationMs) }));
    onChanged();
  });

  return (
    <section className="recordings-panel stack" aria-label={recording.eventName}>
      <video className="recordings-player" src={`/api/v1${recording.videoUrl}`} controls preload="metadata" poster={recording.thumbnailUrl ? `/api/v1${recording.thumbnailUrl}` : undefined} />
      <div className="recordings-actions">
        <Button size="sm" onClick={onClose}>{t('recordings.close')}</Button>
      </div>
      {!recording.partial && (
        <>
          <h3 className="subheading">{t('recordings.trim')}</h3>
          <p className="muted small">{t('recordings.trimNote')}</p>
          <div className="recordings-actions">
            <TextField label={t('recordings.trimIn')} type="number" min={0} step={0.1} value={inS} onChange={(e) => setInS(e.target.value)} optional />
            <TextField label={t('recordings.trimOut')} type="number" min={0} step={0.1} value={outS} onChange={(e) => setOutS(e.target.value)} optional />
          </div>
          <div className="recordings-actions">
            <Button variant="primary" size="sm" loading={busy} onClick={() => void saveTrim(false)}>{t('recordings.trimSave')}</Button>
            <Button size="sm" disabled={busy} onClick={() => void saveTrim(true)}>{t('recordings.trimClear')}</Button>
          </div>
        </>
      )}
      <h3 className="subheading">{t('recordings.share')}</h3>
      {shares?.length === 0 && <p className="muted small">{t('recordings.shareNone')}</p>}
      <ul className="stack">
        {shares?.map((s) => (
          <li key={s.id} className="recordings-actions">
            <code className="small">{s.url}</code>
            <CopyButton text={s.url} label={t('recordings.copy')} />
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => void act(async () => {
              await recordingsApi.revoke(recording.id, s.id);
              setShares((list) => list?.filter((x) => x.id !== s.id));
            })}>{t('recordings.shareRevoke')}</Button>
          </li>
        ))}
      </ul>
      <div>
        <Button size="sm" loading={busy} onClick={() => void act(async () => {
          const share = await recordingsApi.share(recording.id);
          setShares((list) => [...(list ?? []), share]);
        })}>{t('recordings.shareCreate')}</Button>
      </div>
      {/* Room for "Publish to on-demand" (its own issue) beside Send. */}
      <SendRecording recordingId={recording.id} onSent={() => void recordingsApi.shares(recording.id).then(setShares, setFailure)} />
      {notice && <Alert tone="success">{notice}</Alert>}
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
    </section>
  );
}
