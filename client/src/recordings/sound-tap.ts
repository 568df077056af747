/**
 * The recorder view's sound: every subscribed audio track mixed in Web Audio, taken out
 * by an AudioWorklet in 100 ms blocks of 48 kHz mono 16-bit PCM, each stamped with the
 * wall-clock time it plays out, and handed to the recorder process through the binding
 * it exposes (`__recorderSound`). The stamp comes from `getOutputTimestamp()`, the same
 * clock as the screencast's frame times, so picture and sound can be lined up.
 */

const BLOCK = 4800;
const WORKLET = `
class Tap extends AudioWorkletProcessor {
  constructor() { super(); this.buf = new Float32Array(${BLOCK}); this.n = 0; this.start = 0; }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    const len = ch ? ch.length : 128;
    if (this.n === 0) this.start = currentFrame;
    if (ch) this.buf.set(ch.subarray(0, Math.min(len, ${BLOCK} - this.n)), this.n);
    else this.buf.fill(0, this.n, Math.min(${BLOCK}, this.n + len));
    this.n += len;
    if (this.n >= ${BLOCK}) { this.port.postMessage({ start: this.start, samples: this.buf }); this.buf = new Float32Array(${BLOCK}); this.n = 0; }
    return true;
  }
}
registerProcessor('recorder-tap', Tap);
`;

type Sink = (base64: string, at: number) => void;

function toBase64(samples: Float32Array): string {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round((samples[i] ?? 0) * 32767)));
  const bytes = new Uint8Array(pcm.buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export class SoundTap {
  private readonly context = new AudioContext({ sampleRate: 48_000 });
  private readonly mix = this.context.createGain();
  private readonly sources = new Map<string, { node: MediaStreamAudioSourceNode; element: HTMLAudioElement }>();
  private ready: Promise<void>;

  constructor(sink: Sink) {
    this.ready = (async () => {
      const url = URL.createObjectURL(new Blob([WORKLET], { type: 'application/javascript' }));
      await this.context.audioWorklet.addModule(url);
      const tap = new AudioWorkletNode(this.context, 'recorder-tap', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
      tap.port.onmessage = (e: MessageEvent<{ start: number; samples: Float32Array }>) => {
        const ts = this.context.getOutputTimestamp();
        const at = performance.timeOrigin + (ts.performanceTime ?? performance.now()) + (e.data.start / this.context.sampleRate - (ts.contextTime ?? this.context.currentTime)) * 1000;
        sink(toBase64(e.data.samples), at);
      };
      this.mix.connect(tap);
      // The tap must be pulled by the graph to run; nothing is heard (there is no one to hear it).
      const silent = this.context.createGain();
      silent.gain.value = 0;
      tap.connect(silent).connect(this.context.destination);
      await this.context.resume();
    })();
  }

  /** Adds an audio track to the mix (once per track id). */
  async add(id: string, track: MediaStreamTrack): Promise<void> {
    await this.ready;
    if (this.sources.has(id)) return;
    const stream = new MediaStream([track]);
    // Chromium delivers a remote WebRTC track to Web Audio only while a media element plays it too.
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    const node = this.context.createMediaStreamSource(stream);
    node.connect(this.mix);
    this.sources.set(id, { node, element });
  }

  remove(id: string): void {
    const source = this.sources.get(id);
    if (!source) return;
    source.node.disconnect();
    source.element.srcObject = null;
    this.sources.delete(id);
  }

  /** Ids of the tracks in the mix now. */
  ids(): string[] {
    return [...this.sources.keys()];
  }
}
