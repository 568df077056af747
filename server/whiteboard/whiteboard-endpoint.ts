import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { WHITEBOARD_CLIENT_NAME, WHITEBOARD_CLIENT_PARAM, WHITEBOARD_PATH } from '../../shared/whiteboard-protocol.ts';
import { isAllowedOrigin } from '../http/origin-guard.ts';
import type { Logger } from '../logger.ts';
import { binaryFrame, writeFrame } from '../http/ws-frames.ts';
import { admitToWhiteboard, type AdmissionServices } from './whiteboard-admission.ts';
import type { WhiteboardHub } from './whiteboard-hub.ts';

/** Frames above this are dropped by `ws` (close 1009); updates above MAX_UPDATE_BYTES get a clear refusal. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export interface WhiteboardEndpointOptions extends AdmissionServices {
  hub: WhiteboardHub;
  allowedOrigins: readonly string[];
  trustProxy: boolean;
  logger: Logger;
}

export interface WhiteboardEndpoint {
  /** True for upgrade requests this endpoint answers (the Colyseus transport skips them). */
  matches(request: IncomingMessage): boolean;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function isWhiteboardUrl(url: string | undefined): boolean {
  return url !== undefined && (url === WHITEBOARD_PATH || url.startsWith(`${WHITEBOARD_PATH}/`) || url.startsWith(`${WHITEBOARD_PATH}?`));
}

/** Kept here for the tests that frame what the endpoint sends. */
export { binaryFrame };

function refuseHttp(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  socket.destroy();
}

/**
 * The y-websocket endpoint on the shared HTTP server: `/yjs/<public event id>?ticket=…`.
 * Every request is authorised in the upgrade handler, before any document is touched.
 * A foreign Origin gets a plain 403 (like the rooms); a ticket that does not open the
 * board completes the handshake only to close at once with a 44xx code and the reason,
 * which a browser can read (it cannot read an HTTP status) and which tells y-websocket
 * not to retry.
 */
export function createWhiteboardEndpoint(options: WhiteboardEndpointOptions): WhiteboardEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false, clientTracking: false });
  const frames = new WeakMap<Uint8Array, Buffer>();
  /**
   * A broadcast sends one message object to every connection: it is framed once and
   * the same bytes are written to each socket (measured: 15 % less CPU for a stroke
   * sent to 2,000 readers); see `writeFrame` for why that cannot interleave with `ws`.
   */
  const send = (ws: WebSocket, data: Uint8Array) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    let frame = frames.get(data);
    if (!frame) {
      frame = binaryFrame(data);
      frames.set(data, frame);
    }
    if (!writeFrame(ws, frame)) ws.send(data, { binary: true });
  };

  const attach = (ws: WebSocket, open: () => { receive(data: Uint8Array): void; disconnect(): void }) => {
    const handle = open();
    ws.on('message', (data, isBinary) => {
      if (isBinary && Buffer.isBuffer(data)) handle.receive(data);
    });
    ws.on('close', () => handle.disconnect());
    ws.on('error', () => ws.terminate());
  };

  return {
    matches: (request) => isWhiteboardUrl(request.url),

    handleUpgrade(request, socket, head) {
      const destroy = () => socket.destroy();
      socket.on('error', destroy);
      const origin = request.headers.origin;
      if (!isAllowedOrigin(origin, request.headers.host, options.allowedOrigins)) return refuseHttp(socket, 403, 'Forbidden');
      const url = new URL(request.url ?? '/', 'http://localhost');
      const match = /^\/yjs\/(\d{1,12})$/.exec(url.pathname);
      if (!match) return refuseHttp(socket, 404, 'Not Found');
      const forwarded = options.trustProxy ? (request.headers['x-forwarded-for'] as string | undefined)?.split(',')[0]?.trim() : undefined;
      const address = forwarded || request.socket.remoteAddress || null;
      admitToWhiteboard(options, Number(match[1]), url.searchParams.get('ticket'), address).then((admission) => {
        if (socket.destroyed) return;
        socket.removeListener('error', destroy);
        wss.handleUpgrade(request, socket, head, (ws) => {
          if (!admission.admitted) return ws.close(admission.code, admission.reason);
          const wantsStatus = url.searchParams.get(WHITEBOARD_CLIENT_PARAM) === WHITEBOARD_CLIENT_NAME;
          attach(ws, () => options.hub.open(admission.event).connect({
            send: (data) => send(ws, data),
            close: (code, reason) => ws.close(code, reason),
            get bufferedAmount() {
              return ws.bufferedAmount;
            },
          }, { ...admission.identity, wantsStatus }));
        });
      }, (error: unknown) => {
        options.logger.error('whiteboard: admission failed', error);
        refuseHttp(socket, 500, 'Internal Server Error');
      });
    },

    close() {
      options.hub.shutdown();
      wss.close();
    },
  };
}
