import * as v from 'valibot';

/** Audio and video: what the server hands out and reports (LiveKit carries the media). */

/** Where to connect and a short-lived token for the participant's own identity. */
export const MediaCredentials = v.object({
  /** The LiveKit server's address for browsers (ws:// or wss://). */
  url: v.string(),
  token: v.string(),
});
export type MediaCredentials = v.InferOutput<typeof MediaCredentials>;

export const MediaStatus = v.variant('state', [
  v.object({ state: v.literal('ready'), kind: v.picklist(['local', 'external']), url: v.string() }),
  v.object({ state: v.literal('starting') }),
  v.object({ state: v.literal('unavailable'), reason: v.string() }),
  v.object({ state: v.literal('disabled'), reason: v.string() }),
]);
export type MediaStatus = v.InferOutput<typeof MediaStatus>;

/** Default capture and sending quality (ROOM-16, ROOM-17); HD only where the plan allows it. */
export const VIDEO_QUALITIES = ['standard', 'hd'] as const;
export type VideoQuality = (typeof VIDEO_QUALITIES)[number];
