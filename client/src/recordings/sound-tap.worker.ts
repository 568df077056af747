/**
 * The recorder page's sound tap (ROOM-13), in a worker: the encoded streams of each
 * received sound track (WebRTC Encoded Transform, the `createEncodedStreams` flavour,
 * which LiveKit also uses in Chromium) show every Opus packet as it arrives (before Chromium's
 * jitter buffer and playout, which in headless Chromium run on a fake sound device that
 * falls behind on a busy machine), passes it on untouched, decodes a copy with WebCodecs
 * and hands the samples over with the packet's RTP time and arrival time. From those the
 * recorder process works out when the sound was made (server/recording/builtin/sound-clock.ts)
 * on the clock the picture is stamped with, so it lands where the page shows the
 * matching picture, whatever the load.
 */

import { redPrimary } from './red-packet.ts';

/** What the page passes with each transform (see sound-tap.ts). */
export interface SoundTapOptions {
  trackId: string;
}

/** What the worker posts to the page: the 48 kHz mono samples of one packet, its RTP time and when it arrived (wall-clock ms). */
export interface SoundTapBlock {
  trackId: string;
  rtp: number;
  arrival: number;
  samples: Int16Array;
}

interface EncodedAudioFrame {
  data: ArrayBuffer;
  getMetadata(): { rtpTimestamp?: number; payloadType?: number; mimeType?: string; receiveTime?: number };
}

const RATE = 48_000;

interface TrackStreams {
  readable: ReadableStream<EncodedAudioFrame>;
  writable: WritableStream<EncodedAudioFrame>;
  /** Present for sound; a picture's frames are only passed on. */
  options?: SoundTapOptions;
}

const scope = self as unknown as { onmessage: ((event: MessageEvent<TrackStreams>) => void) | null; postMessage(message: unknown, transfer: Transferable[]): void };

function tap(options: SoundTapOptions): (frame: EncodedAudioFrame) => void {
  // One output per packet, in order (the decoder keeps its own timestamps, so they cannot carry ours).
  const packets: { rtp: number; arrival: number }[] = [];
  const decoder = new AudioDecoder({
    output: (data) => {
      const frames = data.numberOfFrames;
      const planar = new Float32Array(frames);
      data.copyTo(planar, { planeIndex: 0, format: 'f32-planar' });
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = Math.max(-32768, Math.min(32767, Math.round(planar[i]! * 32767)));
      const packet = packets.shift();
      data.close();
      if (!packet) return;
      const block: SoundTapBlock = { trackId: options.trackId, ...packet, samples };
      scope.postMessage(block, [samples.buffer]);
    },
    error: () => undefined,
  });
  decoder.configure({ codec: 'opus', sampleRate: RATE, numberOfChannels: 1 });
  return (frame) => {
    const meta = frame.getMetadata();
    // When the packet came off the network (Chromium says so), else when it got here: a busy worker does not make it late.
    const arrival = performance.timeOrigin + (meta.receiveTime ?? performance.now());
    if (meta.rtpTimestamp === undefined || decoder.state !== 'configured') return;
    const bytes = new Uint8Array(frame.data);
    const red = meta.mimeType?.toLowerCase() === 'audio/red';
    const opus = red ? redPrimary(bytes) : bytes;
    if (!opus || opus.length === 0) return;
    packets.push({ rtp: meta.rtpTimestamp, arrival });
    decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp: (meta.rtpTimestamp * 1e6) / RATE, data: opus.slice() }));
  };
}

/** Every received track's encoded frames come through here (the page's connection asks for that); only sound is tapped. */
scope.onmessage = (event) => {
  const { readable, writable, options } = event.data;
  const take = options ? tap(options) : undefined;
  void readable
    .pipeThrough(new TransformStream<EncodedAudioFrame, EncodedAudioFrame>({
      transform(frame, controller) {
        try {
          take?.(frame);
        } catch {
          // A packet we cannot read is still passed on; the recording misses its 20 ms.
        }
        controller.enqueue(frame);
      },
    }))
    .pipeTo(writable)
    .catch(() => undefined);
};
