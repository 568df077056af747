/**
 * Server-authoritative video on the stage (ROOM-12), as pure maths shared by the room,
 * the browser, the recorder view and the benchmarks.
 *
 * The room never broadcasts a position. It holds an anchor: "at server time T the
 * video was at position P, playing at rate R (or paused)". The anchor changes only on
 * play, pause, seek and a new source, so 1,000 viewers cost nothing per second; each
 * client works the live position out of the anchor and its own estimate of the
 * server's clock (`clockOffset`), and steers its player towards it (`driftDecision`).
 */

export const PLAYBACK_SOURCE_KINDS = ['file', 'url', 'youtube', 'vimeo'] as const;
export type PlaybackSourceKind = (typeof PLAYBACK_SOURCE_KINDS)[number];

export interface PlaybackSource {
  kind: PlaybackSourceKind;
  /** The library file's id, the YouTube/Vimeo video id, or the direct URL itself. */
  ref: string;
  /** What a player loads: a signed link under /api/v1 for a file, the URL for a link, '' for YouTube/Vimeo (they load by id). */
  url: string;
  title: string;
  /** Known for library files and timeline items; null for a link (the player finds out). */
  durationMs: number | null;
}

export interface PlaybackAnchor {
  source: PlaybackSource;
  /** Server epoch milliseconds at which the video stood at `positionMs`. */
  serverTimeMs: number;
  positionMs: number;
  rate: number;
  paused: boolean;
  /** Grows with every play/pause/seek/load; a renewed signed link keeps it (the player does not reload). */
  version: number;
  /** Played by an automated webinar's timeline: nobody seeks or pauses it by hand. */
  automated: boolean;
  /**
   * What plays next, sent a few seconds ahead by an automated webinar's timeline: from
   * server time `serverTimeMs` on, the stage plays `source` from `positionMs` (at rate 1).
   * Every client switches by its own estimate of the server's clock (`liveAnchor`), so
   * nobody waits for the room's message at the boundary.
   */
  next?: PlaybackNext | null | undefined;
}

export interface PlaybackNext {
  source: PlaybackSource;
  serverTimeMs: number;
  positionMs: number;
}

/**
 * The anchor in force at `serverNowMs`: the anchor itself, or, once its queued `next`
 * is due, the next item's (playing, rate 1, same version and automated flag).
 */
export function liveAnchor(anchor: PlaybackAnchor, serverNowMs: number): PlaybackAnchor {
  const next = anchor.next;
  if (!next || serverNowMs < next.serverTimeMs) return anchor;
  return { source: next.source, serverTimeMs: next.serverTimeMs, positionMs: next.positionMs, rate: 1, paused: false, version: anchor.version, automated: anchor.automated, next: null };
}

/**
 * Where the video is at server time `serverNowMs`, in ms, clamped to the video's length
 * when it is known; past a queued `next`'s time, where the next item is (`liveAnchor`).
 */
export function positionAt(queued: PlaybackAnchor, serverNowMs: number): number {
  const anchor = liveAnchor(queued, serverNowMs);
  const moved = anchor.paused ? 0 : (serverNowMs - anchor.serverTimeMs) * anchor.rate;
  const position = Math.max(0, anchor.positionMs + moved);
  return anchor.source.durationMs === null ? position : Math.min(position, anchor.source.durationMs);
}

/** Past the end of a video of known length: players show the last frame, the room may move on. */
export function hasEnded(queued: PlaybackAnchor, serverNowMs: number): boolean {
  const anchor = liveAnchor(queued, serverNowMs);
  return anchor.source.durationMs !== null && positionAt(anchor, serverNowMs) >= anchor.source.durationMs;
}

/** The anchor after a change made at `serverNowMs`: the live position is carried over, then the change applied. */
export function reanchor(anchor: PlaybackAnchor, serverNowMs: number, change: { paused?: boolean; positionMs?: number; rate?: number }): PlaybackAnchor {
  const positionMs = change.positionMs ?? positionAt(anchor, serverNowMs);
  const clamped = anchor.source.durationMs === null ? Math.max(0, positionMs) : Math.min(Math.max(0, positionMs), anchor.source.durationMs);
  return {
    ...anchor,
    serverTimeMs: serverNowMs,
    positionMs: Math.round(clamped),
    paused: change.paused ?? anchor.paused,
    rate: change.rate ?? anchor.rate,
    version: anchor.version + 1,
  };
}

/** One NTP-style exchange: the client's send time, the server's answer time, the client's receive time. */
export interface ClockSample {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}

/**
 * serverTime − clientTime, from several pings: each sample assumes the server answered
 * half way through the round trip; the median throws out the ones a busy network or
 * a busy event loop delayed on one leg only. The samples with the shortest round trips
 * are the most truthful, so at most the best half is used when there are many.
 */
export function clockOffset(samples: readonly ClockSample[]): { offsetMs: number; rttMs: number } | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => (a.receivedAt - a.sentAt) - (b.receivedAt - b.sentAt));
  const best = sorted.slice(0, Math.max(3, Math.ceil(sorted.length / 2)));
  const offsets = best.map((s) => s.serverTime - (s.sentAt + s.receivedAt) / 2).sort((a, b) => a - b);
  const rtts = best.map((s) => s.receivedAt - s.sentAt).sort((a, b) => a - b);
  return { offsetMs: median(offsets), rttMs: median(rtts) };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const DRIFT = {
  /** Closer than this, leave the player alone (a rate change would only add jitter). */
  toleranceMs: 40,
  /** Up to this, catch up or fall back by a small rate change; beyond, seek. */
  seekBeyondMs: 3000,
  /** The rate is changed by at most ±25 % for a moment (browsers keep the pitch: it sounds like speech a little faster). */
  maxRateChange: 0.25,
  /** A rate change aims to close the gap within about this time (proportional: it eases off as the gap closes). */
  catchUpMs: 1000,
} as const;

export type DriftDecision =
  | { action: 'none'; rate: number }
  | { action: 'rate'; rate: number }
  | { action: 'seek'; toMs: number; rate: number };

/**
 * What a client does about the gap between its player (`localMs`) and the room
 * (`targetMs`): nothing, a small playbackRate change, or a seek. A paused room is
 * matched by a seek whenever the gap is visible (a rate change does nothing paused).
 */
export function driftDecision(localMs: number, targetMs: number, anchor: Pick<PlaybackAnchor, 'rate' | 'paused'>): DriftDecision {
  const error = targetMs - localMs; // > 0: the player is behind
  const gap = Math.abs(error);
  if (anchor.paused) return gap > DRIFT.toleranceMs ? { action: 'seek', toMs: targetMs, rate: anchor.rate } : { action: 'none', rate: anchor.rate };
  if (gap > DRIFT.seekBeyondMs) return { action: 'seek', toMs: targetMs, rate: anchor.rate };
  if (gap <= DRIFT.toleranceMs) return { action: 'none', rate: anchor.rate };
  const change = Math.max(-DRIFT.maxRateChange, Math.min(DRIFT.maxRateChange, error / DRIFT.catchUpMs));
  return { action: 'rate', rate: anchor.rate * (1 + change) };
}

/** The anchor as the room state carries it (a JSON string, '' for none), read defensively. */
export function parseAnchor(json: string | undefined): PlaybackAnchor | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as PlaybackAnchor;
    return typeof value?.serverTimeMs === 'number' && typeof value.positionMs === 'number' && value.source ? value : null;
  } catch {
    return null;
  }
}
