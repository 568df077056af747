import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { percentileOf, type Histogram } from './histogram.ts';
import type { BreakStep, FanoutRow, Options, PollResult, StormResult } from './scenarios.ts';
import { AUDIENCE_NICENESS } from './harness.ts';

/** Markdown tables of the figures, printed and written into bench/RESULTS.md between markers. */
export interface Results {
  startedAt: Date;
  /** `codeVersion()` when the run began. */
  code: string;
  loadBefore: number[];
  loadAfter?: number[];
  seconds?: number;
  options: Options;
  fanout: FanoutRow[];
  baseline: FanoutRow[];
  poll?: PollResult;
  storm?: StormResult;
  breakSteps: BreakStep[];
  failures: string[];
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '∞');
const pct = (v: number) => `${v.toFixed(0)}%`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–');
const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const chatTarget = (attendees: number) => (attendees <= 1000 ? 50 : attendees <= 2000 ? 100 : 150);

export function machine(): string {
  const run = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  const memory = run('free', ['-h']).split('\n').find((l) => l.startsWith('Mem:'))?.split(/\s+/)[1] ?? '?';
  return `${run('nproc', [])} cores (${cpus()[0]?.model ?? '?'}), ${memory} RAM, Node ${process.version}, ${run('uname', ['-sr'])}`;
}

/** Which server was measured: the commit, and whether server/ or shared/ had uncommitted changes then. */
export function codeVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
    return dirty ? `commit ${commit} with ${dirty} uncommitted file(s) in server/ and shared/` : `commit ${commit}`;
  } catch {
    return 'unknown commit';
  }
}

