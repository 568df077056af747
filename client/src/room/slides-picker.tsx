import { Presentation, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileOut } from '../../../shared/file-schemas.ts';
import { PRESENTATION_MESSAGES, SLIDE_KINDS } from '../../../shared/presentation-schemas.ts';
import { ApiError } from '../api/http.ts';
import { Button } from '../components/button.tsx';
import { fileErrorText } from '../files/file-error-text.ts';
import { FileUploads } from '../files/file-uploads.tsx';
import { filesApi } from '../files/files-api.ts';
import { useT } from '../i18n/i18n.tsx';
import '../files/files.css';

const ACCEPT = '.pdf,.ppt,.pptx,.pps,.ppsx,.odp,.doc,.docx,.odt,.rtf,.txt,.xls,.xlsx,.ods,application/pdf';
const REFRESH_MS = 1500;
const isSlides = (f: FileOut) => (SLIDE_KINDS as readonly string[]).includes(f.kind) || (f.kind === '' && f.status !== 'failed');

/**
 * The presenters' way to put slides on the stage (ROOM-12): the account's presentations
 * from the file library, and an upload right here. A deck uploaded from the room goes on
 * the stage by itself as soon as its conversion is done.
 */
export function SlidesPicker({ act, showing }: { act: (type: string, message?: unknown) => void; showing: string | undefined }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<FileOut[]>();
  const [canUpload, setCanUpload] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [pending, setPending] = useState<string>();
  const panel = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      const list = await filesApi.list();
      setFiles(list.files.filter(isSlides));
      setCanUpload(list.storage.canUpload);
      setFailure(undefined);
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  const converting = files?.some((f) => f.status === 'queued' || f.status === 'converting');
  useEffect(() => {
    if (!converting || (!open && !pending)) return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [converting, open, pending, load]);

  const show = useCallback((file: FileOut) => {
    act(PRESENTATION_MESSAGES.presentationOpen, { fileId: file.id });
    setOpen(false);
    trigger.current?.focus();
  }, [act]);

  // The deck uploaded from here: shown when ready; its failure stays in the list.
  useEffect(() => {
    const file = pending ? files?.find((f) => f.id === pending) : undefined;
    if (!file || (file.status !== 'ready' && file.status !== 'failed')) return;
    setPending(undefined);
    if (file.status === 'ready') show(file);
  }, [files, pending, show]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  return (
    <div className="slides-picker-anchor">
      <button ref={trigger} type="button" className="btn btn-ghost btn-sm" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)} data-testid="slides-picker-button">
        <Presentation size={15} aria-hidden="true" /><span className="btn-label">{t('slides.open')}</span>
      </button>
      {open && (
        <div ref={panel} className="slides-picker" role="dialog" aria-label={t('slides.pickerTitle')} data-testid="slides-picker"
          onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } }}>
          <div className="slides-picker-head">
            <h2>{t('slides.pickerTitle')}</h2>
            <button type="button" className="btn btn-ghost btn-sm" onClick={close} aria-label={t('slides.pickerClose')}><X size={14} aria-hidden="true" /></button>
          </div>
          <FileUploads compact canUpload={canUpload} accept={ACCEPT} onUploaded={(file) => {
            setPending(file.id);
            void load();
          }} />
          {pending && <p className="muted" role="status">{t('slides.convertingThenShow')}</p>}
          {failure !== undefined && (
            <p className="files-error" role="alert">{failure instanceof ApiError && failure.status === 401 ? t('slides.signInForLibrary') : fileErrorText(t, lang, failure)}</p>
          )}
          {files && files.length === 0 && <p className="muted" data-testid="slides-picker-empty">{t('slides.pickerEmpty')}</p>}
          {files && files.length > 0 && (
            <ul className="files-list">
              {files.map((f) => (
                <li key={f.id} className="files-item" data-testid="slides-picker-file" data-status={f.status} aria-selected={f.id === showing}>
                  <div className="files-thumb">{filesApi.thumbnailUrl(f) ? <img src={filesApi.thumbnailUrl(f)} alt="" /> : <Presentation size={20} aria-hidden="true" />}</div>
                  <div className="files-main">
                    <p className="files-name" title={f.name}>{f.name}</p>
                    <p className="muted files-facts">
                      {f.status === 'ready' ? t('slides.pageCount', { count: f.pages ?? 0 })
                        : f.status === 'failed' ? (f.error ?? t('files.failed'))
                        : t('files.convertingPercent', { percent: f.progress })}
                    </p>
                  </div>
                  <Button size="sm" variant="primary" disabled={f.status !== 'ready'} onClick={() => show(f)} aria-label={t('slides.showNamed', { name: f.name })} data-testid="slides-picker-show">
                    {t('slides.show')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
