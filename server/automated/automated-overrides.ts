import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { automatedOverrides } from '../db/schema-automated.ts';
import { newId } from '../domain/secrets.ts';

export interface OverrideEntry { at: string; positionMs: number; kind: 'manual' | 'skipped'; action: string; by: string }

/** The log of manual changes in automated rooms and of the timeline actions they overrode. */
export class AutomatedOverrides {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  record(eventId: string, entry: Omit<OverrideEntry, 'at'>): void {
    this.db.insert(automatedOverrides).values({ id: newId(), eventId, at: this.now(), ...entry }).run();
  }

  /** Newest first, at most 500 (a room with more manual changes than that is not automated any more). */
  list(eventId: string): OverrideEntry[] {
    return this.db.select().from(automatedOverrides).where(eq(automatedOverrides.eventId, eventId)).orderBy(desc(automatedOverrides.at)).limit(500).all()
      .map((r) => ({ at: r.at.toISOString(), positionMs: r.positionMs, kind: r.kind, action: r.action, by: r.by }));
  }
}
