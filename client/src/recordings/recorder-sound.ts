import { RECORDER_PLAYOUT_DELAY_MS } from '../../../shared/recording-schemas.ts';
import { ArrivalClock } from './arrival-clock.ts';

/** Until the page has shown enough video frames to measure, sound is placed by the playout delay it asked for. */
const DEFAULT_PICTURE_DELAY_MS = RECORDER_PLAYOUT_DELAY_MS + 50;
const SAMPLES = 90;
const MIN_SAMPLES = 15;
/** Moves smaller than this are jitter of the measurement: the sound is not shifted for them. */
const STEP_MS = 10;

/**
 * How long after its fastest arrival the page shows a received video frame, measured on
 * every frame of every `<video>` (requestVideoFrameCallback gives its RTP timestamp,
 * network arrival and display time): the view's fixed playout delay, decoding and
 * compositing, and whatever more a busy machine adds. The sound is placed that long after
 * its own fastest arrival, so it lands on the picture it was captured with.
 */
class PictureDelay {
  private readonly seen = new WeakSet<HTMLVideoElement>();
  private readonly samples: number[] = [];
  private readonly scan: ReturnType<typeof setInterval>;
  delayMs = DEFAULT_PICTURE_DELAY_MS;

  constructor() {
    this.scan = setInterval(() => {
      for (const video of document.querySelectorAll('video')) if (!this.seen.has(video)) this.watch(video);
    }, 500);
  }

  private watch(video: HTMLVideoElement): void {
    this.seen.add(video);
    let clock: ArrivalClock | undefined;
    let trackId: string | undefined;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      const id = (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.id;
      // Another track in the same element starts its own timestamps.
      if (id !== trackId) [clock, trackId] = [new ArrivalClock(90), id];
      if (meta.rtpTimestamp !== undefined && meta.receiveTime !== undefined) this.add(meta.expectedDisplayTime - clock!.place(meta.rtpTimestamp, meta.receiveTime));
      if (video.isConnected) video.requestVideoFrameCallback(onFrame);
      else this.seen.delete(video);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  private add(delay: number): void {
    this.samples.push(delay);
    if (this.samples.length > SAMPLES) this.samples.shift();
    if (this.samples.length < MIN_SAMPLES) return;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    if (Math.abs(median - this.delayMs) >= STEP_MS) this.delayMs = Math.round(median);
  }

  stop(): void {
    clearInterval(this.scan);
  }
}

function toBase64(pcm: Int16Array): string {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Where the built-in recorder takes the page's sound: `at` is wall-clock ms of the first sample, `pcm` base64 of 48 kHz mono s16le. */
export type SoundSink = (at: number, pcm: string) => void;

/**
 * The built-in recorder's sound (see recorder-sound-worker.ts): every remote microphone
 * is taken from its receiver as it arrives and handed to the recorder process, placed
 * where the page shows the picture captured with it.
 */
export class RecorderSound {
  private readonly worker = new Worker(new URL('./recorder-sound-worker.ts', import.meta.url), { type: 'module' });
  private readonly picture = new PictureDelay();

  private constructor(sink: SoundSink) {
    this.worker.onmessage = (e: MessageEvent<{ at: number; pcm: Int16Array } | { error: string }>) => {
      if ('error' in e.data) console.error(`recorder sound: ${e.data.error}`);
      else sink(e.data.at + this.picture.delayMs, toBase64(e.data.pcm));
    };
    this.worker.onerror = (e) => console.error(`recorder sound: the worker failed: ${e.message}`);
  }

  /** The picture's measured delay (ms after its fastest arrival). */
  get pictureDelayMs(): number {
    return this.picture.delayMs;
  }

  /**
   * Takes every remote microphone of every peer connection the page opens from now on.
   * Through the encoded streams of `encodedInsertableStreams` rather than an
   * RTCRtpScriptTransform: Chromium gave a script transform no frames at all once the
   * receiver had had its first packet, which with LiveKit is before any event of ours
   * (tried: set in the connection's own `track` event, the transform got nothing). With
   * the flag, every receiver holds its frames until its streams are taken, so none is
   * missed; video frames go straight on to the decoder (in the worker, off this thread).
   */
  static install(sink: SoundSink): RecorderSound {
    const sound = new RecorderSound(sink);
    const Native = window.RTCPeerConnection;
    const taken = new WeakSet<RTCRtpReceiver>();
    class TakenConnection extends Native {
      constructor(config?: RTCConfiguration) {
        super({ ...config, encodedInsertableStreams: true } as RTCConfiguration);
        this.addEventListener('track', (e) => {
          if (taken.has(e.receiver)) return;
          taken.add(e.receiver);
          const { readable, writable } = (e.receiver as RTCRtpReceiver & { createEncodedStreams(): { readable: ReadableStream; writable: WritableStream } }).createEncodedStreams();
          sound.worker.postMessage({ kind: e.track.kind, readable, writable }, [readable, writable]);
        });
      }

      // LiveKit sets the configuration again (ICE servers); the flag may not change after creation.
      override setConfiguration(config?: RTCConfiguration): void {
        super.setConfiguration({ ...config, encodedInsertableStreams: true } as RTCConfiguration);
      }
    }
    window.RTCPeerConnection = TakenConnection;
    sound.restore = () => void (window.RTCPeerConnection = Native);
    return sound;
  }

  private restore = () => undefined;

  close(): void {
    this.restore();
    this.picture.stop();
    this.worker.terminate();
  }
}
