import { request as httpRequest } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { ffmpegFixture, makeHugePagePdf, makePixelBombPng, makeVideo } from '../support/file-fixtures.ts';
import { settled, upload } from '../support/files-client.ts';
import { startTestServer } from '../support/test-server.ts';

const MB = 1024 * 1024;
let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ api } = await newOrganizer(server.url));
});
afterAll(async () => server?.cleanup());

/** A PDF header and filler: accepted on upload, its conversion fails at once (the quota is what is tested). */
const filler = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 0x20)]);

async function failedWith(name: string, bytes: Buffer): Promise<string> {
  const created = await upload(api, name, bytes);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const file = await settled(api, created.body.id);
  expect(file.status).toBe('failed');
  return file.error!;
}

function rawUpload(headers: Record<string, string>, send: (req: ReturnType<typeof httpRequest>) => void): Promise<{ status: number; body: string } | 'closed'> {
  return new Promise((resolve) => {
    const url = new URL(`${server.url}/api/v1/files?name=cut.mp4`);
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { authorization: `Bearer ${api.apiKey}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', () => resolve('closed'));
    send(req);
  });
}

const uploadingRows = () => (server.database.sqlite.prepare("select count(*) as n from files where status = 'uploading'").get() as { n: number }).n;

/** Resolves once the server has begun storing an upload (its row exists), so a cut afterwards lands mid-file. */
async function serverHasBegunStoring(): Promise<void> {
  while (uploadingRows() === 0) await new Promise((r) => setTimeout(r, 20));
}

/** Cleanup follows the socket's close event on the server; the deadline is for a machine that is very busy. */
async function nothingLeftBehind(): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const rows = (await api.ok<any>('GET', '/files')).files;
    const incoming = readdirSync(join(server.dataDir, 'files', '.incoming'));
    const uploading = uploadingRows();
    if (incoming.length === 0 && uploading === 0) return void expect(rows.every((f: any) => f.name !== 'cut.mp4')).toBe(true);
    if (Date.now() > until) throw new Error(`left behind: ${incoming.join(', ')} / ${uploading} uploading rows`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('bad input to the file library is refused, naming the file, and nothing half-written stays', () => {
  it('odd names: path traversal, NUL, a leading dot, very long; mixed case is fine', async () => {
    for (const [name, field] of [['../../etc/passwd.pdf', 'name'], ['a\u0000b.pdf', 'name'], ['.htaccess', 'name'], [`${'x'.repeat(300)}.pdf`, 'name'], ['', 'name']] as const) {
      const res = await upload(api, name, Buffer.from('%PDF-1.4\n'));
      expect(res.status, name).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
    expect((await upload(api, 'MiXeD.PdF', Buffer.from('%PDF-1.4\nx'))).status).toBe(201);
    expect((await api.request('PATCH', '/files/abcdefghijkl', { name: '../x' })).status).toBe(400);
  });

  it('content that does not match the name, SVG, Keynote and unknown types', async () => {
    const mismatch = await upload(api, 'slides.pdf', makePixelBombPng());
    expect(mismatch.status).toBe(415);
    expect(mismatch.body.detail).toMatch(/"slides\.pdf" is named \.pdf but its content is a PNG image/);
    const svg = await upload(api, 'logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.status).toBe(415);
    expect(svg.body.detail).toContain('SVG');
    const key = await upload(api, 'Talk.key', Buffer.from('PK\u0003\u0004 not really'));
    expect(key.body.detail).toMatch(/export it to PDF first/);
    const exe = await upload(api, 'tool.exe', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]));
    expect(exe.status).toBe(415);
    expect(exe.body.detail).toContain('"tool.exe"');
  });

  it('an upload without a length, one over 500 MB, and one cut off halfway', async () => {
    const chunked = await rawUpload({ 'transfer-encoding': 'chunked' }, (req) => req.end('abc'));
    expect(chunked !== 'closed' && chunked.status).toBe(411);
    const huge = await rawUpload({ 'content-length': String(501 * MB) }, (req) => req.write(Buffer.alloc(1024)));
    expect(huge !== 'closed' && huge.status).toBe(413);
    expect(huge !== 'closed' && huge.body).toContain('\\"cut.mp4\\" has 501.0 MB');
    const cut = await rawUpload({ 'content-length': String(2 * MB) }, (req) => {
      req.write(Buffer.alloc(300 * 1024, 1), () => void serverHasBegunStoring().then(() => req.destroy()));
    });
    expect(cut).toBe('closed');
    await nothingLeftBehind();
    expect((await api.request('GET', '/health')).status).toBe(200);
  });

  it('a 100,000-page PDF, a pixel bomb, a broken container and a 10-hour video are refused with a reason', async () => {
    expect(await failedWith('many.pdf', makeHugePagePdf())).toMatch(/"many\.pdf" has 100,000 pages; at most 200/);
    expect(await failedWith('bomb.png', makePixelBombPng())).toMatch(/"bomb\.png" is 100000 × 100000 pixels/);
    const video = makeVideo(2);
    expect(await failedWith('broken.mp4', video.subarray(0, Math.floor(video.length / 2)))).toMatch(/"broken\.mp4" could not be read/);
    const long = ffmpegFixture('mp4', ['-f', 'lavfi', '-i', 'color=c=blue:size=16x16:rate=1/60:duration=36000', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
    expect(await failedWith('long.mp4', long)).toMatch(/"long\.mp4" lasts 10 h 0 min; at most 4 h/);
  });

  it('quota: two uploads racing at the limit get one yes and one "storage full"; with 1 MB free one more may go past it', async () => {
    const { api: other } = await newOrganizer(server.url, 'Quota Quinn');
    const first = await upload(other, 'a.pdf', filler(40 * MB));
    expect(first.status).toBe(201);
    const race = await Promise.all([upload(other, 'b.pdf', filler(23.5 * MB)), upload(other, 'c.pdf', filler(23.5 * MB))]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = race.find((r) => r.status === 409)!;
    expect(refused.body.title).toMatch(/storage is full .* so "[bc]\.pdf" was not uploaded/);
    // 63.5 of 64 MB used: less than 1 MB free, so even a tiny file is refused.
    expect((await upload(other, 'tiny.pdf', filler(10_000))).status).toBe(409);
    const winner = race.find((r) => r.status === 201)!;
    expect((await other.request('DELETE', `/files/${winner.body.id}`)).status).toBe(204);
    // 23.5 MB free (≥ 1 MB): a 30 MB file may exceed the quota …
    expect((await upload(other, 'big.pdf', filler(30 * MB))).status).toBe(201);
    const { storage } = await other.ok<any>('GET', '/files');
    expect(storage.usedBytes).toBeGreaterThan(storage.quotaBytes);
    expect(storage.canUpload).toBe(false);
    // … and after it nothing more goes in.
    expect((await upload(other, 'more.pdf', filler(10_000))).status).toBe(409);
  });
});
