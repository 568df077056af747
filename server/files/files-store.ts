import { and, asc, desc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { fileUploads, files } from '../db/schema-files.ts';
import { QUOTA_GRACE_BYTES, type FileKind, type FileStatus, type PageError } from '../../shared/file-schemas.ts';

export type FileRow = typeof files.$inferSelect;

export type Admission = { ok: true; row: FileRow } | { ok: false; usedBytes: number };

/** The files table: admission against the quota, status changes of the conversion, listing. */
export class FilesStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /**
   * Admits an upload and reserves its declared size in one IMMEDIATE transaction: with
   * at least 1 MB free, the file may go past the quota (POST-3); two uploads at the limit
   * cannot both see the same free space, because the first one's row already counts.
   */
  admit(input: { id: string; accountId: string; name: string; sizeBytes: number; quotaBytes: number; resumableUntil?: Date }): Admission {
    return this.db.transaction((tx) => {
      const used = usedBytesIn(tx, input.accountId);
      if (input.quotaBytes - used < QUOTA_GRACE_BYTES) return { ok: false as const, usedBytes: used };
      const now = this.now();
      const row = { id: input.id, accountId: input.accountId, name: input.name, sizeBytes: input.sizeBytes, status: 'uploading', createdAt: now, updatedAt: now };
      tx.insert(files).values(row).run();
      if (input.resumableUntil) tx.insert(fileUploads).values({ fileId: input.id, expiresAt: input.resumableUntil }).run();
      return { ok: true as const, row: tx.select().from(files).where(eq(files.id, input.id)).get()! };
    }, { behavior: 'immediate' });
  }

  usedBytes(accountId: string): number {
    return usedBytesIn(this.db, accountId);
  }

  get(id: string): FileRow | undefined {
    return this.db.select().from(files).where(eq(files.id, id)).get();
  }

  owned(accountId: string, id: string): FileRow | undefined {
    return this.db.select().from(files).where(and(eq(files.id, id), eq(files.accountId, accountId))).get();
  }

  list(accountId: string): FileRow[] {
    return this.db.select().from(files).where(eq(files.accountId, accountId)).orderBy(desc(files.createdAt)).all();
  }

  /** The upload is complete and sniffed: waiting for its conversion (a resumable upload is over). */
  queued(id: string, kind: FileKind, mime: string, sizeBytes: number): void {
    this.db.transaction((tx) => {
      tx.delete(fileUploads).where(eq(fileUploads.fileId, id)).run();
      tx.update(files).set({ status: 'queued', kind, mime, sizeBytes, progress: 0, updatedAt: this.now() }).where(eq(files.id, id)).run();
    });
  }

  /** A resumable upload of the account, still being received, and when it is dropped if nothing more comes. */
  resumable(accountId: string, id: string): { row: FileRow; expiresAt: Date } | undefined {
    const found = this.db.select({ row: files, expiresAt: fileUploads.expiresAt }).from(fileUploads).innerJoin(files, eq(files.id, fileUploads.fileId))
      .where(and(eq(fileUploads.fileId, id), eq(files.accountId, accountId), eq(files.status, 'uploading'))).get();
    return found;
  }

  /** More bytes came: the upload lives on until `expiresAt`. */
  touchUpload(id: string, expiresAt: Date): void {
    this.db.update(fileUploads).set({ expiresAt }).where(eq(fileUploads.fileId, id)).run();
  }

  /** Resumable uploads nobody has sent to in time: their ids (the caller drops rows and bytes). */
  expiredUploads(): string[] {
    return this.db.select({ id: fileUploads.fileId }).from(fileUploads).where(lt(fileUploads.expiresAt, this.now())).all().map((r) => r.id);
  }

  /** Ids of the resumable uploads still going (their bytes in `.incoming/` survive a restart). */
  resumableIds(): string[] {
    return this.db.select({ id: fileUploads.fileId }).from(fileUploads).all().map((r) => r.id);
  }

  nextQueued(): FileRow | undefined {
    return this.db.select().from(files).where(eq(files.status, 'queued')).orderBy(asc(files.updatedAt)).limit(1).get();
  }

  /**
   * After a restart: conversions that were running start again; single-request uploads
   * that were cut are dropped (resumable ones stay, to be resumed or to expire).
   */
  recover(): { interruptedUploads: FileRow[] } {
    this.db.update(files).set({ status: 'queued', progress: 0 }).where(eq(files.status, 'converting')).run();
    const resumable = this.db.select({ id: fileUploads.fileId }).from(fileUploads);
    const cut = this.db.select().from(files).where(and(eq(files.status, 'uploading'), notInArray(files.id, resumable))).all();
    if (cut.length) this.db.delete(files).where(inArray(files.id, cut.map((r) => r.id))).run();
    return { interruptedUploads: cut };
  }

  setStatus(id: string, status: FileStatus, extra: Partial<Pick<FileRow, 'progress' | 'error' | 'kind'>> = {}): void {
    this.update(id, { status, ...extra });
  }

  progress(id: string, progress: number): void {
    this.db.update(files).set({ progress: Math.round(progress), updatedAt: this.now() }).where(and(eq(files.id, id), eq(files.status, 'converting'))).run();
  }

  ready(id: string, result: { kind: FileKind; pages?: number; durationMs?: number; width?: number; height?: number; pageErrors: PageError[] }): void {
    this.update(id, {
      status: 'ready',
      progress: 100,
      kind: result.kind,
      pages: result.pages ?? null,
      durationMs: result.durationMs ?? null,
      width: result.width ?? null,
      height: result.height ?? null,
      pageErrors: result.pageErrors.length ? JSON.stringify(result.pageErrors) : null,
      error: null,
    });
  }

  rename(id: string, name: string): void {
    this.update(id, { name });
  }

  delete(id: string): boolean {
    return this.db.delete(files).where(eq(files.id, id)).run().changes > 0;
  }

  private update(id: string, set: Partial<FileRow>): void {
    this.db.update(files).set({ ...set, updatedAt: this.now() }).where(eq(files.id, id)).run();
  }
}

/** Every file the account keeps counts with the size of its original, whatever its state. */
function usedBytesIn(db: Pick<Db, 'select'>, accountId: string): number {
  const row = db.select({ used: sql<number>`coalesce(sum(${files.sizeBytes}), 0)` }).from(files).where(eq(files.accountId, accountId)).get();
  return Number(row?.used ?? 0);
}
