import type { Db } from './database.ts';

/**
 * Writes that arrive in the same event-loop turn, committed together in one SQLite
 * transaction: during a join storm hundreds of attendance rows a second cost one
 * commit each turn instead of one each. Every caller gets a promise that settles once
 * its own write is committed, so "written before anyone is told" still holds. When
 * the group's transaction fails, each write is tried on its own, so one bad row fails
 * only its own caller.
 */
export class WriteGroup {
  private pending: { write: (tx: Db) => void; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  add(write: (tx: Db) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued so far (also called on the way out). */
  flush(): void {
    this.scheduled = false;
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
