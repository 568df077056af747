import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';

/**
 * WebSocket frames built once and written to many sockets. A broadcast to thousands of
 * connections through `ws.send` frames the same bytes again for every socket (a header
 * allocated, the socket corked, two buffers handed to `writev`); the measured top cost
 * of a chat line to 5,000 attendees was exactly that. Built here once, the same buffer
 * goes to each socket with one plain `write`, and several messages of one loop turn go
 * as one write holding several frames (every WebSocket client reads them as separate
 * messages: nothing changes for the SDK or the browser).
 */

/** A final, unmasked binary frame (RFC 6455 §5.2): what a server sends, the same bytes for every client. */
export function binaryFrame(data: Uint8Array): Buffer {
  return binaryFrames([data]);
}

/** Several final binary frames back to back in one buffer, for one write. */
export function binaryFrames(messages: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const m of messages) total += headerLength(m.byteLength) + m.byteLength;
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const m of messages) {
    const length = m.byteLength;
    out[offset] = 0x82;
    if (length < 126) {
      out[offset + 1] = length;
    } else if (length < 65_536) {
      out[offset + 1] = 126;
      out.writeUInt16BE(length, offset + 2);
    } else {
      out[offset + 1] = 127;
      out.writeBigUInt64BE(BigInt(length), offset + 2);
    }
    offset += headerLength(length);
    out.set(m, offset);
    offset += length;
  }
  return out;
}

function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** The fields of a `ws` WebSocket this relies on (its own, stable since ws 1.x). */
interface WsInternals {
  _socket?: Duplex;
  _sender?: { _state?: number; _queue?: unknown[] };
}

/**
 * Writes a frame built by `binaryFrame(s)` straight to the TCP socket of an open `ws`
 * WebSocket. Without compression `ws` writes its own frames to the socket at once, in
 * call order, so frames written here and by `ws.send` cannot interleave; when `ws` has
 * something of its own waiting (its sender busy or queued) or the fields are not there,
 * this gives false and the caller sends through `ws` instead.
 */
export function writeFrame(ws: WebSocket, frame: Buffer): boolean {
  if (ws.readyState !== WebSocket.OPEN) return false;
  const { _socket: socket, _sender: sender } = ws as unknown as WsInternals;
  if (!socket || socket.destroyed || !sender || sender._state !== 0 || (sender._queue?.length ?? 0) > 0) return false;
  socket.write(frame);
  return true;
}
