import { ClientState, Protocol, type Client } from '@colyseus/core';

/** What a participant may send: a steady rate with a burst of the same size. */
export interface FrameAllowance {
  perSecond: number;
  burst: number;
}

/** Close code of a connection cut for sending too many frames (Colyseus's own "closed with error"). */
export const FLOOD_CLOSE = 4002;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The frames a participant may send, counted per participant rather than per socket:
 * a client cut for flooding that joins again (with a new ticket, in a new tab) carries
 * on with what was left of its allowance instead of a fresh one. A token bucket: each
 * frame takes a token, tokens come back at `perSecond` up to `burst`.
 *
 * It replaces Colyseus's per-socket `maxMessagesPerSecond`, whose count starts from zero
 * on every new socket and whose 4002 cut is indistinguishable from the 4002 Colyseus
 * uses when a reconnection replaces a live connection.
 */
export class FrameBudget {
  private readonly buckets = new Map<string, Bucket>();
  /** Sessions cut for flooding: they may not come back with their reconnection token. */
  private readonly cut = new Set<string>();
  /** Whose allowance each session spends (a reconnection keeps the session id). */
  private readonly owners = new Map<string, string>();

  constructor(private readonly allowance: FrameAllowance, private readonly now: () => number = Date.now) {}

  /** Takes one frame from the participant's allowance; false when none is left. */
  take(participantId: string): boolean {
    const now = this.now();
    const { perSecond, burst } = this.allowance;
    const bucket = this.buckets.get(participantId) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(participantId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /**
   * Counts every frame of this connection before Colyseus reads it. Over the allowance,
   * the connection is cut at once: Colyseus ignores its frames from then on (it skips a
   * client that is leaving), its reconnection token is voided and the socket is closed.
   */
  watch(client: Client, participantId = this.owners.get(client.sessionId)): void {
    if (participantId === undefined) return;
    this.owners.set(client.sessionId, participantId);
    const socket = client.ref;
    let acknowledged = false;
    const onFrame = (data: unknown) => {
      if (client.state === ClientState.LEAVING) return;
      // The socket's one acknowledgement of the join is not a message: reconnecting is not flooding.
      if (!acknowledged && Buffer.isBuffer(data) && data[0] === Protocol.JOIN_ROOM) {
        acknowledged = true;
        return;
      }
      if (this.take(participantId)) return;
      socket.removeListener('message', onFrame);
      this.cut.add(client.sessionId);
      client.state = ClientState.LEAVING;
      // Nobody knows this token: a reconnection with the old one is refused even before the close lands.
      client.reconnectionToken = `void-${client.reconnectionToken}`;
      client.leave(FLOOD_CLOSE, 'Too many messages.');
    };
    // Before Colyseus's own listener, so the frame that breaks the limit is not read either.
    socket.prependListener('message', onFrame);
  }

  wasCut(sessionId: string): boolean {
    return this.cut.has(sessionId);
  }

  /** The connection is gone for good. */
  forget(sessionId: string): void {
    this.cut.delete(sessionId);
    this.owners.delete(sessionId);
  }

  /** Drops the buckets that are full again (they say nothing a missing bucket does not). */
  sweep(): void {
    const now = this.now();
    const refillMs = (this.allowance.burst / this.allowance.perSecond) * 1000;
    for (const [id, bucket] of this.buckets) if (now - bucket.at >= refillMs) this.buckets.delete(id);
  }
}
