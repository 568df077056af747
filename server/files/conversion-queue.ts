import { link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileKind } from '../../shared/file-schemas.ts';
import type { Logger } from '../logger.ts';
import { ConversionError, type ConversionJob, type ConversionResult } from './convert/conversion.ts';
import { convertImage, convertMedia } from './convert/media.ts';
import { officeToPdf } from './convert/office.ts';
import { pdfToPages } from './convert/pdf-pages.ts';
import { sniffFile } from './file-sniff.ts';
import type { FileStorage } from './file-storage.ts';
import type { FileRow, FilesStore } from './files-store.ts';
import type { Sandbox } from './sandbox.ts';

const PROGRESS_WRITE_MS = 500;

/**
 * The conversions, one at a time (the machine may have two cores), as durable jobs: the
 * queue is the files table itself (`queued` rows, oldest first), so a restart picks up
 * where it stopped: a conversion that was running is queued again and done from the
 * start in a fresh working directory; its earlier output is never half-used.
 */
export class ConversionQueue {
  private running: Promise<void> | undefined;
  private current: { fileId: string; abort: AbortController } | undefined;
  private stopped = true;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: FilesStore,
    private readonly storage: FileStorage,
    private readonly sandbox: Sandbox,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** A deleted file's conversion stops at once (its process group is killed). */
  cancel(fileId: string): void {
    if (this.current?.fileId === fileId) this.current.abort.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.abort.abort();
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let row = this.store.nextQueued(); row && !this.stopped; row = this.store.nextQueued()) {
      await this.convert(row);
    }
  }

  private async convert(row: FileRow): Promise<void> {
    const abort = new AbortController();
    this.current = { fileId: row.id, abort };
    const jobDir = this.storage.workDir(row.id);
    const started = this.now();
    this.store.setStatus(row.id, 'converting', { progress: 0, error: null });
    try {
      await rm(jobDir, { recursive: true, force: true });
      for (const dir of ['in', 'out', 'home', 'tmp']) await mkdir(join(jobDir, dir), { recursive: true });
      const sniffed = await sniffFile(this.storage.original(row.id), row.name);
      const ext = sniffed.ok ? sniffed.ext : 'bin';
      await link(this.storage.original(row.id), join(jobDir, 'in', `source.${ext}`));
      let lastWrite = 0;
      const job: ConversionJob = {
        sandbox: this.sandbox, jobDir, input: `/job/in/source.${ext}`, name: row.name, kind: row.kind as FileKind, signal: abort.signal,
        onProgress: (percent) => {
          if (this.now() - lastWrite < PROGRESS_WRITE_MS) return;
          lastWrite = this.now();
          this.store.progress(row.id, percent);
        },
      };
      const result = await run(job, ext);
      if (abort.signal.aborted || !this.store.get(row.id)) return;
      await this.keep(row.id, join(jobDir, 'out'));
      this.store.ready(row.id, result);
      this.logger.info(`file ${row.id} converted (${row.kind}) in ${this.now() - started} ms`);
    } catch (error) {
      if (!this.store.get(row.id)) return;
      if (this.stopped && abort.signal.aborted) {
        this.store.setStatus(row.id, 'queued', { progress: 0 });
        return;
      }
      const message = error instanceof ConversionError ? error.message : `"${row.name}" could not be converted because of an internal error; try again, or export it to PDF or MP4 first.`;
      if (!(error instanceof ConversionError)) this.logger.error(`conversion of file ${row.id} failed`, error);
      this.store.setStatus(row.id, 'failed', { error: message, progress: 0 });
    } finally {
      this.current = undefined;
      await rm(jobDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Moves what the conversion made next to the original (one rename per entry: no copy). */
  private async keep(fileId: string, out: string): Promise<void> {
    const dir = this.storage.dir(fileId);
    for (const entry of await readdir(out)) {
      await rm(join(dir, entry), { recursive: true, force: true });
      await rename(join(out, entry), join(dir, entry));
    }
  }

  /** Resolves when nothing is converting (tests and the benchmark). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

async function run(job: ConversionJob, ext: string): Promise<ConversionResult> {
  switch (job.kind) {
    case 'pdf':
      return { kind: 'pdf', ...(await pdfToPages(job, job.input, { from: 0, to: 100 })) };
    case 'document': {
      const pdf = await officeToPdf(job, ext);
      return { kind: 'document', ...(await pdfToPages(job, pdf, { from: 40, to: 100 })) };
    }
    case 'image':
      return convertImage(job, ext);
    case 'video':
    case 'audio':
      return convertMedia(job);
    default:
      throw new ConversionError(`"${job.name}" is not a type we can convert.`);
  }
}
