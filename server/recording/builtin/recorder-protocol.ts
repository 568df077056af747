import type { Span } from '../recordings-store.ts';

/** What the server hands a recorder process (once, over IPC). */
export interface RecorderJob {
  /** The recorder view with the LiveKit address and recorder token in its fragment. */
  pageUrl: string;
  /** How long after a moment the recorder view shows the picture taken then (its fixed playout delay and drawing): the sound goes there too. */
  playoutDelayMs: number;
  /** The part's fragmented MP4. */
  file: string;
  paused: boolean;
  /** x264 preset: veryfast by default, faster on a machine short of CPU. */
  preset: string;
  chromium: string;
  ffmpeg: string;
}

/** Server → recorder. `at` is wall-clock ms since the epoch. */
export type RecorderMessage = { type: 'pause'; at: number } | { type: 'resume'; at: number } | { type: 'stop' };

/** Recorder → server. */
export type RecorderReport =
  | { type: 'started'; at: number }
  | { type: 'kept'; spans: Span[]; writtenMs: number }
  | { type: 'stopped' }
  | { type: 'failed'; reason: string };
