/**
 * The recorder view's sound, taken where it enters the browser (ROOM-13). Each remote
 * microphone's receiver hands its encoded stream to this worker (recorder-sound.ts): every
 * Opus (or RED) packet comes here as it arrives, before the page's jitter buffer and sound device, is decoded
 * with WebCodecs and placed by its RTP timestamp (arrival-clock.ts). Nothing is passed on,
 * so the page itself plays no sound. Why not the page's played-out sound: headless
 * Chromium plays through a timer-driven fake device that falls behind on a busy machine,
 * and everything pulled by it (Web Audio, MediaStreamTrackProcessor) falls behind with it.
 *
 * Posts `{ at, pcm }`: `at` is the wall-clock time (ms since the epoch) of the first
 * sample, on the arrival clock (when it would have arrived by the stream's fastest way),
 * `pcm` is 48 kHz mono 16-bit, about 100 ms a message.
 */
import { ArrivalClock } from './arrival-clock.ts';
import { splitRed } from './red-audio.ts';

const RATE = 48_000;
const TICKS_PER_MS = RATE / 1000;
const BATCH_SAMPLES = RATE / 10;

interface EncodedFrame {
  data: ArrayBuffer;
  getMetadata(): { rtpTimestamp?: number; receiveTime?: number; mimeType?: string };
}
interface Scope {
  onmessage: ((event: MessageEvent<{ kind: string; readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> }>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
const scope = self as unknown as Scope;

/** The wall-clock time of a moment on this worker's performance clock (read now, so clock changes follow). */
const wallOf = (perf: number) => Date.now() - (performance.now() - perf);

class Track {
  private readonly clock = new ArrivalClock(TICKS_PER_MS);
  private decoder: AudioDecoder | undefined;
  /** The RTP timestamp of the newest encoding decoded (older copies in RED packets are skipped). */
  private lastRtp: number | undefined;
  private pending: { at: number; parts: Float32Array[]; samples: number } | undefined;
  /**
   * Where each chunk sent to the decoder belongs, in decoding order: the decoder gives one
   * output per chunk, in order, but stamps them by counting samples from the first, which
   * loses the gaps of silence suppression (tried: the sound crept seconds early).
   */
  private readonly places: number[] = [];

  /** A decoder that failed on a bad packet is closed; the next packet gets a new one. */
  private ready(): AudioDecoder {
    if (!this.decoder || this.decoder.state === 'closed') {
      this.places.length = 0;
      this.decoder = new AudioDecoder({ output: (data) => this.decoded(data), error: (e) => scope.postMessage({ error: `the sound decoder failed: ${e.message}` }, []) });
      this.decoder.configure({ codec: 'opus', sampleRate: RATE, numberOfChannels: 1 });
    }
    return this.decoder;
  }

  packet(frame: EncodedFrame): void {
    const meta = frame.getMetadata();
    if (meta.rtpTimestamp === undefined) return;
    const now = performance.now();
    // The network's arrival time when Chromium gives it (a busy worker reads late), else now.
    const received = meta.receiveTime !== undefined && meta.receiveTime <= now + 5 && now - meta.receiveTime < 5000 ? meta.receiveTime : now;
    const at = this.clock.place(meta.rtpTimestamp, wallOf(received));
    const data = new Uint8Array(frame.data);
    // RED carries the previous packets again: those fill in for packets that were lost.
    const blocks = meta.mimeType === 'audio/red' ? splitRed(data) : [{ offset: 0, payload: data }];
    const decoder = this.ready();
    for (const block of blocks) {
      const rtp = (meta.rtpTimestamp - block.offset) >>> 0;
      if (this.lastRtp !== undefined && ((rtp - this.lastRtp) | 0) <= 0) continue;
      this.lastRtp = rtp;
      if (block.payload.length === 0) continue;
      this.places.push(at - block.offset / TICKS_PER_MS);
      decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp: Math.round((at - block.offset / TICKS_PER_MS) * 1000), data: block.payload }));
    }
  }

  private decoded(data: AudioData): void {
    const at = this.places.shift() ?? data.timestamp / 1000;
    const samples = new Float32Array(data.numberOfFrames);
    data.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
    data.close();
    const p = this.pending;
    // A packet that continues the last one (within a sample or two) joins its batch.
    if (p && Math.abs(p.at + p.samples / TICKS_PER_MS - at) < 0.05) {
      p.parts.push(samples);
      p.samples += samples.length;
    } else {
      this.flush();
      this.pending = { at, parts: [samples], samples: samples.length };
    }
    if (this.pending!.samples >= BATCH_SAMPLES) this.flush();
  }

  flush(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    const pcm = new Int16Array(p.samples);
    let i = 0;
    for (const part of p.parts) for (const s of part) pcm[i++] = Math.max(-32768, Math.min(32767, Math.round(s * 32768)));
    scope.postMessage({ at: p.at, pcm }, [pcm.buffer]);
  }

  close(): void {
    this.flush();
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
  }
}

const tracks = new Set<Track>();
// A speaker who stops sending (silence suppression, a muted microphone) still gets what was decoded out.
setInterval(() => {
  for (const track of tracks) track.flush();
}, 250);

/** A microphone's frames are decoded here and go no further; a camera's go straight on to the page's decoder. */
scope.onmessage = (e) => {
  const { kind, readable, writable } = e.data;
  if (kind !== 'audio') {
    void readable.pipeTo(writable).catch(() => undefined);
    return;
  }
  const track = new Track();
  tracks.add(track);
  const reader = readable.getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        track.packet(value);
      }
    } catch {
      // The receiver went away.
    } finally {
      tracks.delete(track);
      track.close();
    }
  })();
};
