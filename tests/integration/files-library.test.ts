import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { makePdf, makePng, makeVideo } from '../support/file-fixtures.ts';
import { settled, upload, uploadReady } from '../support/files-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ api } = await newOrganizer(server.url));
});
afterAll(async () => server?.cleanup());

describe('file library (POST-3)', () => {
  it('a PDF becomes one picture per page with thumbnails, and is listed, renamed, downloaded and deleted', async () => {
    const pdf = makePdf(3);
    const file = await uploadReady(api, 'Quarterly deck.PDF', pdf);
    expect(file).toMatchObject({ kind: 'pdf', mime: 'application/pdf', pages: 3, sizeBytes: pdf.length, pageErrors: [], progress: 100 });
    const list = await api.ok<any>('GET', '/files');
    expect(list.files.map((f: any) => f.id)).toContain(file.id);
    expect(list.storage).toMatchObject({ usedBytes: pdf.length, quotaBytes: 64 * 1024 * 1024, canUpload: true });

    const page = await fetch(`${server.url}/api/v1/files/${file.id}/pages/2`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await page.arrayBuffer());
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await fetch(`${server.url}/api/v1/files/${file.id}/thumbnail`, { headers: { authorization: `Bearer ${api.apiKey}` } })).status).toBe(200);
    expect((await api.request('GET', `/files/${file.id}/pages/4`)).status).toBe(404);

    const renamed = await api.ok<any>('PATCH', `/files/${file.id}`, { name: 'Q3 – Zażółć.pdf' });
    expect(renamed.name).toBe('Q3 – Zażółć.pdf');
    const download = await fetch(`${server.url}/api/v1/files/${file.id}/download`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''Q3%20%E2%80%93%20Za%C5%BC%C3%B3%C5%82%C4%87.pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    expect((await api.request('DELETE', `/files/${file.id}`)).status).toBe(204);
    expect((await api.request('GET', `/files/${file.id}`)).status).toBe(404);
    expect(readdirSync(join(server.dataDir, 'files')).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('an H.264/AAC video is remuxed with faststart and served with byte ranges (206) behind a signed link', async () => {
    const file = await uploadReady(api, 'clip.mp4', makeVideo(2));
    expect(file.kind).toBe('video');
    expect(file.durationMs).toBeGreaterThan(1900);
    const { base } = await api.ok<any>('GET', `/files/${file.id}/link`);
    const url = `${server.url}/api/v1${base}/media`;
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    // moov before mdat: playback and seeking start without the whole file.
    expect(whole.indexOf('moov')).toBeLessThan(whole.indexOf('mdat'));
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 200))).toBe(true);
    const tail = await fetch(url, { headers: { range: 'bytes=-50' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(whole.length - 50))).toBe(true);
    expect((await fetch(url, { headers: { range: `bytes=${whole.length}-` } })).status).toBe(416);
    // Another file's id under this signature, or a changed expiry, is refused.
    const forged = url.replace(/\/media\/[^/]+\/(\d+)\//, (_m, exp) => `/media/${file.id}/${Number(exp) + 1000}/`);
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/files/${file.id}/download`)).status).toBe(401);
  });

  it('a video that is not H.264 is transcoded to H.264/AAC', async () => {
    const file = await uploadReady(api, 'old.mp4', makeVideo(1, { codec: 'mpeg4' }));
    const { base } = await api.ok<any>('GET', `/files/${file.id}/link`);
    const bytes = Buffer.from(await (await fetch(`${server.url}/api/v1${base}/media`)).arrayBuffer());
    expect(bytes.includes(Buffer.from('avc1'))).toBe(true);
  });

  it('a PNG is re-encoded: whatever was appended to it is gone', async () => {
    const png = Buffer.concat([makePng(), Buffer.from('<script>alert(1)</script> hidden payload')]);
    const file = await uploadReady(api, 'logo.png', png);
    expect(file).toMatchObject({ kind: 'image', pages: 1, width: 64, height: 48 });
    const download = Buffer.from(await (await fetch(`${server.url}/api/v1/files/${file.id}/download`, { headers: { authorization: `Bearer ${api.apiKey}` } })).arrayBuffer());
    expect(download.includes(Buffer.from('hidden payload'))).toBe(false);
  });

  it('an office document becomes pages through LibreOffice (sandboxed)', async () => {
    const file = await uploadReady(api, 'notes.txt', Buffer.from('Agenda\n\n1. Welcome\n2. Product news\n3. Questions\n'));
    expect(file).toMatchObject({ kind: 'document', pages: 1 });
  }, 150_000);

  it('a failed conversion says why, naming the file', async () => {
    const created = await upload(api, 'broken.pdf', Buffer.from('%PDF-1.4\nthis is not really a pdf\n'));
    expect(created.status).toBe(201);
    const file = await settled(api, created.body.id);
    expect(file.status).toBe('failed');
    expect(file.error).toContain('"broken.pdf"');
  });
});
