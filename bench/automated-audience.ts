/**
 * Automated-audience benchmark (issue 12): N real `@colyseus/sdk` attendees (joined the
 * way bench/room-fanout.ts joins them, through REST and matchmaking, each from its own
 * loopback address) in one automated webinar that started by its schedule, for a while.
 * The main lane plays a library video (one 60-s file, back to back, so the timeline
 * loads a new item every 59 s as a long webinar of several videos does). Every second
 * each attendee computes the video's position from the stage video's playback anchor in
 * its synchronised state (`positionAt(anchor, clock)`) and it is compared with the
 * position the timeline gives at that instant (clock − scheduled start − item start). The
 * room sends no per-second position broadcast; every byte each attendee receives is
 * counted, so the bytes the server sent per attendee per minute are measured, including
 * the timeline's CTA and poll opening and closing during the run.
 *
 *   node --import tsx bench/automated-audience.ts                 # 1,000 attendees, 10 minutes
 *   node --import tsx bench/automated-audience.ts --quick         # 100 attendees, 1 minute
 *   node --import tsx bench/automated-audience.ts --attendees 500 --minutes 3 --no-write
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@colyseus/sdk';
import WebSocket from 'ws';
import type { EventOut } from '../shared/event-schemas.ts';
import type { PollOut } from '../shared/poll-schemas.ts';
import { positionAt, type PlaybackAnchor } from '../shared/playback-anchor.ts';
import { createEvent, newOrganizer } from '../tests/support/api-client.ts';
import { makeVideo } from '../tests/support/file-fixtures.ts';
import { uploadReady } from '../tests/support/files-client.ts';
import { eventually } from '../tests/support/room-client.ts';
import { joinLiveRoom, type Attendee, type AttendeeHooks } from './support/attendees.ts';
import { percentileOf } from './support/histogram.ts';
import { forkChild } from './support/ipc.ts';
import { clockMs, cpuPercent, type ProcessSample } from './support/process-stats.ts';
import { codeVersion, currentLoad, machine } from './support/report.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    attendees: { type: 'string' },
    minutes: { type: 'string' },
  },
});
const attendeeCount = Number(args.attendees ?? (args.quick ? 100 : 1000));
const minutes = Number(args.minutes ?? (args.quick ? 1 : 10));
const TOLERANCE_MS = 500;
const JOIN_BATCH = 20;

interface Tracked { attendee: Attendee; anchor: PlaybackAnchor | null; status: string }

const loadBefore = currentLoad();
const startedRun = new Date();
const server = forkChild('server', new URL('./support/bench-server.ts', import.meta.url).href, { execArgv: ['--expose-gc'] });
const { url } = await server.request<{ url: string }>('info');
console.log(`server at ${url}; ${attendeeCount} attendees for ${minutes} min`);

// An automated webinar that starts in 5 s by itself, with a CTA and a poll during the measured window.
const { api } = await newOrganizer(url);
// Uploaded (and converted) before the webinar is made, so its start finds the timeline saved.
const video = await uploadReady(api, 'talk.mp4', makeVideo(60));
const startsAt = new Date(Date.now() + 5_000);
const event = await createEvent(api, { kind: 'automated', startsAt: startsAt.toISOString(), durationMinutes: 120 });
const poll = await api.ok<PollOut>('POST', `/events/${event.id}/polls`, { title: 'Pace', questions: [{ text: 'Too fast?', type: 'single', choices: [{ text: 'Yes' }, { text: 'No' }] }] });
const lengthMs = 110 * 60_000;
// One 60-s video, played back to back: a new item (a new anchor) every ITEM_MS.
const ITEM_MS = 59_000;
const videoItems = Array.from({ length: Math.ceil(lengthMs / ITEM_MS) }, (_, i) => ({ id: `part-${i}`, kind: 'video', startMs: i * ITEM_MS, durationMs: ITEM_MS, assetId: video.id }));
// Inside the measured window: the quick run measures from about 0:10, the full one from a minute or two.
const ctaAt = args.quick ? 25_000 : 4 * 60_000;
const pollAt = args.quick ? 40_000 : 6 * 60_000;
const mmss = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
await api.ok('PUT', `/events/${event.id}/timeline`, {
  version: 1, chatEnabledAtStart: false,
  main: videoItems,
  overlay: [
    { id: 'offer', kind: 'cta', startMs: ctaAt, durationMs: 10_000, message: 'Get the e-book', buttonLabel: 'Get it', url: 'https://example.com/book' },
    { id: 'pace', kind: 'poll', startMs: pollAt, durationMs: 15_000, pollId: poll.id, showResultsAtMs: 5_000 },
  ],
});
await eventually(async () => (await api.ok<EventOut>('GET', `/events/${event.id}`)).status === 'live', 60_000, 'the webinar live by its schedule');
// The server's anchor: the room was started with the scheduled start as position 0.
const serverAnchor = Date.parse((await api.ok<EventOut>('GET', `/events/${event.id}`)).startsAt);

/**
 * The SDK's transport is the `ws` package on Node 20; every frame any of its sockets
 * receives is counted per socket: the bytes the server sent each attendee (WebSocket
 * payloads, without TCP and frame headers).
 */
