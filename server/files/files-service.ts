import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_FILE_BYTES, QUOTA_GRACE_BYTES, type FileOut, type PageError, type StorageOut } from '../../shared/file-schemas.ts';
import { limitsFor, servicePaused, type LimitsSubject, type PlanId } from '../../shared/plans.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import { sniffFile } from './file-sniff.ts';
import type { FileStorage } from './file-storage.ts';
import type { FileRow, FilesStore } from './files-store.ts';

const MB = 1024 * 1024;

export interface UploadInput {
  accountId: string;
  plan: PlanId | LimitsSubject;
  name: string;
  /** Content-Length of the request: the reservation against the quota. */
  declaredBytes: number | undefined;
  body: ReadableStream<Uint8Array> | null;
}

/**
 * The library's use cases over the store and the disk. An upload is streamed straight
 * to `.incoming/` with its size counted as it comes (never held in memory), sniffed, and
 * only then moved into place and queued; anything that goes wrong on the way removes
 * the row and the bytes, so nothing half-written stays behind.
 */
export class FilesService {
  private readonly deleteListeners: ((file: FileRow) => void)[] = [];
  private readonly deleteGuards: ((file: FileRow) => void)[] = [];

  constructor(
    private readonly store: FilesStore,
    private readonly storage: FileStorage,
    private readonly newId: () => string,
    private readonly logger: Logger,
    private readonly wakeConversions: () => void,
    private readonly cancelConversion: (fileId: string) => void,
  ) {}

  storageOf(accountId: string, plan: PlanId | LimitsSubject): StorageOut {
    const usedBytes = this.store.usedBytes(accountId);
    const quotaBytes = this.quotaOf(plan);
    return { usedBytes, quotaBytes, canUpload: quotaBytes - usedBytes >= QUOTA_GRACE_BYTES };
  }

  async upload(input: UploadInput): Promise<FileRow> {
    const quoted = `"${input.name}"`;
    if (input.declaredBytes === undefined) throw new AppError('length-required', 411, `Send the size of ${quoted} (Content-Length); uploads without it are refused.`);
    if (input.declaredBytes > MAX_FILE_BYTES) throw new AppError('file-too-large', 413, `${quoted} has ${formatMb(input.declaredBytes)}; a file may have at most ${formatMb(MAX_FILE_BYTES)}.`);
    if (input.declaredBytes === 0 || !input.body) throw new AppError('empty-file', 400, `${quoted} is empty.`, [{ field: 'body', message: 'The file is empty.' }]);
    const paused = this.pausedRefusal(input.plan, quoted);
    if (paused) {
      await discardBody(input.body, input.declaredBytes);
      throw paused;
    }
    const quotaBytes = this.quotaOf(input.plan);
    const id = this.newId();
    const admission = this.store.admit({ id, accountId: input.accountId, name: input.name, sizeBytes: input.declaredBytes, quotaBytes });
    if (!admission.ok) {
      // Read the refused bytes (at most the declared 500 MB) before answering: a client still
      // sending must get the answer, not a connection closed under it (which the HTTP layer
      // does when a body is not drained within half a second, as on a busy machine).
      await discardBody(input.body, input.declaredBytes);
      throw this.storageFull(quoted, admission.usedBytes, quotaBytes);
    }
    const incoming = this.storage.incoming(id);
    try {
      const received = await this.receive(input.body, incoming, input.declaredBytes, quoted);
      return await this.accept(id, input.name, received);
    } catch (error) {
      await this.discard(id);
      throw error;
    }
  }

  /**
   * A complete upload in `.incoming/<id>`: its type is read from the content (never the
   * name), then it moves into place and waits for its conversion. Throws a 415 naming the
   * file when it is not a type we take; the caller then discards it.
   */
  async accept(id: string, name: string, received: number): Promise<FileRow> {
    const incoming = this.storage.incoming(id);
    const sniffed = await sniffFile(incoming, name);
    if (!sniffed.ok) throw new AppError('unsupported-file', 415, sniffed.message, [{ field: 'body', message: sniffed.message }]);
    await mkdir(this.storage.dir(id), { recursive: true });
    await rename(incoming, this.storage.original(id));
    this.store.queued(id, sniffed.kind, sniffed.mime, received);
    this.wakeConversions();
    return this.store.get(id)!;
  }

