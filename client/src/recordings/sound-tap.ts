import type { SoundTapBlock, SoundTapOptions } from './sound-tap.worker.ts';

type TapWindow = Window & { __recorderSound?: (payload: string) => void };

let worker: Worker | undefined;
const tapped = new WeakSet<RTCRtpReceiver>();

function toBase64(samples: Int16Array): string {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function tapWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./sound-tap.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<SoundTapBlock>) => {
    const { trackId, rtp, arrival, samples } = event.data;
    // The built-in recorder's binding (Runtime.addBinding): a string is all it takes.
    (window as TapWindow).__recorderSound?.(JSON.stringify({ track: trackId, rtp, arrival, pcm: toBase64(samples) }));
  };
  return worker;
}

type EncodedReceiver = RTCRtpReceiver & { createEncodedStreams(): { readable: ReadableStream; writable: WritableStream } };

/** Whether this browser can tap sound (Chromium can; the built-in recorder runs Chromium). */
export function canTapSound(): boolean {
  return 'createEncodedStreams' in RTCRtpReceiver.prototype && typeof AudioDecoder !== 'undefined';
}

/**
 * Runs a received track's encoded frames through the tap worker (sound-tap.worker.ts):
 * sound is decoded there and handed to the built-in recorder with its RTP and arrival
 * times, instead of being taken from the page's playout; pictures are passed on. Called
 * from the connection's `track` event, before any frame is delivered: a picture's first
 * key frame that came before its pipe would be lost, and the picture would stay blank
 * until the next one (measured: 2–6 s).
 */
function tapReceiver(receiver: EncodedReceiver, track: MediaStreamTrack): void {
  if (tapped.has(receiver)) return;
  tapped.add(receiver);
  const { readable, writable } = receiver.createEncodedStreams();
  const options: SoundTapOptions | undefined = track.kind === 'audio' ? { trackId: track.id } : undefined;
  tapWorker().postMessage({ readable, writable, options }, [readable as unknown as Transferable, writable as unknown as Transferable]);
  if (track.kind !== 'audio') return;
  // WebRTC drops the sound of a track nobody plays before it reaches the tap: it plays, silently.
  const sink = new Audio();
  sink.srcObject = new MediaStream([track]);
  sink.volume = 0;
  void sink.play().catch(() => undefined);
  track.addEventListener('ended', () => (sink.srcObject = null));
}

/**
 * Makes every connection this page opens (LiveKit's) deliver encoded frames to the tap:
 * Chromium hands them over only when the connection asks for `encodedInsertableStreams`
 * at its creation, and then every received track must be piped (tapReceiver does). The
 * per-receiver RTCRtpScriptTransform needs no such flag, but in Chromium 156 it delivered
 * no frame of a track already playing (tried), and LiveKit avoids it in Chromium too.
 */
export function tapConnections(): void {
  const Native = window.RTCPeerConnection;
  if ((Native as unknown as { tapped?: boolean }).tapped) return;
  class Tapped extends Native {
    static tapped = true;
    constructor(config?: RTCConfiguration) {
      super({ ...config, encodedInsertableStreams: true } as RTCConfiguration);
      this.addEventListener('track', (event) => tapReceiver(event.receiver as EncodedReceiver, event.track));
    }

    // The flag cannot change once set: LiveKit's later updates keep it.
    override setConfiguration(config?: RTCConfiguration): void {
      super.setConfiguration({ ...config, encodedInsertableStreams: true } as RTCConfiguration);
    }
  }
  window.RTCPeerConnection = Tapped;
}
