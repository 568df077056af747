import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessMessage, writeAwarenessEntries, type AwarenessEntry } from './wire.ts';

/**
 * How long cursor moves are gathered before they go out as one message: 25 times a
 * second in a meeting, 10 in a webinar of hundreds, 5 with over a thousand people,
 * where every flush is one message to each of them (the benchmark shows presence
 * costing as much as the strokes themselves at 2,000 readers).
 */
export function awarenessFlushMs(audience: number): number {
  return audience > 1000 ? 200 : audience > 200 ? 100 : 40;
}

/**
 * Who is where on a board (cursors, strokes being drawn), for one document. Only
 * writers publish; readers only receive. Changes are gathered for a few milliseconds
 * and sent as one message: with 30 writers moving their cursors, each of 2,000 readers
 * gets one message per flush instead of one per cursor move.
 */
export class AwarenessRelay {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, object>();
  private readonly pending = new Set<number>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(private readonly broadcast: (message: Uint8Array) => void, private readonly audience: () => number) {
    // Its own little document: the awareness needs one for a client id, nothing more.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      if (this.destroyed) return;
      for (const id of [...added, ...updated, ...removed]) this.pending.add(id);
      for (const id of removed) this.owners.delete(id);
      this.flushTimer ??= setTimeout(() => this.flush(), awarenessFlushMs(this.audience()));
    });
  }

  /**
   * Applies a writer's awareness entries. An entry about a client id that another
   * connection speaks for is dropped: nobody moves someone else's cursor.
   */
  apply(owner: object, entries: readonly AwarenessEntry[]): void {
    const own = entries.filter((entry) => {
      const current = this.owners.get(entry.clientId);
      return current === undefined || current === owner;
    });
    if (own.length === 0) return;
    for (const entry of own) if (entry.state !== null) this.owners.set(entry.clientId, owner);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, writeAwarenessEntries(own), owner);
  }

  /** The message that tells a newcomer where everyone is, or undefined when nobody publishes. */
  currentStates(): Uint8Array | undefined {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length === 0 ? undefined : awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** A connection left: its cursors go away for everyone. */
  removeOwner(owner: object): void {
    const ids = [...this.owners].filter(([, o]) => o === owner).map(([id]) => id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'left');
  }

  destroy(): void {
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending.clear();
    // Also stops the awareness's own timer that expires silent clients.
    this.awareness.destroy();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length > 0) this.broadcast(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }
}
