import { ClientState, type Client } from '@colyseus/core';
import type { WebSocket } from 'ws';
import { binaryFrames, writeFrame } from '../http/ws-frames.ts';

/**
 * The broadcast path of a big room. Colyseus's `broadcast` encodes a message once but
 * then sends it through `ws` to each client, which frames it again per socket and
 * hands two buffers to `writev`: at 5,000 attendees that per-socket work was the top
 * of the server's profile. Here the messages broadcast during one turn of the event
 * loop are gathered (`setImmediate`: when the room is quiet a line leaves at once,
 * under load the lines that arrived together leave together), framed once, and
 * written to each socket as one buffer with one `write`. The state patch that follows
 * joins the same write (see `routePatches`).
 *
 * Order holds: whatever the room sends to one client first flushes what is queued
 * (`flush()`), and the patch goes after the broadcasts queued before it. A client
 * still joining gets the messages queued by Colyseus as before (`enqueueRaw`), and a
 * socket that `ws` is busy with gets them through `ws`.
 */
export class RoomFanout {
  private queued: Uint8Array[] = [];
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  constructor(private readonly clients: () => readonly Client[]) {}

  /** An encoded Colyseus message (e.g. `getMessageBytes.raw`) for everyone in the room. */
  broadcast(message: Uint8Array): void {
    this.queued.push(message);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /**
   * Sends what is queued now, with `patch` (a state patch, for joined clients only) after
   * it when given. Call before sending anything to a single client.
   */
  flush(patch?: Uint8Array): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const messages = this.queued;
    if (messages.length === 0 && !patch) return;
    this.queued = [];
    const frame = binaryFrames(patch ? [...messages, patch] : messages);
    const clients = this.clients();
    // Last to first, as Colyseus broadcasts.
    for (let i = clients.length - 1; i >= 0; i--) {
      const client = clients[i]!;
      if (client.state !== ClientState.JOINED) {
        for (const message of messages) client.enqueueRaw(message);
      } else if (!writeFrame(client.ref as unknown as WebSocket, frame)) {
        for (const message of messages) client.raw(message);
        if (patch) client.raw(patch);
      }
    }
  }

  /** The room is closing: nothing more goes out. */
  close(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.queued = [];
  }
}

/** What `routePatches` needs of Colyseus's schema serializer (`room._serializer`). */
interface PatchSerializer {
  hasFilters?: boolean;
  applyPatches(clients: readonly Client[], state: unknown, timing?: unknown): boolean;
}

/**
 * Makes a room's state patches go out through `fanout`: the serializer encodes the patch
 * once, as it does, but hands it to one stand-in client whose `raw` gives it to the
 * fan-out, which writes it with the broadcasts of the tick in one frame per socket.
 * Rooms with per-client views (filters) or timed frames keep Colyseus's own path, as
 * does an empty room (the serializer keeps its books differently then).
 */
export function routePatches(room: object, fanout: RoomFanout): void {
  const serializer = (room as { _serializer?: PatchSerializer })._serializer;
  if (!serializer || typeof serializer.applyPatches !== 'function') return;
  const original = serializer.applyPatches.bind(serializer);
  const standIn = [{ state: ClientState.JOINED, raw: (bytes: Uint8Array) => fanout.flush(bytes) }] as unknown as Client[];
  serializer.applyPatches = (clients, state, timing) => {
    if (timing !== undefined || serializer.hasFilters || clients.length === 0) {
      fanout.flush();
      return original(clients, state, timing);
    }
    return original(standIn, state, timing);
  };
}

/**
 * A state patch sooner than the room's regular one (every 50 ms), for a change people
 * wait to see, such as a vote in the tally on everyone's screen, but never closer than
 * `gapMs` to the previous patch: while votes pour in, patches come every `gapMs`, and a
 * lone vote goes out at once.
 */
export class EarlyPatch {
  private lastAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly patch: () => void, private readonly gapMs: number, private readonly now: () => number = Date.now) {}

  /** A patch is going out now (the room calls this from `onBeforePatch`). */
  patched(): void {
    this.lastAt = this.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  request(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.patch();
    }, Math.max(0, this.lastAt + this.gapMs - this.now()));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
