import { spawn } from 'node:child_process';
import { openSync, readSync, closeSync, statSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The ffmpeg steps that turn what a recorder wrote into the library's file, all without
 * re-encoding: the `+faststart` remux of one fragmented part, the concatenation of
 * several, a trim at the in/out points, a thumbnail, and ffprobe's figures. The inputs
 * are files this server wrote itself (never a user's upload or string), read with the
 * protocol whitelist `file` only; outputs go to a temporary name and are renamed in
 * place, so a crash never leaves a half-written file under the final name.
 */

export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';
/** Generous: a remux of an hour takes seconds; a stuck tool must not hold the recording forever. */
const TOOL_TIMEOUT_MS = 10 * 60_000;

export class ToolFailed extends Error {}

/** Runs a tool and resolves with its stdout; rejects with the tail of stderr. */
export function run(tool: string, args: string[], timeoutMs = TOOL_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new ToolFailed(`${tool} could not start: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new ToolFailed(`${tool.split('/').pop()} failed (${signal ?? `code ${code}`}): ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

const INPUT = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-protocol_whitelist', 'file'];

async function intoPlace(final: string, make: (tmp: string) => Promise<unknown>): Promise<void> {
  const tmp = join(dirname(final), `.tmp-${process.pid}-${Date.now()}.mp4`);
  try {
    await make(tmp);
    renameSync(tmp, final);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * One MP4 with `moov` before `mdat` from one or more fragmented parts, streams copied.
 * A part cut by SIGKILL ends in a partial fragment; ffmpeg reads up to it.
 */
export async function joinParts(parts: string[], output: string): Promise<void> {
  if (parts.length === 0) throw new ToolFailed('nothing was recorded');
  await intoPlace(output, async (tmp) => {
    if (parts.length === 1) {
      await run(FFMPEG, [...INPUT, '-i', parts[0]!, '-map', '0', '-c', 'copy', '-movflags', '+faststart', tmp]);
      return;
    }
    // A fragmented part has no overall duration for the concat demuxer to offset the next
    // one by, so each is first remuxed to a plain MP4, then the list (ours, never user
    // input; `-safe 0` for absolute paths) is joined.
    const plain = parts.map((_, i) => join(dirname(output), `.plain-${i}.mp4`));
    const list = join(dirname(output), '.parts.txt');
    try {
      for (const [i, part] of parts.entries()) await run(FFMPEG, [...INPUT, '-i', part, '-map', '0', '-c', 'copy', plain[i]!]);
      writeFileSync(list, plain.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n') + '\n');
      await run(FFMPEG, [...INPUT, '-f', 'concat', '-safe', '0', '-i', list, '-map', '0', '-c', 'copy', '-movflags', '+faststart', tmp]);
    } finally {
      for (const p of [list, ...plain]) rmSync(p, { force: true });
    }
  });
}

/** Times (ms) of the video's keyframes, from the packet index (nothing is decoded). */
export async function keyframes(input: string): Promise<number[]> {
  const csv = await run(FFPROBE, ['-v', 'error', '-protocol_whitelist', 'file', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', input], 120_000);
  return csv.split('\n').filter((line) => line.includes(',K')).map((line) => Math.round(Number(line.split(',')[0]) * 1000)).filter(Number.isFinite);
}

/**
 * A copy between the in and out points without re-encoding. A stream copy can only
 * start on a keyframe, so the cut starts at the last keyframe at or before `inMs` (the
 * recorder writes one every 2 s) and that is the in point returned: the file's length
 * is then exactly `outMs - in`, and nothing asked for is lost.
 */
export async function trimCopy(input: string, output: string, inMs: number, outMs: number): Promise<{ inMs: number; outMs: number }> {
  const frames = await keyframes(input);
  const start = frames.filter((k) => k <= inMs).at(-1) ?? 0;
  // A hair past the keyframe's own time, so the seek lands on it and not on the one before.
  const seek = start === 0 ? [] : ['-ss', ((start + 1) / 1000).toFixed(3)];
  await intoPlace(output, (tmp) => run(FFMPEG, [...INPUT, ...seek, '-i', input, '-t', ((outMs - start) / 1000).toFixed(3), '-map', '0', '-c', 'copy', '-avoid_negative_ts', 'make_zero', '-movflags', '+faststart', tmp]));
  return { inMs: start, outMs };
}

/** A JPEG from near the start (or the first frame of a short one), 640 wide. */
export async function thumbnail(input: string, output: string, durationMs: number): Promise<void> {
  const at = Math.min(5, Math.max(0, durationMs / 1000 / 3));
  const tmp = `${output}.tmp.jpg`;
  try {
    await run(FFMPEG, [...INPUT, '-ss', at.toFixed(2), '-i', input, '-frames:v', '1', '-vf', 'scale=640:-2', '-q:v', '4', tmp]);
    renameSync(tmp, output);
  } finally {
    rmSync(tmp, { force: true });
  }
}

export interface MediaFacts {
  durationMs: number;
  sizeBytes: number;
  video: string | undefined;
  audio: string | undefined;
}

/** Duration, size and codecs from ffprobe. */
export async function probeFile(path: string): Promise<MediaFacts> {
  const json = JSON.parse(await run(FFPROBE, ['-v', 'error', '-protocol_whitelist', 'file', '-show_format', '-show_streams', '-of', 'json', path], 60_000)) as {
    format?: { duration?: string };
    streams?: { codec_type?: string; codec_name?: string }[];
  };
  const streams = json.streams ?? [];
  return {
    durationMs: Math.round(Number(json.format?.duration ?? 0) * 1000),
    sizeBytes: statSync(path).size,
    video: streams.find((s) => s.codec_type === 'video')?.codec_name,
    audio: streams.find((s) => s.codec_type === 'audio')?.codec_name,
  };
}

/** The top-level MP4 boxes in file order (type names), read from their headers only. */
export function topLevelBoxes(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const header = Buffer.alloc(16);
    const boxes: string[] = [];
    let at = 0;
    while (at + 8 <= size && boxes.length < 10_000) {
      readSync(fd, header, 0, 16, at);
      let length = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (length === 1) length = Number(header.readBigUInt64BE(8));
      else if (length === 0) length = size - at;
      if (length < 8) break;
      boxes.push(type);
      at += length;
    }
    return boxes;
  } finally {
    closeSync(fd);
  }
}

/** Whether `moov` comes before the first `mdat`: a browser can start playing before it has the whole file. */
export function isFastStart(path: string): boolean {
  const boxes = topLevelBoxes(path);
  const moov = boxes.indexOf('moov');
  const mdat = boxes.indexOf('mdat');
  return moov >= 0 && mdat >= 0 && moov < mdat;
}
