import type { Role } from '../../shared/join-schemas.ts';

/**
 * The minimal socket the whiteboard needs: the `ws` adapter in `whiteboard-endpoint.ts`
 * implements it, and the unit tests drive documents with a fake one.
 */
export interface WhiteboardSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written: a reader that cannot keep up is let go. */
  readonly bufferedAmount: number;
}

/** Who is on the other end, as their ticket and the participants table say at the door. */
export interface PeerIdentity {
  participantId: string;
  name: string;
  role: Role;
  /** A recording's recorder page: a reader with no participant behind it (never promoted, never removed). */
  recorder?: boolean;
  /** The client reads our `status` messages (our own browser client does; stock y-websocket clients do not). */
  wantsStatus: boolean;
}

/** One connection to a document. */
export class Peer {
  role: Role;
  lastSentAt = 0;
  ticketSentAt = 0;
  closed = false;

  constructor(readonly socket: WhiteboardSocket, readonly identity: PeerIdentity, private readonly now: () => number) {
    this.role = identity.role;
  }

  send(data: Uint8Array): void {
    if (this.closed) return;
    this.lastSentAt = this.now();
    try {
      this.socket.send(data);
    } catch {
      // A socket that broke mid-send closes itself; its close event removes the peer.
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      // Already gone.
    }
  }
}
