import { setPriority } from 'node:os';
import { createEvent, newOrganizer } from '../../tests/support/api-client.ts';
import { hostStarts, type RoomParticipant } from '../../tests/support/room-client.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { Histogram } from './histogram.ts';
import { forkChild, type ChildHandle } from './ipc.ts';
import { clockMs, cpuPercent, type ProcessSample } from './process-stats.ts';
import type { WorkerCollection, WorkerJoin } from './attendee-worker.ts';

/**
 * One system under test with its audience: the real server (`room`) or the raw `ws`
 * baseline (`raw`) in one process, the simulated attendees spread over worker
 * processes (attendee i lives in worker i mod W), and, for the real server, a host in
 * this controller process who has started the event. The controller only gives orders
 * and adds up; it carries no attendee traffic.
 */
export type Mode = 'room' | 'raw';

export interface JoinSummary {
  joined: number;
  failed: number;
  errors: Record<string, number>;
  latency: Histogram;
  /** The light clients' joins by phase (REST join, matchmaking, upgrade, admitted): where the time goes. */
  phases: Record<string, Histogram>;
  firstStart: number;
  lastJoinAt: number;
}
export interface ChatSummary {
  sent: number;
  expected: number;
  delivered: number;
  /** Deliveries to attendees who were inside when the phase began that never arrived. */
  dropped: number;
  latency: Histogram;
  trackedLatency: Histogram;
  /** Receipts at the real SDK clients only. */
  sdkLatency: Histogram;
  /** Per message: latency to the last attendee who received it. */
  lastRecipient: number[];
  /** Refusals the room sent back (`error` messages by code). */
  errors: Record<string, number>;
  /** Attendees whose room closed on them, and what the SDK complained about. */
  left: number;
  warnings: Record<string, number>;
}
export interface Samples { server: ProcessSample; workers: ProcessSample[] }

/** Warm-up attendees take indices (and so loopback addresses) far above any audience. */
const WARM_UP_FIRST_INDEX = 1_000_000;

/** Niceness of the attendee processes (see `yieldToServer`). */
export const AUDIENCE_NICENESS = 10;

export class Harness {
  private nextIndex = 0;
  host: RoomParticipant | undefined;
  eventId = 0;
  /** Attendees inside when the current phase began (see `reset`). */
  tracked = 0;

  private constructor(readonly mode: Mode, readonly server: ChildHandle, readonly url: string, readonly workers: ChildHandle[]) {}

