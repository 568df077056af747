/**
 * Whiteboard benchmark (ROOM-10): the real server in its own process, light y-websocket
 * clients in this one, all on loopback. Bounded in count and time; stops by itself.
 *
 *   node --import tsx bench/whiteboard-bench.ts            full sizes, writes bench/RESULTS.md
 *   node --import tsx bench/whiteboard-bench.ts --quick    small sizes, prints only
 *
 * Scenarios: 3 presenters drawing 30 strokes/s in all (and moving their cursors) to
 * 2,000 readers; 30 writers at 20 updates/s each; a board of 10,000 strokes: stored
 * size before and after compaction, and the time a new client takes to load it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { JoinOut } from '../shared/join-schemas.ts';
import { createEvent, joinEvent, newOrganizer } from '../tests/support/api-client.ts';
import { hostStarts } from '../tests/support/room-client.ts';
import { freePort, kill, startServerProcess } from '../tests/support/server-process.ts';
import { browserLoad, type BrowserLoadResult } from './whiteboard/browser-load.ts';
import { loadAverage } from './whiteboard/process-stats.ts';
import { fanout, loadBoard, type FanoutResult, type LoadResult, type Target } from './whiteboard/scenarios.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    readers: { type: 'string' },
    seconds: { type: 'string' },
    strokes: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const READERS = Number(args.readers ?? (quick ? 200 : 2000));
const SECONDS = Number(args.seconds ?? (quick ? 8 : 30));
const STROKES = Number(args.strokes ?? (quick ? 2000 : 10_000));
const WRITERS = 30;
const WRITER_READERS = quick ? 50 : 200;

const loadBefore = loadAverage();
const startedAt = new Date();
// The server process reads these (and sets its own port, data folder and secret).
process.env.DEFAULT_PLAN = 'self-hosted';
process.env.JOIN_RATE_PER_MINUTE = '1000000';
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
const child = await startServerProcess(port, dataDir);
const baseUrl = `http://127.0.0.1:${port}`;
const target: Target = {
  baseUrl,
  serverPid: child.pid!,
  boardUrl: (eventId, ticket) => `ws://127.0.0.1:${port}/yjs/${eventId}?ticket=${encodeURIComponent(ticket)}`,
};

async function joinMany(eventId: number, count: number, body: (i: number) => Record<string, unknown>): Promise<string[]> {
  const tickets: string[] = [];
  for (let i = 0; i < count; i += 16) {
    const batch = await Promise.all(Array.from({ length: Math.min(16, count - i) }, (_, j) => joinEvent(baseUrl, eventId, body(i + j))));
    tickets.push(...batch.map((j) => j.ticket));
  }
  return tickets;
}

let fan: FanoutResult | undefined;
let writers: FanoutResult | undefined;
let load: LoadResult | undefined;
let browser: BrowserLoadResult | undefined;
try {
  const { api } = await newOrganizer(baseUrl);
  const event = await createEvent(api, { name: 'Whiteboard benchmark' });
  const host = await hostStarts(baseUrl, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
  const presenterKey = new URL(event.presenterUrl).hash.replace('#presenter=', '');
  const presenters = await joinMany(event.id, 3, (i) => ({ name: `Presenter ${i + 1}`, presenterKey }));
  console.log(`joining ${READERS} readers…`);
  const readers = await joinMany(event.id, READERS, (i) => ({ name: `Reader ${i + 1}` }));

  console.log(`fan-out: 3 presenters, 30 strokes/s, ${READERS} readers, ${SECONDS} s`);
  fan = await fanout(target, { eventId: event.id, writerTickets: presenters, readerTickets: readers, strokesPerWriterPerSecond: 10, cursorHz: 20, seconds: SECONDS, points: 30 });
  console.log(fan);

  host.send('set-collaboration', { enabled: true });
  await new Promise((resolve) => setTimeout(resolve, 500));
  console.log(`writers: ${WRITERS} attendees at 20 updates/s, ${WRITER_READERS} readers, ${SECONDS} s`);
  writers = await fanout(target, { eventId: event.id, writerTickets: readers.slice(0, WRITERS), readerTickets: readers.slice(WRITERS, WRITERS + WRITER_READERS), strokesPerWriterPerSecond: 20, cursorHz: 10, seconds: SECONDS, points: 10 });
  console.log(writers);
  await host.leave();

  const second = await createEvent(api, { name: 'Big board' });
  const secondHost = await api.ok<JoinOut>('POST', `/events/${second.id}/join`, {});
  const sqlite = (await import('better-sqlite3')).default;
  const db = new sqlite(join(dataDir, 'app.db'), { readonly: true });
  const internalEventId = db.prepare('select id from events where public_id = ?').pluck().get(second.id) as string;
  db.close();
  console.log(`board of ${STROKES} strokes…`);
  load = await loadBoard(target, { eventId: second.id, internalEventId, ticket: secondHost.ticket, strokes: STROKES, erase: Math.round(STROKES / 5), databaseFile: join(dataDir, 'app.db') });
  console.log(load);
  console.log('the same board in Chromium…');
  browser = await browserLoad(baseUrl, secondHost, STROKES);
  console.log(browser ?? 'skipped: no Chromium or no built client (npm run build)');
} finally {
  await kill(child, 'SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const kb = (v: number) => `${(v / 1024).toFixed(0)} KiB`;
function fanoutRows(r: FanoutResult): string {
  return [
    `| clients | ${r.writers} writers, ${r.readers} readers |`,
    `| updates | ${r.updatesPerSecond}/s for ${r.seconds} s: ${r.sent} sent |`,
    `| deliveries | ${r.delivered} of ${r.expectedDeliveries} expected${r.refusedOrClosed ? `, ${r.refusedOrClosed} sockets closed` : ''} |`,
    `| latency stroke → receiver | p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}, **p99 ${ms(r.latency.p99)}**, max ${ms(r.latency.max)} |`,
    `| server CPU | ${r.serverCpuPercent.toFixed(0)} % of one core |`,
    `| server memory (RSS) | ${r.serverRssBeforeMb.toFixed(0)} MB before, ${r.serverRssPeakMb.toFixed(0)} MB peak |`,
    `| benchmark clients' CPU | ${r.benchCpuPercent.toFixed(0)} % of one core (same machine) |`,
  ].join('\n');
}

const body = [
  `### Whiteboard (${quick ? 'quick run' : 'full run'}, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}. Server in its own process; all clients in the benchmark process on the same machine, over loopback.`,
  '',
  fan ? `**Fan-out**: 3 presenters draw 30 strokes/s in all (30-point pen strokes) and move their cursors at 20 Hz; target p99 ≤ 100 ms from stroke to every reader.\n\n| | |\n| --- | --- |\n${fanoutRows(fan)}\n` : '',
  writers ? `**Writers**: ${WRITERS} attendees (collaboration on) each send 20 updates/s (10-point strokes) and move cursors at 10 Hz, with ${writers.readers} readers.\n\n| | |\n| --- | --- |\n${fanoutRows(writers)}\n` : '',
  load ? [
    `**Big board**: ${load.drawn} strokes drawn one update each, ${load.erased} erased (${load.updates} updates, in ${load.fillSeconds.toFixed(1)} s), ${load.strokes} left.`,
    '',
    '| | |',
    '| --- | --- |',
    `| stored before compaction | ${kb(load.storedBeforeBytes)} in ${load.updates} rows |`,
    `| stored after compaction | ${kb(load.storedAfterBytes)} in ${load.storedAfterRows} row |`,
    `| new client, board not in memory (server loads it) | ${ms(load.coldLoadMs)} to synced (${kb(load.stateBytes)} received) + ${ms(load.coldParseMs)} to read ${load.strokes} shapes |`,
    `| new client, board open | ${ms(load.warmLoadMs)} to synced |`,
    browser ? `| the room page in headless Chromium (no GPU) | ${ms(browser.loadMs)} from navigation to all ${load.strokes} strokes painted |` : '| the room page in Chromium | skipped (no Chromium or no built client) |',
    browser ? `| drawing on that board in Chromium | frame interval p50 ${ms(browser.frames.p50)}, p95 ${ms(browser.frames.p95)}, max ${ms(browser.frames.max)} over ${browser.frames.count} frames |` : '',
    '',
  ].join('\n') : '',
].join('\n');
console.log(`\n${body}`);

const START = '<!-- whiteboard-bench:begin -->';
const END = '<!-- whiteboard-bench:end -->';
if (!args['no-write'] && !quick) {
  const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  const header = '# Benchmark results\n\nEach benchmark replaces its own section below. The figures depend on what else the machine was doing: see the load average noted with each run.\n';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const section = `${START}\n## Whiteboard\n\nRun: \`node --import tsx bench/whiteboard-bench.ts\` (full sizes, ~3 min) or \`--quick\` (small sizes, prints only).\n\n${body}\n${END}`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  writeFileSync(file, start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + END.length) : `${current.trimEnd()}\n\n${section}\n`);
  console.log(`written to ${file}`);
}
process.exit(0);
