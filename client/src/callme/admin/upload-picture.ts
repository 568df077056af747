import { ApiError } from '../../api/http.ts';

/** Sends a picture as the raw request body (the server sniffs and scales it); returns the answer or throws an ApiError. */
export async function uploadPicture<T>(path: string, file: File): Promise<T> {
  const response = await fetch(`/api/v1${path}`, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json' }, body: file });
  const body = (await response.json().catch(() => undefined)) as { code?: string; title?: string; errors?: { field: string; message: string }[] } | undefined;
  if (!response.ok) throw new ApiError(response.status, body?.code ?? 'unknown', body?.title ?? response.statusText, body?.errors ?? []);
  return body as T;
}
