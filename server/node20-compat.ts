import { WebSocket as NodeWebSocket } from 'ws';

/**
 * @colyseus/core 0.18 targets Node 22 and reads the global `WebSocket` (only its
 * `OPEN` constant) when a client reconnects with its token. Node 20 has no such global,
 * so reconnection threw "WebSocket is not defined". Provide the `ws` class under that
 * name when it is missing; on Node 22 this does nothing.
 */
export function ensureWebSocketGlobal(): void {
  const global = globalThis as { WebSocket?: unknown };
  if (global.WebSocket === undefined) global.WebSocket = NodeWebSocket;
}