const bytesBySocket = new Map<WebSocket, number>();
const emit = WebSocket.prototype.emit;
WebSocket.prototype.emit = function (this: WebSocket, name: string | symbol, ...rest: unknown[]) {
  if (name === 'message') {
    const data = rest[0] as Buffer | ArrayBuffer | Buffer[];
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    bytesBySocket.set(this, (bytesBySocket.get(this) ?? 0) + size);
  }
  return emit.call(this, name, ...rest);
} as typeof emit;

const tracked: Tracked[] = [];
const hooks: AttendeeHooks = {
  chat: () => undefined,
  state: (attendee, state) => {
    const t = tracked[attendee.index];
    const s = state as unknown as { playback?: string; status?: string };
    if (t && s.playback) t.anchor = JSON.parse(s.playback) as PlaybackAnchor;
    if (t && s.status) t.status = s.status;
  },
  error: () => undefined,
  reconnected: () => undefined,
  left: () => undefined,
};
const client = new Client(url);
const joinStarted = clockMs();
let failedJoins = 0;
for (let first = 0; first < attendeeCount; first += JOIN_BATCH) {
  await Promise.all(Array.from({ length: Math.min(JOIN_BATCH, attendeeCount - first) }, async (_, k) => {
    const index = first + k;
    tracked[index] = { attendee: undefined as unknown as Attendee, anchor: null, status: '' };
    try {
      const attendee = await joinLiveRoom(client, url, event.id, index, hooks);
      const entry = tracked[index] as Tracked;
      entry.attendee = attendee;
    } catch (error) {
      failedJoins += 1;
      if (failedJoins <= 3) console.warn(`join ${index} failed: ${(error as Error).message}`);
    }
  }));
}
const joinSeconds = (clockMs() - joinStarted) / 1000;
console.log(`${attendeeCount - failedJoins} joined in ${joinSeconds.toFixed(0)} s (${failedJoins} failed)`);

// Measurement: every second each attendee reads its position; bytes per attendee are counted from now.
const sockets = [...bytesBySocket.keys()];
for (const socket of sockets) bytesBySocket.set(socket, 0);
const errors: number[] = [];
const lateness: number[] = [];
let outside = 0;
let readings = 0;
let notLive = 0;
/** Readings in the first second of an item: the new anchor may still be on its way. */
let atItemChange = 0;
let outsideAtItemChange = 0;
const measureStart = clockMs();
const serverBefore = await server.request<ProcessSample>('sample');
const deadline = measureStart + minutes * 60_000;
let nextTick = measureStart + 1_000;
while (clockMs() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextTick - clockMs())));
  const late = clockMs() - nextTick;
  lateness.push(late);
  for (const t of tracked) {
    if (!t.attendee?.connected || t.anchor === null) { notLive += 1; continue; }
    if (t.status !== 'live') notLive += 1;
    const now = clockMs();
    const clientPosition = positionAt(t.anchor, now);
    // What the timeline says at the instant the tick was due: a player that runs late shows an older position.
    const timelineAt = nextTick - serverAnchor;
    const roomPosition = timelineAt % ITEM_MS;
    const error = Math.abs(clientPosition - roomPosition);
    errors.push(error);
    readings += 1;
    if (error > TOLERANCE_MS) outside += 1;
    if (roomPosition < 1_000) {
      atItemChange += 1;
      if (error > TOLERANCE_MS) outsideAtItemChange += 1;
    }
  }
  nextTick += 1_000;
}
const measuredMinutes = (clockMs() - measureStart) / 60_000;
const serverAfter = await server.request<ProcessSample>('sample');
const connected = tracked.filter((t) => t.attendee?.connected).length;
const counted = sockets.filter((socket) => socket.readyState === WebSocket.OPEN);
const bytesPerMinute = counted.map((socket) => (bytesBySocket.get(socket) ?? 0) / measuredMinutes);
const result = {
  joined: attendeeCount - failedJoins, connected, joinSeconds, readings, outside, notLive, atItemChange, outsideAtItemChange,
  p50: percentileOf(errors, 50), p95: percentileOf(errors, 95), p99: percentileOf(errors, 99), max: errors.reduce((m, x) => Math.max(m, x), 0),
  lateP95: percentileOf(lateness, 95), lateMax: lateness.reduce((m, x) => Math.max(m, x), 0),
  bytesMedian: percentileOf(bytesPerMinute, 50), bytesMax: bytesPerMinute.reduce((m, x) => Math.max(m, x), 0), counted: counted.length,
  serverCpu: cpuPercent(serverBefore, serverAfter), serverRss: serverAfter.rss,
};
console.log(result);

