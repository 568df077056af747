import { Histogram } from './histogram.ts';
import { addUp, describePhases, Harness, type ChatSummary, type JoinSummary, type Mode, type Samples } from './harness.ts';
import { eventually } from '../../tests/support/room-client.ts';
import { clockMs, cpuPercent } from './process-stats.ts';

/**
 * The measured scenarios of the issue, each on a fresh server (or baseline server) and
 * a fresh audience, each bounded in count and time. They return plain figures; the
 * report turns them into tables.
 */
export interface Options {
  workers: number;
  /** Every n-th attendee is a real `@colyseus/sdk` client; the others speak the same protocol with less CPU. */
  sdkEvery: number;
  /** Where each process writes its V8 CPU profile, when asked for. */
  cpuProfileDir: string | undefined;
  attendees: number[];
  chatRate: number;
  chatSeconds: number;
  senders: number;
  textLength: number;
  /** Rate of the joins that only build an audience (not the join storm). */
  setupJoinRate: number;
  pollVoters: number;
  pollSeconds: number;
  stormFirst: number;
  stormFirstSeconds: number;
  stormSecond: number;
  stormSecondSeconds: number;
  stormInside: number;
  breakAttendeeStep: number;
  breakMaxAttendees: number;
  breakRates: number[];
  breakP99Ms: number;
}

