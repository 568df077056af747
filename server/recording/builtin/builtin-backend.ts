import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RECORDER_PLAYOUT_DELAY_MS } from '../../../shared/recording-schemas.ts';
import type { Logger } from '../../logger.ts';
import type { MediaService } from '../../media/media-service.ts';
import { FFMPEG } from '../mp4-tools.ts';
import type { PartJob, PartListener, RecorderBackend, RunningPart } from '../recorder-backend.ts';
import type { RecorderJob, RecorderMessage, RecorderReport } from './recorder-protocol.ts';

const MAIN = join(import.meta.dirname, 'recorder-main.ts');
/** Measured on this machine: decoding, drawing and compositing a frame take about this long after its playout time. */
const PICTURE_PATH_MS = 60;
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

export interface BuiltinOptions {
  media: MediaService;
  /** Our own address, where the recorder page is served. */
  baseUrl(): string;
  /** The built client (the recorder view is one of its routes). */
  clientIndex: string;
  chromium: string;
  preset: string;
  logger: Logger;
  /** A read-only ticket to the event's live room for the recorder page (the stage as everyone sees it). */
  recorderTicket(eventKey: string, recorderId: string): Promise<string>;
}

/**
 * The default back-end: a child process per part (recorder-main.ts) that renders our
 * recorder view in Chromium and writes the part with ffmpeg. A child, not a thread: the
 * browser and the encoder must not share the room server's event loop or memory, and a
 * crash of either ends only that part (the service then starts a new one).
 */
export class BuiltinBackend implements RecorderBackend {
  readonly name = 'builtin' as const;
  readonly canPause = true;
  private readonly running = new Set<ChildProcess>();

  constructor(private readonly options: BuiltinOptions) {}

  unavailable(): string | undefined {
    if (!this.options.media.available) return 'audio and video (LiveKit) are not available';
    if (!existsSync(this.options.chromium)) return `Chromium is not installed (${this.options.chromium})`;
    if (!existsSync(FFMPEG)) return 'ffmpeg is not installed';
    if (!existsSync(this.options.clientIndex)) return 'the browser client is not built (npm run build)';
    return undefined;
  }

  async startPart(job: PartJob, listener: PartListener): Promise<RunningPart> {
    const credentials = await this.options.media.recorderCredentials(job.eventKey, `recorder-${job.recordingId}`);
    if (!credentials) throw new Error('audio and video (LiveKit) are not available');
    const ticket = await this.options.recorderTicket(job.eventKey, job.recordingId);
    const fragment = new URLSearchParams({ url: credentials.url, token: credentials.token, ticket });
    const recorderJob: RecorderJob = {
      pageUrl: `${this.options.baseUrl()}/record/${job.eventPublicId}#${fragment.toString()}`,
      // The page's sound is stamped by when it was made; the picture of that moment shows this much later.
      playoutDelayMs: RECORDER_PLAYOUT_DELAY_MS + PICTURE_PATH_MS,
      file: job.file,
      paused: job.paused,
      preset: this.options.preset,
      chromium: this.options.chromium,
      ffmpeg: FFMPEG,
    };
    // The child gets the IPC channel; when this process dies in any way, the channel closes and it finishes its file.
    const child = fork(MAIN, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    this.running.add(child);
    let stopped = false;
    let started = false;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let lastFailure = '';
    child.on('message', (report: RecorderReport) => {
      if (report.type === 'kept') listener.kept(report.spans);
      if (report.type === 'failed') lastFailure = report.reason;
    });
    child.once('exit', (code, signal) => {
      this.running.delete(child);
      if (!stopped && started) listener.died(lastFailure || `the recorder exited (${signal ?? code})`);
    });
    const send = (m: RecorderMessage | { type: 'job'; job: RecorderJob }) => {
      if (child.connected) child.send(m);
    };
    send({ type: 'job', job: recorderJob });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the recorder did not start in time')), START_TIMEOUT_MS);
      child.on('message', (report: RecorderReport) => {
        if (report.type === 'started') {
          clearTimeout(timer);
          started = true;
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(lastFailure || 'the recorder exited before it started'));
      });
    }).catch((error: unknown) => {
      stopped = true;
      child.kill('SIGKILL');
      throw error;
    });
    this.options.logger.info(`recording ${job.recordingId}: part recording (pid ${child.pid})`);
    return {
      pause: (at) => send({ type: 'pause', at }),
      resume: (at) => send({ type: 'resume', at }),
      stop: async () => {
        stopped = true;
        send({ type: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      },
    };
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.running].map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      if (child.connected) child.send({ type: 'stop' } satisfies RecorderMessage);
      setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS).unref();
    })));
  }
}
