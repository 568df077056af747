import { Upload, X } from 'lucide-react';
import { useCallback, useRef, useState, type DragEvent } from 'react';
import type { FileOut } from '../../../shared/file-schemas.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { fileErrorText } from './file-error-text.ts';
import { formatBytes, uploadFile, type UploadHandle } from './files-api.ts';

interface UploadRow {
  key: number;
  name: string;
  sent: number;
  total: number;
  error?: unknown;
  /** The network failed: the upload waits and goes on from where the server is. */
  resuming?: boolean;
  handle?: UploadHandle;
}

/**
 * Choosing files (button or drop) and their uploads, each with a progress bar and a
 * way to cancel; a refused upload stays listed with the server's reason until dismissed.
 * Files go one after another, so the quota check sees each one's size before the next.
 */
export function FileUploads({ canUpload, accept, onUploaded, compact = false }: {
  canUpload: boolean;
  /** The file picker's filter (e.g. presentations only in the room). */
  accept?: string;
  onUploaded: (file: FileOut) => void;
  compact?: boolean;
}) {
  const { t, lang } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const update = (key: number, patch: Partial<UploadRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const start = useCallback((files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = nextKey.current++;
      setRows((all) => [...all, { key, name: file.name, sent: 0, total: file.size }]);
      queue.current = queue.current.then(async () => {
        const handle = uploadFile(file, (sent, total) => update(key, { sent, total }), (resuming) => update(key, { resuming }));
        update(key, { handle });
        try {
          const uploaded = await handle.done;
          setRows((all) => all.filter((r) => r.key !== key));
          onUploaded(uploaded);
        } catch (error) {
          update(key, { error, handle: undefined });
        }
      });
    }
  }, [onUploaded]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (canUpload && e.dataTransfer.files.length) start(e.dataTransfer.files);
  };

  return (
    <div className="stack-sm">
      <div className={`files-drop ${dragging ? 'is-dragging' : ''} ${compact ? 'is-compact' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(canUpload); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <Upload size={compact ? 18 : 28} aria-hidden="true" />
        {!compact && <p className="muted">{t('files.dropHint')}</p>}
        <Button variant="primary" size={compact ? 'sm' : 'md'} disabled={!canUpload} onClick={() => input.current?.click()} data-testid="files-upload-button">{t('files.upload')}</Button>
        <input ref={input} type="file" multiple hidden accept={accept} data-testid="files-upload-input" onChange={(e) => {
          if (e.target.files?.length) start(e.target.files);
          e.target.value = '';
        }} />
      </div>
      {rows.length > 0 && (
        <ul className="files-uploads" aria-live="polite">
          {rows.map((r) => {
            const percent = r.total ? Math.round((r.sent / r.total) * 100) : 0;
            return (
              <li key={r.key} className="files-upload" data-testid="files-upload-row">
                <span className="files-upload-name">{r.name}</span>
                {r.error === undefined ? (
                  <>
                    <span className="files-bar" role="progressbar" aria-label={t('files.uploading', { name: r.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}><span style={{ width: `${percent}%` }} /></span>
                    <span className="muted files-upload-figure" data-testid="files-upload-figure" role={r.resuming ? 'status' : undefined}>
                      {r.resuming ? t('files.resuming', { sent: formatBytes(r.sent) }) : percent < 100 ? `${formatBytes(r.sent)} / ${formatBytes(r.total)}` : t('files.checking')}
                    </span>
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => r.handle?.cancel()} aria-label={t('files.cancelUpload', { name: r.name })}><X size={14} aria-hidden="true" /></button>
                  </>
                ) : (
                  <>
                    <span className="files-error" role="alert">{t('files.uploadFailed', { name: r.name, reason: fileErrorText(t, lang, r.error) })}</span>
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}>{t('files.dismiss')}</button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
