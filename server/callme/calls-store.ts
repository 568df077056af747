import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { callmeCalls } from '../db/schema-callme.ts';
import { newId } from '../domain/secrets.ts';

export type CallState = 'ringing' | 'active' | 'ended' | 'unanswered';
export interface Call { id: string; packageId: string; visitorId: string; state: CallState; consultantId: string | null; rejectedBy: string[] }

type Row = typeof callmeCalls.$inferSelect;
const toCall = (r: Row): Call => ({ id: r.id, packageId: r.packageId, visitorId: r.visitorId, state: r.state as CallState, consultantId: r.consultantId, rejectedBy: JSON.parse(r.rejectedBy) as string[] });

/**
 * Voice calls of the click-to-call button (CALL-2, CALL-5). Every change of state is one
 * conditional UPDATE, so a double click on "Answer" or an answer racing a hang-up
 * changes the call once; `consultant_id` is whom it rings (or who answered).
 */
export class CallsStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  create(packageId: string, visitorId: string): Call {
    const row = { id: newId(), packageId, visitorId, state: 'ringing', consultantId: null, rejectedBy: '[]', createdAt: this.now(), answeredAt: null, endedAt: null };
    this.db.insert(callmeCalls).values(row).run();
    return toCall(row);
  }

  find(id: string): Call | undefined {
    const row = this.db.select().from(callmeCalls).where(eq(callmeCalls.id, id)).get();
    return row ? toCall(row) : undefined;
  }

  /** The visitor's call still ringing or in progress, if any. */
  openOf(visitorId: string): Call | undefined {
    return this.db.select().from(callmeCalls).where(eq(callmeCalls.visitorId, visitorId)).all().map(toCall).find((c) => c.state === 'ringing' || c.state === 'active');
  }

  /** Calls of a package still ringing or in progress: after a restart, the ones the new room takes over. */
  openOfPackage(packageId: string): Call[] {
    return this.db.select().from(callmeCalls).where(and(eq(callmeCalls.packageId, packageId), inArray(callmeCalls.state, ['ringing', 'active']))).all().map(toCall);
  }

  /** The call a consultant is talking in now (in any package), if any: they are Busy until it ends. */
  activeOf(consultantId: string): Call | undefined {
    const row = this.db.select().from(callmeCalls).where(and(eq(callmeCalls.consultantId, consultantId), eq(callmeCalls.state, 'active'))).get();
    return row ? toCall(row) : undefined;
  }

  ringing(id: string, consultantId: string | null): void {
    this.db.update(callmeCalls).set({ consultantId }).where(and(eq(callmeCalls.id, id), eq(callmeCalls.state, 'ringing'))).run();
  }

  /** Records a refusal (reject or an unanswered ring) and stops ringing that consultant. */
  rejected(id: string, consultantId: string): Call | undefined {
    const call = this.find(id);
    if (!call || call.state !== 'ringing' || call.consultantId !== consultantId) return undefined;
    const rejectedBy = [...new Set([...call.rejectedBy, consultantId])];
    this.db.update(callmeCalls).set({ consultantId: null, rejectedBy: JSON.stringify(rejectedBy) }).where(and(eq(callmeCalls.id, id), eq(callmeCalls.state, 'ringing'))).run();
    return { ...call, consultantId: null, rejectedBy };
  }

  /** True for exactly one answer, and only by the consultant it rings. */
  answer(id: string, consultantId: string): boolean {
    return this.db.update(callmeCalls).set({ state: 'active', answeredAt: this.now() })
      .where(and(eq(callmeCalls.id, id), eq(callmeCalls.state, 'ringing'), eq(callmeCalls.consultantId, consultantId))).run().changes === 1;
  }

  /** Ends a ringing or active call; the state it had, or undefined when it was over already. */
  end(id: string, state: 'ended' | 'unanswered'): Call | undefined {
    const call = this.find(id);
    if (!call || (call.state !== 'ringing' && call.state !== 'active')) return undefined;
    const changed = this.db.update(callmeCalls).set({ state, endedAt: this.now() }).where(and(eq(callmeCalls.id, id), eq(callmeCalls.state, call.state))).run().changes === 1;
    return changed ? call : undefined;
  }
}