export function currentLoad(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

function fanoutSection(r: Results): string {
  const raw = (n: number) => r.baseline.find((b) => b.attendees === n);
  const lines = r.fanout.map((row) => {
    const base = raw(row.attendees);
    const p99 = row.chat.latency.percentile(99);
    const target = chatTarget(row.attendees);
    const withinBaseline = base ? p99 <= 3 * base.chat.latency.percentile(99) : false;
    return [row.attendees, row.chat.sent, ms(row.chat.latency.percentile(50)), ms(p99), ms(row.chat.sdkLatency.percentile(99)), ms(row.chat.latency.max),
      ms(percentileOf(row.chat.lastRecipient, 50)), ms(percentileOf(row.chat.lastRecipient, 99)), row.chat.dropped,
      pct(row.serverCpu), ms(row.serverLoopP99),
      base ? ms(base.chat.latency.percentile(50)) : '–', base ? ms(base.chat.latency.percentile(99)) : '–', base ? base.chat.dropped : '–',
      base ? ratio(row.chat.latency.percentile(50), base.chat.latency.percentile(50)) : '–', base ? ratio(p99, base.chat.latency.percentile(99)) : '–',
      `≤ ${target}: ${mark(p99 <= target)}`, mark(row.chat.dropped === 0 && row.chat.sent > 0), mark(withinBaseline)];
  });
  return [
    `### Chat fan-out at ${r.options.chatRate} messages/s for ${r.options.chatSeconds} s`,
    'Latency in ms from the sender\'s `room.send` to each attendee\'s `onMessage` (every delivery counts); "last" is the time until the last attendee had a line. The baseline is a bare `ws` server broadcasting the same chat line, msgpack-encoded once, to the same number of bare WebSocket clients (the light socket of the light attendees).',
    '',
    table(['attendees', 'lines', 'p50', 'p99', 'p99 at SDK clients', 'max', 'last p50', 'last p99', 'dropped', 'server CPU', 'server loop p99',
      'raw p50', 'raw p99', 'raw dropped', 'p50 ratio', 'p99 ratio', 'p99 target', 'nothing dropped', '≤ 3× raw p99'], lines),
    '',
    'Where the CPU went during each chat phase (100% = one core; the machine has two for everything):',
    '',
    table(['attendees', 'system', 'attendee processes CPU', 'server CPU', 'server loop max', 'refusals', 'rooms closed on attendees', 'SDK warnings'], [...r.fanout, ...r.baseline].map((row) =>
      [row.attendees, row.mode === 'room' ? 'product' : 'raw ws', pct(row.workerCpu), pct(row.serverCpu), ms(row.serverLoopMax), JSON.stringify(row.chat.errors), row.chat.left, JSON.stringify(row.chat.warnings)])),
  ].join('\n');
}

function memorySection(r: Results): string {
  const rows = r.fanout.map((row) => {
    const base = r.baseline.find((b) => b.attendees === row.attendees);
    return [row.attendees, mb(row.memory.rss), kb(row.memory.rssPerAttendee), kb(row.memory.marginalRssPerAttendee), kb(row.memory.heapPerAttendee),
      base ? `${kb(base.memory.rssPerAttendee)} / ${kb(base.memory.heapPerAttendee)}` : '–',
      base && base.memory.rssPerAttendee > 0 ? ratio(row.memory.rssPerAttendee, base.memory.rssPerAttendee) : '–', mark(row.memory.rssPerAttendee <= 20 * 1024)];
  });
  return [
    '### Server memory per idle attendee',
    'Server process after two full GCs (idle: joined, 3 s settled, before that size\'s chat), minus the same reading of the warmed-up server (host inside, 20 attendees came and went), divided by the attendees. "Marginal" divides the growth since the previous size by the attendees added.',
    '',
    table(['attendees', 'server RSS', 'RSS / attendee', 'marginal RSS / attendee', 'JS heap + external / attendee', 'raw ws: RSS / heap+ext per connection', 'RSS ratio', '≤ 20 KB (RSS)'], rows),
  ].join('\n');
}

/** The raw broadcast's chat p99 at the audience size closest to `attendees`, as the yardstick for figures with no raw twin. */
function rawYardstick(r: Results, attendees: number): { attendees: number; p99: number } | undefined {
  const nearest = [...r.baseline].sort((a, b) => Math.abs(a.attendees - attendees) - Math.abs(b.attendees - attendees))[0];
  return nearest && { attendees: nearest.attendees, p99: nearest.chat.latency.percentile(99) };
}
const versusRaw = (value: number, raw: { attendees: number; p99: number } | undefined) => (raw ? `${ratio(value, raw.p99)} (raw chat p99 at ${raw.attendees}: ${ms(raw.p99)} ms)` : '–');

function pollSection(p: PollResult, seconds: number, raw: { attendees: number; p99: number } | undefined): string {
  return [
    `### Poll burst: ${p.votes} votes spread over ${seconds} s, results shown to everyone`,
    'From an attendee\'s `poll-answer` to the moment every attendee\'s synchronised `pollResults` counts at least that many respondents (votes ranked by send time).',
    '',
    table(['attendees', 'votes', 'seen by everyone', 'p50', 'p99', 'max', 'p99 ≤ 150', 'p99 vs raw broadcast', 'server CPU', 'refusals'],
      [[p.attendees, p.votes, p.counted, ms(p.latency.percentile(50)), ms(p.latency.percentile(99)), ms(p.latency.max), mark(p.latency.percentile(99) <= 150 && p.counted === p.votes), versusRaw(p.latency.percentile(99), raw), pct(p.serverCpu), JSON.stringify(p.refusals)]]),
    '',
    'The tally rides the room’s regular state patch (every 50 ms; a lone vote after a quiet spell goes out at once), framed once and written to each socket with the chat of that tick.',
  ].join('\n');
}

function stormSection(s: StormResult, raw: { attendees: number; p99: number } | undefined): string {
  const wave = (name: string, w: { joined: number; failed: number; latency: Histogram; errors: Record<string, number> }) =>
    [name, w.joined, w.failed, ms(w.latency.percentile(50)), ms(w.latency.percentile(99)), ms(w.latency.max), mark(w.failed === 0 && w.latency.percentile(99) <= 2000), JSON.stringify(w.errors)];
  const chatP99 = s.chat.trackedLatency.percentile(99);
  const backShare = s.reconnect.dropped ? (100 * s.reconnect.backIn10s) / s.reconnect.dropped : 0;
  return [
    '### Join storm',
    'Each join is the whole way in: `POST /api/v1/events/{id}/join` from the attendee\'s loopback address, the matchmaking request, the WebSocket, until the room\'s JOIN_ROOM arrived (where the SDK\'s `joinOrCreate` resolves). Joins are started on schedule whether or not earlier ones have finished, as a crowd arrives.',
    '',
    table(['wave', 'joined', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'all in, p99 ≤ 2 s', 'errors'], [wave('first', s.first), wave('second', s.second)]),
    '',
    `Chat meanwhile (${s.inside} attendees already inside, ${s.chat.sent} lines): p50 ${ms(s.chat.trackedLatency.percentile(50))} ms, p99 ${ms(chatP99)} ms, max ${ms(s.chat.trackedLatency.max)} ms, dropped ${s.chat.dropped} — target p99 ≤ 250 ms: ${mark(chatP99 <= 250 && s.chat.dropped === 0)}; p99 vs raw broadcast ${versusRaw(chatP99, raw)}. Server CPU ${pct(s.usage.serverCpu)}, event-loop delay p99 ${ms(s.usage.serverLoopP99)} ms, max ${ms(s.usage.serverLoopMax)} ms.`,
    '',
    ...profileLines(s),
    `Then every attendee's TCP connection cut at once on the client side (no close frame, as when a network fails), each coming back with the SDK's reconnection (token, back-off from 200 ms): ${s.reconnect.dropped} dropped, ${s.reconnect.back} back within 20 s, ${s.reconnect.backIn10s} (${backShare.toFixed(1)}%) within 10 s — target 99%: ${mark(backShare >= 99)}; reconnection p50 ${ms(s.reconnect.latency.percentile(50))} ms, p99 ${ms(s.reconnect.latency.percentile(99))} ms. A 3-s chat among the ${s.afterwards.expected / Math.max(1, s.afterwards.sent)} who came back: ${s.afterwards.sent} lines, ${s.afterwards.dropped} deliveries dropped, p99 ${ms(s.afterwards.latency.percentile(99))} ms.`,
  ].join('\n');
}

/** The server's top functions by self time over both waves, next to the profile taken before the join-path work. */
function profileLines(s: StormResult): string[] {
  if (!s.profile) return [];
  const rows = s.profile.top.map((f, i) => [i + 1, f.name, f.where || '–', ms(f.selfMs), `${(f.share * 100).toFixed(1)}%`]);
  return [
    `Server CPU profile over both waves of a second, profiled storm on a fresh server (the figures above come from an unprofiled one; ${s.profile.seconds.toFixed(0)} s, V8 sampling profiler in the server process; summarised by \`bench/support/profile-summary.ts\`), top 10 by self time — after the join-path work:`,
    '',
    table(['#', 'function', 'where', 'self ms', 'share'], rows),
    '',
    PROFILE_BEFORE,
    '',
  ];
}

/**
 * The same summary of the server under the same storm before the join-path work
 * (commit 631b5a7, whole server process under `--cpu-prof`, 75 s, 2026-12-02, load 2–8):
 * 1,797 of 2,000 and all 1,000 of the second wave failed then.
 */
const PROFILE_BEFORE = [
  'Before (commit 631b5a7, the whole server process under `--cpu-prof` for the storm run, 75 s; 203 of 3,000 got in): WebCrypto HMAC jobs queued on the 4-thread pool, SQLite statements prepared anew for every query and drizzle building each query\'s SQL anew:',
  '',
  '| # | function | where | self ms | share |',
  '| --- | --- | --- | --- | --- |',
  '| 1 | (idle) | – | 11962 | 15.9% |',
  '| 2 | writev | – | 7117 | 9.4% |',
  '| 3 | prepare | node_modules/better-sqlite3/lib/methods/wrappers.js:4 | 5286 | 7.0% |',
  '| 4 | is | node_modules/drizzle-orm/entity.js:3 | 3351 | 4.4% |',
  '| 5 | (program) | – | 2202 | 2.9% |',
  '| 6 | (garbage collector) | – | 2039 | 2.7% |',
  '| 7 | (anonymous) | node:internal/crypto/util:470 | 1888 | 2.5% |',
  '| 8 | hasReachedMaxClients | node_modules/@colyseus/core/build/Room.mjs:434 | 1395 | 1.8% |',
  '| 9 | get | node_modules/drizzle-orm/better-sqlite3/session.js:87 | 1338 | 1.8% |',
  '| 10 | (anonymous) | node_modules/drizzle-orm/sql/sql.js:83 | 1110 | 1.5% |',
].join('\n');

/** A first reading of why a step broke, from where the CPU went. */
function diagnose(step: BreakStep): string {
  if (step.serverCpu >= 85) return `the server process was using ${pct(step.serverCpu)} of a core: its one JavaScript thread (rooms, REST, sockets) was saturated`;
  if (step.serverCpu + step.workerCpu >= 170) return `server (${pct(step.serverCpu)}) and attendee processes (${pct(step.workerCpu)}) together saturated both cores`;
  return `no process was saturated (server ${pct(step.serverCpu)}, attendees ${pct(step.workerCpu)}); server event-loop stalls up to ${ms(step.serverLoopMax)} ms, or other load on the machine`;
}

function breakSection(r: Results): string {
  const steps = r.breakSteps;
  const broken = steps.find((s) => s.broken);
  return [
    '### Pushing until it breaks',
    `More attendees in steps of ${r.options.breakAttendeeStep} (the self-hosted plan admits 10,000), then faster chat, each step 10 s; a step breaks on p99 > ${r.options.breakP99Ms} ms, a dropped line or a failed join.`,
    '',
    table(['attendees', 'lines/s', 'p50', 'p99', 'dropped', 'server CPU', 'worker CPU', 'server loop p99', 'verdict'],
      steps.map((s) => [s.attendees, s.rate, ms(s.p50), ms(s.p99), s.dropped, pct(s.serverCpu), pct(s.workerCpu), ms(s.serverLoopP99), s.broken ?? 'holds'])),
    '',
    broken ? `**Broke at ${broken.attendees} attendees, ${broken.rate} lines/s: ${broken.broken}; ${diagnose(broken)}.**` : 'Nothing broke within the steps tried.',
  ].join('\n');
}

export function renderResults(r: Results): string {
  const loadNote = r.loadBefore[0]! > 1
    ? `Load average before the run: ${r.loadBefore.join(' / ')} — **other work was running on the machine** (it is shared), so figures are pessimistic.`
    : `Load average before the run: ${r.loadBefore.join(' / ')}.`;
  const o = r.options;
  return [
    `## room-fanout — ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Code: ${r.code}. Machine: ${machine()}. ${loadNote}${r.loadAfter ? ` After: ${r.loadAfter.join(' / ')}.` : ''}${r.seconds ? ` Run took ${Math.round(r.seconds)} s.` : ''}`,
    '',
    'How it measures:',
    '- **Server**: the real one (`startServer`, as `server/main.ts` builds it) in a process of its own with a fresh SQLite file; new accounts get `DEFAULT_PLAN=self-hosted` (10,000 attendees an event); `JOIN_RATE_PER_MINUTE` stays at its default of 30, and attendees join from distinct loopback addresses, 20 per address (127.1.0.1, 127.1.0.2, …), as a real audience comes from many networks.',
    `- **Attendees**: ${o.workers} worker processes. Every ${o.sdkEvery === 1 ? '' : `${o.sdkEvery}th `}attendee is a real \`@colyseus/sdk\` client${o.sdkEvery === 1 ? '' : '; the others are light clients of the same protocol (`bench/support/light-attendee.ts`: same REST join, matchmaking request, WebSocket URL, JOIN_ROOM acknowledgement, state decoded with the same `@colyseus/schema` Decoder, same reconnection), because two cores cannot carry the server and 5,000 SDK clients at once: the SDK spends about twice the CPU per received frame. The column "p99 at SDK clients" checks the two kinds against each other'}. Each goes the whole way in: \`POST /api/v1/events/{id}/join\`, then \`joinOrCreate('live_event', { eventId, ticket })\`. The host (in the controller process) signed up, created the webinar and pressed "Start event".`,
    `- **Chat**: lines of ${o.textLength} characters, sent in turn by ${o.senders} or more attendees (at most 0.5 line/s each, under the room's 5-per-5-s limit); each line carries its send time, read from \`performance.timeOrigin + performance.now()\` (the same wall clock, sub-ms, in every process of this machine). "Dropped" counts lines that an attendee who was inside when the phase began never received.`,
    '- **Baseline**: a bare `ws` server (same library and options as the product\'s transport) that turns each incoming line into a chat line of the same shape, msgpack-encodes it once and writes it to every socket, with bare WebSocket clients (the same `LightSocket` the light attendees use) in the same worker processes, measured by the same code.',
    '- **Caveat**: server, attendees and baseline share the two cores; the CPU columns show who used what. When the attendee processes need a core of their own, part of the latency is theirs, for the product and the baseline alike.',
    `- **Priorities**: in the join storm the attendee processes run at nice ${AUDIENCE_NICENESS} (a real audience is on other machines; 3,000 connects at once from them would otherwise take the server's core). Everywhere else they run at the server's priority, because what is measured ends in their own processing (the line or the tally at the last attendee).`,
    '',
    r.fanout.length || r.baseline.length ? fanoutSection(r) : '',
    '',
    r.fanout.length ? memorySection(r) : '',
    '',
    r.poll ? pollSection(r.poll, r.options.pollSeconds, rawYardstick(r, r.poll.attendees)) : '',
    '',
    r.storm ? stormSection(r.storm, rawYardstick(r, r.storm.inside + r.storm.first.joined + r.storm.second.joined)) : '',
    '',
    r.breakSteps.length ? breakSection(r) : '',
    '',
    r.failures.length ? `### Failures\n\n${r.failures.map((f) => `- ${f}`).join('\n')}` : '',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}

const START = '<!-- room-fanout:start -->';
const END = '<!-- room-fanout:end -->';

/** Replaces this benchmark's part of RESULTS.md (between its markers), keeping the rest. */
export function writeResults(file: string, header: string, body: string): void {
  const section = `${START}\n${body}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
