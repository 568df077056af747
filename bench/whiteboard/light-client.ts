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
