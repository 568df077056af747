/**
 * A latency histogram with logarithmic buckets 1% wide, from 10 µs to about two
 * minutes: a million samples cost a few kilobytes, histograms from several processes
 * merge by adding their counts, and a percentile is off by at most 1% (always upward,
 * as the upper edge of its bucket is reported).
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const BUCKETS = Math.ceil(Math.log(120_000 / MIN_MS) / Math.log(GROWTH)) + 1;

export interface HistogramData {
  counts: number[];
  max: number;
}

export class Histogram {
  readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const value = Math.max(ms, 0);
    const bucket = value <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(value / MIN_MS) / Math.log(GROWTH)));
    this.counts[bucket]! += 1;
    this.count += 1;
    if (value > this.max) this.max = value;
  }

  /** The value at or under which `p` percent of the samples lie (NaN when empty). */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min(this.max, MIN_MS * GROWTH ** bucket);
    }
    return this.max;
  }

  merge(other: Histogram | HistogramData): this {
    const counts: ArrayLike<number> = other.counts;
    let added = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const n = counts[bucket] ?? 0;
      this.counts[bucket]! += n;
      added += n;
    }
    this.count += added;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** Plain data for IPC (sparse arrays would not survive JSON, so zeros stay). */
  toData(): HistogramData {
    return { counts: Array.from(this.counts), max: this.max };
  }

  static from(data: HistogramData | undefined): Histogram {
    const histogram = new Histogram();
    if (data) histogram.merge(data);
    return histogram;
  }
}

/** Exact percentile of a small list of samples (e.g. one value per message). */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
