import type { Db } from './database.ts';

/** Commits of one group come at least this far apart while writes pour in (a lone write commits at once). */
const COMMIT_GAP_MS = 10;

/**
 * Writes committed together in one SQLite transaction: those of the same event-loop
 * turn, and while writes keep coming, those of the next `gapMs`. During a join storm
 * each join writes its participant, its attendance and its device, each in its own
 * turn: one commit each was 600 commits a second and, with them, a WAL checkpoint
 * (an fsync on the event loop) every few hundred ms. Every caller gets a promise that
 * settles once its own write is committed, so "written before anyone is told" still
 * holds. When the group's transaction fails, each write is tried on its own, so one
 * bad row fails only its own caller.
 */
export class WriteGroup {
  private pending: { write: (tx: Db) => void; resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Cancels the commit that is scheduled, if one is. */
  private cancelScheduled: (() => void) | undefined;
  private lastCommitAt = -Infinity;

  constructor(private readonly db: Db, private readonly gapMs = COMMIT_GAP_MS) {}

  add(write: (tx: Db) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      if (this.cancelScheduled) return;
      const wait = this.lastCommitAt + this.gapMs - performance.now();
      if (wait > 0) {
        const timer = setTimeout(() => this.flush(), wait);
        this.cancelScheduled = () => clearTimeout(timer);
      } else {
        const immediate = setImmediate(() => this.flush());
        this.cancelScheduled = () => clearImmediate(immediate);
      }
    });
  }

  /** Commits everything queued so far (also called on the way out). */
  flush(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.lastCommitAt = performance.now();
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.db.transaction((tx) => {
        for (const item of batch) item.write(tx as unknown as Db);
      });
      for (const item of batch) item.resolve();
    } catch {
      for (const item of batch) {
        try {
          // Alone, but still all or nothing (a write may be several statements).
          this.db.transaction((tx) => item.write(tx as unknown as Db));
          item.resolve();
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }
}

const groups = new WeakMap<Db, WriteGroup>();

/** The one group of a database: the writes of a join (participant, attendance, device) share its commits. */
export function sharedWriteGroup(db: Db): WriteGroup {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new WriteGroup(db)));
  return group;
}
