/**
 * From "stop" to "ready" (ROOM-13): what the server does at the stop — the `-c copy
 * +faststart` remux of the recorder's fragmented MP4, ffprobe, the thumbnail — timed on a
 * recording of the recorder's own format (1280×720, 15 fps, H.264 with a keyframe every
 * 2 s, AAC, fragmented), and the remux rate (media seconds per second), so the figure for
 * an hour is known.
 *
 *   node --import tsx bench/recorder-remux.ts               10 minutes of media, writes bench/RESULTS.md
 *   node --import tsx bench/recorder-remux.ts --minutes 2 --no-write
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FFMPEG, joinParts, probeFile, run, thumbnail } from '../server/recording/mp4-tools.ts';
import { codeVersion, currentLoad, machine } from './support/report.ts';
import { writeSection } from './recording/results-section.ts';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, 'no-write': { type: 'boolean', default: false } } });
const minutes = Number(args.minutes);
const dir = mkdtempSync(join(tmpdir(), 'bench-remux-'));
const loadBefore = currentLoad();
try {
  const part = join(dir, 'part-1.mp4');
  const seconds = minutes * 60;
  console.log(`making ${minutes} min of recorder-format media (ultrafast, not timed)…`);
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=15:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '2000000', part], 60 * 60_000);
  const size = statSync(part).size;
  const final = join(dir, 'recording.mp4');
  const t0 = performance.now();
  await joinParts([part], final);
  const t1 = performance.now();
  const facts = await probeFile(final);
  // "Ready" (the service marks it so here); the thumbnail follows after.
  const t2 = performance.now();
  await thumbnail(final, join(dir, 'thumb.jpg'), facts.durationMs);
  const t3 = performance.now();
  const remuxS = (t1 - t0) / 1000;
  const readyS = (t2 - t0) / 1000;
  const rate = seconds / remuxS;
  const hourS = 3600 / rate + (readyS - remuxS);
  const body = [
    `## Recorder: stop → ready, remux rate — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine()}; ${codeVersion()}. Load average before: ${loadBefore.join(' / ')}, after: ${currentLoad().join(' / ')} (the machine is shared with other work).`,
    '',
    `Run: \`node --import tsx bench/recorder-remux.ts\` (${minutes} min of 1280×720 15 fps H.264 + AAC in the recorder's fragmented format, ${(size / 1024 / 1024).toFixed(0)} MB).`,
    '',
    '| media | file | remux (-c copy +faststart) | stop → ready (remux + ffprobe) | thumbnail after | remux rate | 1 hour, estimated | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${minutes} min | ${(size / 1024 / 1024).toFixed(0)} MB | ${remuxS.toFixed(2)} s | ${readyS.toFixed(2)} s | ${((t3 - t2) / 1000).toFixed(2)} s | ${rate.toFixed(0)}× real time | ${hourS.toFixed(1)} s | ≤ 5 s for 10 min: ${minutes === 10 ? (readyS <= 5 ? 'yes' : 'no') : 'n/a (not 10 min)'} |`,
    '',
    'The built-in recorder adds the time to close its part (ffmpeg writes its last fragment, the browser closes) before this; the 20 s integration test (`tests/integration/recording-builtin.test.ts`) checks the whole stop → "ready" in the library within 5 s.',
  ].join('\n');
  console.log(`\n${body}`);
  if (!args['no-write']) console.log(`written to ${writeSection('recorder-remux', body)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
