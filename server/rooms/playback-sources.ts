import type { PlaybackSource } from '../../shared/playback-anchor.ts';
import type { PlaybackSourceInput } from '../../shared/playback-messages.ts';

/** A source with the moment its signed link stops working (null: a link that never expires). */
export interface ResolvedSource {
  source: PlaybackSource;
  linkExpiresAt: number | null;
}

/**
 * What the stage video needs from the file library (given by server.ts, so the rooms
 * never reach into server/files): turn a presenter's choice into a playable source of
 * the event's account, and renew a file's short-lived signed link.
 */
export interface PlaybackSources {
  /** Throws an AppError naming the problem (not in the library, not a video, not ready, not a link we can play). */
  resolve(accountId: string, input: PlaybackSourceInput): ResolvedSource;
  /** A fresh signed link for the same source; links that do not expire come back as they are. */
  renew(source: PlaybackSource): ResolvedSource;
}
