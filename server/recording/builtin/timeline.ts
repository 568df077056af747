import type { Span } from '../recordings-store.ts';

/**
 * Puts the recorder page's picture and sound on one timeline. Both arrive stamped with
 * the browser's wall clock (screencast frames with their swap time, sound blocks with
 * the time they play out), so they line up the way a viewer of the page saw and heard
 * them. Output is written a fixed delay behind real time, so late blocks still find
 * their place: constant 15 fps video (the latest frame shown at each frame's time,
 * repeated while the page does not change) and continuous 48 kHz sound (silence where
 * nothing played). ffmpeg then takes the timestamps from the counts, so the two never
 * drift apart. A pause (private mode) is a stretch of wall time that is simply skipped.
 */
export interface TimelineOutput {
  video(jpeg: Buffer): void;
  audio(pcm: Buffer): void;
}

/** Sound of one speaker; `at` (wall-clock ms) is read as it is written, so it may still move until then (see sound-clock.ts). */
export interface AudioBlock {
  readonly at: number;
  readonly samples: Int16Array;
}

export const FPS = 15;
export const SAMPLE_RATE = 48_000;
const SAMPLES_PER_MS = SAMPLE_RATE / 1000;

export class Timeline {
  private readonly frames: { at: number; jpeg: Buffer }[] = [];
  private readonly blocks: AudioBlock[] = [];
  /** Pause/resume toggles not yet reached by the cursor, in wall-time order. */
  private readonly toggles: { at: number; paused: boolean }[] = [];
  private paused: boolean;
  /** Wall time up to which output has been written. */
  private cursor: number;
  private outMs = 0;
  private outSamples = 0;
  private outFrames = 0;
  private lastFrame: Buffer | undefined;
  private readonly kept: Span[] = [];

  constructor(private readonly out: TimelineOutput, start: number, paused: boolean, private readonly delayMs: number) {
    this.cursor = start;
    this.paused = paused;
  }

  frame(jpeg: Buffer, at: number): void {
    this.frames.push({ at, jpeg });
  }

  sound(block: AudioBlock): void {
    this.blocks.push(block);
  }

  pause(at: number): void {
    this.toggles.push({ at: Math.max(at, this.cursor), paused: true });
    this.toggles.sort((a, b) => a.at - b.at);
  }

  resume(at: number): void {
    this.toggles.push({ at: Math.max(at, this.cursor), paused: false });
    this.toggles.sort((a, b) => a.at - b.at);
  }

  /** Wall-clock spans in the output so far. */
  spans(): Span[] {
    return this.kept.map((s) => ({ ...s }));
  }

  get writtenMs(): number {
    return this.outMs;
  }

  /** Writes everything up to `now` less the delay (or up to `now` itself when flushing at the stop). */
  advance(now: number, flush = false): void {
    const target = flush ? now : now - this.delayMs;
    while (this.cursor < target) {
      const next = this.toggles[0];
      const until = next && next.at < target ? next.at : target;
      if (until > this.cursor) {
        if (!this.paused) this.write(this.cursor, until);
        this.cursor = until;
      }
      if (next && next.at <= this.cursor) {
        this.toggles.shift();
        this.paused = next.paused;
      }
    }
    this.forget();
  }

  private write(from: number, to: number): void {
    const last = this.kept.at(-1);
    if (last && last.to === from) last.to = to;
    else this.kept.push({ from, to });
    const endMs = this.outMs + (to - from);
    const wallOf = (outMs: number) => from + (outMs - this.outMs);
    // Sound: every sample from its wall time.
    const samples = Math.round(endMs * SAMPLES_PER_MS) - this.outSamples;
    if (samples > 0) {
      this.out.audio(Buffer.from(this.read(wallOf(this.outSamples / SAMPLES_PER_MS), samples).buffer));
      this.outSamples += samples;
    }
    // Picture: at each frame's time, the newest frame shown by then.
    const frames = Math.floor((endMs * FPS) / 1000) - this.outFrames;
    for (let i = 0; i < frames; i++) {
      const at = wallOf(((this.outFrames + i) * 1000) / FPS);
      const jpeg = this.frameAt(at);
      if (jpeg) this.out.video(jpeg);
    }
    this.outFrames += frames;
    this.outMs = endMs;
  }

  private frameAt(at: number): Buffer | undefined {
    while (this.frames.length > 0 && this.frames[0]!.at <= at) this.lastFrame = this.frames.shift()!.jpeg;
    // Before the page's first frame, the first one stands in (the page is still blank then).
    return this.lastFrame ?? this.frames[0]?.jpeg;
  }

  private read(at: number, count: number): Int16Array {
    const out = new Int16Array(count);
    // Blocks of one speaker follow each other; rounding may overlap them by a sample, never more.
    for (const block of this.blocks) {
      const offset = Math.round((block.at - at) * SAMPLES_PER_MS);
      if (offset >= count || offset + block.samples.length <= 0) continue;
      const src = Math.max(0, -offset);
      const dst = Math.max(0, offset);
      // Several speakers at once: their sound adds up (clipped to 16 bits).
      const n = Math.min(block.samples.length - src, count - dst);
      for (let i = 0; i < n; i++) out[dst + i] = Math.max(-32768, Math.min(32767, out[dst + i]! + block.samples[src + i]!));
    }
    return out;
  }

  /** Drops sound already written (and frames older than the newest shown). */
  private forget(): void {
    const keepFrom = this.cursor - 100;
    while (this.blocks.length > 0 && this.blocks[0]!.at + this.blocks[0]!.samples.length / SAMPLES_PER_MS < keepFrom) this.blocks.shift();
    while (this.frames.length > 1 && this.frames[1]!.at <= this.cursor) this.lastFrame = this.frames.shift()!.jpeg;
  }
}
