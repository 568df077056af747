import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Role } from '../../shared/join-schemas.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import { canDraw } from '../../shared/whiteboard-policy.ts';
import { MAX_UPDATE_BYTES, WB_MESSAGE, WHITEBOARD_CLOSE, WHITEBOARD_REFUSAL, refusalReason, type WhiteboardRefusalCode } from '../../shared/whiteboard-protocol.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { ParticipantRow, ParticipantsStore } from '../domain/participants-store.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { Logger } from '../logger.ts';
import { AwarenessRelay } from './awareness-relay.ts';
import { PrivateHold } from './private-hold.ts';
import { UpdateBatch } from './update-batch.ts';
import { changesNothing, checkUpdate } from './update-guard.ts';
import { Peer, type PeerIdentity, type WhiteboardSocket } from './whiteboard-peer.ts';
import type { WhiteboardStore } from './whiteboard-store.ts';
import { KEEPALIVE, permissionDenied, readAwarenessEntries, statusMessage, syncStep1, syncStep2, syncUpdate } from './wire.ts';

export interface DocumentServices {
  store: WhiteboardStore;
  roomStates: RoomStatesStore;
  participants: ParticipantsStore;
  issueTicket(participant: ParticipantRow): Promise<string>;
  logger: Logger;
  /** A board whose stored updates would grow past this refuses further updates. */
  maxBoardBytes: number;
  now?: () => number;
}

const HOUSEKEEPING_MS = 10_000;
/** Rows after which a board is compacted at the next housekeeping tick, … */
const COMPACT_AFTER_ROWS = 200;
/** … or after this long with any new row; and at once past the hard limit. */
const COMPACT_AFTER_MS = 60_000;
const COMPACT_HARD_ROWS = 5_000;
const REVALIDATE_MS = 30_000;
/**
 * Peers whose role is looked up again in one go (a query each); the next slice waits
 * for the event loop's next turn, so 2,000 readers do not hold up the strokes in flight.
 */
const REVALIDATE_SLICE = 100;
const TICKET_REFRESH_MS = 5 * 60_000;
/** A reader this far behind is disconnected (it resynchronises when it comes back). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/**
 * Presence is relayed to everyone, so one message is kept small (a stroke in progress
 * is previewed by its last points). How often it goes out is bounded by the relay's
 * batching, not here: however fast a writer moves, readers get one message per flush.
 */
const MAX_AWARENESS_BYTES = 16 * 1024;

export interface PeerHandle {
  receive(data: Uint8Array): void;
  disconnect(): void;
}

/**
 * One event's board while anyone has it open: the Y.Doc, who is connected, and the
 * rules. An update is checked (permission, shape, size), applied, stored in SQLite and
 * only then passed on; a refused one goes nowhere and its sender is told why. The
 * document keeps timers (awareness batching, keep-alive, compaction) only while it
 * has connections, and closes them all when the last one leaves.
 */
export class WhiteboardDocument {
  private doc: Y.Doc;
  private readonly peers = new Set<Peer>();
  private readonly awareness: AwarenessRelay;
  private readonly unsubscribe: () => void;
  private readonly housekeeping: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  private collaboration: boolean;
  private lastSeq = 0;
  private storedBytes = 0;
  private storedRows = 0;
  private lastCompactionAt: number;
  private lastRevalidationAt: number;
  private snapshotCache: Y.Snapshot | undefined;
  /**
   * The answer to a client that has nothing yet (the whole board), built once per version
   * of the board: when the presenter puts a 2 MB board on the main view, thousands of
   * readers ask for it within seconds. Dropped wherever the snapshot cache is.
   */
  private fullSyncCache: Uint8Array | undefined;
  private captured: Uint8Array[] = [];
  private revalidation: ReturnType<typeof setImmediate> | undefined;
  /** Private mode: what attendees may not receive meanwhile (ROOM-3). */
  private readonly hold: PrivateHold;
  private readonly unsubscribeExclusions: () => void;
  private readonly outgoing = new UpdateBatch((update, onlyFrom) => this.broadcast(syncUpdate(update), onlyFrom as Peer | undefined));
  closed = false;

