import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RoomRecording } from '../../shared/recording-schemas.ts';
import { servicePaused, type PlanLimits } from '../../shared/plans.ts';
import { AppError } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import { joinParts, probeFile, thumbnail } from './mp4-tools.ts';
import type { RecorderBackend, RunningPart } from './recorder-backend.ts';
import { keptOf, type RecordingRow, type RecordingsStore, type Span } from './recordings-store.ts';

/** The event as the service needs it. */
export interface RecordedEvent {
  id: string;
  publicId: number;
  accountId: string;
}

/** The internal "recording ready" moment (the statistics issue turns it into a webhook). */
export interface RecordingReady {
  recordingId: string;
  eventId: string;
  accountId: string;
  durationMs: number;
  sizeBytes: number;
}

export interface RecordingServiceDeps {
  store: RecordingsStore;
  backend: RecorderBackend;
  /** DATA_DIR/recordings */
  dir: string;
  limitsOf(accountId: string): PlanLimits;
  logger: Logger;
  newId(): string;
  now(): Date;
  onReady(ready: RecordingReady): void;
  /** Tells the rooms that a recording's light changed (REC on/off/paused). */
  onChange(eventKey: string): void;
  /** The longest one recording may run, from its start (12 hours; shorter in tests). */
  maxDurationMs?: number;
}

/** One recording stops by itself after this long (vendors cap at 4–12 h): the file stays a size a browser can play and a disk can hold. */
export const MAX_RECORDING_MS = 12 * 60 * 60_000;
export const CAP_NOTE = 'Stopped at the 12-hour limit of one recording; the file is complete up to there. Press REC again to go on in a new recording.';

interface Live {
  event: RecordedEvent;
  recordingId: string;
  partId: string;
  part: RunningPart | undefined;
  paused: boolean;
  /** A stop is under way: a dying recorder is not restarted. */
  stopping: boolean;
  /** Fires at the 12-hour cap. */
  cap?: NodeJS.Timeout;
}

/** Waits (up to 20 s) until a file has stopped growing for a second. */
async function settled(file: string): Promise<void> {
  const size = () => (existsSync(file) ? statSync(file).size : -1);
  const deadline = Date.now() + 20_000;
  let last = size();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = size();
    if (now === last) return;
    last = now;
  }
}

/** A recorder that dies is restarted as a new part at most this often per recording. */
const MAX_RESTARTS = 5;

/**
 * Recording's rules (ROOM-13): one recording with REC on per event; the plan's recording
 * minutes block only new recordings (one running goes on past them); private mode never
 * reaches the file (pause, resume after); the stop or the end of the event joins the
 * parts into one faststart MP4 in seconds; a restart turns what a crash cut into a
 * playable partial file and, while the room is live with REC on, records a new part.
 */
