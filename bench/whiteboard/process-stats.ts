import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** CPU time and memory of a process from /proc (Linux), for the server under test. */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
  cpuSeconds: number;
  at: number;
}

export function cpuOf(pid: number): CpuSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, at: performance.now() };
}

/** Share of one core used between two samples, in percent. */
export function cpuPercent(from: CpuSample, to: CpuSample): number {
  return (100 * (to.cpuSeconds - from.cpuSeconds)) / ((to.at - from.at) / 1000);
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process's memory every half second and keeps the peak. */
export class MemoryWatch {
  peak = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 500);
  }

  sample(): number {
    const rss = rssMegabytes(this.pid);
    this.peak = Math.max(this.peak, rss);
    return rss;
  }

  stop(): number {
    clearInterval(this.timer);
    return this.sample();
  }
}

export function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}
