import { Film, Link2, Play, X } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { FileOut } from '../../../shared/file-schemas.ts';
import { PLAYBACK_MESSAGES } from '../../../shared/playback-messages.ts';
import { request } from '../api/http.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * The presenters' way to put a video on the stage (ROOM-12): a ready video of the
 * account's library, or a link (a direct MP4, YouTube, Vimeo). The room checks the
 * choice and answers with the anchor, or with a refusal shown as a toast.
 */
export function StageVideoPicker({ act }: { act: (type: string, message?: unknown) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [videos, setVideos] = useState<FileOut[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [url, setUrl] = useState('');
  useEffect(() => {
    if (!open) return;
    let gone = false;
    setFailed(false);
    request<{ files: FileOut[] }>('GET', '/files').then(
      (answer) => !gone && setVideos(answer.files.filter((f) => f.kind === 'video' && f.status === 'ready')),
      () => !gone && setFailed(true),
    );
    return () => void (gone = true);
  }, [open]);
  const play = (source: unknown) => {
    act(PLAYBACK_MESSAGES.load, { source });
    setOpen(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (url.trim()) play({ kind: 'url', url: url.trim() });
  };
  if (!open) {
    return (
      <button type="button" className="stage-video-pick" onClick={() => setOpen(true)} data-testid="stage-video-pick">
        <Film size={15} aria-hidden="true" /><span>{t('video.pick')}</span>
      </button>
    );
  }
  return (
    <div className="stage-video-picker" role="dialog" aria-label={t('video.pickTitle')} data-testid="stage-video-picker"
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <div className="stage-video-picker-head">
        <strong>{t('video.pickTitle')}</strong>
        <button type="button" onClick={() => setOpen(false)} aria-label={t('video.close')}><X size={16} aria-hidden="true" /></button>
      </div>
      {failed ? <p className="muted">{t('video.libraryFailed')}</p>
        : videos === null ? <p className="muted">{t('video.loading')}</p>
          : videos.length === 0 ? <p className="muted">{t('video.noVideos')}</p>
            : (
              <ul className="stage-video-list">
                {videos.map((f) => (
                  <li key={f.id}>
                    <button type="button" onClick={() => play({ kind: 'file', fileId: f.id })} data-testid="stage-video-file">
                      <Play size={14} aria-hidden="true" /><span>{f.name}</span>
                      {f.durationMs !== null && <span className="muted">{Math.round(f.durationMs / 1000)} s</span>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
      <form onSubmit={submit} className="stage-video-link">
        <label>
          <span><Link2 size={14} aria-hidden="true" /> {t('video.byLink')}</span>
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/video.mp4" data-testid="stage-video-url" />
        </label>
        <button type="submit" disabled={!url.trim()} data-testid="stage-video-url-play">{t('video.play')}</button>
      </form>
    </div>
  );
}
