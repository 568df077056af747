import * as Y from 'yjs';
import type { Role } from '../../shared/join-schemas.ts';
import type { Peer } from './whiteboard-peer.ts';
import { syncStep2, syncUpdate } from './wire.ts';

/**
 * Private mode (ROOM-3) on the board: attendees see nothing of the stage, so their
 * board connections get no update and no presence while it lasts (staff carry on as
 * usual). When it ends, each of them is sent what was drawn meanwhile in one message.
 * An attendee who asks for the board during private mode (a newcomer's sync step 1)
 * gets the answer then too.
 */
export class PrivateHold {
  /** The board's state vector when private mode began; undefined when not private. */
  private since: Uint8Array | undefined;
  /** Attendees whose sync request waits for the end of private mode, with their state vectors. */
  private readonly requests = new Map<Peer, Uint8Array>();

  constructor(doc: Y.Doc, isPrivate: boolean) {
    if (isPrivate) this.begin(doc);
  }

  get active(): boolean {
    return this.since !== undefined;
  }

  /** True when nothing of the board may reach someone with this role now. */
  hides(role: Role): boolean {
    return this.active && role === 'attendee';
  }

  begin(doc: Y.Doc): void {
    this.since ??= Y.encodeStateVector(doc);
  }

  /** Keeps an attendee's sync request for later. */
  defer(peer: Peer, stateVector: Uint8Array): void {
    this.requests.set(peer, stateVector);
  }

  forget(peer: Peer): void {
    this.requests.delete(peer);
  }

  /** Brings one peer up to date (private mode ended, or they are staff now). */
  release(doc: Y.Doc, peer: Peer, missed = this.missed(doc)): void {
    const request = this.requests.get(peer);
    this.requests.delete(peer);
    if (request) peer.send(syncStep2(doc, request));
    else if (missed) peer.send(missed);
  }

  /** Private mode ended: every attendee gets what they missed; the same bytes for all who were already in sync. */
  end(doc: Y.Doc, attendees: Iterable<Peer>): void {
    if (!this.active) return;
    const missed = this.missed(doc);
    for (const peer of attendees) this.release(doc, peer, missed);
    this.since = undefined;
    this.requests.clear();
  }

  /** What was drawn since private mode began, as one update message (undefined when nothing was). */
  private missed(doc: Y.Doc): Uint8Array | undefined {
    if (!this.since) return undefined;
    const update = Y.encodeStateAsUpdate(doc, this.since);
    // Deletions travel in every update: compare the states rather than the bytes.
    const unchanged = Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(this.since)) && Y.decodeUpdate(update).ds.clients.size === 0;
    return unchanged ? undefined : syncUpdate(update);
  }
}
