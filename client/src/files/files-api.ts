import type { FileListOut, FileOut } from '../../../shared/file-schemas.ts';
import { ApiError, request } from '../api/http.ts';

/** The file library's REST calls (server/api/files.ts). */
export const filesApi = {
  list: () => request<FileListOut>('GET', '/files'),
  get: (id: string) => request<FileOut>('GET', `/files/${id}`),
  rename: (id: string, name: string) => request<FileOut>('PATCH', `/files/${id}`, { name }),
  remove: (id: string) => request<void>('DELETE', `/files/${id}`),
  downloadUrl: (id: string) => `/api/v1/files/${id}/download`,
  thumbnailUrl: (file: FileOut) => (file.thumbnailUrl ? `/api/v1${file.thumbnailUrl}` : undefined),
};

export interface UploadHandle {
  done: Promise<FileOut>;
  cancel(): void;
}

/**
 * Uploads one file as the raw request body (the server streams it to disk), reporting
 * the bytes sent as they go. XHR rather than fetch: fetch cannot report upload progress.
 */
export function uploadFile(file: File, onProgress: (sent: number, total: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileOut>((resolve, reject) => {
    xhr.open('POST', `/api/v1/files?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201) return resolve(body as FileOut);
      const problem = body as { code?: string; title?: string; errors?: { field: string; message: string }[] } | undefined;
      reject(new ApiError(xhr.status, problem?.code ?? (xhr.status >= 500 ? 'internal' : 'unknown'), problem?.title ?? xhr.statusText, problem?.errors ?? []));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'upload-cancelled', 'The upload was cancelled.'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

/** 1 536 → "1.5 KB"; the library's sizes. */
export function formatBytes(bytes: number): string {
  const short = (n: number, digits: number) => String(Number(n.toFixed(digits)));
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${short(bytes / 1024, 1)} KB`;
  if (bytes < 1024 ** 3) return `${short(bytes / 1024 / 1024, 1)} MB`;
  return `${short(bytes / 1024 ** 3, 2)} GB`;
}

/** 75 000 → "1:15". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
