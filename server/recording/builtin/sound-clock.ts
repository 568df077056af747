/** Opus's RTP clock. */
const RTP_RATE = 48_000;
/** A packet that came this much later than its RTP time says starts a new stretch (a silence the sender left out of its clock, a stall here). */
const BREAK_MS = 60;
/** A stretch is closed after this long, so a slow drift of the sender's clock never builds up. */
const STRETCH_MS = 10_000;

/**
 * One run of packets whose RTP times follow each other as their sound does. Its offset
 * (wall time minus RTP time) is that of its fastest packet, including packets that
 * arrive after a block was stamped: blocks read it when the timeline writes them, about
 * 1.7 s after the sound was made, so a packet that waited (jitter, a busy page) is still
 * put where it belongs once a faster one of its stretch has come.
 */
class Stretch {
  constructor(public offset: number, readonly since: number) {}
}

/** A block of sound whose wall time is read when it is written (see Stretch). */
export class SoundBlock {
  constructor(private readonly stretch: Stretch, private readonly rtpMs: number, private readonly delayMs: number, readonly samples: Int16Array) {}

  get at(): number {
    return this.rtpMs + this.stretch.offset + this.delayMs;
  }
}

/**
 * Maps one track's RTP clock onto the wall clock. RTP time alone cannot be trusted across
 * a silence (a sender that sends nothing while it is quiet may not advance its clock by
 * the time it was quiet: measured with @livekit/rtc-node speakers, 2 s of wall time came
 * with 0.56 s of RTP time), so the mapping holds only within a stretch of packets that
 * keep up with each other; arrival times alone jitter by tens of milliseconds and by
 * hundreds on a busy machine, so within a stretch the fastest packet decides.
 */
export class SoundClock {
  private unwrapped: number | undefined;
  private last: { rtpMs: number; arrival: number } | undefined;
  private stretch: Stretch | undefined;

  /** `delayMs`: how long after a moment the recorder view shows its picture; the sound goes there too. */
  constructor(private readonly delayMs: number) {}

  /** The block for `samples`, from the packet stamped `rtpTimestamp` that arrived at `arrival` (wall-clock ms). */
  block(rtpTimestamp: number, arrival: number, samples: Int16Array): SoundBlock {
    const rtpMs = (this.unwrap(rtpTimestamp) * 1000) / RTP_RATE;
    const offset = arrival - rtpMs;
    const previous = this.last;
    this.last = { rtpMs, arrival };
    let stretch = this.stretch;
    const late = stretch && previous && offset - stretch.offset > BREAK_MS && arrival - previous.arrival > rtpMs - previous.rtpMs + BREAK_MS;
    if (!stretch || !previous || rtpMs <= previous.rtpMs || late || arrival - stretch.since > STRETCH_MS) stretch = this.stretch = new Stretch(offset, arrival);
    else stretch.offset = Math.min(stretch.offset, offset);
    return new SoundBlock(stretch, rtpMs, this.delayMs, samples);
  }

  private unwrap(rtpTimestamp: number): number {
    if (this.unwrapped === undefined) this.unwrapped = rtpTimestamp;
    else this.unwrapped += ((rtpTimestamp - (this.unwrapped >>> 0) + 2 ** 31) >>> 0) - 2 ** 31;
    return this.unwrapped;
  }
}
