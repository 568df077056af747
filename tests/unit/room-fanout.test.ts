import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ClientState, type Client } from '@colyseus/core';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrames, writeFrame } from '../../server/http/ws-frames.ts';
import { RoomFanout } from '../../server/rooms/room-fanout.ts';

/** A real `ws` server and client on loopback: the server's end of the connection, and what the client received. */
async function connectedPair(): Promise<{ server: WebSocket; received: Buffer[]; writes: () => number; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: Buffer[] = [];
  client.on('message', (data: Buffer) => received.push(data));
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  const server = await serverSide;
  // Count the writes to the TCP socket under the server's WebSocket.
  const socket = (server as unknown as { _socket: Duplex })._socket;
  let writes = 0;
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]) => {
    writes++;
    return write(...args);
  }) as typeof socket.write;
  return {
    server,
    received,
    writes: () => writes,
    close: async () => {
      client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const bytes = (...values: number[]) => Uint8Array.from(values);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('frames built once for many sockets', () => {
  it('several messages in one buffer arrive as separate WebSocket messages, in order', async () => {
    const pair = await connectedPair();
    cleanups.push(pair.close);
    const frame = binaryFrames([bytes(1, 2), new Uint8Array(300).fill(7), bytes(3)]);
    expect(writeFrame(pair.server, frame)).toBe(true);
    await until(() => pair.received.length === 3, 'three messages');
    expect(pair.received.map((m) => m.byteLength)).toEqual([2, 300, 1]);
    expect([...pair.received[0]!]).toEqual([1, 2]);
    expect([...pair.received[2]!]).toEqual([3]);
    expect(pair.writes()).toBe(1);
  });

  it('a broadcast of one loop turn goes to each joined socket in one write, the patch after it; a client still joining gets Colyseus\'s queue', async () => {
    const pair = await connectedPair();
    cleanups.push(pair.close);
    const enqueued: Uint8Array[] = [];
    const joined = { state: ClientState.JOINED, ref: pair.server, raw: (b: Uint8Array) => pair.server.send(b), enqueueRaw: () => undefined } as unknown as Client;
    const joining = { state: ClientState.JOINING, ref: undefined, raw: () => undefined, enqueueRaw: (b: Uint8Array) => enqueued.push(b) } as unknown as Client;
    const fanout = new RoomFanout(() => [joined, joining]);
    fanout.broadcast(bytes(10));
    fanout.broadcast(bytes(11));
    // Nothing is written before the loop turn ends.
    expect(pair.writes()).toBe(0);
    fanout.flush(bytes(99));
    await until(() => pair.received.length === 3, 'two lines and the patch');
    expect(pair.received.map((m) => m[0])).toEqual([10, 11, 99]);
    expect(pair.writes()).toBe(1);
    // The joining client gets the lines (after its join), not the patch (it gets the full state).
    expect(enqueued.map((m) => m[0])).toEqual([10, 11]);

    // On its own, a broadcast leaves within the turn.
    fanout.broadcast(bytes(12));
    await until(() => pair.received.length === 4, 'the next line');
    expect(pair.received[3]![0]).toBe(12);
    fanout.close();
  });

  it('a socket that ws is busy with gets the messages through ws, in order', async () => {
    const pair = await connectedPair();
    cleanups.push(pair.close);
    const sent: number[] = [];
    const client = { state: ClientState.JOINED, ref: pair.server, raw: (b: Uint8Array) => sent.push(b[0]!), enqueueRaw: () => undefined } as unknown as Client;
    // As while ws reads a Blob for a send: its sender is not in its default state.
    const sender = (pair.server as unknown as { _sender: { _state: number } })._sender;
    sender._state = 1;
    expect(writeFrame(pair.server, binaryFrames([bytes(1)]))).toBe(false);
    const fanout = new RoomFanout(() => [client]);
    fanout.broadcast(bytes(5));
    fanout.flush(bytes(6));
    sender._state = 0;
    expect(sent).toEqual([5, 6]);
    expect(pair.writes()).toBe(0);
  });
});
