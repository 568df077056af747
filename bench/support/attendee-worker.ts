import { Client } from '@colyseus/sdk';
import { Histogram, type HistogramData } from './histogram.ts';
import { serveRequests } from './ipc.ts';
import { clockMs, sampleProcess } from './process-stats.ts';
import { joinLightRoom, type JoinPhase } from './light-attendee.ts';
import { benchChatText, joinLiveRoom, joinRawServer, parseBenchChat, type Attendee, type AttendeeHooks } from './attendees.ts';

/**
 * A process full of simulated attendees, driven by the controller over IPC. It joins
 * them at a given rate, makes some of them chat or vote on a schedule, and keeps
 * score of what every one of them receives: latency from the send time written into
 * the message, per-message delivery counts, poll tallies seen, reconnections.
 */

// The SDK narrates every reconnection attempt on the console; thousands of them drown the report.
const sdkWarnings = new Map<string, number>();
console.info = () => undefined;
console.warn = (...args: unknown[]) => {
  const key = String(args[0]).slice(0, 80);
  sdkWarnings.set(key, (sdkWarnings.get(key) ?? 0) + 1);
};

/** `sdkEvery`: attendee i is a real SDK client when i % sdkEvery === 0, a light protocol client otherwise. */
interface Setup { workerId: number; mode: 'room' | 'raw'; url: string; eventId: number; sdkEvery: number }
interface ChatPlan { senders: { index: number; phaseMs: number }[]; intervalMs: number; count: number; startAt: number; textLength: number }
interface VotePlan { pollId: string; questionId: string; choiceIds: string[]; votes: { index: number; at: number }[] }

let setup: Setup | undefined;
let client: Client | undefined;
const attendees = new Map<number, Attendee>();
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Everything measured since the last `reset`. */
class Book {
  readonly all = new Histogram();
  readonly tracked = new Histogram();
  /** Receipts at the real SDK clients only, to check the light clients against. */
  readonly sdk = new Histogram();
  /** messageId → [receipts, receipts by tracked attendees, latest receipt latency]. */
  readonly perMessage = new Map<string, [number, number, number]>();
  readonly errors = new Map<string, number>();
  readonly reconnect = new Histogram();
  left = 0;
  /** Poll: for each respondent count n, when the last attendee first saw a tally of at least n, and how many saw it. */
  seenAt: number[] = [];
  seenBy: number[] = [];
  dropAt = 0;
}
let book = new Book();

const hooks: AttendeeHooks = {
  chat(attendee, text, now) {
    const parsed = parseBenchChat(text);
    if (!parsed) return;
    const latency = now - parsed.sentAt;
    book.all.record(latency);
    if (attendee.tracked) book.tracked.record(latency);
    if (attendee.kind === 'sdk') book.sdk.record(latency);
    const entry = book.perMessage.get(parsed.messageId) ?? [0, 0, 0];
    entry[0] += 1;
    if (attendee.tracked) entry[1] += 1;
    entry[2] = Math.max(entry[2], latency);
    book.perMessage.set(parsed.messageId, entry);
  },
  state(attendee, state, now) {
    const json = state.pollResults ?? '';
    if (json === attendee.lastResults) return;
    attendee.lastResults = json;
    const respondents = json ? (JSON.parse(json) as { respondents: number }).respondents : 0;
    for (let n = attendee.respondentsSeen + 1; n <= respondents; n++) {
      book.seenAt[n] = Math.max(book.seenAt[n] ?? 0, now);
      book.seenBy[n] = (book.seenBy[n] ?? 0) + 1;
    }
    attendee.respondentsSeen = Math.max(attendee.respondentsSeen, respondents);
  },
  error: (_attendee, code) => book.errors.set(code, (book.errors.get(code) ?? 0) + 1),
  reconnected: (_attendee, now) => book.reconnect.record(now - book.dropAt),
  left: () => (book.left += 1),
};

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function joinOne(index: number, phases: Map<JoinPhase, Histogram>): Promise<Attendee> {
  if (!setup) throw new Error('not set up');
  if (setup.mode === 'raw') return joinRawServer(setup.url, index, hooks);
  const phase = (name: JoinPhase, ms: number) => {
    const histogram = phases.get(name) ?? new Histogram();
    histogram.record(ms);
    phases.set(name, histogram);
  };
  return index % setup.sdkEvery === 0 ? joinLiveRoom(client!, setup.url, setup.eventId, index, hooks) : joinLightRoom(setup.url, setup.eventId, index, hooks, phase);
}

/**
 * Joins `indices`, the k-th at `startAt + k * 1000 / ratePerSecond` (open loop, as a
 * crowd arrives), with at most `maxInFlight` joins under way when given.
 */
