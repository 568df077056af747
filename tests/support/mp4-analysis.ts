import { spawn } from 'node:child_process';

/** Decodes a file with ffmpeg into raw bytes on stdout. */
function decode(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', ...args, 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`ffmpeg ${code}: ${err}`))));
  });
}

/** Rising edges of a boolean series: the index where each run of `true` begins (runs closer than `gap` merge). */
function onsets(flags: boolean[], gap: number): number[] {
  const out: number[] = [];
  let last = -Infinity;
  flags.forEach((on, i) => {
    if (!on) return;
    if (i - last > gap) out.push(i);
    last = i;
  });
  return out;
}

/** Times (ms from the start of the file) where a 1 kHz tone begins, by Goertzel over 5 ms windows. */
export async function beepOnsets(file: string): Promise<number[]> {
  const rate = 8000;
  const pcm = await decode(['-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(rate), '-f', 's16le']);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
  const win = rate / 200;
  const k = 2 * Math.cos((2 * Math.PI * 1000) / rate);
  const power: number[] = [];
  for (let start = 0; start + win <= samples.length; start += win) {
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < win; i++) {
      const s0 = samples[start + i]! / 32768 + k * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    power.push(s1 * s1 + s2 * s2 - k * s1 * s2);
  }
  const peak = Math.max(...power, 0);
  if (peak < 1e-3) return [];
  return onsets(power.map((p) => p > peak * 0.1), 60).map((i) => i * 5);
}

/** Times (ms) where the picture turns bright (the white flash), from a small grey copy of each frame at the file's constant 15 fps. */
export async function flashOnsets(file: string, fps = 15): Promise<number[]> {
  const w = 32;
  const h = 18;
  const raw = await decode(['-i', file, '-map', '0:v:0', '-vf', `scale=${w}:${h},format=gray`, '-fps_mode', 'passthrough', '-f', 'rawvideo']);
  const size = w * h;
  const means: number[] = [];
  for (let at = 0; at + size <= raw.length; at += size) {
    let sum = 0;
    for (let i = 0; i < size; i++) sum += raw[at + i]!;
    means.push(sum / size);
  }
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  if (hi - lo < 10) return [];
  return onsets(means.map((m) => m > (lo + hi) / 2), 8).map((i) => (i * 1000) / fps);
}

/** Maps a time in the file to the wall clock through the spans the recording kept. */
export function wallTimeOf(fileMs: number, kept: { from: number; to: number }[]): number | undefined {
  let offset = 0;
  for (const span of kept) {
    const length = span.to - span.from;
    if (fileMs < offset + length) return span.from + (fileMs - offset);
    offset += length;
  }
  return undefined;
}
