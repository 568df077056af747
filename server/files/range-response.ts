import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * A file as an HTTP response with byte ranges (RFC 9110 §14): `206` with Content-Range
 * for one satisfiable range, `416` for one that is not, `200` otherwise. Progressive MP4
 * needs this for seeking (Hono's own serveStatic has no ranges).
 */
export async function fileResponse(path: string, request: Request, headers: Record<string, string>): Promise<Response> {
  const info = await stat(path);
  const size = info.size;
  const base = { ...headers, 'accept-ranges': 'bytes', 'last-modified': info.mtime.toUTCString() };
  const range = request.headers.get('range');
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers: { ...base, 'content-length': String(size) } });
  if (range) {
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    let start = match?.[1] ? Number(match[1]) : undefined;
    let end = match?.[2] ? Number(match[2]) : undefined;
    if (match && start === undefined && end !== undefined) {
      start = Math.max(0, size - end); // the last `end` bytes
      end = size - 1;
    }
    if (match && start !== undefined) {
      end = Math.min(end ?? size - 1, size - 1);
      if (start >= size || start > end) return new Response(null, { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } });
      return new Response(stream(path, start, end), { status: 206, headers: { ...base, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) } });
    }
    // Several ranges or a malformed header: the whole file, which the RFC allows.
  }
  return new Response(stream(path, 0, size - 1), { status: 200, headers: { ...base, 'content-length': String(size) } });
}

function stream(path: string, start: number, end: number): ReadableStream {
  if (end < start) return new ReadableStream({ start: (c) => c.close() });
  return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
}
