/** How far back the stream's way through is judged, and which of its fastest arrivals counts (a few outliers must not). */
const WINDOW_MS = 10_000;
const QUANTILE = 0.1;

/**
 * Where each packet or frame of one received RTP stream belongs on the receiver's clock,
 * by its RTP timestamp rather than by when it happened to arrive. The sender stamps its
 * media by capture (sound by the sample count, video by the capture clock), so the
 * timestamps are exact; the receiver only has to find the stream's fast way through
 * (a low quantile of arrival − timestamp over the last seconds), and every packet is
 * placed at its own timestamp plus that. Delays after that (a busy machine, a late event
 * loop, a jitter buffer) change nothing, which is what keeps the recorder's sound and
 * picture together under load: both are placed against their own fast arrivals, so
 * neither drifts with the load. A quantile rather than the minimum: LiveKit's few blank
 * frames at the start of a subscription carry timestamps that do not continue into the
 * real stream (tried: one of them placed the sound 1.2 s early), and a sender that jumps
 * in its timestamps is followed within the window.
 */
export class ArrivalClock {
  private last: number | undefined;
  /** RTP ticks since the first packet (unwrapped: 32-bit timestamps wrap). */
  private ticks = 0;
  private readonly recent: { arrival: number; estimate: number }[] = [];

  /** @param ticksPerMs the RTP clock rate in ticks per millisecond (48 for Opus, 90 for video). */
  constructor(private readonly ticksPerMs: number) {}

  /** Takes one packet's RTP timestamp and arrival time (ms); returns where it belongs on the arrival clock. */
  place(rtpTimestamp: number, arrival: number): number {
    const rtp = rtpTimestamp >>> 0;
    // The signed 32-bit difference: a wrap, or a packet out of order, moves by what it really is.
    if (this.last !== undefined) this.ticks += (rtp - this.last) | 0;
    this.last = rtp;
    const offset = this.ticks / this.ticksPerMs;
    this.recent.push({ arrival, estimate: arrival - offset });
    while (this.recent.length > 1 && this.recent[0]!.arrival < arrival - WINDOW_MS) this.recent.shift();
    const sorted = this.recent.map((r) => r.estimate).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length * QUANTILE)]! + offset;
  }
}
