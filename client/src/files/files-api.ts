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

/** Each piece of a resumable upload: small enough to lose little on a cut, big enough to cost few requests. */
const PIECE_BYTES = 8 * 1024 * 1024;
/** After a network error the upload asks again this many times, waiting longer each time (about 2 minutes in all). */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15_000, 30_000, 60_000];

interface UploadState {
  id: string;
  sizeBytes: number;
  offset: number;
}

/**
 * Uploads one file with the server's resumable protocol (server/files/resumable-uploads.ts):
 * create (the size is checked against the quota before any byte is sent), PUT pieces of
 * 8 MB with Content-Range, and finish. When the network fails, it waits, asks the server
 * where it is and goes on from that byte (`onResuming` says so meanwhile). XHR rather than
 * fetch: fetch cannot report upload progress.
 */
export function uploadFile(file: File, onProgress: (sent: number, total: number) => void, onResuming: (resuming: boolean) => void = () => undefined): UploadHandle {
  let current: XMLHttpRequest | undefined;
  let cancelled = false;
  let uploadId: string | undefined;
  let wakeRetry: (() => void) | undefined;

  const send = <T>(method: string, path: string, body: Blob | string | null, headers: Record<string, string>, progress?: (loaded: number) => void) =>
    new Promise<{ status: number; body: T }>((resolve, reject) => {
      if (cancelled) return reject(new ApiError(0, 'upload-cancelled', 'The upload was cancelled.'));
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open(method, `/api/v1${path}`);
      xhr.setRequestHeader('accept', 'application/json');
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      if (progress) xhr.upload.onprogress = (e) => progress(e.loaded);
      xhr.onload = () => {
        let parsed: unknown;
        try {
          parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        } catch {
          parsed = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) return resolve({ status: xhr.status, body: parsed as T });
        const problem = parsed as { code?: string; title?: string; errors?: { field: string; message: string }[] } | undefined;
        reject(new ApiError(xhr.status, problem?.code ?? (xhr.status >= 500 ? 'internal' : 'unknown'), problem?.title ?? xhr.statusText, problem?.errors ?? []));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
      xhr.onabort = () => reject(new ApiError(0, 'upload-cancelled', 'The upload was cancelled.'));
      xhr.send(body);
    });

  /** Runs `step`; a network failure (or a piece still being wound up on the server) waits and tries again. */
  const retrying = async <T>(step: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await step();
        onResuming(false);
        return result;
      } catch (error) {
        const retriable = error instanceof ApiError && (error.status === 0 || error.status >= 502 || error.code === 'upload-busy') && error.code !== 'upload-cancelled';
        if (!retriable || attempt >= RETRY_DELAYS_MS.length || cancelled) throw error;
        onResuming(true);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_DELAYS_MS[attempt]);
          // Back online: try at once rather than at the end of the wait.
          wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeRetry = undefined;
      }
    }
  };
  const onOnline = () => wakeRetry?.();
  window.addEventListener('online', onOnline);

  const run = async (): Promise<FileOut> => {
    const created = await send<UploadState>('POST', '/files/uploads', JSON.stringify({ name: file.name, sizeBytes: file.size }), { 'content-type': 'application/json' });
    uploadId = created.body.id;
    const path = `/files/uploads/${uploadId}`;
    let offset = created.body.offset;
    let resync = false;
    while (offset < file.size) {
      offset = await retrying(async () => {
        // After a failure the server says where it is: whatever reached its disk counts.
        if (resync) offset = (await send<UploadState>('GET', path, null, {})).body.offset;
        resync = true;
        const from = offset;
        const to = Math.min(file.size, from + PIECE_BYTES);
        const sent = await send<UploadState>('PUT', path, file.slice(from, to), { 'content-type': 'application/octet-stream', 'content-range': `bytes ${from}-${to - 1}/${file.size}` }, (loaded) => onProgress(from + loaded, file.size));
        resync = false;
        return sent.body.offset;
      }).catch(async (error: unknown) => {
        // Out of step (another tab, a lost answer): take the server's offset and go on.
        if (error instanceof ApiError && error.code === 'offset-mismatch') {
          resync = true;
          return (await send<UploadState>('GET', path, null, {})).body.offset;
        }
        throw error;
      });
      onProgress(offset, file.size);
    }
    return (await retrying(() => send<FileOut>('POST', `${path}/finish`, null, {}))).body;
  };

  const done = run().catch(async (error: unknown) => {
    // Given up (cancelled, refused, or the network stayed away): the server drops the bytes now, not at expiry.
    if (uploadId && !(error instanceof ApiError && error.code === 'unsupported-file')) {
      await request<void>('DELETE', `/files/uploads/${uploadId}`).catch(() => undefined);
    }
    throw error;
  }).finally(() => window.removeEventListener('online', onOnline));
  return {
    done,
    cancel: () => {
      cancelled = true;
      current?.abort();
      wakeRetry?.();
    },
  };
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
