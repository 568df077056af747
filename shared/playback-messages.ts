import * as v from 'valibot';
import { HttpUrl } from './event-schemas.ts';
import { SERVER_MESSAGES } from './room-messages.ts';

/**
 * Room messages and REST bodies of the stage video (ROOM-12). Presenters (and the host)
 * load, play, pause, seek and stop; everyone may ping for the clock. The room answers
 * a ping with `playback-pong` and a refusal with the usual `error` message.
 */
export const PLAYBACK_MESSAGES = {
  load: 'playback-load',
  play: 'playback-play',
  pause: 'playback-pause',
  seek: 'playback-seek',
  stop: 'playback-stop',
  ping: 'playback-ping',
} as const;

/** Server → client: the answer to a ping. */
export const PLAYBACK_PONG = SERVER_MESSAGES.playbackPong;
export interface PlaybackPong { sentAt: number; serverTime: number }

const PositionMs = v.pipe(v.number(), v.integer('Use whole milliseconds.'), v.minValue(0, 'A position cannot be negative.'), v.maxValue(24 * 3600_000, 'At most 24 hours.'));
const FileId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a file id.'));

/** What to play: a video of the account's library, or a link (direct MP4, YouTube, Vimeo). */
export const PlaybackSourceInput = v.variant('kind', [
  v.object({ kind: v.literal('file'), fileId: FileId }),
  v.object({ kind: v.literal('url'), url: HttpUrl }),
]);
export type PlaybackSourceInput = v.InferOutput<typeof PlaybackSourceInput>;

export const PlaybackLoad = v.object({
  source: PlaybackSourceInput,
  positionMs: v.optional(PositionMs, 0),
  /** Load paused (to start it on a cue) instead of playing at once. */
  paused: v.optional(v.boolean(), false),
});
export type PlaybackLoad = v.InferOutput<typeof PlaybackLoad>;

export const PlaybackSeek = v.object({ positionMs: PositionMs });

export const PLAYBACK_MESSAGE_SCHEMAS = {
  [PLAYBACK_MESSAGES.load]: PlaybackLoad,
  [PLAYBACK_MESSAGES.play]: v.object({}),
  [PLAYBACK_MESSAGES.pause]: v.object({}),
  [PLAYBACK_MESSAGES.seek]: PlaybackSeek,
  [PLAYBACK_MESSAGES.stop]: v.object({}),
  [PLAYBACK_MESSAGES.ping]: v.object({ sentAt: v.pipe(v.number(), v.finite()) }),
} as const;

/** REST: what `/events/{id}/stage/video` answers. */
export const StageVideoOut = v.object({
  playing: v.boolean(),
  anchor: v.nullable(v.object({
    source: v.object({ kind: v.string(), ref: v.string(), title: v.string(), durationMs: v.nullable(v.number()) }),
    serverTimeMs: v.number(),
    positionMs: v.number(),
    rate: v.number(),
    paused: v.boolean(),
    version: v.number(),
    automated: v.boolean(),
  })),
  /** The position now, by the server's clock. */
  positionMs: v.nullable(v.number()),
  serverTimeMs: v.number(),
});
export type StageVideoOut = v.InferOutput<typeof StageVideoOut>;
