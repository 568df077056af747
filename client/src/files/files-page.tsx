import { FolderOpen } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { MAX_FILE_BYTES, QUOTA_GRACE_BYTES, type FileOut } from '../../../shared/file-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { SchedulingNav } from '../dashboard/scheduling-nav.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useRequireSession } from '../scheduling/require-session.ts';
import { useLoad } from '../scheduling/use-load.ts';
import { fileErrorText } from './file-error-text.ts';
import { FileRow } from './file-row.tsx';
import { FileUploads } from './file-uploads.tsx';
import { filesApi, formatBytes } from './files-api.ts';
import './files.css';

/** While a file is converting, the list looks again this often. */
const REFRESH_MS = 2000;

/**
 * `/dashboard/files` (POST-3): the account's file library. Upload with progress, the
 * conversion's progress and errors (whole file and per page), download, rename in
 * place, delete after a question, and the storage used of the plan's quota with the
 * 1-MB rule spelled out when uploads stop.
 */
export function FilesPage() {
  const { t, lang } = useT();
  const signedIn = useRequireSession();
  const list = useLoad(() => filesApi.list(), []);
  const [failure, setFailure] = useState<unknown>();
  const { reload } = list;

  const busy = list.data?.files.some((f) => f.status === 'queued' || f.status === 'converting');
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [busy, reload]);

  const onUploaded = useCallback(() => void reload(), [reload]);
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;

  const storage = list.data?.storage;
  const files = list.data?.files ?? [];
  const replace = (file: FileOut) => list.data && list.setData({ ...list.data, files: list.data.files.map((f) => (f.id === file.id ? file : f)) });
  const remove = async (file: FileOut) => {
    setFailure(undefined);
    try {
      await filesApi.remove(file.id);
      await reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const percent = storage ? Math.min(100, (storage.usedBytes / Math.max(1, storage.quotaBytes)) * 100) : 0;

  return (
    <div className="stack">
      <SchedulingNav />
      <h1 className="page-title">{t('files.title')}</h1>
      <p className="muted">{t('files.intro', { max: formatBytes(MAX_FILE_BYTES) })}</p>
      {storage && (
        <section className="stack-sm" aria-live="polite" data-testid="files-storage">
          <p>{t('files.storage', { used: formatBytes(storage.usedBytes), total: formatBytes(storage.quotaBytes) })}</p>
          <div className={`files-meter ${storage.canUpload ? '' : 'is-full'}`} role="progressbar" aria-label={t('files.storageLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
            <span style={{ width: `${percent}%` }} />
          </div>
          {storage.canUpload
            ? <p className="muted files-rule">{t('files.graceRule', { grace: formatBytes(QUOTA_GRACE_BYTES), max: formatBytes(MAX_FILE_BYTES) })}</p>
            : <Alert tone="warning"><span data-testid="files-full">{t('files.full', { grace: formatBytes(QUOTA_GRACE_BYTES) })}</span></Alert>}
        </section>
      )}
      <FileUploads canUpload={storage?.canUpload ?? false} onUploaded={onUploaded} />
      {failure !== undefined && <Alert>{fileErrorText(t, lang, failure)}</Alert>}
      {list.failure !== undefined && <Alert>{fileErrorText(t, lang, list.failure)}</Alert>}
      {!list.data && list.failure === undefined && <p className="muted" role="status">{t('common.loading')}</p>}
      {list.data && files.length === 0 && (
        <div className="card empty-state" data-testid="files-empty">
          <FolderOpen size={36} aria-hidden="true" />
          <p className="card-title">{t('files.emptyTitle')}</p>
          <p className="muted">{t('files.emptyText')}</p>
        </div>
      )}
      {files.length > 0 && (
        <ul className="files-list" aria-label={t('files.title')}>
          {files.map((f) => <FileRow key={f.id} file={f} onChanged={replace} onDeleted={remove} />)}
        </ul>
      )}
    </div>
  );
}
