import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { makePixelBombPng } from '../support/file-fixtures.ts';
import { createUpload, putPiece } from '../support/files-client.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * Resumable uploads (POST-3): create with the whole size (quota reserved at once), PUT
 * pieces with Content-Range, resume from the byte the server reached after a cut, finish
 * (the content is sniffed then); bad ranges are refused with a reason; an abandoned
 * upload expires with its bytes and its reservation; a restart keeps one going.
 */

const MB = 1024 * 1024;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Bytes that sniff as a PDF (the conversion is not what is tested here), different every run. */
const pdfLike = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 9)]);

let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ApiClient;

beforeAll(async () => {
  // Idle uploads expire after 2 s here, so the test of abandoned uploads waits for seconds, not a day.
  server = await startTestServer({ env: { FILES_UPLOAD_IDLE_SECONDS: '2' } });
  ({ api } = await newOrganizer(server.url));
});
afterAll(async () => server?.cleanup());

const incoming = () => readdirSync(join(server.dataDir, 'files', '.incoming'));
const usedBytes = async (client: ApiClient) => (await client.ok<any>('GET', '/files')).storage.usedBytes as number;

/** Sends `bytes` as a PUT whose connection is cut once `keep` bytes are written. */
function cutPiece(uploadId: string, bytes: Buffer, first: number, size: number, keep: number): Promise<'closed' | number> {
  return new Promise((resolve) => {
    const url = new URL(`${server.url}/api/v1/files/uploads/${uploadId}`);
    const req = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname, method: 'PUT',
      headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), 'content-range': `bytes ${first}-${first + bytes.length - 1}/${size}` },
    }, (res) => resolve(res.statusCode!));
    req.on('error', () => resolve('closed'));
    req.write(bytes.subarray(0, keep), () => setTimeout(() => req.destroy(), 100));
  });
}

/** A PUT after a cut may meet the cut piece still being wound up (409 upload-busy): it asks again until a deadline. */
async function putWhenFree(uploadId: string, bytes: Uint8Array, first: number, size: number) {
  return eventually(async () => {
    const res = await putPiece(api, uploadId, bytes, first, size);
    return res.body?.code === 'upload-busy' ? undefined : res;
  }, 15_000, 'the upload free for the next piece');
}