export class RecordingService {
  private readonly live = new Map<string, Live>();
  private readonly restarts = new Map<string, number>();
  private closing = false;
  /** Thumbnails are drawn one after the other, after the file is ready. */
  private thumbnails: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RecordingServiceDeps) {}

  folder(recordingId: string): string {
    return join(this.deps.dir, recordingId);
  }

  finalFile(recordingId: string): string {
    return join(this.folder(recordingId), 'recording.mp4');
  }

  thumbFile(recordingId: string): string {
    return join(this.folder(recordingId), 'thumb.jpg');
  }

  partFile(recordingId: string, seq: number): string {
    return join(this.folder(recordingId), `part-${seq}.mp4`);
  }

  /** What the room's light shows for this event. */
  roomView(eventKey: string): RoomRecording {
    const live = this.live.get(eventKey);
    if (live) return live.paused ? 'paused' : 'recording';
    return '';
  }

  /** Recordings with a recorder running now (for /health). */
  running(): number {
    return this.live.size;
  }

  isOn(eventKey: string): boolean {
    return this.live.has(eventKey) || this.deps.store.activeFor(eventKey) !== undefined;
  }

  /** The account's recording time, used and allowed (the plan's minutes). */
  storage(accountId: string): { limitMinutes: number; usedMinutes: number; full: boolean } {
    const limitMinutes = this.deps.limitsOf(accountId).recordingMinutes;
    const usedMs = this.deps.store.usedMs(accountId);
    return { limitMinutes, usedMinutes: Math.round(usedMs / 600) / 100, full: usedMs >= limitMinutes * 60_000 };
  }

  /** REC: starts a recording of the event (paused when the room is in private mode). */
  async start(event: RecordedEvent, options: { language: string; paused: boolean }): Promise<void> {
    if (this.isOn(event.id)) return; // a second click, or autostart after the host's REC
    const why = this.deps.backend.unavailable();
    if (why) throw new AppError('recorder-unavailable', 503, `Recording is not available on this server: ${why}`);
    if (servicePaused(this.deps.limitsOf(event.accountId))) {
      throw new AppError('account-inactive', 403, 'This account is suspended or expired, so nothing can be recorded; its recordings stay. Reactivate it on the plan page.');
    }
    if (this.storage(event.accountId).full) {
      throw new AppError('recording-quota', 403, 'Your plan\'s recording time is used up. Delete or download older recordings, or upgrade, to record again.');
    }
    const now = this.deps.now();
    const row = this.deps.store.insert({
      id: this.deps.newId(), accountId: event.accountId, eventId: event.id, backend: this.deps.backend.name,
      state: options.paused ? 'paused' : 'recording', active: true, language: options.language, startedAt: now, createdAt: now,
    });
    mkdirSync(this.folder(row.id), { recursive: true });
    await this.startPart(event, row, options.paused);
  }

  /** The room of an event with REC on opened again (after a restart): a new part starts while it is live. */
  async roomOpened(event: RecordedEvent, room: { live: boolean; private: boolean }): Promise<void> {
    if (this.live.has(event.id) || !room.live || this.closing) return;
    const row = this.deps.store.activeFor(event.id);
    if (!row) return;
    this.deps.store.setState(row.id, room.private ? 'paused' : 'recording');
    await this.startPart(event, row, room.private);
  }

  private async startPart(event: RecordedEvent, row: RecordingRow, paused: boolean): Promise<void> {
    const seq = (this.deps.store.parts(row.id).at(-1)?.seq ?? 0) + 1;
    const part = this.deps.store.addPart({ id: this.deps.newId(), recordingId: row.id, seq, state: 'writing', createdAt: this.deps.now() });
    const live: Live = { event, recordingId: row.id, partId: part.id, part: undefined, paused, stopping: false };
    this.live.set(event.id, live);
    this.deps.onChange(event.id);
    try {
      live.part = await this.deps.backend.startPart(
        { recordingId: row.id, partId: part.id, eventKey: event.id, eventPublicId: event.publicId, file: this.partFile(row.id, seq), paused },
        {
          kept: (spans) => this.deps.store.setKept(part.id, spans),
          died: (reason) => void this.partDied(event, live, part.id, reason),
        },
      );
      this.armCap(event.id, live, row);
    } catch (error) {
      this.live.delete(event.id);
      this.deps.store.updatePart(part.id, { state: 'closed', error: (error as Error).message });
      this.deps.store.setState(row.id, 'failed', { active: false, error: (error as Error).message, endedAt: this.deps.now() });
      this.deps.onChange(event.id);
      throw new AppError('recorder-failed', 503, `The recorder could not start: ${(error as Error).message}`);
    }
  }

  /**
   * The cap counts from the recording's start, across parts and restarts: a part started
   * after a crash gets only what is left of the 12 hours.
   */
  private armCap(eventKey: string, live: Live, row: RecordingRow): void {
    const max = this.deps.maxDurationMs ?? MAX_RECORDING_MS;
    const left = row.startedAt.getTime() + max - this.deps.now().getTime();
    live.cap = setTimeout(() => {
      if (this.live.get(eventKey) !== live || live.stopping) return;
      this.deps.logger.warn(`recording ${row.id}: stopped at the ${Math.round(max / 60_000)}-minute limit of one recording`);
      void this.finish(eventKey, row, CAP_NOTE).catch((e: unknown) => this.deps.logger.error(`recording ${row.id}: the capped recording did not finish`, e));
    }, Math.max(0, left));
    live.cap.unref?.();
  }

  /** A recorder died on its own: the part is kept and, while REC is on, a new one starts. */
  private async partDied(event: RecordedEvent, live: Live, partId: string, reason: string): Promise<void> {
    this.deps.store.updatePart(partId, { state: 'closed', error: reason });
    if (live.stopping || this.closing || this.live.get(event.id) !== live || live.partId !== partId || !live.part) return;
    this.deps.logger.warn(`recording ${live.recordingId}: the recorder stopped (${reason}); starting a new part`);
    clearTimeout(live.cap);
    this.live.delete(event.id);
    const count = (this.restarts.get(live.recordingId) ?? 0) + 1;
    this.restarts.set(live.recordingId, count);
    const row = this.deps.store.get(live.recordingId);
    if (!row) return;
    if (count > MAX_RESTARTS) {
      await this.finish(event.id, row, `the recorder kept stopping (${reason})`);
      return;
    }
    await this.startPart(event, row, live.paused).catch((error: unknown) => this.deps.logger.error(`recording ${row.id}: no new part`, error));
  }

  /** Private mode began (`at`, ms since the epoch): nothing from then on reaches the file. */
  pause(eventKey: string, at: number): void {
    const live = this.live.get(eventKey);
    if (!live || live.paused) return;
    live.paused = true;
    if (this.deps.backend.canPause) live.part?.pause(at);
    else {
      // Egress cannot pause: the part ends here and the end of private mode starts the next.
      const part = live.part;
      live.part = undefined;
      void part?.stop().then(() => this.deps.store.updatePart(live.partId, { state: 'closed' }));
    }
    this.deps.store.setState(live.recordingId, 'paused');
    this.deps.onChange(eventKey);
  }

  resume(eventKey: string, at: number): void {
    const live = this.live.get(eventKey);
    if (!live || !live.paused) return;
    live.paused = false;
    this.deps.store.setState(live.recordingId, 'recording');
    if (this.deps.backend.canPause) live.part?.resume(at);
    else {
      const row = this.deps.store.get(live.recordingId);
      if (row) void this.startPart(live.event, row, false).catch((e: unknown) => this.deps.logger.error(`recording ${row.id}: no new part after private mode`, e));
    }
    this.deps.onChange(eventKey);
  }

  /** The host's stop, or the end of the event: the file is made at once. */
  async stop(eventKey: string): Promise<void> {
    const row = this.deps.store.activeFor(eventKey);
    if (!row) return;
    await this.finish(eventKey, row);
  }

  private async finish(eventKey: string, row: RecordingRow, error?: string): Promise<void> {
    const live = this.live.get(eventKey);
    this.deps.store.update(row.id, { active: false, state: 'processing', endedAt: this.deps.now() });
    if (live) {
      live.stopping = true;
      clearTimeout(live.cap);
      this.live.delete(eventKey);
      this.deps.onChange(eventKey);
      await live.part?.stop().catch((e: unknown) => this.deps.logger.warn(`recording ${row.id}: the recorder did not stop cleanly`, e));
      this.deps.store.updatePart(live.partId, { state: 'closed' });
    }
    await this.makeFile(row.id, false, error);
  }

  /**
   * Joins every part written so far into the library's MP4 (streams copied, moov first)
   * and records its figures. `partial`: REC is still on after a crash, more will follow.
   */
  async makeFile(recordingId: string, partial: boolean, error?: string): Promise<void> {
    const row = this.deps.store.get(recordingId);
    if (!row) return;
    const parts = this.deps.store.parts(recordingId).filter((p) => {
      const file = this.partFile(recordingId, p.seq);
      return existsSync(file) && statSync(file).size > 0;
    });
    try {
      const final = this.finalFile(recordingId);
      await joinParts(parts.map((p) => this.partFile(recordingId, p.seq)), final);
      const facts = await probeFile(final);
      // A partial file is ready to play too; a new part after the restart turns it back to recording.
      this.deps.store.update(recordingId, { state: 'ready', partial, durationMs: facts.durationMs, sizeBytes: facts.sizeBytes, error: error ?? null });
      if (!partial) {
        for (const p of parts) rmSync(this.partFile(recordingId, p.seq), { force: true });
        this.deps.onReady({ recordingId, eventId: row.eventId, accountId: row.accountId, durationMs: facts.durationMs, sizeBytes: facts.sizeBytes });
      }
      // The file is ready to play already; its picture for the list follows a moment later.
      this.thumbnails = this.thumbnails.then(() => thumbnail(final, this.thumbFile(recordingId), facts.durationMs)).catch((e: unknown) => this.deps.logger.warn(`recording ${recordingId}: no thumbnail`, e));
    } catch (e) {
      this.deps.logger.error(`recording ${recordingId}: the file could not be made`, e);
      this.deps.store.update(recordingId, { state: 'failed', partial, error: `The file could not be made: ${(e as Error).message}` });
    }
  }

  /**
   * At start-up: parts a crash cut are closed and the recording so far becomes a playable
   * file marked partial (REC stays on: the room's return starts a new part); recordings
   * cut while being processed are processed again.
   */
  async recover(): Promise<void> {
    for (const row of this.deps.store.unfinished()) {
      for (const part of this.deps.store.parts(row.id)) {
        if (part.state !== 'writing') continue;
        // The recorder of the process that died finishes its file when it notices (its IPC channel closed).
        await settled(this.partFile(row.id, part.seq));
        this.deps.store.updatePart(part.id, { state: 'closed', error: 'cut by a restart of the server' });
        await this.closeCutSpans(row.id, part.id, part.seq, keptOf(part));
      }
      this.deps.logger.warn(`recording ${row.id}: ${row.active ? 'cut by a restart; the recording so far is kept as a partial file' : 'processing again after a restart'}`);
      await this.makeFile(row.id, row.active);
    }
  }

  /** The last span of a cut part ends where its file ends (the recorder's last report may be older). */
  private async closeCutSpans(recordingId: string, partId: string, seq: number, spans: Span[]): Promise<void> {
    const file = this.partFile(recordingId, seq);
    if (!existsSync(file) || statSync(file).size === 0 || spans.length === 0) return;
    const facts = await probeFile(file).catch(() => undefined);
    if (!facts) return;
    const before = spans.slice(0, -1).reduce((ms, s) => ms + (s.to - s.from), 0);
    const last = spans.at(-1)!;
    last.to = last.from + Math.max(0, facts.durationMs - before);
    this.deps.store.setKept(partId, spans);
  }

  /** Removes a recording and its files; refused while REC is on. */
  remove(row: RecordingRow): void {
    if (row.active) throw new AppError('recording-running', 409, 'This recording is still running; stop it first.');
    rmSync(this.folder(row.id), { recursive: true, force: true });
    this.deps.store.delete(row.id);
  }

  /** Server shutdown: parts end with complete files; REC stays on so the restart resumes. */
  async shutdown(): Promise<void> {
    this.closing = true;
    await this.deps.backend.shutdown();
    await this.thumbnails;
    for (const live of this.live.values()) {
      clearTimeout(live.cap);
      this.deps.store.updatePart(live.partId, { state: 'closed' });
    }
    this.live.clear();
  }
}
