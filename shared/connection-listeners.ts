import type { Room } from '@colyseus/sdk';

type Listener = (payload: any) => void;

/**
 * The listeners of a connection that outlives its Room objects (a reconnection or a
 * fresh join makes a new Room): the UI subscribes once, here, and every new Room is
 * wired to these same listeners. Shared by the event room and the click-to-call room.
 */
export class MessageListeners {
  private readonly byType = new Map<string, Set<Listener>>();

  on(type: string, listener: Listener): () => void {
    const set = this.byType.get(type) ?? new Set();
    set.add(listener);
    this.byType.set(type, set);
    return () => set.delete(listener);
  }

  emit(type: string, payload: unknown): void {
    for (const l of this.byType.get(type) ?? []) l(payload);
  }

  /** Hands every message of these types that `room` receives to the listeners. */
  forward(room: Room<any>, types: Iterable<string>): void {
    for (const type of types) room.onMessage(type, (payload: unknown) => this.emit(type, payload));
  }
}

/** Listeners of a connection's status; a new listener hears the current status at once. */
export class StatusListeners<S> {
  private readonly listeners = new Set<(status: S) => void>();

  constructor(private readonly current: () => S) {}

  add(listener: (status: S) => void): () => void {
    this.listeners.add(listener);
    listener(this.current());
    return () => this.listeners.delete(listener);
  }

  emit(status: S): void {
    for (const l of this.listeners) l(status);
  }
}

/** Wait before the n-th attempt to get back in: 200 ms doubling, at most 3 s. */
export function rejoinDelayMs(attempt: number): number {
  return Math.min(200 * 2 ** attempt, 3000);
}