async function join(plan: { indices: number[]; ratePerSecond: number; startAt?: number; maxInFlight?: number; timeoutMs?: number }) {
  const latency = new Histogram();
  const phases = new Map<JoinPhase, Histogram>();
  const errors = new Map<string, number>();
  const startAt = plan.startAt ?? clockMs();
  let inFlight = 0;
  let joined = 0;
  let last = 0;
  const slots: (() => void)[] = [];
  await Promise.all(plan.indices.map(async (index, k) => {
    await wait(startAt + (k * 1000) / plan.ratePerSecond - clockMs());
    while (plan.maxInFlight && inFlight >= plan.maxInFlight) await new Promise<void>((resolve) => slots.push(resolve));
    inFlight++;
    const begun = clockMs();
    try {
      const attendee = await withTimeout(joinOne(index, phases), plan.timeoutMs ?? 30_000, 'join');
      attendees.set(index, attendee);
      latency.record(clockMs() - begun);
      joined++;
      last = Math.max(last, clockMs());
    } catch (error) {
      const reason = String((error as Error).message ?? error).replace(/\d+/g, 'N').slice(0, 100);
      errors.set(reason, (errors.get(reason) ?? 0) + 1);
    } finally {
      inFlight--;
      slots.shift()?.();
    }
  }));
  const phaseData = Object.fromEntries([...phases].map(([name, h]) => [name, h.toData()])) as Partial<Record<JoinPhase, HistogramData>>;
  return { joined, failed: plan.indices.length - joined, errors: Object.fromEntries(errors), latency: latency.toData(), phases: phaseData, startAt, lastJoinAt: last };
}

/** Each sender sends `count` lines, every `intervalMs`, starting at `startAt + phaseMs`. */
async function chat(plan: ChatPlan) {
  const sends = plan.senders.flatMap((s) => Array.from({ length: plan.count }, (_, j) => ({ index: s.index, at: plan.startAt + s.phaseMs + j * plan.intervalMs, seq: j })));
  sends.sort((a, b) => a.at - b.at);
  const sent: [string, number][] = [];
  for (const send of sends) {
    await wait(send.at - clockMs());
    const attendee = attendees.get(send.index);
    if (!attendee?.connected) continue;
    const messageId = `w${setup!.workerId}s${send.index}n${send.seq}`;
    const now = clockMs();
    attendee.send('chat', { text: benchChatText(messageId, now, plan.textLength) });
    sent.push([messageId, now]);
  }
  return { sent };
}

async function vote(plan: VotePlan) {
  const sent: number[] = [];
  for (const { index, at } of [...plan.votes].sort((a, b) => a.at - b.at)) {
    await wait(at - clockMs());
    const attendee = attendees.get(index);
    if (!attendee?.connected) continue;
    sent.push(clockMs());
    attendee.send('poll-answer', { pollId: plan.pollId, answers: [{ questionId: plan.questionId, choiceIds: plan.choiceIds.slice(index % plan.choiceIds.length, (index % plan.choiceIds.length) + 1) }] });
  }
  return { sent };
}

/** Cuts every connection at once and waits (up to `timeoutMs`) for the SDK to bring each back. */
async function dropAll(plan: { timeoutMs: number }) {
  const victims = [...attendees.values()].filter((a) => a.connected);
  book.dropAt = clockMs();
  for (const attendee of victims) {
    attendee.connected = false;
    attendee.drop();
  }
  const deadline = book.dropAt + plan.timeoutMs;
  while (clockMs() < deadline && victims.some((a) => !a.connected)) await wait(100);
  return { dropped: victims.length, back: victims.filter((a) => a.connected).length, reconnect: book.reconnect.toData() };
}

function collect() {
  return {
    latency: book.all.toData(),
    trackedLatency: book.tracked.toData(),
    sdkLatency: book.sdk.toData(),
    perMessage: [...book.perMessage.entries()].map(([id, [n, tracked, max]]) => [id, n, tracked, max] as const),
    errors: Object.fromEntries(book.errors),
    left: book.left,
    seenAt: book.seenAt,
    seenBy: book.seenBy,
    connected: [...attendees.values()].filter((a) => a.connected).length,
    tracked: [...attendees.values()].filter((a) => a.tracked && a.connected).length,
    sdkWarnings: Object.fromEntries(sdkWarnings),
  };
}
export type WorkerCollection = ReturnType<typeof collect>;
export type WorkerJoin = Awaited<ReturnType<typeof join>>;
export type { HistogramData };

serveRequests(
  {
    setup: (payload: Setup) => {
      setup = payload;
      client = payload.mode === 'room' ? new Client(payload.url) : undefined;
      return { pid: process.pid };
    },
    join,
    chat,
    vote,
    drop: dropAll,
    /** Starts a measured phase: those connected now are the ones that must receive everything. */
    reset: () => {
      book = new Book();
      for (const attendee of attendees.values()) {
        attendee.tracked = attendee.connected;
        attendee.respondentsSeen = 0;
        attendee.lastResults = '';
      }
      return { tracked: [...attendees.values()].filter((a) => a.tracked).length };
    },
    collect,
    leaveAll: async () => {
      await Promise.all([...attendees.values()].map((a) => a.leave()));
      attendees.clear();
      return {};
    },
    sample: (payload: { collect?: boolean }) => sampleProcess(payload.collect),
  },
  async () => {
    for (const attendee of attendees.values()) attendee.drop();
  },
);