  /** An upload that will not become a file: its row (and so its reserved quota) and every byte of it go. */
  async discard(id: string): Promise<void> {
    this.store.delete(id);
    this.storage.remove(id);
    await rm(this.storage.incoming(id), { force: true });
  }

  /** The quota of the plan now, in bytes. */
  quotaOf(plan: PlanId | LimitsSubject): number {
    return limitsFor(plan, new Date()).storageMegabytes * MB;
  }

  /** The refusal of any upload while the account is suspended or expired (its files stay), or undefined. */
  pausedRefusal(plan: PlanId | LimitsSubject, quoted: string): AppError | undefined {
    if (!servicePaused(limitsFor(plan, new Date()))) return undefined;
    return new AppError('account-inactive', 403, `This account is suspended or expired, so ${quoted} was not uploaded; its files stay. Reactivate the account on the plan page to upload again.`);
  }

  /** The refusal of an upload that the quota does not admit. */
  storageFull(quoted: string, usedBytes: number, quotaBytes: number): AppError {
    return new AppError('storage-full', 409, `Your file storage is full (${formatMb(usedBytes)} of ${formatMb(quotaBytes)} used), so ${quoted} was not uploaded. Delete files you no longer need, or add storage to your plan.`);
  }

  private async receive(body: ReadableStream<Uint8Array>, path: string, declared: number, quoted: string): Promise<number> {
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > declared) done(new AppError('length-mismatch', 400, `${quoted} is longer than its Content-Length said.`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), counter, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('upload-cut', 400, `The upload of ${quoted} was cut off after ${formatMb(received)}; nothing was kept. Try again.`);
    }
    if (received !== declared) throw new AppError('upload-cut', 400, `The upload of ${quoted} was cut off after ${formatMb(received)} of ${formatMb(declared)}; nothing was kept. Try again.`);
    return received;
  }

  list(accountId: string): FileRow[] {
    return this.store.list(accountId);
  }

  get(accountId: string, fileId: string): FileRow {
    const row = this.store.owned(accountId, fileId);
    if (!row || row.status === 'uploading') throw notFound('File');
    return row;
  }

  rename(accountId: string, fileId: string, name: string): FileRow {
    this.get(accountId, fileId);
    this.store.rename(fileId, name);
    return this.store.get(fileId)!;
  }

  /**
   * Called with a file about to be deleted, before its row and bytes go: whoever shows it
   * (a stage's slides or video) takes it off, so no room keeps pointing at a file that is gone.
   */
  onDeleted(listener: (file: FileRow) => void): void {
    this.deleteListeners.push(listener);
  }

  /** Called with a file before anything of its deletion happens: a guard that throws (an AppError with the reason) refuses it. */
  guardDeletion(guard: (file: FileRow) => void): void {
    this.deleteGuards.push(guard);
  }

  delete(accountId: string, fileId: string): void {
    const row = this.get(accountId, fileId);
    for (const guard of this.deleteGuards) guard(row);
    this.cancelConversion(fileId);
    for (const listener of this.deleteListeners) {
      try {
        listener(row);
      } catch (error) {
        this.logger.error(`file ${fileId}: taking it off the stage failed`, error);
      }
    }
    this.store.delete(fileId);
    this.storage.remove(fileId);
    this.logger.debug(`file ${fileId} deleted`);
  }
}

export function fileOut(row: FileRow): FileOut {
  const hasPicture = row.status === 'ready' && (row.kind !== 'audio');
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as FileOut['kind'],
    mime: row.mime,
    sizeBytes: row.sizeBytes,
    status: row.status as FileOut['status'],
    progress: row.progress,
    error: row.error,
    pageErrors: row.pageErrors ? (JSON.parse(row.pageErrors) as PageError[]) : [],
    pages: row.pages,
    durationMs: row.durationMs,
    width: row.width,
    height: row.height,
    thumbnailUrl: hasPicture ? `/files/${row.id}/thumbnail` : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Reads a refused request body to its end (no more than `limit` bytes) and throws nothing away but the bytes. */
async function discardBody(body: ReadableStream<Uint8Array>, limit: number): Promise<void> {
  const reader = body.getReader();
  let read = 0;
  try {
    while (read <= limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } catch {
    // The client went away: nothing to answer.
  } finally {
    reader.releaseLock();
  }
}

export function formatMb(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
