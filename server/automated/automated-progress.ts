import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { automatedProgress } from '../db/schema-automated.ts';

/** Where each automated room stands in its timeline (see the table's comment). */
export class AutomatedProgress {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(eventId: string): { appliedAtMs: number | null; chatByHand: boolean } | undefined {
    return this.db.select().from(automatedProgress).where(eq(automatedProgress.eventId, eventId)).get();
  }

  applied(eventId: string, appliedAtMs: number): void {
    const updatedAt = this.now();
    this.db.insert(automatedProgress).values({ eventId, appliedAtMs, updatedAt })
      .onConflictDoUpdate({ target: automatedProgress.eventId, set: { appliedAtMs, updatedAt } }).run();
  }

  chatTakenByHand(eventId: string): void {
    const updatedAt = this.now();
    this.db.insert(automatedProgress).values({ eventId, appliedAtMs: null, chatByHand: true, updatedAt })
      .onConflictDoUpdate({ target: automatedProgress.eventId, set: { chatByHand: true, updatedAt } }).run();
  }
}
