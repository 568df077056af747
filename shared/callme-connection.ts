import { Client, type Room } from '@colyseus/sdk';
import { CALLME_ROOM_NAME, CALLME_SERVER } from './callme-room.ts';
import { MessageListeners, StatusListeners, rejoinDelayMs } from './connection-listeners.ts';

/** Where a visitor's or consultant's connection stands, for the "reconnecting…" banner. */
export type CallmeStatus = 'connecting' | 'open' | 'reconnecting' | 'failed';

/** Close code of our own `leave()`: no coming back. */
const CONSENTED = 4000;
/** How long to keep trying to get back in after the server went away. */
const GIVE_UP_AFTER_MS = 5 * 60_000;

export interface CallmeConnectionOptions {
  /** Quick tries with the reconnection token before a fresh join (a short drop; the room is still there). */
  tokenRetries?: number;
  giveUpAfterMs?: number;
}

/**
 * A visitor's or a consultant's way into a package room, in the browser and in tests
 * alike. A dropped socket comes back with Colyseus's reconnection token (same session:
 * the room keeps the seat for a while); when the room is gone (a restarted server), it
 * joins afresh with the options `joinOptions()` gives then (the visitor's same token, a
 * consultant's fresh ticket), and the room, rebuilt from SQLite, sends the place in the
 * queue, the chat and the call again. Listeners survive these changes of Room object.
 */
export class CallmeConnection {
  status: CallmeStatus = 'connecting';
  room: Room | undefined;
  /** Sockets opened so far (first join, reconnections, fresh joins): minimising the widget must not add one. */
  opens = 0;
  /** Why the connection gave up (`failed`). */
  failure: string | undefined;
  private readonly client: Client;
  private readonly listeners = new MessageListeners();
  private readonly statusListeners = new StatusListeners<CallmeStatus>(() => this.status);
  private closed = false;

  constructor(baseUrl: string, private readonly joinOptions: () => Promise<Record<string, unknown>>, private readonly options: CallmeConnectionOptions = {}) {
    this.client = new Client(baseUrl);
  }

  /** The first join; rejects when the room refuses (the caller shows why). */
  async connect(): Promise<this> {
    try {
      await this.enter();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    return this;
  }

  on(type: string, listener: (payload: any) => void): () => void {
    return this.listeners.on(type, listener);
  }

  onStatus(listener: (status: CallmeStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  /** Sent now, or (during a token reconnection) buffered by Colyseus and sent on reconnect. */
  send(type: string, message: unknown = {}): void {
    this.room?.send(type, message);
  }

  /** Leaves for good; never hangs on a socket that is already gone (a server that is down). */
  async leave(): Promise<void> {
    this.closed = true;
    const room = this.room;
    this.room = undefined;
    if (!room) return;
    // Stop the SDK's own token retries too.
    room.reconnection.enabled = false;
    room.reconnection.maxRetries = 0;
    if (this.status !== 'open') {
      try { room.connection.close(); } catch { /* already closed */ }
      return;
    }
    await Promise.race([room.leave(true).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3000))]);
  }

  /** Drops the socket as a network failure would (tests): the connection must come back by itself. */
  dropSocket(): void {
    const ws = (this.room?.connection as unknown as { transport?: { ws?: { terminate?(): void; close(): void } } } | undefined)?.transport?.ws;
    if (ws?.terminate) ws.terminate();
    else ws?.close();
  }

  private setStatus(status: CallmeStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.statusListeners.emit(status);
  }

  private fail(error: unknown): void {
    this.failure = String((error as Error)?.message ?? error);
    this.setStatus('failed');
  }

  private async enter(): Promise<void> {
    const room = await this.client.joinOrCreate(CALLME_ROOM_NAME, await this.joinOptions());
    if (this.closed) {
      await room.leave(true).catch(() => undefined);
      return;
    }
    room.reconnection.maxRetries = this.options.tokenRetries ?? 6;
    room.reconnection.minUptime = 0;
    room.reconnection.maxDelay = 2000;
    this.room = room;
    this.opens++;
    this.listeners.forward(room, Object.values(CALLME_SERVER));
    room.onDrop(() => { if (room === this.room) this.setStatus('reconnecting'); });
    room.onReconnect(() => {
      if (room !== this.room) return;
      this.opens++;
      this.setStatus('open');
    });
    room.onLeave((code: number) => void this.rejoin(room, code));
    this.setStatus('open');
  }

  /** The room is gone, or the token was refused: join afresh until it works, the room refuses us, or we give up. */
  private async rejoin(room: Room, code: number): Promise<void> {
    if (room !== this.room || this.closed || code === CONSENTED) return;
    this.room = undefined;
    this.setStatus('reconnecting');
    const deadline = Date.now() + (this.options.giveUpAfterMs ?? GIVE_UP_AFTER_MS);
    for (let attempt = 0; Date.now() < deadline && !this.closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, rejoinDelayMs(attempt)));
      if (this.closed) return;
      try {
        await this.enter();
        return;
      } catch (error) {
        // The server answered and said no (an unknown visitor, a consultant logged out, a deleted package).
        const status = (error as { code?: unknown }).code;
        if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) return this.fail(error);
      }
    }
    if (!this.closed) this.fail(new Error('The server could not be reached.'));
  }
}
