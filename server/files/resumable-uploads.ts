import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_FILE_BYTES, type UploadOut } from '../../shared/file-schemas.ts';
import type { LimitsSubject, PlanId } from '../../shared/plans.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import type { FileStorage } from './file-storage.ts';
import { formatMb, type FilesService } from './files-service.ts';
import type { FileRow, FilesStore } from './files-store.ts';

export interface ChunkInput {
  /** The Content-Range header: `bytes <first>-<last>/<size>`. */
  contentRange: string | undefined;
  /** The Content-Length header, as sent. */
  contentLength: string | undefined;
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Resumable uploads (POST-3), a small chunked protocol: create (name and whole size: the
 * quota is reserved at once, in the same transaction as the single-request upload's), PUT
 * the bytes in pieces with `Content-Range`, each streamed to the end of `.incoming/<id>`
 * (never held in memory), ask where the server is after a cut (the length on disk is the
 * truth: whatever reached the disk counts), and finish: the content is sniffed then, as for
 * any upload. An upload nobody sends to for `idleMs` is dropped with its bytes and its
 * reservation; one upload takes one PUT at a time.
 */
export class ResumableUploads {
  /**
   * The uploads receiving a piece right now: one PUT at a time per upload, so two pieces
   * never append to the same file at once. In memory, per process: right for the one
   * process that serves an upload's bytes (they are on its disk). It guards no quota: the
   * quota is reserved in SQLite when the upload is created (FilesStore.admit, one
   * IMMEDIATE transaction), which holds across processes too.
   */
  private readonly busy = new Set<string>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly files: FilesService,
    private readonly store: FilesStore,
    private readonly storage: FileStorage,
    private readonly newId: () => string,
    private readonly logger: Logger,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: { accountId: string; plan: PlanId | LimitsSubject; name: string; sizeBytes: number }): Promise<UploadOut> {
    const quoted = `"${input.name}"`;
    if (input.sizeBytes > MAX_FILE_BYTES) throw new AppError('file-too-large', 413, `${quoted} has ${formatMb(input.sizeBytes)}; a file may have at most ${formatMb(MAX_FILE_BYTES)}.`);
    if (input.sizeBytes === 0) throw new AppError('empty-file', 400, `${quoted} is empty.`, [{ field: 'sizeBytes', message: 'The file is empty.' }]);
    const paused = this.files.pausedRefusal(input.plan, quoted);
    if (paused) throw paused;
    const quotaBytes = this.files.quotaOf(input.plan);
    const id = this.newId();
    const admission = this.store.admit({ id, accountId: input.accountId, name: input.name, sizeBytes: input.sizeBytes, quotaBytes, resumableUntil: this.expiry() });
    if (!admission.ok) throw this.files.storageFull(quoted, admission.usedBytes, quotaBytes);
    try {
      await writeFile(this.storage.incoming(id), new Uint8Array(0), { flag: 'wx' });
    } catch (error) {
      await this.files.discard(id);
      throw error;
    }
    return this.status(input.accountId, id);
  }

  async status(accountId: string, id: string): Promise<UploadOut> {
    const { row, expiresAt } = this.find(accountId, id);
    return { id, name: row.name, sizeBytes: row.sizeBytes, offset: await this.offset(id), expiresAt: expiresAt.toISOString() };
  }

  /** One piece, appended where the server is; a piece that does not start there is refused with the offset to send from. */
  async append(accountId: string, id: string, chunk: ChunkInput): Promise<UploadOut> {
    const { row } = this.find(accountId, id);
    const quoted = `"${row.name}"`;
    const range = parseContentRange(chunk.contentRange, row.sizeBytes, quoted);
    const length = range.last - range.first + 1;
    if (chunk.contentLength === undefined || !/^\d+$/.test(chunk.contentLength)) throw new AppError('length-required', 411, `Send the size of this piece of ${quoted} (Content-Length).`);
    if (Number(chunk.contentLength) !== length) throw new AppError('length-mismatch', 400, `This piece of ${quoted} has ${chunk.contentLength} bytes, but its Content-Range says ${length}.`);
    this.hold(id, quoted);
    try {
      const offset = await this.offset(id);
      if (range.first !== offset) throw new AppError('offset-mismatch', 409, `The server holds ${offset} bytes of ${quoted}; send the piece that starts at byte ${offset}.`);
      if (!chunk.body) throw new AppError('length-mismatch', 400, `This piece of ${quoted} is empty.`);
      await this.receive(chunk.body, id, length, quoted);
    } finally {
      this.busy.delete(id);
      this.store.touchUpload(id, this.expiry());
    }
    return this.status(accountId, id);
  }

  /** All bytes are in: sniffed, moved into place and queued for conversion (a second call answers the same file). */
  async finish(accountId: string, id: string): Promise<{ row: FileRow; created: boolean }> {
    const done = this.store.owned(accountId, id);
    if (done && done.status !== 'uploading') return { row: done, created: false };
    const { row } = this.find(accountId, id);
    const quoted = `"${row.name}"`;
    this.hold(id, quoted);
    try {
      const offset = await this.offset(id);
      if (offset !== row.sizeBytes) throw new AppError('upload-incomplete', 409, `The server holds ${formatMb(offset)} of ${formatMb(row.sizeBytes)} of ${quoted}; send the rest (from byte ${offset}) first.`);
      try {
        return { row: await this.files.accept(id, row.name, offset), created: true };
      } catch (error) {
        await this.files.discard(id);
        throw error;
      }
    } finally {
      this.busy.delete(id);
    }
  }

  /** The uploader gave up: the reservation and the bytes go now rather than at expiry. */
  async abandon(accountId: string, id: string): Promise<void> {
    const { row } = this.find(accountId, id);
    this.hold(id, `"${row.name}"`);
    try {
      await this.files.discard(id);
    } finally {
      this.busy.delete(id);
    }
  }

  /** Drops the uploads nobody sent to in time (not one receiving right now). */
  async sweepExpired(): Promise<number> {
    let dropped = 0;
    for (const id of this.store.expiredUploads()) {
      if (this.busy.has(id)) continue;
      await this.files.discard(id);
      dropped++;
    }
    if (dropped) this.logger.info(`files: ${dropped} abandoned upload(s) expired and were dropped`);
    return dropped;
  }

  /** Sweeps at start and then every quarter of the idle time (at most once a minute). */
  start(): void {
    const every = Math.max(250, Math.min(60_000, Math.floor(this.idleMs / 4)));
    const sweep = () => void this.sweepExpired().catch((error: unknown) => this.logger.error('files: sweeping expired uploads failed', error));
    sweep();
    this.sweeper = setInterval(sweep, every);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private find(accountId: string, id: string): { row: FileRow; expiresAt: Date } {
    const found = this.store.resumable(accountId, id);
    if (!found) throw notFound('Upload');
    return found;
  }

  private hold(id: string, quoted: string): void {
    if (this.busy.has(id)) throw new AppError('upload-busy', 409, `A piece of ${quoted} is being received right now; wait for it, then ask where the upload is.`);
    this.busy.add(id);
  }

  private async offset(id: string): Promise<number> {
    return (await stat(this.storage.incoming(id))).size;
  }

  private expiry(): Date {
    return new Date(this.now() + this.idleMs);
  }

  /** Appends exactly `length` bytes; a cut keeps what reached the disk (that is where the next piece starts). */
  private async receive(body: ReadableStream<Uint8Array>, id: string, length: number, quoted: string): Promise<void> {
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > length) done(new AppError('length-mismatch', 400, `This piece of ${quoted} is longer than its Content-Range said.`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), counter, createWriteStream(this.storage.incoming(id), { flags: 'a' }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('upload-cut', 400, `This piece of ${quoted} was cut off after ${formatMb(received)}; ask where the upload is and go on from there.`);
    }
    if (received !== length) throw new AppError('upload-cut', 400, `This piece of ${quoted} was cut off after ${received} of ${length} bytes; ask where the upload is and go on from there.`);
  }
}

/** `bytes <first>-<last>/<size>` within the file's declared size, or a 400 naming what is wrong. */
export function parseContentRange(header: string | undefined, sizeBytes: number, quoted: string): { first: number; last: number } {
  const match = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header?.trim() ?? '');
  const bad = (why: string) => new AppError('bad-range', 400, `${why} (upload of ${quoted}, ${sizeBytes} bytes).`, [{ field: 'content-range', message: why }]);
  if (!match) throw bad('Send Content-Range: bytes <first>-<last>/<size>');
  const [first, last, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (total !== sizeBytes) throw bad(`The size in Content-Range (${total}) is not the size the upload was created with`);
  if (last < first) throw bad('The last byte of the range comes before its first');
  if (last >= sizeBytes) throw bad(`The range goes past the end of the file (its last byte is ${sizeBytes - 1})`);
  return { first, last };
}
