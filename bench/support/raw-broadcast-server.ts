import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pack, unpack } from 'msgpackr';
import { WebSocketServer, type WebSocket } from 'ws';
import { notify, serveRequests } from './ipc.ts';
import { sampleProcess } from './process-stats.ts';

/**
 * The baseline: the least a chat fan-out can do in Node with the same `ws` library the
 * product uses. Each incoming line becomes a chat line of the same shape the live room
 * sends (id, author, role, text, time), encoded once with msgpack like Colyseus does,
 * and written to every socket. No validation, no storage, no room logic.
 */
const sockets = new Set<WebSocket>();
const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 16 * 1024 });

wss.on('connection', (ws) => {
  const participantId = randomUUID().replaceAll('-', '').slice(0, 21);
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.on('error', () => sockets.delete(ws));
  ws.on('message', (data: Buffer) => {
    const message = unpack(data) as { type?: string; payload?: { text?: unknown } };
    if (message.type !== 'chat' || typeof message.payload?.text !== 'string') return;
    const line = { id: randomUUID().replaceAll('-', '').slice(0, 21), participantId, name: 'Attendee', role: 'attendee', text: message.payload.text.trim(), sentAt: new Date().toISOString() };
    const frame = pack({ type: 'chat', payload: line });
    for (const socket of sockets) socket.send(frame);
  });
});

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;

serveRequests(
  {
    info: () => ({ url, sockets: sockets.size }),
    sample: (payload: { collect?: boolean }) => sampleProcess(payload.collect),
  },
  async () => {
    for (const socket of sockets) socket.terminate();
    wss.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  },
);
notify('ready', { url });
