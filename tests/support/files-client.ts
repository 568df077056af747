import type { FileOut } from '../../shared/file-schemas.ts';
import type { Page } from 'playwright-core';
import type { ApiClient } from './api-client.ts';
import { eventually } from './room-client.ts';

/** Uploads bytes the way the dashboard does (raw body, name in the query). */
export async function upload(api: ApiClient, name: string, bytes: Uint8Array): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.baseUrl}/api/v1/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/octet-stream' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Waits until the conversion has finished one way or the other (with a deadline). */
export async function settled(api: ApiClient, fileId: string, deadlineMs = 90_000): Promise<FileOut> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const file = await api.ok<FileOut>('GET', `/files/${fileId}`);
    if (file.status === 'ready' || file.status === 'failed') return file;
    if (Date.now() > until) throw new Error(`file ${fileId} still ${file.status} (${file.progress} %) after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function uploadReady(api: ApiClient, name: string, bytes: Uint8Array): Promise<FileOut> {
  const created = await upload(api, name, bytes);
  if (created.status !== 201) throw new Error(`upload of ${name} → ${created.status} ${JSON.stringify(created.body)}`);
  const file = await settled(api, created.body.id);
  if (file.status !== 'ready') throw new Error(`conversion of ${name} failed: ${file.error}`);
  return file;
}

/** A resumable upload's REST calls (server/files/resumable-uploads.ts), as a client sends them. */
export async function createUpload(api: ApiClient, name: string, sizeBytes: number): Promise<{ status: number; body: any; headers: Headers }> {
  return api.request('POST', '/files/uploads', { name, sizeBytes });
}

/** PUT one piece: `bytes` at `first` of a file of `size` bytes (`range` overrides the Content-Range header). */
export async function putPiece(api: ApiClient, uploadId: string, bytes: Uint8Array, first: number, size: number, range?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.baseUrl}/api/v1/files/uploads/${uploadId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/octet-stream', 'content-range': range ?? `bytes ${first}-${first + bytes.length - 1}/${size}` },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * Uploads `bytes` as the page's signed-in organizer (its cookies) and waits, with a
 * deadline, until the conversion is ready; a failed conversion fails at once with its reason.
 */
export async function uploadReadyInBrowser(page: Page, url: string, name: string, bytes: Uint8Array, deadlineMs = 120_000): Promise<FileOut> {
  const created = await page.request.post(`${url}/api/v1/files?name=${encodeURIComponent(name)}`, { data: Buffer.from(bytes), headers: { 'content-type': 'application/octet-stream' } });
  if (created.status() !== 201) throw new Error(`upload of ${name} → ${created.status()} ${await created.text()}`);
  const id = ((await created.json()) as FileOut).id;
  return eventually(async () => {
    const file = (await (await page.request.get(`${url}/api/v1/files/${id}`)).json()) as FileOut;
    if (file.status === 'failed') throw new Error(`conversion of ${name} failed: ${file.error}`);
    return file.status === 'ready' ? file : undefined;
  }, deadlineMs, `${name} converted`);
}
