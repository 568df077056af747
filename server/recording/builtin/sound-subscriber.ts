import { AudioStream, Room, RoomEvent, TrackKind, type RemoteTrack } from '@livekit/rtc-node';
import { SAMPLE_RATE } from './timeline.ts';

/**
 * The recording's sound, taken from LiveKit by @livekit/rtc-node in the recorder process
 * (a second hidden `recorder` participant that subscribes to audio only): every track
 * that LiveKit lets through is from someone allowed to speak, and the timeline mixes
 * them. Not from the page: headless Chromium plays sound on a timer-driven fake device
 * that falls behind on a busy machine (measured: the sound drifted 2–3 % late against
 * the picture), while rtc-node hands over each 10 ms frame as it is decoded. Each frame
 * is stamped with its arrival time plus the recorder view's fixed playout delay, so it
 * lands where the page shows the matching picture.
 */
export class SoundSubscriber {
  private readonly room = new Room();
  private readonly readers = new Set<ReadableStreamDefaultReader<unknown>>();
  private closed = false;
  private paused = false;

  constructor(private readonly onSound: (samples: Int16Array, at: number) => void, private readonly delayMs: number) {}

  async connect(url: string, token: string): Promise<void> {
    this.room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind === TrackKind.KIND_AUDIO) void this.read(track);
    });
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    // Only sound: video publications are not taken (the page shows the picture).
    this.apply();
    this.room.on(RoomEvent.TrackPublished, () => this.apply());
  }

  /**
   * Private mode: no sound is taken from LiveKit at all until it ends, so what sits in
   * the jitter buffer (up to a second or more on a busy machine) is dropped with the
   * subscription instead of playing out into the recording after the resume.
   */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.apply();
  }

  private apply(): void {
    for (const p of this.room.remoteParticipants.values()) for (const pub of p.trackPublications.values()) pub.setSubscribed(pub.kind === TrackKind.KIND_AUDIO && !this.paused);
  }

  private async read(track: RemoteTrack): Promise<void> {
    const reader = new AudioStream(track, SAMPLE_RATE, 1).getReader();
    this.readers.add(reader as ReadableStreamDefaultReader<unknown>);
    // Frames of one track follow each other without gaps; arrival times jitter by milliseconds,
    // so a frame close to where the last one ended continues it exactly.
    let next: number | undefined;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.closed) break;
        if (this.paused) continue;
        const samples = value.data;
        const length = (samples.length * 1000) / SAMPLE_RATE;
        let at = Date.now() + this.delayMs - length;
        if (next !== undefined && Math.abs(at - next) < 60) at = next;
        next = at + length;
        this.onSound(samples, at);
      }
    } catch {
      // The track ended.
    } finally {
      this.readers.delete(reader as ReadableStreamDefaultReader<unknown>);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const reader of this.readers) void reader.cancel().catch(() => undefined);
    await Promise.race([this.room.disconnect(), new Promise((resolve) => setTimeout(resolve, 3000))]);
  }
}
