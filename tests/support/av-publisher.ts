import { AudioFrame, AudioSource, LocalAudioTrack, LocalVideoTrack, Room, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource } from '@livekit/rtc-node';
import type { MediaCredentials } from '../../shared/media-schemas.ts';
import { settleWithin } from './deadline.ts';

/** Every 2 s, from 1 s past each even second of the wall clock: a white picture and a 1 kHz tone. */
export const MARK_PERIOD_MS = 2000;
export const MARK_PHASE_MS = 1000;
export const MARK_LENGTH_MS = 200;
const W = 320;
const H = 180;
const RATE = 48_000;
const FRAME_SAMPLES = 480;

/** The wall-clock times (ms) of the marks between `from` and `to`. */
export function marksBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil((from - MARK_PHASE_MS) / MARK_PERIOD_MS) * MARK_PERIOD_MS + MARK_PHASE_MS; t <= to; t += MARK_PERIOD_MS) out.push(t);
  return out;
}

const inMark = (t: number) => ((t - MARK_PHASE_MS) % MARK_PERIOD_MS + MARK_PERIOD_MS) % MARK_PERIOD_MS < MARK_LENGTH_MS;

/**
 * A test speaker through @livekit/rtc-node that publishes a camera and a microphone
 * whose marks are tied to the wall clock: a white flash and a 1 kHz beep at the same
 * instants, so a recording shows whether picture and sound stayed together, and which
 * marks (by their time) reached it. Both are generated from the clock as it passes,
 * so nothing is queued ahead of time.
 */
export class MarkPublisher {
  readonly room = new Room();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  static async connect(credentials: MediaCredentials | null | undefined): Promise<MarkPublisher> {
    if (!credentials) throw new Error('no media credentials');
    const peer = new MarkPublisher();
    await peer.room.connect(credentials.url, credentials.token, { autoSubscribe: false, dynacast: false });
    return peer;
  }

  async publishMicrophone(): Promise<void> {
    const source = new AudioSource(RATE, 1, 100);
    await this.room.localParticipant!.publishTrack(LocalAudioTrack.createAudioTrack('microphone', source), new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
    let produced = 0;
    const start = Date.now();
    let busy = false;
    this.timers.push(setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      void (async () => {
        // Whatever the clock says is due, in 10 ms frames. Each sample's tone follows the time it
        // leaves the source's queue (which stays full, ~100 ms ahead), as a microphone's sample
        // follows the time it is taken: otherwise the beep goes out a queue later than the flash.
        while (!this.stopped && (Date.now() - start) * (RATE / 1000) - produced >= FRAME_SAMPLES) {
          const data = new Int16Array(FRAME_SAMPLES);
          const sent = Date.now() + source.queuedDuration;
          for (let i = 0; i < FRAME_SAMPLES; i++) {
            const t = sent + i / (RATE / 1000);
            data[i] = inMark(t) ? Math.round(12_000 * Math.sin((2 * Math.PI * 1000 * (produced + i)) / RATE)) : 0;
          }
          produced += FRAME_SAMPLES;
          await source.captureFrame(new AudioFrame(data, RATE, 1, FRAME_SAMPLES));
        }
        busy = false;
      })();
    }, 10));
  }

  async publishCamera(): Promise<void> {
    const source = new VideoSource(W, H);
    await this.room.localParticipant!.publishTrack(LocalVideoTrack.createVideoTrack('camera', source), new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }));
    const white = new VideoFrame(new Uint8Array(W * H * 4).fill(255), W, H, VideoBufferType.RGBA);
    const dark = new VideoFrame(new Uint8Array(W * H * 4).fill(40), W, H, VideoBufferType.RGBA);
    this.timers.push(setInterval(() => source.captureFrame(inMark(Date.now()) ? white : dark), 1000 / 30));
  }

  /** A shared screen at 1280×720, 5 fps, with a bar that moves (a slide deck being scrolled). */
  async publishScreen(): Promise<void> {
    const [w, h] = [1280, 720];
    const source = new VideoSource(w, h);
    await this.room.localParticipant!.publishTrack(LocalVideoTrack.createVideoTrack('screen', source), new TrackPublishOptions({ source: TrackSource.SOURCE_SCREENSHARE }));
    const data = new Uint8Array(w * h * 4);
    let n = 0;
    this.timers.push(setInterval(() => {
      data.fill(230);
      const y = (n++ * 12) % h;
      data.fill(30, y * w * 4, Math.min(h, y + 40) * w * 4);
      source.captureFrame(new VideoFrame(data, w, h, VideoBufferType.RGBA));
    }, 200));
  }

  async leave(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await settleWithin(this.room.disconnect(), 5_000);
  }
}
