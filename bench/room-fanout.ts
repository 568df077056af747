/**
 * Room fan-out benchmark: simulated attendees (real Colyseus SDK clients and light
 * clients of the same protocol) in separate processes, joining one webinar room of the
 * real server, against a raw WebSocket broadcast baseline measured the same way.
 * Prints its tables and writes them into bench/RESULTS.md. Bounded in count and time;
 * stops by itself. Loopback only.
 *
 *   node --import tsx bench/room-fanout.ts                       # the full run (~15 min)
 *   node --import tsx bench/room-fanout.ts --quick --no-write    # a small smoke run
 *   node --import tsx bench/room-fanout.ts --attendees 1000 --only fanout,baseline
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { codeVersion, currentLoad, renderResults, writeResults, type Results } from './support/report.ts';
import { breakTest, fanout, joinStorm, pollBurst, type Options } from './support/scenarios.ts';

const SCENARIOS = ['fanout', 'baseline', 'poll', 'storm', 'break'] as const;
const list = (s: string) => s.split(',').map((x) => Number(x.trim())).filter((x) => Number.isFinite(x) && x > 0);

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    workers: { type: 'string' },
    'sdk-every': { type: 'string' },
    'cpu-prof': { type: 'string' },
    attendees: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    poll: { type: 'string' },
    storm: { type: 'string' },
    'storm-inside': { type: 'string' },
    'break-max': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`Usage: node --import tsx bench/room-fanout.ts [options]
  --quick               small sizes for a smoke run (100/200 attendees, short phases)
  --no-write            print only; leave bench/RESULTS.md alone
  --only LIST           scenarios among ${SCENARIOS.join(',')} (default: all)
  --attendees LIST      fan-out audience sizes (default 1000,2000,5000,10000)
  --rate N              chat lines per second (default 10)
  --seconds N           length of each chat phase (default 20)
  --poll N              voters in the poll burst (default 2000)
  --storm A,B           join storm waves: A over 10 s, then B within 1 s (default 2000,1000)
  --storm-inside N      attendees inside and chatting before the storm (default 200)
  --break-max N         largest audience of the break test (default 10000, the plan's limit)
  --workers N           attendee processes (default 2)
  --sdk-every N         every N-th attendee is a real @colyseus/sdk client, the others light clients of
                        the same protocol (default 10; 1 = all SDK, which two cores cannot carry at 5,000)
  --cpu-prof DIR        write a V8 CPU profile of the server and of each attendee process into DIR`);
  process.exit(0);
}

const quick = args.quick;
const storm = list(args.storm ?? (quick ? '200,100' : '2000,1000'));
const attendees = list(args.attendees ?? (quick ? '100,200' : '1000,2000,5000,10000'));
const options: Options = {
  workers: Number(args.workers ?? 2),
  sdkEvery: Math.max(1, Number(args['sdk-every'] ?? 10)),
  cpuProfileDir: args['cpu-prof'],
  attendees,
  chatRate: Number(args.rate ?? 10),
  chatSeconds: Number(args.seconds ?? (quick ? 5 : 20)),
  senders: 20,
  textLength: 100,
  setupJoinRate: quick ? 100 : 150,
  pollVoters: Number(args.poll ?? (quick ? 200 : 2000)),
  pollSeconds: 10,
  stormFirst: storm[0] ?? 2000,
  stormFirstSeconds: 10,
  stormSecond: storm[1] ?? 1000,
  stormSecondSeconds: 1,
  stormInside: Number(args['storm-inside'] ?? (quick ? 50 : 200)),
  breakAttendeeStep: quick ? 100 : 2500,
  breakMaxAttendees: Number(args['break-max'] ?? (quick ? Math.max(...attendees) + 100 : 10_000)),
  breakRates: quick ? [20, 40] : [20, 40, 80, 160],
  breakP99Ms: 1000,
};
const only = new Set((args.only ?? SCENARIOS.join(',')).split(',').map((s) => s.trim()));

const results: Results = { startedAt: new Date(), code: codeVersion(), loadBefore: currentLoad(), options, fanout: [], baseline: [], breakSteps: [], failures: [] };
console.log(`room-fanout: load average ${results.loadBefore.join(' ')}; scenarios ${[...only].join(', ')}`);
const began = performance.now();

async function attempt(name: string, run: () => Promise<void>): Promise<void> {
  if (!only.has(name)) return;
  try {
    await run();
  } catch (error) {
    const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    results.failures.push(message.split('\n')[0]!);
  }
}

await attempt('fanout', async () => {
  results.fanout = await fanout('room', options, only.has('break') ? breakTest(options, results.breakSteps) : undefined);
});
await attempt('baseline', async () => {
  results.baseline = await fanout('raw', options);
});
await attempt('poll', async () => {
  results.poll = await pollBurst(options);
});
await attempt('storm', async () => {
  results.storm = await joinStorm(options);
});

results.loadAfter = currentLoad();
results.seconds = (performance.now() - began) / 1000;
const body = renderResults(results);
console.log(`\n${body}\n`);

const HEADER = `# Benchmark results

## How to run

\`\`\`sh
node --import tsx bench/room-fanout.ts                      # full run: 1,000/2,000/5,000/10,000 attendees and the raw baseline, poll, join storm with the server's CPU profile, break test (~20 min, needs the machine to itself)
node --import tsx bench/room-fanout.ts --quick --no-write   # smoke run with a few hundred attendees
node --import tsx bench/room-fanout.ts --help               # sizes, rates and which scenarios to run
\`\`\`

Each run replaces its own section below. The figures depend on what else the machine was doing: see the load average noted with each run.
`;
if (!args['no-write']) {
  const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  writeResults(file, HEADER, body);
  console.log(`written to ${file}`);
}
process.exit(results.failures.length ? 1 : 0);
