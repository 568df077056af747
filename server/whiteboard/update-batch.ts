import * as Y from 'yjs';

/**
 * Accepted (and already stored) updates on their way out. They are gathered until the
 * event loop has read everything that arrived together (`setImmediate`): when the
 * board is quiet each update leaves at once, and under load the updates of one loop
 * turn leave as one merged message, so 30 busy writers do not cost every reader 600
 * messages a second.
 */
export class UpdateBatch {
  private updates: Uint8Array[] = [];
  private senders = new Set<object>();
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  /** `onlyFrom` is the sender when all the updates came from one connection (it need not get them back). */
  constructor(private readonly flush: (update: Uint8Array, onlyFrom: object | undefined) => void) {}

  add(update: Uint8Array, sender: object): void {
    this.updates.push(update);
    this.senders.add(sender);
    this.scheduled ??= setImmediate(() => this.send());
  }

  cancel(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.updates = [];
    this.senders.clear();
  }

  private send(): void {
    this.scheduled = undefined;
    const { updates, senders } = this;
    this.updates = [];
    this.senders = new Set();
    if (updates.length === 0) return;
    this.flush(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), senders.size === 1 ? [...senders][0] : undefined);
  }
}