export interface Usage { serverCpu: number; workerCpu: number; serverLoopP99: number; serverLoopMax: number }
export interface FanoutRow extends Usage {
  mode: Mode;
  attendees: number;
  rate: number;
  chat: ChatSummary;
  joinFailures: number;
  memory: { rssPerAttendee: number; marginalRssPerAttendee: number; heapPerAttendee: number; rss: number; heap: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function usage(from: Samples, to: Samples): Usage {
  return {
    serverCpu: cpuPercent(from.server, to.server),
    workerCpu: from.workers.reduce((sum, w, i) => sum + cpuPercent(w, to.workers[i]!), 0),
    serverLoopP99: to.server.loopP99,
    serverLoopMax: to.server.loopMax,
  };
}

/** Joins that only build an audience: quick, but never more than 100 under way. */
async function growTo(harness: Harness, attendees: number, options: Options): Promise<JoinSummary | undefined> {
  const more = attendees - harness.attendees;
  if (more <= 0) return undefined;
  const joins = await harness.join(more, options.setupJoinRate, { maxInFlight: 100 });
  const settled = await harness.settle();
  log(`${harness.mode}: ${harness.attendees} attendees (${joins.failed} failed${joins.failed ? `: ${JSON.stringify(joins.errors)}` : ''}), join p99 ${joins.latency.percentile(99).toFixed(0)} ms, quiet again after ${(settled / 1000).toFixed(0)} s`);
  return joins;
}

/** One chat phase: everyone inside now must get every line. */
async function chatPhase(harness: Harness, rate: number, seconds: number, options: Options): Promise<{ chat: ChatSummary } & Usage> {
  await harness.reset();
  const before = await harness.sample();
  const sent = await harness.chat({ ratePerSecond: rate, seconds, senders: Math.max(options.senders, Math.ceil(rate * 2)), textLength: options.textLength });
  const after = await harness.sample();
  const chat = await harness.chatSummary(sent, 3000);
  return { chat, ...usage(before, after) };
}

/**
 * Chat fan-out at each audience size, growing one audience: settle, read the server's
 * memory after a full GC, then chat at the given rate. `onTop` runs at the largest size
 * before the audience goes (the break test uses it).
 */
export async function fanout(mode: Mode, options: Options, onTop?: (harness: Harness, rows: FanoutRow[]) => Promise<void>): Promise<FanoutRow[]> {
  const harness = await Harness.start(mode, options);
  const rows: FanoutRow[] = [];
  try {
    // The reference: the started server with the host in the room, after a few attendees came and went.
    await harness.warmUp(20);
    await sleep(2000);
    const empty = await harness.sample(true);
    let previous = { attendees: 0, rss: empty.server.rss };
    for (const attendees of options.attendees) {
      const joins = await growTo(harness, attendees, options);
      await sleep(3000);
      const idle = (await harness.sample(true)).server;
      const n = harness.attendees;
      const inside = harness.joined;
      const memory = {
        rss: idle.rss,
        heap: idle.heapUsed,
        rssPerAttendee: (idle.rss - empty.server.rss) / inside,
        marginalRssPerAttendee: (idle.rss - previous.rss) / (inside - previous.attendees),
        heapPerAttendee: (idle.heapUsed + idle.external - empty.server.heapUsed - empty.server.external) / inside,
      };
      previous = { attendees: inside, rss: idle.rss };
      // The largest audience's chat phase under the server's CPU profiler: where the fan-out spends its time.
      const profiling = mode === 'room' && attendees === options.attendees.at(-1) && (await harness.server.request('profileStart').then(() => true, () => false));
      const phase = await chatPhase(harness, options.chatRate, options.chatSeconds, options);
      if (profiling) {
        const profile = await harness.server.request<StormProfile>('profileStop').catch(() => undefined);
        if (profile) log(`server CPU profile of the chat at ${n} (${profile.seconds.toFixed(0)} s), top by self time:\n${profile.top.map((f, i) => `  ${i + 1}. ${f.name} ${f.where} ${f.selfMs.toFixed(0)} ms ${(f.share * 100).toFixed(1)}%`).join('\n')}`);
      }
      rows.push({ mode, attendees: n, rate: options.chatRate, joinFailures: joins?.failed ?? 0, memory, ...phase });
      log(`${mode} ${n}: chat p50 ${phase.chat.latency.percentile(50).toFixed(1)} ms, p99 ${phase.chat.latency.percentile(99).toFixed(1)} ms, dropped ${phase.chat.dropped}, server CPU ${phase.serverCpu.toFixed(0)}%, ${(memory.rssPerAttendee / 1024).toFixed(1)} KB RSS/attendee`);
    }
    if (onTop) await onTop(harness, rows);
  } finally {
    await harness.stop();
  }
  return rows;
}

export interface BreakStep extends Usage { attendees: number; rate: number; p50: number; p99: number; dropped: number; joinFailures: number; broken: string | undefined }

/**
 * Pushes past the targets: more attendees in steps (up to the plan's 10,000), then a
 * faster chat, until a step misses `breakP99Ms`, drops a line, or joins fail.
 */
export function breakTest(options: Options, steps: BreakStep[]) {
  return async (harness: Harness) => {
    const judge = (p99: number, dropped: number, joinFailures: number) =>
      joinFailures > 0 ? `${joinFailures} joins failed` : dropped > 0 ? `${dropped} deliveries dropped` : p99 > options.breakP99Ms ? `p99 ${p99.toFixed(0)} ms > ${options.breakP99Ms} ms` : undefined;
    const run = async (rate: number, joinFailures: number) => {
      const phase = await chatPhase(harness, rate, Math.min(options.chatSeconds, 10), options);
      const p99 = phase.chat.latency.percentile(99);
      const step: BreakStep = { attendees: harness.attendees, rate, p50: phase.chat.latency.percentile(50), p99, dropped: phase.chat.dropped, joinFailures, ...phase, broken: judge(p99, phase.chat.dropped, joinFailures) };
      steps.push(step);
      log(`break: ${step.attendees} attendees at ${rate}/s: p99 ${p99.toFixed(0)} ms, dropped ${step.dropped}, server CPU ${step.serverCpu.toFixed(0)}% → ${step.broken ?? 'holds'}`);
      return step.broken;
    };
    while (harness.attendees + options.breakAttendeeStep <= options.breakMaxAttendees) {
      const joins = await growTo(harness, harness.attendees + options.breakAttendeeStep, options);
      await sleep(2000);
      if (await run(options.chatRate, joins?.failed ?? 0)) return;
    }
    for (const rate of options.breakRates) if (await run(rate, 0)) return;
  };
}

export interface PollResult extends Usage { attendees: number; votes: number; counted: number; latency: Histogram; refusals: Record<string, number> }

/** 2,000 votes spread evenly over 10 s; each is timed until every attendee's tally includes it. */
export async function pollBurst(options: Options): Promise<PollResult> {
  const harness = await Harness.start('room', options);
  try {
    await growTo(harness, options.pollVoters, options);
    const host = harness.host!;
    host.send('poll-create', { title: 'Which release first?', questions: [{ text: 'Pick one', type: 'single', choices: [{ text: 'A' }, { text: 'B' }, { text: 'C' }, { text: 'D' }] }] });
    const polls = await eventually(() => host.last<{ id: string; questions: { id: string; choices: { id: string }[] }[] }[]>('polls')?.at(-1), 10_000, 'the poll');
    host.send('poll-start', { pollId: polls.id });
    host.send('poll-show-results', { pollId: polls.id, visible: true });
    await sleep(2000);
    await harness.reset();
    const before = await harness.sample();
    const question = polls.questions[0]!;
    const startAt = clockMs() + 500;
    const spacing = (options.pollSeconds * 1000) / harness.attendees;
    const W = harness.workers.length;
    const results = await Promise.all(harness.workers.map((worker, w) => {
      const votes = [];
      for (let i = w; i < harness.attendees; i += W) votes.push({ index: i, at: startAt + i * spacing });
      return worker.request<{ sent: number[] }>('vote', { pollId: polls.id, questionId: question.id, choiceIds: question.choices.map((c) => c.id), votes });
    }));
    const after = await harness.sample();
    await sleep(3000);
    const collections = await harness.collect();
    const sent = results.flatMap((r) => r.sent).sort((a, b) => a - b);
    const everyone = harness.tracked;
    const latency = new Histogram();
    let counted = 0;
    sent.forEach((at, k) => {
      const n = k + 1;
      const seenBy = collections.reduce((sum, c) => sum + (c.seenBy[n] ?? 0), 0);
      if (seenBy < everyone) return;
      counted++;
      latency.record(Math.max(...collections.map((c) => c.seenAt[n] ?? 0)) - at);
    });
    const refusals = addUp(collections.map((c) => c.errors));
    const cpu = usage(before, after);
    log(`poll: ${sent.length} votes, ${counted} seen by all ${everyone}, p50 ${latency.percentile(50).toFixed(0)} ms, p99 ${latency.percentile(99).toFixed(0)} ms, server CPU ${cpu.serverCpu.toFixed(0)}%, attendee processes ${cpu.workerCpu.toFixed(0)}%, server loop p99 ${cpu.serverLoopP99.toFixed(0)} ms, max ${cpu.serverLoopMax.toFixed(0)} ms, attendee loops max ${after.workers.map((w) => w.loopMax.toFixed(0)).join('/')} ms`);
    return { attendees: everyone, votes: sent.length, counted, latency, refusals, ...cpu };
  } finally {
    await harness.stop();
  }
}

export interface StormResult {
  inside: number;
  first: JoinSummary;
  second: JoinSummary;
  chat: ChatSummary;
  reconnect: { dropped: number; backIn10s: number; back: number; latency: Histogram };
  /** A short chat among those who came back. */
  afterwards: ChatSummary;
  usage: Usage;
  /** The server's CPU profile over both waves: the top functions by self time. */
  profile: StormProfile | undefined;
}
export interface StormProfile { seconds: number; top: { name: string; where: string; selfMs: number; share: number }[] }

/**
 * People are inside and chatting; 2,000 more arrive over 10 s, then 1,000 within 1 s.
 * Afterwards every socket is cut at once and the SDK's reconnection brings them back.
 */
export async function joinStorm(options: Options): Promise<StormResult> {
  const harness = await Harness.start('room', options, { yieldToServer: true });
  let result: Omit<StormResult, 'profile'>;
  try {
    await growTo(harness, options.stormInside, options);
    await sleep(2000);
    await harness.reset();
    const before = await harness.sample();
    const { firstWave, secondWave, sent } = await stormWaves(harness, options);
    const after = await harness.sample();
    const chat = await harness.chatSummary(sent, 3000);
    log(`storm phases: first wave ${describePhases(firstWave.phases)}; second wave ${describePhases(secondWave.phases)}`);
    log(`storm: server CPU ${((after.server.cpuMs - before.server.cpuMs) / Math.max(1, firstWave.joined + secondWave.joined)).toFixed(2)} ms per join (with the chat of those inside), ${((after.server.at - before.server.at) / 1000).toFixed(1)} s`);
    log(`storm: ${firstWave.joined}+${secondWave.joined} joined (${firstWave.failed + secondWave.failed} failed), join p99 ${Math.max(firstWave.latency.percentile(99), secondWave.latency.percentile(99)).toFixed(0)} ms, chat p99 inside ${chat.trackedLatency.percentile(99).toFixed(0)} ms`);

    // The SDK only reconnects rooms that have been up for 5 s.
    const inside = harness.tracked;
    await sleep(Math.max(0, secondWave.lastJoinAt + 6000 - clockMs()));
    await harness.reset();
    const drops = await Promise.all(harness.workers.map((w) => w.request<{ dropped: number; back: number; reconnect: { counts: number[]; max: number } }>('drop', { timeoutMs: 20_000 })));
    const latency = drops.reduce((h, d) => h.merge(d.reconnect), new Histogram());
    const dropped = drops.reduce((a, d) => a + d.dropped, 0);
    const reconnect = { dropped, back: drops.reduce((a, d) => a + d.back, 0), backIn10s: countAtMost(latency, 10_000), latency };
    log(`drop: ${reconnect.back}/${dropped} back, ${reconnect.backIn10s} within 10 s, p99 ${latency.percentile(99).toFixed(0)} ms`);
    // Back for real: everyone who came back gets the chat again.
    const { chat: afterwards } = await chatPhase(harness, options.chatRate, 3, options);
    result = { inside, first: firstWave, second: secondWave, chat, reconnect, afterwards, usage: usage(before, after) };
  } finally {
    await harness.stop();
  }
  return { ...result, profile: await profiledStorm(options) };
}

/** Both waves, with the chat of those already inside going on meanwhile. */
async function stormWaves(harness: Harness, options: Options) {
  const t0 = clockMs() + 1000;
  const stormSeconds = options.stormFirstSeconds + options.stormSecondSeconds + 4;
  const chatting = harness.chat({ ratePerSecond: options.chatRate, seconds: stormSeconds, senders: options.senders, textLength: options.textLength, startAt: t0 - 500 });
  const first = harness.join(options.stormFirst, options.stormFirst / options.stormFirstSeconds, { startAt: t0 });
  await sleep(t0 + options.stormFirstSeconds * 1000 - clockMs());
  const second = harness.join(options.stormSecond, options.stormSecond / options.stormSecondSeconds, { startAt: clockMs() });
  const [firstWave, secondWave, sent] = await Promise.all([first, second, chatting]);
  return { firstWave, secondWave, sent };
}

/**
 * The same storm again on a fresh server, under the V8 sampling profiler, for the
 * profile table only: the profiler slows the server by about a quarter, so the
 * storm's figures come from the unprofiled run above.
 */
async function profiledStorm(options: Options): Promise<StormProfile | undefined> {
  const harness = await Harness.start('room', options, { yieldToServer: true });
  try {
    await growTo(harness, options.stormInside, options);
    await sleep(2000);
    await harness.reset();
    if (!(await harness.server.request('profileStart').then(() => true, () => false))) return undefined;
    const { firstWave, secondWave } = await stormWaves(harness, options);
    log(`profiled storm: ${firstWave.joined}+${secondWave.joined} joined, p99 ${firstWave.latency.percentile(99).toFixed(0)} / ${secondWave.latency.percentile(99).toFixed(0)} ms`);
    return await harness.server.request<StormProfile>('profileStop').catch(() => undefined);
  } finally {
    await harness.stop();
  }
}

/** How many samples of a histogram are at or under `ms` (to bucket precision). */
function countAtMost(histogram: Histogram, ms: number): number {
  let low = 0;
  let high = histogram.count;
  // Binary search on the rank whose percentile crosses `ms`.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (histogram.percentile((100 * mid) / histogram.count) <= ms) low = mid;
    else high = mid - 1;
  }
  return low;
}
