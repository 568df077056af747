/**
 * The line at the door of the live rooms. When more people arrive than the process
 * can seat at once (a webinar starting on the hour: thousands within seconds), each
 * seat reservation waits its turn here, first come first served, instead of all of
 * them competing for the one event loop until the slowest time out or their
 * reservation expires. At most `maxInFlight` joins are under way at a time: from the
 * seat reservation until the room has admitted the socket, or `holdMs` passed: a
 * slow socket must not hold its place longer, or a busy process would let in only
 * `maxInFlight` people per hold time (the reservation itself stays valid for longer). A waiting client can ask for its place (`ahead`), which the
 * room page shows ("Joining… 120 ahead of you").
 */
export class AdmissionLine {
  private readonly waiting: { key: string; seq: number; go: (release: () => void) => void }[] = [];
  private head = 0;
  private readonly seqOf = new Map<string, number>();
  private nextSeq = 0;
  /** The sequence number of the last one let through. */
  private admittedSeq = -1;
  private inFlight = 0;
  private readonly holds = new Map<string, () => void>();

  constructor(private readonly maxInFlight = 200, private readonly holdMs = 3000) {}

  /** Waits for a turn; resolves with the function that gives the place back. */
  enter(key: string): Promise<() => void> {
    const seq = this.nextSeq++;
    if (this.inFlight < this.maxInFlight && this.head === this.waiting.length) {
      this.admittedSeq = seq;
      return Promise.resolve(this.take());
    }
    this.seqOf.set(key, seq);
    return new Promise<() => void>((go) => this.waiting.push({ key, seq, go }));
  }

  /** How many are in line before `key`, or undefined when it is not waiting. */
  ahead(key: string): number | undefined {
    const seq = this.seqOf.get(key);
    return seq === undefined ? undefined : Math.max(0, seq - this.admittedSeq - 1);
  }

  /** Waiting now, for the logs and the health of the process. */
  get length(): number {
    return this.waiting.length - this.head;
  }

  /**
   * The reservation for `sessionId` is made: its place is given back when the room
   * admits that session (`admitted`), or after `holdMs` if the client never connects.
   */
  holdUntilAdmitted(sessionId: string, release: () => void): void {
    const timer = setTimeout(() => this.admitted(sessionId), this.holdMs);
    timer.unref?.();
    this.holds.set(sessionId, () => {
      clearTimeout(timer);
      release();
    });
  }

  admitted(sessionId: string): void {
    const release = this.holds.get(sessionId);
    if (!release) return;
    this.holds.delete(sessionId);
    release();
  }

  private take(): () => void {
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.next();
    };
  }

  private next(): void {
    while (this.inFlight < this.maxInFlight && this.head < this.waiting.length) {
      const turn = this.waiting[this.head++]!;
      if (this.seqOf.get(turn.key) === turn.seq) this.seqOf.delete(turn.key);
      this.admittedSeq = turn.seq;
      // The place is taken now, not when the waiter's continuation runs.
      turn.go(this.take());
    }
    // Drop the served part of the array now and then so it does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }
}
