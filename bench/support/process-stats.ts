import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * What every bench process reports about itself: CPU time, memory after a full
 * collection (when started with --expose-gc) and event-loop delay since the last
 * reading. The controller turns CPU time into "% of one core" over a phase.
 */
export interface ProcessSample {
  /** User + system CPU time since the process started, in ms. */
  cpuMs: number;
  /** Wall-clock time of the reading (performance.timeOrigin + now), in ms. */
  at: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Event-loop delay since the previous sample, in ms. */
  loopP99: number;
  loopMax: number;
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

/** Shared clock of all bench processes: wall time with sub-millisecond resolution. */
export const clockMs = (): number => performance.timeOrigin + performance.now();

export function sampleProcess(collect = false): ProcessSample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) {
    gc();
    gc();
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const sample: ProcessSample = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    at: clockMs(),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    loopP99: loop.count ? loop.percentile(99) / 1e6 : 0,
    loopMax: loop.count ? loop.max / 1e6 : 0,
  };
  loop.reset();
  return sample;
}

/** Percent of one core used between two samples. */
export function cpuPercent(from: ProcessSample, to: ProcessSample): number {
  const wall = to.at - from.at;
  return wall > 0 ? (100 * (to.cpuMs - from.cpuMs)) / wall : 0;
}
