import { Download, FileText, Film, Image as ImageIcon, Music, Pencil, Presentation } from 'lucide-react';
import { useState, type KeyboardEvent } from 'react';
import type { FileKind, FileOut } from '../../../shared/file-schemas.ts';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { fileErrorText } from './file-error-text.ts';
import { filesApi, formatBytes, formatDuration } from './files-api.ts';

const KIND: Record<FileKind | '', { key: TextKey; Icon: typeof FileText }> = {
  pdf: { key: 'files.kindPdf', Icon: Presentation },
  document: { key: 'files.kindDocument', Icon: FileText },
  video: { key: 'files.kindVideo', Icon: Film },
  audio: { key: 'files.kindAudio', Icon: Music },
  image: { key: 'files.kindImage', Icon: ImageIcon },
  '': { key: 'files.kindUnknown', Icon: FileText },
};

/** One file of the library: picture, name (renamed in place), facts, conversion state and actions. */
export function FileRow({ file, onChanged, onDeleted }: { file: FileOut; onChanged: (file: FileOut) => void; onDeleted: (file: FileOut) => Promise<void> }) {
  const { t, tp, lang } = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(file.name);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const kind = KIND[file.kind] ?? KIND[''];
  const thumb = filesApi.thumbnailUrl(file);

  const save = async () => {
    const name = draft.trim();
    if (!name || name === file.name) return setEditing(false);
    setSaving(true);
    setFailure(undefined);
    try {
      onChanged(await filesApi.rename(file.id, name));
      setEditing(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(file.name);
      setFailure(undefined);
      setEditing(false);
    }
  };

  const facts = [t(kind.key), formatBytes(file.sizeBytes)];
  if (file.pages) facts.push(tp('files.pages', file.pages));
  if (file.durationMs) facts.push(formatDuration(file.durationMs));

  return (
    <li className="files-item" data-testid="file-row" data-status={file.status} data-file-id={file.id}>
      <div className="files-thumb">
        {thumb ? <img src={thumb} alt="" loading="lazy" /> : <kind.Icon size={28} aria-hidden="true" />}
      </div>
      <div className="files-main">
        {editing ? (
          <input className="input files-rename" aria-label={t('files.renameLabel')} value={draft} autoFocus disabled={saving} maxLength={200}
            onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey} onBlur={() => void save()} data-testid="file-rename-input" />
        ) : (
          <p className="files-name" title={file.name}>{file.name}</p>
        )}
        <p className="muted files-facts">{facts.join(' · ')}</p>
        {(file.status === 'queued' || file.status === 'converting') && (
          <div className="files-converting">
            <span className="files-bar" role="progressbar" aria-label={t('files.converting', { name: file.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={file.progress}><span style={{ width: `${file.progress}%` }} /></span>
            <span className="muted">{file.status === 'queued' ? t('files.queued') : t('files.convertingPercent', { percent: file.progress })}</span>
          </div>
        )}
        {file.status === 'failed' && <p className="files-error" role="alert">{file.error ?? t('files.failed')}</p>}
        {file.pageErrors.length > 0 && (
          <details className="files-page-errors">
            <summary>{tp('files.pageErrors', file.pageErrors.length)}</summary>
            <ul>{file.pageErrors.map((e) => <li key={e.page}>{t('files.pageError', { page: e.page, message: e.message })}</li>)}</ul>
          </details>
        )}
        {failure !== undefined && <p className="files-error" role="alert">{fileErrorText(t, lang, failure)}</p>}
      </div>
      <div className="files-actions">
        {file.status === 'ready' && (
          <a className="btn btn-ghost btn-sm" href={filesApi.downloadUrl(file.id)} download aria-label={t('files.downloadNamed', { name: file.name })}>
            <Download size={14} aria-hidden="true" /><span className="btn-label">{t('files.download')}</span>
          </a>
        )}
        {!editing && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => { setDraft(file.name); setEditing(true); }} aria-label={t('files.renameNamed', { name: file.name })} data-testid="file-rename">
            <Pencil size={14} aria-hidden="true" /><span className="btn-label">{t('files.rename')}</span>
          </button>
        )}
        <ConfirmInline trigger={t('files.delete')} question={t('files.deleteConfirm', { name: file.name })} confirmLabel={t('files.deleteYes')} onConfirm={() => onDeleted(file)} />
      </div>
    </li>
  );
}