  constructor(readonly event: EventRow, private readonly services: DocumentServices, private readonly onClosed: (document: WhiteboardDocument) => void) {
    this.now = services.now ?? Date.now;
    this.doc = this.loadDoc();
    this.lastCompactionAt = this.now();
    this.lastRevalidationAt = this.now();
    this.awareness = new AwarenessRelay((message) => this.broadcast(message), () => this.peers.size);
    const roomState = services.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    this.collaboration = roomState.collaboration;
    this.hold = new PrivateHold(this.doc, roomState.mode === 'private');
    this.unsubscribe = services.roomStates.onChange((state, patch) => {
      if (state.eventId !== event.id) return;
      if (patch.mode !== undefined) this.modeChanged(state.mode);
      if (patch.collaboration !== undefined) {
        this.collaboration = state.collaboration;
        for (const peer of this.peers) {
          if (!canDraw(peer.role, this.collaboration)) this.awareness.removeOwner(peer);
          this.sendStatus(peer);
        }
      }
      if (patch.status === 'ended') {
        for (const peer of this.peers) if (peer.role === 'attendee') peer.close(WHITEBOARD_CLOSE.ended, 'The event has ended.');
      }
    });
    // A removed or banned participant's board closes at once, not at the next revalidation.
    this.unsubscribeExclusions = services.participants.onExcluded((eventId, participantId) => {
      if (eventId !== event.id) return;
      for (const peer of [...this.peers]) if (peer.identity.participantId === participantId) this.currentRole(peer);
    });
    this.housekeeping = setInterval(() => this.tidy(), HOUSEKEEPING_MS);
    // Loading many rows is what compaction is for: do it now rather than at every load.
    if (this.storedRows > COMPACT_AFTER_ROWS) this.compact();
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** The whole board as one update (what a new client receives, what the export reads). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Stored size now, for tests and the benchmark. */
  storage(): { rows: number; bytes: number } {
    return { rows: this.storedRows, bytes: this.storedBytes };
  }

  connect(socket: WhiteboardSocket, identity: PeerIdentity): PeerHandle {
    const peer = new Peer(socket, identity, this.now);
    this.peers.add(peer);
    // The newcomer learns what the board holds when it sends its state vector (sync
    // step 1). Only writers are asked for what they have in turn: readers have nothing to add.
    if (this.mayDraw(peer.role)) peer.send(syncStep1(this.doc));
    const states = this.awareness.currentStates();
    if (states && !this.hold.hides(peer.role)) peer.send(states);
    this.sendStatus(peer);
    void this.sendTicket(peer);
    return {
      receive: (data) => this.receive(peer, data),
      disconnect: () => this.leave(peer),
    };
  }

  /** Compacts the updates that are not yet merged (the benchmark and shutdown call it too). */
  compact(): void {
    if (this.storedRows <= 1) return;
    const merged = Y.encodeStateAsUpdate(this.doc);
    this.services.store.compact(this.event.id, this.lastSeq, merged);
    this.storedRows = 1;
    this.storedBytes = merged.byteLength;
    this.lastCompactionAt = this.now();
  }

  /** Server shutdown: everyone is told to come back later, and the board is compacted. */
  shutdown(): void {
    for (const peer of [...this.peers]) peer.close(WHITEBOARD_CLOSE.shuttingDown, 'The server is restarting.');
    this.peers.clear();
    this.close();
  }

  private receive(peer: Peer, data: Uint8Array): void {
    if (this.closed || peer.closed) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === WB_MESSAGE.sync) {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === 0 && this.hold.hides(peer.role)) this.hold.defer(peer, payload);
        else if (step === 0) peer.send(this.syncAnswer(payload));
        else if (step === 1 || step === 2) this.receiveUpdate(peer, payload);
      } else if (type === WB_MESSAGE.awareness) {
        this.receiveAwareness(peer, decoding.readVarUint8Array(decoder));
      } else if (type === WB_MESSAGE.queryAwareness && !this.hold.hides(peer.role)) {
        const states = this.awareness.currentStates();
        if (states) peer.send(states);
      }
      // Anything else (auth messages, unknown types) means nothing to the server.
    } catch (error) {
      this.services.logger.debug('whiteboard: unreadable message', error);
      this.refuse(peer, WHITEBOARD_REFUSAL.invalid, 'The message could not be read.');
    }
  }

  /** Sync step 2 for a client's state vector; an empty one (a client with nothing) gets the cached whole board. */
  private syncAnswer(stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!empty) return syncStep2(this.doc, stateVector);
    return (this.fullSyncCache ??= syncStep2(this.doc, stateVector));
  }

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    if (update.byteLength > MAX_UPDATE_BYTES) {
      return this.refuse(peer, WHITEBOARD_REFUSAL.tooLarge, `One change may be at most ${MAX_UPDATE_BYTES / (1024 * 1024)} MB.`);
    }
    const role = this.currentRole(peer);
    if (role === undefined) return;
    if (!this.mayDraw(role)) {
      // A read-only client echoing what it already has is no attempt to write.
      this.snapshotCache ??= Y.snapshot(this.doc);
      if (changesNothing(this.snapshotCache, update)) return;
      if (this.hold.hides(role)) return this.refuse(peer, WHITEBOARD_REFUSAL.readOnly, 'The stage is private for now: the board is back when private mode ends.');
      return this.refuse(peer, WHITEBOARD_REFUSAL.readOnly, 'Only presenters can draw now. The host can turn on collaboration to let everyone draw.');
    }
    const problem = checkUpdate(this.doc, update);
    if (problem) return this.refuse(peer, WHITEBOARD_REFUSAL.invalid, problem);
    if (!this.hasRoomFor(update.byteLength)) {
      return this.refuse(peer, WHITEBOARD_REFUSAL.full, `The board is full (${Math.round(this.services.maxBoardBytes / (1024 * 1024))} MB). Clear a page or add no more.`);
    }

    this.captured = [];
    const onUpdate = (change: Uint8Array) => this.captured.push(change);
    this.doc.on('update', onUpdate);
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.services.logger.warn('whiteboard: update failed to apply; reloading the board', error);
      this.doc.off('update', onUpdate);
      this.reload();
      return this.refuse(peer, WHITEBOARD_REFUSAL.invalid, 'The change could not be applied.');
    }
    this.doc.off('update', onUpdate);
    // Persistence first: stored, then passed on.
    for (const change of this.captured) {
      try {
        this.lastSeq = this.services.store.append(this.event.id, change);
      } catch (error) {
        this.services.logger.error('whiteboard: could not store an update; reloading the board', error);
        this.reload();
        return this.refuse(peer, WHITEBOARD_REFUSAL.failed, 'The change could not be saved. Try again.');
      }
      this.storedBytes += change.byteLength;
      this.storedRows++;
      this.snapshotCache = undefined;
      this.fullSyncCache = undefined;
      this.outgoing.add(change, peer);
    }
    if (this.storedRows >= COMPACT_HARD_ROWS) this.compact();
  }

  private receiveAwareness(peer: Peer, update: Uint8Array): void {
    if (update.byteLength > MAX_AWARENESS_BYTES) return;
    const role = this.currentRole(peer);
    // Readers publish nothing: in a big webinar their presence would flood everyone.
    if (role === undefined || !this.mayDraw(role)) return;
    const entries = readAwarenessEntries(update);
    // The name under a cursor is the one the server knows, not what the client says.
    const named = entries.map((entry) => ({
      ...entry,
      state: entry.state !== null && typeof entry.state === 'object'
        ? { ...entry.state, user: { ...(entry.state as { user?: object }).user, name: peer.identity.name, role } }
        : entry.state,
    }));
    this.awareness.apply(peer, named);
  }

  /** The participant's role now (a host may promote or demote during the event); undefined when they are out. */
  private currentRole(peer: Peer): Role | undefined {
    if (peer.identity.recorder) return peer.role;
    const participant = this.services.participants.get(peer.identity.participantId, this.event.id);
    if (!participant || participant.excluded) {
      peer.close(WHITEBOARD_CLOSE.excluded, 'You have been removed from this event.');
      this.leave(peer);
      return undefined;
    }
    if (participant.role !== peer.role) {
      const wasHidden = this.hold.hides(peer.role);
      peer.role = participant.role;
      if (!this.mayDraw(peer.role)) this.awareness.removeOwner(peer);
      // Promoted during private mode: what they missed, and where everyone is.
      if (wasHidden && !this.hold.hides(peer.role)) this.catchUp(peer);
      this.sendStatus(peer);
    }
    return participant.role;
  }

  private hasRoomFor(bytes: number): boolean {
    const limit = this.services.maxBoardBytes;
    if (this.storedBytes + bytes <= limit) return true;
    // Merging drops what was erased; worth a try, but not on every refused stroke.
    if (this.storedRows > 1 && this.now() - this.lastCompactionAt > 5_000) this.compact();
    return this.storedBytes + bytes <= limit;
  }

  private refuse(peer: Peer, code: WhiteboardRefusalCode, message: string): void {
    peer.send(permissionDenied(refusalReason(code, message)));
    this.sendStatus(peer);
  }

  private sendStatus(peer: Peer): void {
    if (!peer.identity.wantsStatus) return;
    peer.send(statusMessage({ type: 'status', role: peer.role, collaboration: this.collaboration, canWrite: this.mayDraw(peer.role) }));
  }

  /** Drawing (and publishing presence) needs the right to draw and a stage the role may see. */
  private mayDraw(role: Role): boolean {
    return canDraw(role, this.collaboration) && !this.hold.hides(role);
  }

  private modeChanged(mode: string): void {
    if (mode === 'private' && !this.hold.active) {
      this.hold.begin(this.doc);
      for (const peer of this.peers) {
        if (!this.hold.hides(peer.role)) continue;
        this.awareness.removeOwner(peer);
        this.sendStatus(peer);
      }
    } else if (mode !== 'private' && this.hold.active) {
      const attendees = [...this.peers].filter((peer) => this.hold.hides(peer.role));
      this.hold.end(this.doc, attendees);
      for (const peer of attendees) this.catchUp(peer, false);
    }
  }

  /** A peer who may see the board again: where everyone is (and, when `board`, what they missed) and what they may do. */
  private catchUp(peer: Peer, board = true): void {
    if (board) this.hold.release(this.doc, peer);
    const states = this.awareness.currentStates();
    if (states) peer.send(states);
    if (this.mayDraw(peer.role)) peer.send(syncStep1(this.doc));
    this.sendStatus(peer);
  }

  private async sendTicket(peer: Peer): Promise<void> {
    if (!peer.identity.wantsStatus) return;
    peer.ticketSentAt = this.now();
    const participant = this.services.participants.get(peer.identity.participantId, this.event.id);
    if (!participant) return;
    try {
      peer.send(statusMessage({ type: 'ticket', ticket: await this.services.issueTicket(participant) }));
    } catch (error) {
      this.services.logger.warn('whiteboard: could not issue a fresh ticket', error);
    }
  }

  private broadcast(message: Uint8Array, except?: Peer): void {
    for (const peer of this.peers) {
      if (peer === except || this.hold.hides(peer.role)) continue;
      if (peer.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        peer.close(WHITEBOARD_CLOSE.tooSlow, 'The connection is too slow to follow the board.');
        continue;
      }
      peer.send(message);
    }
  }

  private leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.hold.forget(peer);
    this.awareness.removeOwner(peer);
    if (this.peers.size === 0) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.housekeeping);
    if (this.revalidation) clearImmediate(this.revalidation);
    this.outgoing.cancel();
    this.unsubscribe();
    this.unsubscribeExclusions();
    this.awareness.destroy();
    try {
      this.compact();
    } catch (error) {
      this.services.logger.error('whiteboard: compaction failed', error);
    }
    this.doc.destroy();
    this.onClosed(this);
  }

  /** Timer work: keep idle sockets alive, compact, and let go of people who were removed. */
  private tidy(): void {
    const now = this.now();
    for (const peer of this.peers) {
      if (now - peer.lastSentAt >= HOUSEKEEPING_MS) peer.send(KEEPALIVE);
      if (now - peer.ticketSentAt >= TICKET_REFRESH_MS) void this.sendTicket(peer);
    }
    if (this.storedRows > 1 && (this.storedRows >= COMPACT_AFTER_ROWS || now - this.lastCompactionAt >= COMPACT_AFTER_MS)) this.compact();
    if (now - this.lastRevalidationAt >= REVALIDATE_MS) {
      this.lastRevalidationAt = now;
      this.revalidate([...this.peers], 0);
    }
  }

  /** The roles of `peers` from `from` on, a slice per turn of the event loop. */
  private revalidate(peers: Peer[], from: number): void {
    this.revalidation = undefined;
    if (this.closed) return;
    const end = Math.min(peers.length, from + REVALIDATE_SLICE);
    for (let i = from; i < end; i++) if (this.peers.has(peers[i]!)) this.currentRole(peers[i]!);
    if (end < peers.length) this.revalidation = setImmediate(() => this.revalidate(peers, end));
  }

  /** Rebuilds the document from what is stored: the truth after a failed apply or write. */
  private reload(): void {
    this.doc.destroy();
    this.doc = this.loadDoc();
    this.snapshotCache = undefined;
    this.fullSyncCache = undefined;
  }

  private loadDoc(): Y.Doc {
    const stored = this.services.store.load(this.event.id);
    this.lastSeq = stored.lastSeq;
    this.storedBytes = stored.bytes;
    this.storedRows = stored.updates.length;
    const doc = new Y.Doc();
    if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored.updates));
    return doc;
  }
}
