import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { appendShape, type ShapeData } from '../../shared/whiteboard-model.ts';
import { WB_MESSAGE } from '../../shared/whiteboard-protocol.ts';

/**
 * A y-websocket client reduced to what a load test needs, so one process can hold
 * thousands: it speaks the real protocol on the wire, but keeps no copy of the board.
 * A writer's own Y.Doc holds only its own strokes (its updates then build only on
 * what it wrote itself, which the server has), and a reader just looks for the
 * timestamps the benchmark writes into stroke ids.
 */
export const MARKER = 'bench:';
const MARKER_BYTES = Buffer.from(MARKER);

export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** A stroke id that carries when it was drawn: `bench:<ms since epoch>:<sequence>`. */
export function markerId(seq: number): string {
  return `${MARKER}${now().toFixed(3)}:${seq}`;
}

/** Calls `found` for every marker in a message. */
export function scanMarkers(data: Buffer, found: (sentAt: number, seq: number) => void): void {
  let at = data.indexOf(MARKER_BYTES);
  while (at >= 0) {
    const start = at + MARKER_BYTES.length;
    const colon = data.indexOf(58, start);
    let end = colon + 1;
    while (end < data.length && data[end]! >= 48 && data[end]! <= 57) end++;
    found(Number(data.toString('latin1', start, colon)), Number(data.toString('latin1', colon + 1, end)));
    at = data.indexOf(MARKER_BYTES, end);
  }
}

export class LightClient {
  readonly doc = new Y.Doc();
  private ws: WebSocket | undefined;
  private awarenessClock = 0;
  messages = 0;
  bytes = 0;
  closedWith: number | undefined;

  constructor(private readonly url: string, private readonly onMessage?: (data: Buffer) => void) {
    this.doc.on('update', (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, WB_MESSAGE.sync);
      syncProtocol.writeUpdate(e, update);
      this.ws?.send(encoding.toUint8Array(e));
    });
  }

  async open(): Promise<this> {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      this.messages++;
      this.bytes += data.length;
      this.onMessage?.(data);
    });
    ws.on('close', (code) => (this.closedWith = code));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return this;
  }

  draw(page: string, data: ShapeData): void {
    appendShape(this.doc, page, data);
  }

  /** Publishes a cursor position as awareness (writers only; the server drops it from readers). */
  cursor(page: string, x: number, y: number): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.doc.clientID);
    encoding.writeVarUint(update, ++this.awarenessClock);
    encoding.writeVarString(update, JSON.stringify({ cursor: { page, x, y } }));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, WB_MESSAGE.awareness);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
    this.ws?.send(encoding.toUint8Array(e));
  }

  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  close(): void {
    this.ws?.close();
    this.doc.destroy();
  }
}

/** A pen stroke of `points` points, wandering from a random start. */
export function strokeData(id: string, points = 30): ShapeData {
  const p: number[] = [];
  let x = 100 + Math.random() * 1400;
  let y = 100 + Math.random() * 700;
  for (let i = 0; i < points; i++) {
    x = Math.max(0, Math.min(1600, x + (Math.random() - 0.5) * 30));
    y = Math.max(0, Math.min(900, y + (Math.random() - 0.5) * 30));
    p.push(Math.round(x), Math.round(y));
  }
  return { id, k: 'pen', c: '#1971c2', w: 4, p };
}

/**
 * The lightest reader: a raw TCP socket that performs the WebSocket handshake and then
 * only scans the bytes that arrive for stroke markers (server frames are not masked,
 * so the marker text is in the stream as sent). Two thousand of these cost the
 * benchmark process little, so the latency measured is the server's, not the time this
 * one process needs to parse two thousand clients' frames.
 */
export class RawReader {
  private socket: Socket | undefined;
  private tail = Buffer.alloc(0);
  closed = false;

  constructor(private readonly url: string, private readonly found: (sentAt: number, seq: number) => void) {}

  async open(): Promise<this> {
    const url = new URL(this.url);
    const socket = connect(Number(url.port), url.hostname);
    this.socket = socket;
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      let header = '';
      const onData = (chunk: Buffer) => {
        header += chunk.toString('latin1');
        const end = header.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        if (!header.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${header.split('\r\n')[0]}`));
        socket.on('data', (data: Buffer) => this.scan(data));
        const rest = Buffer.from(header.slice(end + 4), 'latin1');
        if (rest.length > 0) this.scan(rest);
        resolve();
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.once('close', () => (this.closed = true));
      socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    return this;
  }

  /**
   * Reads the markers that are complete in what has arrived, and keeps the rest (a
   * marker cut between two TCP chunks, or the start of one) for the next chunk.
   */
  private scan(data: Buffer): void {
    const buf = this.tail.length > 0 ? Buffer.concat([this.tail, data]) : data;
    let keepFrom = Math.max(0, buf.length - (MARKER_BYTES.length - 1));
    let at = buf.indexOf(MARKER_BYTES);
    while (at >= 0) {
      const start = at + MARKER_BYTES.length;
      const colon = buf.indexOf(58, start);
      let end = colon + 1;
      while (colon >= 0 && end < buf.length && buf[end]! >= 48 && buf[end]! <= 57) end++;
      if (colon < 0 || end >= buf.length) {
        keepFrom = at;
        break;
      }
      this.found(Number(buf.toString('latin1', start, colon)), Number(buf.toString('latin1', colon + 1, end)));
      at = buf.indexOf(MARKER_BYTES, end);
    }
    this.tail = Buffer.from(buf.subarray(keepFrom));
  }

  close(): void {
    this.socket?.destroy();
  }
}
