import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { appendShape, newShapeId, readPage, FIRST_PAGE_ID, type ShapeData } from '../../shared/whiteboard-model.ts';
import { WB_MESSAGE, WHITEBOARD_CLIENT_NAME, WHITEBOARD_CLIENT_PARAM, parseRefusal, type WhiteboardStatus } from '../../shared/whiteboard-protocol.ts';
import { eventually } from './room-client.ts';

/**
 * A whiteboard participant through the real y-websocket client (as in the browser),
 * recording the server's refusals, our status messages and how the socket closed.
 */
export class BoardClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly refusals: { code: string; message: string }[] = [];
  readonly statuses: Extract<WhiteboardStatus, { type: 'status' }>[] = [];
  tickets: string[] = [];
  closed: { code: number; reason: string } | undefined;

  constructor(baseUrl: string, eventId: number, ticket: string, options: { publish?: boolean; status?: boolean } = {}) {
    const params: Record<string, string> = { ticket };
    if (options.status !== false) params[WHITEBOARD_CLIENT_PARAM] = WHITEBOARD_CLIENT_NAME;
    this.provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/yjs`, String(eventId), this.doc, {
      connect: false,
      params,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // Same-process clients would otherwise talk over BroadcastChannel, around the server.
      disableBc: true,
    });
    // Readers publish no presence (as the browser client does for them).
    if (!options.publish) this.provider.awareness.setLocalState(null);
    this.provider.messageHandlers[WB_MESSAGE.auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.refusals.push(parseRefusal(reason)));
    };
    this.provider.messageHandlers[WB_MESSAGE.status] = (_encoder, decoder) => {
      const status = JSON.parse(decoding.readVarString(decoder)) as WhiteboardStatus;
      if (status.type === 'status') this.statuses.push(status);
      else this.tickets.push(status.ticket);
    };
    this.provider.on('closed', (event) => (this.closed = event));
    this.provider.connect();
  }

  static async connect(baseUrl: string, eventId: number, ticket: string, options: { publish?: boolean; status?: boolean } = {}): Promise<BoardClient> {
    const client = new BoardClient(baseUrl, eventId, ticket, options);
    await eventually(() => client.provider.synced || client.closed, 15_000, 'the board to sync');
    return client;
  }

  get lastStatus() {
    return this.statuses.at(-1);
  }

  /** Draws a pen stroke on the first page and returns its id. */
  draw(overrides: Partial<ShapeData> = {}, page = FIRST_PAGE_ID): string {
    const id = overrides.id ?? newShapeId();
    appendShape(this.doc, page, { id, k: 'pen', c: '#1971c2', w: 4, p: [10, 10, 50, 60, 90, 40], ...overrides }, 'local');
    return id;
  }

  shapeIds(page = FIRST_PAGE_ID): string[] {
    return readPage(this.doc, page).map((s) => s.data.id);
  }

  async nextRefusal(before = this.refusals.length) {
    return eventually(() => this.refusals[before], 10_000, 'a refusal');
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** Sends raw bytes as one y-websocket sync "update" message on a socket of its own. */
export async function sendRawUpdate(baseUrl: string, eventId: number, ticket: string, update: Uint8Array): Promise<string> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/${eventId}?ticket=${encodeURIComponent(ticket)}`);
  ws.binaryType = 'nodebuffer';
  const reason = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no refusal')), 10_000);
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== WB_MESSAGE.auth) return;
      decoding.readVarUint(decoder);
      clearTimeout(timer);
      resolve(decoding.readVarString(decoder));
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, WB_MESSAGE.sync);
  syncProtocol.writeUpdate(message, update);
  ws.send(encoding.toUint8Array(message));
  try {
    return await reason;
  } finally {
    ws.close();
  }
}