describe('resumable uploads', () => {
  it('an upload cut off halfway resumes from the byte the server reached, and the file is whole', async () => {
    const size = 3 * MB + 12_345;
    const file = pdfLike(size);
    const created = await createUpload(api, 'Keynote Export.pdf', size);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Keynote Export.pdf', sizeBytes: size, offset: 0 });
    expect(created.headers.get('location')).toBe(`/api/v1/files/uploads/${created.body.id}`);
    const id = created.body.id as string;
    // The whole size is reserved at once: the quota sees it before a byte arrives.
    expect(await usedBytes(api)).toBe(size);
    // Not in the library until it is finished.
    expect((await api.ok<any>('GET', '/files')).files.map((f: any) => f.id)).not.toContain(id);

    expect((await putPiece(api, id, file.subarray(0, MB), 0, size)).body.offset).toBe(MB);
    // The rest in one piece, cut after 700 KB.
    expect(await cutPiece(id, file.subarray(MB), MB, size, 700 * 1024)).toBe('closed');
    // A piece that does not start where the server is gets the offset to start from; it is
    // answered once the cut piece is wound up, so the offset read after it is final.
    await eventually(async () => (await api.ok<any>('GET', `/files/uploads/${id}`)).offset > MB || undefined, 15_000, 'the bytes of the cut piece on the server');
    const behind = await putWhenFree(id, file.subarray(0, 10), 0, size);
    const reached = (await api.ok<any>('GET', `/files/uploads/${id}`)).offset as number;
    expect(reached).toBeGreaterThan(MB);
    expect(reached).toBeLessThan(size);
    expect(behind.status).toBe(409);
    expect(behind.body.code).toBe('offset-mismatch');
    expect(behind.body.title).toContain(`holds ${reached} bytes`);
    // Finishing early is refused: not all bytes are in.
    const early = await api.request('POST', `/files/uploads/${id}/finish`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('upload-incomplete');

    const rest = await putWhenFree(id, file.subarray(reached), reached, size);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body.offset).toBe(size);
    const finished = await api.request('POST', `/files/uploads/${id}/finish`);
    expect(finished.status, JSON.stringify(finished.body)).toBe(201);
    expect(finished.body).toMatchObject({ id, name: 'Keynote Export.pdf', kind: 'pdf', sizeBytes: size });
    // Finishing again (a lost answer) gives the same file.
    const again = await api.request('POST', `/files/uploads/${id}/finish`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);

    const download = await fetch(`${server.url}/api/v1/files/${id}/download`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(file));
    expect(incoming()).toEqual([]);
    expect((await api.request('GET', `/files/uploads/${id}`)).status).toBe(404);
    expect((await api.request('DELETE', `/files/${id}`)).status).toBe(204);
  }, 120_000);

  it('bad ranges, lengths and sizes are refused with a reason; another account cannot see the upload', async () => {
    const size = 2000;
    const created = await createUpload(api, 'notes.pdf', size);
    const id = created.body.id as string;
    const piece = pdfLike(1000);
    const refusals: [string | undefined, string][] = [
      ['', 'bad-range'],
      ['bytes=0-999', 'bad-range'],
      ['bytes 0-999/3000', 'bad-range'],
      ['bytes 500-100/2000', 'bad-range'],
      ['bytes 1500-2499/2000', 'bad-range'],
      ['bytes 0-499/2000', 'length-mismatch'],
    ];
    for (const [range, code] of refusals) {
      const res = await putPiece(api, id, piece, 0, size, range);
      expect(res.status, range).toBe(400);
      expect(res.body.code, range).toBe(code);
    }
    expect((await putPiece(api, id, piece, 0, size, 'bytes 0-999/3000')).body.title).toContain('not the size the upload was created with');
    const ahead = await putPiece(api, id, piece, 1000, size);
    expect(ahead.status).toBe(409);
    expect(ahead.body.code).toBe('offset-mismatch');
    expect((await api.ok<any>('GET', `/files/uploads/${id}`)).offset).toBe(0);

    const { api: stranger } = await newOrganizer(server.url, 'Someone Else');
    expect((await stranger.request('GET', `/files/uploads/${id}`)).status).toBe(404);
    expect((await putPiece(stranger, id, piece, 0, size)).status).toBe(404);
    expect((await stranger.request('DELETE', `/files/uploads/${id}`)).status).toBe(404);

    const huge = await createUpload(api, 'huge.mp4', 501 * MB);
    expect(huge.status).toBe(413);
    expect(huge.body.title).toContain('"huge.mp4" has 501.0 MB');
    expect((await createUpload(api, 'empty.pdf', 0)).status).toBe(400);
    expect((await createUpload(api, '../x.pdf', 10)).body.errors[0].field).toBe('name');

    // Abandoned by its uploader: the bytes and the reservation go at once.
    expect((await putPiece(api, id, piece, 0, size)).body.offset).toBe(1000);
    expect((await api.request('DELETE', `/files/uploads/${id}`)).status).toBe(204);
    expect((await api.request('GET', `/files/uploads/${id}`)).status).toBe(404);
    expect(incoming()).not.toContain(id);
  }, 60_000);

  it('the content is sniffed at the finish: a PNG named .pdf is refused, naming the file, and nothing stays', async () => {
    const png = makePixelBombPng();
    const created = await createUpload(api, 'slides.pdf', png.length);
    const id = created.body.id as string;
    expect((await putPiece(api, id, png, 0, png.length)).body.offset).toBe(png.length);
    const finished = await api.request('POST', `/files/uploads/${id}/finish`);
    expect(finished.status).toBe(415);
    expect(finished.body.detail ?? finished.body.title).toMatch(/"slides\.pdf" is named \.pdf but its content is a PNG image/);
    expect(incoming()).not.toContain(id);
    expect((await api.request('GET', `/files/uploads/${id}`)).status).toBe(404);
  });

  it('quota: the reservation is made at the start, so a second upload at the limit is refused before any byte is sent', async () => {
    const { api: quinn } = await newOrganizer(server.url, 'Quota Quinn');
    const first = await createUpload(quinn, 'a.mp4', 40 * MB);
    expect(first.status).toBe(201);
    // 24 MB free: one of two 23.5 MB uploads may start; the other sees its reservation.
    const race = await Promise.all([createUpload(quinn, 'b.mp4', 23.5 * MB), createUpload(quinn, 'c.mp4', 23.5 * MB)]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(race.find((r) => r.status === 409)!.body.title).toMatch(/storage is full .* so "[bc]\.mp4" was not uploaded/);
    const winner = race.find((r) => r.status === 201)!.body.id as string;
    // With 0.5 MB free (less than 1 MB), nothing more starts, not even a small file.
    expect((await createUpload(quinn, 'tiny.pdf', 10_000)).status).toBe(409);
    for (const id of [first.body.id, winner]) expect((await quinn.request('DELETE', `/files/uploads/${id}`)).status).toBe(204);
    expect(await usedBytes(quinn)).toBe(0);
  });

  it('an abandoned upload expires: its bytes are removed and its reserved quota is free again', async () => {
    const { api: ann } = await newOrganizer(server.url, 'Abandoning Ann');
    const created = await createUpload(ann, 'forgotten.pdf', 5000);
    const id = created.body.id as string;
    expect((await putPiece(ann, id, pdfLike(2000), 0, 5000)).body.offset).toBe(2000);
    expect(incoming()).toContain(id);
    expect(await usedBytes(ann)).toBe(5000);
    await eventually(async () => (await ann.request('GET', `/files/uploads/${id}`)).status === 404, 20_000, 'the idle upload dropped');
    expect(incoming()).not.toContain(id);
    expect(await usedBytes(ann)).toBe(0);
    const late = await putPiece(ann, id, pdfLike(3000), 2000, 5000);
    expect(late.status).toBe(404);
  }, 60_000);
});

describe('a resumable upload across a restart', () => {
  it('keeps its bytes and its offset, and finishes after the restart', async () => {
    const first = await startTestServer();
    const { api: ray } = await newOrganizer(first.url, 'Restart Ray');
    const file = pdfLike(100_000);
    const id = (await createUpload(ray, 'big deck.pdf', file.length)).body.id as string;
    expect((await putPiece(ray, id, file.subarray(0, 60_000), 0, file.length)).body.offset).toBe(60_000);
    await first.stop();
    // On a new port: the client's kept-alive connections to the old one are dead.
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const after = new (ray.constructor as typeof ApiClient)(second.url, ray.apiKey);
      expect((await after.ok<any>('GET', `/files/uploads/${id}`)).offset).toBe(60_000);
      expect((await putPiece(after, id, file.subarray(60_000), 60_000, file.length)).body.offset).toBe(file.length);
      expect((await after.request('POST', `/files/uploads/${id}/finish`)).status).toBe(201);
      const download = await fetch(`${second.url}/api/v1/files/${id}/download`, { headers: { authorization: `Bearer ${ray.apiKey}` } });
      expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(file));
    } finally {
      await second.cleanup();
    }
  }, 120_000);
});
