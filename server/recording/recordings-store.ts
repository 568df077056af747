import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { events } from '../db/schema-events.ts';
import { egressWebhookEvents, recordingParts, recordingSettings, recordingShares, recordings } from '../db/schema-recording.ts';
import type { RecordingState } from '../../shared/recording-schemas.ts';

export type RecordingRow = typeof recordings.$inferSelect;
export type PartRow = typeof recordingParts.$inferSelect;
export type ShareRow = typeof recordingShares.$inferSelect;
export interface Span {
  from: number;
  to: number;
}

/** The recordings tables, and nothing else (the service holds the rules). */
export class RecordingsStore {
  constructor(private readonly db: Db) {}

  insert(row: typeof recordings.$inferInsert): RecordingRow {
    return this.db.insert(recordings).values(row).returning().get();
  }

  get(id: string): RecordingRow | undefined {
    return this.db.select().from(recordings).where(eq(recordings.id, id)).get();
  }

  ofAccount(id: string, accountId: string): RecordingRow | undefined {
    return this.db.select().from(recordings).where(and(eq(recordings.id, id), eq(recordings.accountId, accountId))).get();
  }

  list(accountId: string): (RecordingRow & { eventName: string; eventPublicId: number })[] {
    return this.db
      .select({ r: recordings, eventName: events.name, eventPublicId: events.publicId })
      .from(recordings)
      .innerJoin(events, eq(events.id, recordings.eventId))
      .where(eq(recordings.accountId, accountId))
      .orderBy(desc(recordings.startedAt))
      .all()
      .map(({ r, eventName, eventPublicId }) => ({ ...r, eventName, eventPublicId }));
  }

  /** The recording with REC on for this event, if any. */
  activeFor(eventId: string): RecordingRow | undefined {
    return this.db.select().from(recordings).where(and(eq(recordings.eventId, eventId), eq(recordings.active, true))).get();
  }

  /** Recordings a restart must look at: REC still on, or cut while being processed. */
  unfinished(): RecordingRow[] {
    return this.db.select().from(recordings).where(sql`${recordings.active} = 1 or ${recordings.state} = 'processing'`).all();
  }

  update(id: string, changes: Partial<typeof recordings.$inferInsert>): void {
    this.db.update(recordings).set(changes).where(eq(recordings.id, id)).run();
  }

  setState(id: string, state: RecordingState, changes: Partial<typeof recordings.$inferInsert> = {}): void {
    this.update(id, { ...changes, state });
  }

  delete(id: string): void {
    this.db.delete(recordings).where(eq(recordings.id, id)).run();
  }

  /** Milliseconds of recordings the account keeps (what the plan's recording minutes limit). */
  usedMs(accountId: string): number {
    const row = this.db.select({ ms: sql<number>`coalesce(sum(coalesce(${recordings.durationMs}, 0)), 0)` }).from(recordings).where(eq(recordings.accountId, accountId)).get();
    return Number(row?.ms ?? 0);
  }

  // ── parts ──

  addPart(row: typeof recordingParts.$inferInsert): PartRow {
    return this.db.insert(recordingParts).values(row).returning().get();
  }

  parts(recordingId: string): PartRow[] {
    return this.db.select().from(recordingParts).where(eq(recordingParts.recordingId, recordingId)).orderBy(asc(recordingParts.seq)).all();
  }

  partsOf(recordingIds: string[]): PartRow[] {
    if (recordingIds.length === 0) return [];
    return this.db.select().from(recordingParts).where(inArray(recordingParts.recordingId, recordingIds)).orderBy(asc(recordingParts.seq)).all();
  }

  part(id: string): PartRow | undefined {
    return this.db.select().from(recordingParts).where(eq(recordingParts.id, id)).get();
  }

  partByEgress(egressId: string): PartRow | undefined {
    return this.db.select().from(recordingParts).where(eq(recordingParts.egressId, egressId)).get();
  }

  updatePart(id: string, changes: Partial<typeof recordingParts.$inferInsert>): void {
    this.db.update(recordingParts).set(changes).where(eq(recordingParts.id, id)).run();
  }

  setKept(partId: string, kept: Span[]): void {
    this.updatePart(partId, { kept: JSON.stringify(kept) });
  }

  // ── shares ──

  addShare(row: typeof recordingShares.$inferInsert): ShareRow {
    return this.db.insert(recordingShares).values(row).returning().get();
  }

  shares(recordingId: string): ShareRow[] {
    return this.db.select().from(recordingShares).where(and(eq(recordingShares.recordingId, recordingId), isNull(recordingShares.revokedAt))).orderBy(asc(recordingShares.createdAt)).all();
  }

  shareByToken(token: string): ShareRow | undefined {
    return this.db.select().from(recordingShares).where(and(eq(recordingShares.token, token), isNull(recordingShares.revokedAt))).get();
  }

  revokeShare(recordingId: string, shareId: string, at: Date): boolean {
    return this.db.update(recordingShares).set({ revokedAt: at }).where(and(eq(recordingShares.id, shareId), eq(recordingShares.recordingId, recordingId), isNull(recordingShares.revokedAt))).run().changes > 0;
  }

  // ── settings ──

  autostart(accountId: string): boolean {
    return this.db.select().from(recordingSettings).where(eq(recordingSettings.accountId, accountId)).get()?.autostart ?? false;
  }

  setAutostart(accountId: string, autostart: boolean): void {
    this.db.insert(recordingSettings).values({ accountId, autostart }).onConflictDoUpdate({ target: recordingSettings.accountId, set: { autostart } }).run();
  }

  // ── egress webhooks ──

  /** Records a webhook id; false when it was seen before (a duplicate delivery). */
  firstDelivery(id: string, at: Date): boolean {
    return this.db.insert(egressWebhookEvents).values({ id, receivedAt: at }).onConflictDoNothing().run().changes > 0;
  }
}

export const keptOf = (part: Pick<PartRow, 'kept'>): Span[] => JSON.parse(part.kept) as Span[];
