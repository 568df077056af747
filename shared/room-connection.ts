import { Client, type Room } from '@colyseus/sdk';
import { LiveRoomState, WaitingRoomState } from './live-room-state.ts';
import { SERVER_MESSAGES } from './room-messages.ts';
import { MessageListeners, StatusListeners, rejoinDelayMs } from './connection-listeners.ts';

/** Where a connection stands, for the UI's banner ("waiting", "reconnecting…"). */
/** `replaced`: the same personal seat was taken on another device (close code 4408). */
export type ConnectionStatus = 'connecting' | 'waiting' | 'live' | 'reconnecting' | 'ended' | 'removed' | 'replaced' | 'failed';

export interface EntryTicket {
  ticket: string;
  room: { name: string; eventId: number };
}

/** Close codes our rooms use (see server/rooms/room-admission.ts). */
const REMOVED = 4403;
const ENDED = 4410;
const REPLACED = 4408;
const CONSENTED = 4000;
/** How long to keep trying to get back in after the server went away. */
const GIVE_UP_AFTER_MS = 5 * 60_000;
/** A seat reservation still pending after this long is waiting in the server's line: ask the place, then every PLACE_EVERY_MS. */
const PLACE_AFTER_MS = 1000;
const PLACE_EVERY_MS = 1500;

/**
 * A participant's way into an event, in the browser and in tests alike: it enters the
 * waiting room or the live room as the join answer says, moves from the waiting room to
 * the live room when admitted, and gets back in by itself when the connection or the
 * whole server goes away. Colyseus's own reconnection (with the reconnection token)
 * covers short drops; when the room is gone (a restarted server), it re-enters with the
 * freshest ticket the room handed out, and the server rebuilds the room from the
 * database. Listeners survive these changes of Room object.
 */
export class RoomConnection {
  status: ConnectionStatus = 'connecting';
  room: Room<any> | undefined;
  private ticket: string;
  private readonly client: Client;
  private readonly listeners = new MessageListeners();
  private readonly stateListeners = new Set<(state: any) => void>();
  private readonly statusListeners = new StatusListeners<ConnectionStatus>(() => this.status);
  private readonly placeListeners = new Set<(ahead: number | undefined) => void>();
  private closed = false;

  constructor(private readonly baseUrl: string, private entry: EntryTicket) {
    this.client = new Client(baseUrl);
    this.ticket = entry.ticket;
  }

  get state(): any {
    return this.room?.state;
  }

  async connect(): Promise<this> {
    await this.enter(this.entry.room.name);
    return this;
  }

  on(type: string, listener: (payload: any) => void): () => void {
    return this.listeners.on(type, listener);
  }

  onState(listener: (state: any) => void): () => void {
    this.stateListeners.add(listener);
    if (this.room?.state) listener(this.room.state);
    return () => this.stateListeners.delete(listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  /**
   * In a join storm the server seats people in turn: while this connection waits, its
   * place in the line ("120 ahead"); undefined once it is in (or not waiting).
   */
  onPlace(listener: (ahead: number | undefined) => void): () => void {
    this.placeListeners.add(listener);
    return () => this.placeListeners.delete(listener);
  }

  send(type: string, message: unknown = {}): void {
    this.room?.send(type, message);
  }

  async leave(): Promise<void> {
    this.closed = true;
    await this.room?.leave(true).catch(() => undefined);
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.statusListeners.emit(status);
  }

  private async enter(roomName: string): Promise<void> {
    const waiting = roomName === 'waiting_room';
    const stopAsking = waiting ? () => undefined : this.askPlace();
    const room = await this.client.joinOrCreate(roomName, { eventId: this.entry.room.eventId, ticket: this.ticket }, waiting ? WaitingRoomState : LiveRoomState).finally(stopAsking);
    // Short drops: a few quick tries with the reconnection token, then our own re-entry.
    room.reconnection.maxRetries = 4;
    room.reconnection.minUptime = 0;
    this.room = room;
    this.entry = { ticket: this.ticket, room: { name: roomName, eventId: this.entry.room.eventId } };
    this.listeners.forward(room, Object.values(SERVER_MESSAGES));
    room.onMessage(SERVER_MESSAGES.ticket, (m: { ticket: string }) => {
      this.ticket = m.ticket;
    });
    room.onMessage(SERVER_MESSAGES.admitted, (m: { ticket: string; room: { name: string } }) => {
      this.ticket = m.ticket;
      void this.moveTo(m.room.name);
    });
    room.onMessage(SERVER_MESSAGES.ended, () => this.setStatus('ended'));
    room.onMessage(SERVER_MESSAGES.removed, () => this.setStatus('removed'));
    room.onStateChange((state: unknown) => {
      for (const l of this.stateListeners) l(state);
    });
    room.onDrop(() => this.setStatus('reconnecting'));
    room.onReconnect(() => this.setStatus(waiting ? 'waiting' : 'live'));
    room.onLeave((code: number) => void this.handleLeave(room, code));
    this.setStatus(waiting ? 'waiting' : 'live');
  }

  /** Asks the server's line for this ticket's place until stopped (the reservation came, or failed). */
  private askPlace(): () => void {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const response = await fetch(`${this.baseUrl}/matchmake/line`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ eventId: this.entry.room.eventId, ticket: this.ticket }) });
        const place = response.ok ? ((await response.json()) as { ahead?: unknown }).ahead : undefined;
        if (!stopped && typeof place === 'number') for (const l of this.placeListeners) l(place);
      } catch {
        // The line is only news; the join itself carries on either way.
      }
      if (!stopped) timer = setTimeout(() => void ask(), PLACE_EVERY_MS);
    };
    timer = setTimeout(() => void ask(), PLACE_AFTER_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const l of this.placeListeners) l(undefined);
    };
  }

  private async moveTo(roomName: string): Promise<void> {
    const previous = this.room;
    this.room = undefined;
    await previous?.leave(true).catch(() => undefined);
    await this.enter(roomName);
  }

  private async handleLeave(room: Room<any>, code: number): Promise<void> {
    if (room !== this.room || this.closed) return;
    if (code === REMOVED || this.status === 'removed') return this.setStatus('removed');
    if (code === ENDED || this.status === 'ended') return this.setStatus('ended');
    // Coming back would take the seat from the newer device, which would then take it back.
    if (code === REPLACED) return this.setStatus('replaced');
    if (code === CONSENTED) return;
    // The room is gone (server restarted or shut down): come back with the freshest ticket.
    this.setStatus('reconnecting');
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 0; Date.now() < deadline && !this.closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, rejoinDelayMs(attempt)));
      try {
        await this.enter(this.entry.room.name);
        return;
      } catch (error) {
        const message = String((error as Error).message ?? error);
        if (/removed/i.test(message)) return this.setStatus('removed');
        if (/ended/i.test(message)) return this.setStatus('ended');
      }
    }
    this.setStatus('failed');
  }
}