  static async start(mode: Mode, options: { workers: number; sdkEvery: number; cpuProfileDir?: string | undefined }, audience: { yieldToServer?: boolean } = {}): Promise<Harness> {
    // `--cpu-prof` writes a V8 profile of each process when it exits (open it in Chrome DevTools).
    const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    let ready: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve, reject) => {
      ready = resolve;
      setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000).unref();
    });
    const serverModule = mode === 'room' ? './bench-server.ts' : './raw-broadcast-server.ts';
    const server = forkChild(mode === 'room' ? 'server' : 'baseline server', new URL(serverModule, import.meta.url).href, { execArgv: ['--expose-gc', ...profile] }, (n) => {
      if (n.notice === 'ready') ready((n.detail as { url: string }).url);
    });
    const workers = Array.from({ length: options.workers }, (_, w) =>
      forkChild(`attendee worker ${w}`, new URL('./attendee-worker.ts', import.meta.url).href, { execArgv: ['--expose-gc', '--max-old-space-size=4096', ...profile] }));
    // In a join storm the audience yields the CPU to the server it measures (nice 10): a
    // real audience is on other machines, and 3,000 connects at once from attendee
    // processes would otherwise take the server's core in the middle of its turn. Where
    // what is measured ends in the audience's own processing (a chat line or a tally at
    // the last attendee), the audience keeps its share: niced, it was the slowest part.
    if (audience.yieldToServer) for (const worker of workers) yieldToServer(worker.process.pid);
    try {
      const serverExit = new Promise<never>((_, reject) => server.process.once('exit', (code) => reject(new Error(`the server exited (${code}) while starting`))));
      const harness = new Harness(mode, server, await Promise.race([url, serverExit]), workers);
      if (mode === 'room') await harness.startEvent();
      await Promise.all(workers.map((worker, workerId) => worker.request('setup', { workerId, mode, url: harness.url, eventId: harness.eventId, sdkEvery: options.sdkEvery })));
      return harness;
    } catch (error) {
      await Promise.all([...workers, server].map((p) => p.stop()));
      throw error;
    }
  }

  /** Organizer signs up, creates a webinar, joins as host and presses "Start event". */
  private async startEvent(): Promise<void> {
    const { api } = await newOrganizer(this.url, 'Bench Organizer');
    const event = await createEvent(api, { name: 'Benchmark webinar' });
    this.eventId = event.id;
    const hostJoin = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
    this.host = await hostStarts(this.url, hostJoin);
  }

  /** Attendees asked to join so far (successful or not). */
  get attendees(): number {
    return this.nextIndex;
  }

  /** Attendees who got in so far. */
  joined = 0;

  /** `count` more attendees, at `ratePerSecond` in total, spread over the workers. */
  async join(count: number, ratePerSecond: number, options: { maxInFlight?: number; startAt?: number } = {}): Promise<JoinSummary> {
    const first = this.nextIndex;
    this.nextIndex += count;
    const startAt = options.startAt ?? clockMs() + 200;
    const W = this.workers.length;
    const results = await Promise.all(this.workers.map((worker, w) => {
      const indices: number[] = [];
      for (let i = first; i < first + count; i++) if (i % W === w) indices.push(i);
      // Worker w's k-th attendee is the (k*W + w)-th overall: keep the global order and rate.
      return worker.request<WorkerJoin>('join', { indices, ratePerSecond: ratePerSecond / W, startAt: startAt + (w * 1000) / ratePerSecond, maxInFlight: options.maxInFlight && Math.ceil(options.maxInFlight / W) });
    }));
    const joined = results.reduce((a, r) => a + r.joined, 0);
    this.joined += joined;
    return {
      joined,
      failed: results.reduce((a, r) => a + r.failed, 0),
      errors: addUp(results.map((r) => r.errors)),
      latency: results.reduce((h, r) => h.merge(r.latency), new Histogram()),
      phases: mergePhases(results.map((r) => r.phases)),
      firstStart: startAt,
      lastJoinAt: Math.max(...results.map((r) => r.lastJoinAt)),
    };
  }

  /**
   * `count` attendees come in and leave again, from addresses no later attendee uses:
   * the server has then run every code path of a join (compiled, caches filled), so a
   * memory reading afterwards is a fair zero for "memory per attendee".
   */
  async warmUp(count: number): Promise<void> {
    const W = this.workers.length;
    await Promise.all(this.workers.map((worker, w) => {
      const indices = Array.from({ length: Math.ceil(count / W) }, (_, k) => WARM_UP_FIRST_INDEX + k * W + w);
      return worker.request<WorkerJoin>('join', { indices, ratePerSecond: 50, maxInFlight: 10 });
    }));
    await Promise.all(this.workers.map((w) => w.request('leaveAll', {}, 30_000)));
  }

  /** Begins a measured phase: clears the workers' books; those inside now must receive everything. */
  async reset(): Promise<void> {
    const counts = await Promise.all(this.workers.map((w) => w.request<{ tracked: number }>('reset')));
    this.tracked = counts.reduce((a, c) => a + c.tracked, 0);
  }

  /**
   * Chat at `ratePerSecond` for `seconds` from `senders` attendees (the first ones in),
   * each sending at the same pace with its phase offset, so lines come evenly spaced.
   */
  async chat(options: { ratePerSecond: number; seconds: number; senders: number; textLength: number; startAt?: number }): Promise<[string, number][]> {
    const senders = Math.min(options.senders, this.tracked);
    const intervalMs = (1000 * senders) / options.ratePerSecond;
    const count = Math.max(1, Math.round((options.seconds * options.ratePerSecond) / senders));
    const startAt = options.startAt ?? clockMs() + 300;
    const W = this.workers.length;
    const results = await Promise.all(this.workers.map((worker, w) => {
      const mine = Array.from({ length: senders }, (_, r) => r).filter((r) => r % W === w).map((r) => ({ index: r, phaseMs: (r * 1000) / options.ratePerSecond }));
      return worker.request<{ sent: [string, number][] }>('chat', { senders: mine, intervalMs, count, startAt, textLength: options.textLength });
    }));
    return results.flatMap((r) => r.sent);
  }

  async collect(): Promise<WorkerCollection[]> {
    return Promise.all(this.workers.map((w) => w.request<WorkerCollection>('collect')));
  }

  /** Adds up what the workers received for the lines in `sent` (waits `graceMs` for stragglers first). */
  async chatSummary(sent: [string, number][], graceMs: number): Promise<ChatSummary> {
    await new Promise((resolve) => setTimeout(resolve, graceMs));
    const collections = await this.collect();
    const received = new Map<string, { n: number; tracked: number; max: number }>();
    for (const c of collections) {
      for (const [id, n, tracked, max] of c.perMessage) {
        const entry = received.get(id) ?? { n: 0, tracked: 0, max: 0 };
        entry.n += n;
        entry.tracked += tracked;
        entry.max = Math.max(entry.max, max);
        received.set(id, entry);
      }
    }
    let dropped = 0;
    let delivered = 0;
    const lastRecipient: number[] = [];
    for (const [id] of sent) {
      const entry = received.get(id);
      delivered += entry?.n ?? 0;
      dropped += Math.max(0, this.tracked - (entry?.tracked ?? 0));
      lastRecipient.push(entry && entry.tracked >= this.tracked ? entry.max : Number.POSITIVE_INFINITY);
    }
    return {
      sent: sent.length,
      expected: sent.length * this.tracked,
      delivered,
      dropped,
      latency: collections.reduce((h, c) => h.merge(c.latency), new Histogram()),
      trackedLatency: collections.reduce((h, c) => h.merge(c.trackedLatency), new Histogram()),
      sdkLatency: collections.reduce((h, c) => h.merge(c.sdkLatency), new Histogram()),
      lastRecipient,
      errors: addUp(collections.map((c) => c.errors)),
      left: collections.reduce((a, c) => a + c.left, 0),
      warnings: addUp(collections.map((c) => c.sdkWarnings)),
    };
  }

  /**
   * Waits (up to `maxMs`) until the server and the attendee processes are nearly idle:
   * a join wave leaves frames queued in socket buffers and attendees still working
   * through them, and a phase measured on top of that backlog would be measuring it.
   * Gives back how long it waited.
   */
  async settle(maxMs = 60_000, idlePercent = 15): Promise<number> {
    const began = clockMs();
    let previous = await this.sample();
    while (clockMs() - began < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await this.sample();
      const busiest = Math.max(cpuPercent(previous.server, now.server), ...previous.workers.map((w, i) => cpuPercent(w, now.workers[i]!)));
      previous = now;
      if (busiest < idlePercent) break;
    }
    return clockMs() - began;
  }

  /** CPU, memory and event-loop readings of the server and every worker (`collect`: after a full GC). */
  async sample(collect = false): Promise<Samples> {
    const [server, ...workers] = await Promise.all([this.server, ...this.workers].map((p) => p.request<ProcessSample>('sample', { collect })));
    return { server: server!, workers };
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request('leaveAll', {}, 30_000).catch(() => undefined)));
    await this.host?.leave();
    await Promise.all([...this.workers, this.server].map((p) => p.stop()));
  }
}

function mergePhases(all: WorkerJoin['phases'][]): Record<string, Histogram> {
  const merged: Record<string, Histogram> = {};
  for (const phases of all) for (const [name, data] of Object.entries(phases)) if (data) merged[name] = (merged[name] ?? new Histogram()).merge(data);
  return merged;
}

/** "rest p50/p99 …": a join summary's phases in one line. */
export function describePhases(phases: Record<string, Histogram>): string {
  return Object.entries(phases).map(([name, h]) => `${name} p50 ${h.percentile(50).toFixed(0)} / p99 ${h.percentile(99).toFixed(0)} ms`).join(', ');
}

/** Adds up counters by key. */
export function addUp(records: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

/** Lowers a load-generating process's priority (best effort: an unprivileged user may only raise niceness, which this does). */
function yieldToServer(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, AUDIENCE_NICENESS);
  } catch {
    // Not allowed here: the figures then include the audience's preemption of the server.
  }
}
