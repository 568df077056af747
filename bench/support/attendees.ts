import { request, type Agent } from 'node:http';
import { Client, type Room } from '@colyseus/sdk';
import { pack } from 'msgpackr';
import type WebSocket from 'ws';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { SERVER_MESSAGES } from '../../shared/room-messages.ts';
import { LightSocket } from './light-socket.ts';
import { clockMs } from './process-stats.ts';

/**
 * One simulated attendee, either a real `@colyseus/sdk` client in the live room (the
 * product) or a bare `ws` client of the baseline broadcast server. Both report what
 * they receive through the same hooks, so the two are measured the same way.
 */
export interface Attendee {
  readonly index: number;
  /** A real `@colyseus/sdk` client, a light client of the same protocol, or a baseline client. */
  readonly kind: 'sdk' | 'light' | 'raw';
  /** Counted for "nothing dropped": was inside before the measured phase began. */
  tracked: boolean;
  connected: boolean;
  send(type: string, payload: unknown): void;
  /** Cuts the TCP connection without a goodbye, as a network failure does. */
  drop(): void;
  leave(): Promise<void>;
  /** Highest poll respondent count this attendee has seen in the synchronised state. */
  respondentsSeen: number;
  lastResults: string;
}

export interface AttendeeHooks {
  chat(attendee: Attendee, text: string, now: number): void;
  state(attendee: Attendee, state: { pollResults?: string }, now: number): void;
  error(attendee: Attendee, code: string): void;
  reconnected(attendee: Attendee, now: number): void;
  left(attendee: Attendee, code: number): void;
}

/** An attendee's address: 20 attendees share one loopback address (127.x.y.z). */
export function loopbackAddress(index: number): string {
  const k = Math.floor(index / 20);
  return `127.${1 + Math.floor(k / 62_500)}.${Math.floor(k / 250) % 250}.${1 + (k % 250)}`;
}

/** `POST /api/v1/events/{id}/join` from the attendee's own loopback address. */
export function restJoin(baseUrl: string, eventId: number, index: number): Promise<JoinOut> {
  return postJson<JoinOut>(`${baseUrl}/api/v1/events/${eventId}/join`, { name: `Attendee ${index}` }, { localAddress: loopbackAddress(index), agent: false });
}

/** A JSON POST with `node:http`, which (unlike fetch) can choose the local address. */
export function postJson<T>(url: string, body: unknown, options: { localAddress?: string; agent?: Agent | false } = {}, retried = false): Promise<T> {
  const data = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      ...options,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(data) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${new URL(url).pathname.split('/')[1]} ${res.statusCode}: ${text.slice(0, 200)}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as it idled (its keep-alive timeout) just
      // as this request went out: sent again once on a fresh socket, as browsers do and
      // as Node's documentation advises (`request.reusedSocket`).
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(postJson<T>(url, body, options, true));
      else reject(error);
    });
    req.end(data);
  });
}

/** The whole way in, as the browser goes: REST join, then the room the answer names. */
export async function joinLiveRoom(client: Client, baseUrl: string, eventId: number, index: number, hooks: AttendeeHooks): Promise<Attendee> {
  const join = await restJoin(baseUrl, eventId, index);
  if (join.room.name !== 'live_event') throw new Error(`sent to ${join.room.name}, expected the live room`);
  const room: Room<any> = await client.joinOrCreate(join.room.name, { eventId: join.room.eventId, ticket: join.ticket }, LiveRoomState);
  const attendee: Attendee = {
    index,
    kind: 'sdk',
    tracked: false,
    connected: true,
    respondentsSeen: 0,
    lastResults: '',
    send: (type, payload) => room.send(type, payload),
    // The SDK's transport is `ws` on Node 20 (no global WebSocket), whose terminate() cuts without a close frame.
    drop: () => (room.connection.transport as unknown as { ws: WebSocket }).ws.terminate(),
    leave: async () => {
      attendee.connected = false;
      await room.leave(true).catch(() => undefined);
    },
  };
  // Every type gets a handler (the SDK warns about unhandled ones); only a few matter here.
  for (const type of Object.values(SERVER_MESSAGES)) room.onMessage(type, () => undefined);
  room.onMessage(SERVER_MESSAGES.chat, (line: { text: string }) => hooks.chat(attendee, line.text, clockMs()));
  room.onMessage(SERVER_MESSAGES.error, (error: { code: string }) => hooks.error(attendee, error.code));
  room.onStateChange((state: { pollResults?: string }) => hooks.state(attendee, state, clockMs()));
  room.onDrop(() => (attendee.connected = false));
  room.onReconnect(() => {
    attendee.connected = true;
    hooks.reconnected(attendee, clockMs());
  });
  room.onLeave((code: number) => {
    attendee.connected = false;
    hooks.left(attendee, code);
  });
  return attendee;
}

/** A bare WebSocket client of the baseline server: same frames in, same bookkeeping, nothing else. */
export async function joinRawServer(url: string, index: number, hooks: AttendeeHooks): Promise<Attendee> {
  const socket = new LightSocket();
  const attendee: Attendee = {
    index,
    kind: 'raw',
    tracked: false,
    connected: false,
    respondentsSeen: 0,
    lastResults: '',
    send: (type, payload) => socket.send(pack({ type, payload })),
    drop: () => socket.destroy(),
    leave: async () => {
      attendee.connected = false;
      socket.close();
    },
  };
  socket.onClose = (code) => {
    attendee.connected = false;
    hooks.left(attendee, code);
  };
  socket.onMessage = (data) => {
    const chat = benchChatIn(data);
    if (chat) hooks.chat(attendee, chat, clockMs());
  };
  await socket.connect(url);
  attendee.connected = true;
  return attendee;
}

/**
 * The bench line inside a received frame, found without decoding the frame: the text
 * is stored as is in msgpack (and so in Colyseus's frames), so its bytes can be read
 * straight out of the buffer.
 */
export function benchChatIn(frame: Buffer): string | undefined {
  const start = frame.indexOf(BENCH_PREFIX);
  if (start < 0) return undefined;
  const end = frame.indexOf(0x20, frame.indexOf(0x20, start + BENCH_PREFIX.length) + 1);
  return end < 0 ? undefined : frame.toString('latin1', start, end + 1);
}
const BENCH_PREFIX = Buffer.from('bench ');

/** The chat line that carries its own send time: `bench <messageId> <sentAt ms>` padded to `length`. */
export function benchChatText(messageId: string, sentAt: number, length: number): string {
  const head = `bench ${messageId} ${sentAt.toFixed(3)} `;
  return head + 'x'.repeat(Math.max(0, length - head.length));
}

export function parseBenchChat(text: string): { messageId: string; sentAt: number } | undefined {
  if (!text.startsWith('bench ')) return undefined;
  const [, messageId, sentAt] = text.split(' ', 3);
  return messageId && sentAt ? { messageId, sentAt: Number(sentAt) } : undefined;
}
