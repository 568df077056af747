import type { RecordingListOut, RecordingOut, RecordingSendOut, RecordingSendsOut, ShareOut, TrimBody } from '../../../shared/recording-schemas.ts';
import { request } from '../api/http.ts';

/** The recordings library's REST calls (server/api/recordings.ts). */
export const recordingsApi = {
  list: () => request<RecordingListOut>('GET', '/recordings'),
  settings: () => request<{ autostart: boolean }>('GET', '/recordings/settings'),
  saveSettings: (autostart: boolean) => request<{ autostart: boolean }>('PUT', '/recordings/settings', { autostart }),
  trim: (id: string, body: TrimBody) => request<RecordingOut>('PUT', `/recordings/${id}/trim`, body),
  remove: (id: string) => request<void>('DELETE', `/recordings/${id}`),
  shares: (id: string) => request<ShareOut[]>('GET', `/recordings/${id}/shares`),
  share: (id: string) => request<ShareOut>('POST', `/recordings/${id}/shares`),
  send: (id: string) => request<RecordingSendOut>('POST', `/recordings/${id}/send`),
  sends: (id: string) => request<RecordingSendsOut>('GET', `/recordings/${id}/sends`),
  revoke: (id: string, shareId: string) => request<void>('DELETE', `/recordings/${id}/shares/${shareId}`),
  shared: (token: string) => request<{ eventName: string; durationMs: number | null; startedAt: string; videoUrl: string }>('GET', `/shared-recordings/${token}`),
};

/** 75 000 → "1:15". */
export function clock(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function megabytes(bytes: number | null): string {
  return bytes === null ? '–' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
