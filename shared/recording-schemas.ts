import * as v from 'valibot';

/**
 * Recording (ROOM-13) and the recordings library (POST-2): the REST shapes and the room
 * message, shared by the server, the dashboard and the OpenAPI document.
 */

/**
 * requested → recording ⇄ paused → processing → ready | failed. A recording cut by a
 * crash is `ready` with `partial` while REC is still on: a new part starts when the
 * room is live again and the parts are joined at the stop.
 */
export const RECORDING_STATES = ['recording', 'paused', 'processing', 'ready', 'failed'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];
/** What the room shows everyone: '' (not recording), or the blinking light's two faces. */
export const ROOM_RECORDING = ['', 'recording', 'paused'] as const;
export type RoomRecording = (typeof ROOM_RECORDING)[number];
export const RECORDING_LANGUAGES = ['en', 'pl'] as const;

export const RecordingIdParam = v.object({ recordingId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a recording id.')) });
export const ShareTokenParam = v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{32,64}$/, 'Not a share link.')) });
export const ShareIdParam = v.object({
  recordingId: RecordingIdParam.entries.recordingId,
  shareId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a share link id.')),
});

/** In and out points in milliseconds from the start; null clears one. The cut happens without re-encoding. */
export const TrimBody = v.pipe(
  v.object({
    inMs: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0, 'The in point cannot be before the start.'))),
    outMs: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1, 'The out point must be after the start.'))),
  }),
  v.check((b) => b.inMs === null || b.outMs === null || b.outMs > b.inMs, 'The out point must come after the in point.'),
);
export type TrimBody = v.InferOutput<typeof TrimBody>;

export const RecordingSettingsBody = v.object({ autostart: v.boolean() });
export const RecordingSettingsOut = v.object({ autostart: v.boolean() });

export const ShareOut = v.object({ id: v.string(), url: v.string(), createdAt: v.string() });

/** "Send": the share link e-mailed to the event's attendees, and what really happened to the e-mail. */
export const RecordingSendOut = v.object({
  recipients: v.number(),
  shareUrl: v.string(),
  mail: v.object({ delivery: v.picklist(['outbox', 'smtp', 'resend']), queued: v.number(), kept: v.number() }),
});
export type RecordingSendOut = v.InferOutput<typeof RecordingSendOut>;

/** Where the recording's e-mails are now (every "Send" so far). */
export const RecordingSendsOut = v.object({
  delivery: v.picklist(['outbox', 'smtp', 'resend']),
  total: v.number(),
  queued: v.number(),
  sent: v.number(),
  failed: v.number(),
  kept: v.number(),
});
export type RecordingSendsOut = v.InferOutput<typeof RecordingSendsOut>;
export type ShareOut = v.InferOutput<typeof ShareOut>;

export const RecordingOut = v.object({
  id: v.string(),
  eventId: v.number(),
  eventName: v.string(),
  state: v.picklist(RECORDING_STATES),
  /** A crash cut it; what was recorded until then is playable. */
  partial: v.boolean(),
  /** Parts recorded so far (a crash and a restart make a second one). */
  parts: v.number(),
  /** The room's language when REC was pressed. */
  language: v.string(),
  backend: v.string(),
  startedAt: v.string(),
  endedAt: v.nullable(v.string()),
  durationMs: v.nullable(v.number()),
  sizeBytes: v.nullable(v.number()),
  trimInMs: v.nullable(v.number()),
  trimOutMs: v.nullable(v.number()),
  error: v.nullable(v.string()),
  /** Relative to /api/v1; present once ready. */
  videoUrl: v.nullable(v.string()),
  thumbnailUrl: v.nullable(v.string()),
  downloadUrl: v.nullable(v.string()),
  /** Wall-clock spans (ms since the epoch) that are in the file, in order: private mode falls between them. */
  kept: v.array(v.object({ from: v.number(), to: v.number() })),
});
export type RecordingOut = v.InferOutput<typeof RecordingOut>;

export const RecordingListOut = v.object({
  recordings: v.array(RecordingOut),
  /** Recording time the plan allows to keep, and how much is used (POST-2: trial 30 minutes). */
  storage: v.object({ limitMinutes: v.number(), usedMinutes: v.number(), full: v.boolean() }),
});
export type RecordingListOut = v.InferOutput<typeof RecordingListOut>;

/**
 * The recorder view holds every track's playout this long (its jitter buffer target).
 * Without it Chromium's audio and video buffers adapt each on their own and drift
 * hundreds of milliseconds apart on a busy machine; with the same fixed target both sit
 * at it, so picture and sound stay together. A recording has no one to talk back, so the
 * delay costs nothing, and the room's private-mode cuts are placed with it in mind.
 */
export const RECORDER_PLAYOUT_DELAY_MS = 1000;
