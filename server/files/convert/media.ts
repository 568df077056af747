import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversionJob, ConversionResult } from './conversion.ts';
import { ConversionError, runTool } from './conversion.ts';
import { probe, type Probe } from './ffprobe.ts';
import { THUMB_WIDTH } from './pdf-pages.ts';

/** Longest video or audio accepted (a 10-hour file is refused before any work). */
export const MAX_MEDIA_MS = 4 * 3600_000;
/** Largest picture accepted for an image (a pixel bomb is refused from its header). */
export const MAX_IMAGE_PIXELS = 40_000_000;
const FFMPEG = '/usr/bin/ffmpeg';
const SAFE_INPUT = ['-nostdin', '-hide_banner', '-v', 'error', '-protocol_whitelist', 'file'];

/**
 * Video and audio (POST-3): ffprobe first; H.264 (yuv420p) with AAC or no sound is only
 * remuxed with `+faststart` (the moov box in front, so playback and seeking start at
 * once); anything else is transcoded to H.264/AAC MP4. Audio becomes AAC, except MP3,
 * which is kept (without its tags). A poster frame becomes the thumbnail.
 */
export async function convertMedia(job: ConversionJob): Promise<ConversionResult> {
  const info = await probe(job, job.input);
  if (!info.video && !info.audio) throw new ConversionError(`"${job.name}" holds no video or sound we can play.`);
  if (!info.durationMs) throw new ConversionError(`"${job.name}" could not be read: its length is unknown, so the container is probably damaged.`);
  if (info.durationMs > MAX_MEDIA_MS) throw new ConversionError(`"${job.name}" lasts ${hours(info.durationMs)}; at most ${hours(MAX_MEDIA_MS)} can be played.`);
  const out = join(job.jobDir, 'out');
  await mkdir(out, { recursive: true });
  const onLine = (line: string) => {
    const match = /^out_time_us=(\d+)/.exec(line);
    if (match) job.onProgress(Math.min(95, (Number(match[1]) / 1000 / info.durationMs) * 95));
  };
  const timeoutSeconds = 60 + Math.ceil(info.durationMs / 1000) * 3;
  const common = [...SAFE_INPUT, '-i', job.input, '-map_metadata', '-1', '-progress', 'pipe:1', '-nostats'];
  if (!info.video) {
    const mp3 = info.audio!.codec === 'mp3';
    await runTool(job, FFMPEG, [...common, '-vn', '-map', '0:a:0', ...(mp3 ? ['-c:a', 'copy', '/job/out/media.mp3'] : ['-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '/job/out/media.m4a'])], { memoryMb: 1024, timeoutSeconds, what: 'converting the sound', onLine });
    job.onProgress(100);
    return { kind: 'audio', durationMs: info.durationMs, pageErrors: [] };
  }
  const maps = ['-map', '0:v:0', ...(info.audio ? ['-map', '0:a:0'] : [])];
  const args = quickPath(info)
    ? [...common, ...maps, '-c', 'copy', '-movflags', '+faststart', '/job/out/media.mp4']
    : [...common, ...maps, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-vf', "scale='min(1920,iw)':-2", '-threads', '2',
      ...(info.audio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'] : []), '-movflags', '+faststart', '/job/out/media.mp4'];
  await runTool(job, FFMPEG, args, { memoryMb: 2048, timeoutSeconds: quickPath(info) ? 120 : timeoutSeconds, what: quickPath(info) ? 'preparing the video' : 'converting the video', onLine });
  const at = Math.min(3, info.durationMs / 2000).toFixed(2);
  await runTool(job, FFMPEG, [...SAFE_INPUT, '-ss', at, '-i', '/job/out/media.mp4', '-frames:v', '1', '-vf', `scale=${THUMB_WIDTH}:-2`, '-q:v', '4', '/job/out/thumb.jpg'], { memoryMb: 1024, timeoutSeconds: 30, what: 'taking the poster frame' }).catch(() => undefined);
  job.onProgress(100);
  return { kind: 'video', durationMs: info.durationMs, width: info.video.width, height: info.video.height, pageErrors: [] };
}

/** PeerTube's test, in short: what browsers play as it is needs no re-encoding. */
function quickPath(info: Probe): boolean {
  const v = info.video;
  const a = info.audio;
  return !!v && v.codec === 'h264' && v.pixFmt === 'yuv420p' && v.width <= 1920 && v.height <= 1920 &&
    (!a || (a.codec === 'aac' && a.channelLayout !== 'quad')) && /mp4|mov/.test(info.formatName);
}

/**
 * PNG and JPG are decoded and encoded again (ffmpeg), so nothing hidden in the file
 * (metadata, trailing data, a second image) survives; the result is also the single
 * page the stage shows. The size is checked from the header before decoding.
 */
export async function convertImage(job: ConversionJob, ext: string): Promise<ConversionResult> {
  // The PNG header is read here first: ffmpeg refuses a pixel bomb's size without saying what it was.
  const header = ext === 'png' ? await pngSize(join(job.jobDir, 'in', 'source.png')) : undefined;
  if (header && header.width * header.height > MAX_IMAGE_PIXELS) throw tooManyPixels(job, header.width, header.height);
  const info = await probe(job, job.input).catch(() => {
    throw new ConversionError(`"${job.name}" is not a readable image.`);
  });
  const v = info.video;
  if (!v || !v.width || !v.height) throw new ConversionError(`"${job.name}" is not a readable image.`);
  if (v.width * v.height > MAX_IMAGE_PIXELS) throw tooManyPixels(job, v.width, v.height);
  const out = join(job.jobDir, 'out');
  await mkdir(join(out, 'pages'), { recursive: true });
  await mkdir(join(out, 'thumbs'), { recursive: true });
  const png = ext === 'png';
  const clean = png ? '/job/out/pages/1.png' : '/job/out/pages/1.jpg';
  await runTool(job, FFMPEG, [...SAFE_INPUT, '-i', job.input, '-map_metadata', '-1', '-frames:v', '1', ...(png ? [] : ['-q:v', '2']), clean], { memoryMb: 1024, timeoutSeconds: 60, what: 'cleaning the image' });
  job.onProgress(70);
  await runTool(job, FFMPEG, [...SAFE_INPUT, '-i', clean, '-vf', `scale=${THUMB_WIDTH}:-2`, '-frames:v', '1', '-q:v', '4', '/job/out/thumbs/1.jpg'], { memoryMb: 1024, timeoutSeconds: 30, what: 'making the thumbnail' });
  job.onProgress(100);
  return { kind: 'image', pages: 1, width: v.width, height: v.height, pageErrors: [] };
}

function tooManyPixels(job: ConversionJob, width: number, height: number): ConversionError {
  return new ConversionError(`"${job.name}" is ${width} × ${height} pixels; at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted. Make it smaller and upload it again.`);
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
async function pngSize(path: string): Promise<{ width: number; height: number } | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(24);
    const { bytesRead } = await handle.read(buffer, 0, 24, 0);
    if (bytesRead < 24 || buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
  } finally {
    await handle.close();
  }
}

function hours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