await Promise.all(tracked.map((t) => t.attendee?.leave()));
await server.stop();

const load = currentLoad();
const section = [
  `## automated-audience — ${startedRun.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `\`node --import tsx bench/automated-audience.ts${args.quick ? ' --quick' : ''}${args.attendees ? ` --attendees ${attendeeCount}` : ''}${args.minutes ? ` --minutes ${minutes}` : ''}\` · ${machine()} · ${codeVersion()}`,
  `Load average before ${loadBefore.join(' / ')}, after ${load.join(' / ')}. ${Math.max(loadBefore[0] ?? 0, load[0] ?? 0) > 2 ? "**The machine is shared and busy** (other engineers' builds and tests run at the same time)" : 'The machine was otherwise idle'}; the server, and all attendees in one controller process, share its 2 cores.`,
  '',
  `${result.joined} real \`@colyseus/sdk\` attendees (${failedJoins} joins failed) in one automated webinar started by its schedule; they joined in ${joinSeconds.toFixed(0)} s, after the start (late joiners), then ${measuredMinutes.toFixed(1)} min were measured with a CTA (at ${mmss(ctaAt)} for 10 s) and a poll (at ${mmss(pollAt)} for 15 s, results after 5 s) played by the timeline.`,
  `The main lane plays a library video (a 60-s file as back-to-back items of ${ITEM_MS / 1000} s: the timeline loads a new item, a new stage-video anchor, every ${ITEM_MS / 1000} s). Each attendee reads the video's position every second from the playback anchor in its synchronised state (\`positionAt(anchor, clock)\`, what the browser's player is set to); it is compared with the position the timeline gives at the moment the reading was due (clock − scheduled start − item start), so a late reading counts as error. The room sends no per-second broadcast: the anchor is sent once per item and the position is a function of the clock. Server and attendees share one machine clock here, so clock skew between machines is not part of these figures.`,
  '',
  '| figure | value | target |',
  '| --- | --- | --- |',
  `| readings (attendee × second) | ${readings} | |`,
  `| position error p50 / p95 / p99 / max | ${result.p50.toFixed(1)} / ${result.p95.toFixed(1)} / ${result.p99.toFixed(1)} / ${result.max.toFixed(1)} ms | ≤ 500 ms |`,
  `| readings outside 0.5 s | ${outside} (${readings ? ((100 * outside) / readings).toFixed(2) : '0'} %) | 0 |`,
  `| of those in the first second of an item (new anchor on its way), outside 0.5 s | ${outsideAtItemChange} of ${atItemChange} | |`,
  `| readings without a live anchor | ${notLive} | 0 |`,
  `| reader tick lateness p95 / max (the controller's event loop) | ${result.lateP95.toFixed(1)} / ${result.lateMax.toFixed(1)} ms | |`,
  `| connected at the end | ${connected} / ${result.joined} | all |`,
  `| bytes sent by the server per attendee per minute, median / max (${counted.length} attendees counted) | ${result.bytesMedian.toFixed(0)} / ${result.bytesMax.toFixed(0)} B | no per-second broadcast |`,
  `| server CPU during the window | ${result.serverCpu.toFixed(0)} % of one core | |`,
  `| server RSS at the end | ${(result.serverRss / 1024 / 1024).toFixed(0)} MB | |`,
].join('\n');
console.log(`\n${section}\n`);
if (!args['no-write']) {
  const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  const START = '<!-- automated-audience:start -->';
  const END = '<!-- automated-audience:end -->';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  const block = `${START}\n${section}\n${END}`;
  writeFileSync(file, a >= 0 && b > a ? current.slice(0, a) + block + current.slice(b + END.length) : `${current.trimEnd()}\n\n${block}\n`);
  console.log('written to bench/RESULTS.md');
}
process.exit(0);
